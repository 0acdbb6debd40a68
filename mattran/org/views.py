"""Unit search, unit page, residential areas, the reorganisation wizard, member organisations, clusters."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mattran.core.authz import profile_of
from mattran.core.errors import ActionError
from mattran.core.models import AuditEntry
from mattran.core.sheets import upload_page
from mattran.core.web import form_error, paginate, require

from . import actions, forms, imports, links, queries
from .models import EmulationCluster, Level, MemberOrganization, Unit


def _unit(request, unit_id: int, perm: str = "org.view_unit") -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("level", "parent", "home"), pk=unit_id)
    require(request, perm, unit)
    return unit


@login_required
def search(request):
    q = request.GET.get("q", "").strip()[:100]
    # Former units (merged away in 2025) are found too unless the user asks for current units only.
    include_closed = request.GET.get("hien-tai") != "1"
    results: list[Unit] = []
    if q:
        within = None
        if not request.user.is_superuser:
            profile = profile_of(request.user)
            if profile is None:
                raise PermissionDenied("Tài khoản chưa được gán đơn vị.")
            within = profile.unit
        results = queries.search_units(q, within=within, include_closed=include_closed, limit=30)
    ctx = {"q": q, "results": results, "include_closed": include_closed}
    if request.htmx:
        return render(request, "org/_search_results.html", ctx)
    return render(request, "org/search.html", ctx)


def _day_param(value: str) -> dt.date | None:
    """A date typed as 2020-06-30 or 30/06/2020, or None."""
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


@login_required
def unit_detail(request, unit_id: int):
    unit = _unit(request, unit_id)
    # A closed unit shows the children it had on its last day; ?ngay=YYYY-MM-DD the tree of that day.
    last_day = unit.valid_to - dt.timedelta(days=1) if unit.valid_to else None
    as_of = _day_param(request.GET.get("ngay", "")) or last_day
    children = queries.children(unit, as_of=as_of).order_by("sort_name")
    page = paginate(request, children, 100)
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "chain": queries.ancestors(unit),
            "page": page,
            "predecessors": queries.predecessors(unit),
            "successors": queries.successors(unit),
            "former_names": unit.former_names.all(),
            "member_orgs": unit.member_organizations.order_by("valid_to", "kind", "name"),
            "clusters": unit.clusters.select_related("leader").order_by("-year"),
            "recent": AuditEntry.objects.filter(unit=unit).select_related("actor", "unit", "content_type")[
                :15
            ],
            "can_write": request.user.has_perm("org.change_unit", unit) and not unit.is_residential,
            "can_edit": request.user.has_perm("org.change_unit", unit) and unit.is_open,
            "can_add_child": request.user.has_perm("org.add_child_unit", unit)
            and unit.is_open
            and unit.level.code == Level.COMMUNE,
            "can_reorganise": request.user.has_perm("org.reorganise_unit", unit) and unit.is_open,
            "effective_count": queries.count_effective_descendants(unit) if unit.is_open else None,
            "work_links": links.links_for(request.user, unit),
            "as_of": as_of,
            "open_on_day": as_of is None or unit.is_open_on(as_of),
        },
    )


@login_required
def edit_unit(request, unit_id: int):
    unit = _unit(request, unit_id, "org.change_unit")
    form = forms.UnitDetailsForm(request.POST or None, initial={"code": unit.code, "notes": unit.notes})
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_unit(unit, acting_user=request.user, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("org:unit", unit.pk)
    return render(
        request,
        "org/form.html",
        {
            "unit": unit,
            "form": form,
            "title": _("Sửa thông tin %(unit)s") % {"unit": unit.name},
            "submit": _("Lưu"),
        },
    )


@login_required
def add_residential(request, unit_id: int):
    unit = _unit(request, unit_id, "org.add_child_unit")
    form = forms.ResidentialAreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            area = actions.do_create_unit(acting_user=request.user, parent=unit, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã thêm %(area)s.") % {"area": area.name})
            return redirect("org:unit", unit.pk)
    return render(
        request,
        "org/form.html",
        {"unit": unit, "form": form, "title": _("Thêm khu dân cư"), "submit": _("Thêm")},
    )


@login_required
def import_residential(request, unit_id: int):
    unit = _unit(request, unit_id, "org.add_child_unit")
    if request.GET.get("mau") == "1":
        response = HttpResponse(
            imports.template_workbook(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="mau-khu-dan-cu.xlsx"'
        return response
    form = forms.ImportForm(request.POST or None, request.FILES or None)

    def done(outcome):
        messages.success(request, _("Đã nhập %(created)s khu dân cư.") % {"created": len(outcome[0])})
        return redirect("org:unit", unit.pk)

    return upload_page(
        request,
        form,
        run=lambda data: actions.do_import_residential_areas(
            acting_user=request.user, commune=unit, data=data["file"].read()
        ),
        errors=lambda outcome: outcome[1].errors,
        done=done,
        template="org/import.html",
        context={"unit": unit},
        submit=_("Kiểm tra và nhập"),
    )


# --- reorganisation wizard ----------------------------------------------------------------------------

OPERATIONS = {
    "doi-ten": "Đổi tên",
    "dieu-chuyen": "Điều chuyển sang đơn vị cấp trên khác",
    "sap-nhap": "Sáp nhập",
    "chia-tach": "Chia tách",
    "giai-the": "Giải thể",
}


def _siblings(unit: Unit):
    qs = Unit.objects.filter(level=unit.level, valid_to__isnull=True).select_related("level")
    return qs.filter(parent_id=unit.parent_id) if unit.parent_id else qs


def _parent_candidates(unit: Unit):
    parent = unit.parent
    if parent is None:
        return Unit.objects.none()
    qs = Unit.objects.filter(level=parent.level, valid_to__isnull=True)
    return qs.filter(parent_id=parent.parent_id) if parent.parent_id else qs


@login_required
def reorganise(request, unit_id: int, op: str | None = None):
    unit = _unit(request, unit_id, "org.reorganise_unit")
    if not unit.is_open:
        raise Http404
    if op is None:
        return render(request, "org/reorganise_menu.html", {"unit": unit, "operations": OPERATIONS})
    if op not in OPERATIONS:
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = _wizard_form(op, unit, data)
    plan = None
    if data is not None and form.is_valid():
        try:
            plan, apply = _wizard_plan(request, op, unit, form)
            if "confirm" in request.POST:
                result = apply()
                messages.success(
                    request,
                    _("Đã thực hiện: %(kind_label)s từ ngày %(date)s.")
                    % {"kind_label": plan.kind_label, "date": format(plan.date, "%d/%m/%Y")},
                )
                return redirect("org:unit", result.pk)
        except ActionError as exc:
            form_error(form, exc)
            plan = None
    return render(
        request,
        "org/reorganise.html",
        {"unit": unit, "op": op, "op_label": OPERATIONS[op], "form": form, "plan": plan},
    )


def _wizard_form(op: str, unit: Unit, data):
    if op == "doi-ten":
        return forms.RenameForm(data, initial={"short_name": unit.short_name, "kind": unit.kind})
    if op == "dieu-chuyen":
        return forms.MoveForm(
            data, candidates=forms.unit_choices(_parent_candidates(unit).exclude(pk=unit.parent_id))
        )
    if op == "sap-nhap":
        return forms.MergeForm(
            data,
            candidates=forms.unit_choices(_siblings(unit)),
            initial={"units": [unit.pk], "survivor": unit.pk},
        )
    if op == "chia-tach":
        children = queries.children(unit).order_by("sort_name")
        return forms.SplitForm(data, children=children, initial={"kind": unit.kind})
    return forms.DissolveForm(data)


def _wizard_plan(request, op: str, unit: Unit, form):
    """Return (plan, apply) for a valid wizard form; apply() carries the plan out and returns a unit."""
    d = form.cleaned_data
    user = request.user
    if op == "doi-ten":
        plan = actions.plan_rename(
            unit, short_name=d["short_name"], kind=d["kind"], date=d["date"], legal_basis=d["legal_basis"]
        )
        return plan, lambda: (
            actions.do_rename_unit(
                unit,
                acting_user=user,
                short_name=d["short_name"],
                kind=d["kind"],
                date=d["date"],
                legal_basis=d["legal_basis"],
            ),
            unit,
        )[1]
    if op == "dieu-chuyen":
        new_parent = get_object_or_404(Unit.objects.select_related("level"), pk=d["new_parent"])
        require(
            request, "org.change_unit", new_parent, "Bạn không có quyền thêm đơn vị vào đơn vị cấp trên này."
        )
        plan = actions.plan_move(unit, new_parent=new_parent, date=d["date"], legal_basis=d["legal_basis"])
        return plan, lambda: (
            actions.do_move_unit(
                unit, acting_user=user, new_parent=new_parent, date=d["date"], legal_basis=d["legal_basis"]
            ),
            unit,
        )[1]
    if op == "sap-nhap":
        units = list(Unit.objects.filter(pk__in=d["units"]).select_related("level", "parent"))
        for other in units:
            require(request, "org.reorganise_unit", other, f"Bạn không có quyền sắp xếp {other.name}.")
        survivor = next((u for u in units if u.pk == d["survivor"]), None) if d["survivor"] else None
        if d["survivor"] and survivor is None:
            raise ActionError(
                _("Đơn vị giữ lại phải là một trong các đơn vị được sáp nhập."), field="survivor"
            )
        kwargs = dict(
            date=d["date"],
            survivor=survivor,
            new_short_name=d["new_short_name"],
            new_kind=d["new_kind"],
            new_code=d["new_code"],
            legal_basis=d["legal_basis"],
        )
        plan = actions.plan_merge(units, **kwargs)
        return plan, lambda: actions.do_merge_units(units, acting_user=user, **kwargs)[0]
    if op == "chia-tach":
        names = form.part_names()
        parts = [{"short_name": n, "kind": d["kind"], "children": []} for n in names]
        for child in form.children:
            index = d[f"child_{child.pk}"] - 1
            if not 0 <= index < len(parts):
                raise ActionError(
                    _("%(child)s: chỉ có %(count)s đơn vị mới.") % {"child": child.name, "count": len(parts)},
                    field=f"child_{child.pk}",
                )
            parts[index]["children"].append(child.pk)
        kwargs = dict(
            date=d["date"], parts=parts, primary_index=d["primary"] - 1, legal_basis=d["legal_basis"]
        )
        plan = actions.plan_split(unit, **kwargs)
        return plan, lambda: actions.do_split_unit(unit, acting_user=user, **kwargs)[0][
            kwargs["primary_index"]
        ]
    plan = actions.plan_dissolve(unit, date=d["date"], legal_basis=d["legal_basis"])
    return plan, lambda: (
        actions.do_dissolve_unit(unit, acting_user=user, date=d["date"], legal_basis=d["legal_basis"]),
        unit.parent or unit,
    )[1]


# --- member organisations and clusters ------------------------------------------------------------------


@login_required
def member_org_add(request, unit_id: int):
    unit = _unit(request, unit_id, "org.manage_member_orgs")
    form = forms.MemberOrgForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_create_member_org(acting_user=request.user, unit=unit, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": form.cleaned_data["name"]})
            return redirect("org:unit", unit.pk)
    return render(
        request,
        "org/form.html",
        {"unit": unit, "form": form, "title": _("Thêm tổ chức thành viên"), "submit": _("Thêm")},
    )


@login_required
def member_org_edit(request, org_id: int):
    org = get_object_or_404(MemberOrganization.objects.select_related("unit"), pk=org_id)
    require(request, "org.manage_member_orgs", org.unit)
    form = forms.MemberOrgForm(
        request.POST or None,
        initial={
            "kind": org.kind,
            "name": org.name,
            "short_name": org.short_name,
            "is_direct": org.is_direct,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_member_org(
                org,
                acting_user=request.user,
                name=form.cleaned_data["name"],
                short_name=form.cleaned_data["short_name"],
                is_direct=form.cleaned_data["is_direct"],
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("org:unit", org.unit_id)
    return render(
        request,
        "org/form.html",
        {"unit": org.unit, "form": form, "title": _("Sửa %(name)s") % {"name": org.name}, "submit": _("Lưu")},
    )


@login_required
@require_POST
def member_org_close(request, org_id: int):
    from django.utils import timezone

    org = get_object_or_404(MemberOrganization.objects.select_related("unit"), pk=org_id)
    require(request, "org.manage_member_orgs", org.unit)
    try:
        actions.do_close_member_org(org, acting_user=request.user, date=timezone.localdate())
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(org)s đã thôi là tổ chức thành viên.") % {"org": org.name})
    return redirect("org:unit", org.unit_id)


@login_required
def clusters(request):
    qs = EmulationCluster.objects.select_related("leader", "deputy", "organiser").order_by("-year", "name")
    if not request.user.is_superuser:
        profile = profile_of(request.user)
        if profile is None:
            raise PermissionDenied("Tài khoản chưa được gán đơn vị.")
        mine = Unit.objects.filter(queries.scope_q(profile.unit_id)).values("pk")
        qs = qs.filter(Q(memberships__unit_id__in=mine) | Q(organiser_id__in=mine)).distinct()
    profile = profile_of(request.user)
    organiser = profile.unit if profile else queries.central_unit()
    can_create = organiser is not None and request.user.has_perm("org.manage_clusters", organiser)
    return render(
        request, "org/clusters.html", {"clusters": qs, "organiser": organiser, "can_create": can_create}
    )


@login_required
def cluster_create(request, unit_id: int):
    organiser = _unit(request, unit_id, "org.manage_clusters")
    candidates = list(
        queries.children(organiser).exclude(level__code=Level.RESIDENTIAL).order_by("sort_name")
    )
    form = forms.ClusterCreateForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        by_pk = {u.pk: u for u in candidates}
        try:
            cluster = actions.do_create_cluster(
                acting_user=request.user,
                name=d["name"],
                year=d["year"],
                organiser=organiser,
                kind=d["kind"],
                members=[by_pk[pk] for pk in d["members"]],
                leader=by_pk.get(d["leader"]),
                deputy=by_pk.get(d["deputy"]),
                notes=d["notes"],
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã tạo %(cluster)s.") % {"cluster": cluster})
            return redirect("org:cluster", cluster.pk)
    return render(
        request,
        "org/form.html",
        {"unit": organiser, "form": form, "title": _("Tạo cụm, khối thi đua"), "submit": _("Tạo")},
    )


@login_required
def cluster_detail(request, cluster_id: int):
    cluster = get_object_or_404(
        EmulationCluster.objects.select_related("leader", "deputy", "organiser"), pk=cluster_id
    )
    members = list(cluster.members.select_related("level").order_by("name"))
    if not (
        request.user.has_perm("org.view_unit", cluster.organiser)
        or any(request.user.has_perm("org.view_unit", m) for m in members)
    ):
        raise PermissionDenied("Bạn không thuộc cụm thi đua này.")
    can_manage = request.user.has_perm("org.set_cluster_leadership", cluster)
    form = forms.ClusterLeadershipForm(
        request.POST or None,
        members=members,
        initial={"leader": cluster.leader_id, "deputy": cluster.deputy_id},
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("Chỉ đơn vị tổ chức hoặc cụm trưởng được đổi cụm trưởng, cụm phó.")
        if form.is_valid():
            by_pk = {m.pk: m for m in members}
            try:
                actions.do_set_cluster_leadership(
                    cluster,
                    acting_user=request.user,
                    leader=by_pk.get(form.cleaned_data["leader"]),
                    deputy=by_pk.get(form.cleaned_data["deputy"]),
                )
            except ActionError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Đã lưu cụm trưởng, cụm phó."))
                return redirect("org:cluster", cluster.pk)
    history = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(EmulationCluster), object_id=str(cluster.pk)
    ).select_related("actor", "unit", "content_type")[:20]
    return render(
        request,
        "org/cluster_detail.html",
        {"cluster": cluster, "members": members, "form": form, "can_manage": can_manage, "history": history},
    )
