"""The ledger: balances always equal the sum of entries, whatever sequence of posts, reversals, transfers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mattran.core.errors import ActionError
from mattran.funds import actions
from mattran.funds.ledger import check_ledger
from mattran.funds.models import EntryKind, Fund, ImmutableEntryError, LedgerEntry
from tests.conftest import SYSTEM

DAY = dt.date(2024, 9, 10)


def balances_equal_sums() -> None:
    for fund in Fund.objects.all():
        total = sum(LedgerEntry.objects.filter(fund=fund).values_list("amount", flat=True))
        assert fund.balance == total, fund
        assert fund.balance >= 0
    assert not check_ledger().problems


operation = st.one_of(
    st.tuples(st.just("post"), st.integers(0, 3), st.integers(1, 10**9)),
    st.tuples(st.just("spend"), st.integers(0, 3), st.integers(1, 10**9)),
    st.tuples(st.just("reverse"), st.integers(0, 50), st.just(0)),
    st.tuples(st.just("transfer"), st.integers(0, 3), st.integers(1, 10**9)),
)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(operation, max_size=25))
def test_it_keeps_every_balance_equal_to_the_sum_of_its_entries(funds, ops) -> None:
    chain = [funds.central, funds.district, funds.commune, funds.sibling]
    sid = transaction.savepoint()
    try:
        for op, index, amount in ops:
            fund = chain[index % 4]
            try:
                if op == "post":
                    actions.do_post_entry(
                        acting_user=SYSTEM,
                        fund=fund,
                        kind=EntryKind.RECEIPT,
                        amount=amount,
                        date=DAY,
                        description="Thu",
                    )
                elif op == "spend":
                    actions.do_post_entry(
                        acting_user=SYSTEM,
                        fund=fund,
                        kind=EntryKind.DISBURSEMENT,
                        amount=amount,
                        date=DAY,
                        description="Chi",
                    )
                elif op == "reverse":
                    entries = list(LedgerEntry.objects.order_by("pk"))
                    if entries:
                        actions.do_reverse_entry(
                            acting_user=SYSTEM, entry=entries[index % len(entries)], reason="Sai"
                        )
                else:
                    target = chain[(index + 1) % 4]
                    if target.unit_id == funds.sibling.unit_id and fund.unit_id == funds.commune.unit_id:
                        target = funds.district
                    actions.do_transfer(
                        acting_user=SYSTEM,
                        source=fund,
                        target=target,
                        amount=amount,
                        date=DAY,
                        description="Điều tiết",
                    )
            except ActionError:
                pass
            balances_equal_sums()
    finally:
        transaction.savepoint_rollback(sid)


def _receipt_entry(fund: Fund, amount: int = 1_000_000) -> LedgerEntry:
    return actions.do_post_entry(
        acting_user=SYSTEM, fund=fund, kind=EntryKind.RECEIPT, amount=amount, date=DAY, description="Thu"
    )


def test_it_refuses_to_change_or_delete_a_posted_entry(funds) -> None:
    entry = _receipt_entry(funds.commune)
    entry.amount = 5
    with pytest.raises(ImmutableEntryError):
        entry.save()
    with pytest.raises(ImmutableEntryError):
        entry.delete()
    with pytest.raises(ImmutableEntryError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=5)
    with pytest.raises(ImmutableEntryError):
        LedgerEntry.objects.filter(pk=entry.pk).delete()
    assert LedgerEntry.objects.get(pk=entry.pk).amount == 1_000_000


def test_it_corrects_with_a_reversing_entry_only_once(funds) -> None:
    entry = _receipt_entry(funds.commune, 300_000)
    (reversal,) = actions.do_reverse_entry(acting_user=SYSTEM, entry=entry, reason="Nhập nhầm")
    assert reversal.amount == -300_000 and reversal.reverses_id == entry.pk
    funds.commune.refresh_from_db()
    assert funds.commune.balance == 0
    with pytest.raises(ActionError):
        actions.do_reverse_entry(acting_user=SYSTEM, entry=entry, reason="Lần nữa")
    with pytest.raises(ActionError):
        actions.do_reverse_entry(acting_user=SYSTEM, entry=reversal, reason="Đảo của đảo")
    assert LedgerEntry.objects.filter(fund=funds.commune).count() == 2


def test_it_posts_a_transfer_as_a_pair_and_reverses_both_halves(funds) -> None:
    _receipt_entry(funds.district, 5_000_000)
    out, into = actions.do_transfer(
        acting_user=SYSTEM,
        source=funds.district,
        target=funds.commune,
        amount=2_000_000,
        date=DAY,
        description="Hỗ trợ",
    )
    assert out.transfer_group == into.transfer_group and out.amount == -into.amount
    funds.district.refresh_from_db()
    funds.commune.refresh_from_db()
    assert (funds.district.balance, funds.commune.balance) == (3_000_000, 2_000_000)
    actions.do_reverse_entry(acting_user=SYSTEM, entry=into, reason="Chuyển nhầm")
    funds.district.refresh_from_db()
    funds.commune.refresh_from_db()
    assert (funds.district.balance, funds.commune.balance) == (5_000_000, 0)
    assert check_ledger().transfers == 2 and not check_ledger().problems


@pytest.mark.parametrize(
    "kwargs",
    [
        {"amount": 0},
        {"amount": -5},
        {"amount": 10.5},
        {"amount": 99_000_000},  # more than the balance
        {"target": "other"},  # a unit outside the line of the hierarchy
        {"target": "self"},
    ],
)
def test_it_changes_nothing_when_a_transfer_is_refused(funds, kwargs) -> None:
    _receipt_entry(funds.district, 5_000_000)
    before = (
        LedgerEntry.objects.count(),
        list(Fund.objects.order_by("pk").values_list("balance", flat=True)),
    )
    target = {"other": funds.other, "self": funds.district}.get(kwargs.get("target"), funds.commune)
    with pytest.raises(ActionError):
        actions.do_transfer(
            acting_user=SYSTEM,
            source=funds.district,
            target=target,
            amount=kwargs.get("amount", 1_000),
            date=DAY,
            description="Thử",
        )
    after = (LedgerEntry.objects.count(), list(Fund.objects.order_by("pk").values_list("balance", flat=True)))
    assert before == after


def test_it_refuses_a_disbursement_larger_than_the_balance(funds) -> None:
    _receipt_entry(funds.commune, 100)
    with pytest.raises(ActionError) as info:
        actions.do_post_entry(
            acting_user=SYSTEM,
            fund=funds.commune,
            kind=EntryKind.DISBURSEMENT,
            amount=101,
            date=DAY,
            description="Chi",
        )
    assert info.value.code == "insufficient"
    funds.commune.refresh_from_db()
    assert funds.commune.balance == 100 and funds.commune.entries.count() == 1


def test_it_proves_the_ledger_with_the_check_command(funds, capsys) -> None:
    _receipt_entry(funds.commune, 700)
    call_command("check-ledger")
    assert "Sổ quỹ đúng" in capsys.readouterr().out
    Fund.objects.filter(pk=funds.commune.pk).update(balance=1)  # a balance changed behind the ledger's back
    with pytest.raises(CommandError):
        call_command("check-ledger")


def test_it_flags_an_appeal_receiving_past_90_days(funds) -> None:
    short = actions.do_create_appeal(
        acting_user=SYSTEM,
        fund=funds.central,
        title="Ủng hộ đồng bào bão số 3",
        opens_on=DAY,
        closes_on=DAY + dt.timedelta(days=89),
    )
    long = actions.do_create_appeal(
        acting_user=SYSTEM,
        fund=funds.central,
        title="Dài hạn",
        opens_on=DAY,
        closes_on=DAY + dt.timedelta(days=120),
    )
    assert not short.too_long and long.too_long
    assert short.allocation_due == DAY + dt.timedelta(days=109)
    assert short.qr_message == "UNG HO DONG BAO BAO SO 3"
    with pytest.raises(ActionError):
        actions.do_create_appeal(
            acting_user=SYSTEM,
            fund=funds.central,
            title="Sai",
            opens_on=DAY,
            closes_on=DAY - dt.timedelta(days=1),
        )


def test_it_refuses_an_unknown_bank_or_a_duplicate_account(funds, tree) -> None:
    with pytest.raises(ActionError):
        actions.do_create_bank_account(
            acting_user=SYSTEM, unit=tree.commune, bank_bin="123456", number="123456789", holder="X"
        )
    with pytest.raises(ActionError):
        actions.do_create_bank_account(
            acting_user=SYSTEM, unit=tree.commune, bank_bin="970436", number="0011001932418", holder="X"
        )
    account = actions.do_create_bank_account(
        acting_user=SYSTEM,
        unit=tree.commune,
        bank_bin="970405",
        number="1500 2050 12345",
        holder="UBMTTQ XA AN",
    )
    assert account.number == "1500205012345" and account.bank.short_name == "Agribank"
