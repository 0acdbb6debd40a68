"""Uploaded files are served only through views that check the reader's permission, with DEBUG on and off:
no URL serves MEDIA_ROOT (the catch-all that answered /hoi-nghi/2026/12/4.pdf to anyone is gone), a meeting's
attachment and a program's evidence reach their readers, and production can hand the sending to nginx."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches

from mattran.meetings.actions import do_add_attachment, do_create_meeting
from mattran.programs import actions as program_actions
from mattran.programs.models import ProgressStatus, ReviewPeriod
from tests.conftest import SYSTEM
from tests.programs.test_programs import _sign, program  # noqa: F401 — the program fixture

PDF = b"%PDF-1.4\n% bien ban\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n....anh"


@pytest.fixture(params=[False, True], ids=["debug-off", "debug-on"])
def mode(request, settings, tmp_path):
    settings.DEBUG = request.param
    settings.MEDIA_ROOT = tmp_path
    clear_url_caches()
    yield request.param
    clear_url_caches()


@pytest.fixture
def attachment(tree, mode):
    meeting = do_create_meeting(
        acting_user=SYSTEM, unit=tree.commune, kind="hoi_nghi_uy_ban", title="Hội nghị Ủy ban lần thứ 3",
        starts_at=dt.datetime(2026, 12, 4, 8, tzinfo=dt.UTC),
    )  # fmt: skip
    return do_add_attachment(
        meeting, acting_user=SYSTEM, upload=SimpleUploadedFile("bien-ban.pdf", PDF, "application/pdf")
    )


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_no_url_serves_uploaded_files(client, people, attachment, mode) -> None:
    name = attachment.file.name  # e.g. hoi-nghi/2026/12/bien-ban.pdf
    for prefix in ("/", "/media/", "/tep-khong-cong-khai/"):
        assert client.get(prefix + name).status_code == 404, prefix
    client.force_login(people.superuser)
    for prefix in ("/", "/media/", "/tep-khong-cong-khai/"):
        assert client.get(prefix + name).status_code == 404, prefix


def test_a_meeting_attachment_reaches_its_readers_only(client, people, attachment, mode) -> None:
    url = f"/hoi-nghi/tep/{attachment.pk}/"
    from django.urls import reverse

    url = reverse("meetings:attachment", args=[attachment.pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/dang-nhap/" in anonymous["Location"]
    client.force_login(people.outsider)
    assert client.get(url).status_code == 403
    client.force_login(people.ward_leader)
    response = client.get(url)
    assert response.status_code == 200 and _body(response) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"


def test_program_evidence_links_work_and_are_checked(client, people, program, mode) -> None:  # noqa: F811
    _sign(program)
    task = program.contents.get(number=1).tasks.first()
    entry = program_actions.do_record_progress(
        task, acting_user=SYSTEM, period=ReviewPeriod.YEAR_END, status=ProgressStatus.DONE,
        evidence=SimpleUploadedFile("anh.png", PNG, content_type="image/png"),
    )  # fmt: skip
    client.force_login(people.ward_editor)
    page = client.get(f"/chuong-trinh/{program.pk}/").content.decode()
    link = f"/chuong-trinh/minh-chung/tien-do/{entry.pk}/"
    assert f'href="{link}"' in page
    response = client.get(link)
    assert response.status_code == 200 and _body(response) == PNG
    client.force_login(people.outsider)
    assert client.get(link).status_code == 403


def test_production_can_hand_the_sending_to_nginx(client, people, attachment, settings, mode) -> None:
    settings.MEDIA_ACCEL = "nginx:/protected-media/"
    client.force_login(people.ward_leader)
    from django.urls import reverse

    response = client.get(reverse("meetings:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + attachment.file.name
    assert response.content == b""
    settings.MEDIA_ACCEL = "apache"
    response = client.get(reverse("meetings:attachment", args=[attachment.pk]))
    assert response["X-Sendfile"].endswith(attachment.file.name)
    client.force_login(people.outsider)
    assert client.get(reverse("meetings:attachment", args=[attachment.pk])).status_code == 403
