"""A PDF's pages as images, rendered on demand (pypdfium2), so that a finding can be boxed on
the page it came from."""

from __future__ import annotations

import io
import threading
from collections import OrderedDict

import pypdfium2

SCALE = 1.5  # 108 dpi: legible, small
_CACHE_SIZE = 64
_cache: OrderedDict[tuple[str, int], bytes] = OrderedDict()
_lock = threading.Lock()  # pdfium is not thread-safe


class PageError(ValueError):
    pass


def _open(data: bytes) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise PageError(f"PDF 无法打开：{error}") from error


def sizes(data: bytes) -> list[tuple[float, float]]:
    """Each page's width and height in PDF points."""
    with _lock:
        pdf = _open(data)
        try:
            return [pdf[index].get_size() for index in range(len(pdf))]
        finally:
            pdf.close()


def png(key: str, data: bytes, page: int) -> bytes:
    """Page `page` (from 1) as PNG."""
    with _lock:
        cached = _cache.get((key, page))
        if cached is not None:
            _cache.move_to_end((key, page))
            return cached
        pdf = _open(data)
        try:
            if not 1 <= page <= len(pdf):
                raise PageError(f"PDF 只有 {len(pdf)} 页，没有第 {page} 页")
            image = pdf[page - 1].render(scale=SCALE).to_pil()
        finally:
            pdf.close()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=False)
        out = buffer.getvalue()
        _cache[(key, page)] = out
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
        return out
