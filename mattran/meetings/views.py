"""Meeting calendar, the meeting page and its quick forms, minutes, news drafting and the public news page.

Each view fetches what its URL names with ``core.web.fetch`` (404, then the permission on the meeting's
unit or 403), calls one action and answers; one URL per command.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from mattran.core.authz import profile_of
from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.media import file_response
from mattran.core.web import document_response, fetch, form_error, paginate
from mattran.org.models import Unit
from mattran.org.queries import ancestors, central_unit
from mattran.people.models import Term
from mattran.reports import actions as report_actions
from mattran.reports.models import Indicator, ReportForm
from mattran.reports.periods import Period

from . import actions, forms, links, queries
from .documents import minutes_document
from .models import (
    FIRST_YEAR,
    LAST_YEAR,
    AgendaItem,
    AgendaKind,
    Attachment,
    AttendanceStatus,
    ConsultationChange,
    Meeting,
    MeetingFigure,
    NewsItem,
    NewsStatus,
    Vote,
)

VIEW, RECORD, PUBLISH = "meetings.view_meeting", "meetings.record_meeting", "meetings.publish_news"
UNITS = Unit.objects.select_related("level")
MEETINGS = Meeting.objects.select_related("unit", "unit__level", "term", "cluster", "chair")
NEWS = NewsItem.objects.select_related("unit", "meeting")
# A meeting's permissions are its unit's (the host unit for a cluster conference); so are its parts'.
of_unit = attrgetter("unit")
of_meeting = attrgetter("meeting.unit")


@login_required
def index(request: HttpRequest) -> HttpResponse:
    profile = profile_of(request.user)
    if profile is not None:
        return redirect("meetings:calendar", profile.unit_id)
    central = central_unit() if request.user.is_superuser else None
    if central is None:
        raise PermissionDenied(_("Tài khoản chưa được gán đơn vị."))
    return redirect("meetings:calendar", central.pk)


@login_required
def calendar(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Meetings of a unit (and, on request, of every unit below it), newest first, grouped by month."""
    unit = fetch(request, UNITS, unit_id, VIEW)
    whole_tree = request.GET.get("cay") == "1"
    year = request.GET.get("nam", "")
    in_bounds = year.isdigit() and FIRST_YEAR <= int(year) <= LAST_YEAR
    qs = queries.meetings_of(unit, subtree=whole_tree, year=int(year) if in_bounds else None)
    page = paginate(request, qs.annotate(n_guests=Count("guests", distinct=True)), 50)
    for m in page.object_list:  # a cluster's meeting held by another unit is listed, linked only if readable
        setattr(m, "may_open", request.user.has_perm("meetings.view_meeting", m))  # noqa: B010 — display flag
    # A former unit is recorded for by its successor's staff, for the days it existed (org.history).
    can_record = request.user.has_perm(RECORD, unit)
    context = {"unit": unit, "chain": ancestors(unit), "page": page, "whole_tree": whole_tree, "year": year}
    return render(request, "meetings/calendar.html", {**context, "can_record": can_record})


def _form_page(request: HttpRequest, form: django_forms.Form, **context: Any) -> HttpResponse:
    """The one-form page of the meetings app (record, correct, quick forms, attendance)."""
    return render(request, "meetings/form.html", {"form": form, **context})


@login_required
def meeting_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = fetch(request, UNITS, unit_id, RECORD)
    terms = list(Term.objects.filter(unit=unit).order_by("-start"))
    form = forms.MeetingForm(request.POST or None, terms=terms)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = actions.do_create_meeting(acting_user=request.user, unit=unit, **form.details(terms))
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã ghi %(meeting)s.") % {"meeting": meeting.heading})
            return redirect("meetings:meeting", meeting.pk)
    back = reverse("meetings:calendar", args=[unit.pk])
    return _form_page(request, form, unit=unit, title=_("Ghi hội nghị"), submit=_("Ghi"), back=back)


@login_required
def meeting_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Correct a meeting's details: title, kind, number, time, venue, period reviewed, chair."""
    meeting = fetch(request, MEETINGS, meeting_id, RECORD, on=of_unit)
    terms = list(Term.objects.filter(unit=meeting.unit).order_by("-start"))
    initial = forms.MeetingEditForm.initial_for(meeting)
    form = forms.MeetingEditForm(request.POST or None, terms=terms, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = actions.do_update_meeting(meeting, acting_user=request.user, **form.changes(terms))
        except ActionError as exc:
            field = forms.MeetingEditForm.ACTION_FIELDS.get(exc.field or "", exc.field)
            form_error(form, ActionError(exc.message, field=field))
        else:
            messages.success(request, _("Đã sửa %(meeting)s.") % {"meeting": meeting.heading})
            return redirect("meetings:meeting", meeting.pk)
    return _form_page(
        request,
        form,
        unit=meeting.unit,
        meeting=meeting,
        title=_("Sửa thông tin hội nghị"),
        submit=_("Lưu"),
        back=reverse("meetings:meeting", args=[meeting.pk]),
    )


@login_required
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = fetch(request, MEETINGS, meeting_id, VIEW, on=of_unit)
    counts = queries.attendance_counts(meeting)
    can_record = request.user.has_perm(RECORD, meeting.unit)
    members = list(queries.committee_of(meeting).select_related("person").by_rank()) if can_record else []
    record = {
        "agenda": queries.agenda_of(meeting),
        "guests": meeting.guests.select_related("person"),
        "opinions": meeting.opinions.select_related("speaker", "agenda_item"),
        "conclusions": meeting.conclusions.select_related("by"),
        "figures": meeting.figures.select_related("indicator"),
        "decisions": meeting.decisions.all(),
        "attachments": meeting.attachments.all(),
        "votes": meeting.votes.select_related("agenda_item"),
        "participants": meeting.participants.all(),
        "news": meeting.news.all(),
        "related": links.links_for(meeting),
        "absent": meeting.attendance.exclude(status=AttendanceStatus.PRESENT).select_related(
            "membership__person"
        ),
        "started": queries.started_by(meeting).select_related("person"),
        "ended": queries.ended_by(meeting).select_related("person"),
    }
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            **record,
            "counts": counts,
            "has_quorum": queries.has_quorum(counts),
            "can_record": can_record,
            "consultation_form": forms.ConsultationChangeForm(members=members) if can_record else None,
            "vote_record_form": forms.VoteRecordForm(),
            "member_count": len(members),
            "campaign_attach_url": links.attach_url(meeting) if can_record else "",
        },
    )


def _one(meeting: Meeting, pk: int | None) -> AgendaItem | None:
    """The meeting's agenda item chosen in a form, if any."""
    return meeting.agenda.filter(pk=pk).first() if pk else None


# Each quick form: one URL (/hoi-nghi/<id>/them/<slug>/) and one action, called with the cleaned data.
def _guest(request: HttpRequest, meeting: Meeting, data: dict[str, Any]) -> object:
    return actions.do_add_guest(meeting, acting_user=request.user, **{**data, "title": data["title"] or None})


def _agenda(request: HttpRequest, meeting: Meeting, data: dict[str, Any]) -> object:
    return actions.do_add_agenda_item(meeting, acting_user=request.user, **data)


def _opinion(request: HttpRequest, meeting: Meeting, data: dict[str, Any]) -> object:
    data = {
        **data,
        "speaker_title": data["speaker_title"] or None,
        "agenda_item": _one(meeting, data["agenda_item"]),
    }
    return actions.do_add_opinion(meeting, acting_user=request.user, **data)


def _conclusion(request: HttpRequest, meeting: Meeting, data: dict[str, Any]) -> object:
    return actions.do_add_conclusion(meeting, acting_user=request.user, **data)


def _decision(request: HttpRequest, meeting: Meeting, data: dict[str, Any]) -> object:
    return actions.do_add_decision(meeting, acting_user=request.user, **data)


def _figure(request: HttpRequest, meeting: Meeting, data: dict[str, Any]) -> object:
    return actions.do_add_meeting_figure(meeting, acting_user=request.user, **data)


def _attachment(request: HttpRequest, meeting: Meeting, data: dict[str, Any]) -> object:
    return actions.do_add_attachment(
        meeting, acting_user=request.user, upload=data["file"], description=data["description"]
    )


def _vote(request: HttpRequest, meeting: Meeting, data: dict[str, Any]) -> object:
    data = {**data, "agenda_item": _one(meeting, data["agenda_item"])}
    return actions.do_open_vote(meeting, acting_user=request.user, **data)


QuickCall = Callable[[HttpRequest, Meeting, dict[str, Any]], object]
QUICK_FORMS: dict[str, tuple[type[django_forms.Form], Promise, QuickCall]] = {
    "dai-bieu": (forms.GuestForm, _lazy("Thêm đại biểu"), _guest),
    "noi-dung": (forms.AgendaForm, _lazy("Thêm nội dung"), _agenda),
    "y-kien": (forms.OpinionForm, _lazy("Ghi ý kiến phát biểu"), _opinion),
    "ket-luan": (forms.ConclusionForm, _lazy("Ghi kết luận, chỉ đạo"), _conclusion),
    "quyet-dinh": (forms.DecisionForm, _lazy("Ghi quyết định"), _decision),
    "so-lieu": (forms.FigureForm, _lazy("Ghi số liệu công bố tại hội nghị"), _figure),
    "tep": (forms.AttachmentForm, _lazy("Đính kèm tệp"), _attachment),
    "bieu-quyet": (forms.VoteOpenForm, _lazy("Đưa ra biểu quyết"), _vote),
}


@login_required
def meeting_add(request: HttpRequest, meeting_id: int, what: str) -> HttpResponse:
    """A quick form of the meeting page: a guest, an agenda item, an opinion, a conclusion, a decision,
    a file or a vote — one URL and one action each."""
    if what not in QUICK_FORMS:
        raise Http404
    meeting = fetch(request, MEETINGS, meeting_id, RECORD, on=of_unit)
    form_class, title, call = QUICK_FORMS[what]
    kwargs: dict[str, Any] = (
        {"agenda": list(meeting.agenda.all())} if what in ("y-kien", "bieu-quyet") else {}
    )
    if what == "so-lieu":
        kwargs["indicators"] = Indicator.objects.filter(is_active=True).order_by("name")
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
    back = reverse("meetings:meeting", args=[meeting.pk])
    context = {"unit": meeting.unit, "meeting": meeting, "title": title, "back": back}
    return _form_page(request, form, **context, submit=_("Ghi"), again=True, multipart=what == "tep")


@login_required
def attendance(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = fetch(request, MEETINGS, meeting_id, RECORD, on=of_unit)
    members = list(queries.committee_of(meeting).select_related("person").by_rank())
    current = dict(meeting.attendance.values_list("membership_id", "status"))
    form = forms.AttendanceForm(request.POST or None, members=members, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            counts = actions.do_record_attendance(meeting, acting_user=request.user, statuses=form.statuses())
        except ActionError as exc:
            form_error(form, exc)
        else:
            message = _("Đã điểm danh: %(present)s/%(total)s ủy viên có mặt.")
            messages.success(request, message % {"present": counts["present"], "total": counts["total"]})
            return redirect("meetings:meeting", meeting.pk)
    return _form_page(
        request,
        form,
        unit=meeting.unit,
        meeting=meeting,
        title=_("Điểm danh ủy viên"),
        submit=_("Lưu"),
        back=reverse("meetings:meeting", args=[meeting.pk]),
        help="" if members else _("Hội nghị chưa gắn nhiệm kỳ có ủy viên vào ngày họp."),
    )


@login_required
@require_POST
def propose_consultation_change(request: HttpRequest, item_id: int) -> HttpResponse:
    """Add a proposed change to a hiệp thương item, from the form under it on the meeting page."""
    items = AgendaItem.objects.select_related("meeting__unit").filter(kind=AgendaKind.CONSULTATION)
    item = fetch(request, items, item_id, RECORD, on=of_meeting)
    members = list(queries.committee_of(item.meeting).select_related("person"))
    form = forms.ConsultationChangeForm(request.POST, members=members)
    if form.is_valid():
        try:
            actions.do_propose_consultation_change(item, acting_user=request.user, **form.proposal(members))
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã thêm đề xuất nhân sự."))
    else:
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, _("Đề xuất chưa hợp lệ: %(errors)s") % {"errors": errors})
    return redirect(reverse("meetings:meeting", args=[item.meeting_id]) + f"#noi-dung-{item.pk}")


@login_required
@require_POST
def record_vote(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = fetch(request, Vote.objects.select_related("meeting__unit"), vote_id, RECORD, on=of_meeting)
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
    return redirect(reverse("meetings:meeting", args=[vote.meeting_id]) + "#bieu-quyet")


@login_required
def record_vote_outcome(request: HttpRequest, vote_id: int) -> HttpResponse:
    """Record a vote as the source gives it: the outcome, the share if given, the words as printed."""
    vote = fetch(request, Vote.objects.select_related("meeting__unit"), vote_id, RECORD, on=of_meeting)
    form = forms.VoteOutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_record_vote_outcome(vote, acting_user=request.user, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã ghi kết quả biểu quyết."))
            return redirect(reverse("meetings:meeting", args=[vote.meeting_id]) + "#bieu-quyet")
    return _form_page(
        request,
        form,
        unit=vote.meeting.unit,
        meeting=vote.meeting,
        title=_("Ghi kết quả biểu quyết theo nguồn: %(vote_subject)s") % {"vote_subject": vote.subject},
        submit=_("Ghi"),
        back=reverse("meetings:meeting", args=[vote.meeting_id]),
        help=_("Dùng khi nguồn chỉ nêu tỷ lệ hoặc kết quả, không nêu số phiếu: số phiếu để “chưa biết”."),
    )


@login_required
def propose_unnamed_seats(request: HttpRequest, item_id: int) -> HttpResponse:
    """Propose seats to relieve or add by number, names to be given later."""
    items = AgendaItem.objects.select_related("meeting__unit").filter(kind=AgendaKind.CONSULTATION)
    item = fetch(request, items, item_id, RECORD, on=of_meeting)
    form = forms.UnnamedSeatsForm(request.POST or None)
    back = reverse("meetings:meeting", args=[item.meeting_id]) + f"#noi-dung-{item.pk}"
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_propose_unnamed_seats(item, acting_user=request.user, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã thêm đề xuất nhân sự (chưa có tên)."))
            return redirect(back)
    return _form_page(
        request,
        form,
        unit=item.meeting.unit,
        meeting=item.meeting,
        title=_("Đề xuất theo số lượng: %(item)s") % {"item": item.title},
        submit=_("Ghi"),
        back=back,
    )


@login_required
def name_consultation_change(request: HttpRequest, change_id: int) -> HttpResponse:
    """Give a seat proposed without a name its person."""
    changes = ConsultationChange.objects.select_related("agenda_item__meeting__unit")
    change = fetch(request, changes, change_id, RECORD, on=attrgetter("agenda_item.meeting.unit"))
    meeting = change.agenda_item.meeting
    members = list(queries.committee_of(meeting).select_related("person").by_rank())
    form = forms.NameSeatForm(request.POST or None, members=members)
    back = reverse("meetings:meeting", args=[meeting.pk]) + f"#noi-dung-{change.agenda_item_id}"
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_name_consultation_change(change, acting_user=request.user, **form.naming())
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã ghi tên."))
            return redirect(back)
    return _form_page(
        request,
        form,
        unit=meeting.unit,
        meeting=meeting,
        title=_("Ghi tên: %(change)s") % {"change": change},
        submit=_("Ghi"),
        back=back,
    )


@login_required
@require_POST
def remove_figure(request: HttpRequest, figure_id: int) -> HttpResponse:
    figures = MeetingFigure.objects.select_related("meeting__unit")
    figure = fetch(request, figures, figure_id, RECORD, on=of_meeting)
    meeting_id = figure.meeting_id
    actions.do_remove_meeting_figure(figure, acting_user=request.user)
    messages.success(request, _("Đã xóa số liệu."))
    return redirect(reverse("meetings:meeting", args=[meeting_id]) + "#so-lieu")


def _report_for(figure: MeetingFigure) -> tuple[ReportForm, Period] | None:
    """The period report that takes the figure: a form of the unit's level holding its indicator, whose
    period is exactly the figure's."""
    if figure.indicator_id is None or figure.period_start is None:
        return None
    unit = figure.meeting.unit
    forms_ = ReportForm.objects.filter(
        is_active=True, items__indicator_id=figure.indicator_id, levels=unit.level_id
    )
    for form in forms_.distinct().order_by("code"):
        period = Period.containing(form.period_kind, figure.period_start)
        if period.start == figure.period_start and period.end == figure.period_end:
            return form, period
    return None


@login_required
@require_POST
def use_figure_in_report(request: HttpRequest, figure_id: int) -> HttpResponse:
    """Take a conference's figure into the unit's report of that period (opened if needed)."""
    figures = MeetingFigure.objects.select_related("meeting__unit__level", "indicator")
    figure = fetch(request, figures, figure_id, VIEW, on=of_meeting)
    back = reverse("meetings:meeting", args=[figure.meeting_id]) + "#so-lieu"
    found = _report_for(figure)
    if found is None:
        messages.error(request, _("Không có biểu báo cáo nào có chỉ tiêu này cho đúng kỳ của số liệu."))
        return redirect(back)
    form, period = found
    try:
        submission = report_actions.do_open_submission(
            acting_user=request.user, form=form, unit=figure.meeting.unit, period=period
        )
        actions.do_use_figure_in_report(figure, acting_user=request.user, submission=submission)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Đã đưa vào báo cáo %(form)s %(period)s, đánh dấu “số liệu hội nghị”.")
            % {"form": form.name, "period": period.label},
        )
    return redirect(back)


@login_required
def attachment_download(request: HttpRequest, attachment_id: int) -> HttpResponseBase:
    files = Attachment.objects.select_related("meeting__unit")
    attachment = fetch(request, files, attachment_id, VIEW, on=of_meeting)
    return file_response(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


@login_required
def minutes(request: HttpRequest, meeting_id: int, fmt: str = "docx") -> HttpResponse:
    meeting = fetch(request, MEETINGS, meeting_id, VIEW, on=of_unit)
    return document_response(minutes_document(meeting), f"bien-ban-hoi-nghi-{meeting.pk}", fmt)


# --- news items ---------------------------------------------------------------------------------------------


@login_required
@require_POST
def news_generate(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = fetch(request, MEETINGS, meeting_id, RECORD, on=of_unit)
    item = actions.do_generate_news_item(meeting, acting_user=request.user)
    messages.success(
        request, _("Đã soạn bản nháp tin bài từ biên bản hội nghị; hãy đọc lại và sửa trước khi đăng.")
    )
    return redirect("meetings:news_edit", item.pk)


def _news_page(request: HttpRequest, item: NewsItem, form: forms.NewsForm) -> HttpResponse:
    return render(request, "meetings/news_edit.html", {"item": item, "form": form})


def _news_form(request: HttpRequest, item: NewsItem) -> forms.NewsForm:
    initial = {"title": item.title, "lead": item.lead, "body": item.body, "author": item.author}
    return forms.NewsForm(request.POST or None, initial=initial)


@login_required
def news_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    """The news item's editor; a POST saves the text (publishing and redrafting have their own URLs)."""
    item = fetch(request, NEWS, item_id, PUBLISH, on=of_unit)
    form = _news_form(request, item)
    if request.method == "POST" and form.is_valid():
        try:
            item = actions.do_update_news_item(item, acting_user=request.user, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã đăng tin.") if item.is_published else _("Đã lưu bản nháp."))
            return redirect("meetings:news_edit", item.pk)
    return _news_page(request, item, form)


@login_required
@require_POST
def news_publish(request: HttpRequest, item_id: int) -> HttpResponse:
    """Publish the news item with the text of the editor's form."""
    item = fetch(request, NEWS, item_id, PUBLISH, on=of_unit)
    form = _news_form(request, item)
    if form.is_valid():
        try:
            item = actions.do_publish_news_item(item, acting_user=request.user, **form.cleaned_data)
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã đăng tin."))
            return redirect("meetings:news_edit", item.pk)
    return _news_page(request, item, form)


@login_required
@require_POST
def news_regenerate(request: HttpRequest, item_id: int) -> HttpResponse:
    """Redraft the news item from its meeting's record (what was edited by hand is replaced)."""
    item = fetch(request, NEWS, item_id, PUBLISH, on=of_unit)
    try:
        actions.do_regenerate_news_item(item, acting_user=request.user)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã soạn lại từ biên bản hội nghị."))
    return redirect("meetings:news_edit", item.pk)


@login_required
@require_POST
def news_unpublish(request: HttpRequest, item_id: int) -> HttpResponse:
    item = fetch(request, NEWS, item_id, PUBLISH, on=of_unit)
    try:
        actions.do_unpublish_news_item(item, acting_user=request.user)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã gỡ tin khỏi trang tin công khai."))
    return redirect("meetings:news_edit", item.pk)


# --- public news (no login) -------------------------------------------------------------------------------


def public_news(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_id)
    # Dated at the meeting it tells of, not the day it was drafted or published.
    qs = (
        NewsItem.objects.filter(unit=unit, status=NewsStatus.PUBLISHED)
        .select_related("meeting")
        .order_by("-published_at", "-pk")
    )
    return render(request, "meetings/public_news.html", {"unit": unit, "page": paginate(request, qs, 20)})


def public_news_item(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(
        NewsItem.objects.select_related("unit", "meeting"), pk=item_id, status=NewsStatus.PUBLISHED
    )
    return render(request, "meetings/public_news_item.html", {"item": item, "unit": item.unit})
