"""Pages and the API: what they show, what they change, their refusals, and query counts on list pages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document

from mattran.org import actions as org_actions
from mattran.org.models import EmulationCluster, Level, Unit
from mattran.programs import actions, demo
from mattran.programs.models import (
    Agreement,
    AssessmentMode,
    AssessmentScore,
    Ballot,
    LeadershipHandover,
    Program,
    ProgressEntry,
    SelfScore,
)
from tests.conftest import PASSWORD, SYSTEM
from tests.core.pdftext import pdf_flat
from tests.programs.conftest import open_vote

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def _agreement(c):
    agreement = actions.do_create_agreement(
        acting_user=SYSTEM, title="Giao ước", year=c.cluster.year, cluster=c.cluster
    )
    actions.do_add_criterion(agreement, acting_user=SYSTEM, content="Tuyên truyền", max_score=50)
    return actions.do_sign_agreement(agreement, acting_user=SYSTEM, signed_on=timezone.localdate())


def test_it_lists_in_a_fixed_number_of_queries(client, small_cluster):
    c = small_cluster
    _login(client, c.editors[0])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("programs:index")).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for year in (2024, 2025, 2026):
        actions.do_create_program(
            acting_user=SYSTEM, unit=c.units[0], year=year, title=f"Chương trình {year}"
        )
        _agreement_for_year = actions.do_create_agreement(
            acting_user=SYSTEM, title=f"Giao ước {year}", year=c.cluster.year, cluster=c.cluster
        )
        open_vote(c)
    assert _agreement_for_year and count() == before


def test_it_casts_a_ballot_from_the_vote_page_once(client, small_cluster):
    c = small_cluster
    vote = open_vote(c)
    _login(client, c.editors[1])
    page = client.get(reverse("programs:vote", args=[vote.pk]))
    assert "Phiếu của Xã Bình" in page.content.decode()
    ballot = reverse("programs:vote_cast_ballot", args=[vote.pk])
    assert f'action="{ballot}"' in page.content.decode()
    response = client.post(ballot, {"choices": [c.units[0].pk, c.units[2].pk]})
    assert response.status_code == 302
    assert Ballot.objects.get(vote=vote).unit == c.units[1]
    again = client.post(ballot, {"choices": [c.units[3].pk]})
    assert again.status_code == 200 and Ballot.objects.filter(vote=vote).count() == 1
    assert "Xã Bình đã bỏ phiếu." in again.content.decode()
    # Closing and tallying are the leader's.
    assert client.post(reverse("programs:vote_close", args=[vote.pk])).status_code == 403
    vote.refresh_from_db()
    assert vote.status == "dang_bo_phieu"


def test_it_refuses_a_ballot_from_a_read_only_role_or_an_outsider(client, small_cluster):
    c = small_cluster
    vote = open_vote(c)
    url = reverse("programs:vote", args=[vote.pk])
    ballot = reverse("programs:vote_cast_ballot", args=[vote.pk])
    assert _login(client, c.leaders[1]).post(ballot, {"choices": [c.units[0].pk]}).status_code == 403
    client.logout()
    assert _login(client, c.outsider).get(url).status_code == 403
    assert not Ballot.objects.exists()


def test_it_lets_the_leader_close_and_tally_and_shows_the_results(client, small_cluster):
    c = small_cluster
    vote = open_vote(c, places=1)
    for i in range(3):
        actions.do_cast_ballot(vote, acting_user=SYSTEM, unit=c.units[i], choices=[c.units[4]])
    url = reverse("programs:vote", args=[vote.pk])
    _login(client, c.editors[0])
    client.post(reverse("programs:vote_close", args=[vote.pk]))
    client.post(reverse("programs:vote_tally", args=[vote.pk]))
    body = client.get(url).content.decode()
    assert "Được đề nghị" in body and "3/5" in body
    awards = client.get(reverse("programs:unit_awards", args=[c.units[4].pk]))
    assert awards.status_code == 200 and "Cờ thi đua" in awards.content.decode()


def test_it_scores_and_assesses_from_the_agreement_page(client, small_cluster):
    c = small_cluster
    agreement = _agreement(c)
    criterion = agreement.criteria.get()
    url = reverse("programs:agreement", args=[agreement.pk])
    self_score = reverse("programs:agreement_self_score", args=[agreement.pk])
    assess = reverse("programs:agreement_assess", args=[agreement.pk])
    _login(client, c.editors[2])
    assert client.post(self_score, {"criterion": criterion.pk, "score": "45"}).status_code == 302
    assert SelfScore.objects.get().unit == c.units[2]
    score = {"unit": c.units[2].pk, "criterion": criterion.pk, "score": "40"}
    assert client.post(assess, score).status_code == 403
    client.logout()
    _login(client, c.editors[0])
    assert client.post(assess, score).status_code == 302
    body = client.get(url).content.decode()
    assert "Xếp hạng" in body and "40" in body
    over = client.post(assess, {"unit": c.units[1].pk, "criterion": criterion.pk, "score": "51"})
    assert over.status_code == 200 and "không được vượt quá" in over.content.decode()
    assert AssessmentScore.objects.filter(unit=c.units[1]).count() == 0


def test_it_opens_a_vote_and_creates_an_agreement_from_the_cluster_page(client, small_cluster):
    c = small_cluster
    _login(client, c.editors[0])
    url = reverse("programs:cluster_open_vote", args=[c.cluster.pk])
    closes = (timezone.localtime() + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url,
        {
            "award_kind": 1,
            "places": 2,
            "candidates": [u.pk for u in c.units],
            "secret": "on",
            "pass_rule": "qua_nua",
            "awarding_body": "Ủy ban MTTQ Việt Nam huyện",
            "closes_at": closes,
        },
    )
    assert response.status_code == 302 and c.cluster.peer_votes.count() == 1
    create = reverse("programs:agreement_create", args=[c.cluster.pk])
    response = client.post(create, {"title": "Giao ước thi đua", "assessment_mode": AssessmentMode.PEER_MEAN})
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and agreement.unit == c.leader and agreement.parties.count() == 5
    client.logout()
    _login(client, c.editors[1])
    assert client.post(url, {}).status_code == 403
    assert c.cluster.peer_votes.count() == 1


def test_it_builds_a_program_from_the_pages(client, tree, people):
    _login(client, people.ward_editor)
    response = client.post(
        reverse("programs:program_create"), {"year": 2025, "title": "Chương trình phối hợp năm 2025"}
    )
    program = Program.objects.get()
    url = reverse("programs:program", args=[program.pk])

    def command(name: str) -> str:
        return reverse(f"programs:program_{name}", args=[program.pk])

    assert response.status_code == 302
    client.post(command("add_participant"), {"name": "Công an xã An"})
    client.post(command("add_content"), {"title": "Giữ gìn an ninh trật tự"})
    party = program.participants.get(name="Công an xã An")
    content = program.contents.get()
    client.post(command("add_task"), {"content": content.pk, "title": "Tổ tự quản", "responsible": party.pk})
    data = {"signed_on": "2025-01-10"}
    for p in program.participants.all():
        data[f"title_{p.pk}"] = "Đại diện lãnh đạo"
        data[f"authority_{p.pk}"] = "TM."
    assert client.post(command("sign"), data).status_code == 302
    task = content.tasks.get()
    progress = {"task": task.pk, "period": "6_thang", "status": "dang_thuc_hien"}
    client.post(command("record_progress"), progress)
    assert ProgressEntry.objects.get().task == task
    body = client.get(url).content.decode()
    assert "Tiến độ theo đơn vị chủ trì" in body and "Đang thực hiện" in body
    response = client.post(reverse("programs:program_copy_forward", args=[program.pk]))
    assert response.status_code == 302 and Program.objects.filter(year=2026).exists()
    client.logout()
    _login(client, people.district_leader)
    assert client.get(url).status_code == 200
    assert client.post(command("add_content"), {"title": "X"}).status_code == 403
    assert program.contents.count() == 1


def test_it_shows_the_example_cluster_and_writes_its_documents(client, examples, django_user_model):
    cluster = EmulationCluster.objects.get(name=demo.CLUSTER_NAME, year=2023)
    client.force_login(django_user_model.objects.create_superuser("root2", password=PASSWORD))
    body = client.get(reverse("programs:cluster", args=[cluster.pk])).content.decode()
    assert "bàn giao Cờ đơn vị Cụm trưởng thi đua năm 2024 cho Thành phố Cần Thơ" in body
    # The persons of the handover link to their pages and award histories.
    handover = cluster.handover_out
    assert reverse("people:person", args=[handover.handed_by_id]) in body
    assert reverse("programs:person_awards", args=[handover.received_by_id]) in body
    summary = client.get(reverse("programs:cluster_docx", args=[cluster.pk]))
    cells = " ".join(
        c.text for t in Document(io.BytesIO(summary.content)).tables for r in t.rows for c in r.cells
    )
    assert "Cờ thi đua" in cells and "Ủy ban MTTQ Việt Nam thành phố Hà Nội" in cells
    le_chan = Unit.objects.get(structure="legacy", level__code=Level.DISTRICT, code="305")
    agreement = Agreement.objects.get(unit=le_chan)
    doc = client.get(reverse("programs:agreement_docx", args=[agreement.pk]))
    text = Document(io.BytesIO(doc.content))
    cells = " ".join(c.text for t in text.tables for r in t.rows for c in r.cells)
    assert "GIAO ƯỚC THI ĐUA" in "\n".join(p.text for p in text.paragraphs)
    assert "Tăng cường đoàn kết quốc tế, mở rộng hoạt động đối ngoại nhân dân" in cells
    assert "ỦY BAN MTTQ VIỆT NAM QUẬN LÊ CHÂN" in cells
    pdf = pdf_flat(client.get(reverse("programs:agreement_pdf", args=[agreement.pk])).content)
    assert "GIAO ƯỚC THI ĐUA" in pdf and "Tăng cường đoàn kết quốc tế" in pdf
    summary_pdf = pdf_flat(client.get(reverse("programs:cluster_pdf", args=[cluster.pk])).content)
    assert "Cờ thi đua" in summary_pdf and "Ủy ban MTTQ Việt Nam thành phố Hà Nội" in summary_pdf
    hoan_kiem = Program.objects.get(unit__code="002", year=2019)
    assert client.get(reverse("programs:program", args=[hoan_kiem.pk])).status_code == 200
    program_pdf = pdf_flat(client.get(reverse("programs:program_pdf", args=[hoan_kiem.pk])).content)
    assert "Liên đoàn Lao động" in program_pdf or "LIÊN ĐOÀN LAO ĐỘNG" in program_pdf
    assert client.get(reverse("programs:campaigns")).status_code == 200


def test_it_answers_the_api_with_structured_errors(client, small_cluster):
    c = small_cluster
    vote = open_vote(c)
    agreement = _agreement(c)
    _login(client, c.editors[1])
    url = f"/api/v1/peer-votes/{vote.pk}/ballots"
    ok = client.post(url, {"unit_ids": [c.units[0].pk]}, content_type="application/json")
    assert ok.status_code == 201 and ok.json()["ballots"] == 1
    again = client.post(url, {"unit_ids": [c.units[0].pk]}, content_type="application/json")
    assert again.status_code == 409 and again.json()["error"] == "already_voted"
    assert (
        client.post(f"/api/v1/peer-votes/{vote.pk}/tally", content_type="application/json").status_code == 403
    )
    criterion = agreement.criteria.get()
    r = client.post(
        f"/api/v1/agreements/{agreement.pk}/self-scores",
        {"criterion_id": criterion.pk, "score": "70"},
        content_type="application/json",
    )
    assert r.status_code == 400 and r.json()["field"] == "score"
    r = client.post(
        f"/api/v1/agreements/{agreement.pk}/self-scores",
        {"criterion_id": criterion.pk, "score": "33.5"},
        content_type="application/json",
    )
    assert r.status_code == 200 and [
        row["self_total"] for row in r.json()["ranking"] if row["unit_id"] == c.units[1].pk
    ] == ["33.50"]
    assert client.get("/api/v1/campaigns").json()[0]["is_national"] is True
    client.logout()
    _login(client, c.outsider)
    assert client.get(f"/api/v1/peer-votes/{vote.pk}").status_code == 403


def test_it_hands_the_leaders_flag_over_from_the_cluster_page(client, small_cluster):
    c = small_cluster
    next_year = org_actions.do_create_cluster(
        acting_user=SYSTEM,
        name=c.cluster.name,
        year=c.cluster.year + 1,
        organiser=c.cluster.organiser,
        members=c.units,
        leader=c.units[0],
    )
    url = reverse("programs:cluster_hand_over", args=[c.cluster.pk])
    data = {"leader": c.units[1].pk, "deputy": c.units[2].pk, "handed_on": timezone.localdate().isoformat()}
    _login(client, c.editors[1])  # a member, not the leader
    assert client.post(url, data).status_code == 403
    assert not LeadershipHandover.objects.exists()
    _login(client, c.editors[0])
    assert 'id="hand-over"' in client.get(reverse("programs:cluster", args=[c.cluster.pk])).content.decode()
    assert client.post(url, data).status_code == 302
    handover = LeadershipHandover.objects.get()
    assert (handover.from_unit, handover.to_unit, handover.to_cluster) == (c.units[0], c.units[1], next_year)
    next_year.refresh_from_db()
    assert (next_year.leader, next_year.deputy) == (c.units[1], c.units[2])
