"""Funds, their bank accounts, appeals, ledger and receipts (the package's __init__ lists every model).

Invariants (checked by ``mattran check-ledger``):
- a ledger entry never changes or disappears once posted; a correction is a reversing entry;
- ``Fund.balance`` equals the sum of the fund's entries; both move in one transaction;
- a transfer (điều tiết) is two entries with the same ``transfer_group``, posted together.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mattran.core.text import fold, format_money
from mattran.org.models import Unit

from .. import banks

# Decree 93/2021/NĐ-CP: a relief appeal receives for at most 90 days; allocation follows within 20 days.
MAX_RECEIVING_DAYS = 90
ALLOCATION_DAYS = 20


class FundKind(models.TextChoices):
    POOR = "poor", _("Vì người nghèo")
    GRATITUDE = "gratitude", _("Đền ơn đáp nghĩa")
    SEA_ISLANDS = "sea_islands", _("Vì biển, đảo Việt Nam")
    RELIEF = "relief", _("Cứu trợ")
    EPIDEMIC = "epidemic", _("Phòng, chống dịch bệnh")
    OTHER = "other", _("Khác")


class Fund(models.Model):
    """A fund (quỹ) held by one unit; its balance is the sum of its ledger entries."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="funds")
    kind = models.CharField(_("loại quỹ"), max_length=20, choices=FundKind.choices)
    name = models.CharField(_("tên quỹ"), max_length=200)
    balance = models.BigIntegerField(_("số dư (đồng)"), default=0, editable=False)
    public = models.BooleanField(_("công khai"), default=True)
    province_key = models.IntegerField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quỹ")
        verbose_name_plural = _("quỹ")
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="fund_name_unique_per_unit")]

    def __str__(self) -> str:
        return f"{self.name} — {self.unit}"

    @property
    def kind_in_name(self) -> bool:
        """Whether the name already says the kind ("Quỹ Vì người nghèo"), so a page need not repeat it."""
        return fold(str(self.get_kind_display())) in fold(self.name)


class BankAccount(models.Model):
    """An account that receives donations for a fund; statements are imported into it."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    fund = models.ForeignKey(
        Fund, verbose_name=_("quỹ"), on_delete=models.PROTECT, related_name="accounts", null=True, blank=True
    )
    bank_bin = models.CharField(_("ngân hàng"), max_length=6, choices=banks.CHOICES)
    number = models.CharField(_("số tài khoản"), max_length=30)
    holder = models.CharField(_("chủ tài khoản"), max_length=200)
    branch = models.CharField(_("chi nhánh"), max_length=200, blank=True, default="")
    public = models.BooleanField(_("công khai sao kê"), default=True)
    province_key = models.IntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tài khoản ngân hàng")
        verbose_name_plural = _("tài khoản ngân hàng")
        constraints = [
            models.UniqueConstraint(fields=["bank_bin", "number"], name="bank_account_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.bank.short_name if self.bank else self.bank_bin}"

    @property
    def bank(self) -> banks.Bank | None:
        return banks.bank_by_bin(self.bank_bin)


class Appeal(models.Model):
    """A relief appeal (lời kêu gọi): receives for a period, then allocates within 20 days."""

    fund = models.ForeignKey(Fund, verbose_name=_("quỹ"), on_delete=models.PROTECT, related_name="appeals")
    title = models.CharField(_("tên lời kêu gọi"), max_length=300)
    purpose = models.TextField(_("mục đích"), blank=True, default="")
    opens_on = models.DateField(_("nhận từ ngày"))
    closes_on = models.DateField(_("nhận đến ngày"))
    account = models.ForeignKey(
        BankAccount,
        verbose_name=_("tài khoản nhận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
    )
    qr_message = models.CharField(_("nội dung chuyển khoản"), max_length=50, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lời kêu gọi")
        verbose_name_plural = _("lời kêu gọi")
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="appeal_period"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def receiving_days(self) -> int:
        return (self.closes_on - self.opens_on).days + 1

    @property
    def too_long(self) -> bool:
        """The receiving period passes the 90 days Decree 93/2021 allows."""
        return self.receiving_days > MAX_RECEIVING_DAYS

    @property
    def allocation_due(self) -> dt.date:
        return self.closes_on + dt.timedelta(days=ALLOCATION_DAYS)

    def is_receiving(self, day: dt.date) -> bool:
        return self.opens_on <= day <= self.closes_on


class EntryKind(models.TextChoices):
    RECEIPT = "receipt", _("Thu")
    DISBURSEMENT = "disbursement", _("Chi")
    TRANSFER_OUT = "transfer_out", _("Điều tiết đi")
    TRANSFER_IN = "transfer_in", _("Điều tiết đến")
    OPENING = "opening", _("Số dư chuyển sang")
    REVERSAL = "reversal", _("Bút toán đảo")


class ImmutableEntryError(Exception):
    """A posted ledger entry was about to be changed or deleted."""


class LedgerEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableEntryError("Bút toán đã ghi sổ không được sửa")

    def delete(self):
        raise ImmutableEntryError("Bút toán đã ghi sổ không được xoá")


class LedgerEntry(models.Model):
    """One posting to a fund: positive in, negative out; never changed once saved."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(_("loại"), max_length=20, choices=EntryKind.choices)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    date = models.DateField(_("ngày"))
    description = models.CharField(_("diễn giải"), max_length=500)
    appeal = models.ForeignKey(
        Appeal, on_delete=models.PROTECT, null=True, blank=True, related_name="entries"
    )
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    transfer_group = models.UUIDField(null=True, blank=True, db_index=True)
    province_key = models.IntegerField(null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    posted_at = models.DateTimeField(auto_now_add=True)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("bút toán")
        verbose_name_plural = _("bút toán")
        indexes = [models.Index(fields=["fund", "date", "id"]), models.Index(fields=["appeal", "date"])]
        constraints = [models.CheckConstraint(condition=~Q(amount=0), name="entry_amount_nonzero")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {format_money(self.amount)} — {self.description}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableEntryError("Bút toán đã ghi sổ không được sửa")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableEntryError("Bút toán đã ghi sổ không được xoá")


class ReceiptMethod(models.TextChoices):
    CASH = "cash", _("Tiền mặt")
    TRANSFER = "transfer", _("Chuyển khoản")
    IN_KIND = "in_kind", _("Hiện vật")


class DonorKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    ORGANISATION = "organisation", _("Tổ chức")
    ANONYMOUS = "anonymous", _("Ẩn danh")


class Receipt(models.Model):
    """A receipt (khoản thu) and its biên lai, numbered per unit and year; posts one ledger entry."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="receipts")
    appeal = models.ForeignKey(
        Appeal, on_delete=models.PROTECT, null=True, blank=True, related_name="receipts"
    )
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField()
    method = models.CharField(_("hình thức"), max_length=10, choices=ReceiptMethod.choices)
    donor_kind = models.CharField(_("người ủng hộ"), max_length=15, choices=DonorKind.choices)
    donor_name = models.CharField(_("tên người/tổ chức ủng hộ"), max_length=200, blank=True, default="")
    donor_address = models.CharField(_("địa chỉ"), max_length=300, blank=True, default="")
    amount = models.BigIntegerField(_("số tiền / giá trị (đồng)"))
    goods = models.CharField(_("hiện vật"), max_length=300, blank=True, default="")
    goods_quantity = models.CharField(_("số lượng hiện vật"), max_length=100, blank=True, default="")
    received_on = models.DateField(_("ngày nhận"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True, default="")
    account = models.ForeignKey(
        BankAccount, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entry = models.OneToOneField(LedgerEntry, on_delete=models.PROTECT, related_name="receipt")
    statement_line = models.OneToOneField(
        "StatementLine", on_delete=models.SET_NULL, null=True, blank=True, related_name="receipt"
    )
    cancelled = models.BooleanField(default=False)
    search_name = models.CharField(max_length=200, editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("khoản thu")
        verbose_name_plural = _("khoản thu")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "number"], name="receipt_number_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="receipt_amount_positive"),
        ]
        indexes = [models.Index(fields=["fund", "received_on"])]

    def __str__(self) -> str:
        return f"Biên lai số {self.display_number}"

    def save(self, *args, **kwargs):
        self.search_name = fold(self.donor_name)
        super().save(*args, **kwargs)

    @property
    def display_number(self) -> str:
        return f"{self.number:04d}/{self.year}/BL"

    @property
    def donor_label(self) -> str:
        return self.donor_name if self.donor_kind != DonorKind.ANONYMOUS else "Nhà hảo tâm ẩn danh"


class ReceiptCounter(models.Model):
    """The last receipt number of a unit in a year; locked while a number is taken."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="receipt_counter_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last}"
