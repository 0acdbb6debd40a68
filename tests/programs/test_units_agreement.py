"""Emulation agreements of a set of units (no cluster): who may sign, who administers, who scores."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from mattran.core.errors import ActionError
from mattran.org.models import UnitKind
from mattran.programs import actions, queries
from mattran.programs.models import Agreement, AgreementParty, AssessmentMode, AssessmentScore, SelfScore
from tests.conftest import SYSTEM, make, make_user

pytestmark = pytest.mark.django_db

YEAR = 2025


@pytest.fixture
def editors(tree, people):
    """The district's editor (the creating unit), and the editors of the two communes that sign."""
    return {
        "district": make_user("huyen.canbo", tree.district, "editor"),
        "commune": people.ward_editor,
        "sibling": make_user("xabinh.canbo", tree.sibling, "editor"),
    }


def _agreement(tree, mode=AssessmentMode.LEADER, parties=None, unit=None):
    agreement = actions.do_create_agreement(
        acting_user=SYSTEM,
        title="Giao ước thi đua các xã năm 2025",
        year=YEAR,
        unit=unit or tree.district,
        parties=parties if parties is not None else [tree.commune, tree.sibling],
        assessment_mode=mode,
    )
    actions.do_add_criterion(agreement, acting_user=SYSTEM, content="Tuyên truyền", max_score=40)
    actions.do_add_criterion(agreement, acting_user=SYSTEM, content="Vận động quỹ", max_score=60)
    return actions.do_sign_agreement(agreement, acting_user=SYSTEM, signed_on=dt.date(YEAR, 1, 15))


def test_it_lets_the_creating_unit_run_an_agreement_it_does_not_sign(tree):
    agreement = _agreement(tree)
    assert agreement.unit == tree.district and agreement.cluster is None
    assert list(agreement.parties.values_list("unit_id", flat=True)) == [tree.commune.pk, tree.sibling.pk]


@pytest.mark.parametrize(
    ("creator", "parties", "allowed"),
    [
        ("district", ["district", "commune", "sibling"], True),  # itself and its children
        ("district", ["commune", "village"], True),  # a grandchild lies below it too
        ("commune", ["commune", "sibling"], True),  # a sibling under the same district
        ("commune", ["commune", "other_commune"], False),  # a commune of another province
        ("commune", ["sibling", "district"], False),  # its parent is not its peer
    ],
)
def test_it_accepts_only_related_units_as_signatories(tree, creator, parties, allowed):
    units = [getattr(tree, name) for name in parties]
    create = lambda: actions.do_create_agreement(  # noqa: E731
        acting_user=SYSTEM, title="Giao ước", year=YEAR, unit=getattr(tree, creator), parties=units
    )
    if allowed:
        assert set(create().parties.values_list("unit_id", flat=True)) == {u.pk for u in units}
    else:
        with pytest.raises(ActionError) as err:
            create()
        assert err.value.field == "parties"
        assert not Agreement.objects.exists() and not AgreementParty.objects.exists()


def test_it_judges_the_signatories_by_the_tree_of_the_agreement_year(tree):
    newer = make(tree.district, "Mới", UnitKind.COMMUNE, since=dt.date(2025, 7, 1))
    with pytest.raises(ActionError) as err:
        actions.do_create_agreement(
            acting_user=SYSTEM,
            title="Giao ước 2024",
            year=2024,
            unit=tree.district,
            parties=[tree.commune, newer],
        )
    assert "Xã Mới" in err.value.message
    agreement = actions.do_create_agreement(
        acting_user=SYSTEM,
        title="Giao ước 2025",
        year=2025,
        unit=tree.district,
        parties=[tree.commune, newer],
    )
    assert agreement.parties.count() == 2


def test_it_needs_two_signatories(tree):
    with pytest.raises(ActionError) as err:
        actions.do_create_agreement(
            acting_user=SYSTEM, title="Giao ước", year=YEAR, unit=tree.district, parties=[tree.commune]
        )
    assert err.value.field == "parties" and not Agreement.objects.exists()


# who, view, administer, self-score, assess (leader mode), assess (peer-mean mode)
UNITS_TABLE = [
    ("district_editor", True, True, False, True, False),  # the creating unit, not a signatory
    ("commune_editor", True, False, True, False, True),  # a signatory unit
    ("commune_leader_role", True, False, False, False, False),
    ("district_leader_role", True, False, False, False, False),
    ("province_admin", True, False, False, False, False),  # reads below, runs nothing
    ("outsider", False, False, False, False, False),
    ("superuser", True, True, True, True, True),  # Django grants a superuser every permission
]


@pytest.mark.parametrize(("who", "view", "administer", "self_score", "assess", "peer_assess"), UNITS_TABLE)
def test_it_applies_the_rules_of_a_set_of_units_agreement(
    tree, people, editors, who, view, administer, self_score, assess, peer_assess
):
    user = {
        "district_editor": editors["district"],
        "commune_editor": editors["commune"],
        "commune_leader_role": people.ward_leader,
        "district_leader_role": people.district_leader,
        "province_admin": people.province_admin,
        "outsider": people.outsider,
        "superuser": people.superuser,
    }[who]
    leader_mode = _agreement(tree)
    peer_mode = actions.do_create_agreement(
        acting_user=SYSTEM,
        title="Giao ước bình quân",
        year=YEAR,
        unit=tree.district,
        parties=[tree.commune, tree.sibling],
        assessment_mode=AssessmentMode.PEER_MEAN,
    )
    assert user.has_perm("programs.view_agreement", leader_mode) is view
    assert user.has_perm("programs.administer_agreement", leader_mode) is administer
    assert user.has_perm("programs.self_score", leader_mode) is self_score
    assert user.has_perm("programs.assess", leader_mode) is assess
    assert user.has_perm("programs.assess", peer_mode) is peer_assess


def test_it_scores_a_leader_mode_agreement_only_by_the_creating_unit(tree):
    agreement = _agreement(tree)
    first, second = agreement.criteria.all()
    actions.do_self_score(first, acting_user=SYSTEM, unit=tree.commune, score=40)
    with pytest.raises(ActionError) as err:
        actions.do_self_score(first, acting_user=SYSTEM, unit=tree.district, score=40)
    assert err.value.code == "not_party"
    with pytest.raises(ActionError) as err:
        actions.do_assess(first, acting_user=SYSTEM, unit=tree.commune, by_unit=tree.sibling, score=30)
    assert err.value.code == "not_assessor"
    actions.do_assess(first, acting_user=SYSTEM, unit=tree.commune, by_unit=tree.district, score=35)
    actions.do_assess(second, acting_user=SYSTEM, unit=tree.commune, by_unit=tree.district, score=50)
    actions.do_assess(first, acting_user=SYSTEM, unit=tree.sibling, by_unit=tree.district, score="40")
    actions.do_assess(second, acting_user=SYSTEM, unit=tree.sibling, by_unit=tree.district, score="45")
    rows = queries.ranking(queries.agreement_with_scores(agreement.pk))
    assert [(r.unit, r.total, r.rank, r.shared) for r in rows] == [
        (tree.commune, Decimal("85.00"), 1, True),
        (tree.sibling, Decimal("85.00"), 1, True),
    ]
    assert SelfScore.objects.get().unit == tree.commune


def test_it_scores_a_peer_mean_agreement_by_the_signatories_only(tree):
    third = make(tree.district, "Cường", UnitKind.COMMUNE)
    agreement = _agreement(tree, mode=AssessmentMode.PEER_MEAN, parties=[tree.commune, tree.sibling, third])
    first = agreement.criteria.first()
    with pytest.raises(ActionError) as err:
        actions.do_assess(first, acting_user=SYSTEM, unit=tree.commune, by_unit=tree.district, score=30)
    assert err.value.code == "not_party"
    actions.do_assess(first, acting_user=SYSTEM, unit=tree.commune, by_unit=tree.sibling, score=30)
    actions.do_assess(first, acting_user=SYSTEM, unit=tree.commune, by_unit=third, score=35)
    assert AssessmentScore.objects.count() == 2
    finals = queries.final_scores(queries.agreement_with_scores(agreement.pk))
    assert finals[(first.pk, tree.commune.pk)] == Decimal("32.50")


def test_it_creates_a_set_of_units_agreement_from_the_page(client, tree, editors):
    client.force_login(editors["district"])
    url = reverse("programs:agreement_create_units")
    page = client.get(url).content.decode()
    assert "Ủy ban MTTQ Việt Nam xã An" in page and "Ủy ban MTTQ Việt Nam xã Bình" in page
    assert "Khác Xa" not in page
    one = client.post(
        url,
        {"title": "Giao ước", "year": YEAR, "assessment_mode": "cum_truong", "parties": [tree.commune.pk]},
    )
    assert one.status_code == 200 and "ít nhất hai đơn vị" in one.content.decode()
    assert not Agreement.objects.exists()
    response = client.post(
        url,
        {
            "title": "Giao ước thi đua các xã năm 2025",
            "year": YEAR,
            "assessment_mode": "binh_quan",
            "parties": [tree.commune.pk, tree.sibling.pk],
        },
    )
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and response.url == reverse("programs:agreement", args=[agreement.pk])
    assert agreement.unit == tree.district and agreement.assessment_mode == AssessmentMode.PEER_MEAN
    assert set(agreement.parties.values_list("unit_id", flat=True)) == {tree.commune.pk, tree.sibling.pk}
    body = client.get(response.url).content.decode()
    assert "giao ước giữa các đơn vị" in body and "Huyện Một quản lý giao ước" in body
    # The creating unit administers it: it adds the criteria and records the signing.
    client.post(
        reverse("programs:agreement_add_criterion", args=[agreement.pk]),
        {"content": "Tuyên truyền", "max_score": "50"},
    )
    client.post(reverse("programs:agreement_sign", args=[agreement.pk]))
    agreement.refresh_from_db()
    assert agreement.criteria.count() == 1 and agreement.status == "da_ky"


def test_it_lets_signatories_score_from_the_page_and_refuses_others(client, tree, editors):
    agreement = _agreement(tree)
    criterion = agreement.criteria.first()

    def url(name: str) -> str:
        return reverse(f"programs:agreement_{name}", args=[agreement.pk])

    client.force_login(editors["commune"])
    assert client.post(url("self_score"), {"criterion": criterion.pk, "score": "38"}).status_code == 302
    assert client.post(url("add_criterion"), {"content": "X", "max_score": "10"}).status_code == 403
    denied = client.post(url("assess"), {"unit": tree.sibling.pk, "criterion": criterion.pk, "score": "1"})
    assert denied.status_code == 403
    client.force_login(editors["district"])
    assert client.post(url("self_score"), {"criterion": criterion.pk, "score": "38"}).status_code == 403
    ok = client.post(url("assess"), {"unit": tree.commune.pk, "criterion": criterion.pk, "score": "36"})
    assert ok.status_code == 302
    assert SelfScore.objects.get().unit == tree.commune
    assert AssessmentScore.objects.get().by_unit == tree.district
    assert agreement.criteria.count() == 2


def test_it_refuses_the_create_page_to_a_read_only_role(client, people):
    client.force_login(people.ward_leader)
    assert client.get(reverse("programs:agreement_create_units")).status_code == 403


def test_it_creates_a_set_of_units_agreement_through_the_api(client, tree, editors):
    client.force_login(editors["commune"])
    bad = client.post(
        "/api/v1/agreements",
        {"title": "Giao ước", "year": YEAR, "party_unit_ids": [tree.commune.pk, tree.other_commune.pk]},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["field"] == "parties" and not Agreement.objects.exists()
    r = client.post(
        "/api/v1/agreements",
        {"title": "Giao ước hai xã", "year": YEAR, "party_unit_ids": [tree.commune.pk, tree.sibling.pk]},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["unit_id"] == tree.commune.pk and r.json()["cluster_id"] is None
    assert [row["unit_id"] for row in r.json()["ranking"]] == sorted([tree.commune.pk, tree.sibling.pk])


def test_it_creates_a_cluster_agreement_through_the_api_only_for_the_leader(client, small_cluster):
    c = small_cluster
    data = {"title": "Giao ước cụm", "year": c.cluster.year, "cluster_id": c.cluster.pk}
    client.force_login(c.editors[1])
    assert client.post("/api/v1/agreements", data, content_type="application/json").status_code == 403
    client.force_login(c.editors[0])
    r = client.post("/api/v1/agreements", data, content_type="application/json")
    assert r.status_code == 201 and Agreement.objects.get().parties.count() == 5
