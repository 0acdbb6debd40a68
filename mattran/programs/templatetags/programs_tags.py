"""Links other apps' pages show into the programs pages, only to users who may open them."""

from __future__ import annotations

from django import template
from django.template import Context
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from mattran.people.models import Person

register = template.Library()


@register.simple_tag(takes_context=True)
def person_awards_link(context: Context, person: Person) -> str:
    """A link to the person's award history, or nothing when the user may not read it."""
    request = context.get("request")
    if request is None or not request.user.has_perm("programs.view_person_awards", person):
        return ""
    return format_html(
        '<p><a href="{}" id="person-awards">{}</a></p>',
        reverse("programs:person_awards", args=[person.pk]),
        _("Lịch sử thi đua, khen thưởng"),
    )
