"""Indicators, report forms, submissions and the values they hold.

Every figure lives in ``Value`` once, at its indicator's native period (a week, a month…), under the unit
that reported it. ``ValueTotal`` keeps, per unit, the totals of the coarser periods (months → quarter →
6 months → year), maintained on write, so a roll-up over a year reads one row per unit instead of twelve.
Neither table knows the hierarchy: roll-ups join ``Unit.home`` to the closure table at read time, so a
reorganisation never rewrites a value and history counts toward the unit that carries it on, once.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mattran.org.models import Level, Unit

from . import periods


class PeriodKind(models.TextChoices):
    WEEK = periods.WEEK, _("Tuần")
    MONTH = periods.MONTH, _("Tháng")
    QUARTER = periods.QUARTER, _("Quý")
    HALF = periods.HALF, _("6 tháng")
    YEAR = periods.YEAR, _("Năm")


class Measure(models.TextChoices):
    PEOPLE = "nguoi", _("người")
    HOUSEHOLDS = "ho", _("hộ")
    PORTIONS = "suat", _("suất")
    DONG = "dong", _("đồng")
    MEETINGS = "cuoc", _("cuộc")
    HOUSES = "can", _("căn")
    CASES = "vu_viec", _("vụ việc")
    OPINIONS = "y_kien", _("ý kiến")
    ORGANISATIONS = "to_chuc", _("tổ chức")
    AREAS = "khu", _("khu dân cư")
    PERCENT = "phan_tram", _("%")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Cộng dồn")
    AVERAGE = "avg", _("Bình quân")
    LAST = "last", _("Giá trị cuối kỳ")
    RATIO = "ratio", _("Tỷ lệ giữa hai chỉ tiêu")


class Source(models.TextChoices):
    ENTERED = "E", _("Nhập tay")
    COMPUTED = "C", _("Tính tự động")
    # Announced at a conference and taken into the report where the system computes nothing (history
    # before the ledger): kept as entered, its note naming the meeting and the words as printed.
    CONFERENCE = "H", _("Số liệu hội nghị")


class Breakdown(models.Model):
    """A way to split a figure (by gender, by beneficiary, by member organisation…)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=150)

    class Meta:
        ordering = ["name"]
        verbose_name = _("phân tổ")
        verbose_name_plural = _("phân tổ")

    def __str__(self) -> str:
        return self.name


class BreakdownOption(models.Model):
    breakdown = models.ForeignKey(Breakdown, on_delete=models.CASCADE, related_name="options")
    code = models.SlugField(_("mã"), max_length=40)
    name = models.CharField(_("tên"), max_length=150)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["breakdown_id", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["breakdown", "code"], name="breakdown_option_unique")]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    """One figure the Front counts: its unit of measure, how it aggregates, who reports it."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    measure = models.CharField(_("đơn vị tính"), max_length=12, choices=Measure.choices)
    aggregation = models.CharField(_("cách tổng hợp"), max_length=8, choices=Aggregation.choices)
    period_kind = models.CharField(
        _("kỳ nhập liệu"),
        max_length=1,
        choices=PeriodKind.choices,
        default=PeriodKind.MONTH,
        help_text=_("Số liệu được nhập theo kỳ này; các kỳ dài hơn được tổng hợp tự động."),
    )
    decimals = models.PositiveSmallIntegerField(_("số chữ số thập phân"), default=0)
    numerator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("tử số")
    )
    denominator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("mẫu số")
    )
    ratio_factor = models.PositiveIntegerField(_("hệ số tỷ lệ"), default=100)
    levels = models.ManyToManyField(Level, verbose_name=_("các cấp báo cáo"), related_name="+", blank=True)
    breakdown = models.ForeignKey(
        Breakdown, null=True, blank=True, on_delete=models.PROTECT, related_name="indicators"
    )
    source = models.CharField(
        _("nguồn số liệu"), max_length=1, choices=Source.choices, default=Source.ENTERED
    )
    computed_key = models.CharField(_("truy vấn tính tự động"), max_length=80, blank=True, default="")
    min_value = models.BigIntegerField(_("giá trị nhỏ nhất"), null=True, blank=True, default=0)
    max_value = models.BigIntegerField(_("giá trị lớn nhất"), null=True, blank=True)
    help_text = models.CharField(_("hướng dẫn"), max_length=300, blank=True, default="")
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    @property
    def is_ratio(self) -> bool:
        return self.aggregation == Aggregation.RATIO

    @property
    def is_entered(self) -> bool:
        return self.source == Source.ENTERED and not self.is_ratio

    @property
    def scale(self) -> int:
        return 10**self.decimals

    def to_stored(self, value: Decimal | int) -> int:
        return int((Decimal(value) * self.scale).to_integral_value(rounding=ROUND_HALF_UP))

    def to_display(self, stored: int | float | None) -> Decimal | int | None:
        """The human value of a stored integer (hundredths for a % with two decimals)."""
        if stored is None:
            return None
        if self.decimals == 0:
            return int(Decimal(stored).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        return (Decimal(stored) / self.scale).quantize(
            Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP
        )

    def format(self, stored: int | float | None) -> str:
        value = self.to_display(stored)
        if value is None:
            return ""
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        whole, _, frac = f"{value:,}".partition(".")
        return whole.replace(",", ".") + ("," + frac if frac else "")


class IndicatorRule(models.Model):
    """A consistency rule between two indicators of one unit and period, e.g. answered ≤ received."""

    class Op(models.TextChoices):
        LE = "le", "≤"
        GE = "ge", "≥"
        EQ = "eq", "="

    left = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="rules_left")
    op = models.CharField(max_length=2, choices=Op.choices)
    right = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="rules_right")
    message = models.CharField(_("thông báo"), max_length=300)

    class Meta:
        verbose_name = _("quy tắc kiểm tra")
        verbose_name_plural = _("quy tắc kiểm tra")
        constraints = [models.UniqueConstraint(fields=["left", "op", "right"], name="indicator_rule_unique")]

    def __str__(self) -> str:
        return f"{self.left.code} {self.get_op_display()} {self.right.code}"

    def holds(self, left: int, right: int) -> bool:
        return {"le": left <= right, "ge": left >= right, "eq": left == right}[self.op]


class ReportForm(models.Model):
    """A biểu mẫu: the indicators a unit reports together for one kind of period, and its deadline."""

    code = models.SlugField(_("mã biểu"), max_length=40, unique=True)
    name = models.CharField(_("tên biểu mẫu"), max_length=300)
    period_kind = models.CharField(_("kỳ báo cáo"), max_length=1, choices=PeriodKind.choices)
    deadline_days = models.PositiveSmallIntegerField(
        _("hạn nộp (số ngày sau khi hết kỳ)"),
        default=5,
        help_text=_("Ví dụ 5: báo cáo tháng 3 nộp chậm nhất ngày 5/4."),
    )
    levels = models.ManyToManyField(Level, verbose_name=_("các cấp báo cáo"), related_name="+")
    description = models.TextField(_("mô tả"), blank=True, default="")
    is_active = models.BooleanField(_("đang dùng"), default=True)
    indicators: models.ManyToManyField[Indicator, FormItem] = models.ManyToManyField(
        Indicator, through="FormItem", related_name="forms"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("biểu mẫu")
        verbose_name_plural = _("biểu mẫu")

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    def deadline(self, period: periods.Period) -> dt.date:
        return period.end + dt.timedelta(days=self.deadline_days)

    def period_for(self, day: dt.date) -> periods.Period:
        return periods.Period.containing(self.period_kind, day)

    def items_in_order(self) -> models.QuerySet[FormItem]:
        return self.items.select_related("indicator", "indicator__breakdown").order_by("order", "pk")


class FormItem(models.Model):
    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="items")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="form_items")
    section = models.CharField(_("phần"), max_length=200, blank=True, default="")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["form_id", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["form", "indicator"], name="form_item_unique")]

    def __str__(self) -> str:
        return f"{self.form.code}/{self.indicator.code}"


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại để sửa")


EDITABLE_STATES = {SubmissionState.DRAFT, SubmissionState.RETURNED}


class Submission(models.Model):
    """One unit's report on one form for one period, moving draft → submitted → approved (or returned)."""

    form = models.ForeignKey(ReportForm, on_delete=models.PROTECT, related_name="submissions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="report_submissions")
    period_start = models.DateField(_("đầu kỳ"))
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=SubmissionState.choices, default=SubmissionState.DRAFT
    )
    province_key = models.IntegerField(null=True, blank=True, db_index=True)
    comment = models.TextField(_("ý kiến của cấp trên"), blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-period_start", "form_id", "unit_id"]
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["form", "unit", "period_start"], name="submission_unique"),
        ]
        indexes = [models.Index(fields=["form", "period_start", "state"])]

    def __str__(self) -> str:
        return f"{self.form.code} · {self.unit} · {self.period.label}"

    @property
    def period(self) -> periods.Period:
        return periods.Period(self.form.period_kind, self.period_start)

    @property
    def deadline(self) -> dt.date:
        return self.form.deadline(self.period)

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def is_late(self) -> bool:
        if self.submitted_at is None:
            return False
        return self.submitted_at.date() > self.deadline


class Value(models.Model):
    """One figure of a unit for an indicator, a period (at the indicator's native kind) and a breakdown.

    ``value`` is an integer: đồng for money, a count, or hundredths (per ``Indicator.decimals``) for a %.
    ``breakdown`` is the option code, or "" when the indicator has no breakdown.
    """

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="report_values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    period_kind = models.CharField(max_length=1, choices=PeriodKind.choices)
    period_start = models.DateField()
    breakdown = models.CharField(max_length=40, blank=True, default="")
    value = models.BigIntegerField()
    source = models.CharField(max_length=1, choices=Source.choices, default=Source.ENTERED)
    note = models.CharField(_("giải trình"), max_length=500, blank=True, default="")
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.SET_NULL, related_name="values"
    )
    # The province the unit's data belongs to: the distribution key for sharding (docs/operations.md).
    province_key = models.IntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        constraints = [
            # Roll-ups read (indicator, kind, start) ranges; entry reads one unit's row per indicator.
            models.UniqueConstraint(
                fields=["indicator", "period_kind", "period_start", "unit", "breakdown"],
                name="value_unique_cell",
            ),
        ]
        indexes = [
            # Covering: a roll-up driven from the units of a subtree (closure → home → unit) reads the
            # figures from this index alone, without touching the table.
            models.Index(
                fields=["unit", "period_kind", "period_start", "indicator", "breakdown", "value"],
                name="value_unit_cover_idx",
            ),
            # Covering: a province's (or the country's) roll-up reads one contiguous range of this index.
            models.Index(
                fields=["province_key", "indicator", "period_kind", "period_start", "breakdown", "value"],
                name="value_province_cover_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.unit_id} {self.period_start} {self.breakdown} = {self.value}"


class ValueTotal(models.Model):
    """Per unit, the totals of a coarser period than the indicator's own, kept in step with ``Value``.

    ``total`` is the sum, ``n`` the number of values, ``last_start``/``last_value`` the latest value — what
    the sum, average and last-value rules need.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    period_kind = models.CharField(max_length=1, choices=PeriodKind.choices)
    period_start = models.DateField()
    breakdown = models.CharField(max_length=40, blank=True, default="")
    total = models.BigIntegerField()
    n = models.IntegerField()
    last_start = models.DateField()
    last_value = models.BigIntegerField()
    province_key = models.IntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_kind", "period_start", "unit", "breakdown"],
                name="value_total_unique_cell",
            ),
        ]
        indexes = [
            models.Index(
                fields=[
                    "unit",
                    "period_kind",
                    "period_start",
                    "indicator",
                    "breakdown",
                    "total",
                    "n",
                    "last_value",
                ],
                name="value_total_unit_cover_idx",
            ),
            models.Index(
                fields=[
                    "province_key",
                    "indicator",
                    "period_kind",
                    "period_start",
                    "breakdown",
                    "total",
                    "n",
                    "last_value",
                ],
                name="value_total_province_cover_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.unit_id} {self.period_kind}{self.period_start} {self.breakdown} = {self.total}"


class UnitKey(models.Model):
    """The province key a unit's values were written with, to notice when a reorganisation changes it.

    Roll-ups of a province read its values by ``province_key`` alone; before they do, units whose home now
    lies in another province are found here (a small join) and their values re-keyed.
    """

    unit = models.OneToOneField(Unit, primary_key=True, on_delete=models.CASCADE, related_name="+")
    province_key = models.IntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.unit_id} → {self.province_key}"


class ReviewReport(models.Model):
    """The narrative of a unit's 6-month (sơ kết) or year-end (tổng kết) report, printed with its figures."""

    class Kind(models.TextChoices):
        HALF_YEAR = periods.HALF, _("Báo cáo sơ kết 6 tháng")
        YEAR = periods.YEAR, _("Báo cáo tổng kết năm")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="review_reports")
    kind = models.CharField(_("loại"), max_length=1, choices=Kind.choices)
    period_start = models.DateField()
    number = models.CharField(_("số"), max_length=20, blank=True, default="")
    place = models.CharField(_("địa danh"), max_length=100, blank=True, default="")
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    form = models.ForeignKey(
        ReportForm, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("biểu số liệu"),
    )  # fmt: skip
    results = models.TextField(_("I. Kết quả đạt được"), blank=True, default="")
    shortcomings = models.TextField(_("II. Tồn tại, hạn chế và nguyên nhân"), blank=True, default="")
    tasks = models.TextField(_("III. Phương hướng, nhiệm vụ"), blank=True, default="")
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True, default="CHỦ TỊCH")
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("báo cáo sơ kết, tổng kết")
        verbose_name_plural = _("báo cáo sơ kết, tổng kết")
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "period_start"], name="review_report_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period.label} · {self.unit}"

    @property
    def period(self) -> periods.Period:
        return periods.Period(self.kind, self.period_start)
