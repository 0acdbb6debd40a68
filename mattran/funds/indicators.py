"""Report figures computed from the fund ledger, receipts and disbursements (registered with reports).

Each query counts the records of the unit itself — the funds it holds — never its children's: a roll-up
adds the children's own stored figures, so a province's figure here plus its communes' figures is the
province's total, each record counted once. For the same reason:

* receipts are the ledger's receipt entries dated in the period (the biên lai, cash, transfers and goods
  valued in đồng); a cancelled receipt (its entry reversed) no longer counts; transfers between levels
  (điều tiết) are not receipts, or the same money would be counted at the giving and the receiving level;
* money spent is the disbursements to beneficiaries dated in the period, not reversed; transfers to a
  lower level are not spending (the lower level's disbursement is);
* gifts and houses come from the disbursements' own fields (suất × value, build / repair); households
  from the households each disbursement reached (its shares), each household counted once a period.

Money is integer đồng. A period is a reports ``Period`` (``start`` and ``end`` inclusive).
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from mattran.reports.registry import register

from .models import (
    BeneficiaryCategory,
    Disbursement,
    DisbursementKind,
    DisbursementShare,
    EntryKind,
    FundKind,
    HouseWork,
    LedgerEntry,
)

# The reports catalogue's beneficiary breakdown ("doi-tuong") for each household category.
CATEGORY_OPTION = {
    BeneficiaryCategory.POOR: "ho-ngheo",
    BeneficiaryCategory.NEAR_POOR: "ho-can-ngheo",
    BeneficiaryCategory.POLICY: "gia-dinh-chinh-sach",
    BeneficiaryCategory.DISASTER: "thien-tai",
    BeneficiaryCategory.OTHER: "thien-tai",  # "Hộ bị thiên tai, hoàn cảnh khó khăn"
}


def _in_period(period, field: str = "date") -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def _disbursements(unit, period):
    """The unit's own disbursements dated in the period whose ledger entry has not been reversed."""
    return Disbursement.objects.filter(_in_period(period), fund__unit=unit, entry__reversed_by__isnull=True)


def receipts(unit, period, kind: str) -> int:
    """Sum the unit's receipts into its funds of one kind dated in the period, cancelled ones left out."""
    total = LedgerEntry.objects.filter(
        _in_period(period),
        fund__unit=unit,
        fund__kind=kind,
        kind=EntryKind.RECEIPT,
        reversed_by__isnull=True,
    ).aggregate(total=Sum("amount"))["total"]
    return int(total or 0)


def disbursed(unit, period, kind: str) -> int:
    """Sum the support the unit paid from its funds of one kind in the period."""
    total = _disbursements(unit, period).filter(fund__kind=kind).aggregate(total=Sum("amount"))["total"]
    return int(total or 0)


def _register_fund_kinds() -> None:
    for kind in FundKind:
        register(
            f"funds.receipts.{kind.value}",
            format_lazy(
                _("Số tiền Quỹ “{kind}” tiếp nhận trong kỳ (theo sổ quỹ, không gồm điều tiết)"),
                kind=kind.label,
            ),
        )(lambda unit, period, kind=kind.value: receipts(unit, period, kind))
        register(
            f"funds.disbursed.{kind.value}",
            format_lazy(
                _("Số tiền Quỹ “{kind}” đã chi hỗ trợ trong kỳ (theo các khoản chi)"), kind=kind.label
            ),
        )(lambda unit, period, kind=kind.value: disbursed(unit, period, kind))


_register_fund_kinds()


@register(
    "funds.gifts.portions", _("Số suất quà trao tặng trong kỳ, theo diện hộ (theo các khoản chi tặng quà)")
)
def gift_portions(unit, period) -> dict[str, int]:
    """Count the gift portions given in the period, by the beneficiary breakdown of the catalogue."""
    out = dict.fromkeys(CATEGORY_OPTION.values(), 0)
    rows = (
        _disbursements(unit, period)
        .filter(kind=DisbursementKind.GIFT)
        .values("category")
        .annotate(n=Sum("gift_count"))
    )
    for row in rows:
        out[CATEGORY_OPTION.get(row["category"], "thien-tai")] += int(row["n"] or 0)
    return out


@register("funds.gifts.value", _("Giá trị quà trao tặng trong kỳ (số suất × giá trị mỗi suất, đồng)"))
def gift_value(unit, period) -> int:
    total = (
        _disbursements(unit, period)
        .filter(kind=DisbursementKind.GIFT)
        .aggregate(total=Sum("amount"))["total"]
    )
    return int(total or 0)


def houses(unit, period, work: str) -> int:
    """Count the households whose nhà Đại đoàn kết the unit supported building or repairing in the period.

    A house paid in instalments is one house: households are counted, not payments.
    """
    return (
        _disbursements(unit, period)
        .filter(kind=DisbursementKind.HOUSE, house_work=work)
        .aggregate(n=Count("shares__beneficiary", distinct=True))["n"]
    )


@register("funds.houses.build", _("Số nhà Đại đoàn kết được hỗ trợ xây mới trong kỳ (theo các khoản chi)"))
def houses_built(unit, period) -> int:
    return houses(unit, period, HouseWork.BUILD)


@register("funds.houses.repair", _("Số nhà Đại đoàn kết được hỗ trợ sửa chữa trong kỳ (theo các khoản chi)"))
def houses_repaired(unit, period) -> int:
    return houses(unit, period, HouseWork.REPAIR)


@register("funds.houses.spending", _("Kinh phí hỗ trợ xây mới, sửa chữa nhà Đại đoàn kết trong kỳ (đồng)"))
def house_spending(unit, period) -> int:
    total = (
        _disbursements(unit, period)
        .filter(kind=DisbursementKind.HOUSE)
        .aggregate(total=Sum("amount"))["total"]
    )
    return int(total or 0)


def households(unit, period, category: str) -> int:
    """Count the distinct listed households of a category that received any support in the period.

    A household is one ``DisbursementShare`` beneficiary, of its own category, however many times it was
    supported. Gift portions given without a list of households cannot tell one household from another
    and are counted in the portions, not here.
    """
    return (
        DisbursementShare.objects.filter(
            disbursement__in=_disbursements(unit, period), beneficiary__category=category
        )
        .values("beneficiary")
        .distinct()
        .count()
    )


@register(
    "funds.households.poor", _("Số hộ nghèo được hỗ trợ trong kỳ (hộ có khoản chi, mỗi hộ tính một lần)")
)
def poor_households(unit, period) -> int:
    return households(unit, period, BeneficiaryCategory.POOR)


@register(
    "funds.households.near_poor",
    _("Số hộ cận nghèo được hỗ trợ trong kỳ (hộ có khoản chi, mỗi hộ tính một lần)"),
)
def near_poor_households(unit, period) -> int:
    return households(unit, period, BeneficiaryCategory.NEAR_POOR)
