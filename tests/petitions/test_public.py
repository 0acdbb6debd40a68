"""The public portal: submit with photos (honeypot, size and kind checks, rate limit), an unguessable
tracking code, lookup with one answer for unknown and hidden, published answers without personal data."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache

from mattran.core.errors import ActionError
from mattran.petitions import actions
from mattran.petitions.models import CODE_ALPHABET, CODE_LENGTH, Case, Kind, Status, new_code

from .conftest import PNG, field, receive, upload

FORM = {
    "kind": Kind.RECOMMENDATION,
    "text": "Đèn đường ngõ 5 tổ 3 hỏng đã hai tuần, buổi tối rất tối, đề nghị sửa.",
    "place": "Ngõ 5, tổ 3",
    "full_name": "Đỗ Thị Lan",
    "phone": "0911222333",
    "allow_publish": "on",
}


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def test_the_tracking_code_is_long_random_and_unique() -> None:
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes)
    # 12 symbols of 32: 60 bits, so no two of 2,000 share even their first 8 symbols by chance in practice.
    assert len({c[:8] for c in codes}) == 2000


def test_a_citizen_submits_with_a_photo_and_follows_it_by_code(client, tree, people) -> None:
    response = client.post(
        f"/y-kien/gui/{tree.commune.pk}/", {**FORM, "photos": [upload("den.png", PNG, "image/png")]}
    )
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.code in response.content.decode().replace("-", "")
    assert (case.channel, case.status, case.attachments.count(), case.allow_publish) == (
        "cong_thong_tin",
        "received",
        1,
        True,
    )
    assert case.submitters.get().full_name == "Đỗ Thị Lan"
    page = client.get("/y-kien/tra-cuu/", {"ma": case.display_code.lower()})
    assert page.status_code == 200 and "Mới tiếp nhận" in page.content.decode()
    assert "Đỗ Thị Lan" not in page.content.decode() and "0911222333" not in page.content.decode()


def test_unknown_and_hidden_codes_get_the_same_answer(client, tree) -> None:
    unknown = client.get("/y-kien/tra-cuu/", {"ma": "ZZZZ-ZZZZ-ZZZZ"})
    malformed = client.get("/y-kien/tra-cuu/", {"ma": "abc"})
    assert unknown.status_code == malformed.status_code == 404
    strip = lambda r: re.sub(r'value="[^"]*"', "", r.content.decode())  # noqa: E731 — the typed code aside
    assert strip(unknown) == strip(malformed)


def test_the_honeypot_keeps_nothing_and_bad_photos_are_refused(client, tree) -> None:
    response = client.post(f"/y-kien/gui/{tree.commune.pk}/", {**FORM, "website": "http://spam"})
    assert response.status_code == 200 and not Case.objects.exists()
    response = client.post(f"/y-kien/gui/{tree.commune.pk}/", {**FORM, "photos": [upload("a.pdf")]})
    assert "JPG hoặc PNG" in response.content.decode()
    response = client.post(f"/y-kien/gui/{tree.commune.pk}/", {**FORM, "kind": Kind.DENUNCIATION})
    assert response.status_code == 200 and not Case.objects.exists()


def test_submissions_are_rate_limited_per_address(client, tree, settings) -> None:
    settings.PETITIONS_SUBMIT_RATE = (2, 3600)
    for _ in range(2):
        assert client.post(f"/y-kien/gui/{tree.commune.pk}/", FORM).status_code == 200
    third = client.post(f"/y-kien/gui/{tree.commune.pk}/", FORM)
    assert third.status_code == 429 and "quá nhiều" in third.content.decode()
    assert Case.objects.count() == 2


def test_lookups_are_rate_limited(client, settings) -> None:
    settings.PETITIONS_LOOKUP_RATE = (3, 60)
    statuses = [client.get("/y-kien/tra-cuu/", {"ma": new_code()}).status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]


def test_the_published_list_and_on_time_rate_carry_no_personal_data(client, tree, people, agencies) -> None:
    case = receive(tree.commune, allow_publish=True, day=dt.date(2025, 3, 7))
    case = actions.do_classify_case(case, acting_user=people.ward_editor, kind=Kind.REPORT, field=field())
    case = actions.do_forward_case(
        case, acting_user=people.ward_editor, agency=agencies["ubnd"], forwarded_on=dt.date(2025, 3, 10)
    )
    case = actions.do_record_answer(
        case,
        acting_user=people.ward_editor,
        text="Đã di dời điểm tập kết rác.",
        answered_on=dt.date(2025, 3, 20),
        documents=[upload()],
    )
    with pytest.raises(ActionError) as err:
        actions.do_publish_case(
            case,
            acting_user=people.ward_editor,
            public_summary="Ông Nguyễn Văn Bình (0912345678) phản ánh rác",
        )
    assert "thông tin cá nhân" in err.value.message
    actions.do_publish_case(
        case, acting_user=people.ward_editor, public_summary="Rác tập kết trái phép đầu ngõ 12."
    )
    page = client.get("/y-kien/da-tra-loi/", {"don_vi": tree.commune.pk, "nam": 2025}).content.decode()
    assert "Rác tập kết trái phép đầu ngõ 12." in page and "Nguyễn Văn Bình" not in page
    assert "Ủy ban nhân dân xã An" in page and "100%" in page
    assert Case.objects.get().status == Status.ANSWERED
