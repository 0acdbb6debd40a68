"""Awards: the award forms, proposals made outside a peer vote, and the awarding body's decisions."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.locking import lock
from mattran.meetings.models import Meeting
from mattran.org.models import Unit
from mattran.people.models import Person

from ..models import AwardKind, AwardProposal, ProposalStatus
from .common import field_text, valid_year

DECISION = ["status", "decision_number", "decision_date", "decision_body"]


@transaction.atomic
def do_create_award_kind(*, acting_user: Actor, code: str, name: str) -> AwardKind:
    """Add an award form besides the standard three."""
    authorize(acting_user, "programs.manage_award_kinds")
    name = field_text(AwardKind, "name", name, required=_("Nhập tên hình thức khen thưởng."))
    code = field_text(AwardKind, "code", code, required=_("Nhập mã."))
    if AwardKind.objects.filter(code=code).exists() or AwardKind.objects.filter(name=name).exists():
        raise ActionError(_("Đã có hình thức này."), field="name", code="duplicate")
    order = (AwardKind.objects.aggregate(m=Max("order"))["m"] or 0) + 1
    kind = AwardKind.objects.create(code=code, name=name, order=order)
    audit.record("programs.create_award_kind", actor=acting_user, obj=kind, summary=name)
    return kind


@transaction.atomic
def do_propose_award(
    *,
    acting_user: Actor,
    proposed_by: Unit,
    year: int,
    award_kind: AwardKind,
    awarding_body: str,
    unit: Unit | None = None,
    person: Person | None = None,
    awarding_unit: Unit | None = None,
    reason: str = "",
    proposed_on: dt.date | None = None,
    meeting: Meeting | None = None,
) -> AwardProposal:
    """Propose an award for a unit or a person outside a peer vote.

    The proposing unit proposes on its own behalf (the actor acts for it), for a unit or a person kept in
    the actor's subtree."""
    authorize(acting_user, "programs.act_for_unit", proposed_by)
    if (unit is None) == (person is None):
        raise ActionError(_("Chọn một đơn vị hoặc một cá nhân được đề nghị."), field="unit")
    if person is not None:
        authorize(acting_user, "programs.propose_person_award", person)
    else:
        authorize(acting_user, "programs.propose_unit_award", unit)
    proposal = AwardProposal.objects.create(
        year=valid_year(year),
        award_kind=award_kind,
        unit=unit,
        person=person,
        proposed_by=proposed_by,
        meeting=meeting,
        awarding_body=field_text(
            AwardProposal, "awarding_body", awarding_body, required=_("Nhập cấp khen thưởng.")
        ),
        awarding_unit=awarding_unit,
        reason=field_text(AwardProposal, "reason", reason),
        proposed_on=proposed_on or timezone.localdate(),
    )
    audit.record(
        "programs.propose_award", actor=acting_user, unit=proposed_by, obj=proposal, summary=str(proposal)
    )
    return proposal


@transaction.atomic
def do_record_award_decision(
    proposal: AwardProposal,
    *,
    acting_user: Actor,
    awarded: bool,
    decision_date: dt.date,
    decision_body: str,
    decision_number: str = "",
) -> AwardProposal:
    """Record the awarding body's decision on a proposal (number, date, body)."""
    authorize(acting_user, "programs.decide_award", proposal)
    proposal = lock(proposal)
    if proposal.status != ProposalStatus.PROPOSED:
        raise ActionError(_("Đề nghị này đã có quyết định."), code="decided", status=409)
    if decision_date < proposal.proposed_on:
        raise ActionError(_("Ngày quyết định phải sau ngày đề nghị."), field="decision_date")
    number = field_text(AwardProposal, "decision_number", decision_number)
    if awarded and not number:
        raise ActionError(_("Nhập số quyết định khen thưởng."), field="decision_number")
    body = field_text(AwardProposal, "decision_body", decision_body, required=_("Nhập cơ quan quyết định."))
    before = audit.snapshot(proposal, DECISION)
    proposal.status = ProposalStatus.AWARDED if awarded else ProposalStatus.DECLINED
    proposal.decision_number, proposal.decision_date, proposal.decision_body = number, decision_date, body
    proposal.save(update_fields=DECISION)
    audit.record(
        "programs.record_award_decision", actor=acting_user, unit=proposal.awarding_unit or proposal.proposed_by,
        obj=proposal, before=before, after=audit.snapshot(proposal, DECISION),
    )  # fmt: skip
    return proposal
