"""Recording a meeting: numbering within the term, attendance and quorum, guests with dated titles,
attachments."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mattran.core.errors import ActionError
from mattran.core.models import AuditEntry
from mattran.meetings import actions, queries
from mattran.meetings.models import Attachment, AttendanceStatus, GuestRole, Meeting, MeetingKind
from mattran.people.actions import do_add_person_post
from tests.conftest import SYSTEM
from tests.meetings.helpers import all_present, at, meeting
from tests.people.factories import committee, person

pytestmark = pytest.mark.django_db


def test_it_records_a_numbered_committee_meeting_with_its_heading(tree, people):
    t, _ = committee(tree.commune, 3)
    m = meeting(tree.commune, t, number=7, actor=people.ward_editor)
    assert m.heading == "Hội nghị lần thứ 7 Ủy ban MTTQ Việt Nam xã An khóa I"
    assert m.date == dt.date(2021, 1, 7)
    assert AuditEntry.objects.filter(action="meetings.create_meeting", object_id=str(m.pk)).exists()


def test_it_refuses_a_second_meeting_with_the_same_number_in_the_term(tree, people):
    t, _ = committee(tree.commune, 3)
    meeting(tree.commune, t, number=7)
    with pytest.raises(ActionError) as exc:
        meeting(tree.commune, t, day=dt.date(2021, 2, 1), number=7, actor=people.ward_editor)
    assert exc.value.field == "number" and exc.value.status == 409
    assert Meeting.objects.count() == 1


def test_it_refuses_a_meeting_date_outside_the_term(tree, people):
    t, _ = committee(tree.commune, 3)
    with pytest.raises(ActionError) as exc:
        meeting(tree.commune, t, day=dt.date(2026, 1, 7), actor=people.ward_editor)
    assert exc.value.code == "outside_term"
    assert not Meeting.objects.exists()


def test_it_computes_attendance_and_quorum(tree, people):
    t, members = committee(tree.commune, 9)
    m = meeting(tree.commune, t)
    counts = all_present(m, members[:4], absent=members[2:4], actor=people.ward_editor)
    assert counts == {"total": 9, "present": 2, "excused": 2, "unexcused": 0, "unmarked": 5}
    assert not queries.has_quorum(counts)
    counts = all_present(m, members, absent=members[:2], actor=people.ward_editor)
    assert counts["present"] == 7 and queries.has_quorum(counts)
    assert m.attendance.filter(status=AttendanceStatus.EXCUSED).count() == 2


def test_it_refuses_attendance_of_someone_not_on_the_committee(tree, people):
    t, members = committee(tree.commune, 3)
    _, others = committee(tree.sibling, 2)
    m = meeting(tree.commune, t)
    with pytest.raises(ActionError):
        actions.do_record_attendance(
            m, acting_user=people.ward_editor, statuses={others[0].pk: AttendanceStatus.PRESENT}
        )
    assert not m.attendance.exists()


def test_it_records_a_guest_with_the_title_held_on_the_meeting_date(tree, people):
    t, _ = committee(tree.commune, 3)
    m = meeting(tree.commune, t)
    guest = person(tree.province, "Nguyễn Thị Minh Phương")
    do_add_person_post(
        guest,
        acting_user=SYSTEM,
        title="Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam thành phố",
        start=dt.date(2019, 1, 1),
        end=dt.date(2024, 1, 1),
    )
    do_add_person_post(
        guest, acting_user=SYSTEM, title="Chủ tịch Ủy ban MTTQ Việt Nam thành phố", start=dt.date(2024, 1, 1)
    )
    g = actions.do_add_guest(m, acting_user=people.ward_editor, person=guest, role=GuestRole.ATTEND)
    assert g.title == "Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam thành phố"
    with pytest.raises(ActionError):
        actions.do_add_guest(m, acting_user=people.ward_editor, person=guest)
    assert m.guests.count() == 1


def test_it_stores_a_checked_attachment_under_media_root(tree, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    t, _ = committee(tree.commune, 3)
    m = meeting(tree.commune, t)
    pdf = SimpleUploadedFile(
        "Báo cáo tổng kết.pdf", b"%PDF-1.4\n" + b"x" * 100, content_type="application/pdf"
    )
    a = actions.do_add_attachment(m, acting_user=people.ward_editor, upload=pdf, description="Báo cáo")
    assert a.original_name == "Báo cáo tổng kết.pdf" and a.size == 109
    assert (tmp_path / a.file.name).exists() and a.file.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.exe", b"MZ" + b"0" * 50, "file_type"),
        ("fake.pdf", b"<html>not a pdf</html>", "file_type"),
        ("huge.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024), "file_size"),
    ],
)
def test_it_refuses_bad_attachments_and_stores_nothing(tree, people, settings, tmp_path, name, content, code):
    settings.MEDIA_ROOT = tmp_path
    t, _ = committee(tree.commune, 3)
    m = meeting(tree.commune, t)
    with pytest.raises(ActionError) as exc:
        actions.do_add_attachment(m, acting_user=people.ward_editor, upload=SimpleUploadedFile(name, content))
    assert exc.value.code == code
    assert not Attachment.objects.exists() and not list(tmp_path.rglob("*.*"))


def test_it_lets_a_cluster_organise_a_conference_hosted_by_a_member(tree, people):
    from mattran.org.actions import do_create_cluster

    cluster = do_create_cluster(
        acting_user=SYSTEM,
        name="Cụm thi đua thử",
        year=2023,
        organiser=tree.central,
        members=[tree.province, tree.other_province],
        leader=tree.province,
    )
    m = actions.do_create_meeting(
        acting_user=people.province_admin,
        unit=tree.province,
        cluster=cluster,
        kind=MeetingKind.CLUSTER,
        title="Hội nghị tổng kết hoạt động Cụm thi đua năm 2023",
        starts_at=at(dt.date(2023, 12, 11)),
    )
    assert set(m.participants.all()) == {tree.province, tree.other_province}
    assert m.host_name == "Cụm thi đua thử"
    with pytest.raises(ActionError):
        actions.do_create_meeting(
            acting_user=people.ward_editor,
            unit=tree.commune,
            cluster=cluster,
            kind=MeetingKind.CLUSTER,
            title="Hội nghị khác",
            starts_at=at(dt.date(2023, 12, 12)),
        )
