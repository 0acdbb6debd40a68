"""Campaigns launched by a unit: creation, editing, indicators linked to report indicators, participants,
permissions, the pages and the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mattran.core.errors import ActionError
from mattran.core.models import AuditEntry
from mattran.org.models import UnitKind
from mattran.programs import actions
from mattran.programs.models import Campaign, CampaignIndicator, CampaignKind, CampaignParticipation
from tests.conftest import SYSTEM, make, make_user

pytestmark = pytest.mark.django_db

NAME = "Phong trào Xây dựng khu dân cư kiểu mẫu"


def _campaign(tree, **kw):
    data = {
        "acting_user": SYSTEM,
        "kind": CampaignKind.MOVEMENT,
        "name": NAME,
        "launching_body": "Ban Thường trực Ủy ban MTTQ Việt Nam huyện Một",
        "launching_unit": tree.district,
        "launched_on": dt.date(2025, 3, 1),
        "ends_on": dt.date(2026, 12, 31),
        "indicators": [("", "", "KDC-VAN-HOA"), ("Số mô hình tự quản", "mô hình", "")],
        "participants": [tree.district, tree.commune, tree.sibling],
    }
    return actions.do_create_campaign(**{**data, **kw})


def test_it_creates_a_campaign_with_indicators_linked_to_report_indicators(tree):
    campaign = _campaign(tree)
    assert campaign.code == "phong-trao-xay-dung-khu-dan-cu-kieu-mau"
    assert campaign.launching_unit == tree.district and not campaign.is_national
    rows = list(campaign.indicators.values_list("order", "name", "measure", "indicator_code"))
    # An indicator chosen from the reports app takes its name and measure when none is typed.
    assert rows[0][0] == 1 and rows[0][3] == "KDC-VAN-HOA"
    assert rows[0][1] == "Số khu dân cư được công nhận khu dân cư văn hóa" and rows[0][2]
    assert rows[1] == (2, "Số mô hình tự quản", "mô hình", "")
    assert set(campaign.participations.values_list("unit_id", flat=True)) == {
        tree.district.pk,
        tree.commune.pk,
        tree.sibling.pk,
    }
    assert campaign.participations.get(unit=tree.commune).joined_on == dt.date(2025, 3, 1)
    assert AuditEntry.objects.filter(action="programs.create_campaign").count() == 1
    # The same name again gets a free code.
    assert _campaign(tree, participants=[]).code == "phong-trao-xay-dung-khu-dan-cu-kieu-mau-2"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "  "}, "name"),
        ({"launching_body": ""}, "launching_body"),
        ({"kind": "khac"}, "kind"),
        ({"ends_on": dt.date(2025, 3, 1)}, "ends_on"),
        ({"indicators": [("Chỉ tiêu", "", "KHONG-CO")]}, "indicators"),
        ({"code": "mã có dấu"}, "code"),
        ({"code": "vi-nguoi-ngheo"}, "code"),
    ],
)
def test_it_refuses_a_bad_campaign_and_changes_nothing(tree, change, field):
    before = Campaign.objects.count()
    with pytest.raises(ActionError) as err:
        _campaign(tree, **change)
    assert err.value.field == field
    assert Campaign.objects.count() == before and not CampaignParticipation.objects.exists()


def test_it_enrols_only_the_launching_unit_and_units_below_it(tree):
    with pytest.raises(ActionError) as err:
        _campaign(tree, participants=[tree.commune, tree.other_commune])
    assert err.value.field == "participants" and "Xã Khác Xa" in err.value.message
    assert not Campaign.objects.filter(launching_unit=tree.district).exists()


def test_it_edits_a_campaign_keeping_indicator_rows_and_self_joined_units(tree):
    campaign = _campaign(tree)
    first = campaign.indicators.get(order=1)
    # A unit from elsewhere joined by itself; the launching unit's edit does not withdraw it.
    actions.do_join_campaign(campaign, acting_user=SYSTEM, unit=tree.other_commune)
    actions.do_update_campaign(
        campaign,
        acting_user=SYSTEM,
        kind=CampaignKind.CAMPAIGN,
        name="Cuộc vận động Xây dựng khu dân cư kiểu mẫu",
        launching_body="Ủy ban MTTQ Việt Nam huyện Một",
        launched_on=dt.date(2025, 3, 1),
        ends_on=None,
        description="Giai đoạn 2025–2026",
        indicators=[("Khu dân cư văn hóa", "khu", "KDC-VAN-HOA")],
        participants=[tree.district, tree.commune],
    )
    campaign.refresh_from_db()
    assert campaign.kind == CampaignKind.CAMPAIGN and campaign.ends_on is None
    assert campaign.code == "phong-trao-xay-dung-khu-dan-cu-kieu-mau"  # the code stays
    assert list(campaign.indicators.values_list("pk", "name", "measure")) == [
        (first.pk, "Khu dân cư văn hóa", "khu")
    ]
    assert set(campaign.participations.values_list("unit_id", flat=True)) == {
        tree.district.pk,
        tree.commune.pk,
        tree.other_commune.pk,
    }
    entry = AuditEntry.objects.get(action="programs.update_campaign")
    assert entry.before["participant_units"] != entry.after["participant_units"]


def test_it_leaves_indicators_and_participants_alone_when_not_given(tree):
    campaign = _campaign(tree)
    actions.do_update_campaign(
        campaign, acting_user=SYSTEM, kind=campaign.kind, name="Tên mới", launching_body="Huyện Một"
    )
    assert campaign.indicators.count() == 2 and campaign.participations.count() == 3


def test_it_lets_units_of_a_national_campaign_only_join_by_themselves(tree):
    national = Campaign.objects.get(code="vi-nguoi-ngheo")
    with pytest.raises(ActionError) as err:
        actions.do_update_campaign(
            national,
            acting_user=SYSTEM,
            kind=national.kind,
            name=national.name,
            launching_body=national.launching_body,
            participants=[tree.commune],
        )
    assert err.value.code == "national" and not national.participations.exists()


CAMPAIGN_TABLE = [
    # persona, create (own unit), change the district's campaign, change a national campaign
    ("ward_editor", True, False, False),
    ("ward_leader", False, False, False),
    ("district_editor", True, True, False),
    ("district_leader", False, False, False),
    ("outsider", True, False, False),
    ("superuser", True, True, True),
]


@pytest.mark.parametrize(("persona", "create", "change", "national"), CAMPAIGN_TABLE)
def test_it_applies_the_campaign_rules(tree, people, persona, create, change, national):
    district_editor = make_user("huyen.canbo", tree.district, "editor")
    user = district_editor if persona == "district_editor" else getattr(people, persona)
    own = getattr(getattr(user, "profile", None), "unit", None) or tree.commune
    campaign = _campaign(tree)
    assert user.has_perm("programs.create_campaign", own) is create
    assert user.has_perm("programs.change_campaign", campaign) is change
    assert user.has_perm("programs.change_campaign", Campaign.objects.get(code="vi-nguoi-ngheo")) is national


def _form(**kw) -> dict:
    data = {
        "kind": CampaignKind.MOVEMENT,
        "name": "Phong trào Ngày Chủ nhật xanh",
        "launching_body": "Ủy ban MTTQ Việt Nam xã An",
        "launched_on": "2025-04-06",
        "ends_on": "",
        "description": "Mỗi tháng một ngày Chủ nhật dọn vệ sinh.",
        "chi-tieu-TOTAL_FORMS": "3",
        "chi-tieu-INITIAL_FORMS": "0",
        "chi-tieu-MIN_NUM_FORMS": "0",
        "chi-tieu-MAX_NUM_FORMS": "30",
        "chi-tieu-0-name": "Số buổi ra quân",
        "chi-tieu-0-measure": "buổi",
        "chi-tieu-0-indicator": "",
        "chi-tieu-1-name": "",
        "chi-tieu-1-measure": "",
        "chi-tieu-1-indicator": "HO-VAN-HOA",
        "chi-tieu-2-name": "",
        "chi-tieu-2-measure": "",
        "chi-tieu-2-indicator": "",
    }
    return {**data, **kw}


def test_it_creates_and_edits_a_campaign_from_the_pages(client, tree, people):
    client.force_login(people.ward_editor)
    page = client.get(reverse("programs:campaign_create"))
    assert page.status_code == 200 and "Ban công tác Mặt trận thôn Đông" in page.content.decode()
    response = client.post(
        reverse("programs:campaign_create"), _form(participants=[tree.commune.pk, tree.village.pk])
    )
    campaign = Campaign.objects.get(name="Phong trào Ngày Chủ nhật xanh")
    assert response.status_code == 302 and response.url == reverse("programs:campaign", args=[campaign.pk])
    assert campaign.launching_unit == tree.commune
    assert list(campaign.indicators.values_list("name", "indicator_code")) == [
        ("Số buổi ra quân", ""),
        ("Số hộ gia đình được công nhận gia đình văn hóa", "HO-VAN-HOA"),
    ]
    assert set(campaign.participations.values_list("unit_id", flat=True)) == {
        tree.commune.pk,
        tree.village.pk,
    }
    body = client.get(reverse("programs:campaign", args=[campaign.pk])).content.decode()
    assert "HO-VAN-HOA" in body and reverse("programs:campaign_edit", args=[campaign.pk]) in body

    edit = reverse("programs:campaign_edit", args=[campaign.pk])
    form = client.get(edit).content.decode()
    assert 'value="Số buổi ra quân"' in form
    data = _form(
        name="Phong trào Ngày Chủ nhật xanh – sạch – đẹp",
        participants=[tree.commune.pk],
        **{
            "chi-tieu-TOTAL_FORMS": "5",
            "chi-tieu-INITIAL_FORMS": "2",
            "chi-tieu-0-name": "",
            "chi-tieu-0-measure": "",
            "chi-tieu-3-name": "",
            "chi-tieu-3-measure": "",
            "chi-tieu-3-indicator": "",
            "chi-tieu-4-name": "",
            "chi-tieu-4-measure": "",
            "chi-tieu-4-indicator": "",
        },
    )
    assert client.post(edit, data).status_code == 302
    campaign.refresh_from_db()
    assert campaign.name == "Phong trào Ngày Chủ nhật xanh – sạch – đẹp"
    assert list(campaign.indicators.values_list("indicator_code", flat=True)) == ["HO-VAN-HOA"]
    assert list(campaign.participations.values_list("unit_id", flat=True)) == [tree.commune.pk]


def test_it_shows_a_bad_campaign_form_again_with_the_message(client, tree, people):
    client.force_login(people.ward_editor)
    url = reverse("programs:campaign_create")
    response = client.post(url, _form(ends_on="2025-01-01"))
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau ngày phát động." in response.content.decode()
    response = client.post(url, _form(**{"chi-tieu-2-measure": "hộ"}))
    assert response.status_code == 200 and "Nhập tên chỉ tiêu." in response.content.decode()
    assert not Campaign.objects.filter(launching_unit=tree.commune).exists()


def test_it_refuses_the_campaign_pages_to_those_without_the_right(client, tree, people):
    campaign = _campaign(tree)
    client.force_login(people.ward_leader)
    assert client.get(reverse("programs:campaign_create")).status_code == 403
    client.force_login(people.ward_editor)
    edit = reverse("programs:campaign_edit", args=[campaign.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, _form()).status_code == 403
    national = Campaign.objects.get(code="vi-nguoi-ngheo")
    assert client.get(reverse("programs:campaign_edit", args=[national.pk])).status_code == 403
    campaign.refresh_from_db()
    assert campaign.name == NAME


def test_it_lists_campaigns_in_scope_in_a_fixed_number_of_queries(
    client, tree, people, django_assert_max_num_queries
):
    client.force_login(people.ward_editor)
    _campaign(tree)
    elsewhere = make(tree.other_province, "Xa Lắm", UnitKind.COMMUNE)
    _campaign(
        tree, name="Phong trào của tỉnh khác", launching_unit=tree.other_province, participants=[elsewhere]
    )
    with django_assert_max_num_queries(12):
        body = client.get(reverse("programs:campaigns")).content.decode()
    assert NAME in body and "Vì người nghèo" in body and "Phong trào của tỉnh khác" not in body
    for i in range(5):
        _campaign(tree, name=f"Phong trào số {i}", participants=[tree.commune])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("programs:campaigns")).status_code == 200


def test_it_creates_and_updates_a_campaign_through_the_api(client, tree, people):
    client.force_login(people.ward_editor)
    r = client.post(
        "/api/v1/campaigns",
        {
            "kind": "phong_trao",
            "name": "Phong trào Thắp sáng đường quê",
            "indicators": [{"name": "Số km đường được chiếu sáng", "measure": "km"}],
            "participant_unit_ids": [tree.commune.pk, tree.village.pk],
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert (
        body["launching_unit_id"] == tree.commune.pk
        and body["launching_body"] == "Ủy ban MTTQ Việt Nam xã An"
    )
    assert body["participant_unit_ids"] == sorted([tree.commune.pk, tree.village.pk])
    bad = client.post(
        "/api/v1/campaigns",
        {"kind": "phong_trao", "name": "X", "participant_unit_ids": [tree.sibling.pk]},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["field"] == "participants"
    url = f"/api/v1/campaigns/{body['id']}"
    r = client.put(
        url,
        {
            "kind": "phong_trao",
            "name": "Phong trào Thắp sáng đường quê",
            "launching_body": "Ủy ban MTTQ Việt Nam xã An",
            "indicators": [{"indicator_code": "KDC-VAN-HOA"}],
        },
        content_type="application/json",
    )
    assert r.status_code == 200 and [i["indicator_code"] for i in r.json()["indicators"]] == ["KDC-VAN-HOA"]
    assert CampaignIndicator.objects.filter(campaign_id=body["id"]).count() == 1
    assert len(client.get(url).json()["participant_unit_ids"]) == 2
    client.force_login(people.outsider)
    denied = client.put(
        url, {"kind": "phong_trao", "name": "Y", "launching_body": "Z"}, content_type="application/json"
    )
    assert denied.status_code == 403 and Campaign.objects.get(pk=body["id"]).name != "Y"
