"""Nothing out of scope is returned, by any page or API operation: every URL pattern of the URL conf and every
operation of the OpenAPI schema is called with an account of another province and with no account, with the
ids of records of phường Bồ Đề (Hà Nội) in the path, and no answer may carry what those records keep private.

The routes come from the URL conf and the schema, so a new route is walked without changing this test; a
path parameter this test cannot fill fails it, naming the parameter to map in PARAMS.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from mattran.core.models import AuditEntry
from mattran.meetings.actions import do_add_attachment, do_create_meeting
from mattran.org.models import Unit
from mattran.org.queries import subtree_ids
from mattran.people.actions import do_add_membership, do_create_person, do_create_term
from mattran.people.models import Term
from tests.conftest import SYSTEM, bearer

# What the records of phường Bồ Đề keep private: none of it may reach another province or the public.
MARKERS = ("Bí Mật Bảy Quý", "TÔN-GIÁO-7Q", "DÂN-TỘC-7Q", "LIÊN-HỆ-7Q", "GHI-CHÚ-7Q", "HỘI-NGHỊ-KÍN-7Q")

# path parameter → the model whose Bồ Đề record fills it (None: filled in `values`)
PARAMS = {
    "unit_id": None, "person_id": None, "meeting_id": None, "attachment_id": None, "term_id": None,
    "membership_id": None, "user_id": None, "token_id": "accounts.ApiToken", "org_id": "org.MemberOrganization",
    "cluster_id": "org.EmulationCluster", "item_id": "meetings.AgendaItem", "program_id": "programs.Program",
    "task_id": "programs.ProgramTask", "campaign_id": "programs.Campaign", "agreement_id": "programs.Agreement",
    "vote_id": "programs.PeerVote", "proposal_id": "programs.AwardProposal", "evidence_id": "programs.ScoreEvidence",
    "entry_id": "funds.LedgerEntry", "fund_id": "funds.Fund", "receipt_id": "funds.Receipt",
    "account_id": "funds.BankAccount", "statement_id": "funds.BankStatement", "appeal_id": "funds.Appeal",
    "decision_id": "funds.Decision", "disbursement_id": "funds.Disbursement", "beneficiary_id": "funds.Beneficiary",
    "submission_id": "reports.Submission", "form_code": "BM-THANG", "period_key": "2025-06", "fmt": "docx",
    "what": "khach-moi", "op": "sap-nhap", "uidb64": "MQ", "token": "abc-123", "app_label": "people",
    "object_id": None, "content_type_id": None, "url": "people/person/", "id": None,
    "override_id": "core.DayOverride", "agency_id": "org.Agency", "case_id": "petitions.Case",
    "session_id": "petitions.CouncilSession", "code": "ZZZZZZZZZZZZ",
    "programme_id": "oversight.SupervisionProgramme", "activity_id": "oversight.SupervisionActivity",
    "kind": "quyet-dinh", "rec_id": "oversight.Recommendation", "draft_id": "oversight.CriticismDraft",
    "point_id": "oversight.CriticismPoint", "photo_id": "oversight.SessionPhoto",
    "evaluation_id": "oversight.ResidentialEvaluation",
    "change_id": "meetings.ConsultationChange", "figure_id": "meetings.MeetingFigure",
}  # fmt: skip
# Units of the model (first that exists) that place a record in Hà Nội.
UNIT_PATHS = ("unit", "fund__unit", "account__unit", "meeting__unit", "program__unit", "agreement__administering_unit",
              "content__program__unit", "self_score__unit", "submission__unit", "organiser", "user__profile__unit")  # fmt: skip


@pytest.fixture
def world(settings, tmp_path):
    from mattran.home.demo import load_demo

    settings.MEDIA_ROOT = tmp_path  # the attachment below, and any the demo stores

    load_demo()
    bode = Unit.objects.get(name="Phường Bồ Đề", valid_to__isnull=True)
    hanoi = bode.parent
    while hanoi.parent_id and hanoi.level.rank > 1:
        hanoi = hanoi.parent
    secret = do_create_person(
        acting_user=SYSTEM, unit=bode, full_name="Nguyễn Văn Bí Mật Bảy Quý", birth_year=1958,
        ethnicity="DÂN-TỘC-7Q", religion="TÔN-GIÁO-7Q", contact="LIÊN-HỆ-7Q", notes="GHI-CHÚ-7Q",
    )  # fmt: skip
    term = Term.objects.filter(unit=bode).order_by("-start").first() or do_create_term(
        acting_user=SYSTEM, unit=bode, label="khóa thử 7Q", start=dt.date(2030, 1, 1)
    )
    membership = do_add_membership(
        acting_user=SYSTEM, term=term, person=secret, position="uv_uy_ban", start=dt.date(2030, 1, 1)
    )
    meeting = do_create_meeting(
        acting_user=SYSTEM, unit=bode, kind="hoi_nghi_ban_thuong_truc", title="HỘI-NGHỊ-KÍN-7Q",
        starts_at=dt.datetime(2030, 1, 5, 8, tzinfo=dt.UTC),
    )  # fmt: skip
    attachment = do_add_attachment(
        meeting,
        acting_user=SYSTEM,
        upload=SimpleUploadedFile("kin.pdf", "%PDF-1.4 HỘI-NGHỊ-KÍN-7Q".encode(), "application/pdf"),
    )
    User = get_user_model()
    values = {
        "unit_id": bode.pk, "person_id": secret.pk, "meeting_id": meeting.pk, "attachment_id": attachment.pk,
        "term_id": term.pk, "membership_id": membership.pk, "user_id": User.objects.get(username="bode.canbo").pk,
        "object_id": secret.pk, "content_type_id": 1, "id": secret.pk,
    }  # fmt: skip
    in_hanoi = list(Unit.objects.filter(pk__in=subtree_ids(hanoi.pk)).values_list("pk", flat=True))
    for name, source in PARAMS.items():
        if name in values or source is None:
            continue
        if "." not in source:
            values[name] = source
            continue
        model = apps.get_model(source)
        rows = model.objects.order_by("pk")
        for path in UNIT_PATHS:
            try:
                found = rows.filter(**{f"{path}__in": in_hanoi}).first()
            except Exception:  # noqa: BLE001 — the model has no such path
                continue
            if found is not None:
                values[name] = found.pk
                break
        else:
            values[name] = rows.values_list("pk", flat=True).first() or 1
    outsider = User.objects.get(username="haiphong.canbo")
    theirs = Unit.objects.filter(pk__in=subtree_ids(outsider.profile.unit_id)).values_list("pk", flat=True)
    assert not set(theirs) & set(in_hanoi)
    return {"values": values, "outsider": outsider}


def _patterns(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[tuple[str, dict]]:
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            if prefix + route == "api/v1/":
                continue  # walked by operation, from the OpenAPI schema
            yield from _patterns(entry, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + route, entry.pattern.converters if isinstance(entry.pattern, RoutePattern) else {}


def _fill(route: str, values: dict) -> str:
    def one(match: re.Match) -> str:
        name = match.group("name")
        assert name in values, f"unknown path parameter {name!r} in {route}: map it in PARAMS"
        return str(values[name])

    path = re.sub(r"<(?:(?P<conv>[^>:]+):)?(?P<name>\w+)>", one, route)
    # regex routes (the admin's): their named groups, then the pattern's anchors and escapes
    path = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", one, path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


def _leaks(response) -> list[str]:
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    text = body.decode("utf-8", "replace")
    return [marker for marker in MARKERS if marker in text]


def _walk_pages(world) -> list[str]:
    """Every URL pattern, GET, as the outsider and as an anonymous visitor."""
    values = world["values"]
    outsider, anonymous = Client(), Client()
    outsider.force_login(world["outsider"])
    audit_before = AuditEntry.objects.count()
    walked, problems = 0, []
    for route, _converters in _patterns():
        path = _fill(route, values)
        for who, client in (("outsider", outsider), ("anonymous", anonymous)):
            response = client.get(path)
            walked += 1
            if response.status_code >= 500:
                problems.append(f"{who} GET {path}: {response.status_code}")
            leaked = _leaks(response)
            if leaked:
                problems.append(f"{who} GET {path}: {response.status_code} shows {leaked}")
    assert walked > 200
    assert AuditEntry.objects.filter(action="people.read_sensitive").count() == 0
    assert AuditEntry.objects.count() == audit_before
    return problems


def _operations(client: Client) -> Iterator[tuple[str, str]]:
    schema = client.get("/api/v1/openapi.json").json()
    for path, methods in schema["paths"].items():
        for method in methods:
            if method in {"get", "post", "put", "patch", "delete"}:
                yield method, path


def _walk_api(world) -> list[str]:
    """Every operation of the schema as the outsider (its token) and anonymously; writes with an empty body."""
    values = world["values"]
    client = Client()
    headers = bearer(world["outsider"])
    audit_before = AuditEntry.objects.count()
    problems, operations = [], 0
    for method, template in _operations(client):
        operations += 1
        path = re.sub(
            r"\{(\w+)\}", lambda m: str(values[m.group(1)]) if m.group(1) in values else "MISSING", template
        )
        assert "MISSING" not in path, f"unknown path parameter in {template}: map it in PARAMS"
        for who, extra in (("outsider", headers), ("anonymous", {})):
            call = getattr(client, method)
            response = (
                call(path, headers=extra)
                if method == "get"
                else call(path, data={}, content_type="application/json", headers=extra)
            )
            if response.status_code >= 500:
                problems.append(f"{who} {method.upper()} {path}: {response.status_code}")
            if method != "get" and response.status_code < 400:
                problems.append(f"{who} {method.upper()} {path}: {response.status_code}, not refused")
            leaked = _leaks(response)
            if leaked:
                problems.append(f"{who} {method.upper()} {path}: {response.status_code} shows {leaked}")
    assert operations > 70
    # no write went through: every action writes its audit entry, and none was written
    assert AuditEntry.objects.count() == audit_before
    return problems


@pytest.mark.django_db(transaction=True)
def test_no_page_or_api_operation_returns_what_is_out_of_scope(world) -> None:
    """One demo for both walks (loading it is the slow part)."""
    problems = _walk_pages(world) + _walk_api(world)
    assert not problems, "\n".join(problems)
