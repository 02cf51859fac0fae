"""Tables written as HTML or Markdown become tab rows, every character still pointing at its source."""

from __future__ import annotations

from llmextract.document.normalize import normalize
from llmextract.pipeline import run_text

HTML = """一般公共预算支出表
<table>
<tr><th rowspan="2">科目编码</th><th rowspan="2">科目名称</th><th colspan="3">2025年预算数</th></tr>
<tr><th>小计</th><th>基本支出</th><th>项目支出</th></tr>
<tr><td>208</td><td>社会保障和<br/>就业支出</td><td>1,100.00</td><td>&nbsp;</td><td>1,100.00</td></tr>
</table>"""


def test_html_spans_leave_blank_slots_and_cells_keep_their_offsets() -> None:
    t = normalize(HTML)
    lines = [ln for ln in t.s.split("\n") if "\t" in ln]
    assert lines == [
        "科目编码\t科目名称\t2025年预算数\t\t",
        "\t\t小计\t基本支出\t项目支出",
        "208\t社会保障和 就业支出\t1,100.00\t\t1,100.00",
    ]
    i = t.s.index("1,100.00")
    a, b = t[i : i + 8].span()
    assert HTML[a:b] == "1,100.00"


def test_markdown_pipe_table_is_read_as_a_table() -> None:
    text = (
        "2025年一般公共预算财政拨款支出预算表\n\n单位：万元\n\n"
        "| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |\n"
        "|---|---|---:|---:|---:|\n"
        "| 208 | 社会保障和就业支出 | 300.00 | 100.00 | 200.00 |\n"
        "| 20801 | 人力资源和社会保障管理事务 | 300.00 | 100.00 | 200.00 |\n"
    )
    res = run_text(text, "md.txt")
    row = res.table("gpb_expenditure").row("20801")
    assert {k: c.value for k, c in row.values.items()} == {
        "total": "300.00",
        "basic": "100.00",
        "project": "200.00",
    }
    p = row.values["project"].provenance
    assert text[p.start : p.end] == "200.00" and p.line == 8
    assert res.checks == []
