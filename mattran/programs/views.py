"""Programs, campaigns, agreements, cluster pages, peer votes and award history: thin views over the actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mattran.accounts.rules import profile_of
from mattran.core.errors import ActionError
from mattran.core.web import document_response, form_error, id_param, paginate, require
from mattran.meetings.models import Meeting
from mattran.org.models import EmulationCluster, Unit
from mattran.org.queries import ancestors, children, subtree_ids
from mattran.people.models import Person
from mattran.reports.models import Indicator as ReportIndicator

from . import actions, documents, forms, queries
from .models import (
    Agreement,
    AgreementStatus,
    AssessmentMode,
    AwardKind,
    AwardProposal,
    Ballot,
    Campaign,
    CampaignParticipation,
    PeerVote,
    Program,
    ProgramStatus,
    ProgramTask,
    ProposalStatus,
    VoteStatus,
)
from .rules import admin_unit_id


def _own_unit(request) -> Unit | None:
    profile = profile_of(request.user)
    return profile.unit if profile else None


def _meetings_of(unit_ids, year: int | None = None):
    qs = Meeting.objects.filter(unit_id__in=unit_ids).select_related("unit", "term")
    if year:
        qs = qs.filter(starts_at__year__in=[year - 1, year])
    return qs.order_by("-starts_at")


@login_required
def index(request):
    """What the user's unit takes part in: programs, agreements, clusters, votes; and the campaigns."""
    unit = _own_unit(request)
    if unit is None and not request.user.is_superuser:
        raise PermissionDenied("Tài khoản chưa được gán đơn vị.")
    if unit is None:
        programs = Program.objects.all()
        agreements = Agreement.objects.all()
        clusters = EmulationCluster.objects.all()
    else:
        scope = queries.visible_to_unit(unit.pk, subtree_ids(unit))
        programs = Program.objects.filter(scope["programs"])
        agreements = Agreement.objects.filter(scope["agreements"])
        clusters = EmulationCluster.objects.filter(Q(members=unit) | Q(organiser_id__in=subtree_ids(unit)))
    programs = (
        Program.objects.filter(pk__in=programs.values("pk"))
        .select_related("unit", "cluster")
        .annotate(n_contents=Count("contents", distinct=True))
        .order_by("-year", "unit__name", "title")[:100]
    )
    agreements = (
        Agreement.objects.filter(pk__in=agreements.values("pk"))
        .select_related("unit", "cluster")
        .annotate(n_parties=Count("parties", distinct=True), n_criteria=Count("criteria", distinct=True))
        .order_by("-year", "title")[:100]
    )
    clusters = (
        EmulationCluster.objects.filter(pk__in=clusters.values("pk"))
        .select_related("leader", "deputy")
        .annotate(n_members=Count("memberships", distinct=True))
        .order_by("-year", "name")[:50]
    )
    open_votes = PeerVote.objects.filter(status=VoteStatus.OPEN)
    if unit is not None:
        open_votes = open_votes.filter(cluster__members=unit)
    open_votes = open_votes.select_related("award_kind", "cluster").order_by("closes_at")
    return render(
        request,
        "programs/index.html",
        {
            "unit": unit,
            "programs": programs,
            "agreements": agreements,
            "clusters": clusters,
            "open_votes": open_votes[:20],
            "campaigns": Campaign.objects.filter(is_national=True).order_by("name"),
            "can_create": unit is not None and request.user.has_perm("programs.create_program", unit),
            "can_create_agreement": unit is not None
            and request.user.has_perm("programs.create_agreement", unit),
            "can_create_campaign": unit is not None
            and request.user.has_perm("programs.create_campaign", unit),
        },
    )


# --- programs -------------------------------------------------------------------------------------------


@login_required
def program_create(request):
    unit = _own_unit(request)
    if unit is None:
        raise PermissionDenied("Tài khoản chưa được gán đơn vị.")
    require(request, "programs.create_program", unit)
    form = forms.ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            program = actions.do_create_program(acting_user=request.user, unit=unit, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã tạo dự thảo chương trình."))
            return redirect("programs:program", program.pk)
    return render(
        request,
        "programs/form.html",
        {"form": form, "title": _("Chương trình phối hợp mới"), "submit": _("Tạo")},
    )


def _signatory_persons(program: Program) -> dict:
    """Who may be chosen to sign for each party: the persons kept by the party's unit, else by the program's."""
    persons = Person.objects.prefetch_related("posts").order_by("search_name", "pk")
    return {
        party.pk: persons.filter(unit_id=party.unit_id if party.kind == "don_vi" else program.unit_id)
        for party in program.participants.all()
    }


def _award_persons(request, persons) -> set[int]:
    """Ids of the persons whose award history the user may open (the pages link only to those)."""
    return {
        p.pk for p in persons if p is not None and request.user.has_perm("programs.view_person_awards", p)
    }


def _program_forms(request, program: Program, post=None, files=None) -> dict:
    unit_ids = [program.unit_id]
    meetings = _meetings_of(unit_ids, program.year)
    tasks = ProgramTask.objects.filter(content__program=program).select_related("content")
    return {
        "participant_form": forms.ParticipantForm(
            post, member_orgs=program.unit.member_organizations.filter(valid_to__isnull=True)
        ),
        "content_form": forms.ContentForm(post),
        "task_form": forms.TaskForm(post, program=program),
        "sign_form": forms.SignProgramForm(
            post, program=program, meetings=meetings, persons_by_party=_signatory_persons(program)
        ),
        "progress_form": forms.ProgressForm(post, files, tasks=tasks),
        "review_form": forms.ReviewForm(post, meetings=meetings),
    }


@login_required
def program_detail(request, program_id: int):
    program = get_object_or_404(Program.objects.select_related("unit"), pk=program_id)
    require(request, "programs.view_program", program)
    can_manage = request.user.has_perm("programs.manage_program", program)
    ctx_forms = _program_forms(request, program) if can_manage else {}
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("Bạn không có quyền sửa chương trình này.")
        op = request.POST.get("op", "")
        ctx_forms = _program_forms(request, program, request.POST, request.FILES)
        form = ctx_forms.get(f"{op}_form")
        if form is not None and form.is_valid():
            data = form.cleaned_data
            try:
                if op == "participant":
                    actions.do_add_participant(program, acting_user=request.user, **data)
                elif op == "content":
                    actions.do_add_content(program, acting_user=request.user, **data)
                elif op == "task":
                    content = data.pop("content")
                    actions.do_add_task(content, acting_user=request.user, **data)
                elif op == "sign":
                    actions.do_sign_program(
                        program,
                        acting_user=request.user,
                        signed_on=data["signed_on"],
                        meeting=data["meeting"],
                        signatories=form.signatories(),
                    )
                elif op == "progress":
                    task = data.pop("task")
                    actions.do_record_progress(task, acting_user=request.user, **data)
                elif op == "review":
                    actions.do_review_program(program, acting_user=request.user, **data)
            except ActionError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Đã lưu."))
                return redirect("programs:program", program.pk)
    program = queries.program_with_tree(program.pk)
    by_content, by_party = queries.program_progress(program)
    signers = [getattr(p, "signatory", None) for p in program.participants.all()]
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": program,
            "award_persons": _award_persons(request, {s.person for s in signers if s and s.person_id}),
            "by_content": by_content,
            "by_party": by_party,
            "can_manage": can_manage,
            "is_draft": program.status == ProgramStatus.DRAFT,
            "statuses": dict(queries.ProgressStatus.choices),
            **ctx_forms,
        },
    )


@login_required
@require_POST
def program_copy_forward(request, program_id: int):
    program = get_object_or_404(Program, pk=program_id)
    require(request, "programs.manage_program", program)
    try:
        new = actions.do_copy_program_forward(program, acting_user=request.user)
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("programs:program", program.pk)
    messages.success(
        request,
        _("Đã tạo dự thảo năm %(year)s từ chương trình năm %(year2)s.")
        % {"year": new.year, "year2": program.year},
    )
    return redirect("programs:program", new.pk)


@login_required
def program_docx(request, program_id: int, fmt: str = "docx"):
    program = get_object_or_404(Program, pk=program_id)
    require(request, "programs.view_program", program)
    doc = documents.program_document(queries.program_with_tree(program.pk))
    return document_response(doc, f"chuong-trinh-{program.year}", fmt)


# --- campaigns ------------------------------------------------------------------------------------------


@login_required
def campaigns(request):
    """The national campaigns, those launched above or below the user's unit, and those it takes part in."""
    unit = _own_unit(request)
    qs = Campaign.objects.all()
    if unit is not None and not request.user.is_superuser:
        above = [u.pk for u in ancestors(unit, include_self=True)]
        qs = qs.filter(
            Q(is_national=True)
            | Q(launching_unit_id__in=above)
            | Q(launching_unit_id__in=subtree_ids(unit))
            | Q(pk__in=CampaignParticipation.objects.filter(unit=unit).values("campaign_id"))
        )
    qs = (
        qs.select_related("launching_unit__level")
        .annotate(n_units=Count("participations"))
        .order_by("-is_national", "-launched_on", "name")
    )
    can_create = unit is not None and request.user.has_perm("programs.create_campaign", unit)
    return render(
        request, "programs/campaigns.html", {"page": paginate(request, qs), "can_create": can_create}
    )


def _enrollable(unit: Unit):
    """The units a unit may enrol in its campaign from the page: itself and its current direct children."""
    return (
        Unit.objects.filter(Q(pk=unit.pk) | Q(pk__in=children(unit).values("pk")))
        .select_related("level")
        .order_by("depth", "name")
    )


def _campaign_form_page(request, *, campaign: Campaign | None, unit: Unit | None):
    """The create and edit page: the campaign's fields, its indicators and (for a unit's campaign) its units."""
    units = _enrollable(unit) if unit is not None else None
    if campaign is None:
        initial = {
            "launching_body": unit.committee_name,
            "launched_on": timezone.localdate(),
            "participants": [unit.pk],
        }
        rows = []
    else:
        initial = {
            f: getattr(campaign, f)
            for f in ("kind", "name", "launching_body", "launched_on", "ends_on", "description")
        }
        initial["participants"] = list(campaign.participations.values_list("unit_id", flat=True))
        rows = [
            {"name": i.name, "measure": i.measure, "indicator": i.indicator_code or None}
            for i in campaign.indicators.all()
        ]
    post = request.POST if request.method == "POST" else None
    form = forms.CampaignForm(post, units=units, initial=initial)
    formset = forms.CampaignIndicatorFormSet(post, initial=rows, prefix="chi-tieu")
    if post is not None and form.is_valid() and formset.is_valid():
        data = dict(form.cleaned_data)
        indicators = [r for r in (f.row() for f in formset.forms) if r]
        participants = data.pop("participants", None)
        try:
            if campaign is None:
                campaign = actions.do_create_campaign(
                    acting_user=request.user,
                    launching_unit=unit,
                    indicators=indicators,
                    participants=participants or [],
                    **data,
                )
                messages.success(request, _("Đã tạo cuộc vận động, phong trào."))
            else:
                actions.do_update_campaign(
                    campaign,
                    acting_user=request.user,
                    indicators=indicators,
                    participants=participants,
                    **data,
                )
                messages.success(request, _("Đã lưu."))
        except ActionError as exc:
            if exc.field == "indicators":
                formset._non_form_errors = formset.error_class([exc.message])
            else:
                form_error(form, exc)
        else:
            return redirect("programs:campaign", campaign.pk)
    title = (
        _("Cuộc vận động, phong trào mới")
        if campaign is None
        else _("Sửa: %(name)s") % {"name": campaign.name}
    )
    return render(
        request,
        "programs/campaign_form.html",
        {"form": form, "formset": formset, "campaign": campaign, "title": title},
    )


@login_required
def campaign_create(request):
    unit = _own_unit(request)
    if unit is None:
        raise PermissionDenied("Tài khoản chưa được gán đơn vị.")
    require(request, "programs.create_campaign", unit)
    return _campaign_form_page(request, campaign=None, unit=unit)


@login_required
def campaign_edit(request, campaign_id: int):
    campaign = get_object_or_404(Campaign.objects.select_related("launching_unit"), pk=campaign_id)
    require(request, "programs.change_campaign", campaign)
    return _campaign_form_page(request, campaign=campaign, unit=campaign.launching_unit)


@login_required
def campaign_detail(request, campaign_id: int):
    campaign = get_object_or_404(Campaign.objects.select_related("launching_unit"), pk=campaign_id)
    unit = _own_unit(request)
    can_join = (
        unit is not None
        and request.user.has_perm("programs.manage_campaigns", unit)
        and not campaign.participations.filter(unit=unit).exists()
    )
    if request.method == "POST":
        if not can_join:
            raise PermissionDenied("Bạn không có quyền đăng ký tham gia.")
        try:
            actions.do_join_campaign(campaign, acting_user=request.user, unit=unit)
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(unit)s đã đăng ký tham gia.") % {"unit": unit.name})
        return redirect("programs:campaign", campaign.pk)
    participations = campaign.participations.select_related("unit__level")
    if unit is not None and not request.user.is_superuser and campaign.launching_unit_id != unit.pk:
        participations = participations.filter(unit_id__in=subtree_ids(unit))
    indicators = list(campaign.indicators.all())
    report_names = dict(
        ReportIndicator.objects.filter(
            code__in={i.indicator_code for i in indicators if i.indicator_code}
        ).values_list("code", "name")
    )
    return render(
        request,
        "programs/campaign_detail.html",
        {
            "campaign": campaign,
            "indicators": [(i, report_names.get(i.indicator_code, "")) for i in indicators],
            "can_change": request.user.has_perm("programs.change_campaign", campaign),
            "participations": participations.order_by("unit__name")[:200],
            "tasks": ProgramTask.objects.filter(
                campaign=campaign, content__program__unit=unit
            ).select_related("content__program")
            if unit
            else [],
            "can_join": can_join,
        },
    )


# --- agreements -----------------------------------------------------------------------------------------


@login_required
def agreement_create(request, cluster_id: int):
    cluster = get_object_or_404(EmulationCluster.objects.select_related("leader"), pk=cluster_id)
    require(request, "programs.lead_cluster", cluster)
    form = forms.AgreementForm(
        request.POST or None, initial={"title": f"Giao ước thi đua năm {cluster.year}"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            agreement = actions.do_create_agreement(
                acting_user=request.user, cluster=cluster, year=cluster.year, **form.cleaned_data
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            return redirect("programs:agreement", agreement.pk)
    return render(
        request,
        "programs/form.html",
        {
            "form": form,
            "title": _("Giao ước thi đua — %(cluster)s") % {"cluster": cluster},
            "submit": _("Tạo"),
        },
    )


def _agreement_units(unit: Unit):
    """The units offered as signatories of a unit's agreement: itself, its children, then its siblings."""
    mine = children(unit).values("pk")
    siblings = children(unit.parent).values("pk") if unit.parent_id else Unit.objects.none().values("pk")
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
def agreement_create_for_units(request):
    """An agreement among a set of units chosen by the user's unit, which administers it."""
    unit = _own_unit(request)
    if unit is None:
        raise PermissionDenied("Tài khoản chưa được gán đơn vị.")
    require(request, "programs.create_agreement", unit)
    year = timezone.localdate().year
    form = forms.UnitsAgreementForm(
        request.POST or None,
        units=_agreement_units(unit),
        initial={"title": f"Giao ước thi đua năm {year}", "year": year, "parties": [unit.pk]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement = actions.do_create_agreement(
                acting_user=request.user,
                title=data["title"],
                year=data["year"],
                unit=unit,
                parties=list(data["parties"]),
                assessment_mode=data["assessment_mode"],
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request, _("Đã tạo dự thảo giao ước; thêm các nội dung thi đua rồi ghi nhận ký kết.")
            )
            return redirect("programs:agreement", agreement.pk)
    return render(
        request,
        "programs/agreement_form.html",
        {"form": form, "unit": unit},
    )


@login_required
def agreement_detail(request, agreement_id: int):
    agreement = get_object_or_404(Agreement.objects.select_related("unit", "cluster"), pk=agreement_id)
    require(request, "programs.view_agreement", agreement)
    unit = _own_unit(request)
    user = request.user
    can_admin = user.has_perm("programs.administer_agreement", agreement)
    can_self = unit is not None and user.has_perm("programs.self_score", agreement)
    can_assess = user.has_perm("programs.assess", agreement) and (unit is not None or can_admin)
    scoring = agreement.status == AgreementStatus.SIGNED
    criteria = agreement.criteria.all()
    party_units = Unit.objects.filter(agreement_parties__agreement=agreement).order_by("name")
    if can_assess and unit is not None and agreement.assessment_mode == "binh_quan":
        party_units = party_units.exclude(pk=unit.pk)
    post, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    criterion_form = forms.CriterionForm(post if request.POST.get("op") == "criterion" else None)
    self_form = forms.SelfScoreForm(
        post if request.POST.get("op") == "self" else None, files, criteria=criteria
    )
    assess_form = forms.AssessForm(
        post if request.POST.get("op") == "assess" else None, units=party_units, criteria=criteria
    )
    if request.method == "POST":
        op = request.POST.get("op", "")
        allowed = {
            "criterion": can_admin,
            "sign": can_admin,
            "close": can_admin,
            "self": can_self,
            "assess": can_assess,
        }
        if not allowed.get(op):
            raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")
        form = {"criterion": criterion_form, "self": self_form, "assess": assess_form}.get(op)
        if form is None or form.is_valid():
            d = form.cleaned_data if form is not None else {}
            try:
                if op == "criterion":
                    actions.do_add_criterion(agreement, acting_user=user, **d)
                elif op == "sign":
                    actions.do_sign_agreement(agreement, acting_user=user, signed_on=timezone.localdate())
                elif op == "close":
                    actions.do_close_agreement(agreement, acting_user=user)
                elif op == "self":
                    entry = actions.do_self_score(
                        d["criterion"], acting_user=user, unit=unit, score=d["score"], note=d["note"]
                    )
                    if d["evidence"]:
                        actions.do_add_score_evidence(entry, acting_user=user, upload=d["evidence"])
                elif op == "assess":
                    by_unit = unit
                    if agreement.assessment_mode == AssessmentMode.LEADER:
                        by_unit = Unit.objects.get(pk=admin_unit_id(agreement))
                    actions.do_assess(
                        d["criterion"], acting_user=user, unit=d["unit"], by_unit=by_unit, score=d["score"]
                    )
            except ActionError as exc:
                if form is not None:
                    form_error(form, exc)
                else:
                    messages.error(request, exc.message)
            else:
                messages.success(request, _("Đã lưu."))
                return redirect("programs:agreement", agreement.pk)
    full = queries.agreement_with_scores(agreement.pk)
    rows = queries.ranking(full)
    mine = {}
    is_party = unit is not None and any(p.unit_id == unit.pk for p in full.parties.all())
    if is_party:
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
            "admin_unit": full.cluster.leader if full.cluster_id and full.cluster.leader_id else full.unit,
            "criteria": list(full.criteria.all()),
            "rows": rows,
            "mine": mine,
            "is_party": is_party,
            "unit": unit,
            "can_admin": can_admin,
            "can_self": can_self and scoring,
            "can_assess": can_assess and scoring,
            "criterion_form": criterion_form,
            "self_form": self_form,
            "assess_form": assess_form,
        },
    )


@login_required
def agreement_docx(request, agreement_id: int, fmt: str = "docx"):
    agreement = get_object_or_404(Agreement, pk=agreement_id)
    require(request, "programs.view_agreement", agreement)
    doc = documents.agreement_document(queries.agreement_with_scores(agreement.pk))
    return document_response(doc, f"giao-uoc-{agreement.year}", fmt)


# --- clusters, votes, awards ----------------------------------------------------------------------------


@login_required
def cluster_detail(request, cluster_id: int):
    cluster = get_object_or_404(
        EmulationCluster.objects.select_related("leader", "deputy", "organiser"), pk=cluster_id
    )
    require(request, "programs.view_cluster", cluster)
    can_lead = request.user.has_perm("programs.lead_cluster", cluster)
    members = cluster.members.order_by("name")
    next_cluster = EmulationCluster.objects.filter(name=cluster.name, year=cluster.year + 1).first()
    meetings = Meeting.objects.filter(cluster=cluster).order_by("-starts_at")
    post = request.POST if request.method == "POST" else None
    op = request.POST.get("op") if post else None
    vote_form = forms.PeerVoteForm(
        post if op == "vote" else None,
        kinds=AwardKind.objects.all(),
        members=members,
        initial={"awarding_body": cluster.organiser.committee_name, "pass_rule": "qua_nua"},
    )
    handover_form = (
        forms.HandoverForm(
            post if op == "handover" else None,
            members=next_cluster.members.order_by("name"),
            meetings=meetings,
            initial={"leader": next_cluster.leader_id, "deputy": next_cluster.deputy_id},
        )
        if next_cluster
        else None
    )
    if post:
        if not can_lead:
            raise PermissionDenied("Chỉ cụm trưởng điều hành cụm.")
        form = vote_form if op == "vote" else handover_form
        if form is not None and form.is_valid():
            d = form.cleaned_data
            try:
                if op == "vote":
                    vote = actions.do_open_peer_vote(
                        cluster,
                        acting_user=request.user,
                        award_kind=d["award_kind"],
                        places=d["places"],
                        candidates=list(d["candidates"]),
                        closes_at=d["closes_at"],
                        awarding_body=d["awarding_body"],
                        secret=d["secret"],
                        pass_rule=d["pass_rule"],
                        awarding_unit=cluster.organiser,
                    )
                    return redirect("programs:vote", vote.pk)
                actions.do_hand_over_leadership(
                    cluster, acting_user=request.user, next_cluster=next_cluster, **d
                )
            except ActionError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Đã lưu."))
                return redirect("programs:cluster", cluster.pk)
    handover = getattr(cluster, "handover_out", None)
    proposals = list(
        AwardProposal.objects.filter(cluster=cluster)
        .select_related("award_kind", "unit", "person")
        .order_by("award_kind__order", "pk")
    )
    shown = [p.person for p in proposals if p.person_id]
    if handover is not None:
        shown += [handover.handed_by, handover.received_by]
    return render(
        request,
        "programs/cluster_detail.html",
        {
            "cluster": cluster,
            "award_persons": _award_persons(request, shown),
            "members": members,
            "next_cluster": next_cluster,
            "handover": handover,
            "handover_people": [
                (handover.handed_by, handover.handed_by_title),
                (handover.received_by, handover.received_by_title),
            ]
            if handover
            else [],
            "handover_in": getattr(cluster, "handover_in", None),
            "agreements": cluster.agreements.annotate(n_criteria=Count("criteria")).order_by("title"),
            "programs": Program.objects.filter(Q(cluster=cluster) | Q(signed_at__cluster=cluster))
            .select_related("unit")
            .distinct(),
            "votes": queries.cluster_votes(cluster),
            "proposals": proposals,
            "meetings": meetings,
            "can_lead": can_lead,
            "vote_form": vote_form,
            "handover_form": handover_form,
        },
    )


@login_required
def cluster_docx(request, cluster_id: int, fmt: str = "docx"):
    cluster = get_object_or_404(EmulationCluster.objects.select_related("leader", "organiser"), pk=cluster_id)
    require(request, "programs.view_cluster", cluster)
    return document_response(documents.cluster_summary_document(cluster), f"tong-ket-cum-{cluster.year}", fmt)


@login_required
def vote_detail(request, vote_id: int):
    vote = get_object_or_404(
        PeerVote.objects.select_related("cluster", "cluster__leader", "award_kind", "meeting"), pk=vote_id
    )
    require(request, "programs.view_vote", vote)
    unit = _own_unit(request)
    user = request.user
    can_admin = user.has_perm("programs.administer_vote", vote)
    can_cast = unit is not None and user.has_perm("programs.cast_ballot", vote)
    voted = unit is not None and Ballot.objects.filter(vote=vote, unit=unit).exists()
    candidates = Unit.objects.filter(pk__in=vote.candidates.values("unit_id")).order_by("name")
    form = forms.BallotForm(
        request.POST if request.POST.get("op") == "ballot" else None, candidates=candidates
    )
    if request.method == "POST":
        op = request.POST.get("op")
        allowed = {"ballot": can_cast, "close": can_admin, "tally": can_admin, "runoff": can_admin}
        if not allowed.get(op):
            raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")
        try:
            if op == "ballot":
                if not form.is_valid():
                    raise ActionError(_("Chọn lại các đơn vị."), field="choices")
                actions.do_cast_ballot(
                    vote, acting_user=user, unit=unit, choices=list(form.cleaned_data["choices"])
                )
                messages.success(request, _("Đã ghi nhận phiếu của %(unit)s.") % {"unit": unit.name})
            elif op == "close":
                actions.do_close_peer_vote(vote, acting_user=user)
            elif op == "tally":
                actions.do_tally_peer_vote(vote, acting_user=user)
                messages.success(request, _("Đã kiểm phiếu."))
            elif op == "runoff":
                new = actions.do_open_runoff(
                    vote, acting_user=user, closes_at=timezone.now() + (vote.closes_at - vote.created_at)
                )
                return redirect("programs:vote", new.pk)
        except ActionError as exc:
            if op == "ballot":
                form_error(form, exc)
            else:
                messages.error(request, exc.message)
        else:
            return redirect("programs:vote", vote.pk)
    ballots = list(vote.ballots.select_related("unit").order_by("cast_at"))
    results = list(vote.candidates.select_related("unit").order_by("-votes", "unit__name"))
    return render(
        request,
        "programs/vote_detail.html",
        {
            "vote": vote,
            "ballots": ballots,
            "results": results,
            "tallied": vote.status in (VoteStatus.DECIDED, VoteStatus.TIED),
            "form": form,
            "unit": unit,
            "voted": voted,
            "can_cast": can_cast and not voted and vote.status == VoteStatus.OPEN,
            "can_admin": can_admin,
            "proposals": vote.proposals.select_related("unit", "award_kind"),
            "runoffs": vote.runoffs.all(),
        },
    )


@login_required
def unit_awards(request, unit_id: int):
    unit = get_object_or_404(Unit, pk=unit_id)
    require(request, "programs.view_awards", unit)
    proposals = list(queries.award_history(unit=unit))
    decide = {p.pk: request.user.has_perm("programs.decide_award", p) for p in proposals}
    form = None
    if request.method == "POST":
        proposal = get_object_or_404(AwardProposal, pk=id_param(request.POST.get("proposal")), unit=unit)
        if not decide.get(proposal.pk):
            raise PermissionDenied("Bạn không có quyền ghi quyết định khen thưởng.")
        form = forms.DecisionForm(request.POST)
        if form.is_valid():
            try:
                actions.do_record_award_decision(proposal, acting_user=request.user, **form.cleaned_data)
            except ActionError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Đã ghi quyết định khen thưởng."))
                return redirect("programs:unit_awards", unit.pk)
    pending = [p for p in proposals if p.status == ProposalStatus.PROPOSED and decide[p.pk]]
    return render(
        request,
        "programs/unit_awards.html",
        {"unit": unit, "proposals": proposals, "pending": pending, "form": form or forms.DecisionForm()},
    )


@login_required
def person_awards(request, person_id: int):
    """A person's award history; the deciding unit records decisions, an editor's unit proposes an award."""
    person = get_object_or_404(Person.objects.select_related("unit"), pk=person_id)
    require(request, "programs.view_person_awards", person)
    unit = _own_unit(request)
    proposals = list(queries.award_history(person=person))
    decide = {p.pk: request.user.has_perm("programs.decide_award", p) for p in proposals}
    can_propose = unit is not None and request.user.has_perm("programs.propose_person_award", person)
    op = request.POST.get("op") if request.method == "POST" else None
    form = forms.DecisionForm(request.POST if op == "decision" else None)
    above = ancestors(unit, include_self=True) if can_propose else []
    propose_form = forms.PersonAwardForm(
        request.POST if op == "propose" else None,
        kinds=AwardKind.objects.all(),
        awarding_units=Unit.objects.filter(pk__in=[u.pk for u in above])
        .select_related("level")
        .order_by("-depth"),
        initial={
            "year": timezone.localdate().year,
            "proposed_on": timezone.localdate(),
            "awarding_unit": above[-2].pk if len(above) > 1 else None,
        },
    )
    if op == "decision":
        proposal = get_object_or_404(AwardProposal, pk=id_param(request.POST.get("proposal")), person=person)
        if not decide.get(proposal.pk):
            raise PermissionDenied("Bạn không có quyền ghi quyết định khen thưởng.")
        if form.is_valid():
            try:
                actions.do_record_award_decision(proposal, acting_user=request.user, **form.cleaned_data)
            except ActionError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Đã ghi quyết định khen thưởng."))
                return redirect("programs:person_awards", person.pk)
    elif op == "propose":
        if not can_propose:
            raise PermissionDenied("Bạn không có quyền đề nghị khen thưởng cho cá nhân này.")
        if propose_form.is_valid():
            try:
                actions.do_propose_award(
                    acting_user=request.user, proposed_by=unit, person=person, **propose_form.proposal()
                )
            except ActionError as exc:
                form_error(propose_form, exc)
            else:
                messages.success(request, _("Đã ghi đề nghị khen thưởng."))
                return redirect("programs:person_awards", person.pk)
    elif op is not None:
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")
    pending = [p for p in proposals if p.status == ProposalStatus.PROPOSED and decide[p.pk]]
    today = timezone.localdate()
    return render(
        request,
        "programs/person_awards.html",
        {
            "person": person,
            "title_today": "; ".join(
                f"{p.title} {p.organisation}".strip() for p in person.posts.all() if p.holds_on(today)
            ),
            "proposals": proposals,
            "pending": pending,
            "form": form,
            "propose_form": propose_form if can_propose else None,
            "signed": person.program_signatures.select_related("participant__program__unit").order_by(
                "-participant__program__year"
            ),
        },
    )
