"""The original PDF given back with each confirmed finding boxed and annotated on its page
(PDF square annotations through pdfium), so the unit sees the very place to correct."""

from __future__ import annotations

import ctypes
import io
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium

from .pages import _lock

_RED = (220, 30, 30, 255)


def _wide(text: str) -> Any:
    """A string as pdfium takes it: UTF-16LE, ending in a null character."""
    data = (text + "\0").encode("utf-16-le")
    return ctypes.cast(ctypes.create_string_buffer(data, len(data)), ctypes.POINTER(pdfium.FPDF_WCHAR))


def annotated(data: bytes, findings: list[dict[str, Any]]) -> tuple[bytes, int]:
    """The PDF with a box for each finding that has a page and a box (x0, top, x1, bottom in
    points from the top left); returns it and how many boxes it holds."""
    boxed = 0
    with _lock:
        pdf = pypdfium2.PdfDocument(data)
        try:
            for finding in findings:
                page_number, box = finding.get("page"), finding.get("bbox")
                if not page_number or not box or not 1 <= page_number <= len(pdf):
                    continue
                page = pdf[page_number - 1]
                height = page.get_height()
                x0, top, x1, bottom = box
                annotation = pdfium.FPDFPage_CreateAnnot(page.raw, pdfium.FPDF_ANNOT_SQUARE)
                # PDF space counts up from the page's bottom
                pdfium.FPDFAnnot_SetRect(annotation, pdfium.FS_RECTF(x0 - 2, height - top + 2, x1 + 2,
                                                                      height - bottom - 2))
                pdfium.FPDFAnnot_SetColor(annotation, pdfium.FPDFANNOT_COLORTYPE_Color, *_RED)
                pdfium.FPDFAnnot_SetBorder(annotation, 0, 0, 1.5)
                note = f"{finding['rule']}：{finding['message']}"
                if finding.get("comment"):
                    note += f"\n审核意见：{finding['comment']}"
                pdfium.FPDFAnnot_SetStringValue(annotation, b"Contents", _wide(note))
                pdfium.FPDFAnnot_SetStringValue(annotation, b"T", _wide("预算公开审核"))
                pdfium.FPDFPage_CloseAnnot(annotation)
                boxed += 1
            buffer = io.BytesIO()
            pdf.save(buffer)
        finally:
            pdf.close()
    return buffer.getvalue(), boxed
