"""Layouts of other regions' disclosures, built here: read right where position makes it
certain, and in doubt — never silently wrong — where it does not."""

from __future__ import annotations

from test_positional import _cells, _doc, _never_silently_wrong, _row

from llmextract.pipeline import run_text

EXP = "2026年部门支出预算总表"


def _left_aligned(first: str, last: str) -> str:
    """Amounts left-aligned in their cells, header words centred over wide cells: a header
    word stands right of its column's short amounts."""
    head = [
        _row(
            (0, "科目编码", False),
            (12, "科目名称", False),
            (40, "合计", False),
            (59, "基本支出", False),
            (79, "项目支出", False),
        )
    ]
    vals = [(first, "100.00", "900.00"), ("200.00", "150.00", last), ("300.00", "100.00", "200.00")]
    vals.append(("400.00", "300.00", "100.00"))
    rows = [
        _row(
            (0, f"20406{k:02d}", False),
            (12, "行政运行", False),
            *((x, v, False) for x, v in zip((30, 50, 70), r, strict=True)),
        )
        for k, r in enumerate(vals, 1)
    ]
    return _doc(EXP, head + rows)


def test_left_aligned_amounts_under_centred_header_words_keep_their_columns() -> None:
    """Amounts that vary in width line up on their left edges: the columns are read as
    left-aligned, each header word names the column whose cell it stands in."""
    cells = _cells(_left_aligned("1000.00", "50.00"), "expenditure")
    assert cells[("2040601", "total")] == ("1000.00", "ok")
    assert cells[("2040601", "basic")] == ("100.00", "ok")
    assert cells[("2040601", "project")] == ("900.00", "ok")
    assert cells[("2040602", "project")] == ("50.00", "ok")


def test_amounts_of_one_width_under_header_words_beside_them_are_a_doubt() -> None:
    """Every column's amounts of one width line up on both edges: read as right-aligned, the
    header words stand right of their amounts and the names come out shifted by a column.
    A column of amounts left without a header word, beside a header word over no amounts,
    says so: every cell of the table is in doubt."""
    cells = _cells(_left_aligned("100.00", "050.00"), "expenditure")
    right = {
        ("2040601", "total"): "100.00",
        ("2040601", "basic"): "100.00",
        ("2040601", "project"): "900.00",
        ("2040602", "total"): "200.00",
        ("2040602", "basic"): "150.00",
        ("2040602", "project"): "050.00",
        ("2040603", "total"): "300.00",
        ("2040603", "basic"): "100.00",
        ("2040603", "project"): "200.00",
        ("2040604", "total"): "400.00",
        ("2040604", "basic"): "300.00",
        ("2040604", "project"): "100.00",
    }
    assert cells
    _never_silently_wrong(cells, right)


def test_a_summary_printed_as_one_list_reads_both_sides() -> None:
    """A 收支总表 printed as one list (its 收入 lines, then its 支出 lines, under one 项目 |
    预算数 header): each line keyed by its name on its own side; it used to stop the whole
    document (an index error)."""
    lines = [
        ("一、财政拨款收入", "96,282,213.44"),
        ("    1. 一般公共预算", "96,282,213.44"),
        ("    2. 政府性基金预算", "0.00"),
        ("二、事业收入", "0.00"),
        ("收入总计", "96,282,213.44"),
        ("一、公共安全支出", "87,267,272.44"),
        ("二、社会保障和就业支出", "9,014,941.00"),
        ("支出总计", "96,282,213.44"),
    ]
    head = [_row((10, "项目", False), (50, "预算数", False))]
    body = [_row((0, n, False), (56, v, True)) for n, v in lines]
    res = run_text(_doc("2026年部门财务收支预算总表", head + body) + "\n2026年部门收入预算总表\n", "t.txt")
    t = res.table("summary")
    assert t is not None
    got = {(r.key, cid): (c.value, c.status) for r in t.rows for cid, c in r.values.items()}
    assert got == {
        ("in.fiscal", "amount"): ("96282213.44", "ok"),  # read for the checks, not a cell
        ("in.general_budget", "amount"): ("96282213.44", "ok"),
        ("in.gov_fund", "amount"): ("0.00", "ok"),
        ("in.business", "amount"): ("0.00", "ok"),
        ("in.grand_total", "amount"): ("96282213.44", "ok"),
        ("out.204", "amount"): ("87267272.44", "ok"),
        ("out.208", "amount"): ("9014941.00", "ok"),
        ("out.grand_total", "amount"): ("96282213.44", "ok"),
    }


def test_a_table_no_reader_foresaw_is_left_unread_not_the_document(monkeypatch) -> None:
    """A layout that makes the reader fail on one table leaves that table unread (in doubt,
    with a warning naming it and its line); the document's other tables are still read."""
    from test_positional import REAL

    from llmextract.reading import tables

    real = tables.extract

    def failing(chunk, t, *a, **k):  # type: ignore[no-untyped-def]
        if t.id == "expenditure":
            raise IndexError("list index out of range")
        return real(chunk, t, *a, **k)

    monkeypatch.setattr(tables, "extract", failing)
    text = (REAL / "sh_putuo_justice_2026.txt").read_text(encoding="utf-8")
    res = run_text(text, "doc.txt")
    assert any(w.startswith("table expenditure (line ") and "IndexError" in w for w in res.warnings)
    exp = res.table("expenditure")
    assert exp is not None and exp.unsure and not exp.rows
    assert res.table("gpb_expenditure") is not None and res.table("gpb_expenditure").rows


def test_the_first_row_s_name_wrapped_with_its_amounts_on_the_next_line_is_a_row() -> None:
    """The first row's code and name on one line, the rest of its name and its amounts on
    the next: that code line is the table's first row, not a header line."""
    words = ((0, "科目编码"), (10, "科目名称"), (38, "合计"), (50, "基本支出"), (64, "项目支出"))
    head = [_row(*((x, w, False) for x, w in words))]
    rows = [
        _row((0, "201", False), (10, "一般公共服务", False)),
        _row((10, "支出", False), (42, "300.00", True), (56, "100.00", True), (70, "200.00", True)),
        _row(
            (0, "20105", False),
            (10, "统计信息事务", False),
            (42, "300.00", True),
            (56, "100.00", True),
            (70, "200.00", True),
        ),
        _row((12, "合计", False), (42, "300.00", True), (56, "100.00", True), (70, "200.00", True)),
    ]
    cells = _cells(_doc(EXP, head + rows), "expenditure")
    for key in ("201", "20105", "total"):
        assert cells[(key, "total")] == ("300.00", "ok")
        assert cells[(key, "basic")] == ("100.00", "ok")
        assert cells[(key, "project")] == ("200.00", "ok")


def test_a_summary_with_last_year_s_column_beside_this_year_s_reads_this_year() -> None:
    """上年预算数 | 本年预算数 on both sides of a 收支总表: this year's amounts are read, last
    year's column is none of the table's (it used to be read first, in doubt)."""
    head = [
        _row((14, "收入", False), (80, "支出", False)),
        _row(
            *(
                (x, w, False)
                for x, w in ((4, "项目"), (26, "上年预算数"), (40, "本年预算数"), (64, "项目"))
                + ((90, "上年预算数"), (104, "本年预算数"))
            )
        ),
    ]
    pairs = [
        ("1. 一般公共预算", "90.00", "96.00", "一、公共安全支出", "80.00", "87.00"),
        ("二、事业收入", "0.00", "0.00", "二、社会保障和就业支出", "10.00", "9.00"),
        ("收入总计", "90.00", "96.00", "支出总计", "90.00", "96.00"),
    ]
    body = [
        _row((0, a, False), (36, ap, True), (50, ac, True), (58, b, False), (100, bp, True), (114, bc, True))
        for a, ap, ac, b, bp, bc in pairs
    ]
    res = run_text(_doc("2026年部门财务收支预算总表", head + body) + "\n2026年部门收入预算总表\n", "t.txt")
    t = res.table("summary")
    assert t is not None
    got = {(r.key, cid): (c.value, c.status) for r in t.rows for cid, c in r.values.items()}
    assert got == {
        ("in.general_budget", "amount"): ("96.00", "ok"),
        ("in.business", "amount"): ("0.00", "ok"),
        ("in.grand_total", "amount"): ("96.00", "ok"),
        ("out.204", "amount"): ("87.00", "ok"),
        ("out.208", "amount"): ("9.00", "ok"),
        ("out.grand_total", "amount"): ("96.00", "ok"),
    }
