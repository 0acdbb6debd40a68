"""Peer votes (bình xét, suy tôn) among a cluster's units: candidates, ballots and the secret choices.

The pass rule is the one of every vote (``mattran.meetings.voting``), counted against the units of the
cluster entitled to vote."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mattran.meetings.voting import PEER_VOTE, PassRule

from .agreements import Agreement
from .awards import AwardKind


class VoteStatus(models.TextChoices):
    OPEN = "dang_bo_phieu", _("Đang bỏ phiếu")
    CLOSED = "da_dong", _("Đã đóng, chưa kiểm phiếu")
    DECIDED = "da_kiem_phieu", _("Đã kiểm phiếu")
    TIED = "bang_phieu", _("Bằng phiếu ở vị trí cuối, cần bỏ phiếu lại")


class PeerVote(models.Model):
    """A peer vote (bình xét, suy tôn) among a cluster's units for one award kind and a number of places."""

    cluster = models.ForeignKey("org.EmulationCluster", on_delete=models.PROTECT, related_name="peer_votes")
    agreement = models.ForeignKey(
        Agreement, null=True, blank=True, on_delete=models.PROTECT, related_name="peer_votes"
    )
    award_kind = models.ForeignKey(
        AwardKind, verbose_name=_("hình thức"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("nội dung bình xét"), max_length=300)
    places = models.PositiveSmallIntegerField(_("số suất"))
    secret = models.BooleanField(_("bỏ phiếu kín"), default=True)
    # Set when the record holds what its source does not give (the demo's ballots behind a published
    # result): shown wherever the vote is shown, so nobody reads it as fact.
    illustrative_note = models.CharField(
        _("ghi chú dữ liệu minh họa"), max_length=300, blank=True, default=""
    )
    pass_rule = models.CharField(
        _("điều kiện đạt"), max_length=20, choices=PEER_VOTE, default=PassRule.MAJORITY
    )
    awarding_body = models.CharField(_("cấp đề nghị khen thưởng"), max_length=300)
    awarding_unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="awards_to_decide"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="peer_votes"
    )
    closes_at = models.DateTimeField(_("hạn bỏ phiếu"))
    status = models.CharField(max_length=20, choices=VoteStatus.choices, default=VoteStatus.OPEN)
    electorate = models.PositiveSmallIntegerField(_("số đơn vị có quyền bỏ phiếu"))
    runoff_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="runoffs"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    tallied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("bình xét thi đua")
        verbose_name_plural = _("bình xét thi đua")

    def __str__(self) -> str:
        return f"{self.title} — {self.award_kind} ({self.cluster})"


class Candidate(models.Model):
    vote = models.ForeignKey(PeerVote, on_delete=models.CASCADE, related_name="candidates")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveSmallIntegerField(_("số phiếu"), null=True, blank=True)
    passed = models.BooleanField(_("đạt"), null=True, blank=True)
    elected = models.BooleanField(_("được đề nghị"), null=True, blank=True)
    tied = models.BooleanField(_("bằng phiếu ở vị trí cuối"), default=False)

    class Meta:
        ordering = ["vote_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["vote", "unit"], name="candidate_unique")]

    def __str__(self) -> str:
        return str(self.unit)


class Ballot(models.Model):
    """That a unit voted (one ballot per unit per vote)."""

    vote = models.ForeignKey(PeerVote, on_delete=models.CASCADE, related_name="ballots")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cast_at = models.DateTimeField()

    class Meta:
        ordering = ["vote_id", "cast_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["vote", "unit"], name="ballot_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.vote}"


class BallotChoice(models.Model):
    """One candidate chosen on a ballot; linked to the ballot only in an open vote."""

    vote = models.ForeignKey(PeerVote, on_delete=models.CASCADE, related_name="choices")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="choices")
    ballot = models.ForeignKey(
        Ballot, null=True, blank=True, on_delete=models.CASCADE, related_name="choices"
    )

    def __str__(self) -> str:
        return str(self.candidate)
