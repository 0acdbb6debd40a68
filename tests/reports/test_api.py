"""The reports API: values in, workflow, roll-ups out, structured errors."""

from __future__ import annotations

import pytest

from mattran.reports import actions
from mattran.reports.models import Submission, SubmissionState

from .conftest import enter, full_cells, month

pytestmark = pytest.mark.django_db

BASE = "/api/v1/reports"


def test_it_lists_indicators_and_forms(client, tree, people, catalogue):
    client.force_login(people.ward_editor)
    codes = {i["code"] for i in client.get(f"{BASE}/indicators").json()}
    assert {"NHA-DDK-XAY", "DON-TRA-LOI", "HOI-VIEN"} <= codes and len(codes) >= 40
    forms = {f["code"]: f for f in client.get(f"{BASE}/forms").json()}
    assert len(forms["BM-THANG"]["indicators"]) == 40


def test_it_takes_values_runs_the_workflow_and_rolls_up(client, tree, people, catalogue, district_admin):
    client.force_login(people.ward_editor)
    values = [{"indicator": c, "breakdown": b, "value": v} for (c, b), v in full_cells(catalogue, 3).items()]
    r = client.put(f"{BASE}/units/{tree.commune.pk}/forms/BM-THANG/2024-03/values", {"values": values},
                   content_type="application/json")  # fmt: skip
    assert r.status_code == 200, r.content
    sub_id = r.json()["id"]
    assert (
        client.post(f"{BASE}/submissions/{sub_id}/submit", {}, content_type="application/json").status_code
        == 200
    )
    denied = client.post(f"{BASE}/submissions/{sub_id}/approve", {}, content_type="application/json")
    assert denied.status_code == 403 and denied.json()["error"] == "forbidden"
    client.force_login(district_admin)
    assert (
        client.post(f"{BASE}/submissions/{sub_id}/approve", {}, content_type="application/json").status_code
        == 200
    )
    assert Submission.objects.get(pk=sub_id).state == SubmissionState.APPROVED
    rows = client.get(f"{BASE}/rollup", {"unit": tree.district.pk, "indicators": "GS-CUOC,DON-TY-LE-TRA-LOI",
                                         "start": "2024-01", "end": "2024-12"}).json()  # fmt: skip
    by_code = {r["indicator"]: r for r in rows}
    assert by_code["GS-CUOC"]["value"] == 3
    assert by_code["DON-TY-LE-TRA-LOI"]["text"] == "100,0"


def test_it_answers_bad_values_with_structured_errors_and_writes_nothing(client, tree, people, catalogue):
    client.force_login(people.ward_editor)
    r = client.put(
        f"{BASE}/units/{tree.commune.pk}/forms/BM-THANG/2024-03/values",
        {"values": [{"indicator": "DON-TIEP-NHAN", "value": 1}, {"indicator": "DON-TRA-LOI", "value": 5}]},
        content_type="application/json",
    )
    body = r.json()
    assert r.status_code == 400 and body["error"] == "invalid_values"
    assert body["details"][0]["field"] == "v__DON-TRA-LOI__"
    from mattran.reports.models import Value

    assert not Value.objects.filter(source="E").exists()


def test_it_hides_other_provinces_reports(client, tree, people, catalogue):
    client.force_login(people.outsider)
    r = client.get(f"{BASE}/rollup", {"unit": tree.province.pk, "indicators": "GS-CUOC", "start": "2024"})
    assert r.status_code == 403


def test_it_returns_and_reopens_a_report_each_at_its_own_endpoint(
    client, tree, people, catalogue, district_admin
):
    sub = enter(people.ward_editor, catalogue, tree.commune, month(2024, 3), full_cells(catalogue))
    actions.do_submit_submission(sub, acting_user=people.ward_editor)
    client.force_login(district_admin)
    r = client.post(f"{BASE}/submissions/{sub.pk}/return", {"comment": ""}, content_type="application/json")
    assert r.status_code == 400 and r.json()["field"] == "comment"
    r = client.post(
        f"{BASE}/submissions/{sub.pk}/return", {"comment": "Sửa"}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["state"] == SubmissionState.RETURNED
    actions.do_submit_submission(sub, acting_user=people.ward_editor)
    actions.do_approve_submission(sub, acting_user=district_admin)
    r = client.post(
        f"{BASE}/submissions/{sub.pk}/reopen", {"comment": "Sai"}, content_type="application/json"
    )
    assert r.status_code == 200 and Submission.objects.get(pk=sub.pk).state == SubmissionState.RETURNED
    assert (
        client.post(f"{BASE}/submissions/{sub.pk}/op", {}, content_type="application/json").status_code == 404
    )
