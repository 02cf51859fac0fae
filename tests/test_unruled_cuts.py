"""Tables printed without drawn ruling lines read as their ruled originals do: pages cut from
dev PDFs with every drawn line removed (``benchmarks/metamorphic.py``'s ``no_lines``), each read
to the cells the page reads with its lines, all sure, nothing else.

- 深圳's 三公 table (page 46 of sz001, with its cover for the budget year): 总计 | 因公出国(境)费 |
  公务接待费 | 公务用车购置及运行维护费 (小计 | 购置费 | 运行维护费), each over its funds'
  columns 一般公共预 / 算 | 政府性基金 / 预算 | 国有资本经 / 营预算. The group words of one line
  grow over their columns together (总计 took 因公出国's first column before), each fund's name
  wrapped in its cell is one name. Before: nothing read (the columns not matched to the header).
- 上海's 三公 table (page 20 of sh001): “三公”经费预算数 centred over 合计 | 因公出国(境)费 |
  公务接待费 (merged down beside 公务用车购置及运行费's parts) and 小计 | 购置费 | 运行费, the
  amounts right-aligned in cells whose names are centred. Before: the group word stood over
  公务接待费 | 小计 only, so the vehicles' 小计 was read as the 三公 total (in doubt).
- 北京's 三公 table (page 10 of bj053): 公务接待费 printed empty beside 因公出国（境）费用 on its
  line, over nothing, left of 公务用车购置及运行维护费's 小计. Before: the 小计's 15.00 was read
  as 公务接待费, sure and wrong.
- 上海's 收支总表 (page 7 of sh001): an amount printed up to its cell's edge with the 支出
  side's name right after it (``304,413,900一、教育支出``): two words. Before: one label.
- 广州's 收入总体情况表 (page 6 of gz001): 附属单 / 位上缴 / 收入 wrapped in its cell over three
  lines, other cells' lines between. Before: its 0.00 was not read.
- 北京's 收入总表 and 支出总表 (pages 2-4 of bj053): 本年收入 over ten columns of unequal widths
  and 上年结转结余 over six (a group word centred over its columns' cells, grown to the widest
  such span), columns printed empty merged down the header (单位资金, 项目支出 beside 其中 over
  its parts). Before: the 收入总表 read its 合计 only, and the 支出总表's 项目支出 amount went to
  事业单位经营支出 (in doubt).
- 北京's 收入总表 (page 3 of bj054): 上级补助收入 printed empty between 事业单位经营 / 收入 and
  附属单位上缴 / 收入, in the latter's region but not over its amounts. Before: 附属单位上缴's
  920.00 was read as 上级补助收入, sure and wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from llmextract.outputs.export import cells
from llmextract.pipeline import run_file

PDFS = Path(__file__).parent / "pdfs"

EXPECTED: dict[str, dict[str, str]] = {
    "sz_three_public_unruled.pdf": {
        "three_public/prior/total": "176.01",
        "three_public/prior/overseas": "129.80",
        "three_public/prior/reception": "15.11",
        "three_public/prior/vehicle": "31.10",
        "three_public/prior/vehicle_purchase": "0.00",
        "three_public/prior/vehicle_operation": "31.10",
        "three_public/current/total": "147.90",
        "three_public/current/overseas": "115.00",
        "three_public/current/reception": "5.10",
        "three_public/current/vehicle": "27.80",
        "three_public/current/vehicle_purchase": "0.00",
        "three_public/current/vehicle_operation": "27.80",
    },
    "sh_three_public_unruled.pdf": {
        "three_public/current/total": "67.59",
        "three_public/current/overseas": "35.00",
        "three_public/current/reception": "12.49",
        "three_public/current/vehicle": "20.10",
        "three_public/current/vehicle_operation": "20.10",
    },
    "bj_three_public_unruled.pdf": {
        "three_public/current/total": "44.172000",
        "three_public/current/overseas": "29.172000",
        "three_public/current/vehicle": "15.000000",
        "three_public/current/vehicle_operation": "15.000000",
    },
    "sh_summary_unruled.pdf": {
        "summary/out.205/amount": "326658710",
        "summary/in.general_budget/amount": "304413900",
        "summary/out.208/amount": "48817900",
        "summary/out.210/amount": "15502390",
        "summary/out.221/amount": "17717000",
        "summary/in.business/amount": "50000000",
        "summary/in.other/amount": "54282100",
        "summary/in.grand_total/amount": "408696000",
        "summary/out.grand_total/amount": "408696000",
    },
    "bj_revenue_expenditure_unruled.pdf": {
        "revenue/total/total": "4704.239912",
        "revenue/total/general_budget": "4695.064898",
        "revenue/total/carryover": "9.175014",
        "expenditure/total/total": "4704.239912",
        "expenditure/total/basic": "4306.391912",
        "expenditure/total/project": "397.848000",
    },
    "bj_revenue_empty_beside_unruled.pdf": {
        "revenue/total/total": "4483899.825945",
        "revenue/total/general_budget": "2434777.733486",
        "revenue/total/gov_fund": "68500.000000",
        "revenue/total/state_capital": "250.000000",
        "revenue/total/fiscal_special": "261765.519567",
        "revenue/total/business": "441986.276316",
        "revenue/total/operating": "13922.720000",
        "revenue/total/affiliated": "920.000000",
        "revenue/total/other": "121370.735297",
        "revenue/total/carryover": "1140406.841279",
    },
    "gz_revenue_unruled.pdf": {
        "revenue/total/total": "27900.73",
        "revenue/total/general_budget": "27575.13",
        "revenue/total/gov_fund": "0.00",
        "revenue/total/state_capital": "325.60",
        "revenue/total/business": "0.00",
        "revenue/total/operating": "0.00",
        "revenue/total/other": "0.00",
        "revenue/total/superior_subsidy": "0.00",
        "revenue/total/affiliated": "0.00",
        "revenue/total/carryover": "0.00",
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_an_unruled_page_reads_as_its_ruled_original(name: str) -> None:
    res = run_file(PDFS / name)
    got = {
        f"{c['table']}/{c['row']}/{c['col']}": c["value"]
        for c in cells(res)
        if c["table"] != "narrative"
    }
    assert got == EXPECTED[name]
    doubted = [c for c in cells(res) if c["table"] != "narrative" and c.get("status", "ok") != "ok"]
    assert not doubted
    tables = {k.split("/")[0] for k in EXPECTED[name]}
    assert not [c.message for c in res.checks if c.table in tables and c.category != "rounding"]


def test_a_unit_printed_after_an_amount_is_no_name_after_it() -> None:
    """Without a drawn line, an amount followed a narrow gap apart by a name's character is two
    words; by a unit (万, 千, 亿, 元) it is one (1,000.00千元 is an amount printed oddly, never
    an amount and a name 千元)."""
    from llmextract.inputs.pdf import _amount_then_name, _Char

    word = [_Char(c, 10.0 * k, 0.0, 10.0 * k + 6, 10.0) for k, c in enumerate("1,000.00")]
    at = 10.0 * len(word)
    assert _amount_then_name(word, _Char("教", at, 0.0, at + 10, 10.0))
    for unit in "千万亿元":
        assert not _amount_then_name(word, _Char(unit, at, 0.0, at + 10, 10.0))
