"""Persons in the programs app: a person's award history (page, rules, API) and persons as program signatories."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mattran.core.errors import ActionError
from mattran.org import actions as org_actions
from mattran.org.models import MemberOrgKind
from mattran.people import actions as people_actions
from mattran.programs import actions
from mattran.programs.models import (
    AwardKind,
    AwardProposal,
    ParticipantKind,
    ProgramSignatory,
    ProgramStatus,
    ProposalStatus,
)
from tests.conftest import SYSTEM, make_user

pytestmark = pytest.mark.django_db

FRONT_ORG = "Ủy ban MTTQ Việt Nam xã An"
WOMEN_ORG = "Hội Liên hiệp Phụ nữ xã An"


@pytest.fixture
def hoa(tree):
    """Chairwoman of the commune's Front until 1/6/2025, then its standing vice-chair."""
    person = people_actions.do_create_person(
        acting_user=SYSTEM, unit=tree.commune, full_name="Nguyễn Thị Hoa"
    )
    people_actions.do_add_person_post(
        person, acting_user=SYSTEM, title="Chủ tịch", organisation=FRONT_ORG, start=dt.date(2020, 1, 1),
        end=dt.date(2025, 6, 1),
    )  # fmt: skip
    people_actions.do_add_person_post(
        person, acting_user=SYSTEM, title="Phó Chủ tịch Thường trực", organisation=FRONT_ORG,
        start=dt.date(2025, 6, 1),
    )  # fmt: skip
    return person


@pytest.fixture
def lan(tree):
    """Chairwoman of the commune's Women's Union and, the same days, a member of the Front's committee."""
    person = people_actions.do_create_person(acting_user=SYSTEM, unit=tree.commune, full_name="Trần Thị Lan")
    people_actions.do_add_person_post(
        person, acting_user=SYSTEM, title="Ủy viên Ủy ban", organisation=FRONT_ORG, start=dt.date(2020, 1, 1)
    )
    people_actions.do_add_person_post(
        person,
        acting_user=SYSTEM,
        title="Chủ tịch",
        organisation=WOMEN_ORG,
        start=dt.date(2020, 1, 1),
        order=1,
    )
    return person


def _propose(person, proposed_by, *, awarding_unit=None, year=2024, kind="bang-khen"):
    return actions.do_propose_award(
        acting_user=SYSTEM,
        proposed_by=proposed_by,
        year=year,
        award_kind=AwardKind.objects.get(code=kind),
        awarding_body="Ủy ban MTTQ Việt Nam tỉnh Thử",
        awarding_unit=awarding_unit,
        person=person,
        reason="Có thành tích xuất sắc trong công tác Mặt trận",
        proposed_on=dt.date(year, 12, 20),
    )


# --- award history of a person --------------------------------------------------------------------------


PERSON_AWARDS_TABLE = [
    # who, view the history, propose an award for the person
    ("ward_editor", True, True),  # the unit keeping the person's record
    ("ward_leader", True, False),  # reads, proposes nothing
    ("district_leader", True, False),
    ("province_admin", True, True),
    ("sibling_editor", False, False),
    ("outsider", False, False),
]


@pytest.mark.parametrize(("who", "view", "propose"), PERSON_AWARDS_TABLE)
def test_it_applies_the_person_award_rules(tree, people, hoa, who, view, propose):
    user = (
        make_user("xabinh.canbo", tree.sibling, "editor") if who == "sibling_editor" else getattr(people, who)
    )
    assert user.has_perm("programs.view_person_awards", hoa) is view
    assert user.has_perm("programs.propose_person_award", hoa) is propose


def test_it_lets_cluster_peers_and_proposing_units_read_a_persons_history(tree, people, hoa):
    sibling_editor = make_user("xabinh.canbo", tree.sibling, "editor")
    assert not sibling_editor.has_perm("programs.view_person_awards", hoa)
    org_actions.do_create_cluster(
        acting_user=SYSTEM,
        name="Cụm thi đua các xã",
        year=2025,
        organiser=tree.district,
        members=[tree.commune, tree.sibling],
        leader=tree.commune,
    )
    assert sibling_editor.has_perm("programs.view_person_awards", hoa)
    assert not people.outsider.has_perm("programs.view_person_awards", hoa)
    _propose(hoa, tree.other_province)
    assert people.outsider.has_perm("programs.view_person_awards", hoa)


def test_it_shows_a_persons_history_and_records_the_decision(client, tree, people, hoa):
    proposal = _propose(hoa, tree.district, awarding_unit=tree.province)
    url = reverse("programs:person_awards", args=[hoa.pk])
    client.force_login(people.ward_editor)
    body = client.get(url).content.decode()
    assert "Nguyễn Thị Hoa" in body and "Bằng khen" in body and "Huyện Một" in body
    assert 'id="decision"' not in body  # the province decides, not the commune
    decide = reverse("programs:person_award_decision", args=[hoa.pk])
    assert client.post(decide, {"proposal": proposal.pk}).status_code == 403
    client.force_login(people.province_admin)
    assert 'id="decision"' in client.get(url).content.decode()
    response = client.post(
        decide,
        {
            "proposal": proposal.pk,
            "awarded": "1",
            "decision_number": "125/QĐ-MTTQ-BTT",
            "decision_date": "2025-01-20",
            "decision_body": "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Thử",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.AWARDED and proposal.decision_number == "125/QĐ-MTTQ-BTT"
    assert "125/QĐ-MTTQ-BTT" in client.get(url).content.decode()


def test_it_proposes_an_award_for_a_person_from_the_page(client, tree, people, hoa):
    url = reverse("programs:person_award_propose", args=[hoa.pk])
    data = {
        "year": 2025,
        "award_kind": AwardKind.objects.get(code="giay-khen").pk,
        "awarding_unit": tree.district.pk,
        "reason": "Hoàn thành xuất sắc nhiệm vụ năm 2025",
        "proposed_on": "2025-12-15",
    }
    client.force_login(people.ward_leader)
    assert client.post(url, data).status_code == 403 and not AwardProposal.objects.exists()
    client.force_login(people.ward_editor)
    assert client.post(url, data).status_code == 302
    proposal = AwardProposal.objects.get()
    assert (proposal.person, proposal.unit, proposal.proposed_by) == (hoa, None, tree.commune)
    assert proposal.award_kind.code == "giay-khen" and proposal.status == ProposalStatus.PROPOSED
    assert (proposal.awarding_unit, proposal.awarding_body) == (
        tree.district,
        "Ủy ban MTTQ Việt Nam huyện Một",
    )
    # The district decides; a unit outside the proposer's chain is not offered as the awarding body.
    assert client.post(url, {**data, "awarding_unit": tree.sibling.pk}).status_code == 200
    assert AwardProposal.objects.count() == 1
    client.force_login(people.outsider)
    assert client.get(reverse("programs:person_awards", args=[hoa.pk])).status_code == 403
    assert client.post(url, data).status_code == 403 and AwardProposal.objects.count() == 1


def test_it_lists_a_persons_history_in_a_fixed_number_of_queries(
    client, tree, people, hoa, django_assert_max_num_queries
):
    client.force_login(people.ward_editor)
    url = reverse("programs:person_awards", args=[hoa.pk])
    _propose(hoa, tree.district, awarding_unit=tree.province)
    with django_assert_max_num_queries(20) as first:
        client.get(url)
    for year in (2019, 2020, 2021, 2022, 2023):
        _propose(hoa, tree.district, awarding_unit=tree.province, year=year)
    with django_assert_max_num_queries(len(first.captured_queries)):
        body = client.get(url).content.decode()
    assert body.count("Bằng khen") >= 6


def test_it_answers_a_persons_history_through_the_api(client, tree, people, hoa):
    _propose(hoa, tree.district, year=2023)
    _propose(hoa, tree.district, year=2024, kind="co-thi-dua")
    client.force_login(people.district_leader)
    r = client.get(f"/api/v1/persons/{hoa.pk}/awards")
    assert r.status_code == 200
    assert [(row["year"], row["award_kind"], row["person_id"], row["recipient"]) for row in r.json()] == [
        (2024, "Cờ thi đua", hoa.pk, "Nguyễn Thị Hoa"),
        (2023, "Bằng khen", hoa.pk, "Nguyễn Thị Hoa"),
    ]
    client.force_login(people.outsider)
    assert client.get(f"/api/v1/persons/{hoa.pk}/awards").json()["error"] == "forbidden"


def test_it_links_the_person_page_to_the_history_for_those_who_may_read_it(client, people, hoa):
    url = reverse("people:person", args=[hoa.pk])
    link = reverse("programs:person_awards", args=[hoa.pk])
    client.force_login(people.ward_editor)
    assert link in client.get(url).content.decode()
    client.force_login(people.outsider)  # another province: the person's page is out of its scope
    page = client.get(url)
    assert page.status_code == 403 and link not in page.content.decode()


# --- persons as signatories of a program ----------------------------------------------------------------


@pytest.fixture
def draft(tree, people):
    women = org_actions.do_create_member_org(
        acting_user=SYSTEM, unit=tree.commune, kind=MemberOrgKind.WOMEN, name=WOMEN_ORG, short_name="Hội LHPN"
    )
    program = actions.do_create_program(
        acting_user=SYSTEM, unit=tree.commune, year=2025, title="Chương trình phối hợp năm 2025"
    )
    actions.do_add_participant(program, acting_user=SYSTEM, member_org=women)
    actions.do_add_participant(program, acting_user=SYSTEM, name="Công an xã An")
    actions.do_add_content(program, acting_user=SYSTEM, title="Tuyên truyền, vận động")
    return program


def _parties(program):
    front = program.participants.get(kind=ParticipantKind.FRONT)
    women = program.participants.get(kind=ParticipantKind.MEMBER_ORG)
    police = program.participants.get(kind=ParticipantKind.OTHER)
    return front, women, police


@pytest.mark.parametrize(
    ("signed_on", "title"),
    [
        (dt.date(2025, 1, 10), "Chủ tịch Ủy ban MTTQ Việt Nam xã An"),
        (dt.date(2025, 6, 1), "Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam xã An"),
    ],
)
def test_it_signs_with_the_persons_title_on_the_signing_day(draft, hoa, lan, signed_on, title):
    front, women, police = _parties(draft)
    actions.do_sign_program(
        draft,
        acting_user=SYSTEM,
        signed_on=signed_on,
        signatories={
            front: {"person": hoa, "authority": "TM. Ban Thường trực"},
            # Lan holds two posts; she signs for the Women's Union with the post of that organisation.
            women: {"person": lan},
            police: {"title": "Trưởng Công an xã"},
        },
    )
    signers = {s.participant_id: s for s in ProgramSignatory.objects.all()}
    assert (signers[front.pk].person, signers[front.pk].title) == (hoa, title)
    assert (signers[women.pk].person, signers[women.pk].title) == (lan, "Chủ tịch Hội Liên hiệp Phụ nữ xã An")
    assert (signers[police.pk].person, signers[police.pk].title) == (None, "Trưởng Công an xã")


def test_it_keeps_a_typed_title_over_the_persons_post(draft, hoa, lan):
    front, women, police = _parties(draft)
    actions.do_sign_program(
        draft,
        acting_user=SYSTEM,
        signed_on=dt.date(2025, 1, 10),
        signatories={
            front: {"person": hoa, "title": "Chủ tịch Ủy ban MTTQ Việt Nam xã"},
            women: {"person": lan},
            police: {"title": "Trưởng Công an xã"},
        },
    )
    assert ProgramSignatory.objects.get(person=hoa).title == "Chủ tịch Ủy ban MTTQ Việt Nam xã"


def test_it_refuses_a_person_without_a_post_that_day_and_signs_nothing(tree, draft, hoa):
    front, women, police = _parties(draft)
    minh = people_actions.do_create_person(acting_user=SYSTEM, unit=tree.commune, full_name="Lê Văn Minh")
    people_actions.do_add_person_post(
        minh, acting_user=SYSTEM, title="Trưởng Công an xã", start=dt.date(2025, 3, 1)
    )
    with pytest.raises(ActionError) as err:
        actions.do_sign_program(
            draft,
            acting_user=SYSTEM,
            signed_on=dt.date(2025, 1, 10),  # before Minh took his post
            signatories={front: {"person": hoa}, women: {"title": "Chủ tịch"}, police: {"person": minh}},
        )
    assert "Lê Văn Minh" in err.value.message and err.value.field == "signatories"
    draft.refresh_from_db()
    assert draft.status == ProgramStatus.DRAFT and not ProgramSignatory.objects.exists()


def test_it_signs_with_persons_from_the_program_page(client, tree, people, draft, hoa, lan):
    front, women, police = _parties(draft)
    url = reverse("programs:program", args=[draft.pk])
    client.force_login(people.ward_editor)
    page = client.get(url).content.decode()
    # The choices show the persons kept by the commune with their posts today.
    assert "Trần Thị Lan — Ủy viên Ủy ban" in page and f'name="person_{front.pk}"' in page
    data = {
        "signed_on": "2025-01-10",
        f"person_{front.pk}": hoa.pk,
        f"authority_{front.pk}": "TM. Ban Thường trực",
        f"person_{women.pk}": lan.pk,
        f"authority_{women.pk}": "TM. Ban Thường vụ",
        f"authority_{police.pk}": "",
    }
    sign = reverse("programs:program_sign", args=[draft.pk])
    missing = client.post(sign, data)
    assert (
        missing.status_code == 200 and "Chọn người ký hoặc nhập chức vụ người ký." in missing.content.decode()
    )
    assert not ProgramSignatory.objects.exists()
    assert client.post(sign, {**data, f"title_{police.pk}": "Trưởng Công an xã"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == ProgramStatus.SIGNED
    assert ProgramSignatory.objects.get(participant=front).title == "Chủ tịch Ủy ban MTTQ Việt Nam xã An"
    assert ProgramSignatory.objects.get(participant=women).authority == "TM. Ban Thường vụ"
    body = client.get(url).content.decode()
    assert reverse("people:person", args=[hoa.pk]) in body
    assert reverse("programs:person_awards", args=[hoa.pk]) in body


def test_it_signs_with_persons_through_the_api(client, people, draft, hoa, lan):
    front, women, police = _parties(draft)
    client.force_login(people.ward_editor)
    url = f"/api/v1/programs/{draft.pk}/sign"
    payload = {
        "signed_on": "2025-07-01",
        "signatories": [
            {"party_id": front.pk, "person_id": hoa.pk},
            {"party_id": women.pk, "person_id": lan.pk, "authority": "TM. Ban Thường vụ"},
        ],
    }
    r = client.post(url, payload, content_type="application/json")
    assert r.status_code == 400 and "Công an xã An" in r.json()["message"]
    payload["signatories"].append({"party_id": police.pk, "title": "Trưởng Công an xã"})
    r = client.post(url, payload, content_type="application/json")
    assert r.status_code == 200, r.content
    parties = {p["id"]: p for p in r.json()["parties"]}
    assert parties[front.pk]["signatory_person"] == "Nguyễn Thị Hoa"
    assert parties[front.pk]["signatory_title"] == "Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam xã An"
    client.force_login(people.ward_leader)
    assert client.post(url, payload, content_type="application/json").status_code == 403
