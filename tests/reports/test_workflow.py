"""Draft → submitted → approved / returned; approved figures are locked; re-opening is the approver's."""

from __future__ import annotations

import pytest

from mattran.core.errors import ActionError
from mattran.core.models import AuditEntry
from mattran.reports import actions
from mattran.reports.models import Submission, SubmissionState, Value

from .conftest import enter, full_cells, month

pytestmark = pytest.mark.django_db


def test_it_refuses_to_submit_an_incomplete_report_and_stays_a_draft(tree, people, catalogue):
    sub = enter(people.ward_editor, catalogue, tree.commune, month(2024, 3), {("GS-CUOC", ""): 2})
    with pytest.raises(ActionError) as exc:
        actions.do_submit_submission(sub, acting_user=people.ward_editor)
    assert exc.value.code == "incomplete"
    assert Submission.objects.get(pk=sub.pk).state == SubmissionState.DRAFT


def test_it_submits_approves_and_locks_a_report(tree, people, catalogue, district_admin):
    sub = enter(people.ward_editor, catalogue, tree.commune, month(2024, 3), full_cells(catalogue))
    actions.do_submit_submission(sub, acting_user=people.ward_editor)
    with pytest.raises(ActionError) as exc:
        actions.do_save_values(sub, acting_user=people.ward_editor, cells={("GS-CUOC", ""): 99})
    assert exc.value.code == "locked"
    actions.do_approve_submission(sub, acting_user=district_admin)
    sub.refresh_from_db()
    assert (sub.state, sub.decided_by) == (SubmissionState.APPROVED, district_admin)
    with pytest.raises(ActionError):
        actions.do_save_values(sub, acting_user=people.ward_editor, cells={("GS-CUOC", ""): 99})
    assert Value.objects.get(unit=tree.commune, indicator__code="GS-CUOC").value == 10
    assert AuditEntry.objects.filter(action="reports.approve", actor=district_admin).count() == 1


def test_it_returns_a_report_with_a_comment_for_correction(tree, people, catalogue, district_admin):
    sub = enter(people.ward_editor, catalogue, tree.commune, month(2024, 3), full_cells(catalogue))
    actions.do_submit_submission(sub, acting_user=people.ward_editor)
    with pytest.raises(ActionError) as exc:
        actions.do_return_submission(sub, acting_user=district_admin, comment="  ")
    assert exc.value.field == "comment"
    actions.do_return_submission(sub, acting_user=district_admin, comment="Số hộ nghèo chưa khớp")
    sub.refresh_from_db()
    assert (sub.state, sub.comment) == (SubmissionState.RETURNED, "Số hộ nghèo chưa khớp")
    actions.do_save_values(sub, acting_user=people.ward_editor, cells={("SINH-KE-NGUOI", ""): 12})
    actions.do_submit_submission(sub, acting_user=people.ward_editor)
    assert Submission.objects.get(pk=sub.pk).state == SubmissionState.SUBMITTED


def test_it_lets_only_the_approver_reopen_and_audits_it(tree, people, catalogue, district_admin):
    sub = enter(people.ward_editor, catalogue, tree.commune, month(2024, 3), full_cells(catalogue))
    actions.do_submit_submission(sub, acting_user=people.ward_editor)
    actions.do_approve_submission(sub, acting_user=district_admin)
    for user in (people.ward_admin, people.ward_editor, people.province_admin):
        with pytest.raises(ActionError) as exc:
            actions.do_reopen_submission(sub, acting_user=user, reason="sửa")
        assert exc.value.status == 403
    with pytest.raises(ActionError):
        actions.do_reopen_submission(sub, acting_user=district_admin, reason="")
    actions.do_reopen_submission(sub, acting_user=district_admin, reason="Sai số quà tặng")
    assert Submission.objects.get(pk=sub.pk).state == SubmissionState.RETURNED
    entry = AuditEntry.objects.get(action="reports.reopen")
    assert entry.actor == district_admin and "Sai số quà tặng" in entry.summary


def test_it_does_not_let_a_commune_approve_itself(tree, people, catalogue):
    sub = enter(people.ward_editor, catalogue, tree.commune, month(2024, 3), full_cells(catalogue))
    actions.do_submit_submission(sub, acting_user=people.ward_editor)
    for user in (people.ward_admin, people.ward_editor, people.district_leader, people.province_admin):
        with pytest.raises(ActionError) as exc:
            actions.do_approve_submission(sub, acting_user=user)
        assert exc.value.status == 403
    assert Submission.objects.get(pk=sub.pk).state == SubmissionState.SUBMITTED


def test_it_does_not_let_a_province_edit_a_communes_draft(tree, people, catalogue):
    sub = enter(people.ward_editor, catalogue, tree.commune, month(2024, 3), {("GS-CUOC", ""): 2})
    with pytest.raises(ActionError) as exc:
        actions.do_save_values(sub, acting_user=people.province_admin, cells={("GS-CUOC", ""): 50})
    assert exc.value.status == 403
    with pytest.raises(ActionError):
        actions.do_submit_submission(sub, acting_user=people.province_admin)
    assert Value.objects.get(unit=tree.commune, indicator__code="GS-CUOC").value == 2


@pytest.mark.parametrize(
    ("cells", "field"),
    [
        ({("GS-CUOC", ""): "mười"}, "v__GS-CUOC__"),
        ({("GS-CUOC", ""): "-3"}, "v__GS-CUOC__"),
        ({("GS-CUOC", ""): "2,5"}, "v__GS-CUOC__"),
        ({("DON-TIEP-NHAN", ""): 5, ("DON-TRA-LOI", ""): 6}, "v__DON-TRA-LOI__"),
        ({("HOA-GIAI-VU", ""): 1, ("HOA-GIAI-THANH", ""): 2}, "v__HOA-GIAI-THANH__"),
    ],
)
def test_it_rejects_bad_figures_by_field_and_writes_nothing(tree, people, catalogue, cells, field):
    sub = actions.do_open_submission(acting_user=people.ward_editor, form=catalogue, unit=tree.commune,
                                     period=month(2024, 3))  # fmt: skip
    good = {("TCD-LUOT", ""): "1.800"}
    with pytest.raises(ActionError) as exc:
        actions.do_save_values(sub, acting_user=people.ward_editor, cells={**good, **cells})
    assert field in [d["field"] for d in exc.value.details]
    assert not Value.objects.filter(unit=tree.commune, source="E").exists()


def test_it_reads_vietnamese_number_formats(tree, people, catalogue):
    sub = enter(
        people.ward_editor, catalogue, tree.commune, month(2024, 3), {("TT-LUOT-NGUOI", "nam"): "1.800.000"}
    )
    assert Value.objects.get(submission=sub, indicator__code="TT-LUOT-NGUOI").value == 1_800_000


def test_it_asks_for_an_explanation_of_an_outlier(tree, people, catalogue):
    enter(people.ward_editor, catalogue, tree.commune, month(2024, 2), {("TT-LUOT-NGUOI", "nu"): 20})
    sub = actions.do_open_submission(acting_user=people.ward_editor, form=catalogue, unit=tree.commune,
                                     period=month(2024, 3))  # fmt: skip
    with pytest.raises(ActionError) as exc:
        actions.do_save_values(sub, acting_user=people.ward_editor, cells={("TT-LUOT-NGUOI", "nu"): 500})
    assert exc.value.details[0]["field"] == "note__TT-LUOT-NGUOI"
    actions.do_save_values(sub, acting_user=people.ward_editor, cells={("TT-LUOT-NGUOI", "nu"): 500},
                           notes={"TT-LUOT-NGUOI": "Tết Nguyên đán"})  # fmt: skip
    assert Value.objects.get(submission=sub, indicator__code="TT-LUOT-NGUOI").note == "Tết Nguyên đán"


def test_it_stores_computed_figures_marked_as_computed(tree, people, catalogue):
    sub = enter(people.ward_editor, catalogue, tree.commune, month(2024, 3), {("GS-CUOC", ""): 1})
    kdc = Value.objects.get(submission=sub, indicator__code="KDC-SO")
    assert (kdc.value, kdc.source) == (1, "C")  # Thôn Đông
    assert Value.objects.get(submission=sub, indicator__code="GS-CUOC").source == "E"
