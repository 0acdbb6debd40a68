"""Supervision: the yearly programme adopted at a meeting, its activities from plan to conclusion, and the
recommendations tracked to their answers. Each change of an activity locks its row.

The actions live by topic in this package's modules (programme, activities, recommendations; base holds
what they share) and are all importable from here."""

from .activities import (
    IMAGE_EXTENSIONS,
    do_add_activity,
    do_add_finding,
    do_add_session_photo,
    do_add_subject,
    do_conclude_activity,
    do_establish_team,
    do_notify_subject,
    do_plan_follow_up,
    do_read_subject_persons,
    do_record_plan,
    do_record_session,
)
from .programme import (
    do_adopt_programme,
    do_create_programme,
    do_publish_programme,
)
from .recommendations import (
    MAX_WORKING_DAYS,
    do_answer_recommendation,
    do_close_recommendation,
    do_make_recommendation,
)

__all__ = [
    "do_create_programme",
    "do_adopt_programme",
    "do_publish_programme",
    "do_add_activity",
    "do_plan_follow_up",
    "do_add_subject",
    "do_read_subject_persons",
    "do_establish_team",
    "do_record_plan",
    "do_notify_subject",
    "do_record_session",
    "IMAGE_EXTENSIONS",
    "do_add_session_photo",
    "do_add_finding",
    "do_conclude_activity",
    "MAX_WORKING_DAYS",
    "do_make_recommendation",
    "do_answer_recommendation",
    "do_close_recommendation",
]
