"""Votes at a meeting and the membership changes a hiệp thương agenda item proposes, applied when its vote
passes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mattran.people.models import EndReason, Position, Represents

from ..voting import SHOW_OF_HANDS, PassRule  # the one pass rule (voting.py)
from .meeting import Meeting
from .proceedings import AgendaItem


class Vote(models.Model):
    """A show-of-hands vote (biểu quyết), counted against the members present when it was recorded."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="votes")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="votes"
    )
    subject = models.CharField(_("nội dung biểu quyết"), max_length=400)
    rule = models.CharField(
        _("điều kiện thông qua"), max_length=20, choices=SHOW_OF_HANDS, default=PassRule.MAJORITY
    )
    present = models.PositiveIntegerField(_("số có mặt"), null=True, blank=True)
    votes_for = models.PositiveIntegerField(_("tán thành"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("không tán thành"), null=True, blank=True)
    abstentions = models.PositiveIntegerField(_("không biểu quyết ý kiến"), null=True, blank=True)
    not_voting = models.PositiveIntegerField(_("không tham gia biểu quyết"), null=True, blank=True)
    passed = models.BooleanField(_("thông qua"), null=True, blank=True)
    # When the source gives only a share ("100% tán thành") or only the outcome ("nhất trí"): the share as
    # given (None when not given) and the words as printed; the headcounts then stay None (not known).
    reported_share = models.DecimalField(
        _("tỷ lệ tán thành theo nguồn (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    as_printed = models.CharField(_("kết quả như nguồn ghi"), max_length=300, blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting_id", "pk"]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_recorded(self) -> bool:
        return self.recorded_at is not None

    @property
    def counts_known(self) -> bool:
        """Whether the hands were counted (present and for), not only a share or an outcome."""
        return bool(self.present) and self.votes_for is not None

    @property
    def share_for(self) -> float | None:
        """Share of members present who voted for, 0–100: counted, else as the source gave it, else None."""
        if self.present and self.votes_for is not None:
            return 100 * self.votes_for / self.present
        if self.reported_share is not None:
            return float(self.reported_share)
        return None

    @property
    def share_label(self) -> str:
        share = self.share_for
        if share is None:
            return ""
        text = f"{share:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"{text}%"


class ChangeAction(models.TextChoices):
    RELIEVE = "cho_thoi", _("Cho thôi")
    ADD = "cu_bo_sung", _("Cử bổ sung, kiện toàn")
    REPLACE = "thay_the", _("Thay thế")


class ConsultationChange(models.Model):
    """One proposed change of a hiệp thương item: relieve a member, add a person, or replace one by another.

    A seat may be unnamed: the source says "cho thôi 4 đồng chí… kiện toàn 5 đồng chí" without names, so
    each seat is one change with no ``membership`` (relieve) or no ``person`` (add) until a name is given
    (``do_name_consultation_change``); an unnamed seat changes no membership, and naming it after the vote
    applies it then, dated from the meeting. Nothing changes until the item's vote passes; then every change of the item is applied in one
    transaction and ``applied_at`` is set, with the resulting memberships pointing back to the meeting.
    """

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(_("thay đổi"), max_length=20, choices=ChangeAction.choices)
    membership = models.ForeignKey(
        "people.Membership",
        verbose_name=_("ủy viên thôi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="relieved_by_changes",
    )
    end_reason = models.CharField(
        _("lý do thôi"), max_length=20, choices=EndReason.choices, blank=True, default=""
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("người được cử"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposed_in",
    )
    position = models.CharField(
        _("chức danh"), max_length=30, choices=Position.choices, blank=True, default=""
    )
    represents = models.CharField(
        _("đại diện cho"), max_length=30, choices=Represents.choices, blank=True, default=""
    )
    member_org = models.ForeignKey(
        "org.MemberOrganization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    represents_detail = models.CharField(_("đại diện (chi tiết)"), max_length=250, blank=True, default="")
    new_membership = models.OneToOneField(
        "people.Membership", null=True, blank=True, on_delete=models.PROTECT, related_name="created_by_change"
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["agenda_item_id", "order", "pk"]

    def __str__(self) -> str:
        who = self.membership or self.person
        return f"{self.get_action_display()}: {who if who is not None else _('chưa có tên')}"

    @property
    def is_named(self) -> bool:
        """Whether the seat has its person: the member relieved, the person added (both for a replacement)."""
        if self.action == ChangeAction.RELIEVE:
            return self.membership_id is not None
        if self.action == ChangeAction.ADD:
            return self.person_id is not None
        return self.membership_id is not None and self.person_id is not None
