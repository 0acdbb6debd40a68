"""Every programs action, prepared in the small tree of tests/conftest.py and called by a given actor
(tests/core/test_every_action_authorises.py calls each with an outsider, an anonymous user and None).

The records an action needs are made by the system actor of the tests; each case returns the call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mattran.meetings import actions as meetings_actions
from mattran.org import actions as org_actions
from mattran.org.models import EmulationCluster, UnitKind
from mattran.programs import actions
from mattran.programs.models import (
    Agreement,
    AwardKind,
    Campaign,
    PeerVote,
    Program,
    ProgressStatus,
    ReviewPeriod,
)
from tests.conftest import SYSTEM, make

YEAR = timezone.localdate().year
Call = Callable[[Any], object]


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("minh-chung.pdf", b"%PDF-1.4\n% minh chung\n", content_type="application/pdf")


def _cluster(w: Any, *, year: int = YEAR, more: int = 0) -> EmulationCluster:
    """A cluster of the commune (its leader), its sibling and ``more`` new communes of the district."""
    extra = [make(w.tree.district, f"Thêm {i}", UnitKind.COMMUNE) for i in range(more)]
    return org_actions.do_create_cluster(
        acting_user=SYSTEM,
        name="Cụm thi đua các xã",
        year=year,
        organiser=w.tree.district,
        members=[w.tree.commune, w.tree.sibling, *extra],
        leader=w.tree.commune,
    )


def _program(w: Any) -> Program:
    program = actions.do_create_program(
        acting_user=SYSTEM, unit=w.tree.commune, year=YEAR, title="Chương trình phối hợp"
    )
    actions.do_add_participant(program, acting_user=SYSTEM, name="Công an xã An")
    content = actions.do_add_content(program, acting_user=SYSTEM, title="Giữ gìn an ninh trật tự")
    actions.do_add_task(
        content, acting_user=SYSTEM, title="Tổ tự quản", responsible=program.participants.first()
    )
    return program


def _signed(w: Any) -> Program:
    program = _program(w)
    actions.do_sign_program(
        program,
        acting_user=SYSTEM,
        signed_on=dt.date(YEAR, 1, 10),
        signatories={p: {"title": "Đại diện lãnh đạo"} for p in program.participants.all()},
    )
    return program


def _agreement(w: Any, *, signed: bool = True) -> Agreement:
    agreement = actions.do_create_agreement(
        acting_user=SYSTEM, title="Giao ước thi đua", year=YEAR, cluster=_cluster(w)
    )
    actions.do_add_criterion(agreement, acting_user=SYSTEM, content="Tuyên truyền", max_score=50)
    if signed:
        actions.do_sign_agreement(agreement, acting_user=SYSTEM, signed_on=timezone.localdate())
    return agreement


def _vote(w: Any, *, cluster: EmulationCluster | None = None, places: int = 1) -> PeerVote:
    cluster = cluster or _cluster(w)
    return actions.do_open_peer_vote(
        cluster,
        acting_user=SYSTEM,
        award_kind=AwardKind.objects.get(code="co-thi-dua"),
        places=places,
        candidates=list(cluster.members.order_by("pk")),
        closes_at=timezone.now() + dt.timedelta(hours=1),
        awarding_body="Ủy ban MTTQ Việt Nam huyện Một",
        awarding_unit=w.tree.district,
    )


def _tied(w: Any) -> PeerVote:
    """A vote of five units for two places: one elected, two tied at the last place."""
    cluster = _cluster(w, more=3)
    vote = _vote(w, cluster=cluster, places=2)
    units = list(cluster.members.order_by("pk"))
    for voter, chosen in {0: [1, 2], 1: [1, 3], 2: [1, 2], 3: [1, 3], 4: [2, 3]}.items():
        actions.do_cast_ballot(
            vote, acting_user=SYSTEM, unit=units[voter], choices=[units[i] for i in chosen]
        )
    actions.do_close_peer_vote(vote, acting_user=SYSTEM)
    return actions.do_tally_peer_vote(vote, acting_user=SYSTEM)


def _campaign(w: Any) -> Campaign:
    return actions.do_create_campaign(
        acting_user=SYSTEM,
        kind="phong_trao",
        name="Ngày Chủ nhật xanh",
        launching_body="Ủy ban MTTQ Việt Nam xã An",
        launching_unit=w.tree.commune,
    )


def create_campaign(w: Any) -> Call:
    return lambda actor: actions.do_create_campaign(
        acting_user=actor,
        kind="phong_trao",
        name="Ngày Chủ nhật xanh",
        launching_body="Ủy ban MTTQ Việt Nam xã An",
        launching_unit=w.tree.commune,
    )


def update_campaign(w: Any) -> Call:
    campaign = _campaign(w)
    return lambda actor: actions.do_update_campaign(
        campaign, acting_user=actor, kind="phong_trao", name="Đổi tên", launching_body="Xã An"
    )


def join_campaign(w: Any) -> Call:
    campaign = Campaign.objects.get(code="vi-nguoi-ngheo")
    return lambda actor: actions.do_join_campaign(campaign, acting_user=actor, unit=w.tree.commune)


def attach_campaign_to_meeting(w: Any) -> Call:
    campaign = Campaign.objects.get(code="vi-nguoi-ngheo")
    meeting = meetings_actions.do_create_meeting(
        acting_user=SYSTEM,
        unit=w.tree.commune,
        kind="so_ket",
        title="Sơ kết 6 tháng đầu năm 2024",
        starts_at=dt.datetime(2024, 7, 5, 8, tzinfo=dt.timezone(dt.timedelta(hours=7))),
    )
    return lambda actor: actions.do_attach_campaign_to_meeting(campaign, acting_user=actor, meeting=meeting)


def record_campaign_figure(w: Any) -> Call:
    campaign = Campaign.objects.get(code="vi-nguoi-ngheo")
    actions.do_join_campaign(campaign, acting_user=SYSTEM, unit=w.tree.commune)
    return lambda actor: actions.do_record_campaign_figure(
        campaign,
        acting_user=actor,
        unit=w.tree.commune,
        label="Hộ nghèo được hỗ trợ",
        measure="hộ",
        value=12,
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 6, 30),
    )


def create_program(w: Any) -> Call:
    return lambda actor: actions.do_create_program(
        acting_user=actor, unit=w.tree.commune, year=YEAR, title="Chương trình phối hợp"
    )


def add_participant(w: Any) -> Call:
    program = _program(w)
    return lambda actor: actions.do_add_participant(program, acting_user=actor, name="Trường học xã An")


def add_content(w: Any) -> Call:
    program = _program(w)
    return lambda actor: actions.do_add_content(program, acting_user=actor, title="Nội dung mới")


def update_content(w: Any) -> Call:
    content = _program(w).contents.get()
    return lambda actor: actions.do_update_content(content, acting_user=actor, title="Nội dung sửa")


def add_task(w: Any) -> Call:
    program = _program(w)
    content, party = program.contents.get(), program.participants.first()
    return lambda actor: actions.do_add_task(content, acting_user=actor, title="Việc mới", responsible=party)


def copy_program_forward(w: Any) -> Call:
    program = _program(w)
    return lambda actor: actions.do_copy_program_forward(program, acting_user=actor)


def sign_program(w: Any) -> Call:
    program = _program(w)
    signatories = {p: {"title": "Đại diện lãnh đạo"} for p in program.participants.all()}
    return lambda actor: actions.do_sign_program(
        program, acting_user=actor, signed_on=dt.date(YEAR, 1, 10), signatories=signatories
    )


def record_progress(w: Any) -> Call:
    task = _signed(w).contents.get().tasks.get()
    return lambda actor: actions.do_record_progress(
        task, acting_user=actor, period=ReviewPeriod.MID_YEAR, status=ProgressStatus.IN_PROGRESS
    )


def review_program(w: Any) -> Call:
    program = _signed(w)
    return lambda actor: actions.do_review_program(
        program, acting_user=actor, period=ReviewPeriod.MID_YEAR, held_on=dt.date(YEAR, 7, 1)
    )


def create_agreement(w: Any) -> Call:
    return lambda actor: actions.do_create_agreement(
        acting_user=actor,
        title="Giao ước các xã",
        year=YEAR,
        unit=w.tree.district,
        parties=[w.tree.commune, w.tree.sibling],
    )


def add_criterion(w: Any) -> Call:
    agreement = _agreement(w, signed=False)
    return lambda actor: actions.do_add_criterion(agreement, acting_user=actor, content="Mới", max_score=10)


def sign_agreement(w: Any) -> Call:
    agreement = _agreement(w, signed=False)
    return lambda actor: actions.do_sign_agreement(
        agreement, acting_user=actor, signed_on=timezone.localdate()
    )


def self_score(w: Any) -> Call:
    criterion = _agreement(w).criteria.get()
    return lambda actor: actions.do_self_score(
        criterion, acting_user=actor, unit=w.tree.commune, score=40, evidence=_pdf()
    )


def add_score_evidence(w: Any) -> Call:
    criterion = _agreement(w).criteria.get()
    entry = actions.do_self_score(criterion, acting_user=SYSTEM, unit=w.tree.commune, score=40)
    return lambda actor: actions.do_add_score_evidence(entry, acting_user=actor, upload=_pdf())


def assess(w: Any) -> Call:
    criterion = _agreement(w).criteria.get()
    return lambda actor: actions.do_assess(
        criterion, acting_user=actor, unit=w.tree.sibling, by_unit=w.tree.commune, score=30
    )


def close_agreement(w: Any) -> Call:
    agreement = _agreement(w)
    return lambda actor: actions.do_close_agreement(agreement, acting_user=actor)


def hand_over_leadership(w: Any) -> Call:
    cluster, next_cluster = _cluster(w), _cluster(w, year=YEAR + 1)
    return lambda actor: actions.do_hand_over_leadership(
        cluster,
        acting_user=actor,
        next_cluster=next_cluster,
        leader=w.tree.sibling,
        handed_on=dt.date(YEAR, 12, 11),
    )


def open_peer_vote(w: Any) -> Call:
    cluster = _cluster(w)
    return lambda actor: actions.do_open_peer_vote(
        cluster,
        acting_user=actor,
        award_kind=AwardKind.objects.get(code="bang-khen"),
        places=1,
        candidates=[w.tree.sibling],
        closes_at=timezone.now() + dt.timedelta(hours=1),
        awarding_body="Ủy ban MTTQ Việt Nam huyện Một",
    )


def cast_ballot(w: Any) -> Call:
    vote = _vote(w)
    return lambda actor: actions.do_cast_ballot(
        vote, acting_user=actor, unit=w.tree.commune, choices=[w.tree.sibling]
    )


def close_peer_vote(w: Any) -> Call:
    vote = _vote(w)
    return lambda actor: actions.do_close_peer_vote(vote, acting_user=actor)


def tally_peer_vote(w: Any) -> Call:
    vote = actions.do_close_peer_vote(_vote(w), acting_user=SYSTEM)
    return lambda actor: actions.do_tally_peer_vote(vote, acting_user=actor)


def open_runoff(w: Any) -> Call:
    vote = _tied(w)
    closes_at = timezone.now() + dt.timedelta(hours=1)
    return lambda actor: actions.do_open_runoff(vote, acting_user=actor, closes_at=closes_at)


def create_award_kind(w: Any) -> Call:
    return lambda actor: actions.do_create_award_kind(
        acting_user=actor, code="ky-niem-chuong", name="Kỷ niệm chương"
    )


def propose_award(w: Any) -> Call:
    return lambda actor: actions.do_propose_award(
        acting_user=actor,
        proposed_by=w.tree.commune,
        year=YEAR,
        award_kind=AwardKind.objects.get(code="giay-khen"),
        awarding_body="Ủy ban MTTQ Việt Nam huyện Một",
        unit=w.tree.village,
    )


def record_award_decision(w: Any) -> Call:
    proposal = actions.do_propose_award(
        acting_user=SYSTEM,
        proposed_by=w.tree.commune,
        year=YEAR,
        award_kind=AwardKind.objects.get(code="giay-khen"),
        awarding_body="Ủy ban MTTQ Việt Nam huyện Một",
        awarding_unit=w.tree.district,
        unit=w.tree.village,
        proposed_on=dt.date(YEAR, 1, 5),
    )
    return lambda actor: actions.do_record_award_decision(
        proposal,
        acting_user=actor,
        awarded=True,
        decision_date=dt.date(YEAR, 1, 20),
        decision_body="Ủy ban MTTQ Việt Nam huyện Một",
        decision_number="12/QĐ-MTTQ",
    )


CASES = {
    f"do_{case.__name__}": case
    for case in (
        create_campaign,
        update_campaign,
        join_campaign,
        attach_campaign_to_meeting,
        record_campaign_figure,
        create_program,
        add_participant,
        add_content,
        update_content,
        add_task,
        copy_program_forward,
        sign_program,
        record_progress,
        review_program,
        create_agreement,
        add_criterion,
        sign_agreement,
        self_score,
        add_score_evidence,
        assess,
        close_agreement,
        hand_over_leadership,
        open_peer_vote,
        cast_ballot,
        close_peer_vote,
        tally_peer_vote,
        open_runoff,
        create_award_kind,
        propose_award,
        record_award_decision,
    )
}
