"""Agreements: criteria, self-scores with evidence, the cluster's assessment (leader or peers' mean), ranking."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mattran.core.errors import ActionError
from mattran.programs import actions, queries
from mattran.programs.models import AgreementStatus, AssessmentMode, ScoreEvidence, SelfScore
from tests.conftest import SYSTEM

pytestmark = pytest.mark.django_db


def _agreement(c, mode=AssessmentMode.LEADER, maxima=(60, 40)):
    agreement = actions.do_create_agreement(
        acting_user=c.editors[0],
        title="Giao ước thi đua",
        year=c.cluster.year,
        cluster=c.cluster,
        assessment_mode=mode,
    )
    for i, m in enumerate(maxima, start=1):
        actions.do_add_criterion(agreement, acting_user=c.editors[0], content=f"Nội dung {i}", max_score=m)
    return actions.do_sign_agreement(agreement, acting_user=c.editors[0], signed_on=timezone.localdate())


def _ranking(agreement):
    return queries.ranking(queries.agreement_with_scores(agreement.pk))


def test_it_makes_the_cluster_leader_administer_a_cluster_agreement(small_cluster):
    agreement = _agreement(small_cluster)
    assert agreement.unit == small_cluster.leader and agreement.status == AgreementStatus.SIGNED
    assert agreement.parties.count() == 5 and agreement.max_total == Decimal("100")


def test_it_refuses_a_score_over_the_maximum_or_from_a_non_party(small_cluster, tree):
    c = small_cluster
    agreement = _agreement(c)
    criterion = agreement.criteria.get(number=2)
    with pytest.raises(ActionError) as exc:
        actions.do_self_score(criterion, acting_user=c.editors[1], unit=c.units[1], score="40.5")
    assert exc.value.code == "over_max"
    with pytest.raises(ActionError) as exc:
        actions.do_self_score(criterion, acting_user=SYSTEM, unit=tree.other_commune, score=10)
    assert exc.value.code == "not_party"
    with pytest.raises(ActionError):
        actions.do_self_score(criterion, acting_user=SYSTEM, unit=c.units[1], score="1.234")
    assert not SelfScore.objects.exists()


def test_it_corrects_a_self_score_instead_of_adding_a_second(small_cluster):
    c = small_cluster
    criterion = _agreement(c).criteria.get(number=1)
    actions.do_self_score(criterion, acting_user=c.editors[1], unit=c.units[1], score=50)
    actions.do_self_score(criterion, acting_user=c.editors[1], unit=c.units[1], score="55,5")
    assert list(SelfScore.objects.values_list("score", flat=True)) == [Decimal("55.50")]


def test_it_checks_evidence_files_for_type_and_size(small_cluster, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = small_cluster
    entry = actions.do_self_score(
        _agreement(c).criteria.first(), acting_user=SYSTEM, unit=c.units[1], score=10
    )
    pdf = SimpleUploadedFile("Báo cáo.pdf", b"%PDF-1.4 minh chung", content_type="application/pdf")
    evidence = actions.do_add_score_evidence(entry, acting_user=c.editors[1], upload=pdf)
    assert (evidence.original_name, evidence.content_type) == ("Báo cáo.pdf", "application/pdf")
    for upload, code in [
        (SimpleUploadedFile("virus.exe", b"MZ...", content_type="application/pdf"), "file_type"),
        (SimpleUploadedFile("gia.pdf", b"<html>", content_type="application/pdf"), "file_type"),
        (
            SimpleUploadedFile(
                "lon.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), content_type="application/pdf"
            ),
            "file_size",
        ),
    ]:
        with pytest.raises(ActionError) as exc:
            actions.do_add_score_evidence(entry, acting_user=c.editors[1], upload=upload)
        assert exc.value.code == code
    assert ScoreEvidence.objects.count() == 1


def test_it_ranks_by_the_leaders_scores_with_shared_ranks(small_cluster):
    c = small_cluster
    agreement = _agreement(c)
    first, second = agreement.criteria.order_by("number")
    totals = {0: (50, 40), 1: (55, 30), 2: (45, 40), 3: (60, 40), 4: (30, 20)}
    for i, (a, b) in totals.items():
        actions.do_self_score(first, acting_user=SYSTEM, unit=c.units[i], score=60)
        actions.do_assess(first, acting_user=SYSTEM, unit=c.units[i], by_unit=c.leader, score=a)
        actions.do_assess(second, acting_user=SYSTEM, unit=c.units[i], by_unit=c.leader, score=b)
    rows = _ranking(agreement)
    # 100, 90, 85, 85, 50 → ranks 1, 2, 3, 3, 5 (equal totals share a rank; the next one is skipped).
    assert [(r.unit.pk, r.total, r.rank, r.shared) for r in rows] == [
        (c.units[3].pk, Decimal("100"), 1, False),
        (c.units[0].pk, Decimal("90"), 2, False),
        (c.units[1].pk, Decimal("85"), 3, True),
        (c.units[2].pk, Decimal("85"), 3, True),
        (c.units[4].pk, Decimal("50"), 5, False),
    ]
    assert rows[1].unit.name < rows[2].unit.name or rows[1].total != rows[2].total
    assert all(r.self_total == Decimal("60") for r in rows) and all(r.complete for r in rows)


def test_it_refuses_a_peers_score_when_the_leader_scores(small_cluster):
    c = small_cluster
    criterion = _agreement(c).criteria.first()
    with pytest.raises(ActionError) as exc:
        actions.do_assess(criterion, acting_user=SYSTEM, unit=c.units[2], by_unit=c.units[1], score=10)
    assert exc.value.code == "not_assessor"


def test_it_takes_the_mean_of_the_peers_scores_when_configured(small_cluster):
    c = small_cluster
    agreement = _agreement(c, mode=AssessmentMode.PEER_MEAN, maxima=(10,))
    criterion = agreement.criteria.get()
    target = c.units[4]
    with pytest.raises(ActionError) as exc:
        actions.do_assess(criterion, acting_user=SYSTEM, unit=target, by_unit=target, score=10)
    assert exc.value.code == "own_unit"
    for by, score in zip(c.units[:3], ("8", "9", "9.5"), strict=True):
        actions.do_assess(criterion, acting_user=SYSTEM, unit=target, by_unit=by, score=score)
    row = next(r for r in _ranking(agreement) if r.unit == target)
    assert row.total == Decimal("8.83")  # (8 + 9 + 9.5) / 3 = 8.8333… rounded half-up to 0.01
    others = [r for r in _ranking(agreement) if r.unit != target]
    assert {r.rank for r in others} == {2} and all(r.shared and not r.complete for r in others)


def test_it_refuses_scores_once_results_are_closed(small_cluster):
    c = small_cluster
    agreement = _agreement(c)
    actions.do_close_agreement(agreement, acting_user=SYSTEM)
    with pytest.raises(ActionError) as exc:
        actions.do_self_score(agreement.criteria.first(), acting_user=SYSTEM, unit=c.units[1], score=1)
    assert exc.value.code == "closed"


def test_it_refuses_criteria_after_signing(small_cluster):
    agreement = _agreement(small_cluster)
    with pytest.raises(ActionError) as exc:
        actions.do_add_criterion(agreement, acting_user=SYSTEM, content="Thêm", max_score=5)
    assert exc.value.code == "not_draft" and agreement.criteria.count() == 2
