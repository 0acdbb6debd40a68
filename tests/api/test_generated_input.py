"""The whole API fed generated input (schemathesis, from its OpenAPI schema): never a server error, and never a
status code the schema does not declare for the operation (a 405 on a route another route shadows, say).

Every operation gets values of every type and size its schema allows — ids and offsets of 10²⁰, empty and
odd strings, missing fields — as a national administrator sends them. A refusal is a structured 4xx; and
numbers beyond what the database holds are refused like any other invalid value, changing nothing.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings

from mattran.funds.actions import do_create_fund
from mattran.funds.models import LedgerEntry, Receipt
from tests.conftest import SYSTEM, bearer

EXAMPLES = int(os.environ.get("MATTRAN_GENERATED_EXAMPLES", "10"))  # per operation (about 80 operations)
HUGE = 10**20


def declared_statuses(operation) -> set[str]:
    """The status codes (or "4XX"-style ranges, or "default") the schema declares for an operation."""
    return {str(code) for code in operation.definition.raw.get("responses", {})}


def undeclared(status: int, declared: set[str]) -> bool:
    return not ({str(status), f"{str(status)[0]}XX", "default"} & declared)


def _server_errors(headers: dict, ids: dict[str, list[int]] | None = None) -> tuple[int, list[str]]:
    """Feed every operation EXAMPLES generated requests; return how many operations and the answers that
    are server errors (5xx) or carry a status code the schema does not declare for the operation.

    With ``ids``, a path parameter named there takes one of those ids (records that exist), so the call
    reaches the code past the 404.
    """
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    failures: list[str] = []
    declared_of: dict[str, set[str]] = {}
    operations = 0
    # As Django's test client does: the requests must not close the test's database connection.
    request_finished.disconnect(close_old_connections)
    try:
        for result in schema.get_all_operations():
            operation = result.ok()
            operations += 1
            declared_of[operation.label] = declared_statuses(operation)

            @given(case=operation.as_strategy())
            @hypothesis_settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def answers_without_a_server_error(case) -> None:
                for name in list(case.path_parameters or {}):
                    if ids and ids.get(name):
                        case.path_parameters[name] = ids[name][len(str(case.query)) % len(ids[name])]
                response = case.call(headers=headers)
                if response.status_code >= 500 or undeclared(
                    response.status_code, declared_of[case.operation.label]
                ):
                    failures.append(
                        f"{response.status_code} {case.method} {case.formatted_path} query={case.query} "
                        f"body={case.body!r:.200}"
                    )
                    raise AssertionError(failures[-1])

            try:
                answers_without_a_server_error()
            except AssertionError:
                continue  # recorded; go on to the next operation
    finally:
        request_finished.connect(close_old_connections)
    return operations, failures


@pytest.mark.django_db(transaction=True)  # each request commits or rolls back alone, as in production
def test_no_operation_answers_a_server_error_whatever_it_is_sent(settings, tree, people) -> None:
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    operations, failures = _server_errors(bearer(people.superuser))
    assert operations > 50
    assert not failures, "\n".join(failures[:10])


# The path parameters of the API and the records they name.
RECORDS = {
    "unit_id": "org.Unit", "cluster_id": "org.EmulationCluster", "person_id": "people.Person",
    "term_id": "people.Term", "membership_id": "people.Membership", "meeting_id": "meetings.Meeting",
    "item_id": "meetings.AgendaItem", "program_id": "programs.Program", "task_id": "programs.ProgramTask",
    "campaign_id": "programs.Campaign", "agreement_id": "programs.Agreement", "vote_id": "programs.PeerVote",
    "proposal_id": "programs.AwardProposal", "fund_id": "funds.Fund", "receipt_id": "funds.Receipt",
    "entry_id": "funds.LedgerEntry", "account_id": "funds.BankAccount", "statement_id": "funds.BankStatement",
    "appeal_id": "funds.Appeal", "decision_id": "funds.Decision", "disbursement_id": "funds.Disbursement",
    "beneficiary_id": "funds.Beneficiary", "form_id": "reports.ReportForm", "submission_id": "reports.Submission",
}  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_no_operation_answers_a_server_error_on_the_demos_records(settings, django_user_model) -> None:
    """The same on the demo's data (make run), each id in a path naming a record that exists: the calls get
    past the 404 into the actions and their checks (this found a meeting PATCH with null failing)."""
    from django.apps import apps

    from mattran.home.demo import load_demo

    load_demo()
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    admin = django_user_model.objects.create_superuser("quantri.thu", password="mot-mat-khau-dai-2025")
    ids = {
        name: list(apps.get_model(label).objects.order_by("pk").values_list("pk", flat=True)[:5])
        for name, label in RECORDS.items()
    }
    assert all(ids.values()), [name for name, found in ids.items() if not found]
    operations, failures = _server_errors(bearer(admin), ids)
    assert operations > 50
    assert not failures, "\n".join(failures[:10])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/funds?offset={HUGE}",  # above MAX_OFFSET: a field error
        f"/api/v1/funds/public/check?name=nguyen&amount={HUGE}",  # above MAX_AMOUNT: a field error
        f"/api/v1/units?parent={HUGE}",  # no bound: the database cannot hold it (SQLite)
    ],
)
def test_it_refuses_numbers_beyond_the_database_with_a_structured_400(client, tree, people, path) -> None:
    client.force_login(people.superuser)
    response = client.get(path)
    if "parent" in path and connection.vendor == "postgresql":
        # PostgreSQL compares a bigint with a number of 10²⁰ and finds nothing: an empty page, no error.
        assert response.status_code == 200 and response.json()["items"] == []
        return
    assert response.status_code == 400, response.content[:200]
    assert response.json()["error"] == "invalid"
    assert response.json()["message"]


@pytest.mark.django_db(transaction=True)
def test_a_receipt_of_an_impossible_amount_is_refused_and_changes_nothing(client, tree, people) -> None:
    fund = do_create_fund(acting_user=SYSTEM, unit=tree.commune, kind="relief", name="Quỹ Cứu trợ")
    client.force_login(people.superuser)
    response = client.post(
        f"/api/v1/funds/{fund.pk}/receipts",
        {"method": "cash", "donor_kind": "anonymous", "amount": HUGE, "received_on": "2024-09-10"},
        content_type="application/json",
    )
    assert response.status_code == 400, response.content[:300]
    assert response.json()["error"] == "invalid"
    assert not Receipt.objects.exists() and not LedgerEntry.objects.exists()


@pytest.mark.django_db
def test_the_apis_own_refusals_follow_the_readers_language(client, tree) -> None:
    from django.conf import settings

    assert client.get("/api/v1/units").json()["message"] == "Cần đăng nhập hoặc mã truy cập hợp lệ."
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/api/v1/units").json() == {
        "error": "unauthenticated",
        "message": "Log in, or send a valid access token.",
    }
    body = client.get("/api/v1/funds/public/statement-lines", {"limit": 0}).json()
    assert body["error"] == "invalid" and body["message"] == "The data sent is not valid."


@pytest.mark.django_db
def test_it_refuses_a_year_no_calendar_holds(client, tree, people) -> None:
    """Found by the generated input: a year of -16151 made the meetings list fail."""
    client.force_login(people.superuser)
    response = client.get(f"/api/v1/units/{tree.commune.pk}/meetings", {"year": -16151})
    assert response.status_code == 400 and response.json()["error"] == "invalid"
    assert client.get(f"/api/v1/units/{tree.commune.pk}/meetings", {"year": 2025}).status_code == 200
