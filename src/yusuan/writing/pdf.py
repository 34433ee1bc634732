"""The disclosure as PDF: the HTML page printed by WeasyPrint, searchable text in an embedded CJK
font (Noto Sans CJK from Debian's fonts-noto-cjk, found through fontconfig)."""

from __future__ import annotations

from pathlib import Path


def html_to_pdf(html: str, out: Path) -> None:
    from weasyprint import HTML  # imported here: it is slow to import and only PDF needs it

    HTML(string=html).write_pdf(out)
