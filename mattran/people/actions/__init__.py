"""Every change to persons, their posts, terms and committee memberships: atomic, authorised, audited.

``persons`` (persons and their posts), ``committee`` (terms and memberships), ``imports`` (the committee
sheet) and ``sensitive`` (audited reads of sensitive personal data). The steps other apps build on — ``add_membership``, ``end_membership``, ``lock_term``,
``find_or_create_person``, ``validate_new_membership`` — are for actions that have authorised their actor.
"""

from __future__ import annotations

from ..checks import PERSON_FIELDS, validate_new_membership
from .committee import (
    add_membership,
    do_add_member_by_name,
    do_add_membership,
    do_create_term,
    do_end_membership,
    end_membership,
    lock_term,
)
from .imports import ImportResult, do_import_committee
from .persons import do_add_person_post, do_create_person, do_update_person, find_or_create_person
from .sensitive import SENSITIVE_FIELDS, do_read_sensitive, do_read_sensitive_of_committee

__all__ = [
    "PERSON_FIELDS",
    "SENSITIVE_FIELDS",
    "ImportResult",
    "add_membership",
    "do_add_member_by_name",
    "do_add_membership",
    "do_add_person_post",
    "do_create_person",
    "do_create_term",
    "do_end_membership",
    "do_import_committee",
    "do_read_sensitive",
    "do_read_sensitive_of_committee",
    "do_update_person",
    "end_membership",
    "find_or_create_person",
    "lock_term",
    "validate_new_membership",
]
