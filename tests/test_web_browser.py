"""The reviewers' application in a real browser: Debian's Chromium driven by Playwright (its own
browser builds are never downloaded). A server on a free loopback port, the seeds uploaded as a
reviewer would, the review marked and exported; screenshots of the main pages kept for a look."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document as Word

from yusuan.rules import SEVERITIES, check
from yusuan.store.ingest import ingest
from yusuan.web.app import Settings

from . import variants
from .conftest import SEEDS, parsed
from .web import PASSWORD, Site, account, organisation_of, pdf_under_review, running

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium 未安装（scripts/setup-system.sh 会安装）")


def expected_status(seed: Path) -> str:
    found = check(parsed(seed))
    counts = [f"{severity} {n}" for severity in SEVERITIES if (n := sum(f.severity == severity for f in found))]
    return "，".join(counts) or "无问题"


@pytest.fixture(scope="module")
def screenshots() -> Path:
    folder = Path(os.environ.get("YUSUAN_SCREENSHOTS") or tempfile.mkdtemp(prefix="yusuan-screens-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\n截图保存在 {folder}")  # screenshots of the main pages, to look at (pytest -s shows this)
    return folder


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("web")
    db = (str(folder / "web.sqlite") if request.param == "sqlite"
          else request.getfixturevalue("postgres_server").new_database())
    corpus = folder / "corpus"
    corpus.mkdir()
    for variant in variants.variants(8):
        variants.write(variant, corpus)
    ingest([corpus], db)  # a corpus to browse beside the reviews
    with running(Settings(db=db, workers=1)) as address:
        account(address.app.state.engine)
        yield address


class SignedIn:
    """The browser once the reviewer has signed in: each new page opens in a context holding that session."""

    def __init__(self, browser: object, state: dict) -> None:
        self.browser, self.state = browser, state

    def new_page(self, **options: object) -> object:
        return self.browser.new_context(storage_state=self.state, **options).new_page()


@pytest.fixture(scope="module")
def browser(site: Site, screenshots: Path) -> Iterator[SignedIn]:
    """Chromium, signed in once through the sign-in page as a reviewer would (a wrong password first)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.goto(f"{site.url}/review")
        page.wait_for_url("**/login?next=*")  # nothing without signing in
        page.fill("input[name=name]", "审核员甲")
        page.fill("input[name=password]", "错误的密码")
        page.get_by_role("button", name="登录").click()
        assert page.locator("[role=alert]").inner_text() == "用户名或密码不正确"
        page.screenshot(path=str(screenshots / "login.png"))
        page.fill("input[name=password]", PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url("**/review")
        assert "审核员甲" in page.locator("header").inner_text()
        yield SignedIn(browser, context.storage_state())
        browser.close()


def test_review_in_the_browser(site: Site, browser: object, screenshots: Path, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site.url}/review")
    assert page.locator("h1").inner_text() == "审核预算公开文件"
    page.set_input_files("#files", [str(seed) for seed in SEEDS])
    page.get_by_role("button", name="上传并审核").click()
    page.wait_for_url("**/review/batches/*")
    page.wait_for_selector("[data-finished=yes]", timeout=60_000)  # the rows refresh in place until done
    assert page.locator("#progress-text").inner_text() == f"已完成 {len(SEEDS)} / {len(SEEDS)} 份"
    rows = page.locator("#documents tbody tr")
    assert rows.count() == len(SEEDS)
    shown = {rows.nth(i).locator("td").nth(1).inner_text().strip(): rows.nth(i).locator(".status").inner_text()
             for i in range(rows.count())}
    assert shown == {seed.name: expected_status(seed) for seed in SEEDS}
    page.screenshot(path=str(screenshots / "batch.png"), full_page=True)

    page.get_by_role("link", name="错误", exact=True).click()  # sort by errors, then most first
    page.wait_for_url("**sort=errors*")
    page.get_by_role("link", name="错误 ▲").click()
    page.wait_for_url("**desc=true*")
    counts = [int(rows.nth(i).locator("td").nth(4).inner_text()) for i in range(rows.count())]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    page.select_option("select[name=show]", "clean")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**show=clean*")
    assert page.locator("#documents tbody tr").count() == sum(expected_status(s) == "无问题" for s in SEEDS) or \
        page.locator("#documents tbody").inner_text().strip() == "没有符合条件的文件"
    page.go_back()
    page.go_back()

    worst = max(SEEDS, key=lambda s: sum(f.severity == "错误" for f in check(parsed(s))))
    page.get_by_role("link", name=worst.name).click()
    page.wait_for_selector("#findings")
    document = page.request.get(page.url.replace("/review/documents/", "/api/documents/")).json()
    charts = {c["id"]: c for c in document["charts"]}
    assert_bars(drawn(page, "document-charts-classes"), charts["classes"])
    slices = drawn(page, "document-charts-basic-project")
    assert slices[0]["text"] == [v for v in charts["basic-project"]["series"][0]["values"] if v is not None]
    assert slices[0]["slices"] == sum(1 for v in charts["basic-project"]["series"][0]["values"] if v and Decimal(v))
    page.locator("#document-charts").screenshot(path=str(screenshots / "document-charts.png"))
    finding = check(parsed(worst))[0]
    first = page.locator(".finding").first
    first.locator(".pick").click()
    place = page.locator(".active-place")
    assert place.count() == 1
    place.wait_for(state="visible")
    assert first.locator(".message").inner_text() == finding.message
    if finding.stated is not None:
        assert first.locator(".stated").inner_text() == str(finding.stated)
        assert first.locator(".expected").inner_text() == str(finding.expected)
        assert str(finding.stated) in place.inner_text()  # the very cell that states it
    page.wait_for_timeout(600)  # the smooth scroll settles
    box = place.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900  # brought into view
    page.screenshot(path=str(screenshots / "document.png"))

    first.locator("input[value=确认]").check()
    first.locator("textarea").fill("请核对该数，更正后重新报送")
    first.get_by_role("button", name="保存").click()
    page.wait_for_function("document.querySelector('.finding .saved').textContent.includes('已保存')")
    assert first.locator(".verdict").inner_text() == "确认"
    page.reload()
    assert page.locator(".finding").first.locator("input[value=确认]").is_checked()

    with page.expect_download() as download:
        page.get_by_role("link", name="Word").click()
    saved = tmp_path / "review.docx"
    download.value.save_as(saved)
    word = Word(io.BytesIO(saved.read_bytes()))
    text = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert parsed(worst).unit in text and "经审核确认的问题 1 条" in text
    assert finding.message in cells and "请核对该数，更正后重新报送" in cells
    assert not errors


def drawn(page: object, figure: str) -> list[dict]:
    """What Plotly drew in a chart: each trace's exact values (the text it shows) and, from the SVG,
    each bar's or slice's size."""
    page.wait_for_selector(f"#{figure}[data-drawn=yes]")
    return page.locator(f"#{figure} .plot").evaluate("""plot => plot.data.map((trace, index) => ({
        name: trace.name, text: trace.text, kind: trace.type,
        bars: Array.from(plot.querySelectorAll('.trace.bars')[index]?.querySelectorAll('.point path') || [])
          .map(p => { const b = p.getBBox(); return trace.orientation === 'h' ? b.width : b.height; }),
        slices: plot.querySelectorAll('.slice path.surface').length,
        points: Array.from(plot.querySelectorAll('.trace.boxes')[index]?.querySelectorAll('.point') || []).length,
    }))""")


def assert_bars(traces: list[dict], chart: dict) -> None:
    """The bars have the chart's values, each as tall as its value (to a pixel)."""
    assert [t["name"] for t in traces] == [s["name"] for s in chart["series"]]
    values = [Decimal(v) for s in chart["series"] for v in s["values"] if v is not None and Decimal(v) > 0]
    sizes = [size for t in traces for size in t["bars"] if size > 0]
    assert len(sizes) == len(values) and values
    scale = max(sizes) / float(max(values))
    for size, value in zip(sizes, values, strict=True):
        assert size == pytest.approx(float(value) * scale, abs=1.5)
    for trace, series in zip(traces, chart["series"], strict=True):
        assert trace["text"] == [str(v) if v is not None else "—" for v in series["values"]]


def test_corpus_in_the_browser(site: Site, browser: object, screenshots: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site.url}/data/units")
    rows = page.locator("#units tbody tr")
    assert rows.count() >= 2
    page.select_option("select[name=level]", "省级")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**level=*")
    levels = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())]
    assert levels and set(levels) == {"省级"}
    page.locator("#units tbody a").first.click()
    page.wait_for_selector("#history-charts")
    history = page.locator("#history tbody tr")
    assert history.count() >= 2
    unit = page.request.get(page.url.replace("/data/units/", "/api/units/")).json()
    charts = {c["id"]: c for c in unit["charts"]}
    assert {"totals", "income", "classes", "basic-project", "sangong"} <= set(charts)
    for name in ("totals", "classes", "basic-project", "sangong"):  # bars as tall as the stated figures
        assert_bars(drawn(page, f"history-charts-{name}"), charts[name])
    page.screenshot(path=str(screenshots / "unit.png"), full_page=True)

    page.goto(f"{site.url}/data/peers")
    peers = page.request.get(f"{site.url}/api/peers").json()
    shares = drawn(page, "peer-charts-project_share")
    share = next(c for c in peers["charts"] if c["id"] == "project_share")
    assert sum(t["points"] for t in shares) == sum(len(s["values"]) for s in share["series"]) > 0
    level = peers["choices"]["levels"][-1]
    page.select_option("select[name=level]", level)
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**level=*")
    assert {page.locator("#peers tbody tr").nth(i).locator("td").nth(2).inner_text()
            for i in range(page.locator("#peers tbody tr").count())} == {level}
    page.get_by_role("link", name="项目支出占比（%）").click()  # sorted, largest first
    page.wait_for_url("**sort=-project_share*")
    cells = page.locator("#peers tbody td[data-ratio=project_share]").evaluate_all(
        "cells => cells.map(c => c.firstChild ? c.firstChild.textContent.trim() : '')")
    values = [Decimal(c) for c in cells if c]
    assert values and values == sorted(values, reverse=True)
    page.screenshot(path=str(screenshots / "peers.png"), full_page=True)

    page.goto(f"{site.url}/data/findings")
    assert page.locator("#rules tbody tr").count() >= 1
    rules = page.request.get(f"{site.url}/api/findings").json()
    assert_bars(drawn(page, "rule-charts-rules"), rules["charts"][0])
    page.screenshot(path=str(screenshots / "findings.png"), full_page=True)
    assert not errors


def test_script_in_a_document_does_not_run(site: Site, browser: object, tmp_path: Path) -> None:
    unit = parsed(SEEDS[0]).unit
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(SEEDS[0].read_text(encoding="utf-8-sig").replace(unit, "<svg/onload=window.pwned=1>局"),
                       encoding="utf-8")
    page = browser.new_page()
    page.goto(f"{site.url}/review")
    page.set_input_files("#files", str(hostile))
    page.get_by_role("button", name="上传并审核").click()
    page.wait_for_selector("[data-finished=yes]", timeout=60_000)
    assert "<svg/onload=window.pwned=1>局" in page.locator("#documents").inner_text()
    page.locator("#documents tbody a").first.click()
    page.wait_for_selector("#findings")
    assert page.evaluate("window.pwned") is None
    assert "<svg/onload=window.pwned=1>局" in page.locator("h1").inner_text()


REAL = Path(__file__).resolve().parents[2] / "shared" / "real"
PDFS = sorted(REAL.glob("*.pdf"), key=lambda p: p.stat().st_size) if REAL.exists() else []


@pytest.mark.skipif(not PDFS, reason="no real PDF at hand")
def test_pdf_page_shown_with_the_place_boxed(site: Site, browser: object, screenshots: Path) -> None:
    """A document that came as a PDF: choosing a finding shows its page with its box. The findings
    are placed on the PDF's first page here, so that the viewer is tested whatever the PDF reader
    of this build makes of the file."""
    from yusuan.web import pages

    pdf = PDFS[0]
    document_id, box = pdf_under_review(site.app.state.engine, pdf, SEEDS[2],
                                        organisation_of(site.app.state.engine, "审核员甲"))
    width, _ = pages.sizes(pdf.read_bytes())[0]
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{site.url}/review/documents/{document_id}")
    page.locator(".finding .pick").first.click()
    page.wait_for_function("document.getElementById('page-image').naturalWidth > 0")
    image = page.locator("#page-image").bounding_box()
    drawn = page.locator("#page-box").bounding_box()
    assert image and drawn and page.locator("#page-label").inner_text() == "第 1 页"
    scale = image["width"] / width
    assert drawn["x"] - image["x"] == pytest.approx(box[0] * scale, abs=3)
    assert drawn["y"] - image["y"] == pytest.approx(box[1] * scale, abs=3)
    assert drawn["width"] == pytest.approx((box[2] - box[0]) * scale, abs=3)
    page.screenshot(path=str(screenshots / "pdf-page.png"))


def test_sign_out_in_the_browser(site: Site, browser: SignedIn) -> None:
    """Last of the module: the shared session ends, and the pages ask to sign in again."""
    page = browser.new_page()
    page.goto(f"{site.url}/data/units")
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url("**/login")
    page.goto(f"{site.url}/review")
    page.wait_for_url("**/login?next=*")
    assert page.locator("h1").inner_text() == "登录" and page.locator("header nav").count() == 0
