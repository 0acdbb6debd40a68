"""Django admin for people and committees: read-only, since changes go through the actions (which authorise
and write the audit log); cadres change committees on the app's pages."""

from __future__ import annotations

from django.contrib import admin

from mattran.core.admin import ReadOnlyModelAdmin

from .models import Membership, Person, PersonPost, Term


@admin.register(Person)
class PersonAdmin(ReadOnlyModelAdmin):
    list_display = ["full_name", "gender", "birth_year", "ethnicity", "religion", "unit"]
    list_filter = ["gender"]
    search_fields = ["full_name", "search_name", "occupation"]
    list_select_related = ["unit"]


@admin.register(PersonPost)
class PersonPostAdmin(ReadOnlyModelAdmin):
    list_display = ["person", "title", "organisation", "start", "end"]
    search_fields = ["person__full_name", "title", "organisation"]
    list_select_related = ["person"]


@admin.register(Term)
class TermAdmin(ReadOnlyModelAdmin):
    list_display = ["label", "unit", "period_label", "start", "end"]
    search_fields = ["label", "period_label", "unit__name"]
    list_select_related = ["unit"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyModelAdmin):
    list_display = ["person", "position", "term", "unit", "start", "end", "end_reason"]
    list_filter = ["position", "end_reason"]
    search_fields = ["person__full_name", "term__label", "unit__name", "represents_detail"]
    list_select_related = ["person", "term", "unit"]
