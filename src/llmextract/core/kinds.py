"""The closed vocabularies of a document's kind: 预算 or 决算, and its scope, 部门 or 单位
(derived once per document by ``document/kind.py``)."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    BUDGET = "预算"
    FINAL = "决算"


class Scope(StrEnum):
    DEPARTMENT = "部门"
    UNIT = "单位"
