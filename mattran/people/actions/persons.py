"""Persons and the posts they held: created, corrected and given posts through these actions only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.locking import lock
from mattran.core.text import nfc
from mattran.org.models import Unit

from ..checks import clean_person
from ..models import Person, PersonPost


def create_person(*, acting_user: Actor, unit: Unit, full_name: str, **fields: Any) -> Person:
    """Validate and write a person; the caller has authorised and holds the transaction."""
    data = clean_person({"full_name": full_name, **fields})
    person = Person(unit=unit, **data)
    person.save()
    audit.record(
        "people.create_person",
        actor=acting_user,
        unit=unit,
        obj=person,
        after=audit.snapshot(person),
        summary=f"Thêm cá nhân {person.full_name}",
    )
    return person


@transaction.atomic
def do_create_person(*, acting_user: Actor, unit: Unit, full_name: str, **fields: Any) -> Person:
    """Create a person kept by a unit."""
    authorize(acting_user, "people.change_person", unit)
    return create_person(acting_user=acting_user, unit=unit, full_name=full_name, **fields)


def update_person(person: Person, *, acting_user: Actor, **fields: Any) -> Person:
    """Validate and write a locked person's changed details; the caller has authorised."""
    data = clean_person(fields)
    before = audit.snapshot(person)
    for key, value in data.items():
        setattr(person, key, value)
    person.save()
    audit.record(
        "people.update_person",
        actor=acting_user,
        unit=person.unit,
        obj=person,
        before=before,
        after=audit.snapshot(person),
        summary=f"Sửa thông tin {person.full_name}",
    )
    return person


@transaction.atomic
def do_update_person(person: Person, *, acting_user: Actor, **fields: Any) -> Person:
    """Change a person's details."""
    authorize(acting_user, "people.change_person", person)
    return update_person(lock(person, related=("unit",)), acting_user=acting_user, **fields)


@transaction.atomic
def do_add_person_post(
    person: Person,
    *,
    acting_user: Actor,
    title: str,
    organisation: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
    order: int = 0,
) -> PersonPost:
    """Record a post a person held over a period (the title printed beside their name at that time)."""
    authorize(acting_user, "people.change_person", person)
    title = nfc(title)
    if not title:
        raise ActionError(_("Cần nhập chức vụ."), field="title")
    if start and end and end <= start:
        raise ActionError(_("Ngày thôi giữ chức vụ phải sau ngày bắt đầu."), field="end")
    post = PersonPost.objects.create(
        person=person, title=title, organisation=nfc(organisation), start=start, end=end, order=order
    )
    audit.record(
        "people.add_post",
        actor=acting_user,
        unit=person.unit,
        obj=post,
        after=audit.snapshot(post),
        summary=f"{person.full_name}: {title}",
    )
    return post


def find_person(unit: Unit, full_name: str) -> Person | None:
    """The unit's person of that exact name (the first recorded), if any."""
    return Person.objects.filter(unit=unit, full_name=nfc(full_name)).order_by("pk").first()


def find_or_create_person(*, acting_user: Actor, unit: Unit, full_name: str) -> Person:
    """The unit's person of that exact name, or a new one; the caller has authorised and holds the
    transaction (meetings name chairs and guests through it)."""
    return find_person(unit, full_name) or create_person(
        acting_user=acting_user, unit=unit, full_name=nfc(full_name)
    )
