"""Notifications: the in-app notice, the bell's count, mark-read, and e-mail through a real SMTP server."""

from __future__ import annotations

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from mattran.core import actions
from mattran.core.errors import PermissionDenied
from mattran.core.models import Notification
from mattran.core.notifications import ASSIGNED, notify, unread_count


class Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list = []

    def handle_message(self, message) -> None:
        self.messages.append(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.MAIL_CONFIGURED = True
    yield inbox
    controller.stop()


@pytest.mark.django_db
def test_it_mails_each_recipient_once_after_the_commit(smtp, people, django_capture_on_commit_callbacks):
    editor, admin = people.ward_editor, people.ward_admin
    editor.email, admin.email = "canbo@example.vn", "quantri@example.vn"
    editor.save(), admin.save()
    with django_capture_on_commit_callbacks(execute=True):
        notices = notify(
            [editor, admin, editor], ASSIGNED, "Bạn được giao xử lý vụ việc KN-1", "/tieng-noi/1/"
        )
    assert len(notices) == 2
    assert sorted(m["To"] for m in smtp.messages) == ["canbo@example.vn", "quantri@example.vn"]
    assert "KN-1" in smtp.messages[0]["Subject"] or "KN-1" in str(smtp.messages[0].get_payload())
    assert Notification.objects.filter(emailed=True).count() == 2


@pytest.mark.django_db
def test_it_sends_nothing_when_the_action_rolls_back(smtp, people, django_capture_on_commit_callbacks):
    from django.db import transaction

    people.ward_editor.email = "canbo@example.vn"
    people.ward_editor.save()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify([people.ward_editor], ASSIGNED, "Sẽ bị huỷ", "/")
                raise RuntimeError("the action failed")
        except RuntimeError:
            pass
    assert smtp.messages == []
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_the_bell_counts_and_mark_read_clears(client, people) -> None:
    notify([people.ward_editor], ASSIGNED, "Vụ việc mới cần phân loại", "/thong-bao/")
    notify([people.ward_editor], ASSIGNED, "Vụ việc thứ hai", "/thong-bao/")
    assert unread_count(people.ward_editor) == 2
    client.force_login(people.ward_editor)
    page = client.get("/thong-bao/").content.decode()
    assert 'class="count">2<' in page and "Vụ việc thứ hai" in page
    first = Notification.objects.filter(title="Vụ việc mới cần phân loại").get()
    assert client.post("/thong-bao/da-doc/", {"id": first.pk}).status_code == 302
    assert unread_count(people.ward_editor) == 1
    client.post("/thong-bao/da-doc/", {"all": "1"})
    assert unread_count(people.ward_editor) == 0
    assert 'class="count"' not in client.get("/thong-bao/").content.decode()


@pytest.mark.django_db
def test_nobody_marks_anothers_notice(client, people) -> None:
    (notice,) = notify([people.ward_editor], ASSIGNED, "Của cán bộ xã", "/")
    with pytest.raises(PermissionDenied):
        actions.do_mark_notifications_read([notice], acting_user=people.ward_admin)
    client.force_login(people.ward_admin)
    assert client.post("/thong-bao/da-doc/", {"id": notice.pk}).status_code == 403
    notice.refresh_from_db()
    assert notice.read_at is None
