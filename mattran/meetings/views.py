"""Meeting calendar, the meeting page and its quick forms, minutes, news drafting and the public news page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from mattran.accounts.rules import profile_of
from mattran.core.errors import ActionError
from mattran.core.media import file_response
from mattran.core.web import document_response, form_error, paginate, require
from mattran.org.models import Unit
from mattran.org.queries import ancestors, subtree_ids
from mattran.people.models import Membership, Term

from . import actions, forms, links
from .documents import minutes_document
from .models import (
    FIRST_YEAR,
    LAST_YEAR,
    AgendaItem,
    AgendaKind,
    Attachment,
    ConsultationChange,
    Meeting,
    NewsItem,
    NewsStatus,
    Vote,
)


def _unit(request, unit_id: int, perm: str = "meetings.view_meeting") -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("level"), pk=unit_id)
    require(request, perm, unit)
    return unit


def _meeting(request, meeting_id: int, perm: str = "meetings.view_meeting") -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("unit", "unit__level", "term", "cluster", "chair"), pk=meeting_id
    )
    require(request, perm, meeting.unit)
    return meeting


@login_required
def index(request):
    profile = profile_of(request.user)
    if profile is None:
        raise PermissionDenied("Tài khoản chưa được gán đơn vị.")
    return redirect("meetings:calendar", profile.unit_id)


@login_required
def calendar(request, unit_id: int):
    """Meetings of a unit (and, on request, of every unit below it), newest first, grouped by month."""
    unit = _unit(request, unit_id)
    whole_tree = request.GET.get("cay") == "1"
    year = request.GET.get("nam", "")
    qs = (
        Meeting.objects.filter(unit_id__in=subtree_ids(unit))
        if whole_tree
        else Meeting.objects.in_units([unit.pk])
    )
    if year.isdigit() and FIRST_YEAR <= int(year) <= LAST_YEAR:
        qs = qs.filter(starts_at__year=int(year))
    qs = qs.select_related("unit", "unit__level", "term", "cluster").annotate(
        n_guests=Count("guests", distinct=True)
    )
    page = paginate(request, qs.order_by("-starts_at", "-pk"), 50)
    return render(
        request,
        "meetings/calendar.html",
        {
            "unit": unit,
            "chain": ancestors(unit),
            "page": page,
            "whole_tree": whole_tree,
            "year": year,
            "can_record": request.user.has_perm("meetings.record_meeting", unit) and unit.is_open,
        },
    )


@login_required
def meeting_create(request, unit_id: int):
    unit = _unit(request, unit_id, "meetings.record_meeting")
    terms = list(Term.objects.filter(unit=unit).order_by("-start"))
    form = forms.MeetingForm(request.POST or None, terms=terms)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = actions.do_create_meeting(
                acting_user=request.user,
                unit=unit,
                kind=data["kind"],
                title=data["title"],
                starts_at=form.starts_at(),
                term=next((t for t in terms if t.pk == data["term"]), None),
                number=data["number"],
                venue=data["venue"],
                period_label=data["period_label"],
                organiser_label=data["organiser_label"],
                chair_name=data["chair_name"],
                chair_title=data["chair_title"],
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã ghi %(meeting)s.") % {"meeting": meeting.heading})
            return redirect("meetings:meeting", meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {
            "unit": unit,
            "form": form,
            "title": _("Ghi hội nghị"),
            "submit": _("Ghi"),
            "back": reverse("meetings:calendar", args=[unit.pk]),
        },
    )


@login_required
def meeting_edit(request, meeting_id: int):
    """Correct a meeting's details: title, kind, number, time, venue, period reviewed, chair."""
    meeting = _meeting(request, meeting_id, "meetings.record_meeting")
    terms = list(Term.objects.filter(unit=meeting.unit).order_by("-start"))
    form = forms.MeetingEditForm(
        request.POST or None, terms=terms, initial=forms.MeetingEditForm.initial_for(meeting)
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = actions.do_update_meeting(meeting, acting_user=request.user, **form.changes(terms))
        except ActionError as exc:
            field = forms.MeetingEditForm.ACTION_FIELDS.get(exc.field, exc.field)
            form_error(form, ActionError(exc.message, field=field))
        else:
            messages.success(request, _("Đã sửa %(meeting)s.") % {"meeting": meeting.heading})
            return redirect("meetings:meeting", meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {
            "unit": meeting.unit,
            "meeting": meeting,
            "form": form,
            "title": _("Sửa thông tin hội nghị"),
            "submit": _("Lưu"),
            "back": reverse("meetings:meeting", args=[meeting.pk]),
        },
    )


@login_required
def meeting_detail(request, meeting_id: int):
    meeting = _meeting(request, meeting_id)
    agenda = list(
        meeting.agenda.prefetch_related(
            Prefetch(
                "changes",
                queryset=ConsultationChange.objects.select_related(
                    "membership__person", "person", "new_membership"
                ),
            ),
            "votes",
        )
    )
    counts = actions.attendance_counts(meeting)
    can_record = request.user.has_perm("meetings.record_meeting", meeting.unit)
    members = list(actions.committee_of(meeting).select_related("person").ordered()) if can_record else []
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "guests": meeting.guests.select_related("person"),
            "opinions": meeting.opinions.select_related("speaker", "agenda_item"),
            "conclusions": meeting.conclusions.select_related("by"),
            "decisions": meeting.decisions.all(),
            "attachments": meeting.attachments.all(),
            "votes": meeting.votes.select_related("agenda_item"),
            "participants": meeting.participants.all(),
            "news": meeting.news.all(),
            "related": links.links_for(meeting),
            "counts": counts,
            "has_quorum": actions.has_quorum(counts),
            "absent": meeting.attendance.exclude(status="co_mat").select_related("membership__person"),
            "started": Membership.objects.filter(started_by_meeting=meeting).select_related("person"),
            "ended": Membership.objects.filter(ended_by_meeting=meeting).select_related("person"),
            "can_record": can_record,
            "change_form": forms.ChangeForm(members=members) if can_record else None,
            "vote_record_form": forms.VoteRecordForm(),
            "member_count": len(members),
        },
    )


def _item_choices(meeting: Meeting):
    return list(meeting.agenda.all())


def _one(qs, pk):
    return qs.filter(pk=pk).first() if pk else None


# Each quick form: (form class, page title, a function calling one action with the cleaned data).
def _guest(request, meeting, data):
    return actions.do_add_guest(
        meeting,
        acting_user=request.user,
        person_name=data["person_name"],
        title=data["title"] or None,
        organisation=data["organisation"],
        role=data["role"],
    )


def _agenda(request, meeting, data):
    return actions.do_add_agenda_item(meeting, acting_user=request.user, **data)


def _opinion(request, meeting, data):
    return actions.do_add_opinion(
        meeting,
        acting_user=request.user,
        gist=data["gist"],
        speaker_name=data["speaker_name"],
        speaker_title=data["speaker_title"] or None,
        organisation=data["organisation"],
        agenda_item=_one(meeting.agenda, data["agenda_item"]),
    )


def _conclusion(request, meeting, data):
    return actions.do_add_conclusion(meeting, acting_user=request.user, **data)


def _decision(request, meeting, data):
    return actions.do_add_decision(meeting, acting_user=request.user, **data)


def _attachment(request, meeting, data):
    return actions.do_add_attachment(
        meeting, acting_user=request.user, upload=data["file"], description=data["description"]
    )


def _vote(request, meeting, data):
    return actions.do_open_vote(
        meeting,
        acting_user=request.user,
        subject=data["subject"],
        rule=data["rule"],
        agenda_item=_one(meeting.agenda, data["agenda_item"]),
    )


QUICK_FORMS = {
    "dai-bieu": (forms.GuestForm, _lazy("Thêm đại biểu"), _guest),
    "noi-dung": (forms.AgendaForm, _lazy("Thêm nội dung"), _agenda),
    "y-kien": (forms.OpinionForm, _lazy("Ghi ý kiến phát biểu"), _opinion),
    "ket-luan": (forms.ConclusionForm, _lazy("Ghi kết luận, chỉ đạo"), _conclusion),
    "quyet-dinh": (forms.DecisionForm, _lazy("Ghi quyết định"), _decision),
    "tep": (forms.AttachmentForm, _lazy("Đính kèm tệp"), _attachment),
    "bieu-quyet": (forms.VoteOpenForm, _lazy("Đưa ra biểu quyết"), _vote),
}


@login_required
def meeting_add(request, meeting_id: int, what: str):
    if what not in QUICK_FORMS:
        raise Http404
    meeting = _meeting(request, meeting_id, "meetings.record_meeting")
    form_class, title, call = QUICK_FORMS[what]
    kwargs = {"agenda": _item_choices(meeting)} if what in ("y-kien", "bieu-quyet") else {}
    form = form_class(request.POST or None, request.FILES or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            call(request, meeting, form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã ghi."))
            if "tiep" in request.POST:
                return redirect("meetings:add", meeting.pk, what)
            return redirect("meetings:meeting", meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {
            "unit": meeting.unit,
            "meeting": meeting,
            "form": form,
            "title": title,
            "submit": _("Ghi"),
            "again": True,
            "multipart": what == "tep",
            "back": reverse("meetings:meeting", args=[meeting.pk]),
        },
    )


@login_required
def attendance(request, meeting_id: int):
    meeting = _meeting(request, meeting_id, "meetings.record_meeting")
    members = list(actions.committee_of(meeting).select_related("person").ordered())
    current = dict(meeting.attendance.values_list("membership_id", "status"))
    form = forms.AttendanceForm(request.POST or None, members=members, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            counts = actions.do_record_attendance(meeting, acting_user=request.user, statuses=form.statuses())
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã điểm danh: %(present)s/%(total)s ủy viên có mặt.")
                % {"present": counts["present"], "total": counts["total"]},
            )
            return redirect("meetings:meeting", meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {
            "unit": meeting.unit,
            "meeting": meeting,
            "form": form,
            "title": _("Điểm danh ủy viên"),
            "submit": _("Lưu"),
            "back": reverse("meetings:meeting", args=[meeting.pk]),
            "help": "" if members else "Hội nghị chưa gắn nhiệm kỳ có ủy viên vào ngày họp.",
        },
    )


@login_required
@require_POST
def propose_change(request, item_id: int):
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting"), pk=item_id, kind=AgendaKind.CONSULTATION
    )
    meeting = _meeting(request, item.meeting_id, "meetings.record_meeting")
    members = list(actions.committee_of(meeting).select_related("person"))
    form = forms.ChangeForm(request.POST, members=members)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_propose_change(
                item,
                acting_user=request.user,
                action=data["action"],
                membership=next((m for m in members if m.pk == data["membership"]), None),
                person_name=data["person_name"],
                position=data["position"],
                represents=data["represents"],
                represents_detail=data["represents_detail"],
                end_reason=data["end_reason"],
            )
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã thêm đề xuất nhân sự."))
    else:
        messages.error(
            request, "Đề xuất chưa hợp lệ: " + "; ".join(e for errs in form.errors.values() for e in errs)
        )
    return redirect(reverse("meetings:meeting", args=[meeting.pk]) + f"#noi-dung-{item.pk}")


@login_required
@require_POST
def record_vote(request, vote_id: int):
    vote = get_object_or_404(Vote.objects.select_related("meeting"), pk=vote_id)
    meeting = _meeting(request, vote.meeting_id, "meetings.record_meeting")
    form = forms.VoteRecordForm(request.POST)
    if form.is_valid():
        try:
            vote = actions.do_record_vote(vote, acting_user=request.user, **form.cleaned_data)
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            verdict = _("thông qua") if vote.passed else _("không thông qua")
            messages.success(
                request,
                _("Đã ghi biểu quyết: %(votes_for)s/%(present)s tán thành, %(verdict)s.")
                % {"votes_for": vote.votes_for, "present": vote.present, "verdict": verdict},
            )
    else:
        messages.error(request, _("Số phiếu chưa hợp lệ."))
    return redirect(reverse("meetings:meeting", args=[meeting.pk]) + "#bieu-quyet")


@login_required
def attachment_download(request, attachment_id: int):
    attachment = get_object_or_404(Attachment.objects.select_related("meeting__unit"), pk=attachment_id)
    require(request, "meetings.view_meeting", attachment.meeting.unit)
    return file_response(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


@login_required
def minutes(request, meeting_id: int, fmt: str = "docx"):
    meeting = _meeting(request, meeting_id)
    return document_response(minutes_document(meeting), f"bien-ban-hoi-nghi-{meeting.pk}", fmt)


@login_required
@require_POST
def news_generate(request, meeting_id: int):
    meeting = _meeting(request, meeting_id, "meetings.record_meeting")
    item = actions.do_generate_news_item(meeting, acting_user=request.user)
    messages.success(
        request, _("Đã soạn bản nháp tin bài từ biên bản hội nghị; hãy đọc lại và sửa trước khi đăng.")
    )
    return redirect("meetings:news_edit", item.pk)


@login_required
def news_edit(request, item_id: int):
    item = get_object_or_404(NewsItem.objects.select_related("unit", "meeting"), pk=item_id)
    require(request, "meetings.publish_news", item.unit)
    form = forms.NewsForm(
        request.POST or None,
        initial={"title": item.title, "lead": item.lead, "body": item.body, "author": item.author},
    )
    if request.method == "POST" and form.is_valid():
        try:
            if "soan-lai" in request.POST:
                item = actions.do_regenerate_news_item(item, acting_user=request.user)
                messages.success(request, _("Đã soạn lại từ biên bản hội nghị."))
                return redirect("meetings:news_edit", item.pk)
            item = actions.do_update_news_item(item, acting_user=request.user, **form.cleaned_data)
            if "dang" in request.POST and not item.is_published:
                item = actions.do_publish_news_item(item, acting_user=request.user)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã đăng tin.") if item.is_published else _("Đã lưu bản nháp."))
            return redirect("meetings:news_edit", item.pk)
    return render(request, "meetings/news_edit.html", {"item": item, "form": form})


@login_required
@require_POST
def news_unpublish(request, item_id: int):
    item = get_object_or_404(NewsItem.objects.select_related("unit"), pk=item_id)
    require(request, "meetings.publish_news", item.unit)
    try:
        actions.do_unpublish_news_item(item, acting_user=request.user)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã gỡ tin khỏi trang tin công khai."))
    return redirect("meetings:news_edit", item.pk)


# --- public news (no login) -------------------------------------------------------------------------------


def public_news(request, unit_id: int):
    unit = get_object_or_404(Unit, pk=unit_id)
    qs = NewsItem.objects.filter(unit=unit, status=NewsStatus.PUBLISHED).order_by("-published_at", "-pk")
    return render(request, "meetings/public_news.html", {"unit": unit, "page": paginate(request, qs, 20)})


def public_news_item(request, item_id: int):
    item = get_object_or_404(NewsItem.objects.select_related("unit"), pk=item_id, status=NewsStatus.PUBLISHED)
    return render(request, "meetings/public_news_item.html", {"item": item, "unit": item.unit})
