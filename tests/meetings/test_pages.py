"""Meeting pages: permissions, the quick forms, hiệp thương through the pages, minutes, news, query counts."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document

from mattran.meetings import actions
from mattran.meetings.models import AgendaKind, ChangeAction, Meeting, NewsItem, NewsStatus, Vote
from mattran.people import queries
from mattran.people.models import Membership, Position
from tests.conftest import SYSTEM
from tests.core.pdftext import pdf_text
from tests.meetings.helpers import all_present, meeting
from tests.people.factories import committee

pytestmark = pytest.mark.django_db
DAY = dt.date(2021, 1, 7)


@pytest.fixture
def held(tree):
    t, members = committee(tree.commune, 9)
    m = meeting(tree.commune, t, day=DAY, number=7)
    all_present(m, members)
    return t, members, m


def test_it_records_a_meeting_from_the_quick_form(client, tree, people):
    t, _ = committee(tree.commune, 3)
    client.force_login(people.ward_editor)
    response = client.post(
        f"/hoi-nghi/don-vi/{tree.commune.pk}/ghi/",
        {
            "kind": "hoi_nghi_uy_ban",
            "term": t.pk,
            "number": 2,
            "title": "Sơ kết 6 tháng đầu năm 2021",
            "date": "2021-07-15",
            "time": "14:00",
            "venue": "Hội trường UBND xã",
            "period_label": "6 tháng đầu năm 2021",
            "chair_name": "Nguyễn Văn An",
            "chair_title": "Chủ tịch Ủy ban MTTQ Việt Nam xã",
        },
    )
    m = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/hoi-nghi/{m.pk}/"
    assert (m.number, m.term, m.chair.full_name, m.created_by) == (2, t, "Nguyễn Văn An", people.ward_editor)
    assert m.chair.memberships.exists()  # the existing member was reused, not duplicated
    page = client.get(f"/hoi-nghi/{m.pk}/").content.decode()
    assert "Hội nghị lần thứ 2 Ủy ban MTTQ Việt Nam xã An khóa I" in page and "14:00" in page


def test_it_shows_the_error_beside_the_field_and_records_nothing(client, tree, people):
    t, _ = committee(tree.commune, 3)
    client.force_login(people.ward_editor)
    response = client.post(
        f"/hoi-nghi/don-vi/{tree.commune.pk}/ghi/",
        {
            "kind": "hoi_nghi_uy_ban",
            "term": t.pk,
            "number": 2,
            "title": "Hội nghị",
            "date": "2026-01-01",
            "time": "08:00",
        },
    )
    assert response.status_code == 200
    assert "nằm ngoài khóa I" in response.content.decode()
    assert not Meeting.objects.exists()


def test_it_forbids_others_from_recording_or_reading(client, tree, people, held):
    _, _, m = held
    client.force_login(people.outsider)
    assert client.get(f"/hoi-nghi/{m.pk}/").status_code == 403
    assert client.get(f"/hoi-nghi/don-vi/{tree.commune.pk}/ghi/").status_code == 403
    client.force_login(people.ward_leader)
    assert client.get(f"/hoi-nghi/{m.pk}/").status_code == 200
    assert (
        client.post(
            f"/hoi-nghi/{m.pk}/them/dai-bieu/", {"person_name": "Lê Văn Tám", "role": "du"}
        ).status_code
        == 403
    )
    client.force_login(people.district_leader)
    assert client.get(f"/hoi-nghi/{m.pk}/").status_code == 200
    assert not m.guests.exists()


def test_it_runs_a_hiep_thuong_through_the_pages(client, tree, people, held):
    t, members, m = held
    client.force_login(people.ward_editor)
    client.post(f"/hoi-nghi/{m.pk}/them/noi-dung/", {"title": "Hiệp thương kiện toàn", "kind": "hiep_thuong"})
    item = m.agenda.get(kind=AgendaKind.CONSULTATION)
    client.post(
        f"/hoi-nghi/noi-dung/{item.pk}/de-xuat/",
        {"action": ChangeAction.RELIEVE, "membership": members[8].pk, "end_reason": "chuyen_cong_tac"},
    )
    client.post(
        f"/hoi-nghi/noi-dung/{item.pk}/de-xuat/",
        {"action": ChangeAction.ADD, "person_name": "Trịnh Văn Sơn", "position": Position.STANDING_MEMBER},
    )
    assert item.changes.count() == 2
    client.post(
        f"/hoi-nghi/{m.pk}/them/bieu-quyet/",
        {"subject": "Kiện toàn", "rule": "qua_nua", "agenda_item": item.pk},
    )
    vote = Vote.objects.get()
    too_many = client.post(
        f"/hoi-nghi/bieu-quyet/{vote.pk}/ghi/",
        {"votes_for": 9, "votes_against": 1, "abstentions": 0},
        follow=True,
    )
    assert "nhiều hơn số đại biểu có mặt (9)" in too_many.content.decode()
    assert not Membership.objects.filter(started_by_meeting=m).exists()
    client.post(
        f"/hoi-nghi/bieu-quyet/{vote.pk}/ghi/", {"votes_for": 9, "votes_against": 0, "abstentions": 0}
    )
    names = [x.person.full_name for x in queries.committee_on(tree.commune, DAY)]
    assert "Trịnh Văn Sơn" in names and members[8].person.full_name not in names
    page = client.get(f"/nhan-su/don-vi/{tree.commune.pk}/?ngay=2021-01-07").content.decode()
    assert "Trịnh Văn Sơn" in page and "Hội nghị lần thứ 7" in page


def test_it_downloads_the_minutes_as_docx(client, tree, people, held):
    _, members, m = held
    actions.do_add_opinion(m, acting_user=SYSTEM, speaker=members[1].person, gist="Nhất trí với báo cáo")
    client.force_login(people.ward_leader)
    response = client.get(f"/hoi-nghi/{m.pk}/bien-ban.docx")
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    header = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "BIÊN BẢN" in text and "Hội nghị lần thứ 7 Ủy ban MTTQ Việt Nam xã An khóa I" in text
    assert "9/9 đồng chí có mặt" in text and "Nhất trí với báo cáo" in text
    assert "ỦY BAN MTTQ VIỆT NAM" in header and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header


def test_it_downloads_the_same_minutes_as_pdf(client, tree, people, held):
    _, _, m = held
    actions.do_add_opinion(
        m, acting_user=SYSTEM, speaker_name="Lê Văn Bình", gist="Đề nghị tăng cường giám sát"
    )
    client.force_login(people.ward_leader)
    assert f"/hoi-nghi/{m.pk}/bien-ban.pdf" in client.get(f"/hoi-nghi/{m.pk}/").content.decode()
    response = client.get(f"/hoi-nghi/{m.pk}/bien-ban.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in ("BIÊN BẢN", "Hội nghị lần thứ 7 Ủy ban MTTQ Việt Nam xã An khóa I", "9/9 đồng chí có mặt",
                     "Đề nghị tăng cường giám sát", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CHỦ TRÌ"):  # fmt: skip
        assert expected in text, expected


def test_it_drafts_edits_and_publishes_a_news_item_on_the_public_page(client, tree, people, held):
    _, _, m = held
    client.force_login(people.ward_editor)
    response = client.post(f"/hoi-nghi/{m.pk}/soan-tin/")
    item = NewsItem.objects.get()
    assert response["Location"] == f"/hoi-nghi/tin-bai/{item.pk}/" and item.status == NewsStatus.DRAFT
    client.logout()
    assert client.get(f"/hoi-nghi/tin/bai/{item.pk}/").status_code == 404
    client.force_login(people.ward_editor)
    client.post(
        f"/hoi-nghi/tin-bai/{item.pk}/dang/",
        {
            "title": "Xã An tổng kết năm 2020",
            "lead": item.lead,
            "body": "Đoạn một.\r\n\r\nĐoạn hai.",
            "author": "Tổ biên tập",
        },
    )
    item.refresh_from_db()
    assert item.status == NewsStatus.PUBLISHED and item.body == "Đoạn một.\n\nĐoạn hai."
    client.logout()
    listing = client.get(f"/hoi-nghi/tin/{tree.commune.pk}/").content.decode()
    assert "Xã An tổng kết năm 2020" in listing
    page = client.get(f"/hoi-nghi/tin/bai/{item.pk}/").content.decode()
    assert "<p>Đoạn hai.</p>" in page and "Tổ biên tập" in page


def test_it_refuses_to_publish_a_news_item_without_a_title_and_keeps_the_draft(client, tree, people, held):
    _, _, m = held
    item = actions.do_generate_news_item(m, acting_user=SYSTEM)
    client.force_login(people.ward_editor)
    editor = client.get(f"/hoi-nghi/tin-bai/{item.pk}/").content.decode()
    for url in (f"/hoi-nghi/tin-bai/{item.pk}/dang/", f"/hoi-nghi/tin-bai/{item.pk}/soan-lai/"):
        assert f'formaction="{url}"' in editor  # one URL per command, chosen by the button
    response = client.post(
        f"/hoi-nghi/tin-bai/{item.pk}/dang/", {"title": " ", "lead": item.lead, "body": "Sửa tay."}
    )
    assert response.status_code == 200 and response.context["form"].errors["title"]
    item.refresh_from_db()
    assert item.status == NewsStatus.DRAFT and item.published_at is None and item.body != "Sửa tay."
    client.force_login(people.ward_leader)
    assert (
        client.post(
            f"/hoi-nghi/tin-bai/{item.pk}/dang/", {"title": "x", "lead": "x", "body": "x"}
        ).status_code
        == 403
    )
    item.refresh_from_db()
    assert item.status == NewsStatus.DRAFT


def test_it_keeps_the_calendar_and_committee_pages_flat_in_queries(client, tree, people):
    t, members = committee(tree.commune, 4)

    def counts():
        client.force_login(people.ward_editor)
        with CaptureQueriesContext(connection) as cal:
            assert client.get(f"/hoi-nghi/don-vi/{tree.commune.pk}/?cay=1").status_code == 200
        with CaptureQueriesContext(connection) as com:
            assert client.get(f"/nhan-su/don-vi/{tree.commune.pk}/?ngay=2021-06-01").status_code == 200
        return len(cal), len(com)

    meeting(tree.commune, t, day=dt.date(2021, 1, 7), number=1)
    small = counts()
    for i in range(2, 8):
        meeting(tree.commune, t, day=dt.date(2021, i, 7), number=i)
    for name in ("Trịnh Văn Sơn", "Mai Thị Tuyết", "Lý Văn Bình"):
        from mattran.people.actions import do_add_member_by_name

        do_add_member_by_name(
            acting_user=SYSTEM, term=t, full_name=name, position=Position.MEMBER, start=dt.date(2021, 1, 1)
        )
    assert counts() == small


def test_it_adds_a_member_by_name_and_refuses_a_duplicate_beside_the_field(client, tree, people):
    t, members = committee(tree.commune, 2)
    client.force_login(people.ward_editor)
    data = {"term": t.pk, "full_name": "Trịnh Văn Sơn", "position": Position.MEMBER, "start": "2021-01-01"}
    assert client.post(f"/nhan-su/don-vi/{tree.commune.pk}/uy-vien/them/", data).status_code == 302
    again = client.post(f"/nhan-su/don-vi/{tree.commune.pk}/uy-vien/them/", data)
    assert "đã là Ủy viên Ủy ban khóa I" in again.content.decode()
    assert Membership.objects.filter(person__full_name="Trịnh Văn Sơn").count() == 1


def test_it_hides_private_contact_from_readers_outside_the_unit_staff(client, tree, people):
    from mattran.people.actions import do_create_person

    p = do_create_person(
        acting_user=SYSTEM, unit=tree.commune, full_name="Lê Văn Tám", contact="0912 000 111"
    )
    client.force_login(people.ward_editor)
    assert "0912 000 111" in client.get(f"/nhan-su/nguoi/{p.pk}/").content.decode()
    client.force_login(people.district_leader)
    page = client.get(f"/nhan-su/nguoi/{p.pk}/").content.decode()
    assert "Lê Văn Tám" in page and "0912 000 111" not in page


def test_it_redrafts_a_news_item_with_what_other_apps_add(client, tree, people, held, monkeypatch):
    from mattran.meetings import news

    _, _, m = held
    item = actions.do_generate_news_item(m, acting_user=SYSTEM)
    actions.do_update_news_item(
        item, acting_user=SYSTEM, title="Tiêu đề sửa tay", lead=item.lead, body="Sửa tay."
    )
    monkeypatch.setattr(
        news,
        "_SECTIONS",
        [lambda meeting, names: [f"Các đơn vị ký kết giao ước thi đua ngày {meeting.date:%d/%m/%Y}."]],
    )
    client.force_login(people.ward_editor)
    client.post(f"/hoi-nghi/tin-bai/{item.pk}/soan-lai/", {"title": "x", "lead": "x", "body": "x"})
    item.refresh_from_db()
    assert item.title.startswith("Ủy ban MTTQ Việt Nam xã An:")
    assert "Các đơn vị ký kết giao ước thi đua ngày 07/01/2021." in item.body
