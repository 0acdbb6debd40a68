"""What a meeting produces for others: the figures stated in its record and its news item."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .meeting import Meeting


class Qualifier(models.TextChoices):
    """How the source states a figure: exactly, over ("trên"), about ("khoảng", "gần"), up to ("đến")."""

    EXACT = "dung", _("đúng")
    OVER = "tren", _("trên")
    ABOUT = "khoang", _("khoảng")
    UP_TO = "den", _("đến")


class MeetingFigure(models.Model):
    """A figure announced at the meeting ("trao 3.568 suất quà trị giá trên 1 tỷ đồng"), kept as the source
    states it: an indicator of the reports catalogue or a free label, the value and how exact it is, the
    period it covers, the words as printed, and whether it still needs checking against the source.

    ``value`` is in the indicator's stored scale (đồng, a count); it may be empty only for a figure marked
    to check (the source's words cannot be read as one number)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="figures")
    indicator = models.ForeignKey(
        "reports.Indicator",
        verbose_name=_("chỉ tiêu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    label = models.CharField(_("tên số liệu"), max_length=300, blank=True, default="")
    measure = models.CharField(_("đơn vị tính"), max_length=60, blank=True, default="")
    value = models.BigIntegerField(_("giá trị"), null=True, blank=True)
    qualifier = models.CharField(
        _("mức chính xác"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    period_start = models.DateField(_("từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("đến ngày"), null=True, blank=True)
    as_printed = models.CharField(_("nguyên văn trong nguồn"), max_length=500, blank=True, default="")
    to_check = models.BooleanField(_("cần kiểm tra lại"), default=False)
    order = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["meeting_id", "order", "pk"]
        verbose_name = _("số liệu công bố tại hội nghị")
        verbose_name_plural = _("số liệu công bố tại hội nghị")

    def __str__(self) -> str:
        return f"{self.name}: {self.value_label}"

    @property
    def name(self) -> str:
        return self.indicator.name if self.indicator is not None else self.label

    @property
    def measure_label(self) -> str:
        if self.indicator is not None:
            return str(self.indicator.get_measure_display())
        return self.measure

    @property
    def value_label(self) -> str:
        """ "trên 1.000.000.000 đồng", "khoảng 68 người"; "chưa rõ" when no number could be read."""
        if self.value is None:
            return str(_("chưa rõ"))
        if self.indicator is not None:
            number = self.indicator.format(self.value)
        else:
            number = f"{self.value:,}".replace(",", ".")
        qualifier = "" if self.qualifier == Qualifier.EXACT else f"{self.get_qualifier_display()} "
        measure = f" {self.measure_label}" if self.measure_label else ""
        return f"{qualifier}{number}{measure}"


class NewsStatus(models.TextChoices):
    DRAFT = "nhap", _("Bản nháp")
    PUBLISHED = "da_dang", _("Đã đăng")


class NewsItem(models.Model):
    """A news item (tin bài) about a meeting, drafted from the record, edited, then published."""

    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="news")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="news_items")
    title = models.CharField(_("tiêu đề"), max_length=400)
    lead = models.TextField(_("sa-pô"))
    body = models.TextField(_("nội dung"))
    author = models.CharField(_("tác giả"), max_length=200, blank=True, default="")
    status = models.CharField(max_length=10, choices=NewsStatus.choices, default=NewsStatus.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")
        indexes = [models.Index(fields=["unit", "status", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == NewsStatus.PUBLISHED

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]
