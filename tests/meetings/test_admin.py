"""People and meetings in the Django admin: every model listed, searchable and open for a superuser; the
meetings read-only there."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mattran.core.models import AuditEntry
from mattran.meetings import actions
from mattran.meetings.models import ChangeAction, Meeting
from mattran.people import actions as people_actions
from mattran.people.models import EndReason, Membership, Person, PersonPost, Term
from tests.conftest import SYSTEM
from tests.meetings.helpers import all_present, consultation, meeting
from tests.people.factories import committee

pytestmark = pytest.mark.django_db

MODELS = [Person, PersonPost, Term, Membership] + [
    m for m in admin.site._registry if m._meta.app_label == "meetings"
]


@pytest.fixture
def record(tree, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    t, members = committee(tree.commune, 5)
    people_actions.do_add_person_post(
        members[0].person, acting_user=SYSTEM, title="Bí thư Chi bộ thôn", start=dt.date(2019, 1, 1)
    )
    m = meeting(tree.commune, t, day=dt.date(2021, 1, 7), number=7, chair_name="Nguyễn Văn An")
    all_present(m, members)
    actions.do_add_guest(m, acting_user=SYSTEM, person_name="Lê Thị Hoa", title="Bí thư Đảng ủy xã")
    item = consultation(m)
    actions.do_add_opinion(m, acting_user=SYSTEM, gist="Nhất trí với báo cáo", speaker_name="Trần Thị Bình")
    actions.do_add_conclusion(m, acting_user=SYSTEM, text="Hội nghị thống nhất các nội dung")
    actions.do_add_decision(m, acting_user=SYSTEM, text="Cho thôi 1 ủy viên", number="01/NQ")
    actions.do_add_attachment(
        m,
        acting_user=SYSTEM,
        upload=SimpleUploadedFile("bb.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    )
    actions.do_propose_consultation_change(
        item,
        acting_user=SYSTEM,
        action=ChangeAction.RELIEVE,
        membership=members[4],
        end_reason=EndReason.RELIEVED,
    )
    actions.do_open_vote(m, acting_user=SYSTEM, subject="Thông qua báo cáo")
    actions.do_generate_news_item(m, acting_user=SYSTEM)
    return m


def test_it_registers_every_people_and_meetings_model():
    assert set(MODELS) >= {Person, PersonPost, Term, Membership, Meeting}
    assert len([m for m in MODELS if m._meta.app_label == "meetings"]) == 11
    for model in MODELS:
        assert admin.site.is_registered(model)


def test_it_lists_searches_and_opens_every_model_for_a_superuser(client, people, record):
    client.force_login(people.superuser)
    for model in MODELS:
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        response = client.get(changelist)
        assert response.status_code == 200, opts.model_name
        assert client.get(changelist, {"q": "Nguyễn"}).status_code == 200, opts.model_name
        obj = model.objects.order_by("pk").first()
        assert obj is not None, opts.model_name
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert client.get(change).status_code == 200, opts.model_name


def test_it_keeps_the_admin_from_cadres(client, people, record):
    client.force_login(people.ward_editor)
    response = client.get(reverse("admin:meetings_meeting_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_it_lets_no_superuser_change_or_delete_a_meeting_in_the_admin(client, people, record):
    """The admin shows the record read-only: a change goes through the pages' actions, which audit."""
    client.force_login(people.superuser)
    before = (Meeting.objects.values().get(pk=record.pk), AuditEntry.objects.count())
    change = reverse("admin:meetings_meeting_change", args=[record.pk])
    page = client.get(change).content.decode()
    assert record.title in page and 'name="title"' not in page  # shown, not editable
    assert client.post(change, {"title": "Sửa ngoài nhật ký", "kind": "so_ket"}).status_code == 403
    delete = reverse("admin:meetings_meeting_delete", args=[record.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:meetings_meeting_add")).status_code == 403
    assert (Meeting.objects.values().get(pk=record.pk), AuditEntry.objects.count()) == before
