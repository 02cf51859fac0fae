"""One table of money units: the table factors (万元 per unit, written out) agree with the
prose factors (元 per unit), and each keeps a plain exponent in what it prints."""

from __future__ import annotations

from decimal import Decimal

from llmextract.core.money import TABLE_TO_WANYUAN, TABLE_UNITS, YUAN_PER, MoneyUnit, wanyuan_per


def test_table_factors_agree_with_the_yuan_factors() -> None:
    for unit in TABLE_UNITS.split("|"):
        assert TABLE_TO_WANYUAN[unit] == YUAN_PER[unit] / 10000 == wanyuan_per(unit)
    assert set(YUAN_PER) == {u.value for u in MoneyUnit}


def test_a_converted_amount_prints_plainly() -> None:
    assert str(Decimal("6783536") * TABLE_TO_WANYUAN["元"]) == "678.3536"
    assert wanyuan_per("亿元") == 10000 and wanyuan_per("") == 1
