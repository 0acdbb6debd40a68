"""The directory of competent bodies: kept by the unit's editors, read by its subtree's readers."""

from __future__ import annotations

import pytest

from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.models import AuditEntry
from mattran.org import actions
from mattran.org.models import Agency, AgencyKind


@pytest.mark.django_db
def test_it_adds_renames_and_retires_a_body_with_audit(people, tree) -> None:
    agency = actions.do_create_agency(
        acting_user=people.ward_editor, unit=tree.commune, name="Công an xã An", kind=AgencyKind.POLICE
    )
    actions.do_update_agency(
        agency, acting_user=people.ward_editor, name="Công an xã An (cũ)", kind=AgencyKind.POLICE
    )
    actions.do_set_agency_active(agency, acting_user=people.ward_editor, active=False)
    agency.refresh_from_db()
    assert (agency.name, agency.active) == ("Công an xã An (cũ)", False)
    assert list(
        AuditEntry.objects.filter(object_id=str(agency.pk), action__contains="agency").values_list(
            "action", flat=True
        )
    ) == ["org.set_agency_active", "org.update_agency", "org.create_agency"]


@pytest.mark.django_db
def test_it_refuses_a_duplicate_and_another_wards_editor(people, tree) -> None:
    actions.do_create_agency(
        acting_user=people.ward_editor,
        unit=tree.commune,
        name="UBND xã An",
        kind=AgencyKind.PEOPLES_COMMITTEE,
    )
    with pytest.raises(ActionError) as err:
        actions.do_create_agency(
            acting_user=people.ward_editor, unit=tree.commune, name="ubnd XÃ AN", kind=AgencyKind.OTHER
        )
    assert "đã có" in err.value.message
    with pytest.raises(PermissionDenied):
        actions.do_create_agency(
            acting_user=people.outsider, unit=tree.commune, name="Khác", kind=AgencyKind.OTHER
        )
    assert Agency.objects.count() == 1


@pytest.mark.django_db
def test_the_directory_page_lists_and_adds(client, people, tree) -> None:
    client.force_login(people.ward_editor)
    response = client.post(
        f"/don-vi/{tree.commune.pk}/co-quan/", {"name": "Hội Nông dân xã An", "kind": AgencyKind.MEMBER_ORG}
    )
    assert response.status_code == 302
    client.force_login(people.district_leader)
    page = client.get(f"/don-vi/{tree.commune.pk}/co-quan/").content.decode()
    assert "Hội Nông dân xã An" in page
    assert (
        client.post(f"/don-vi/{tree.commune.pk}/co-quan/", {"name": "X", "kind": "khac"}).status_code == 403
    )
    client.force_login(people.outsider)
    assert client.get(f"/don-vi/{tree.commune.pk}/co-quan/").status_code == 403
    assert Agency.objects.count() == 1
