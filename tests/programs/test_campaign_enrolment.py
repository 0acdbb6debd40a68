"""Campaigns run by the upper level: enrolling its units (the superuser too), meetings tied to a campaign,
and per-campaign figures kept as the source states them."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.core.errors import ActionError, PermissionDenied
from mattran.meetings import actions as meetings_actions
from mattran.meetings.models import Qualifier
from mattran.programs import actions
from mattran.programs.models import Campaign, CampaignFigure, CampaignParticipation
from tests.conftest import SYSTEM, make_user
from tests.meetings.helpers import at

pytestmark = pytest.mark.django_db


def _national() -> Campaign:
    return Campaign.objects.get(code="vi-nguoi-ngheo")


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("superuser", True),
        ("district_editor", True),
        ("ward_editor", False),
        ("district_leader", False),
        ("outsider", False),
    ],
)
def test_it_lets_the_upper_level_enrol_its_units(tree, people, persona, allowed):
    user = (
        make_user("huyen.canbo", tree.district, "editor")
        if persona == "district_editor"
        else getattr(people, persona)
    )
    assert user.has_perm("programs.enrol_campaign", tree.sibling) is allowed
    if allowed:
        actions.do_join_campaign(_national(), acting_user=user, unit=tree.sibling)
        assert CampaignParticipation.objects.filter(campaign=_national(), unit=tree.sibling).exists()
    else:
        with pytest.raises(PermissionDenied):
            actions.do_join_campaign(_national(), acting_user=user, unit=tree.sibling)
        assert not CampaignParticipation.objects.filter(unit=tree.sibling).exists()


def test_the_superuser_enrols_a_unit_from_the_campaign_page(client, tree, people):
    client.force_login(people.superuser)
    campaign = _national()
    page = client.get(f"/chuong-trinh/cuoc-van-dong/{campaign.pk}/").content.decode()
    assert 'id="enrol"' in page and tree.province.committee_name in page
    response = client.post(f"/chuong-trinh/cuoc-van-dong/{campaign.pk}/dang-ky/", {"unit": tree.province.pk})
    assert response.status_code == 302
    assert campaign.participations.filter(unit=tree.province).exists()


def test_a_district_editor_enrols_a_commune_below_but_not_one_elsewhere(client, tree, people):
    editor = make_user("huyen.canbo", tree.district, "editor")
    client.force_login(editor)
    campaign = _national()
    assert (
        client.post(
            f"/chuong-trinh/cuoc-van-dong/{campaign.pk}/dang-ky/", {"unit": tree.commune.pk}
        ).status_code
        == 302
    )
    other = client.post(
        f"/chuong-trinh/cuoc-van-dong/{campaign.pk}/dang-ky/", {"unit": tree.other_commune.pk}
    )
    assert other.status_code == 403
    assert list(campaign.participations.values_list("unit_id", flat=True)) == [tree.commune.pk]


def test_it_attaches_a_campaign_to_a_meeting_and_shows_it_on_both_pages(client, tree, people):
    meeting = meetings_actions.do_create_meeting(
        acting_user=SYSTEM, unit=tree.commune, kind="so_ket", title="Sơ kết 6 tháng đầu năm 2024",
        starts_at=at(dt.date(2024, 7, 5)),
    )  # fmt: skip
    campaign = _national()
    client.force_login(people.ward_editor)
    response = client.post(f"/chuong-trinh/hoi-nghi/{meeting.pk}/cuoc-van-dong/", {"campaign": campaign.pk})
    assert response.status_code == 302
    assert list(campaign.meetings.all()) == [meeting]
    assert campaign.name in client.get(f"/hoi-nghi/{meeting.pk}/").content.decode()
    with pytest.raises(ActionError) as err:
        actions.do_attach_campaign_to_meeting(campaign, acting_user=people.ward_editor, meeting=meeting)
    assert err.value.status == 409


def test_it_records_a_campaign_figure_as_printed_and_refuses_bad_input(client, tree, people):
    campaign = _national()
    actions.do_join_campaign(campaign, acting_user=SYSTEM, unit=tree.commune)
    client.force_login(people.ward_editor)
    url = f"/chuong-trinh/cuoc-van-dong/{campaign.pk}/so-lieu/"
    base = {
        "unit": tree.commune.pk,
        "period_start": "2024-01-01",
        "period_end": "2024-06-30",
        "qualifier": "tren",
    }
    bad = client.post(url, {**base, "label": "Quà tặng hộ nghèo", "measure": "đồng", "value": "1,5"})
    assert "Số tiền không hợp lệ" in bad.content.decode()
    backwards = client.post(
        url, {**base, "label": "Quà", "measure": "đồng", "value": "1 tỷ", "period_end": "2023-12-31"}
    )
    assert "ngày kết thúc phải sau ngày bắt đầu" in backwards.content.decode()
    assert not CampaignFigure.objects.exists()
    ok = client.post(url, {**base, "label": "Giá trị quà tặng", "measure": "đồng", "value": "1 tỷ",
                           "as_printed": "trao quà trị giá trên 1 tỷ đồng"})  # fmt: skip
    assert ok.status_code == 302
    f = CampaignFigure.objects.get()
    assert (f.unit, f.value, f.qualifier, f.value_label) == (
        tree.commune,
        1_000_000_000,
        Qualifier.OVER,
        "trên 1.000.000.000 đồng",
    )
    assert (
        "trên 1.000.000.000 đồng"
        in client.get(f"/chuong-trinh/cuoc-van-dong/{campaign.pk}/").content.decode()
    )


def test_it_refuses_a_figure_for_a_unit_not_taking_part(tree):
    with pytest.raises(ActionError) as err:
        actions.do_record_campaign_figure(
            _national(), acting_user=SYSTEM, unit=tree.commune, label="x", value=1,
            period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 6, 30),
        )  # fmt: skip
    assert err.value.field == "unit"
