"""What the writing tests share: a seed's data as the writer gets it (through the JSON), the seed's
known mistakes corrected in that data (tests/data/corrections: one file per seed, each correction a
path in the disclosure JSON, the value the document printed, the correct value and why), and
comparisons of tables as a user would make them."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

from yusuan.cli_write import data_findings
from yusuan.jsonin import from_dict
from yusuan.jsonout import to_dict
from yusuan.model import Disclosure
from yusuan.rules import Finding
from yusuan.writing import inputs_of

from .conftest import ROOT, parsed

CORRECTIONS = ROOT / "tests" / "data" / "corrections"


def data_of(seed: Path) -> Disclosure:
    """The seed's data as `yusuan parse --json` hands it to `yusuan write`."""
    return from_dict(to_dict(parsed(seed)))


def corrections(seed: Path) -> list[dict[str, str]]:
    """The seed's own mistakes, each decided by reading the document: {path (JSON Pointer into the
    disclosure JSON), was (as read), value (correct), reason (one line, Chinese)}; a row the document
    lacks is {op: add, path, value, reason}."""
    return json.loads((CORRECTIONS / f"{seed.stem}.json").read_text(encoding="utf-8"))


def corrected_data(seed: Path) -> Disclosure:
    """The seed's data with its corrections applied, as a JSON Patch that first tests each value is
    still what the document printed (so a correction never lands on a row it was not meant for)."""
    import jsonpatch

    patch: list[dict[str, str]] = []
    for correction in corrections(seed):
        if correction.get("op") == "add":
            patch.append({"op": "add", "path": correction["path"], "value": correction["value"]})
            continue
        patch += [{"op": "test", "path": correction["path"], "value": correction["was"]},
                  {"op": "replace", "path": correction["path"], "value": correction["value"]}]
    return from_dict(jsonpatch.apply_patch(to_dict(parsed(seed)), patch))


def one_name_per_code(disclosure: Disclosure) -> Disclosure:
    """The seed's own naming mistake corrected: a code keeps the name it has where first printed."""
    out = copy.deepcopy(disclosure)
    first: dict[tuple[bool, str], str] = {}
    for table_id, table in out.tables.items():
        economic = table_id == "T6"
        for row in table.rows:
            if row.code and row.name and row.kind != "project":
                row.name = first.setdefault((economic, row.code), row.name)
    return out


def rows_of(disclosure: Disclosure, table_id: str) -> list[tuple[object, ...]]:
    """A table as its reader compares it: each row's kind, code, names and non-zero figures
    (a printed 0.00 and an empty cell say the same; a total row's label is the printer's)."""
    table = disclosure.tables[table_id]
    return [(row.kind, row.code, None if row.kind == "total" else row.name, row.project, row.side,
             {label: amount.value for label, amount in row.values.items() if amount.value != Decimal(0)})
            for row in table.rows]


def finding_keys(findings: list[Finding]) -> list[tuple[object, ...]]:
    def exact(value: Decimal | None) -> str:  # 0.00 printed where the data had nothing is still 0
        return "" if value is None else str(value.normalize())

    return sorted((f.rule, f.table or "", f.code or "", f.column or "", exact(f.stated), exact(f.expected))
                  for f in findings)


def expected_findings(disclosure: Disclosure) -> list[tuple[object, ...]]:
    """What the check must find in a document written from this data: what `yusuan write` lists
    (every table written, an absent one empty; Part 3 as the writer words it)."""
    return finding_keys(data_findings(disclosure, inputs_of(disclosure)))


def pdf_text(pdf: Path) -> Path:
    text = pdf.with_suffix(".txt")
    subprocess.run(["pdftotext", "-raw", str(pdf), str(text)], check=True, timeout=120)
    return text


def docx_to_pdf(docx: Path, work: Path) -> Path:
    """LibreOffice's rendering of the Word file (its own profile: other runs may be converting too)."""
    profile = work / "lo-profile"
    subprocess.run([shutil.which("soffice") or "soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(work / "lo"), str(docx)],
                   check=True, timeout=300, capture_output=True)
    return work / "lo" / f"{docx.stem}.pdf"


def ink(png: Path) -> float:
    """The share of a page image that is not white."""
    from PIL import Image

    with Image.open(png) as image:
        gray = image.convert("L")
        histogram = gray.histogram()
    return sum(histogram[:200]) / max(1, sum(histogram))
