"""Passwords: every user changes their own, the unit's administrator resets one of the unit's, a reset link is
e-mailed when mail is configured (to a real SMTP server the test starts), the Front's words with a year are
refused, and wrong guesses lock a username from any address and an address across usernames."""

from __future__ import annotations

import socket
import time

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model

from mattran.accounts import actions
from mattran.accounts.passwords import is_front_words_with_numbers
from mattran.core.authz import PUBLIC
from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.models import AuditEntry
from tests.conftest import PASSWORD

NEW = "Cây đa đầu làng 1975 vẫn xanh"


@pytest.mark.parametrize(
    "password",
    ["mattran2025", "MatTran@2024", "Mặt trận Tổ quốc 2024", "mattranto quoc2024", "matran-2025", "mttq123456",
     "ubmttq.2025!", "mattran-demo-2025", "Matkhau@Mattran2025", "VietNam2025mttq"],
)  # fmt: skip
def test_it_refuses_the_fronts_words_with_a_year(password) -> None:
    assert is_front_words_with_numbers(password)


@pytest.mark.parametrize("password", [NEW, "Tôi yêu mặt trận xanh của quê 2025", "Mat-khau-thu-2025!"])
def test_it_accepts_a_password_that_is_more_than_those_words(password) -> None:
    assert not is_front_words_with_numbers(password)


def test_a_user_changes_their_own_password_and_stays_logged_in(client, people) -> None:
    client.force_login(people.ward_leader)
    response = client.post(
        "/mat-khau/doi/",
        {"old_password": PASSWORD, "new_password": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(pk=people.ward_leader.pk)
    assert user.check_password(NEW)
    assert client.get("/").status_code == 200  # the session survived the change
    assert AuditEntry.objects.filter(action="accounts.change_password", object_id=str(user.pk)).exists()


def test_a_change_needs_the_current_password_and_refuses_a_front_word_password(client, people) -> None:
    client.force_login(people.ward_editor)
    wrong = client.post("/mat-khau/doi/", {"old_password": "sai", "new_password": NEW, "new_password2": NEW})
    assert "Mật khẩu hiện tại không đúng." in wrong.content.decode()
    weak = client.post(
        "/mat-khau/doi/",
        {"old_password": PASSWORD, "new_password": "mattran2025", "new_password2": "mattran2025"},
    )
    assert "quá dễ đoán" in weak.content.decode()
    assert get_user_model().objects.get(pk=people.ward_editor.pk).check_password(PASSWORD)


def test_no_one_changes_another_users_password_with_the_own_password_action(people) -> None:
    with pytest.raises(PermissionDenied):
        actions.do_change_password(
            people.ward_editor, acting_user=people.ward_admin, old_password=PASSWORD, new_password=NEW
        )


def test_the_units_administrator_resets_a_password_of_the_unit_only(client, people) -> None:
    client.force_login(people.ward_admin)
    response = client.post(
        f"/nguoi-dung/{people.ward_editor.pk}/dat-lai-mat-khau/", {"new_password": NEW, "new_password2": NEW}
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(pk=people.ward_editor.pk).check_password(NEW)
    entry = AuditEntry.objects.get(action="accounts.reset_password")
    assert entry.actor == people.ward_admin and entry.object_id == str(people.ward_editor.pk)
    # another province's account, and the superuser's, are out of reach
    for target in (people.outsider, people.superuser):
        assert client.get(f"/nguoi-dung/{target.pk}/dat-lai-mat-khau/").status_code == 403
    client.force_login(get_user_model().objects.get(pk=people.ward_editor.pk))  # its new password's session
    assert client.get(f"/nguoi-dung/{people.ward_leader.pk}/dat-lai-mat-khau/").status_code == 403


class _Inbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook name
        self.messages.append(envelope)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.MAIL_CONFIGURED = True
    yield inbox
    controller.stop()


def test_a_forgotten_password_is_reset_by_an_emailed_link(client, people, smtp) -> None:
    user = get_user_model().objects.get(pk=people.ward_editor.pk)
    actions_user = user
    actions_user.email = "xa.canbo@example.vn"
    actions_user.save(update_fields=["email"])  # set-up: the account's address

    response = client.post("/mat-khau/quen/", {"email": "XA.CANBO@example.vn"})
    assert response.status_code == 200 and "vừa được gửi" in response.content.decode()
    for _ in range(50):
        if smtp.messages:
            break
        time.sleep(0.05)
    assert len(smtp.messages) == 1 and smtp.messages[0].rcpt_tos == ["xa.canbo@example.vn"]
    body = smtp.messages[0].content.decode("utf-8", "replace")
    link = next(word for word in body.split() if "/mat-khau/dat-lai/" in word)
    path = link[link.index("/mat-khau/") :]

    assert client.get(path).status_code == 200
    done = client.post(path, {"new_password": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"].endswith("/dang-nhap/")
    assert get_user_model().objects.get(pk=user.pk).check_password(NEW)
    assert AuditEntry.objects.filter(action="accounts.reset_password_by_email").count() == 1
    # the link works once
    assert client.post(path, {"new_password": NEW + "!", "new_password2": NEW + "!"}).status_code == 400
    assert get_user_model().objects.get(pk=user.pk).check_password(NEW)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, people, smtp) -> None:
    response = client.post("/mat-khau/quen/", {"email": "khong-co@example.vn"})
    assert "vừa được gửi" in response.content.decode()
    time.sleep(0.2)
    assert smtp.messages == []


def test_without_mail_the_page_sends_people_to_their_administrator(client, settings, people) -> None:
    settings.MAIL_CONFIGURED = False
    page = client.get("/mat-khau/quen/").content.decode()
    assert "quản trị đơn vị" in page and "<form" not in page.split("<main>")[1].split("</main>")[0]
    with pytest.raises(ActionError) as exc:
        actions.do_send_password_reset(acting_user=PUBLIC, email="a@b.vn", base_url="http://x/")
    assert exc.value.code == "mail_not_configured"


def _login(client, username: str, password: str, address: str):
    return client.post("/dang-nhap/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_username_is_locked_after_failures_from_many_addresses(client, people, settings) -> None:
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "xa.canbo", "sai-mat-khau", f"10.0.0.{i + 1}")
    locked = _login(client, "xa.canbo", PASSWORD, "10.9.9.9")
    assert locked.status_code in (403, 429) and "Tạm khoá" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_address_guessing_across_usernames_is_locked(client, people, settings) -> None:
    settings.AXES_ADDRESS_FAILURE_LIMIT = 4
    for name in ("xa.canbo", "xa.quantri", "xa.lanhdao", "huyen.lanhdao"):
        _login(client, name, "mattran2025", "10.1.1.1")
    blocked = _login(client, "tinh.quantri", PASSWORD, "10.1.1.1")
    assert blocked.status_code == 429 and "_auth_user_id" not in client.session
    elsewhere = _login(client, "tinh.quantri", PASSWORD, "10.2.2.2")
    assert elsewhere.status_code == 302
