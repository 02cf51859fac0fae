"""The money units a disclosure prints, and how they scale — one table for the whole tool.

Tables print their unit on a 单位 line (万元, 千元 or 元); prose may also say 亿元. Every
conversion (a table's amounts into 万元 for the checks, a prose figure into 元 for the outputs,
the audit's row totals) reads the factors here, exact Decimals, never floats.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum


class MoneyUnit(StrEnum):
    """A unit of money as printed."""

    YI = "亿元"
    WAN = "万元"
    QIAN = "千元"
    YUAN = "元"


# 元 per printed unit
YUAN_PER: dict[str, Decimal] = {
    MoneyUnit.YI.value: Decimal(100000000),
    MoneyUnit.WAN.value: Decimal(10000),
    MoneyUnit.QIAN.value: Decimal(1000),
    MoneyUnit.YUAN.value: Decimal(1),
}
# 万元 per unit a table can print ("": a table that does not say, read as 万元); written out
# rather than divided so that the factors keep their plain exponent (0.0001, not 1E-4)
TABLE_TO_WANYUAN: dict[str, Decimal] = {
    "": Decimal(1),
    MoneyUnit.WAN.value: Decimal(1),
    MoneyUnit.QIAN.value: Decimal("0.1"),
    MoneyUnit.YUAN.value: Decimal("0.0001"),
}
# the units a table's 单位 line can name, as a regular-expression alternation
TABLE_UNITS = "万元|千元|元"


def wanyuan_per(unit: str) -> Decimal:
    """万元 per printed unit of a prose figure (1 for 万元 and for a figure without a unit)."""
    return YUAN_PER.get(unit or MoneyUnit.WAN.value, Decimal(10000)) / 10000
