"""Rows keyed by the name of their economic class (部门预算支出经济分类), for tables that print
the names without the codes (深圳's 基本支出总表: 工资福利支出 / 基本工资 / …).

The names are data (``schemas/economic.yaml``, carried by the table's schema as
``row_names``). A name is looked up under the class printed above it first, since a few
items share a name across classes (办公设备购置 is 30902 under 309 and 31002 under 310); a
name no list holds, or one that stays ambiguous, keys no row.
"""

from __future__ import annotations

import re

_WS = re.compile(r"\s+")
_BRACKETS = str.maketrans("()", "（）")
_PREFIX = 6  # characters of a name cut short that still say which name it is


def _norm(name: str) -> str:
    return _WS.sub("", name).translate(_BRACKETS)


def code_for(name: str, keys_above: list[str], row_names: dict[str, str]) -> str | None:
    """The code of the economic class or item named ``name`` (``row_names``: code → name),
    under the class of the nearest class row above it (``keys_above``: the keys of the rows
    read so far)."""
    n = _norm(name)
    if not n:
        return None
    codes = [c for c, v in row_names.items() if _norm(v) == n]
    if not codes and len(n) >= _PREFIX:  # a name cut short where it wraps (…基本养老保险缴 / 费)
        codes = [c for c, v in row_names.items() if _norm(v).startswith(n)]
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0]
    parent = next((k for k in reversed(keys_above) if len(k) == 3 and k.isdigit()), None)
    fitting = [c for c in codes if parent and c.startswith(parent)]
    return fitting[0] if len(fitting) == 1 else None
