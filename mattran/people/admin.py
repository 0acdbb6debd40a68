"""Django admin for people and committees (a back office for superusers; cadres use the app's pages)."""

from __future__ import annotations

from django.contrib import admin

from .models import Membership, Person, PersonPost, Term


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "gender", "birth_year", "ethnicity", "religion", "unit"]
    list_filter = ["gender"]
    search_fields = ["full_name", "search_name", "occupation"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit"]


@admin.register(PersonPost)
class PersonPostAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "organisation", "start", "end"]
    search_fields = ["person__full_name", "title", "organisation"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["label", "unit", "period_label", "start", "end"]
    search_fields = ["label", "period_label", "unit__name"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit", "congress"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "position", "term", "unit", "start", "end", "end_reason"]
    list_filter = ["position", "end_reason"]
    search_fields = ["person__full_name", "term__label", "unit__name", "represents_detail"]
    list_select_related = ["person", "term", "unit"]
    raw_id_fields = ["person", "unit", "term", "member_org", "started_by_meeting", "ended_by_meeting"]
