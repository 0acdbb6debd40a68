"""Award forms and award proposals (đề nghị khen thưởng) with the awarding body's decision."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AwardKind(models.Model):
    """An award form (Cờ thi đua, Bằng khen, Giấy khen, …); more can be added."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("hình thức khen thưởng"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")

    def __str__(self) -> str:
        return self.name


class ProposalStatus(models.TextChoices):
    PROPOSED = "de_nghi", _("Đã đề nghị")
    AWARDED = "da_khen", _("Đã có quyết định khen thưởng")
    DECLINED = "khong_khen", _("Không được khen thưởng")


class AwardProposal(models.Model):
    """A proposal to an awarding body to give an award to a unit (or a person), and its decision."""

    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    award_kind = models.ForeignKey(
        AwardKind, verbose_name=_("hình thức"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị được đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_proposals",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("cá nhân được đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_proposals",
    )
    proposed_by = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="proposals_made")
    cluster = models.ForeignKey(
        "org.EmulationCluster",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_proposals",
    )
    vote = models.ForeignKey(
        "PeerVote", null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="award_proposals"
    )
    awarding_body = models.CharField(_("cấp khen thưởng"), max_length=300)
    awarding_unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="award_decisions"
    )
    reason = models.CharField(_("thành tích"), max_length=500, blank=True, default="")
    proposed_on = models.DateField(_("ngày đề nghị"))
    status = models.CharField(max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True, default="")
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_body = models.CharField(_("cơ quan quyết định"), max_length=300, blank=True, default="")

    class Meta:
        ordering = ["-year", "award_kind__order", "pk"]
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | Q(person__isnull=False), name="proposal_has_recipient"
            ),
        ]
        indexes = [models.Index(fields=["unit", "year"]), models.Index(fields=["person", "year"])]

    def __str__(self) -> str:
        return f"{self.award_kind} — {self.recipient_name} ({self.year})"

    @property
    def recipient_name(self) -> str:
        """The person's name, else the unit's committee (a proposal always has one: see its constraint)."""
        if self.person is not None:
            return self.person.full_name
        return self.unit.committee_name if self.unit is not None else ""
