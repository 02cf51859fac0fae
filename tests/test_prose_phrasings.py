"""Narrative phrasings of other regions' 情况说明 (Jiangsu, Beijing, Guangdong, Sichuan,
Zhejiang, Hubei, Shandong) and their traps: a figure of another fund, class, kind, sub-unit or
year is not read as the department's fact (a blank is better than a wrong number); a figure
in 元 or 亿元 is read as printed, with its unit. Each case is a minimal document: a title, a
heading and the prose."""

from __future__ import annotations

import pytest

from llmextract.pipeline import run_text

HEAD = "某某市某某局2025年部门预算\n\n一、部门预算情况说明\n\n"

# (name, prose, facts read with these values, facts that must not be read)
CASES: list[tuple[str, str, dict[str, str], list[str]]] = [
    (
        "js_overview",
        "江苏省某某厅2025年度收入、支出预算总计3,256.80万元，与上年相比收、支预算总计各增加156.30万元，增长5.04%。\n（一）收入预算总计3,256.80万元。包括：1.财政拨款收入预算总计3,056.80万元。（1）一般公共预算收入预算2,956.80万元，与上年相比增加136.30万元，增长4.83%。主要原因是人员经费增加。（2）政府性基金收入预算100.00万元，与上年相比增加20.00万元。2.上年结转资金预算数为0万元。3.其他资金收入预算数为200.00万元。\n（二）支出预算总计3,256.80万元。包括：1.一般公共服务（类）支出2,800.50万元，主要用于机关运行，与上年相比增加100.00万元。2.社会保障和就业（类）支出256.30万元。3.卫生健康（类）支出200.00万元。\n",
        {
            "income_total": "3256.80",
            "expense_total": "3256.80",
            "expense.201": "2800.50",
            "expense.208": "256.30",
            "expense.210": "200.00",
        },
        [],
    ),
    (
        "js_income",
        "本部门2025年收入预算合计3,256.80万元，包括本年收入3,256.80万元，上年结转资金0万元。其中：一般公共预算收入2,956.80万元，占90.79%；政府性基金预算收入100.00万元，占3.07%；其他收入200.00万元，占6.14%。\n本部门2025年支出预算合计3,256.80万元，其中：基本支出2,100.40万元，占64.49%；项目支出1,156.40万元，占35.51%。\n",
        {
            "income_total": "3256.80",
            "expense_total": "3256.80",
            "basic_expense": "2100.40",
            "project_expense": "1156.40",
        },
        [],
    ),
    (
        "js_fiscal",
        "本部门2025年财政拨款收支总预算3,056.80万元。收入包括：一般公共预算当年拨款收入2,956.80万元；政府性基金预算当年拨款收入100.00万元。支出包括：一般公共服务支出2,800.50万元；社会保障和就业支出256.30万元。\n本部门2025年一般公共预算当年拨款2,956.80万元，与上年相比增加136.30万元，增长4.83%。主要原因是人员经费增加。\n本部门2025年一般公共预算基本支出2,100.40万元，其中：人员经费1,800.20万元，主要包括：基本工资、津贴补贴；公用经费300.20万元，主要包括：办公费、印刷费。\n",
        {
            "general_budget_expense": "2956.80",
            "basic_expense": "2100.40",
            "expense.201": "2800.50",
            "expense.208": "256.30",
        },
        ["expense_total", "income_total"],
    ),
    (
        "js_threepublic",
        "本部门2025年一般公共预算拨款安排的“三公”经费预算支出中，因公出国（境）费支出12.00万元，占“三公”经费的30.00%；公务用车购置及运行费支出20.00万元，占“三公”经费的50.00%；公务接待费支出8.00万元，占“三公”经费的20.00%。具体情况如下：1.因公出国（境）费预算支出12.00万元，比上年预算减少3.00万元，主要原因是压减出访团组。2.公务用车购置及运行费预算支出20.00万元，比上年预算增加2.00万元。其中：（1）公务用车购置预算支出0万元，与上年预算持平。（2）公务用车运行维护费预算支出20.00万元，比上年预算增加2.00万元。3.公务接待费预算支出8.00万元，比上年预算减少1.00万元。\n",
        {},
        ["expense_change", "expense_total", "three_public_change"],
    ),
    (
        "js_other",
        "2025年本部门一般公共预算机关运行经费预算支出300.20万元，与上年相比增加10.50万元，增长3.62%。主要原因是新增办公用房物业费。\n2025年度本部门政府采购支出预算总额450.00万元，其中：拟采购货物支出150.00万元、拟采购工程支出0万元、拟购买服务支出300.00万元。\n截至2024年12月31日，本部门共有车辆6辆，其中，一般公务用车2辆、执法执勤用车3辆、特种专业技术用车1辆、其他用车0辆等。单价50万元以上的通用设备2台（套），单价100万元以上的专用设备0台（套）。\n2025年部门预算安排购置车辆1辆；购置单价50万元以上的通用设备1台（套）。\n2025年本部门共12个项目实行绩效目标管理，涉及财政性资金合计1,156.40万元。\n",
        {
            "operating_cost": "300.20",
            "procurement_total": "450.00",
            "vehicles": "6",
            "vehicles.parts": "6",
            "performance_budget": "1156.40",
        },
        [],
    ),
    (
        "bj_all",
        "2025年北京市某某局收入预算8,520.36万元，其中：财政拨款收入8,020.36万元（一般公共预算拨款7,900.36万元、政府性基金预算拨款120.00万元），占94.13%；事业收入500.00万元，占5.87%。\n2025年北京市某某局支出预算8,520.36万元，其中：基本支出3,210.15万元，占37.68%；项目支出5,310.21万元，占62.32%。\n2025年财政拨款收支预算8,020.36万元，比2024年增加420.16万元，增长5.53%。主要原因是新增重点项目。\n2025年一般公共预算财政拨款支出预算7,900.36万元，比2024年增加400.16万元，主要原因是新增重点项目。其中：基本支出3,210.15万元，比2024年增加80.00万元；项目支出4,690.21万元，比2024年增加320.16万元。\n2025年“三公”经费财政拨款预算45.60万元，比2024年减少2.40万元，下降5.0%。其中：因公出国（境）费0万元，与2024年持平；公务接待费3.20万元，比2024年减少0.40万元；公务用车购置及运行维护费42.40万元，其中：公务用车购置费0万元，公务用车运行维护费42.40万元，比2024年减少2.00万元。\n2025年本部门机关运行经费财政拨款预算312.45万元，比2024年减少15.30万元，降低4.67%。主要原因是落实过紧日子要求。\n2025年本部门政府采购预算1,230.00万元，其中：货物类采购预算230.00万元，工程类采购预算500.00万元，服务类采购预算500.00万元。\n2025年本部门实行绩效目标管理的项目32个，涉及财政拨款资金4,690.21万元。\n截至2024年12月31日，本部门共有车辆20辆，其中：一般公务用车4辆、执法执勤用车12辆、特种专业技术用车4辆；单位价值50万元以上通用设备3台（套），单位价值100万元以上专用设备1台（套）。2025年拟更新公务用车2辆。\n",
        {
            "income_total": "8520.36",
            "expense_total": "8520.36",
            "general_budget_income": "7900.36",
            "basic_expense": "3210.15",
            "project_expense": "5310.21",
            "general_budget_expense": "7900.36",
            "general_budget_change": "400.16",
            "basic_expense_change": "80.00",
            "project_expense_change": "320.16",
            "three_public_total": "45.60",
            "three_public_change": "-2.40",
            "three_public_overseas": "0",
            "three_public_reception": "3.20",
            "three_public_vehicle_purchase": "0",
            "three_public_vehicle_operation": "42.40",
            "operating_cost": "312.45",
            "operating_cost_change": "-15.30",
            "procurement_total": "1230.00",
            "procurement_goods": "230.00",
            "procurement_works": "500.00",
            "procurement_services": "500.00",
            "performance_budget": "4690.21",
            "vehicles": "20",
        },
        ["expense_change", "income_change"],
    ),
    (
        "gd_all",
        "2025年本部门收入预算5,432.10万元，比2024年预算增加321.00万元，增长6.28%。其中：财政拨款收入5,132.10万元（一般公共预算5,132.10万元），比2024年预算增加300.00万元；其他收入300.00万元。\n2025年本部门支出预算5,432.10万元，比2024年预算增加321.00万元。其中：基本支出2,012.30万元，比2024年预算增加50.00万元；项目支出3,419.80万元，比2024年预算增加271.00万元。\n2025年部门“三公”经费预算28.50万元，比上年预算减少1.50万元，下降5%。其中：因公出国（境）费5.00万元；公务用车购置及运行费18.50万元（其中：公务用车购置费0万元，公务用车运行费18.50万元）；公务接待费5.00万元。\n2025年部门政府采购预算总额860.00万元，其中货物类采购260.00万元，服务类采购600.00万元。\n",
        {
            "income_total": "5432.10",
            "income_change": "321.00",
            "expense_total": "5432.10",
            "expense_change": "321.00",
            "basic_expense": "2012.30",
            "project_expense": "3419.80",
            "basic_expense_change": "50.00",
            "project_expense_change": "271.00",
            "three_public_total": "28.50",
            "three_public_change": "-1.50",
            "three_public_overseas": "5.00",
            "three_public_vehicle_purchase": "0",
            "three_public_vehicle_operation": "18.50",
            "three_public_reception": "5.00",
            "procurement_total": "860.00",
            "procurement_goods": "260.00",
            "procurement_services": "600.00",
        },
        ["general_budget_change", "prior.income_total", "procurement_works"],
    ),
    (
        "sc_all",
        "某某局2025年收入总计1,865.42万元，支出总计1,865.42万元。与2024年相比，收、支总计各减少124.58万元，下降6.3%。主要变动原因是项目支出减少。\n某某局2025年收入合计1,865.42万元，其中：上年结转0万元，占0%；一般公共预算拨款收入1,765.42万元，占94.64%；政府性基金预算拨款收入100.00万元，占5.36%。\n某某局2025年支出合计1,865.42万元，其中：基本支出1,203.11万元，占64.5%；项目支出662.31万元，占35.5%。\n某某局2025年一般公共预算当年拨款1,765.42万元，比2024年减少104.58万元，主要原因是一次性项目到期。\n某某局2025年一般公共预算当年拨款1,765.42万元，主要用于以下方面：一般公共服务（类）支出1,200.00万元，占67.97%；社会保障和就业（类）支出365.42万元，占20.70%；卫生健康（类）支出200.00万元，占11.33%。\n2025年一般公共预算基本支出1,203.11万元，其中：人员经费1,050.00万元，主要包括基本工资；公用经费153.11万元，主要包括办公费。\n2025年“三公”经费预算数为8.60万元，较2024年预算减少0.40万元，下降4.4%。其中：因公出国（境）费0万元；公务用车购置及运行费6.00万元，其中，公务用车购置费0万元，公务用车运行费6.00万元；公务接待费2.60万元，较2024年减少0.40万元。\n2025年本部门机关运行经费预算153.11万元，比2024年预算增加3.11万元。\n2025年本部门政府采购预算安排45.00万元，其中：政府采购货物预算45.00万元。\n截至2024年12月底，本部门共有车辆3辆，其中，主要领导干部用车0辆、机要通信用车0辆、应急保障用车0辆、执法执勤用车2辆、特种专业技术用车1辆、离退休干部服务用车0辆、其他用车0辆。2025年部门预算未安排购置车辆。\n2025年本部门实行绩效目标管理的项目15个，涉及项目预算资金662.31万元。\n",
        {
            "income_total": "1865.42",
            "expense_total": "1865.42",
            "income_change": "-124.58",
            "expense_change": "-124.58",
            "general_budget_income": "1765.42",
            "basic_expense": "1203.11",
            "project_expense": "662.31",
            "general_budget_expense": "1765.42",
            "general_budget_change": "-104.58",
            "expense.201": "1200.00",
            "expense.208": "365.42",
            "expense.210": "200.00",
            "three_public_total": "8.60",
            "three_public_change": "-0.40",
            "three_public_overseas": "0",
            "three_public_vehicle_purchase": "0",
            "three_public_vehicle_operation": "6.00",
            "three_public_reception": "2.60",
            "operating_cost": "153.11",
            "operating_cost_change": "3.11",
            "procurement_goods": "45.00",
            "vehicles": "3",
            "vehicles.parts": "3",
            "performance_budget": "662.31",
        },
        ["basic_expense_change", "project_expense_change"],
    ),
    (
        "zj_all",
        "2025年部门收入预算9,876.54万元，其中：一般公共预算拨款收入9,000.00万元，占91.12%；政府性基金预算拨款收入0万元；上年结转876.54万元，占8.88%。\n2025年部门支出预算9,876.54万元，其中：基本支出4,321.00万元，项目支出5,555.54万元。\n",
        {
            "income_total": "9876.54",
            "general_budget_income": "9000.00",
            "expense_total": "9876.54",
            "basic_expense": "4321.00",
            "project_expense": "5555.54",
        },
        [],
    ),
    (
        "hb_all",
        "2025年部门收入预算2,345.00万元，支出预算2,345.00万元，与上年相比收、支预算总计各增加145.00万元，增长6.6%。主要原因是新增项目。\n",
        {"income_total": "2345.00", "expense_total": "2345.00"},
        [],
    ),
    (
        "sd_all",
        "2025年部门收入预算总额4,100.00万元，比上年增加200.00万元，增长5.1%。其中：一般公共预算拨款收入3,900.00万元，比上年增加180.00万元；事业收入200.00万元，比上年增加20.00万元。\n2025年部门支出预算总额4,100.00万元，比上年增加200.00万元。\n",
        {
            "income_total": "4100.00",
            "income_change": "200.00",
            "general_budget_income": "3900.00",
            "general_budget_change": "180.00",
            "expense_total": "4100.00",
            "expense_change": "200.00",
        },
        [],
    ),
    (
        "yn_all",
        "2025年部门预算收入6,200.00万元，比上年预算数增加300.00万元；部门预算支出6,200.00万元，比上年预算数增加300.00万元。\n",
        {},
        [],
    ),
    (
        "t_gpb_income_change",
        "2025年一般公共预算拨款收入较上年增加86.20万元，主要是人员经费增加。\n",
        {"general_budget_change": "86.20"},
        ["income_change"],
    ),
    (
        "t_business_income_change",
        "事业收入比上年减少30.00万元，主要是服务收费下降。\n",
        {},
        ["income_change"],
    ),
    (
        "t_other_income_change",
        "其他收入较上年增加12.00万元。\n",
        {},
        ["income_change"],
    ),
    (
        "t_gpb_expense_change",
        "一般公共预算拨款支出比上年增加86.20万元。\n",
        {"general_budget_change": "86.20"},
        ["expense_change"],
    ),
    (
        "t_class_change",
        "社会保障和就业支出较上年增加40.00万元。\n",
        {},
        ["expense.208", "expense_change"],
    ),
    (
        "t_fund_change",
        "政府性基金预算支出较上年减少20.00万元。\n",
        {},
        ["expense_change"],
    ),
    (
        "t_fiscal_change",
        "财政拨款支出较上年减少20.00万元。\n",
        {},
        ["expense_change"],
    ),
    (
        "t_3public_change",
        "“三公”经费支出比上年减少1.20万元。\n",
        {},
        ["expense_change"],
    ),
    (
        "t_personnel_change",
        "基本支出中人员经费比上年增加25.00万元，公用经费比上年减少5.00万元。\n",
        {},
        ["basic_expense_change"],
    ),
    (
        "t_gpb_change_comma",
        "2025年一般公共预算财政拨款收入1,200.00万元，比上年增长5.2%，其中基本支出增加20.00万元。\n",
        {"general_budget_income": "1200.00", "basic_expense_change": "20.00"},
        ["general_budget_change"],
    ),
    (
        "t_gpb_change_comma2",
        "2025年一般公共预算拨款支出1,200.00万元，比上年基本持平，项目支出减少20.00万元。\n",
        {"general_budget_expense": "1200.00", "project_expense_change": "-20.00"},
        ["general_budget_change"],
    ),
    (
        "t_prior_first",
        "与2024年收入预算4,800.00万元相比，2025年收入预算5,100.00万元，增加300.00万元。\n",
        {"income_total": "5100.00"},
        [],
    ),
    (
        "t_prior_first2",
        "上年“三公”经费预算13.50万元，本年“三公”经费预算12.20万元，减少1.30万元。\n",
        {"three_public_total": "12.20"},
        [],
    ),
    (
        "t_prior_first3",
        "2025年机关运行经费比上年预算的320.00万元减少12.00万元。\n",
        {},
        ["operating_cost"],
    ),
    (
        "t_prior_after",
        "2025年部门收入预算5,100.00万元，比2024年收入预算4,800.00万元增加300.00万元。\n",
        {"income_total": "5100.00"},
        [],
    ),
    (
        "t_subunit",
        "本部门收入总计3,500.00万元。其中：局机关收入预算2,300.00万元，下属事业单位收入预算1,200.00万元。\n",
        {"income_total": "3500.00"},
        [],
    ),
    (
        "t_subunit3",
        "本部门预算由局机关和下属事业单位预算组成。局机关收入预算2,300.00万元，下属事业单位收入预算1,200.00万元。\n",
        {},
        ["income_total"],
    ),
    (
        "t_class_budget",
        "社会保障和就业支出预算915.57万元，比上年增加20.00万元。卫生健康支出预算42.25万元。\n",
        {"expense.208": "915.57", "expense.210": "42.25"},
        ["expense_change", "expense_total"],
    ),
    (
        "t_subunit2",
        "本部门预算包括局机关和2家下属单位。局机关本级支出预算1,600.00万元，其中：基本支出900.00万元，项目支出700.00万元。\n",
        {},
        ["expense_total"],
    ),
    (
        "t_yuan",
        "2025年收入预算总额12,345,678.90元，比上年增加123,456.00元。“三公”经费预算58,000元，比上年减少2,000元。机关运行经费预算3,124,500.00元。公务接待费8,000元。政府采购预算总额560,000元。\n",
        {
            "income_change": "123456.00",
            "income_total": "12345678.90",
            "operating_cost": "3124500.00",
            "procurement_total": "560000",
            "three_public_change": "-2000",
            "three_public_reception": "8000",
            "three_public_total": "58000",
        },
        [],
    ),
    (
        "t_yi",
        "2025年收入预算总额1.25亿元，比上年增加0.12亿元，其中一般公共预算拨款收入1.10亿元。支出预算1.25亿元，其中基本支出0.45亿元，项目支出0.80亿元。\n",
        {
            "basic_expense": "0.45",
            "expense_total": "1.25",
            "general_budget_income": "1.10",
            "income_change": "0.12",
            "income_total": "1.25",
            "project_expense": "0.80",
        },
        [],
    ),
    (
        "t_juesuan",
        "2024年度“三公”经费支出决算12.30万元。2024年“三公”经费支出11.80万元，机关运行经费支出决算300.00万元。\n",
        {},
        ["operating_cost", "three_public_total"],
    ),
    (
        "t_juesuan2",
        "2024年收入决算总额2,900.00万元，支出决算总额2,850.00万元，其中基本支出决算1,500.00万元。\n",
        {},
        ["basic_expense", "expense_total", "income_total"],
    ),
    (
        "t_fund_sentence",
        "2025年政府性基金预算拨款收入500.00万元，比上年增加100.00万元；政府性基金预算拨款支出500.00万元，其中：基本支出0万元，项目支出500.00万元。\n",
        {},
        [
            "basic_expense",
            "expense_change",
            "expense_total",
            "general_budget_income",
            "income_change",
            "project_expense",
        ],
    ),
    (
        "t_fund_sentence2",
        "政府性基金预算支出预算500.00万元，比上年增加100.00万元。\n",
        {},
        ["expense_change", "expense_total"],
    ),
    (
        "t_fund_then",
        "政府性基金预算拨款收入0万元，无政府性基金预算拨款支出。2025年收入预算800.00万元。\n",
        {"income_total": "800.00"},
        [],
    ),
    (
        "t_gpb_expense_first",
        "2025年一般公共预算财政拨款支出预算7,900.36万元，比2024年增加400.16万元。2025年部门支出预算8,520.36万元。\n",
        {"expense_total": "8520.36", "general_budget_expense": "7900.36", "general_budget_change": "400.16"},
        [],
    ),
    (
        "t_3p_expense_first",
        "2025年“三公”经费支出预算45.60万元。\n",
        {},
        ["expense_total"],
    ),
    (
        "t_operating_expense",
        "2025年机关运行经费支出预算312.45万元。\n",
        {},
        ["expense_total"],
    ),
    (
        "t_personnel_expense",
        "人员经费支出预算1,800.00万元，公用经费支出预算300.00万元。\n",
        {},
        ["expense_total"],
    ),
    (
        "t_perf_gpb_first",
        "2025年部门整体及所有项目支出均实行了绩效目标管理，涉及一般公共预算财政拨款270.26万元。\n",
        {"performance_budget": "270.26"},
        ["general_budget_income"],
    ),
    (
        "t_procure_gpb",
        "一般公共预算拨款政府采购2.99万元，其中：政府采购货物预算2.99万元。\n",
        {},
        ["general_budget_income"],
    ),
    (
        "t_other_class",
        "财政拨款支出主要内容如下：其他城乡社区支出5,234.89万元，主要用于社区治理；城乡社区管理事务支出1,788.77万元。\n",
        {},
        ["expense.212"],
    ),
    (
        "t_other_class2",
        "其他社会保障和就业支出757.44万元，主要用于公益性岗位补贴；职业教育支出20.00万元；其他卫生健康支出5.00万元。\n",
        {},
        ["expense.205", "expense.208", "expense.210"],
    ),
    (
        "t_econ_other",
        "项目支出按经济分类：商品和服务支出120.00万元，对个人和家庭的补助30.00万元，其他支出5.00万元。\n",
        {},
        ["expense.229"],
    ),
    (
        "t_vehicles_kinds",
        "截至2024年12月31日，本部门共有一般公务用车3辆，执法执勤用车12辆。\n",
        {},
        ["vehicles"],
    ),
    (
        "t_vehicles_kinds2",
        "本部门现有执法执勤车辆5辆，特种专业技术车辆2辆。\n",
        {},
        ["vehicles"],
    ),
    (
        "t_vehicles_buy",
        "2025年拟购置公务用车2辆，报废公务用车1辆。截至2024年底本部门共有车辆8辆。\n",
        {"vehicles": "8"},
        [],
    ),
    (
        "t_vehicles_newenergy",
        "本部门实有车辆8辆，其中新能源车辆2辆。\n",
        {"vehicles": "8"},
        ["vehicles.parts"],
    ),
    (
        "t_several",
        "2025年收支预算总数1,500.00万元，比2024年收支预算总数减少50.00万元，其中：基本支出1,000.00万元，项目支出500.00万元。\n",
        {
            "income_total": "1500.00",
            "expense_total": "1500.00",
            "income_change": "-50.00",
            "expense_change": "-50.00",
            "basic_expense": "1000.00",
            "project_expense": "500.00",
        },
        [],
    ),
    (
        "t_percent",
        "收入预算比上年增长5.2%，支出预算比上年下降3.1%。“三公”经费较上年下降10%。\n",
        {},
        ["expense_change", "income_change", "three_public_change"],
    ),
    (
        "t_nonfiscal_3p_first",
        "2025年非财政拨款“三公”经费预算1.00万元。2025年财政拨款“三公”经费预算2.90万元。\n",
        {"three_public_total": "2.90"},
        [],
    ),
    (
        "t_nil",
        "2025年本部门未安排“三公”经费预算。本部门无政府采购预算。机关运行经费与上年持平。\n",
        {},
        ["operating_cost", "operating_cost_change", "procurement_total", "three_public_total"],
    ),
    (
        "t_prev_year_3p_parts",
        "2025年“三公”经费预算2.90万元，其中：公务接待费0.50万元（2024年公务接待费0.80万元）。\n",
        {"three_public_total": "2.90", "three_public_reception": "0.50"},
        [],
    ),
    (
        "t_basic_prior",
        "基本支出比2024年预算数700.00万元增加39.03万元。\n",
        {},
        ["basic_expense"],
    ),
    (
        "t_gpb_prior_stmt",
        "2024年一般公共预算拨款收入为900.00万元，2025年一般公共预算拨款收入为1,009.29万元。\n",
        {"general_budget_income": "1009.29"},
        [],
    ),
    (
        "h_henan",
        "2025年某某局收入总计2,450.60万元，其中：一般公共预算收入2,300.60万元，政府性基金收入150.00万元。与2024年相比，收入总计增加210.60万元，增长9.4%，主要原因是新增项目。\n2025年某某局支出总计2,450.60万元，其中：基本支出1,100.00万元，项目支出1,350.60万元。\n",
        {"basic_expense": "1100.00", "project_expense": "1350.60"},
        [],
    ),
    (
        "h_hunan",
        "本部门2025年部门预算收入3,100.00万元，较2024年增加100.00万元，其中一般公共预算拨款3,000.00万元，较上年增加120.00万元；单位资金100.00万元，较上年减少20.00万元。\n",
        {"general_budget_income": "3000.00"},
        [],
    ),
    (
        "h_anhui",
        "2025年部门“三公”经费预算安排15.20万元，比2024年预算减少1.80万元，下降10.6%，其中：因公出国（境）费0万元；公务用车购置费0万元；公务用车运行维护费9.20万元，比上年减少1.00万元；公务接待费6.00万元，比上年减少0.80万元。\n",
        {
            "three_public_change": "-1.80",
            "three_public_overseas": "0",
            "three_public_vehicle_purchase": "0",
            "three_public_vehicle_operation": "9.20",
            "three_public_reception": "6.00",
        },
        [],
    ),
    (
        "h_fujian",
        "2025年本部门一般公共预算财政拨款支出3,000.00万元，其中：本级支出2,800.00万元，对下转移支付200.00万元。一般公共预算财政拨款支出较上年预算数增加120.00万元。\n",
        {"general_budget_expense": "3000.00"},
        ["expense_change", "expense_total"],
    ),
    (
        "h_guangxi",
        "2025年本部门机关运行经费安排185.30万元，比上年预算186.50万元减少1.20万元。\n2025年政府采购预算总额为320.00万元，其中：货物类120.00万元，服务类200.00万元。\n2025年本部门绩效目标管理全覆盖，涉及项目23个。\n截至2024年12月31日，本部门共有公务用车7辆，其中一般执法执勤用车5辆，特种专业技术用车2辆。\n",
        {"operating_cost_change": "-1.20", "procurement_total": "320.00", "vehicles": "7"},
        ["performance_budget"],
    ),
    (
        "h_units",
        "2025年收入预算总额1,234,567.00元，比上年增加34,567.00元。支出预算总额1,234,567.00元。基本支出800,000.00元，项目支出434,567.00元。“三公”经费预算12,000.00元。\n",
        {
            "basic_expense": "800000.00",
            "expense_total": "1234567.00",
            "income_change": "34567.00",
            "income_total": "1234567.00",
            "project_expense": "434567.00",
            "three_public_total": "12000.00",
        },
        [],
    ),
    (
        "h_yi",
        "2025年部门收入预算2.35亿元，支出预算2.35亿元，其中一般公共预算拨款收入2.10亿元，基本支出0.85亿元。政府采购预算0.32亿元。\n",
        {
            "basic_expense": "0.85",
            "expense_total": "2.35",
            "general_budget_income": "2.10",
            "income_total": "2.35",
            "procurement_total": "0.32",
        },
        [],
    ),
    (
        "h_prior",
        "2024年部门收入预算2,000.00万元，支出预算2,000.00万元。2025年部门收入预算2,200.00万元，支出预算2,200.00万元，均比上年增加200.00万元。\n",
        {"income_total": "2200.00", "expense_total": "2200.00"},
        [],
    ),
    (
        "h_prior2",
        "上年度机关运行经费预算为150.00万元，本年度机关运行经费预算为140.00万元。上年公务接待费2.00万元，本年公务接待费1.50万元。\n",
        {"operating_cost": "140.00", "three_public_reception": "1.50"},
        [],
    ),
    (
        "h_fund",
        "本部门2025年政府性基金预算收入300.00万元，政府性基金预算支出300.00万元，全部为项目支出300.00万元，比上年增加50.00万元。\n",
        {},
        ["expense_change", "expense_total", "income_total", "project_expense", "project_expense_change"],
    ),
    (
        "h_state_capital",
        "国有资本经营预算拨款收入50.00万元，国有资本经营预算支出50.00万元，其中基本支出0万元，项目支出50.00万元。\n",
        {},
        ["basic_expense", "expense_total", "project_expense"],
    ),
    (
        "h_subunit",
        "本部门下属单位2个。其中：某某中心2025年收入预算500.00万元，支出预算500.00万元，基本支出300.00万元。\n",
        {},
        [],
    ),
    (
        "h_nonfiscal",
        "2025年非财政拨款“三公”经费预算数为3.00万元，其中公务接待费3.00万元。2025年财政拨款“三公”经费预算数为5.00万元。\n",
        {"three_public_total": "5.00"},
        [],
    ),
    (
        "h_class_item",
        "一般公共服务支出（类）人大事务（款）行政运行（项）2025年预算数为320.00万元。其他公共安全支出150.00万元。教育支出（类）职业教育（款）中专教育（项）80.00万元。\n",
        {},
        ["expense.201", "expense.204", "expense.205"],
    ),
    (
        "h_vehicles",
        "2025年本部门编制内公务用车6辆，实有公务用车5辆，拟报废更新公务用车1辆。\n",
        {"vehicles": "5"},
        [],
    ),
    (
        "h_vehicles2",
        "本部门共有车辆12辆，其中：执法执勤用车10辆、特种专业技术用车2辆。另有租用车辆3辆。\n",
        {"vehicles": "12"},
        [],
    ),
    (
        "h_several",
        "2025年本部门收入、支出预算均为860.50万元，比上年各减少40.00万元。\n",
        {},
        [],
    ),
    (
        "h_change_pct",
        "2025年收入预算较上年增长12.5%，即增加100.00万元。支出预算较上年下降3%。\n",
        {},
        ["expense_change"],
    ),
    (
        "h_perf",
        "2025年本部门项目支出全部编报绩效目标，涉及资金1,350.60万元，其中一般公共预算资金1,200.00万元。\n",
        {},
        ["general_budget_income"],
    ),
    (
        "h_basic_other",
        "基本支出主要用于人员工资和公用经费，较上年增加主要是调资增加人员经费60.00万元。\n",
        {},
        ["basic_expense_change"],
    ),
    (
        "bj_three_public_headings",
        "2026年财政拨款“三公”经费预算203.73万元，比2025年财政拨款“三公”经费年初预算减少13.45万元，下降6.19%。其中：\n"
        "（一）因公出国（境）费用。2026年预算数141.63万元，主要用于招商引资。\n"
        "（二）公务接待费。2026年预算数2.91万元，主要用于接待国内有关部门。\n"
        "（三）公务用车购置和运行维护费。2026年预算数59.20万元，包括公务用车购置费预算0万元、"
        "公务用车运行维护费预算59.20万元。\n",
        {
            "three_public_total": "203.73",
            "three_public_overseas": "141.63",
            "three_public_reception": "2.91",
            "three_public_vehicle_operation": "59.20",
        },
        [],
    ),
    (
        "change_against_an_earlier_year",  # a 2025 budget: 2023 is no last year, 2024 is
        "2025年本部门支出预算5,432.10万元。与2023年相比，基本支出减少50.00万元。"
        "与2024年相比，项目支出增加20.00万元。\n",
        {"project_expense_change": "20.00"},
        ["basic_expense_change"],
    ),
]


@pytest.mark.parametrize(("name", "prose", "reads", "absent"), CASES, ids=[c[0] for c in CASES])
def test_prose_phrasing(name: str, prose: str, reads: dict[str, str], absent: list[str]) -> None:
    facts = {f.id: f.value for f in run_text(HEAD + prose, f"{name}.txt").narrative}
    assert {k: facts.get(k) for k in reads} == reads
    assert [k for k in absent if k in facts] == []


def test_department_project_expense_is_no_finding() -> None:
    """支出预算…其中：基本支出…项目支出… (Beijing, Guangdong) states the department's 项目支出,
    not the 一般公共预算 one: equal to the department's table it blames nothing; a figure equal
    to neither still does."""
    from pathlib import Path

    lines = (
        Path(__file__).parent.parent.joinpath("examples", "003_125ac91881a2613a.txt").read_text().split("\n")
    )

    def findings(project: str) -> list[str]:
        doc = (
            lines[:38]
            + [f"本部门2024年支出预算1,524.40万元，其中：基本支出719.83万元，项目支出{project}万元。"]
            + lines[38:]
        )
        res = run_text("\n".join(doc), "x.txt")
        return [c.message for c in res.checks if c.table == "narrative"]

    assert findings("804.57") == []
    assert [m.split("，")[0] for m in findings("800.57")] == ["情况说明 · 项目支出 800.57 万元"]
