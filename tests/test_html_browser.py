"""The HTML review page in headless Chromium (Debian's chromium, installed by .ci/run)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, result_of

from llmextract.outputs import export
from llmextract.pipeline import run_file

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="chromium is not installed (.ci/run installs it)"
)


@pytest.fixture(scope="module")
def browser():  # noqa: ANN201
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


def test_clicking_a_check_highlights_its_cells(browser, seed: str, tmp_path: Path) -> None:  # noqa: ANN001
    res = result_of(seed)
    (html,) = export.write(res, tmp_path, seed, ["html"])
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(html.as_uri())
    assert page.locator("mark").count() > 100
    # the first arithmetic check (the audit's structure/text/prose findings name no cell)
    arithmetic = [i for i, c in enumerate(res.checks) if c.category == "arithmetic"]
    if arithmetic:
        check = res.checks[arithmetic[0]]
        page.locator(".checks li").nth(arithmetic[0]).click()
        keys = [f"{c.table}|{c.row}|{c.col}" for c in check.cells]
        for k in keys:
            assert page.locator(f'mark.hl[data-cell~="{k}"]').count() >= 1, k  # in the text
            assert page.locator(f'td.hl[data-cell~="{k}"]').count() >= 1, k  # in its table
        assert page.locator(".hl").count() >= 2 * len(keys)
        named = f"{check.table}|{check.row}|{check.col}"
        assert page.locator(f'td.culprit[data-cell~="{named}"]').count() == 1  # the named culprit
        assert page.locator("td.culprit").count() == 1
        first = page.locator("mark.hl").first
        box, height = first.bounding_box(), page.evaluate("document.getElementById('src').clientHeight")
        assert box is not None and 0 <= box["y"] <= height + 60  # scrolled into view
    else:  # a consistent document: clicking a value highlights its table cell
        page.locator("mark").nth(50).click()
        assert page.locator("td.hl").count() == 1
    if seed.startswith("001"):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"report-{seed}.png"))
    page.close()


def test_a_tie_outlines_every_suspect(browser, tmp_path: Path) -> None:  # noqa: ANN001
    """A wrong leaf of a total-only table: every child that could be it is outlined."""
    stem = "000_867d4fd29c913767"
    raw = (EXAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    p = result_of(stem).table("gpb_project_economic").row("30206").values["total"].provenance
    src = tmp_path / "planted.txt"
    src.write_text(raw[: p.start] + "6.00" + raw[p.end :], encoding="utf-8")
    res = run_file(src)
    (check,) = [c for c in res.checks if len(c.suspects) > 1]
    (html,) = export.write(res, tmp_path, "planted", ["html"])
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(html.as_uri())
    page.locator(".checks li", has_text="各表无法判断其中哪一个有误").click()
    # 30206 电费 is one of the 办公经费 items (50201): the children of 302 in that group
    assert page.locator("td.suspect").count() == len(check.suspects) == 5
    assert page.locator('td.suspect[data-cell~="gpb_project_economic|30206|total"]').count() == 1
    page.close()


def test_document_and_extraction_findings_look_different(browser, tmp_path: Path) -> None:  # noqa: ANN001
    res = result_of("004_0aedab1e77a5c37c").model_copy(deep=True)
    res.checks[0].source = "extraction"
    (html,) = export.write(res, tmp_path, "x", ["html"])
    page = browser.new_page()
    page.goto(html.as_uri())
    doc = page.locator(".checks li.document").first.evaluate("e => getComputedStyle(e).borderLeftColor")
    ext = page.locator(".checks li.extraction").first.evaluate("e => getComputedStyle(e).borderLeftColor")
    assert doc != ext
    page.close()


def test_a_pdf_review_page_boxes_a_checks_cells_on_the_page(browser, tmp_path: Path) -> None:  # noqa: ANN001
    """The PDF's pages are in the page (images, no network); each value is boxed where it is
    printed, and clicking a failed check outlines its cells there, the culprit in red."""
    pdf = ROOT / "tests" / "real" / "sh_putuo_wanli_2025.pdf"
    res = run_file(pdf)
    (html,) = export.write(res, tmp_path, "w", ["html"])
    text = html.read_text(encoding="utf-8")
    assert "data:image/png;base64," in text and "http://" not in text and "https://" not in text
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(html.as_uri())
    assert page.locator(".page img").count() >= 9 and page.locator(".box").count() > 800
    # wanli's tables are in whole 元: its 1 元 gaps are rounding notes, listed apart, and boxed alike
    assert not [c for c in res.checks if c.category == "arithmetic"]
    check = next(c for c in res.checks if c.category == "rounding")
    assert page.locator("h3", has_text="尾差提示").count() == 1
    page.locator(".checks.notes li").first.click()
    for c in check.cells:
        assert page.locator(f'.box.hl[data-cell~="{c.table}|{c.row}|{c.col}"]').count() >= 1
    culprit = page.locator(f'.box.culprit[data-cell~="{check.table}|{check.row}|{check.col}"]')
    assert culprit.count() >= 1
    box = culprit.first.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900  # scrolled into view on the page image
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "pdf-review.png"))
    page.close()


def test_clicking_an_audit_finding_shows_its_line(browser, tmp_path: Path) -> None:  # noqa: ANN001
    """A finding on the text names no cell: it says its category and line (and page), and
    clicking it brings that line of the text into view."""
    res = run_file(EXAMPLES / "sh_putuo_justice_2026.pdf")
    i, finding = next((i, c) for i, c in enumerate(res.checks) if c.category != "arithmetic" and c.line)
    (html,) = export.write(res, tmp_path, "j", ["html"])
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(html.as_uri())
    item = page.locator(".checks li").nth(i)
    assert f"第 {finding.line} 行" in item.inner_text() and f"第 {finding.page} 页" in item.inner_text()
    item.click()
    line = page.locator(f"#L{finding.line}")
    assert "hl" in (line.get_attribute("class") or "")
    box = line.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900
    page.close()


def test_a_pdf_page_fits_its_pane_at_1400_and_zooms(browser, tmp_path: Path) -> None:  # noqa: ANN001
    """At 1400×1000 the whole width of every page is inside its pane (its right-hand columns
    too); the zoom buttons enlarge it (the pane scrolls) and fit it again, and the value boxes
    stay on their printed numbers."""
    res = run_file(EXAMPLES / "sh_putuo_justice_2026.pdf")
    (html,) = export.write(res, tmp_path, "j", ["html"])
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(html.as_uri())
    pane = page.locator("#src").bounding_box()
    assert pane is not None
    images = page.locator(".page img")
    assert images.count() >= 9
    for k in range(images.count()):
        img = images.nth(k).bounding_box()
        assert img is not None
        assert pane["x"] <= img["x"] and img["x"] + img["width"] <= pane["x"] + pane["width"], (k, img, pane)
        assert img["width"] >= 0.85 * pane["width"]  # fitted, not a thumbnail
    no_sideways = "e => e.scrollWidth <= e.clientWidth"
    for t in res.tables:  # a table's heading shows its printed title, its id only on hover
        heading = page.locator(f"#t-{t.id}")
        assert t.id not in heading.inner_text() and t.id in (heading.get_attribute("title") or "")
    assert page.locator("#src").evaluate(no_sideways)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "pdf-review-1400.png"))

    first = images.first
    box = page.locator(".page").first.locator(".box").first
    before, box_before = first.bounding_box(), box.bounding_box()
    page.locator('[data-zoom="in"]').click()
    page.locator('[data-zoom="in"]').click()
    after, box_after = first.bounding_box(), box.bounding_box()
    assert page.locator("#zoomv").inner_text() == "150%"
    assert abs(after["width"] / before["width"] - 1.5) < 0.01
    assert not page.locator("#src").evaluate(no_sideways)  # wider than the pane: it scrolls
    for a, b, key in ((box_before, box_after, "x"), (box_before, box_after, "y")):  # the box follows
        rel_a = (a[key] - before[key]) / before["width"]
        rel_b = (b[key] - after[key]) / after["width"]
        assert abs(rel_a - rel_b) < 0.002, key
    page.locator('[data-zoom="out"]').click()
    assert page.locator("#zoomv").inner_text() == "125%"
    page.locator('[data-zoom="fit"]').click()
    assert page.locator("#zoomv").inner_text() == "100%"
    assert abs(first.bounding_box()["width"] - before["width"]) < 1
    page.close()
