"""Funds, their ledger, receipts, disbursements, bank accounts and imported bank statements.

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

from . import banks
from .statements.model import WrongLayoutError
from .statements.registry import get_layout

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


class BeneficiaryCategory(models.TextChoices):
    POOR = "poor", _("Hộ nghèo")
    NEAR_POOR = "near_poor", _("Hộ cận nghèo")
    POLICY = "policy", _("Gia đình chính sách")
    DISASTER = "disaster", _("Hộ bị thiên tai")
    OTHER = "other", _("Khác")


class BeneficiaryQuerySet(models.QuerySet):
    def with_received(self):
        """Annotate how many times and how much each household received (reversed payments left out)."""
        from django.db.models import Count, OuterRef, Subquery, Sum
        from django.db.models.functions import Coalesce

        shares = (
            DisbursementShare.objects.filter(
                beneficiary=OuterRef("pk"), disbursement__entry__reversed_by__isnull=True
            )
            .values("beneficiary")
            .annotate(n=Count("id"), total=Sum("amount"))
        )
        return self.annotate(
            received_times=Coalesce(Subquery(shares.values("n")), 0),
            received_total=Coalesce(Subquery(shares.values("total")), 0),
        )


class Beneficiary(models.Model):
    """A household that receives support, living in a residential area of the unit."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(
        Unit, verbose_name=_("khu dân cư"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    head_name = models.CharField(_("chủ hộ"), max_length=200)
    category = models.CharField(_("diện"), max_length=15, choices=BeneficiaryCategory.choices)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True, default="")
    members = models.PositiveSmallIntegerField(_("số nhân khẩu"), null=True, blank=True)
    search_name = models.CharField(max_length=200, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BeneficiaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("hộ được hỗ trợ")
        verbose_name_plural = _("hộ được hỗ trợ")
        indexes = [models.Index(fields=["unit", "search_name"])]

    def __str__(self) -> str:
        return self.head_name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.head_name)
        super().save(*args, **kwargs)


class Decision(models.Model):
    """The decision (quyết định) under which support is given."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("số quyết định"), max_length=50)
    date = models.DateField(_("ngày ký"))
    title = models.CharField(_("trích yếu"), max_length=300)
    signer = models.CharField(_("người ký"), max_length=200, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định")
        verbose_name_plural = _("quyết định")
        constraints = [models.UniqueConstraint(fields=["unit", "number"], name="decision_number_unique")]

    def __str__(self) -> str:
        return f"Quyết định số {self.number}"


class DisbursementKind(models.TextChoices):
    GIFT = "gift", _("Tặng quà")
    HOUSE = "house", _("Nhà Đại đoàn kết")
    CASH = "cash", _("Hỗ trợ tiền mặt")


class HouseWork(models.TextChoices):
    BUILD = "build", _("Xây mới")
    REPAIR = "repair", _("Sửa chữa")


class HouseStage(models.TextChoices):
    """Steps of building or repairing a house, in order; each has the percentage it usually means."""

    STARTED = "started", _("Khởi công")
    FOUNDATION = "foundation", _("Xong móng")
    WALLS = "walls", _("Xong tường")
    ROOF = "roof", _("Lên mái")
    FINISHED = "finished", _("Hoàn thành")
    HANDED_OVER = "handed_over", _("Bàn giao")


STAGE_ORDER = {stage: n for n, stage in enumerate(HouseStage.values)}
STAGE_PERCENT = {
    HouseStage.STARTED: 10,
    HouseStage.FOUNDATION: 30,
    HouseStage.WALLS: 60,
    HouseStage.ROOF: 85,
    HouseStage.FINISHED: 100,
    HouseStage.HANDED_OVER: 100,
}


class HouseState(models.TextChoices):
    """Where a house stands, derived from its progress and hand-over date (the filter of the house list)."""

    NOT_STARTED = "not_started", _("Chưa khởi công")
    BUILDING = "building", _("Đang thi công")
    FINISHED = "finished", _("Đã hoàn thành, chờ bàn giao")
    HANDED_OVER = "handed_over", _("Đã bàn giao")


class DisbursementQuerySet(models.QuerySet):
    def active(self):
        """Not cancelled by a reversing entry."""
        return self.filter(entry__reversed_by__isnull=True)

    def houses(self):
        return self.filter(kind=DisbursementKind.HOUSE)

    def in_area(self, unit: Unit):
        """Support paid in a unit's area, whichever level's fund paid it: from a fund of the subtree, to a
        unit of it, or to its households (a province-funded house in a ward is the ward's house too)."""
        from mattran.org.queries import subtree_ids

        area = subtree_ids(unit)
        return self.filter(
            Q(fund__unit_id__in=area)
            | Q(recipient_unit_id__in=area)
            | Q(beneficiary__unit_id__in=area)
            | Q(
                pk__in=DisbursementShare.objects.filter(beneficiary__unit_id__in=area).values(
                    "disbursement_id"
                )
            )
        )

    def listed(self):
        """With what a list row shows: the fund and its unit, the decision, the household, the reversal,
        and how many households the disbursement reached."""
        from django.db.models import Count, OuterRef, Subquery
        from django.db.models.functions import Coalesce

        households = (
            DisbursementShare.objects.filter(disbursement=OuterRef("pk"))
            .values("disbursement")
            .annotate(n=Count("id"))
            .values("n")
        )
        return self.select_related(
            "fund__unit", "decision", "beneficiary__area", "recipient_unit", "entry__reversed_by"
        ).annotate(households=Coalesce(Subquery(households), 0))

    def in_house_state(self, state: str):
        if state == HouseState.HANDED_OVER:
            return self.filter(handed_over_on__isnull=False)
        rest = self.filter(handed_over_on__isnull=True)
        if state == HouseState.FINISHED:
            return rest.filter(house_progress=100)
        if state == HouseState.BUILDING:
            return rest.filter(house_progress__gt=0, house_progress__lt=100)
        if state == HouseState.NOT_STARTED:
            return rest.filter(Q(house_progress=0) | Q(house_progress__isnull=True))
        return self


class Disbursement(models.Model):
    """Support paid from a fund under a decision; posts one (negative) ledger entry.

    The households it reached are its shares (one for a house, any number for gifts or cash). A house's
    ``house_progress``, ``house_stage`` and ``handed_over_on`` repeat its latest HouseProgress row so the
    house list filters by state without reading the history.
    """

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="disbursements")
    appeal = models.ForeignKey(
        Appeal, on_delete=models.PROTECT, null=True, blank=True, related_name="disbursements"
    )
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="disbursements")
    kind = models.CharField(_("hình thức"), max_length=10, choices=DisbursementKind.choices)
    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.PROTECT, null=True, blank=True, related_name="disbursements"
    )
    recipient_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    category = models.CharField(_("diện"), max_length=15, choices=BeneficiaryCategory.choices)
    gift_count = models.PositiveIntegerField(_("số suất"), null=True, blank=True)
    gift_value = models.BigIntegerField(_("giá trị mỗi suất"), null=True, blank=True)
    house_work = models.CharField(
        _("xây/sửa"), max_length=10, choices=HouseWork.choices, blank=True, default=""
    )
    house_progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), null=True, blank=True)
    house_stage = models.CharField(
        _("giai đoạn"), max_length=15, choices=HouseStage.choices, blank=True, default=""
    )
    handed_over_on = models.DateField(_("ngày bàn giao"), null=True, blank=True)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    date = models.DateField(_("ngày chi"))
    description = models.CharField(_("nội dung"), max_length=500)
    entry = models.OneToOneField(LedgerEntry, on_delete=models.PROTECT, related_name="disbursement")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DisbursementQuerySet.as_manager()

    class Meta:
        verbose_name = _("khoản chi")
        verbose_name_plural = _("khoản chi")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="disbursement_amount_positive")]
        indexes = [
            models.Index(fields=["fund", "date"], name="disbursement_fund_date"),
            models.Index(fields=["kind", "handed_over_on"], name="disbursement_kind_handover"),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def unit(self) -> Unit:
        """The unit holding the fund: whose rules apply to this disbursement."""
        return self.fund.unit

    @property
    def cancelled(self) -> bool:
        """Reversed in the ledger (the money went back to the fund)."""
        from django.core.exceptions import ObjectDoesNotExist

        try:
            return self.entry.reversed_by is not None
        except ObjectDoesNotExist:
            return False

    @property
    def house_state(self) -> str:
        if self.kind != DisbursementKind.HOUSE:
            return ""
        if self.handed_over_on is not None:
            return HouseState.HANDED_OVER
        if self.house_progress == 100:
            return HouseState.FINISHED
        if self.house_progress:
            return HouseState.BUILDING
        return HouseState.NOT_STARTED

    @property
    def house_state_label(self) -> str:
        return HouseState(self.house_state).label if self.house_state else ""


class DisbursementShare(models.Model):
    """What one household received from a disbursement (suất quà, money, or its house)."""

    disbursement = models.ForeignKey(Disbursement, on_delete=models.PROTECT, related_name="shares")
    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.PROTECT, related_name="shares")
    gift_count = models.PositiveIntegerField(_("số suất"), null=True, blank=True)
    amount = models.BigIntegerField(_("số tiền / giá trị (đồng)"))

    class Meta:
        verbose_name = _("hộ nhận")
        verbose_name_plural = _("hộ nhận")
        constraints = [
            models.UniqueConstraint(fields=["disbursement", "beneficiary"], name="share_once_per_household"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="share_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.beneficiary_id}: {self.amount:,}"


class HouseProgress(models.Model):
    """One step reported on a house (nhà Đại đoàn kết): the stage, the percentage, the day; append-only."""

    disbursement = models.ForeignKey(Disbursement, on_delete=models.PROTECT, related_name="progress_updates")
    stage = models.CharField(_("giai đoạn"), max_length=15, choices=HouseStage.choices)
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"))
    date = models.DateField(_("ngày"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tiến độ nhà")
        verbose_name_plural = _("tiến độ nhà")
        indexes = [models.Index(fields=["disbursement", "date", "id"], name="house_progress_order")]
        constraints = [models.CheckConstraint(condition=Q(percent__lte=100), name="house_progress_percent")]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.percent}% ({self.date})"


class StatementStatus(models.TextChoices):
    PENDING = "pending", _("Chờ nhập")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Đã nhập")
    FAILED = "failed", _("Lỗi — không nhập dòng nào")


class BankStatement(models.Model):
    """One imported statement file; its lines land in StatementLine once, whatever the overlaps."""

    account = models.ForeignKey(BankAccount, on_delete=models.PROTECT, related_name="statements")
    file_name = models.CharField(_("tệp"), max_length=300)
    file_path = models.CharField(max_length=500, blank=True, default="")
    sha256 = models.CharField(max_length=64, blank=True, default="")
    layout = models.CharField(_("mẫu"), max_length=30, blank=True, default="")
    period_from = models.DateField(null=True, blank=True)
    period_to = models.DateField(null=True, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=StatementStatus.choices, default=StatementStatus.PENDING)
    lines_read = models.PositiveIntegerField(default=0)
    lines_added = models.PositiveIntegerField(default=0)
    total_credit = models.BigIntegerField(default=0)
    total_debit = models.BigIntegerField(default=0)
    opening_balance = models.BigIntegerField(null=True, blank=True)
    closing_balance = models.BigIntegerField(null=True, blank=True)
    report = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=500, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When the import was last queued (on upload, or queued again) and when a run last claimed it: with
    # the progress a run writes as it goes, they tell a waiting or running import that nobody is doing.
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sao kê")
        verbose_name_plural = _("sao kê")

    def __str__(self) -> str:
        return self.file_name

    @property
    def layout_title(self) -> str:
        """The layout as the cadre knows it ("Vietcombank – sao kê PDF (2024)"), not its code name."""
        if not self.layout:
            return ""
        try:
            return get_layout(self.layout).title
        except WrongLayoutError:
            return self.layout

    @property
    def lines_duplicate(self) -> int:
        return max(self.lines_read - self.lines_added, 0) if self.status == StatementStatus.DONE else 0


class StatementLine(models.Model):
    """A transaction as published on a bank statement, kept once per account (by fingerprint).

    ``fingerprint`` is the line's identity: its content (date, reference, amounts, message) and its
    occurrence among identical lines of the file (``reading.occurrence_fingerprint``), so identical
    donations of a day are each a line; the first occurrence's identity is the content's fingerprint.

    ``amount`` is the absolute movement (credit or debit) for the exact-amount index; ``search_text``
    is the folded message and counterparty that the trigram (PostgreSQL) or FTS5 (SQLite) index serves.
    """

    # No index of their own: (account, fingerprint), (account, date, id) and (statement, id) below lead
    # with them, and every index costs each imported line (docs/benchmarks.md).
    account = models.ForeignKey(BankAccount, on_delete=models.PROTECT, related_name="lines", db_index=False)
    statement = models.ForeignKey(
        BankStatement, on_delete=models.PROTECT, related_name="lines", db_index=False
    )
    province_key = models.IntegerField(null=True, blank=True)
    bank = models.CharField(max_length=10)
    fingerprint = models.CharField(max_length=64)
    date = models.DateField()
    reference = models.CharField(max_length=100, blank=True, default="")
    debit = models.BigIntegerField(default=0)
    credit = models.BigIntegerField(default=0)
    amount = models.BigIntegerField()
    balance = models.BigIntegerField(null=True, blank=True)
    description = models.TextField()
    counterparty = models.CharField(max_length=200, blank=True, default="")
    page = models.PositiveIntegerField(null=True, blank=True)
    line = models.PositiveIntegerField()
    search_text = models.TextField(default="")

    class Meta:
        verbose_name = _("dòng sao kê")
        verbose_name_plural = _("dòng sao kê")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "fingerprint"], name="statement_line_unique_per_account"
            ),
        ]
        indexes = [
            models.Index(fields=["amount", "id"], name="stmtline_amount"),
            models.Index(fields=["account", "date", "id"], name="stmtline_account_date"),
            models.Index(fields=["statement", "id"], name="stmtline_statement"),
            models.Index(fields=["date", "id"], name="stmtline_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.amount:,} {self.description[:40]}"
