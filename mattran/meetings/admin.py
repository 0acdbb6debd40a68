"""Django admin for meetings and what they record: read-only (core.admin.ReadOnlyModelAdmin).

Superusers list, search and open the records here; cadres and superusers change them through the meeting
pages and the API, whose actions authorise and write the audit log."""

from __future__ import annotations

from django.contrib import admin

from mattran.core.admin import ReadOnlyModelAdmin

from .models import (
    AgendaItem,
    Attachment,
    Attendance,
    Conclusion,
    ConsultationChange,
    Decision,
    Guest,
    Meeting,
    NewsItem,
    Opinion,
    Vote,
)


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyModelAdmin):
    list_display = ["title", "kind", "number", "term", "unit", "starts_at", "venue"]
    list_filter = ["kind"]
    search_fields = ["title", "venue", "period_label", "unit__name", "chair__full_name"]
    list_select_related = ["unit", "unit__level", "term"]
    raw_id_fields = ["unit", "cluster", "term", "chair", "created_by", "participants"]
    date_hierarchy = "starts_at"


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyModelAdmin):
    list_display = ["meeting", "membership", "status"]
    list_filter = ["status"]
    search_fields = ["meeting__title", "membership__person__full_name"]
    list_select_related = ["meeting__unit__level", "meeting__term", "membership__person"]
    raw_id_fields = ["meeting", "membership"]


@admin.register(Guest)
class GuestAdmin(ReadOnlyModelAdmin):
    list_display = ["meeting", "person", "title", "organisation", "role"]
    list_filter = ["role"]
    search_fields = ["person__full_name", "title", "organisation", "meeting__title"]
    list_select_related = ["meeting__unit__level", "meeting__term", "person"]
    raw_id_fields = ["meeting", "person"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyModelAdmin):
    list_display = ["title", "kind", "meeting", "order"]
    list_filter = ["kind"]
    search_fields = ["title", "presenter", "meeting__title"]
    list_select_related = ["meeting__unit__level", "meeting__term"]
    raw_id_fields = ["meeting"]


@admin.register(Opinion)
class OpinionAdmin(ReadOnlyModelAdmin):
    list_display = ["meeting", "speaker", "organisation", "gist"]
    search_fields = ["gist", "speaker__full_name", "organisation", "meeting__title"]
    list_select_related = ["meeting__unit__level", "meeting__term", "speaker"]
    raw_id_fields = ["meeting", "agenda_item", "speaker"]


@admin.register(Conclusion)
class ConclusionAdmin(ReadOnlyModelAdmin):
    list_display = ["meeting", "kind", "by", "text"]
    list_filter = ["kind"]
    search_fields = ["text", "by__full_name", "meeting__title"]
    list_select_related = ["meeting__unit__level", "meeting__term", "by"]
    raw_id_fields = ["meeting", "by"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyModelAdmin):
    list_display = ["meeting", "number", "text"]
    search_fields = ["number", "text", "meeting__title"]
    list_select_related = ["meeting__unit__level", "meeting__term"]
    raw_id_fields = ["meeting", "agenda_item"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyModelAdmin):
    list_display = ["original_name", "meeting", "content_type", "size", "uploaded_at"]
    search_fields = ["original_name", "description", "meeting__title"]
    list_select_related = ["meeting__unit__level", "meeting__term"]
    raw_id_fields = ["meeting", "uploaded_by"]


@admin.register(Vote)
class VoteAdmin(ReadOnlyModelAdmin):
    list_display = ["subject", "meeting", "rule", "present", "votes_for", "votes_against", "passed"]
    list_filter = ["rule", "passed"]
    search_fields = ["subject", "meeting__title"]
    list_select_related = ["meeting__unit__level", "meeting__term"]
    raw_id_fields = ["meeting", "agenda_item", "recorded_by"]


@admin.register(ConsultationChange)
class ConsultationChangeAdmin(ReadOnlyModelAdmin):
    list_display = ["agenda_item", "action", "membership", "person", "position", "applied_at"]
    list_filter = ["action"]
    search_fields = ["person__full_name", "membership__person__full_name", "agenda_item__title"]
    list_select_related = ["agenda_item", "membership__person", "person"]
    raw_id_fields = ["agenda_item", "membership", "person", "member_org", "new_membership"]


@admin.register(NewsItem)
class NewsItemAdmin(ReadOnlyModelAdmin):
    list_display = ["title", "unit", "status", "published_at", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "lead", "body", "unit__name"]
    list_select_related = ["unit"]
    raw_id_fields = ["meeting", "unit", "created_by"]
