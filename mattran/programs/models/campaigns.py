"""Campaigns and emulation movements (cuộc vận động, phong trào), their indicators and participating units."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

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
