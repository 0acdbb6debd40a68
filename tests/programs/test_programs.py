"""Coordination programs: parties, contents and tasks, signing, progress, reviews, copy forward, documents."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from mattran.core.errors import ActionError
from mattran.org import actions as org_actions
from mattran.org.models import MemberOrgKind
from mattran.programs import actions, documents, queries
from mattran.programs.models import (
    Campaign,
    ParticipantKind,
    Program,
    ProgramStatus,
    ProgressEntry,
    ProgressStatus,
    ReviewPeriod,
)
from tests.conftest import SYSTEM

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(tree, people):
    unit = tree.commune
    women = org_actions.do_create_member_org(
        acting_user=SYSTEM,
        unit=unit,
        kind=MemberOrgKind.WOMEN,
        name="Hội Liên hiệp Phụ nữ xã An",
        short_name="Hội LHPN",
    )
    p = actions.do_create_program(
        acting_user=people.ward_editor, unit=unit, year=2024, title="Chương trình phối hợp năm 2024"
    )
    wu = actions.do_add_participant(p, acting_user=people.ward_editor, member_org=women)
    police = actions.do_add_participant(p, acting_user=people.ward_editor, name="Công an xã An")
    c1 = actions.do_add_content(p, acting_user=people.ward_editor, title="Tuyên truyền, vận động")
    c2 = actions.do_add_content(p, acting_user=people.ward_editor, title="An ninh trật tự")
    actions.do_add_task(
        c1,
        acting_user=SYSTEM,
        title="Hội nghị tuyên truyền",
        responsible=wu,
        target_value=4,
        indicator_code="tuyen_truyen",
        due_on=dt.date(2024, 6, 30),
    )
    actions.do_add_task(
        c1,
        acting_user=SYSTEM,
        title="Vì người nghèo",
        responsible=p.participants.get(kind=ParticipantKind.FRONT),
        campaign=Campaign.objects.get(code="vi-nguoi-ngheo"),
        due_on=dt.date(2024, 2, 29),
    )
    actions.do_add_task(c2, acting_user=SYSTEM, title="Tổ tự quản", responsible=police)
    return p


def _sign(p, day=dt.date(2024, 1, 10)):
    signatories = {
        party: {"title": f"Đại diện {party.name}", "authority": "TM."} for party in p.participants.all()
    }
    return actions.do_sign_program(p, acting_user=SYSTEM, signed_on=day, signatories=signatories)


def test_it_numbers_contents_and_links_parties(program):
    assert [c.number for c in program.contents.all()] == [1, 2]
    kinds = [p.kind for p in program.participants.all()]
    assert kinds == [ParticipantKind.FRONT, ParticipantKind.MEMBER_ORG, ParticipantKind.OTHER]
    task = program.contents.get(number=1).tasks.first()
    assert (task.indicator_code, task.target_value, task.responsible.label) == ("tuyen_truyen", 4, "Hội LHPN")


def test_it_refuses_a_member_org_of_another_unit_and_a_duplicate_party(program, tree):
    other = org_actions.do_create_member_org(
        acting_user=SYSTEM, unit=tree.sibling, kind=MemberOrgKind.YOUTH, name="Đoàn xã Bình"
    )
    with pytest.raises(ActionError):
        actions.do_add_participant(program, acting_user=SYSTEM, member_org=other)
    with pytest.raises(ActionError) as exc:
        actions.do_add_participant(program, acting_user=SYSTEM, name="Công an xã An")
    assert exc.value.code == "duplicate" and program.participants.count() == 3


def test_it_needs_every_partys_signatory_to_sign(program):
    front = program.participants.get(kind=ParticipantKind.FRONT)
    with pytest.raises(ActionError) as exc:
        actions.do_sign_program(
            program,
            acting_user=SYSTEM,
            signed_on=dt.date(2024, 1, 10),
            signatories={front: {"title": "Chủ tịch"}},
        )
    assert "Công an xã An" in exc.value.message
    program.refresh_from_db()
    assert program.status == ProgramStatus.DRAFT
    _sign(program)
    program.refresh_from_db()
    assert (
        program.status == ProgramStatus.SIGNED
        and program.participants.filter(signatory__isnull=False).count() == 3
    )
    with pytest.raises(ActionError) as exc:
        actions.do_add_content(program, acting_user=SYSTEM, title="Muộn")
    assert exc.value.code == "not_draft"


def test_it_records_progress_and_shows_it_by_content_and_party(program, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ActionError) as exc:
        actions.do_record_progress(
            program.contents.first().tasks.first(),
            acting_user=SYSTEM,
            period=ReviewPeriod.MID_YEAR,
            status=ProgressStatus.DONE,
        )
    assert exc.value.code == "not_signed"
    _sign(program)
    t1, t2 = program.contents.get(number=1).tasks.all()
    actions.do_record_progress(
        t1,
        acting_user=SYSTEM,
        period=ReviewPeriod.MID_YEAR,
        status=ProgressStatus.IN_PROGRESS,
        achieved_value=2,
    )
    photo = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png")
    actions.do_record_progress(
        t1,
        acting_user=SYSTEM,
        period=ReviewPeriod.YEAR_END,
        status=ProgressStatus.EXCEEDED,
        achieved_value=5,
        evidence=photo,
    )
    actions.do_record_progress(
        t2, acting_user=SYSTEM, period=ReviewPeriod.MID_YEAR, status=ProgressStatus.NOT_STARTED
    )
    actions.do_record_progress(
        t2, acting_user=SYSTEM, period=ReviewPeriod.MID_YEAR, status=ProgressStatus.DONE
    )
    assert (
        ProgressEntry.objects.count() == 3
        and ProgressEntry.objects.get(task=t1, period=ReviewPeriod.YEAR_END).evidence_name == "anh.png"
    )
    by_content, by_party = queries.program_progress(queries.program_with_tree(program.pk))
    assert [(r.tasks, r.reported, r.done) for r in by_content] == [(2, 2, 2), (1, 0, 0)]
    assert {r.label: (r.tasks, r.done) for r in by_party} == {
        "MTTQ": (1, 1),
        "Hội LHPN": (1, 1),
        "Công an xã An": (1, 0),
    }
    mid, _ = queries.program_progress(queries.program_with_tree(program.pk), ReviewPeriod.MID_YEAR)
    assert mid[0].done == 1 and mid[0].by_status == {ProgressStatus.IN_PROGRESS: 1, ProgressStatus.DONE: 1}


def test_it_closes_progress_with_the_year_end_review(program):
    _sign(program)
    actions.do_review_program(
        program,
        acting_user=SYSTEM,
        period=ReviewPeriod.YEAR_END,
        held_on=dt.date(2024, 12, 20),
        summary="Hoàn thành",
    )
    program.refresh_from_db()
    assert program.status == ProgramStatus.REVIEWED
    with pytest.raises(ActionError) as exc:
        actions.do_record_progress(
            program.contents.first().tasks.first(),
            acting_user=SYSTEM,
            period=ReviewPeriod.YEAR_END,
            status=ProgressStatus.DONE,
        )
    assert exc.value.code == "reviewed"
    with pytest.raises(ActionError):
        actions.do_review_program(
            program, acting_user=SYSTEM, period=ReviewPeriod.YEAR_END, held_on=dt.date(2024, 12, 21)
        )


def test_it_copies_a_program_forward_into_next_years_draft(program, tree):
    _sign(program)
    women = program.participants.get(kind=ParticipantKind.MEMBER_ORG).member_org
    org_actions.do_close_member_org(women, acting_user=SYSTEM, date=dt.date(2024, 10, 1))
    new = actions.do_copy_program_forward(program, acting_user=SYSTEM)
    assert (new.year, new.title, new.status, new.previous) == (
        2025,
        "Chương trình phối hợp năm 2025",
        ProgramStatus.DRAFT,
        program,
    )
    assert [p.name for p in new.participants.all()] == [
        "Ban Thường trực Ủy ban MTTQ Việt Nam xã An",
        "Công an xã An",
    ]
    tasks = {t.title: t for c in new.contents.all() for t in c.tasks.all()}
    # The closed member organisation's task falls back to the Front; 29/02 moves to 28/02.
    assert tasks["Hội nghị tuyên truyền"].responsible.kind == ParticipantKind.FRONT
    assert tasks["Hội nghị tuyên truyền"].due_on == dt.date(2025, 6, 30)
    assert tasks["Vì người nghèo"].due_on == dt.date(2025, 2, 28)
    assert not ProgressEntry.objects.filter(task__content__program=new).exists()
    with pytest.raises(ActionError):
        actions.do_copy_program_forward(program, acting_user=SYSTEM)
    assert Program.objects.filter(unit=tree.commune).count() == 2


def test_it_writes_the_signed_program_with_every_partys_signature(program):
    _sign(program)
    data = documents.program_document(queries.program_with_tree(program.pk)).to_bytes()
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    cells = "\n".join(c.text for t in Document(io.BytesIO(data)).tables for row in t.rows for c in row.cells)
    assert "CHƯƠNG TRÌNH PHỐI HỢP" in text and "1. Tuyên truyền, vận động" in text
    for party in program.participants.all():
        assert f"ĐẠI DIỆN {party.name.upper()}" in cells
    assert "Hội nghị tuyên truyền" in cells
