"""The web application's API and pages through FastAPI's test client (the real app, a real SQLite
file; documents read in the server's own process)."""

from __future__ import annotations

import ctypes
import io
import re
import shutil
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document as Word
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from yusuan.rules import SEVERITIES, check
from yusuan.store.ingest import ingest
from yusuan.web.app import Settings, create_app

from . import variants
from .conftest import SEEDS, parsed
from .web import account, pdf_under_review, sign_in, wait_batch

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"  # beside the clone, as CI has it
PDFS = sorted(REAL.glob("*.pdf"), key=lambda p: p.stat().st_size) if REAL.exists() else []


def expected_status(seed: Path) -> str:
    found = check(parsed(seed))
    counts = [f"{severity} {n}" for severity in SEVERITIES if (n := sum(f.severity == severity for f in found))]
    return "，".join(counts) or "无问题"


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    app = create_app(Settings(db=db_url, workers=0, max_file_mb=2, max_files=20))
    client = TestClient(app)
    client.reviewer = account(app.state.engine)
    with client:
        yield sign_in(client, client.reviewer.name)


def upload(client: TestClient, files: list[tuple[str, bytes]]) -> dict:
    response = client.post("/api/batches", files=[("files", (name, data)) for name, data in files])
    assert response.status_code == 201, response.text
    return wait_batch(client.get, response.json()["batch"])


def test_seeds_checked_as_the_rulebook_says(client: TestClient) -> None:
    batch = upload(client, [(seed.name, seed.read_bytes()) for seed in SEEDS])
    assert batch["finished"] and batch["summary"]["documents"] == len(SEEDS)
    shown = {row["name"]: row["status_text"] for row in batch["documents"]}
    assert shown == {seed.name: expected_status(seed) for seed in SEEDS}
    for row in batch["documents"]:
        seed = next(s for s in SEEDS if s.name == row["name"])
        assert row["unit"] == parsed(seed).unit and row["year"] == parsed(seed).year
    worst = max(batch["documents"], key=lambda row: row["errors"])
    by_errors = client.get(f"/api/batches/{batch['id']}", params={"sort": "errors", "desc": True}).json()
    assert by_errors["documents"][0]["errors"] == worst["errors"]
    assert [r["errors"] for r in by_errors["documents"]] == sorted((r["errors"] for r in batch["documents"]),
                                                                   reverse=True)
    with_errors = client.get(f"/api/batches/{batch['id']}", params={"show": "errors"}).json()["documents"]
    assert {r["name"] for r in with_errors} == {s.name for s in SEEDS if "错误" in expected_status(s)}


def test_decision_stored_and_exported(client: TestClient) -> None:
    seed = max(SEEDS, key=lambda s: sum(f.severity == "错误" for f in check(parsed(s))))
    batch = upload(client, [(seed.name, seed.read_bytes())])
    document_id = batch["documents"][0]["id"]
    document = client.get(f"/api/documents/{document_id}").json()
    first = document["findings"][0]
    assert first["message"] == check(parsed(seed))[0].message
    answer = client.put(f"/api/documents/{document_id}/findings/0", json={"verdict": "确认", "comment": "请更正此数"})
    assert answer.status_code == 200 and answer.json()["verdict"] == "确认"
    client.put(f"/api/documents/{document_id}/findings/1", json={"verdict": "误报", "comment": "口径不同"})
    refused = client.put(f"/api/documents/{document_id}/findings/0", json={"verdict": "同意", "comment": ""})
    assert refused.status_code == 422
    assert client.put(f"/api/documents/{document_id}/findings/999", json={"verdict": "确认"}).status_code == 404
    decided = client.get(f"/api/documents/{document_id}").json()["findings"]
    assert decided[0]["decision"]["comment"] == "请更正此数" and decided[1]["decision"]["verdict"] == "误报"

    text = "\n".join(p.text for p in Word(io.BytesIO(client.get(
        f"/review/documents/{document_id}/export.docx").content)).paragraphs)
    cells = "\n".join(c.text for t in Word(io.BytesIO(client.get(
        f"/review/documents/{document_id}/export.docx").content)).tables for r in t.rows for c in r.cells)
    assert parsed(seed).unit in text and "经审核确认的问题 1 条" in text
    assert first["message"] in cells and "请更正此数" in cells and "口径不同" not in cells  # only what was confirmed
    if first["stated"]:
        assert first["stated"] in cells and first["expected"] in cells
    sheet = load_workbook(io.BytesIO(client.get(f"/api/batches/{batch['id']}/export.xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("单位", "年度", "类型", "文件") and len(rows) == 2
    assert rows[1][0] == parsed(seed).unit and rows[1][-1] == "请更正此数"


def test_archive_groups_the_parts_of_one_disclosure(client: TestClient, tmp_path: Path) -> None:
    text = SEEDS[2].read_text(encoding="utf-8-sig").splitlines(keepends=True)
    half = len(text) // 3
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("某局2024年预算_说明.txt", "".join(text[:half]))
        out.writestr("某局2024年预算_表格.txt", "".join(text[half:]))
        out.writestr("另一单位.txt", SEEDS[3].read_bytes())
        out.writestr("2024_甲局.txt", SEEDS[4].read_bytes())  # a shared year is no shared name
        out.writestr("2024_乙局.txt", SEEDS[0].read_bytes())
        out.writestr("坏文件.txt", b"")
    batch = upload(client, [("公开文件.zip", archive.getvalue())])
    rows = {row["name"]: row for row in batch["documents"]}
    assert set(rows) == {"公开文件.zip/某局2024年预算", "公开文件.zip/另一单位.txt", "公开文件.zip/坏文件.txt",
                         "公开文件.zip/2024_甲局.txt", "公开文件.zip/2024_乙局.txt"}
    assert rows["公开文件.zip/2024_甲局.txt"]["status_text"] == expected_status(SEEDS[4])
    whole = rows["公开文件.zip/某局2024年预算"]
    assert whole["files"] == ["某局2024年预算_表格.txt", "某局2024年预算_说明.txt"]
    assert whole["unit"] == parsed(SEEDS[2]).unit and whole["status_text"] == expected_status(SEEDS[2])
    # each finding at its place in its own file: the seed's line, counted within the part that holds it
    found = client.get(f"/api/documents/{whole['id']}").json()["findings"]
    places = []
    for finding in check(parsed(SEEDS[2])):
        line = finding.source.line if finding.source else None
        places.append((finding.rule, None if line is None else ("某局2024年预算_说明.txt", line) if line <= half
                       else ("某局2024年预算_表格.txt", line - half)))
    assert [(f["rule"], (f["file"], f["line"]) if f["line"] is not None else None) for f in found] == places
    assert rows["公开文件.zip/另一单位.txt"]["status_text"] == expected_status(SEEDS[3])
    assert rows["公开文件.zip/坏文件.txt"]["status_text"].startswith("无法读取：")


def test_bad_uploads_said_on_their_row(client: TestClient) -> None:
    batch = upload(client, [("大文件.txt", b"x" * (3 * 2**20)), ("损坏.zip", b"PK\x03\x04broken"),
                            ("图片.txt", b"\x89PNG\r\n\x1a\n\x00\x00binary"), (SEEDS[0].name, SEEDS[0].read_bytes())])
    rows = {row["name"]: row["status_text"] for row in batch["documents"]}
    assert rows["大文件.txt"] == "无法读取：文件超过 2 MB 的上限"
    assert rows["损坏.zip"] == "无法读取：压缩包已损坏或不完整，无法打开"
    assert rows["图片.txt"].startswith("无法读取：") and "Traceback" not in rows["图片.txt"]
    assert rows[SEEDS[0].name] == expected_status(SEEDS[0])  # the rest of the batch goes on
    empty = client.post("/api/batches", files=[("files", ("a.txt", b"1"))] * 21)
    assert empty.status_code == 400 and "一次最多上传 20 个文件" in empty.json()["detail"]


def test_corrected_version_fixed_remain_new(client: TestClient) -> None:
    seed = SEEDS[3]
    total = parsed(seed).tables["T3"].total().values["合计"]
    lines = seed.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    line = total.source.line - 1
    assert total.text in lines[line]
    wrong = str(total.value + 100)
    lines[line] = lines[line].replace(total.text, wrong, 1)  # the first version misstates T3's total
    first = upload(client, [("第一版.txt", "".join(lines).encode())])["documents"][0]
    second = upload(client, [("更正版.txt", seed.read_bytes())])["documents"][0]
    assert first["errors"] + first["warnings"] > second["errors"] + second["warnings"]
    changes = client.get(f"/api/documents/{second['id']}").json()["changes"]
    assert changes is not None and len(changes["fixed"]) >= 1 and changes["new"] == []
    assert len(changes["remain"]) == len(check(parsed(seed)))
    page = client.get(f"/review/documents/{second['id']}").text
    assert f'<b id="fixed-count">{len(changes["fixed"])}</b>' in page


def test_pages_in_chinese_with_findings_marked(client: TestClient) -> None:
    seed = max(SEEDS, key=lambda s: len(check(parsed(s))))
    batch = upload(client, [(seed.name, seed.read_bytes())])
    document_id = batch["documents"][0]["id"]
    page = client.get(f"/review/documents/{document_id}").text
    found = check(parsed(seed))
    assert page.count('class="finding sev-') == len(found)
    for finding in client.get(f"/api/documents/{document_id}").json()["findings"]:
        assert f'id="{finding["place"]}"' in page  # each finding's place is on the page
    for table in ("T1 收支总体情况表", "T3 支出总体情况表"):
        assert table in page
    assert "<th>类</th><th>款</th><th>项</th><th>科目名称</th>" in page
    charts = {c["id"]: c for c in client.get(f"/api/documents/{document_id}").json()["charts"]}
    t3_total = parsed(seed).tables["T3"].total()
    assert charts["basic-project"]["series"][0]["values"] == [str(t3_total.value("基本支出")),
                                                             str(t3_total.value("项目支出"))]
    assert 'id="document-charts"' in page and 'class="chart-data"' in page
    for path in ("/review", f"/review/batches/{batch['id']}", f"/review/documents/{document_id}", "/data/units",
                 "/data/findings", "/data/peers", "/api"):
        html = client.get(path).text
        assert '<html lang="zh-CN">' in html and not re.search(r"(src|href)=\"https?://", html)
    assert client.get("/review/documents/999").status_code == 404
    assert "没有编号为 999 的文件" in client.get("/review/documents/999").text


def test_text_from_a_document_is_escaped(client: TestClient) -> None:
    text = SEEDS[0].read_text(encoding="utf-8-sig")
    unit = parsed(SEEDS[0]).unit
    hostile = text.replace(unit, "<script>alert(1)</script>局")
    batch = upload(client, [("<img src=x onerror=alert(2)>.txt", hostile.encode())])
    row = batch["documents"][0]
    page = client.get(f"/review/documents/{row['id']}").text + client.get(f"/review/batches/{batch['id']}").text
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;局" in page or "&lt;img src=x" in page


def test_openapi_and_api_page(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    wanted = {"/api/batches", "/api/documents/{document_id}", "/api/units", "/api/findings/{rule}"}
    assert wanted <= set(schema["paths"])
    page = client.get("/api").text
    assert "/api/documents/{document_id}/findings/{finding}" in page and "审核结论" in page
    assert client.get("/docs").status_code == 404  # FastAPI's page would fetch its script from a CDN


@pytest.mark.skipif(not PDFS or PDFS[0].stat().st_size > 2 * 2**20, reason="no small real PDF at hand")
def test_pdf_pages_rendered(client: TestClient) -> None:
    pdf = PDFS[0]
    batch = upload(client, [(pdf.name, pdf.read_bytes())])
    document_id = batch["documents"][0]["id"]
    image = client.get(f"/review/documents/{document_id}/files/0/pages/1.png")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    from PIL import Image

    picture = Image.open(io.BytesIO(image.content)).convert("L")
    assert picture.width > 500 and picture.getextrema()[0] < 128  # a page with ink on it
    assert client.get(f"/review/documents/{document_id}/files/0/pages/9999.png").status_code == 404


@pytest.mark.skipif(not PDFS, reason="no real PDF at hand")
def test_original_pdf_annotated(client: TestClient) -> None:
    import pypdfium2
    import pypdfium2.raw as pdfium

    document_id, box = pdf_under_review(client.app.state.engine, PDFS[0], SEEDS[2], client.reviewer.organisation_id)
    findings = client.get(f"/api/documents/{document_id}").json()["findings"]
    client.put(f"/api/documents/{document_id}/findings/0", json={"verdict": "确认", "comment": "请更正"})
    client.put(f"/api/documents/{document_id}/findings/1", json={"verdict": "误报", "comment": ""})
    response = client.get(f"/review/documents/{document_id}/files/0/annotated.pdf")
    assert response.status_code == 200
    pdf = pypdfium2.PdfDocument(response.content)
    page = pdf[0]
    assert pdfium.FPDFPage_GetAnnotCount(page.raw) == 1  # the confirmed finding only
    annotation = pdfium.FPDFPage_GetAnnot(page.raw, 0)
    rect = pdfium.FS_RECTF()
    pdfium.FPDFAnnot_GetRect(annotation, rect)
    assert rect.left == pytest.approx(box[0] - 2, abs=0.5) and rect.top == pytest.approx(page.get_height() - box[1] + 2,
                                                                                          abs=0.5)
    size = pdfium.FPDFAnnot_GetStringValue(annotation, b"Contents", None, 0)
    buffer = ctypes.create_string_buffer(size)
    pdfium.FPDFAnnot_GetStringValue(annotation, b"Contents", ctypes.cast(buffer, ctypes.POINTER(pdfium.FPDF_WCHAR)),
                                    size)
    note = buffer.raw.decode("utf-16-le").rstrip("\0")
    assert note == f"{findings[0]['rule']}：{findings[0]['message']}\n审核意见：请更正"
    pdfium.FPDFPage_CloseAnnot(annotation)
    page.close()
    pdf.close()


def test_corpus_pages(client: TestClient, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    made = [variants.write(v, folder) for v in variants.variants(8)]
    db = client.app.state.settings.db
    ingest([folder], db)
    units = client.get("/api/units").json()
    assert sum(u["documents"] for u in units["units"]) == len(made)
    one = max(units["units"], key=lambda u: u["documents"])
    history = client.get(f"/api/units/{one['id']}").json()
    assert [row["year"] for row in history["years"]] == one["years"] and len(one["years"]) >= 2
    for row in history["years"]:
        disclosure = variants.parse(folder / row["file_name"])  # the unit's name as that year printed it
        assert Decimal(row["收入总计"]) == disclosure.tables["T1"].total("income").value("预算数")
    levels = {u["level"] for u in units["units"]}
    for level in levels:
        assert {u["unit"] for u in client.get("/api/units", params={"level": level}).json()["units"]} == \
            {u["unit"] for u in units["units"] if u["level"] == level}
    charts = {c["id"]: c for c in history["charts"]}
    labels = [f"{row['year']}年{row['kind']}" for row in history["years"]]
    assert charts["totals"]["categories"] == labels
    for series in charts["totals"]["series"]:  # the chart draws the figures the table lists
        assert series["values"] == [row[series["name"]] for row in history["years"]]
    for row, label in zip(history["years"], labels, strict=True):  # each year's parts, as the document states them
        disclosure = variants.parse(folder / row["file_name"])
        at = labels.index(label)
        t3 = {r.code: r.value("合计") for r in disclosure.tables["T3"].rows if r.code and len(r.code) == 3}
        assert {s["name"].split()[0]: Decimal(s["values"][at]) for s in charts["classes"]["series"]
                if s["values"][at] is not None} == t3
        t10 = disclosure.tables["T10"]
        drawn = dict(zip((s["name"] for s in charts["sangong"]["series"]),
                         (s["values"][at] for s in charts["sangong"]["series"]), strict=True))
        assert sum(Decimal(v) for v in drawn.values() if v) == t10.total().value("合计")
    page = client.get(f"/data/units/{one['id']}").text
    assert one["unit"] in page and 'class="chart-data"' in page and "/vendor/plotly-" in page
    script = client.get(re.search(r'src="(/vendor/plotly-[^"]+)"', page).group(1))
    assert script.status_code == 200 and b"plotly.js" in script.content[:2000]  # served by yusuan itself
    rules = client.get("/api/findings").json()
    assert rules["rules"] and client.get(f"/api/findings/{rules['rules'][0]['rule']}").json()["count"] == \
        rules["rules"][0]["findings"]
    drawn = rules["charts"][0]
    assert sum(v or 0 for s in drawn["series"] for v in s["values"]) == sum(r["findings"] for r in rules["rules"])
    peers = client.get("/api/peers").json()
    assert peers["count"] == len(made)
    assert {c["id"] for c in peers["charts"]} >= {"project_share", "personnel_per_staff"}
    share = next(c for c in peers["charts"] if c["id"] == "project_share")
    assert sorted(v for s in share["series"] for v in s["values"]) == \
        sorted(r["project_share"] for r in peers["rows"] if r["project_share"] is not None)
    level = units["units"][0]["level"]
    some = client.get("/api/peers", params={"level": level, "sort": "-project_share"}).json()
    assert {r["level"] for r in some["rows"]} == {level}
    shares = [Decimal(r["project_share"]) for r in some["rows"] if r["project_share"] is not None]
    assert shares == sorted(shares, reverse=True)
    place = one["unit"][:2]  # a region: a place named in the units' names
    near = client.get("/api/peers", params={"region": place}).json()["rows"]  # a row per document, as printed
    assert all(place in r["unit"] for r in near)
    assert len(near) == sum(u["documents"] for u in units["units"] if place in u["unit"])
    assert client.get("/api/peers", params={"sort": "nonsense"}).status_code == 400
    assert "同类比较" in client.get("/data/peers").text


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice 未安装（scripts/setup-system.sh 会安装）")
def test_review_as_pdf(tmp_path: Path) -> None:
    import pypdfium2

    app = create_app(Settings(db=str(tmp_path / "web.sqlite"), workers=0, local=True))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        client.headers["X-CSRF-Token"] = client.get("/api/session").json()["csrf_token"]
        seed = SEEDS[2]
        batch = upload(client, [(seed.name, seed.read_bytes())])
        document_id = batch["documents"][0]["id"]
        client.put(f"/api/documents/{document_id}/findings/0", json={"verdict": "确认", "comment": "请更正合计数"})
        response = client.get(f"/review/batches/{batch['id']}/export.pdf")
        assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.content)
    text = "".join(pdf[n].get_textpage().get_text_range() for n in range(len(pdf))).replace("\r\n", "")
    pdf.close()
    assert "预算公开审核意见" in text and parsed(seed).unit in text.replace(" ", "") and "请更正合计数" in text


def test_serve_command(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    import httpx

    from .web import free_port

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "yusuan.cli", "serve", "--db", str(tmp_path / "s.sqlite"),
                               "--port", str(port), "--workers", "0", "--local"], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/review", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, "服务没有启动"
                time.sleep(0.2)
        assert page.status_code == 200 and "审核预算公开文件" in page.text
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in errors
