"""The audit's table kinds take their title wordings from the spec tables (``printed_titles``),
one place for a table's titles; every schema set gives them to the audit."""

from __future__ import annotations

import pytest

from llmextract.core.printed import kinds
from llmextract.core.resources import data_dir
from llmextract.core.schemas import load


def _kind_of(title: str, final: bool = False) -> str | None:
    spec = load(data_dir("schemas") / "final") if final else load()
    return next((k for k, p in spec.printed.items() if p.names(title)), None)


def test_every_audit_kind_has_its_wordings_from_a_spec_table() -> None:
    spec = load()
    assert list(spec.printed) == list(spec.audit["tables"])
    assert all(p.titles for p in spec.printed.values())
    assert "patterns" not in str(spec.audit["tables"])  # audit.yaml holds no second set


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("收支总表", "summary"),
        ("收入支出决算总表", "summary"),
        ("财政拨款收支总表", "fiscal_summary"),
        ("收入决算表", "revenue"),
        ("一般公共预算财政拨款基本支出决算表", "gpb_basic"),
        ("政府性基金预算支出表", "gov_fund"),
        ("部门预算项目绩效目标表", None),
    ],
)
@pytest.mark.parametrize("final", [False, True])
def test_a_title_names_its_kind_in_either_set(title: str, kind: str | None, final: bool) -> None:
    assert _kind_of(title, final) == kind


def test_a_kind_whose_table_holds_no_wordings_is_refused_by_name() -> None:
    audit = {"tables": {"summary": {"read_as": ["summary"]}}}
    with pytest.raises(ValueError, match="summary.*printed_titles"):
        kinds(audit, lambda tid: {"id": tid, "titles": ["收支总表"]})


def test_a_finding_that_a_table_is_absent_knows_its_wordings() -> None:
    """An unread amount under a 收支总表 title may be the table a finding says is absent."""
    from llmextract.audit.readwhole import _absent_kinds

    spec = load()
    kinds = _absent_kinds("未公开收支总表：部门预算应公开收支总表", spec.audit["tables"], spec.printed)
    assert kinds and any(p.search("收支总表") for ps in kinds for p in ps)
    assert not any(p.search("三公经费支出表") for ps in kinds for p in ps)
