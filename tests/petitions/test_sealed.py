"""A denunciation's submitter is sealed: only the assigned handlers see who it is, every view is audited,
and no other output — the list, the case page, the audit log, the forwarding letter, the voters' report,
the API, the public portal — carries the name."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from mattran.core.errors import PermissionDenied
from mattran.core.models import AuditEntry
from mattran.petitions import actions
from mattran.petitions.models import Kind
from tests.conftest import bearer

from .conftest import field, receive

NAME, PHONE = "Phạm Văn Tố", "0987654321"


@pytest.fixture
def sealed(tree, people, agencies):
    case = receive(
        tree.commune,
        kind=Kind.DENUNCIATION,
        summary="Tố cáo cán bộ địa chính nhận tiền",
        submitters=[{"full_name": NAME, "phone": PHONE, "address": "Xóm 2"}],
    )
    actions.do_assign_handlers(case, acting_user=people.ward_admin, handlers=[people.ward_admin])
    case = actions.do_classify_case(
        case, acting_user=people.ward_admin, kind=Kind.DENUNCIATION, field=field("can-bo-cong-chuc")
    )
    return actions.do_forward_case(
        case, acting_user=people.ward_admin, agency=agencies["police"], forwarded_on=dt.date(2025, 3, 10)
    )


def test_only_the_assigned_handler_sees_the_identity_and_each_view_is_audited(sealed, people, client) -> None:
    assert sealed.sealed
    people_seen = actions.do_reveal_identity(sealed, acting_user=people.ward_admin)
    assert [p.full_name for p in people_seen] == [NAME]
    for outsider in (people.ward_editor, people.district_leader, people.province_admin, people.superuser):
        with pytest.raises(PermissionDenied):
            actions.do_reveal_identity(sealed, acting_user=outsider)
    client.force_login(people.ward_admin)
    page = client.post(f"/tieng-noi/{sealed.pk}/danh-tinh/").content.decode()
    assert NAME in page
    client.force_login(people.ward_editor)
    assert client.post(f"/tieng-noi/{sealed.pk}/danh-tinh/").status_code == 403
    assert (
        AuditEntry.objects.filter(action="petitions.view_sealed_identity", actor=people.ward_admin).count()
        == 2
    )


def test_no_output_carries_the_sealed_name(sealed, people, client, tree) -> None:
    for user in (people.ward_admin, people.ward_editor, people.district_leader):
        client.force_login(user)
        for url in (
            "/tieng-noi/",
            f"/tieng-noi/{sealed.pk}/",
            f"/tieng-noi/?don_vi={tree.district.pk}&cap_duoi=1",
            f"/nhat-ky/?unit={tree.commune.pk}",
        ):
            body = client.get(url).content.decode()
            assert NAME not in body and PHONE not in body, (user, url)
    letter = client.get(f"/tieng-noi/{sealed.pk}/cong-van.docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(letter.content)).paragraphs)
    assert "giữ bí mật" in text and NAME not in text
    # The audit log's records of the case never hold the name either.
    for entry in AuditEntry.objects.all():
        assert NAME not in f"{entry.before} {entry.after} {entry.summary} {entry.object_repr}"
    headers = bearer(people.ward_admin)
    for url in (f"/api/v1/petitions/{sealed.pk}", f"/api/v1/units/{tree.commune.pk}/petitions"):
        response = client.get(url, headers=headers)
        assert response.status_code == 200 and NAME not in response.content.decode()
    client.logout()
    public = client.get("/y-kien/tra-cuu/", {"ma": sealed.code}).content.decode()
    assert "Công an xã An" in public and NAME not in public and PHONE not in public


def test_a_sealed_case_cannot_be_published(sealed, people) -> None:
    from mattran.core.errors import ActionError

    case = actions.do_record_answer(
        sealed,
        acting_user=people.ward_admin,
        text="Công an xã đã xác minh, xử lý theo quy định.",
        answered_on=dt.date(2025, 3, 20),
        documents=[__import__("tests.petitions.conftest", fromlist=["upload"]).upload()],
    )
    with pytest.raises(ActionError):
        actions.do_publish_case(
            case, acting_user=people.ward_admin, public_summary="Tố cáo cán bộ đã được xử lý."
        )
    case.refresh_from_db()
    assert not case.published
