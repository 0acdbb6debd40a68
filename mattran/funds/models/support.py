"""Support paid from funds: beneficiary households, decisions, disbursements (gifts, houses, cash), their
shares and a house's progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mattran.core.text import fold
from mattran.org.models import Unit

from .ledger import Appeal, Fund, LedgerEntry


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
        return str(HouseState(self.house_state).label) if self.house_state else ""


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
