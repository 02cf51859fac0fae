"""A table's later pages in a text (``pdftotext -layout``): their amounts go to the columns
they stand in, and an amount whose column the reader cannot prove is in doubt, so that a
misreading is never blamed on the document.

``tests/pdfs/v_plain_yuan.layout.txt`` is ``pdftotext -layout`` of ``v_plain_yuan.pdf``: on the
一般公共预算支出表's second page, rows with long names (机关事业单位基本养老保险缴费支出) have
their amounts pushed a few columns right (the tool gives a Chinese character one column of its
grid), so that they line up among themselves, not with the 合计 column they stand in."""

from __future__ import annotations

from conftest import PDFS, pdf_gold, table_cells

from llmextract.pipeline import run_text

_TEXT = (PDFS / "v_plain_yuan.layout.txt").read_text(encoding="utf-8")
_GPB = "一般公共预算支出表"


def _second_page_header_dropped(form_feed: bool) -> str:
    """The layout text with the 一般公共预算支出表's second page printing no header of its own
    (``form_feed``: the page still starts with one)."""
    lines = _TEXT.split("\n")
    start = next(i for i, s in enumerate(lines) if _GPB in s)
    head = next(i for i in range(start + 5, len(lines)) if "科目编码" in lines[i])
    return "\n".join([*lines[:head], *(["\f"] if form_feed else []), *lines[head + 3 :]])


def _gpb(text: str) -> dict[tuple[str, str], tuple[str, str]]:
    return {
        (r, c): v for (t, r, c), v in table_cells(run_text(text, "t.txt")).items() if t == "gpb_expenditure"
    }


def test_the_layout_text_reads_as_the_pdf_does() -> None:
    res = run_text(_TEXT, "t.txt")
    gold = pdf_gold("v_plain_yuan")
    got = {k: v for k, (v, _) in table_cells(res).items()}
    assert got == gold
    assert not [c for c in res.checks if c.category == "arithmetic"]


def test_amounts_a_long_name_pushed_stay_in_their_column() -> None:
    """Taken into the column they were pushed out of — in doubt: where they stand does not
    prove it (a column no header word names could be one of its own)."""
    cells = _gpb(_TEXT)
    assert cells[("2080505", "total")] == ("864200", "doubt")
    assert cells[("2080505", "basic")] == ("864200", "doubt")
    assert cells[("208", "basic")] == ("1296300", "ok")
    assert not any(c == "project" for r, c in cells if r in ("208", "20805", "2080505", "210", "21011"))


def test_a_page_without_its_header_in_one_piece_with_the_first() -> None:
    """No form feed and no header: the page's amounts are the first page's columns', pushed."""
    cells = _gpb(_second_page_header_dropped(form_feed=False))
    gold = {(r, c): v for (t, r, c), v in pdf_gold("v_plain_yuan").items() if t == "gpb_expenditure"}
    assert {k: v for k, (v, _) in cells.items()} == gold


def test_a_page_placed_by_nearest_position_is_in_doubt_never_the_documents_error() -> None:
    """A page of its own without a header, whose amounts overlap two columns' worth: its count
    of columns proves nothing, so its rows are placed by nearest position, in doubt, and a
    failure involving them is the reading's."""
    res = run_text(_second_page_header_dropped(form_feed=True), "t.txt")
    cells = {(r, c): v for (t, r, c), v in table_cells(res).items() if t == "gpb_expenditure"}
    assert cells[("2080505", "total")] == ("864200", "doubt")
    assert cells[("208", "basic")] == ("1296300", "doubt")
    assert cells[("201", "total")] == ("8771200", "ok")
    assert not [c for c in res.checks if c.table == "gpb_expenditure" and c.source == "document"]


def test_a_whole_amount_left_unread_on_a_row_takes_the_blame_off_the_document() -> None:
    """A row's amounts printed right of every column (事业运行's 2361800 2361800 moved 40 columns
    right): the one standing in no column is left unread, and the gap it would fill (2361800
    元, under 20103) is the reading's, not the document's — a whole amount on a classified row's
    line is an amount, not a count."""
    lines = _TEXT.split("\n")
    start = next(i for i, s in enumerate(lines) if _GPB in s)
    k = next(i for i in range(start, len(lines)) if "事业运行" in lines[i])
    lines[k] = lines[k].split("事业运行")[0] + "事业运行" + " " * 40 + "2361800     2361800"
    res = run_text("\n".join(lines), "t.txt")
    gaps = [c for c in res.checks if c.table == "gpb_expenditure" and c.rule == "children_sum"]
    assert gaps and all(c.source == "extraction" and "未被读取" in c.message for c in gaps)


def _place(parts: list[tuple[str, int, str]]) -> str:
    """A line of words each starting (``l``) or ending (``r``) at a character column."""
    line = ""
    for text, x, align in parts:
        if text:
            start = x if align == "l" else x - len(text)
            line = line + " " + text if len(line) >= start else line.ljust(start) + text
    return line.rstrip()


def test_a_column_no_header_word_names_is_no_push_proved_never_the_documents_error() -> None:
    """A fourth column of amounts under no header word, overlapping 项目支出 and never on one of
    its lines (a review's counter-example): taken into 项目支出 as if pushed, its rows are in
    doubt, so the sums it breaks are the reading's, not the document's."""
    edges = [50, 64, 78, 86]
    rows = [
        ("", "合计", ["11,070,000.00", "9,784,000.00", "1,286,000.00", ""]),
        ("201", "一般公共服务支出", ["8,771,200.00", "7,485,200.00", "1,286,000.00", ""]),
        ("20103", "政府办公厅", ["8,771,200.00", "7,485,200.00", "1,286,000.00", ""]),
        ("2010301", "行政运行", ["5,123,400.00", "5,123,400.00", "", ""]),
        ("2010302", "一般行政管理事务", ["1,286,000.00", "", "", "1,286,000.00"]),
        ("2010350", "事业运行", ["2,361,800.00", "2,361,800.00", "", "361,800.00"]),
        ("208", "社会保障和就业支出", ["2,298,800.00", "2,298,800.00", "", ""]),
        ("20805", "行政事业单位养老支出", ["2,298,800.00", "2,298,800.00", "", ""]),
        ("2080505", "机关事业单位基本养老保险缴费支出", ["2,298,800.00", "2,298,800.00", "", ""]),
    ]
    head = _place(
        [
            ("科目编码", 1, "l"),
            ("科目名称", 14, "l"),
            *((w, e, "r") for w, e in zip(["合计", "基本支出", "项目支出"], edges, strict=False)),
        ]
    )
    body = [
        _place([(c, 1, "l"), (n, 10, "l"), *((v, e, "r") for v, e in zip(vals, edges, strict=True))])
        for c, n, vals in rows
    ]
    text = "\n".join(["2026年部门预算", "", "2026年一般公共预算支出表", "单位：元", head, *body, ""])
    res = run_text(text, "t.txt")
    cells = {(r, c): v for (t, r, c), v in table_cells(res).items() if t == "gpb_expenditure"}
    assert cells.get(("2010350", "project"), ("", "doubt"))[1] == "doubt"
    assert cells.get(("2010302", "project"), ("", "doubt"))[1] == "doubt"
    assert not [c for c in res.checks if c.source == "document"]
