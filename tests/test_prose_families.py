"""Phrasing families of the 情况说明 prose met in other cities' and the central departments'
disclosures, one case per family (sentences written for the test, numbers made up), with
their traps: a figure of a wider scope (全口径, 非财政拨款), of the institutions (事业运行经费),
of one 三公 part said as 支出预算, or of last year is not read as the department's fact."""

from __future__ import annotations

import pytest

from llmextract.pipeline import run_text

HEAD = "某某市某某局2025年部门预算\n\n一、部门预算情况说明\n\n"

# (name, prose, facts read with these values, facts that must not be read)
CASES: list[tuple[str, str, dict[str, str], list[str]]] = [
    (
        "change_tongbi_total",
        "2025年收入预算2,618,400.20元，同比增加85,000元，增长3.4%。2025年支出预算2,618,400.20元，同比减少12,000元，下降0.5%。\n",
        {
            "income_total": "2618400.20",
            "income_change": "85000",
            "expense_total": "2618400.20",
            "expense_change": "-12000",
        },
        [],
    ),
    (
        "gpb_expense_budget",
        "2025年一般公共预算支出预算2,400,000元，同比减少36,000元。\n",
        {"general_budget_expense": "2400000", "general_budget_change": "-36000"},
        ["expense_total", "expense_change"],
    ),
    (
        # 一般公共预算收入 without 拨款 may count 上年结转 in (Beijing): not the allocation
        "gpb_income_with_carryover",
        "2025年收入预算31,500.00万元，其中：一般公共预算收入12,640.10万元比2024年初预算数12,900.00万元减少259.90万元。"
        "（一）本年财政拨款收入12,600.00万元。1.一般公共预算拨款收入12,600.00万元。\n",
        {"income_total": "31500.00", "general_budget_income": "12600.00"},
        ["general_budget_change"],
    ),
    (
        "basic_share_then_change",
        "1.基本支出预算733,200.15元，占一般公共预算支出的92.10%，同比减少41,300.5元，下降5.33%。"
        "2.项目支出预算62,900.00元，占一般公共预算支出的7.90%，同比增加2,900元，增长4.8%。\n",
        {
            "basic_expense": "733200.15",
            "basic_expense_change": "-41300.5",
            "project_expense": "62900.00",
            "project_expense_change": "2900",
        },
        [],
    ),
    (
        "three_public_wider_scope",
        "2025年单位预算全口径安排“三公”经费支出预算21,000元，同比无变化。其中：因公出国（境）费0元，"
        "公务接待费6,000元，公务用车运行维护费15,000元。\n",
        {},
        [
            "three_public_total",
            "three_public_change.flat",
            "three_public_overseas",
            "three_public_reception",
            "three_public_vehicle_operation",
        ],
    ),
    (
        "three_public_wider_then_fiscal",
        "2025年全口径“三公”经费预算9.60万元，其中财政拨款“三公”经费预算7.20万元，比上年减少0.80万元。\n",
        {"three_public_total": "7.20", "three_public_change": "-0.80"},
        [],
    ),
    (
        "three_public_nonfiscal_parts",
        "2025年非财政拨款“三公”经费预算数为2.00万元，其中公务接待费2.00万元。"
        "2025年财政拨款“三公”经费预算数为6.50万元。\n",
        {"three_public_total": "6.50"},
        ["three_public_reception"],
    ),
    (
        "three_public_gpb_expense_budget",
        "2025年一般公共预算安排“三公”经费支出预算18,500元，同比减少1,500元，下降7.5%。\n",
        {"three_public_total": "18500", "three_public_change": "-1500"},
        ["expense_total", "expense_change"],
    ),
    (
        "three_public_zero_flat",
        "2025年“三公”经费支出预算0元，同比无变化。\n",
        {"three_public_total": "0", "three_public_change.flat": "0"},
        ["expense_total"],
    ),
    (
        "three_public_arranged",
        "2025年部门“三公”经费预算安排11.40万元，比2024年预算减少0.60万元。\n",
        {"three_public_total": "11.40", "three_public_change": "-0.60"},
        [],
    ),
    (
        "three_public_central_change",
        "2025年“三公”经费财政拨款预算数为36.20万元，比2024年“三公”经费财政拨款预算减少1.70万元。\n",
        {"three_public_total": "36.20", "three_public_change": "-1.70"},
        [],
    ),
    (
        "three_public_parts_expense_budget",
        "因公出国（境）经费支出预算0万元。公务接待费支出预算3.60万元。公务用车运行维护费支出预算7.00万元。"
        "公务用车购置费支出预算0万元。\n",
        {
            "three_public_overseas": "0",
            "three_public_reception": "3.60",
            "three_public_vehicle_operation": "7.00",
            "three_public_vehicle_purchase": "0",
        },
        ["expense_total"],
    ),
    (
        "three_public_parts_jiangsu",
        "因公出国（境）费支出9.00万元，占“三公”经费的25.00%；公务接待费支出6.00万元。"
        "公务用车购置预算支出0万元。公务用车运行维护费预算支出21.00万元。\n",
        {
            "three_public_overseas": "9.00",
            "three_public_reception": "6.00",
            "three_public_vehicle_purchase": "0",
            "three_public_vehicle_operation": "21.00",
        },
        [],
    ),
    (
        "three_public_parts_year_after_name",
        "公务用车购置费2025年预算数36.00万元，较2024年年初预算增加4.00万元；"
        "公务用车运行维护费2025年预算数62.50万元，较2024年年初预算减少3.10万元。\n",
        {"three_public_vehicle_purchase": "36.00", "three_public_vehicle_operation": "62.50"},
        [],
    ),
    (
        "operating_cost_arranged",
        "2025年，本部门机关运行经费安排512.60万元，比上年减少30.40万元，下降5.6%。\n",
        {"operating_cost": "512.60", "operating_cost_change": "-30.40"},
        [],
    ),
    (
        "operating_cost_expense_budget_tongbi",
        "2025年机关运行经费支出预算288.00万元，同比增加6.00万元。\n",
        {"operating_cost": "288.00", "operating_cost_change": "6.00"},
        ["expense_total"],
    ),
    (
        "operating_cost_institutions",
        "下属事业单位事业运行经费预算1,250,000元，同比增加50,000元。\n",
        {},
        ["operating_cost", "operating_cost_change"],
    ),
    (
        "procurement_arranged",
        "2025年本部门政府采购安排2,480.50万元，其中：货物类采购预算310.5万元，工程类采购预算20万元，"
        "服务类采购预算2,150万元。\n",
        {
            "procurement_total": "2480.50",
            "procurement_goods": "310.5",
            "procurement_works": "20",
            "procurement_services": "2150",
        },
        [],
    ),
    (
        "procurement_kinds_next_sentence",
        "2025年政府采购预算26,000元，同比增加4,000元。按政府采购项目类型，分为货物类采购、工程类采购和"
        "服务类采购三种类型。其中：货物类采购16,000元，占政府采购预算61.5%；工程类采购0元，占政府采购预算0%；"
        "服务类采购10,000元，占政府采购预算38.5%。\n",
        {
            "procurement_total": "26000",
            "procurement_goods": "16000",
            "procurement_works": "0",
            "procurement_services": "10000",
        },
        [],
    ),
    (
        "central_total_budget",
        "本部门2025年收支总预算7,340.00万元。收入包括：一般公共预算当年拨款收入7,040.00万元。\n",
        {"income_total": "7340.00", "expense_total": "7340.00"},
        [],
    ),
    (
        "central_fiscal_total_budget",
        "本部门2025年财政拨款收支总预算7,040.00万元。\n",
        {},
        ["income_total", "expense_total"],
    ),
    (
        "jiangsu_changes_yu_shangnian",
        "本部门2025年收入、支出预算总计3,906.40万元，与上年相比收、支预算总计各减少180.20万元，下降4.41%。\n"
        "本部门2025年一般公共预算当年拨款3,606.40万元，与上年相比减少170.00万元，下降4.50%。\n"
        "本部门2025年一般公共预算机关运行经费预算支出296.30万元，与上年相比减少9.00万元。\n",
        {
            "income_total": "3906.40",
            "expense_total": "3906.40",
            "income_change": "-180.20",
            "expense_change": "-180.20",
            "general_budget_expense": "3606.40",
            "general_budget_change": "-170.00",
            "operating_cost": "296.30",
            "operating_cost_change": "-9.00",
        },
        [],
    ),
    (
        "jiangsu_procurement_kinds",
        "2025年度本部门政府采购支出预算总额510.00万元，其中：拟采购货物支出96.00万元、拟采购工程支出0万元、"
        "拟购买服务支出414.00万元。\n",
        {
            "procurement_total": "510.00",
            "procurement_goods": "96.00",
            "procurement_works": "0",
            "procurement_services": "414.00",
        },
        [],
    ),
    (
        "central_performance_not_gpb",
        "2025年本部门实行绩效目标管理的项目共41个，涉及一般公共预算当年拨款28,730.50万元。\n",
        {"performance_budget": "28730.50"},
        ["general_budget_expense", "general_budget_income"],
    ),
    (
        "department_budget_income",
        "2025年部门预算收入4,350.00万元，比上年预算数增加150.00万元；部门预算支出4,350.00万元，比上年预算数增加150.00万元。"
        "下属单位部门预算收入620.00万元。\n",
        {
            "income_total": "4350.00",
            "income_change": "150.00",
            "expense_total": "4350.00",
            "expense_change": "150.00",
        },
        [],
    ),
    (
        "department_budget_income_subunit",
        "本部门下属单位部门预算收入620.00万元。2024年部门预算收入4,200.00万元。\n",
        {},
        ["income_total"],
    ),
    (
        "three_public_sum_words",
        "2025年“三公”经费支出预算合计19.30万元，比上年预算数减少2.70万元。其中：因公出国（境）经费支出预算0万元，"
        "与上年预算数持平。\n"
        "2025年度“三公”经费预算总计19.30万元，其中：因公出国（境）经费0万元，公务接待7.30万元，公务用车运行费用12万元。\n",
        {
            "three_public_total": "19.30",
            "three_public_change": "-2.70",
            "three_public_overseas": "0",
            "three_public_reception": "7.30",
            "three_public_vehicle_operation": "12",
        },
        [],
    ),
    (
        "vehicles_held_as_stock",
        "截至2024年底，本部门公务用车保有量14台，单位价值100万元以上的设备3台（套）。\n",
        {"vehicles": "14"},
        [],
    ),
    (
        "procurement_kinds_bare",
        "2025年政府采购预算总额740.00万元，其中：货物140.00万元、工程0万元、服务600.00万元。\n",
        {
            "procurement_total": "740.00",
            "procurement_goods": "140.00",
            "procurement_works": "0",
            "procurement_services": "600.00",
        },
        [],
    ),
    (
        "operating_cost_budget_number",
        "2025年机关运行经费预算数为162.40万元。\n",
        {"operating_cost": "162.40"},
        [],
    ),
    (
        "change_tongbi_no_figure",
        "本年收入预算同比增加46.00万元。本年支出预算同比减少9.00万元。\n",
        {"income_change": "46.00", "expense_change": "-9.00"},
        [],
    ),
    (
        "change_against_initial_budget",
        "2025年某某局部门预算收入3,512.07万元，较2024年年初预算增加96.50万元，增长2.8%。\n",
        {"income_total": "3512.07", "income_change": "96.50"},
        [],
    ),
    (
        "change_after_prior_figure",
        "2025年部门收入预算4,300.00万元，较上年预算4,100.00万元增加200.00万元。"
        "支出预算4,300.00万元，比2024年预算的4,100.00万元增加200.00万元。\n",
        {
            "income_total": "4300.00",
            "prior.income_total": "4100.00",
            "income_change": "200.00",
            "expense_total": "4300.00",
            "expense_change": "200.00",
        },
        [],
    ),
    (
        "change_of_a_part_is_no_total_change",
        "2025年收入预算4,300.00万元，比上年增长4.9%，其中一般公共预算拨款增加200.00万元。\n",
        {"income_total": "4300.00"},
        ["income_change"],
    ),
    (
        "change_last_year_first",
        "2024年机关运行经费安排300.00万元。2025年机关运行经费安排310.00万元，同比增加10.00万元。\n",
        {"operating_cost": "310.00", "operating_cost_change": "10.00"},
        [],
    ),
    (
        # a part's change (公务接待费, 办公费, 项目支出…) said after 与上年相比/比上年/同比 is not
        # the total's; nor is a change against last year's 执行数 (the checks compare budgets)
        "change_of_a_named_part_after_the_basis",
        "2025年“三公”经费预算12.00万元，与上年相比，公务接待费减少1.00万元。"
        "2026年“三公”经费预算13.00万元，比上年公务用车购置费减少6.00万元。"
        "2025年机关运行经费预算50.00万元，与上年相比，办公费减少5.00万元。"
        "2025年一般公共预算支出预算4000.00万元，同比项目支出减少100.00万元。"
        "2025年收入预算5000.00万元，较上年财政拨款收入减少100.00万元。"
        "2025年支出预算5000.00万元，支出较上年项目支出减少100.00万元。\n",
        {"three_public_total": "12.00", "operating_cost": "50.00", "general_budget_expense": "4000.00"},
        [
            "three_public_change",
            "operating_cost_change",
            "general_budget_change",
            "income_change",
            "expense_change",
        ],
    ),
    (
        # the unit's own funds' 三公 (单位资金, 非财政拨款…安排, 含单位资金) and its parts are not
        # the 财政拨款 figure
        "three_public_of_own_funds",
        "2026年使用单位资金安排“三公”经费8.00万元，其中：公务接待费5.00万元。"
        "2025年非财政拨款安排“三公”经费预算8.00万元。其中：公务接待费5.00万元。"
        "2025年“三公”经费预算（含单位资金）20.00万元，比上年减少2.00万元，其中：公务接待费5.00万元。\n",
        {},
        ["three_public_total", "three_public_change", "three_public_reception"],
    ),
    (
        # the kinds listed after one fund's or the small firms' share are that share's, not the total's
        "procurement_kinds_of_a_share",
        "2025年政府采购预算总额100.00万元，其中：一般公共预算拨款政府采购80.00万元：货物40.00万元、"
        "工程20.00万元、服务20.00万元。2026年政府采购预算总额90.00万元，其中：授予中小企业合同金额"
        "60.00万元，货物30.00万元。\n",
        {"procurement_total": "100.00"},
        ["procurement_goods", "procurement_works", "procurement_services"],
    ),
    (
        # a kind of unit's figures (事业单位, 行政单位) are not the department's totals
        "totals_of_a_kind_of_unit",
        "2025年事业单位收入预算3000.00万元，比上年减少90.00万元。"
        "2025年行政单位支出预算2000.00万元，比上年减少80.00万元。"
        "2025年本单位收入预算5000.00万元，较2024年年初预算增加900.00万元。\n",
        {"income_total": "5000.00", "income_change": "900.00"},
        ["expense_total", "expense_change"],
    ),
    (
        # the change of a part of 基本支出/项目支出 (人员经费, 公用经费, 某专项…) is not theirs
        "basic_project_change_of_a_part",
        "2025年基本支出预算3000.00万元，同比人员经费减少100.00万元。"
        "项目支出预算1000.00万元，与上年相比，信息化专项减少50.00万元。\n",
        {"basic_expense": "3000.00", "project_expense": "1000.00"},
        ["basic_expense_change", "project_expense_change"],
    ),
    (
        # the totals right after the department's name as its title prints it (HEAD: 某某市某某局),
        # or after 本局; and a change stated after a 收入总计 / 支出总计
        "totals_after_the_departments_name",
        "某某市某某局收入总计5,000.00万元，比上年增加120.00万元。本局支出合计5,000.00万元，同比增长2.5%，增加120.00万元。\n",
        {
            "income_total": "5000.00",
            "income_change": "120.00",
            "expense_total": "5000.00",
            "expense_change": "120.00",
        },
        [],
    ),
    (
        # …not after a unit's name (longer: 某某市某某局信息中心), nor a name the title does not print
        "totals_after_another_name",
        "某某市某某局信息中心收入总计800.00万元，比上年增加20.00万元。某某区某某局支出合计600.00万元。\n",
        {},
        ["income_total", "income_change", "expense_total", "expense_change"],
    ),
    (
        # …nor after it when the words it opens with make it last year's or the basis
        "totals_after_the_departments_name_last_year",
        "2024年某某市某某局收入总计4,800.00万元。上年某某市某某局支出合计4,800.00万元。"
        "与上年某某市某某局收入总计4,800.00万元相比增加200.00万元。\n",
        {},
        ["income_total", "expense_total"],
    ),
    (
        # a 三公 zero said without a unit (上海's template: …为0，与2024年预算持平)
        "three_public_zero_without_a_unit",
        "2025年“三公”经费预算数为0，与2024年预算持平。其中：（一）因公出国（境）费为0，与2024年预算持平。"
        "（二）公务用车购置及运行费为0，与2024年预算持平。其中：公务用车购置费为0，与2024年预算持平；"
        "公务用车运行费为0，与2024年预算持平。（三）公务接待费为0，与2024年预算持平。\n",
        {
            "three_public_total": "0",
            "three_public_overseas": "0",
            "three_public_vehicle_purchase": "0",
            "three_public_vehicle_operation": "0",
            "three_public_reception": "0",
        },
        [],
    ),
    (
        # …not a 全口径 or 非财政拨款 zero, last year's, nor a figure that only starts with 0
        "three_public_zero_of_another_scope",
        "2025年全口径“三公”经费预算数为0。非财政拨款安排的公务接待费为0。2024年公务用车购置费为0。"
        "因公出国（境）费为05。\n",
        {},
        [
            "three_public_total",
            "three_public_reception",
            "three_public_vehicle_purchase",
            "three_public_overseas",
        ],
    ),
    (
        # a class named in quotes as a 科目 (上海's template); a 款 or 项 so named is no class
        "class_named_as_a_subject",
        "财政拨款支出主要内容如下：1.“社会保障和就业支出”科目113万元，主要用于离退休经费。"
        "2.“卫生健康支出”科目37万元。3.“其他城乡社区支出”科目20万元。4.“行政事业单位养老支出”科目13万元。\n",
        {"expense.208": "113", "expense.210": "37"},
        ["expense.212", "expense_total"],
    ),
    (
        # the procurement projects the budget takes in, then their kinds (深圳's template)
        "procurement_projects_taken_in",
        "第四部分 政府采购预算情况\n某某局纳入2025年部门预算的政府采购项目共有7,558.99万元，"
        "其中：货物类项目23.00万元、工程类项目0.00万元、服务类项目7,535.99万元。\n",
        {
            "procurement_total": "7558.99",
            "procurement_goods": "23.00",
            "procurement_works": "0.00",
            "procurement_services": "7535.99",
        },
        [],
    ),
    (
        # …but those one fund's allocation takes in are that fund's
        "procurement_projects_of_one_fund",
        "一般公共预算拨款纳入2025年部门预算的政府采购项目共有80.00万元，其中：货物类项目20.00万元、服务类项目60.00万元。\n",
        {},
        ["procurement_total", "procurement_goods", "procurement_services"],
    ),
    (
        # a change said as a percentage first, then as an amount: the amount is read
        "change_amount_after_percentage",
        "2025年收入预算5,000.00万元，同比增长3.5%，增加120.00万元。"
        "2025年支出预算5,000.00万元，比上年增长3.5%（增加120.00万元）。"
        "2025年机关运行经费预算150.00万元，比上年下降2%，即减少3.00万元。"
        "2025年“三公”经费预算12.00万元，比上年增长3.5%，增加0.40万元。\n",
        {
            "income_total": "5000.00",
            "income_change": "120.00",
            "expense_total": "5000.00",
            "expense_change": "120.00",
            "operating_cost_change": "-3.00",
            "three_public_change": "0.40",
        },
        [],
    ),
    (
        # …but an amount that does not follow the percentage at once is a part's or a reason's
        "change_of_a_part_after_percentage",
        "2025年收入预算4,300.00万元，比上年增长4.9%，其中一般公共预算拨款增加200.00万元。"
        "2025年支出预算4,300.00万元，比上年增长4.9%，主要是人员经费增加150.00万元。"
        "2025年“三公”经费预算12.00万元，比上年增长3.5%，其中公务接待费增加0.40万元。\n",
        {"income_total": "4300.00", "expense_total": "4300.00", "three_public_total": "12.00"},
        ["income_change", "expense_change", "three_public_change"],
    ),
    (
        # the name, then the basis with last year's figure, then the change (no figure of this
        # year's); a basis said as 2024年初预算数
        "change_against_a_stated_basis",
        "收入预算比2024年预算的4,800.00万元增加200.00万元。支出预算较上年预算数4,800.00万元增加200.00万元。"
        "2025年“三公”经费预算12.00万元，比2024年初预算数13.00万元减少1.00万元。\n",
        {"income_change": "200.00", "expense_change": "200.00", "three_public_change": "-1.00"},
        ["income_total", "expense_total"],
    ),
    (
        # …of one source or fund, it is that source's change, not the total's
        "change_of_a_source_against_a_stated_basis",
        "事业收入比2024年预算的300.00万元增加50.00万元。一般公共预算支出比上年的2,000.00万元减少100.00万元。"
        "2025年收入预算31,500.00万元，其中：一般公共预算收入12,640.10万元比2024年初预算数12,900.00万元减少259.90万元。\n",
        {"income_total": "31500.00"},
        ["income_change", "expense_change", "general_budget_change"],
    ),
    (
        # the words between 机关运行经费 and its figure stay in its clause: a figure of the next
        # clause (办公费…, 会议费…) and its change are a part's, not the running costs'
        "operating_cost_change_stays_in_its_clause",
        "2025年机关运行经费与上年持平，办公费20.00万元，比上年减少2.00万元。"
        "机关运行经费详见附表，会议费3.00万元，较上年增加1.00万元。"
        "2025年机关运行经费预算150.00万元，比上年预算增加5.00万元。\n",
        {"operating_cost": "150.00", "operating_cost_change": "5.00"},
        [],
    ),
    (
        # alike for the “三公”经费: a figure of the next clause and its change are a part's
        "three_public_change_stays_in_its_clause",
        "2025年“三公”经费与上年持平，会议费10.00万元，比上年减少2.00万元。"
        "2025年“三公”经费预算情况，培训费5.00万元，比上年减少1.00万元。"
        "2025年“三公”经费财政拨款预算45.60万元，比2024年减少2.40万元。\n",
        {"three_public_total": "45.60", "three_public_change": "-2.40"},
        [],
    ),
    (
        "three_public_change_against_outturn",
        "2025年“三公”经费支出预算12.00万元，比2024年“三公”经费执行数减少3.00万元。\n",
        {"three_public_total": "12.00"},
        ["three_public_change"],
    ),
    (
        # a change or a prior figure against a year other than last year is not 比上年 (the
        # budget year is 2025: 比2023年… is not read; 比2024年… is)
        "change_against_another_year",
        "2025年“三公”经费预算10.00万元，比2023年减少2.00万元。"
        "2025年收入预算5,000.00万元，比2023年预算的4,800.00万元增加200.00万元。"
        "2025年支出预算5,000.00万元，比2024年预算的4,900.00万元增加100.00万元。\n",
        {
            "three_public_total": "10.00",
            "income_total": "5000.00",
            "expense_total": "5000.00",
            "prior.expense_total": "4900.00",
            "expense_change": "100.00",
        },
        ["three_public_change", "income_change", "prior.income_total"],
    ),
    (
        # a comparison with the budget year itself is a slip for last year's (上海: 比2026年预算增加…
        # in a 2026 budget): read as the change
        "change_against_the_budget_year_itself",
        "2025年机关运行经费预算150.00万元，比2025年预算增加5.00万元。\n",
        {"operating_cost": "150.00", "operating_cost_change": "5.00"},
        [],
    ),
    (
        # 深圳's procurement sentence names its year: another year's is not this budget's
        "procurement_of_another_year",
        "纳入2024年部门预算的政府采购项目共有500.00万元，其中：货物类项目100.00万元、"
        "工程类项目0.00万元、服务类项目400.00万元。\n",
        {},
        ["procurement_total", "procurement_goods", "procurement_works", "procurement_services"],
    ),
    (
        # the goods of one fund listed after 其中 are not the total's
        "procurement_goods_of_one_fund",
        "纳入2025年部门预算的政府采购项目共有500.00万元，其中：一般公共预算安排的货物类项目100.00万元。\n",
        {"procurement_total": "500.00"},
        ["procurement_goods"],
    ),
    (
        # a unit of the department (its name longer than the title's) is the subject of the
        # whole sentence: its 支出总计 is the unit's too
        "a_units_totals_to_the_end_of_the_sentence",
        "某某市某某局信息中心收入总计300.00万元，支出总计300.00万元。"
        "某某市某某局信息中心2025年收入预算300.00万元，支出预算300.00万元。"
        "某某市某某局收入总计1,000.00万元，支出总计1,000.00万元。\n",
        {"income_total": "1000.00", "expense_total": "1000.00"},
        [],
    ),
    (
        # the department with its units is the department
        "the_department_and_its_units_totals",
        "某某市某某局及所属单位2025年收入预算1,000.00万元，支出预算1,000.00万元。\n",
        {"income_total": "1000.00", "expense_total": "1000.00"},
        [],
    ),
    (
        # a 科目 list led in by another fund's expenditure is that fund's
        "class_list_of_another_fund",
        "政府性基金预算支出主要内容如下：1.“城乡社区支出”科目500.00万元，主要用于城市建设。"
        "2.“农林水支出”科目20.00万元，主要用于水利。\n",
        {},
        ["expense.212", "expense.213"],
    ),
    (
        "class_of_another_fund_in_its_sentence",
        "政府性基金预算支出500.00万元，具体为：1.“城乡社区支出”科目480.00万元。"
        "政府性基金预算支出中，“农林水支出”科目20.00万元。"
        "一般公共预算支出中，“社会保障和就业支出”科目30.00万元。\n",
        {"expense.208": "30.00"},
        ["expense.212", "expense.213"],
    ),
    (
        "class_list_of_the_fiscal_allocation",
        "财政拨款支出主要内容如下：1.“城乡社区支出”科目500.00万元，主要用于城市建设。\n",
        {"expense.212": "500.00"},
        [],
    ),
    (
        # a zero followed by a count word counts vehicles, it is no amount
        "zero_with_a_count_word",
        "公务用车购置数为0辆，公务接待为0次。因公出国（境）费为0。\n",
        {"three_public_overseas": "0"},
        ["three_public_vehicle_purchase", "three_public_reception"],
    ),
    (
        # the department's name then words of money, not a unit's name: the department's facts
        # (a review's counter-example: they were taken for a unit's sentence and all dropped)
        "department_name_then_money_words",
        "某某市某某局一般公共预算财政拨款支出预算700.00万元，其中基本支出500.00万元，项目支出200.00万元。"
        "某某市某某局财政拨款收入预算800.00万元，其中一般公共预算拨款700.00万元，比上年增加50.00万元。\n",
        {"general_budget_expense": "700.00", "basic_expense": "500.00", "project_expense": "200.00",
         "general_budget_change": "50.00"},
        [],
    ),
    (
        # a unit's name after the department's (…信息中心): its sentence is the unit's to its end
        "a_units_sentence",
        "某某市某某局信息中心收入总计300.00万元，支出总计300.00万元，比上年减少20.00万元。\n",
        {},
        ["income_total", "expense_total", "expense_change"],
    ),
    (
        # what a list's lead-in says it includes is no scope of its own: 财政拨款（含…政府性基金）
        "a_lead_in_that_includes_another_fund",
        "2025年财政拨款支出（含一般公共预算和政府性基金预算）主要内容如下：1.“农林水支出”科目30.00万元。"
        "2.“交通运输支出”科目40.00万元。\n",
        {"expense.213": "30.00", "expense.214": "40.00"},
        [],
    ),
]


@pytest.mark.parametrize(("name", "prose", "reads", "absent"), CASES, ids=[c[0] for c in CASES])
def test_prose_family(name: str, prose: str, reads: dict[str, str], absent: list[str]) -> None:
    facts = {f.id: f.value for f in run_text(HEAD + prose, f"{name}.txt").narrative}
    assert {k: facts.get(k) for k in reads} == reads
    assert [k for k in absent if k in facts] == []


def test_who_names_the_department() -> None:
    """The words before a 收入总计 name the department when they end with its full name, with or
    without its own unit's mark, or call it 本局/本部门; a unit's longer name or a shorter one do not."""
    from llmextract.reading.narrative import names_the_department

    assert names_the_department("二、收入预算情况深圳市某某局", "深圳市某某局（本级）")
    assert names_the_department("深圳市某某局(本级)", "深圳市某某局（本级）")
    assert names_the_department("本部门", "")
    assert not names_the_department("深圳市某某局信息中心", "深圳市某某局")
    assert not names_the_department("某某局", "深圳市某某局")
    assert not names_the_department("某某局", "")
