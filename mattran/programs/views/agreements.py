"""Emulation agreements: creating one (a cluster's, or among a set of units), its page with the ranking,
and one URL per change — a criterion, the signing, a self-score, an assessment, the closing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mattran.core.web import document_response, fetch, require
from mattran.org.models import EmulationCluster, Unit
from mattran.org.queries import children

from .. import actions, documents, forms, queries
from ..models import Agreement, AgreementStatus, AssessmentMode
from .common import command, own_unit, press, require_own_unit, submit

ADMINISTER = "programs.administer_agreement"


def _to(agreement: Agreement) -> str:
    return reverse("programs:agreement", args=[agreement.pk])


def _admin_unit(agreement: Agreement) -> Unit:
    """The unit that administers the agreement: the cluster's current leader, else the agreement's unit
    (``rules.admin_unit_id``)."""
    cluster = agreement.cluster
    return cluster.leader if cluster is not None and cluster.leader is not None else agreement.unit


@login_required
def agreement_create(request: HttpRequest, cluster_id: int) -> HttpResponse:
    """The cluster's agreement, created by its leader."""
    cluster = fetch(
        request, EmulationCluster.objects.select_related("leader"), cluster_id, "programs.lead_cluster"
    )
    form = forms.AgreementForm(
        request.POST or None, initial={"title": f"Giao ước thi đua năm {cluster.year}"}
    )

    def page(form: forms.AgreementForm) -> HttpResponse:
        title = _("Giao ước thi đua — %(cluster)s") % {"cluster": cluster}
        return render(request, "programs/form.html", {"form": form, "title": title, "submit": _("Tạo")})

    if request.method != "POST":
        return page(form)
    return submit(
        request,
        form,
        lambda f: actions.do_create_agreement(
            acting_user=request.user, cluster=cluster, year=cluster.year, **f.cleaned_data
        ),
        done=_to,
        page=page,
    )


def _agreement_units(unit: Unit) -> QuerySet[Unit]:
    """The units offered as signatories of a unit's agreement: itself, its children, then its siblings."""
    mine = children(unit).values("pk")
    siblings = (
        children(unit.parent).values("pk") if unit.parent is not None else Unit.objects.none().values("pk")
    )
    return (
        Unit.objects.filter(Q(pk=unit.pk) | Q(pk__in=mine) | Q(pk__in=siblings))
        .select_related("level")
        .annotate(
            offer_order=Case(
                When(pk=unit.pk, then=Value(0)),
                When(pk__in=mine, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("offer_order", "name")
    )


@login_required
def agreement_create_for_units(request: HttpRequest) -> HttpResponse:
    """An agreement among a set of units chosen by the user's unit, which administers it."""
    unit = require_own_unit(request)
    require(request, "programs.create_agreement", unit)
    year = timezone.localdate().year
    form = forms.UnitsAgreementForm(
        request.POST or None,
        units=_agreement_units(unit),
        initial={"title": f"Giao ước thi đua năm {year}", "year": year, "parties": [unit.pk]},
    )

    def page(form: forms.UnitsAgreementForm) -> HttpResponse:
        return render(request, "programs/agreement_form.html", {"form": form, "unit": unit})

    if request.method != "POST":
        return page(form)
    return submit(
        request,
        form,
        lambda f: actions.do_create_agreement(
            acting_user=request.user,
            title=f.cleaned_data["title"],
            year=f.cleaned_data["year"],
            unit=unit,
            parties=list(f.cleaned_data["parties"]),
            assessment_mode=f.cleaned_data["assessment_mode"],
        ),
        done=_to,
        page=page,
        success=_("Đã tạo dự thảo giao ước; thêm các nội dung thi đua rồi ghi nhận ký kết."),
    )


def _assessed_units(request: HttpRequest, agreement: Agreement) -> QuerySet[Unit]:
    """The units the user may score: every signatory, but not the user's own unit in the peer-mean mode."""
    units = Unit.objects.filter(agreement_parties__agreement=agreement).order_by("name")
    unit = own_unit(request)
    if unit is not None and agreement.assessment_mode == AssessmentMode.PEER_MEAN:
        units = units.exclude(pk=unit.pk)
    return units


FORMS: dict[str, Callable[[HttpRequest, Agreement, Any, Any], django_forms.Form]] = {
    "criterion_form": lambda request, agreement, post, files: forms.CriterionForm(post),
    "self_form": lambda request, agreement, post, files: forms.SelfScoreForm(
        post, files, criteria=agreement.criteria.all()
    ),
    "assess_form": lambda request, agreement, post, files: forms.AssessForm(
        post, units=_assessed_units(request, agreement), criteria=agreement.criteria.all()
    ),
}


def _permissions(request: HttpRequest, agreement: Agreement) -> dict[str, bool]:
    unit, may = own_unit(request), request.user.has_perm
    can_admin = may(ADMINISTER, agreement)
    scoring = agreement.status == AgreementStatus.SIGNED
    return {
        "can_admin": can_admin,
        "can_self": unit is not None and may("programs.self_score", agreement) and scoring,
        "can_assess": may("programs.assess", agreement) and (unit is not None or can_admin) and scoring,
    }


def _page(request: HttpRequest, agreement: Agreement, **posted: django_forms.Form) -> HttpResponse:
    """The agreement page with its ranking; ``posted`` is a form just sent, shown again with its errors."""
    unit = own_unit(request)
    full = queries.agreement_with_scores(agreement.pk)
    is_party = unit is not None and any(p.unit_id == unit.pk for p in full.parties.all())
    mine = {}
    if unit is not None and is_party:
        mine = {
            s.criterion_id: s
            for c in full.criteria.all()
            for s in c.self_scores.all()
            if s.unit_id == unit.pk
        }
    return render(
        request,
        "programs/agreement_detail.html",
        {
            "agreement": full,
            "admin_unit": _admin_unit(full),
            "criteria": list(full.criteria.all()),
            "rows": queries.ranking(full),
            "mine": mine,
            "is_party": is_party,
            "unit": unit,
            **_permissions(request, agreement),
            **{name: make(request, agreement, None, None) for name, make in FORMS.items()},
            **posted,
        },
    )


@login_required
@require_safe
def agreement_detail(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = fetch(
        request, Agreement.objects.select_related("unit", "cluster"), agreement_id, "programs.view_agreement"
    )
    return _page(request, agreement)


def _command(
    request: HttpRequest, agreement_id: int, perm: str, name: str, call: Callable[[Agreement, Any], object]
) -> HttpResponse:
    """Send the agreement page's form ``name`` to one action (``call(agreement, form)``)."""
    agreement = fetch(request, Agreement.objects.select_related("unit", "cluster"), agreement_id, perm)
    return submit(
        request,
        FORMS[name](request, agreement, request.POST, request.FILES),
        lambda form: call(agreement, form),
        done=lambda _result: _to(agreement),
        page=lambda form: _page(request, agreement, **{name: form}),
    )


@login_required
@command("programs:agreement")
def agreement_add_criterion(request: HttpRequest, agreement_id: int) -> HttpResponse:
    return _command(
        request,
        agreement_id,
        ADMINISTER,
        "criterion_form",
        lambda agreement, f: actions.do_add_criterion(agreement, acting_user=request.user, **f.cleaned_data),
    )


@login_required
@command("programs:agreement")
def agreement_sign(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """The signing is recorded on the day it is entered."""
    agreement = fetch(request, Agreement, agreement_id, ADMINISTER)
    return press(
        request,
        lambda: actions.do_sign_agreement(
            agreement, acting_user=request.user, signed_on=timezone.localdate()
        ),
        back=_to(agreement),
    )


@login_required
@command("programs:agreement")
def agreement_close(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = fetch(request, Agreement, agreement_id, ADMINISTER)
    return press(
        request, lambda: actions.do_close_agreement(agreement, acting_user=request.user), back=_to(agreement)
    )


@login_required
@command("programs:agreement")
def agreement_self_score(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """The user's unit scores itself on a criterion, with an evidence file if one is attached."""
    unit = require_own_unit(request)

    def score(agreement: Agreement, form: forms.SelfScoreForm) -> object:
        d = form.cleaned_data
        return actions.do_self_score(
            d["criterion"],
            acting_user=request.user,
            unit=unit,
            score=d["score"],
            note=d["note"],
            evidence=d["evidence"],
        )

    return _command(request, agreement_id, "programs.self_score", "self_form", score)


@login_required
@command("programs:agreement")
def agreement_assess(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """The administering unit scores a unit (leader mode), or the user's unit scores a peer (peer-mean mode)."""

    def assess(agreement: Agreement, form: forms.AssessForm) -> object:
        leader_mode = agreement.assessment_mode == AssessmentMode.LEADER
        by_unit = _admin_unit(agreement) if leader_mode else require_own_unit(request)
        d = form.cleaned_data
        return actions.do_assess(
            d["criterion"], acting_user=request.user, unit=d["unit"], by_unit=by_unit, score=d["score"]
        )

    return _command(request, agreement_id, "programs.assess", "assess_form", assess)


@login_required
@require_safe
def agreement_docx(request: HttpRequest, agreement_id: int, fmt: str = "docx") -> HttpResponse:
    agreement = fetch(request, Agreement, agreement_id, "programs.view_agreement")
    doc = documents.agreement_document(queries.agreement_with_scores(agreement.pk))
    return document_response(doc, f"giao-uoc-{agreement.year}", fmt)
