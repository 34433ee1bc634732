"""PDF reading against pdfplumber's extract_tables and Camelot's stream mode, on the same PDFs in
one run: time per page and amount cells right.

The PDFs: each seed with a table grid, written as Word and exported by LibreOffice (truth: the
seed's own cells), and the real published PDFs of ../shared/real/ where present (time only:
their truth is not transcribed here). yusuan reads the whole document to JSON; the rivals
extract tables only. A cell is right when the amount stands in its row and column:
- yusuan: the disclosure read from the PDF holds the amount in the row and template column the
  seed's own reading holds it in;
- the rivals: a table row they return carries the row's label cells and the amount at the same
  column offset from them as in the seed's grid.

Run: bash scripts/bench.sh -k pdf   (needs the `bench` extra: pip install -e ".[bench]");
`python benchmarks/test_bench_pdf.py` prints the comparison as a Markdown table.
"""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conftest import FIGURES  # noqa: E402

from tests.documents import to_pdf, write_docx  # noqa: E402
from yusuan.api import parse  # noqa: E402
from yusuan.errors import UnreadableError  # noqa: E402
from yusuan.jsonout import dumps  # noqa: E402
from yusuan.model import Disclosure  # noqa: E402

SEEDS = [seed for seed in sorted((ROOT / "samples" / "seeds").glob("*.txt"))
         if "\t" in seed.read_text(encoding="utf-8")]
REAL = sorted((ROOT.parent / "shared" / "real").glob("*.pdf")) or sorted(Path("/work/shared/real").glob("*.pdf"))
REAL_GROUP_PATHS = {pdf.name: pdf for pdf in REAL}
_MADE = Path(tempfile.gettempdir()) / "yusuan-bench-pdf"
_DECIMAL = re.compile(r"^-?[\d,]+\.\d+$")
_SPACE = re.compile(r"\s+")


@cache
def made_pdf(seed: Path) -> Path:
    _MADE.mkdir(exist_ok=True)
    pdf = _MADE / f"{seed.stem}.pdf"
    if not pdf.exists():
        to_pdf(write_docx(seed, _MADE / f"{seed.stem}.docx"), _MADE)
    return pdf


def pages(pdf: Path) -> int:
    document = pdfium.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


# --- the three readers -------------------------------------------------------------------

def yusuan_json(pdf: Path) -> str:
    return dumps(parse(pdf))


def plumber_tables(pdf: Path) -> list[list[list[str | None]]]:
    import pdfplumber

    with pdfplumber.open(str(pdf)) as document:
        return [table for page in document.pages for table in page.extract_tables()]


def camelot_tables(pdf: Path) -> list[list[list[str | None]]]:
    import camelot

    found = camelot.read_pdf(str(pdf), pages="all", flavor="stream")
    return [table.df.values.tolist() for table in found]


RIVALS: dict[str, Callable[[Path], list[list[list[str | None]]]]] = {
    "pdfplumber": plumber_tables, "camelot-stream": camelot_tables}


# --- accuracy ------------------------------------------------------------------------------

def _clean(cell: str | None) -> str:
    return _SPACE.sub("", cell or "")


def truth_rows(seed: Path) -> list[tuple[str, int, list[tuple[int, str]]]]:
    """The seed grid's rows with amounts: (label, column of its first label cell, amounts)."""
    rows = []
    for line in seed.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        cells = [_clean(cell) for cell in line.split("\t")]
        amounts = [(index, cell) for index, cell in enumerate(cells) if _DECIMAL.match(cell)]
        labels = [index for index, cell in enumerate(cells) if cell and not _DECIMAL.match(cell)]
        if amounts and labels:
            rows.append(("".join(cells[i] for i in labels), labels[0], amounts))
    return rows


def rival_accuracy(seed: Path, tables: list[list[list[str | None]]]) -> tuple[int, int]:
    """(right, all) amount cells of the seed's grid found in the rival's rows."""
    found: dict[str, list[tuple[int, list[str]]]] = {}
    for table in tables:
        for row in table:
            cells = [_clean(cell) for cell in row]
            labels = [i for i, cell in enumerate(cells) if cell and not _DECIMAL.match(cell)]
            if labels:
                found.setdefault("".join(cells[i] for i in labels), []).append((labels[0], cells))
    right = total = 0
    for label, first, amounts in truth_rows(seed):
        total += len(amounts)
        candidates = found.get(label)
        if not candidates:
            continue
        start, cells = candidates.pop(0)
        right += sum(1 for column, text in amounts
                     if 0 <= column - first + start < len(cells) and cells[column - first + start] == text)
    return right, total


def _cells(disclosure: Disclosure) -> list[tuple[str, int, str, str]]:
    return [(key, index, column, str(amount.value)) for key, table in disclosure.tables.items()
            for index, row in enumerate(table.rows) for column, amount in row.values.items()]


def yusuan_accuracy(seed: Path, pdf: Path) -> tuple[int, int]:
    truth = set(_cells(parse(seed)))
    got = set(_cells(parse(pdf)))
    return len(truth & got), len(truth)


# --- benchmarks ----------------------------------------------------------------------------

needs_office = pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
# per (PDFs, tool): seconds (the best round) and pages, summed over the PDFs benchmarked so far
_TOTALS: dict[tuple[str, str], list[float]] = {}


def _record(group: str, tool: str, benchmark, count: int) -> None:  # type: ignore[no-untyped-def]
    """Add a PDF's time to its tool's total and restate the comparison in the figures printed
    after the run (conftest.FIGURES): time per page, pages per second, pdfplumber ÷ yusuan."""
    total = _TOTALS.setdefault((group, tool), [0.0, 0])
    total[0] += benchmark.stats.stats.min
    total[1] += count
    for (where, name), (seconds, pages) in _TOTALS.items():
        if where == group:
            FIGURES[f"{group}: {name}"] = (f"{seconds / pages * 1000:.1f} ms/page, {pages / seconds:.0f} pages/s "
                                           f"({pages:.0f} pages)")
    ours, theirs = _TOTALS.get((group, YUSUAN)), _TOTALS.get((group, "pdfplumber"))
    if ours and theirs:
        FIGURES[f"{group}: pdfplumber ÷ yusuan per page"] = (
            f"{theirs[0] / theirs[1] / (ours[0] / ours[1]):.1f}x (on the PDFs both have read)")


YUSUAN = "yusuan (whole document → JSON)"
MADE, REAL_GROUP = "LibreOffice PDFs of the seeds", "real PDFs (../shared/real)"


def _count_cells(group: str, tool: str, right: int, total: int) -> None:
    key = f"{group}: {tool} amount cells right"
    done = FIGURES.get(key, "0/0").split("/")
    FIGURES[key] = f"{int(done[0]) + right}/{int(done[1]) + total}"


@needs_office
@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name[:3] for seed in SEEDS])
def test_yusuan_made_pdf(benchmark, seed: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = made_pdf(seed)
    benchmark.extra_info["pages"] = pages(pdf)
    benchmark.pedantic(yusuan_json, args=(pdf,), rounds=3, iterations=1)
    _record(MADE, YUSUAN, benchmark, pages(pdf))
    right, total = yusuan_accuracy(seed, pdf)
    benchmark.extra_info["cells"] = f"{right}/{total}"
    _count_cells(MADE, YUSUAN, right, total)
    assert right == total


@needs_office
@pytest.mark.parametrize("rival", list(RIVALS))
@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name[:3] for seed in SEEDS])
def test_rival_made_pdf(benchmark, seed: Path, rival: str) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip({"pdfplumber": "pdfplumber", "camelot-stream": "camelot"}[rival])
    pdf = made_pdf(seed)
    benchmark.extra_info["pages"] = pages(pdf)
    tables = benchmark.pedantic(RIVALS[rival], args=(pdf,), rounds=1, iterations=1)
    _record(MADE, rival, benchmark, pages(pdf))
    right, total = rival_accuracy(seed, tables)
    benchmark.extra_info["cells"] = f"{right}/{total}"
    _count_cells(MADE, rival, right, total)


def yusuan_or_refusal(pdf: Path) -> str:
    """The JSON, or the refusal (a 决算 is read, then refused: its time counts all the same)."""
    try:
        return yusuan_json(pdf)
    except UnreadableError as error:
        return str(error)


@pytest.mark.parametrize("pdf", REAL, ids=[pdf.stem[:40] for pdf in REAL])
@pytest.mark.parametrize("tool", [YUSUAN, "pdfplumber"])
def test_real_pdf(benchmark, pdf: Path, tool: str) -> None:  # type: ignore[no-untyped-def]
    if tool == "pdfplumber":
        pytest.importorskip("pdfplumber")
    benchmark.extra_info["pages"] = pages(pdf)
    benchmark.pedantic(yusuan_or_refusal if tool == YUSUAN else plumber_tables, args=(pdf,),
                       rounds=2 if tool == YUSUAN else 1, iterations=1)
    _record(REAL_GROUP, tool, benchmark, pages(pdf))


# the peak resident memory of the reading process itself: /proc's VmHWM (ru_maxrss would carry
# the high-water mark of the process that started it across the exec)
_PEAK = ("import resource, sys; from pathlib import Path; from yusuan.api import parse; "
         "from yusuan.jsonout import dumps; from yusuan.errors import UnreadableError\n"
         "try: dumps(parse(Path(sys.argv[1])))\nexcept UnreadableError: pass\n"
         "status = Path('/proc/self/status')\n"
         "peak = [line.split()[1] for line in status.read_text().splitlines() if line.startswith('VmHWM')] "
         "if status.exists() else []\n"
         "print(peak[0] if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")


def peak_memory(pdf: Path) -> int:
    """Bytes: the peak resident memory of a process that reads the PDF whole, to JSON."""
    out = subprocess.run([sys.executable, "-c", _PEAK, str(pdf)], capture_output=True, text=True, check=True,
                         timeout=1800)
    return int(out.stdout.split()[-1]) * 1024


def _child_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@pytest.mark.skipif(not REAL, reason="no real PDFs here")
def test_largest_memory_of_the_real_pdfs(benchmark) -> None:  # type: ignore[no-untyped-def]
    """Each real PDF read whole in a process of its own: the largest peak memory."""
    peaks = benchmark.pedantic(lambda: {pdf.name: peak_memory(pdf) for pdf in REAL}, rounds=1, iterations=1)
    name = max(peaks, key=peaks.__getitem__)
    FIGURES[f"{REAL_GROUP}: largest peak memory"] = (
        f"{peaks[name] / 2**20:.0f} MiB ({name}, {pages(REAL_GROUP_PATHS[name])} pages; the whole process)")
    assert peaks[name] < 2**30


@needs_office
def test_memory_of_a_500_page_pdf(benchmark, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Reading a 500-page PDF whole (to JSON) keeps the process under 1 GiB."""
    big = long_pdf(made_pdf(SEEDS[0]), tmp_path / "long.pdf", 500)
    before = _child_seconds()
    peak = benchmark.pedantic(peak_memory, args=(big,), rounds=1, iterations=1)
    FIGURES["500-page PDF (a seed's pages repeated): peak memory"] = (
        f"{peak / 2**20:.0f} MiB; {_child_seconds() - before:.1f} s CPU whole document to JSON, in its own "
        "process (imports included)")
    assert peak < 2**30


def long_pdf(source: Path, out: Path, count: int) -> Path:
    document = pdfium.PdfDocument.new()
    original = pdfium.PdfDocument(str(source))
    while len(document) < count:
        document.import_pages(original, list(range(min(len(original), count - len(document)))))
    document.save(str(out))
    document.close()
    original.close()
    return out


# --- the comparison as a table -------------------------------------------------------------

def _timed(function: Callable[[], object]) -> tuple[float, object]:
    """The better of two runs in CPU time (the first also loads libraries and fills caches; the
    machine may be shared)."""
    best, result = float("inf"), None
    for _ in range(2):
        started = time.process_time()
        result = function()
        best = min(best, time.process_time() - started)
    return best, result


def main() -> None:
    print("| PDF | pages | tool | ms/page | amount cells right |")
    print("|---|---|---|---|---|")
    for seed in SEEDS:
        pdf = made_pdf(seed)
        count = pages(pdf)
        seconds, _ = _timed(lambda pdf=pdf: yusuan_json(pdf))
        right, total = yusuan_accuracy(seed, pdf)
        print(f"| {seed.name[:3]} (LibreOffice) | {count} | yusuan (whole document → JSON) | "
              f"{seconds / count * 1000:.1f} | {right}/{total} |")
        for name, rival in RIVALS.items():
            seconds, tables = _timed(lambda rival=rival, pdf=pdf: rival(pdf))
            right, total = rival_accuracy(seed, tables)  # type: ignore[arg-type]
            print(f"| {seed.name[:3]} (LibreOffice) | {count} | {name} (tables only) | "
                  f"{seconds / count * 1000:.1f} | {right}/{total} |")
    total_pages = sum(pages(pdf) for pdf in REAL)
    ours, _ = _timed(lambda: [yusuan_or_refusal(p) for p in REAL])
    theirs, _ = _timed(lambda: [plumber_tables(p) for p in REAL])
    print(f"| {len(REAL)} real PDFs | {total_pages} | yusuan (whole document → JSON) | "
          f"{ours / total_pages * 1000:.1f} | – |")
    print(f"| {len(REAL)} real PDFs | {total_pages} | pdfplumber (tables only) | "
          f"{theirs / total_pages * 1000:.1f} | – |")
    print(f"real PDFs: pdfplumber ÷ yusuan per page {theirs / ours:.1f}x; "
          f"largest peak memory {max(peak_memory(p) for p in REAL) / 2**20:.0f} MiB")
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
