"""Emulation agreements (giao ước thi đua): signatory units, criteria with maximum scores, self-scores with
their evidence and the assessment scores units give each other."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from mattran.org.models import Unit

TWO_PLACES = Decimal("0.01")


def round_score(value: Decimal) -> Decimal:
    """A score to two places, half up (the scale every stored score has)."""
    return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


class AssessmentMode(models.TextChoices):
    LEADER = "cum_truong", _("Đơn vị chủ trì (cụm trưởng) chấm")
    PEER_MEAN = "binh_quan", _("Bình quân điểm các đơn vị khác chấm")


class AgreementStatus(models.TextChoices):
    DRAFT = "du_thao", _("Dự thảo")
    SIGNED = "da_ky", _("Đã ký, đang chấm điểm")
    CLOSED = "da_chot", _("Đã chốt kết quả")


class Agreement(models.Model):
    """An emulation agreement (giao ước thi đua) of a cluster, or of a set of units under one unit, for a year.

    ``unit`` administers it: the cluster's leader for a cluster agreement, else the unit that organised it.
    """

    title = models.CharField(_("tên"), max_length=400)
    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="agreements"
    )
    cluster = models.ForeignKey(
        "org.EmulationCluster",
        verbose_name=_("cụm thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    assessment_mode = models.CharField(
        _("cách chấm điểm của cụm"),
        max_length=20,
        choices=AssessmentMode.choices,
        default=AssessmentMode.LEADER,
    )
    status = models.CharField(max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    signed_at = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("hội nghị ký kết"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signed_agreements",
    )
    units: models.ManyToManyField[Unit, AgreementParty] = models.ManyToManyField(
        "org.Unit", through="AgreementParty", related_name="emulation_agreements"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "title"], name="agreement_unique_title")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    @property
    def max_total(self) -> Decimal:
        return sum((c.max_score for c in self.criteria.all()), Decimal("0"))


class AgreementParty(models.Model):
    """A signatory unit of an agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="agreement_parties")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["agreement_id", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["agreement", "unit"], name="agreement_party_unique")]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.unit}"


class Criterion(models.Model):
    """A numbered content of an agreement with its maximum score and the evidence it needs."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    content = models.CharField(_("nội dung"), max_length=600)
    max_score = models.DecimalField(_("điểm tối đa"), max_digits=7, decimal_places=2)
    evidence_required = models.CharField(_("minh chứng cần có"), max_length=400, blank=True, default="")

    class Meta:
        ordering = ["agreement_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="criterion_number"),
            models.CheckConstraint(condition=Q(max_score__gt=0), name="criterion_max_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.content}"


class SelfScore(models.Model):
    """A signatory unit's own score on a criterion."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="self_scores")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("điểm tự chấm"), max_digits=7, decimal_places=2)
    note = models.TextField(_("giải trình"), blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["criterion", "unit"], name="self_score_once")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.criterion.number}: {self.score}"


class ScoreEvidence(models.Model):
    """A file backing a self-score (size and type checked by the action)."""

    self_score = models.ForeignKey(SelfScore, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="giao-uoc/%Y/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["self_score_id", "pk"]

    def __str__(self) -> str:
        return self.original_name


class AssessmentScore(models.Model):
    """The score one unit gives another on a criterion (the cluster's assessment)."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="assessments")
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị được chấm"), on_delete=models.PROTECT, related_name="+"
    )
    by_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị chấm"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("điểm"), max_digits=7, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["criterion", "unit", "by_unit"], name="assessment_once"),
        ]

    def __str__(self) -> str:
        return f"{self.by_unit} → {self.unit} · {self.criterion.number}: {self.score}"
