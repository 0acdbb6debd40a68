"""Campaigns and emulation movements (cuộc vận động, phong trào), their indicators and participating units."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from mattran.meetings.models import Qualifier

if TYPE_CHECKING:
    from mattran.org.models import Unit


class CampaignKind(models.TextChoices):
    CAMPAIGN = "cuoc_van_dong", _("Cuộc vận động")
    MOVEMENT = "phong_trao", _("Phong trào thi đua")


class Campaign(models.Model):
    """A campaign or emulation movement (cuộc vận động, phong trào), national or launched by a unit."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=CampaignKind.choices)
    name = models.CharField(_("tên"), max_length=300)
    launching_body = models.CharField(_("cơ quan phát động"), max_length=300)
    launching_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị phát động"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="launched_campaigns",
    )
    launched_on = models.DateField(_("ngày phát động"), null=True, blank=True)
    ends_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    is_national = models.BooleanField(_("toàn quốc"), default=False)
    description = models.TextField(_("mô tả"), blank=True, default="")
    participants: models.ManyToManyField[Unit, CampaignParticipation] = models.ManyToManyField(
        "org.Unit", through="CampaignParticipation", related_name="campaigns", blank=True
    )
    # The meetings that reviewed, launched or reported on the campaign (sơ kết, tổng kết…).
    meetings = models.ManyToManyField(
        "meetings.Meeting", verbose_name=_("hội nghị"), related_name="campaigns", blank=True
    )

    class Meta:
        ordering = ["-is_national", "launched_on", "name"]
        verbose_name = _("cuộc vận động, phong trào")
        verbose_name_plural = _("cuộc vận động, phong trào")

    def __str__(self) -> str:
        return self.name


class CampaignParticipation(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participations")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="campaign_participations")
    joined_on = models.DateField(_("tham gia từ"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="campaign_participant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.unit}"


class CampaignIndicator(models.Model):
    """What a campaign measures; ``indicator_code`` names the reports app's indicator when there is one."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("chỉ tiêu"), max_length=300)
    measure = models.CharField(_("đơn vị tính"), max_length=60, blank=True, default="")
    indicator_code = models.CharField(_("mã chỉ tiêu báo cáo"), max_length=60, blank=True, default="")

    class Meta:
        ordering = ["campaign_id", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class CampaignFigure(models.Model):
    """A figure of a campaign for one unit and period, as reported (often announced at a meeting, then
    ``meeting`` names it): the campaign's indicator or a free label, the value and how exact it is, the
    words as printed, and whether it needs checking."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="figures")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="campaign_figures")
    indicator = models.ForeignKey(
        CampaignIndicator,
        verbose_name=_("chỉ tiêu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="figures",
    )
    label = models.CharField(_("tên số liệu"), max_length=300, blank=True, default="")
    measure = models.CharField(_("đơn vị tính"), max_length=60, blank=True, default="")
    value = models.BigIntegerField(_("giá trị"), null=True, blank=True)
    qualifier = models.CharField(
        _("mức chính xác"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    as_printed = models.CharField(_("nguyên văn trong nguồn"), max_length=500, blank=True, default="")
    to_check = models.BooleanField(_("cần kiểm tra lại"), default=False)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("công bố tại hội nghị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaign_figures",
    )

    class Meta:
        ordering = ["campaign_id", "-period_start", "unit_id", "pk"]
        verbose_name = _("số liệu cuộc vận động")
        verbose_name_plural = _("số liệu cuộc vận động")

    def __str__(self) -> str:
        return f"{self.name}: {self.value_label}"

    @property
    def name(self) -> str:
        return self.indicator.name if self.indicator is not None else self.label

    @property
    def value_label(self) -> str:
        if self.value is None:
            return str(_("chưa rõ"))
        qualifier = "" if self.qualifier == Qualifier.EXACT else f"{self.get_qualifier_display()} "
        measure = self.indicator.measure if self.indicator is not None else self.measure
        number = f"{self.value:,}".replace(",", ".")
        return f"{qualifier}{number}{' ' + measure if measure else ''}"
