"""Show-of-hands votes (biểu quyết): putting a question, recording the hands against the members present.

Recording a vote locks the vote row, so two cadres entering the same show of hands get one result and a
clear conflict; a passing hiệp thương (consultation) vote applies its membership changes in the same
transaction, a failing one applies none.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize, user_or_none
from mattran.core.errors import ActionError
from mattran.core.locking import lock

from ..models import AgendaItem, AgendaKind, Meeting, PassRule, Vote
from ..queries import attendance_counts
from ..voting import passes
from ._common import RECORD, lock_meeting, log, text_for
from .consultation import apply_consultation


@transaction.atomic
def do_open_vote(
    meeting: Meeting,
    *,
    acting_user: Actor,
    subject: str,
    rule: str = PassRule.MAJORITY,
    agenda_item: AgendaItem | None = None,
) -> Vote:
    """Put a question to the vote."""
    authorize(acting_user, RECORD, meeting.unit)
    meeting = lock_meeting(meeting)
    subject = text_for(Vote, "subject", subject)
    if not subject:
        raise ActionError(_("Cần ghi nội dung biểu quyết."), field="subject")
    if rule not in PassRule.values:
        raise ActionError(_("Điều kiện thông qua không hợp lệ."), field="rule")
    if agenda_item is not None:
        if agenda_item.meeting_id != meeting.pk:
            raise ActionError(_("Nội dung không thuộc hội nghị này."), field="agenda_item")
        if agenda_item.votes.exists():
            raise ActionError(
                _("Nội dung này đã có biểu quyết."), field="agenda_item", status=409, code="duplicate"
            )
    vote = Vote.objects.create(meeting=meeting, subject=subject, rule=rule, agenda_item=agenda_item)
    log("meetings.open_vote", meeting, acting_user, vote, f"Biểu quyết: {subject}")
    return vote


def _present(meeting: Meeting, present: int | None) -> int:
    """The members present: from the roll call when one was taken (``present`` must then agree), else as
    given (delegates of a conference without a roll call)."""
    counts = attendance_counts(meeting)
    if counts["present"] + counts["excused"] + counts["unexcused"]:
        if present is not None and present != counts["present"]:
            raise ActionError(
                _("Theo điểm danh có %(counted)s ủy viên có mặt, không phải %(present)s.")
                % {"counted": counts["present"], "present": present},
                field="present",
            )
        present = counts["present"]
    if present is None or present <= 0:
        raise ActionError(
            _("Chưa có số đại biểu có mặt: hãy điểm danh trước khi biểu quyết."), field="present"
        )
    return present


def _check_ballots(present: int, ballots: dict[str, int | None]) -> None:
    """No count is missing or negative, and no more hands are counted than members present."""
    for name, value in ballots.items():
        if value is None or value < 0:
            raise ActionError(_("Số phiếu không được âm."), field=name)
    cast = sum(value for value in ballots.values() if value is not None)
    if cast > present:
        raise ActionError(
            _("Tổng số biểu quyết (%(cast)s) nhiều hơn số đại biểu có mặt (%(present)s).")
            % {"cast": cast, "present": present},
            field="votes_for",
            code="too_many_ballots",
        )


def _check_not_recorded(vote: Vote) -> None:
    if vote.recorded_at is not None:
        raise ActionError(
            _('Biểu quyết "%(vote_subject)s" đã được ghi lúc %(time)s.')
            % {
                "vote_subject": vote.subject,
                "time": format(timezone.localtime(vote.recorded_at), "%H:%M %d/%m/%Y"),
            },
            code="already_recorded",
            status=409,
        )


@transaction.atomic
def do_record_vote(
    vote: Vote,
    *,
    acting_user: Actor,
    votes_for: int,
    votes_against: int = 0,
    abstentions: int = 0,
    present: int | None = None,
) -> Vote:
    """Record the show of hands; a passing hiệp thương vote applies its changes in the same transaction.

    The vote row is locked first: if another cadre recorded it meanwhile, this one gets a conflict and
    nothing changes. The members present come from the attendance when it was taken; ``present`` is only
    for meetings without a roll call (delegates of a conference) and must agree with it otherwise.
    """
    authorize(acting_user, RECORD, vote.meeting.unit)
    vote = lock(vote)
    _check_not_recorded(vote)
    meeting = lock_meeting(vote.meeting)
    present = _present(meeting, present)
    _check_ballots(
        present, {"votes_for": votes_for, "votes_against": votes_against, "abstentions": abstentions}
    )
    before = audit.snapshot(vote)
    vote.present = present
    vote.votes_for, vote.votes_against, vote.abstentions = votes_for, votes_against, abstentions
    vote.not_voting = present - votes_for - votes_against - abstentions
    vote.passed = passes(vote.rule, votes_for, present)  # counted against the members present
    vote.recorded_at = timezone.now()
    vote.recorded_by = user_or_none(acting_user)
    vote.save()
    verdict = "thông qua" if vote.passed else "không thông qua"
    audit.record(
        "meetings.record_vote",
        actor=acting_user,
        unit=meeting.unit,
        obj=vote,
        before=before,
        after=audit.snapshot(vote),
        summary=f"{vote.subject}: {votes_for}/{present} tán thành ({vote.share_label}), {verdict}",
    )
    item = vote.agenda_item
    if vote.passed and item is not None and item.kind == AgendaKind.CONSULTATION:
        apply_consultation(item, meeting=meeting, acting_user=acting_user)
    return vote


def _reported_share(share: Decimal | int | str | None) -> Decimal | None:
    """The share as the source gives it (0–100, two decimals at most), None when not given."""
    if share is None or share == "":
        return None
    try:
        value = Decimal(str(share).replace(",", ".").replace("%", "").strip())
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value < 0 or value > 100:
        raise ActionError(_("Tỷ lệ tán thành phải là một số từ 0 đến 100."), field="reported_share")
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def do_record_vote_outcome(
    vote: Vote,
    *,
    acting_user: Actor,
    passed: bool,
    reported_share: Decimal | int | str | None = None,
    as_printed: str = "",
) -> Vote:
    """Record a vote as the source reports it when it gives no headcount: the outcome, the share if given
    ("100% tán thành") and the words as printed; the counts stay unknown, never made up.

    A passing hiệp thương vote applies its named changes in the same transaction, as a counted one does.
    """
    authorize(acting_user, RECORD, vote.meeting.unit)
    vote = lock(vote)
    _check_not_recorded(vote)
    meeting = lock_meeting(vote.meeting)
    share = _reported_share(reported_share)
    printed = text_for(Vote, "as_printed", as_printed)
    if share is None and not printed:
        raise ActionError(
            _("Ghi nguyên văn kết quả như nguồn ghi (ví dụ: “100% đại biểu nhất trí”) hoặc tỷ lệ tán thành."),
            field="as_printed",
        )
    if share is not None and passed != passes(vote.rule, int(share * 100), 10000):
        raise ActionError(
            _("Tỷ lệ %(share)s%% không khớp với kết quả đã chọn theo điều kiện thông qua.")
            % {"share": f"{share:g}".replace(".", ",")},
            field="passed",
        )
    before = audit.snapshot(vote)
    vote.present = vote.votes_for = vote.votes_against = vote.abstentions = vote.not_voting = None
    vote.reported_share, vote.as_printed, vote.passed = share, printed, bool(passed)
    vote.recorded_at = timezone.now()
    vote.recorded_by = user_or_none(acting_user)
    vote.save()
    verdict = "thông qua" if vote.passed else "không thông qua"
    log(
        "meetings.record_vote_outcome",
        meeting,
        acting_user,
        vote,
        f"{vote.subject}: {printed or vote.share_label}, {verdict}",
        before=before,
    )
    item = vote.agenda_item
    if vote.passed and item is not None and item.kind == AgendaKind.CONSULTATION:
        apply_consultation(item, meeting=meeting, acting_user=acting_user)
    return vote
