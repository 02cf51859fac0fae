"""A list of key projects printed in the prose part under a heading that names no 表
(广州's 七、重点项目预算绩效目标情况: 项目 | 预算数 | 绩效目标): opened by its header line, each
project's budget read at its name, under the unit whose line heads it where the amounts add up;
in the result, never cells."""

from __future__ import annotations

from pathlib import Path

from llmextract.outputs.export import cells
from llmextract.pipeline import run_file

PDFS = Path(__file__).parent / "pdfs"


def test_a_key_projects_list_without_a_title_is_read_by_its_header() -> None:
    """gz019's list (3 pages): each unit's line heads its projects (越秀分局 127.58 = 103.42 +
    24.16); a name wrapped round its amounts' line is read whole; a row whose name may have
    lines printed apart is in doubt, never guessed whole."""
    res = run_file(PDFS / "gz_key_projects.pdf")
    t = res.table("key_projects")
    assert t is not None
    got = {r.key: {c: (v.value, v.status) for c, v in r.values.items()} for r in t.rows}
    unit = "广州市生态环境局越秀分局(二级部门)"
    assert got[unit] == {"total": ("127.58", "ok")}
    assert got[f"{unit}/越秀分局构建现代治理体系工作经费"] == {"total": ("103.42", "ok")}
    assert got[f"{unit}/环境监测专项经费"] == {"total": ("24.16", "ok")}
    assert got["广州市大气环境预警防控网络运维项目"]["total"][0] == "678.85"  # the name's three lines
    # the department's own part (本级) opening the list is a unit's line, not the list's total
    assert "total" not in got and "广州市生态环境局(本级)" in got
    assert got["广州市生态环境局荔湾分局(二级部门)/购置经费"]["total"] == ("58.48", "doubt")
    assert not [c for c in res.checks if c.table == "key_projects" and not c.passed]
    assert not any(c["table"] == "key_projects" for c in cells(res))
    assert res.coverage is not None and res.coverage.printed - res.coverage.read <= 1
