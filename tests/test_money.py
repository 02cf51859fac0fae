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


def test_an_amount_past_decimal_precision_is_shown_not_a_lost_document() -> None:
    """A misprinted 23-digit amount in a table printing six decimals: quantizing it needs 29
    digits, past Decimal's 28, and the whole document was lost (InvalidOperation). It is shown
    as computed; a normal amount still keeps the table's decimals."""
    from conftest import EXAMPLES

    from llmextract.checks.arithmetic import Values
    from llmextract.pipeline import run_text

    v = Values(run_text((EXAMPLES / "000_867d4fd29c913767.txt").read_text(encoding="utf-8"), "x.txt"))
    ref = ("narrative", "some_fact", "value")
    assert v.shown(ref, Decimal("99999999999999999999999"), Decimal("0.000001")) == "99999999999999999999999"
    assert v.shown(ref, Decimal("8.1234567"), Decimal("0.000001")) == "8.123457"
