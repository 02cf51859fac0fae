"""Tables named by their label alone (表3, 公开03表, 预算03表, 表三 on a line of their own, no
title printed): the contents (目录) name each label's table; without contents the table is
known by its header words and row codes, and one whose header fits several kinds is left
unread with a finding, never read sure as one of them (``tests/variants.py``: the
``v_label_only*`` styles)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from conftest import EXAMPLES, FAKE_KEY, PDFS, pdf_gold, table_cells

from llmextract.document import labelled
from llmextract.llm.client import ModelClient
from llmextract.llm.config import Settings
from llmextract.llm.requestlog import Store
from llmextract.pipeline import run_file, run_text

ALIKE = ("gpb_expenditure", "gov_fund_expenditure")  # 合计 | 基本支出 | 项目支出 over 2xx codes


@pytest.mark.parametrize("name", ["v_label_only", "v_label_only_budget"])
def test_the_contents_name_each_bare_label_and_every_gold_cell_is_read_sure(name: str) -> None:
    res = run_file(PDFS / f"{name}.pdf")
    got = table_cells(res)
    assert {k: v for k, (v, s) in got.items() if s == "ok"} == pdf_gold(name)
    assert res.coverage is not None and res.coverage.read == res.coverage.printed
    assert not [c for c in res.checks if c.rule == "structure:untitled_table"]


@pytest.mark.parametrize(
    ("name", "labels"), [("v_label_only_bare", "公开05表 公开08表"), ("v_label_only_cn", "表五 表八")]
)
def test_a_bare_label_whose_header_fits_two_kinds_is_read_as_neither_and_said(name: str, labels: str) -> None:
    res = run_file(PDFS / f"{name}.pdf")
    got = table_cells(res)
    gold = pdf_gold(name)
    # the kinds its header fits: none of their cells, sure or in doubt
    assert not [k for k in got if k[0] in ALIKE]
    # the tables known by their content: every gold cell sure, nothing else
    assert {k: v for k, (v, s) in got.items() if s == "ok"} == {
        k: v for k, v in gold.items() if k[0] not in ALIKE
    }
    found = [c for c in res.checks if c.rule == "structure:untitled_table"]
    assert [c.message.split("未印标题")[0] for c in found] == labels.split()
    assert all("一般公共预算财政拨款支出预算表" in c.message and "政府性基金" in c.message for c in found)
    assert all(c.category == "structure" and c.source == "extraction" and c.page for c in found)
    assert res.coverage is not None and res.coverage.read < res.coverage.printed
    # a table may be one of those kinds: the audit does not call them unprinted
    assert not [c for c in res.checks if c.rule == "required_table"]


def _three_public(contents: bool, label: str = "表7\n单位：万元") -> str:
    lines = ["2026年某局部门预算", ""]
    if contents:
        lines += ["目录", "表7 2026年一般公共预算“三公”经费支出表……………………9", ""]
    lines += label.split("\n")
    heads = ["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"]
    lines += [
        "".join(f"{h:>14}" for h in heads),
        "".join(f"{v:>16}" for v in ["35.00", "10.00", "20.00", "5.00"]),
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("label", ["表7\n单位：万元", "表七" + " " * 40 + "单位：万元"])
@pytest.mark.parametrize("contents", [True, False])
def test_a_three_public_table_under_its_bare_label_is_read(contents: bool, label: str) -> None:
    """The 三公 header fits one kind: read sure, with or without the contents naming 表7, the
    unit on a line of its own or at the end of the label's."""
    res = run_text(_three_public(contents, label), "t.txt")
    t = res.table("three_public")
    assert t is not None and t.row("current") is not None
    values = t.row("current").values  # type: ignore[union-attr]
    assert {k: (v.value, v.status) for k, v in values.items()} == {
        "total": ("35.00", "ok"),
        "overseas": ("10.00", "ok"),
        "vehicle": ("20.00", "ok"),
        "reception": ("5.00", "ok"),
    }


EXPENDITURE = (
    "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "208\t社会保障和就业支出\t30.00\t10.00\t20.00\n"
    "20805\t行政事业单位养老支出\t30.00\t10.00\t20.00\n"
    "合计\t\t30.00\t10.00\t20.00\n"
)


@pytest.mark.parametrize("contents", [True, False])
def test_contents_printing_the_label_on_the_line_before_its_title_name_it(contents: bool) -> None:
    """表5 / 2026年一般公共预算支出表……7 in the contents: the bare 表5 over 合计 | 基本支出 |
    项目支出 is that table, read sure; without the contents it fits several kinds: unread."""
    toc = "目录\n表5\n2026年一般公共预算支出表……………7\n表7\n2026年“三公”经费支出表……………9\n\n"
    prose = "一、部门职责\n" + "本部门主要负责全市文化和旅游工作。\n" * 4 + "\n"
    text = "2026年某局部门预算\n\n" + (toc if contents else "") + prose + "表5\n单位：万元\n" + EXPENDITURE
    res = run_text(text, "t.txt")
    if not contents:
        assert not [t for t in res.tables if t.rows]
        assert [c.rule for c in res.checks if c.rule == "structure:untitled_table"] == [
            "structure:untitled_table"
        ]
        return
    t = res.table("gpb_expenditure")
    assert t is not None and [t.id for t in res.tables] == ["gpb_expenditure"]
    assert {(r.key, c, v.value, v.status) for r in t.rows if r.key == "208" for c, v in r.values.items()} == {
        ("208", "total", "30.00", "ok"),
        ("208", "basic", "10.00", "ok"),
        ("208", "project", "20.00", "ok"),
    }


@pytest.mark.parametrize("label", ["公开07表", "表7"])
def test_a_label_under_its_title_is_the_title_s(label: str) -> None:
    """The title, then its label on a line of its own, then the table: the title's table (表7
    there was a heading of its own: the title was taken for a line of a contents)."""
    text = _three_public(False, f"2026年一般公共预算“三公”经费支出表\n{label}\n单位：万元")
    res = run_text(text, "t.txt")
    assert [t.id for t in res.tables] == ["three_public"]
    assert res.tables[0].title == "2026年一般公共预算“三公”经费支出表"
    assert {v.status for r in res.tables[0].rows for v in r.values.values()} == {"ok"}


def test_a_label_over_its_title_is_the_title_s_not_a_table_of_its_own() -> None:
    """公开07表 above the title (江苏): the title names the table, as before."""
    text = _three_public(False).replace("表7\n", "公开07表\n2026年一般公共预算“三公”经费支出表\n")
    res = run_text(text, "t.txt")
    assert [t.id for t in res.tables] == ["three_public"]
    assert res.tables[0].title == "2026年一般公共预算“三公”经费支出表"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("表三", "表3"),
        ("公开03表", "公开3表"),
        ("预算 05 表", "预算5表"),
        ("表十二", "表12"),
        ("表二十", "表20"),
    ],
)
def test_labels_are_compared_as_numbers(a: str, b: str) -> None:
    assert labelled.key(a) == labelled.key(b)


@pytest.mark.parametrize("odd", ["表十十", "表二二", "表三十五六", "表"])
def test_an_odd_numeral_is_kept_as_printed(odd: str) -> None:
    assert labelled.key(odd) == odd


def test_content_alone_chooses_only_a_kind_clearly_best() -> None:
    assert labelled.by_content({"a": 5, "b": 3}) == ("a", [])
    assert labelled.by_content({"a": 4, "b": 3, "c": 1}) == (None, ["a", "b"])
    assert labelled.by_content({"a": 1}) == (None, [])


def _continued(mark: str, title: str = "## 2025年万盛经开区部门支出预算总表") -> str:
    """The seed's 部门支出总表 (under ``title``) cut across two pages, ``mark`` over the second
    with the unit and header printed again."""
    text = (EXAMPLES / "000_867d4fd29c913767.txt").read_text(encoding="utf-8")
    text = text.replace("## 2025年万盛经开区部门支出预算总表", title)
    b = text.index("210\t卫生健康支出", text.index(title))
    cont = f"\f{mark}\n\n单位：万元\n\n科目编码\t科目名称\t总计\t基本支出\t项目支出\n"
    return text[:b] + cont + text[b:]


@pytest.mark.parametrize("mark", ["续表3", "续表三", "表3（续）", "续表"])
def test_a_continuation_mark_goes_on_with_the_table_before(mark: str) -> None:
    """续表3 over the next page of a table: the table goes on, every row read; never a new
    table of its own left unread with a finding."""
    res = run_text(_continued(mark), "x.txt")
    t = res.table("expenditure")
    assert t is not None and len(t.rows) == 20
    assert [r.key for r in t.rows][-2:] == ["22102", "2210201"]
    assert not [c for c in res.checks if c.rule == labelled.RULE]


@pytest.mark.parametrize("mark", ["表3", "表三"])
def test_a_table_s_own_bare_label_over_its_next_page_goes_on_with_it(mark: str) -> None:
    """表3 printed again over the second page of 表3 (its title 表3 2025年…): one table."""
    res = run_text(_continued(mark, "## 表3 2025年万盛经开区部门支出预算总表"), "x.txt")
    t = res.table("expenditure")
    assert t is not None and len(t.rows) == 20
    assert not [c for c in res.checks if c.rule == labelled.RULE]


def test_another_bare_label_over_the_next_page_is_another_table() -> None:
    """表4 under 表3: a table of its own (here fitting several kinds: unread, and said)."""
    res = run_text(_continued("表4", "## 表3 2025年万盛经开区部门支出预算总表"), "x.txt")
    t = res.table("expenditure")
    assert t is not None and len(t.rows) == 13
    assert [c.message.split("未印标题")[0] for c in res.checks if c.rule == labelled.RULE] == ["表4"]


@pytest.mark.parametrize("strategy", ["hybrid", "llm"])
def test_the_model_path_keeps_the_finding_on_a_table_left_unread(strategy: str, tmp_path: Path) -> None:
    """The model path runs the checks again: the finding that the bare 表5 was left unread stays
    (without it the audit would call the table unprinted and blame the document)."""
    sent: list[str] = []

    def transport(request: httpx.Request) -> httpx.Response:
        sent.append(request.url.path)
        return httpx.Response(500, json={"error": {"message": "down"}})

    s = Settings(model="m", base_url="http://127.0.0.1:9/v1", api_key=FAKE_KEY, log_db=str(tmp_path / "l.db"))
    client = ModelClient(
        s, Store(s.db_path()), http_client=httpx.Client(transport=httpx.MockTransport(transport))
    )
    prose = "一、部门职责\n" + "本部门主要负责全市文化和旅游工作。\n" * 4 + "\n"
    text = "2026年某局部门预算\n\n" + prose + "表5\n单位：万元\n" + EXPENDITURE
    offline = run_text(text, "t.txt")
    res = run_text(text, "t.txt", client=client, strategy=strategy)
    assert res.model is not None  # the model path ran
    rules = [c.rule for c in offline.checks if c.category == "structure" or c.source == "document"]
    assert labelled.RULE in rules
    assert [c.rule for c in res.checks if c.category == "structure" or c.source == "document"] == rules
