"""A unit's own acts (its self-score, its ballot, its proposals) are made by that unit's editors and nobody
else's, whichever page, API call or command calls the action; each command has its own URL; a text is refused
when too long rather than cut."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.models import AuditEntry
from mattran.programs import actions
from mattran.programs.models import (
    AwardKind,
    AwardProposal,
    Ballot,
    Campaign,
    Program,
    ProgramReview,
    ReviewPeriod,
    ScoreEvidence,
    SelfScore,
)
from tests.conftest import SYSTEM
from tests.programs.conftest import open_vote

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% minh chung\n"


def _criterion(c):
    agreement = actions.do_create_agreement(
        acting_user=SYSTEM, title="Giao ước thi đua", year=c.cluster.year, cluster=c.cluster
    )
    criterion = actions.do_add_criterion(agreement, acting_user=SYSTEM, content="Tuyên truyền", max_score=50)
    actions.do_sign_agreement(agreement, acting_user=SYSTEM, signed_on=timezone.localdate())
    return criterion


def test_it_refuses_a_self_score_given_for_another_signatory(small_cluster):
    c = small_cluster
    criterion = _criterion(c)
    # The editor of unit 1 may score unit 1, not unit 2, though both signed.
    with pytest.raises(PermissionDenied):
        actions.do_self_score(criterion, acting_user=c.editors[1], unit=c.units[2], score=30)
    assert not SelfScore.objects.exists()
    actions.do_self_score(criterion, acting_user=c.editors[2], unit=c.units[2], score=30)
    assert SelfScore.objects.get().unit == c.units[2]


def test_it_refuses_a_ballot_cast_for_another_member(small_cluster):
    c = small_cluster
    vote = open_vote(c)
    with pytest.raises(PermissionDenied):
        actions.do_cast_ballot(vote, acting_user=c.editors[1], unit=c.units[3], choices=[c.units[0]])
    assert not Ballot.objects.exists()


def test_it_proposes_awards_only_on_the_own_units_behalf_and_within_its_subtree(tree, people):
    kind = AwardKind.objects.get(code="giay-khen")

    def propose(actor, proposed_by, unit):
        return actions.do_propose_award(
            acting_user=actor,
            proposed_by=proposed_by,
            year=2025,
            award_kind=kind,
            awarding_body="Ủy ban MTTQ Việt Nam huyện Một",
            unit=unit,
        )

    with pytest.raises(PermissionDenied):
        propose(people.ward_editor, tree.sibling, tree.village)  # on another unit's behalf
    with pytest.raises(PermissionDenied):
        propose(people.ward_editor, tree.commune, tree.other_commune)  # for a unit outside its subtree
    with pytest.raises(PermissionDenied):
        propose(people.ward_leader, tree.commune, tree.village)  # leaders read only
    assert not AwardProposal.objects.exists()
    proposal = propose(people.ward_editor, tree.commune, tree.village)
    assert (proposal.proposed_by, proposal.unit) == (tree.commune, tree.village)


def test_it_lets_only_a_superuser_add_an_award_form(people):
    with pytest.raises(PermissionDenied):
        actions.do_create_award_kind(
            acting_user=people.province_admin, code="ky-niem-chuong", name="Kỷ niệm chương"
        )
    kind = actions.do_create_award_kind(
        acting_user=people.superuser, code="ky-niem-chuong", name="Kỷ niệm chương"
    )
    assert AwardKind.objects.get(code="ky-niem-chuong") == kind


def test_it_saves_a_self_score_and_its_evidence_from_one_post(client, small_cluster):
    c = small_cluster
    criterion = _criterion(c)
    client.force_login(c.editors[1])
    url = reverse("programs:agreement_self_score", args=[criterion.agreement_id])
    upload = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")
    response = client.post(url, {"criterion": criterion.pk, "score": "42", "note": "", "evidence": upload})
    assert response.status_code == 302
    entry = SelfScore.objects.get()
    assert (entry.unit, entry.score) == (c.units[1], 42)
    assert ScoreEvidence.objects.get().self_score == entry
    audit = AuditEntry.objects.filter(action="programs.self_score").get()
    assert audit.after["evidence"] == "bao-cao.pdf"
    # A file that is not what its name says is refused with the score: nothing is saved.
    bad = SimpleUploadedFile("gia.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(url, {"criterion": criterion.pk, "score": "10", "note": "", "evidence": bad})
    assert response.status_code == 200 and "không đúng với phần mở rộng" in response.content.decode()
    entry.refresh_from_db()
    assert entry.score == 42 and ScoreEvidence.objects.count() == 1


def test_it_takes_each_command_as_a_post_to_its_own_url(client, tree, people):
    program = actions.do_create_program(
        acting_user=SYSTEM, unit=tree.commune, year=2025, title="Chương trình"
    )
    client.force_login(people.ward_editor)
    url = reverse("programs:program_add_content", args=[program.pk])
    # A command's URL opened (a reload, a copied link) leads back to its page.
    assert client.get(url).url == reverse("programs:program", args=[program.pk])
    # The page's forms post to their own URLs; no form carries a command name.
    page = client.get(reverse("programs:program", args=[program.pk])).content.decode()
    assert f'action="{url}"' in page and 'name="op"' not in page
    # A form of the old pages posting a command to the page itself is refused, not dropped silently.
    old_form = {"op": "content", "title": "Nội dung"}
    assert client.post(reverse("programs:program", args=[program.pk]), old_form).status_code == 405
    assert not program.contents.exists()
    # A refusal of the action shows beside the form on the page, and nothing is saved.
    response = client.post(url, {"title": " "})
    assert response.status_code == 200 and 'id="add-content"' in response.content.decode()
    assert not program.contents.exists()
    # Another unit's editor is refused outright.
    client.force_login(people.outsider)
    assert client.post(url, {"title": "Nội dung"}).status_code == 403
    assert not program.contents.exists()


def test_it_refuses_a_text_too_long_for_its_column_instead_of_cutting_it(tree):
    with pytest.raises(ActionError) as exc:
        actions.do_create_campaign(
            acting_user=SYSTEM,
            kind="phong_trao",
            name="Ngày Chủ nhật xanh",
            launching_body="Xã An",
            launching_unit=tree.commune,
            indicators=[("Số buổi " * 40, "buổi", "")],
        )
    assert exc.value.field == "indicators" and "300" in exc.value.message
    assert not Campaign.objects.filter(name="Ngày Chủ nhật xanh").exists()


def test_it_keeps_the_paragraphs_of_a_long_text(tree):
    program = actions.do_create_program(
        acting_user=SYSTEM, unit=tree.commune, year=2025, title="Chương trình"
    )
    actions.do_add_participant(program, acting_user=SYSTEM, name="Công an xã An")
    actions.do_add_content(program, acting_user=SYSTEM, title="Giữ gìn an ninh trật tự")
    actions.do_sign_program(
        program,
        acting_user=SYSTEM,
        signed_on=dt.date(2025, 1, 10),
        signatories={p: {"title": "Đại diện lãnh đạo"} for p in program.participants.all()},
    )
    actions.do_review_program(
        program,
        acting_user=SYSTEM,
        period=ReviewPeriod.MID_YEAR,
        held_on=dt.date(2025, 7, 1),
        summary="  Kết quả  tốt.\r\nCòn hạn chế:  ít  buổi. ",
    )
    assert ProgramReview.objects.get().summary == "Kết quả tốt.\nCòn hạn chế: ít buổi."
    assert Program.objects.get().status == "da_ky"
