"""Every state change of citizens' cases (intake.py: receiving, merge, split; batch.py: the Excel template;
handling.py: the rest)."""

from .batch import do_import_cases
from .handling import (
    do_assign_handlers,
    do_classify_case,
    do_close_case,
    do_escalate_case,
    do_forward_case,
    do_inform_citizen,
    do_publish_case,
    do_rate_answer,
    do_record_answer,
    do_reopen_case,
    do_reveal_identity,
    do_send_deadline_reminders,
    do_set_deadline_rule,
)
from .intake import (
    do_create_council_session,
    do_create_reception_session,
    do_merge_cases,
    do_receive_case,
    do_split_case,
    do_submit_public,
)

__all__ = [
    "do_assign_handlers",
    "do_classify_case",
    "do_close_case",
    "do_create_council_session",
    "do_create_reception_session",
    "do_escalate_case",
    "do_forward_case",
    "do_import_cases",
    "do_inform_citizen",
    "do_merge_cases",
    "do_publish_case",
    "do_rate_answer",
    "do_receive_case",
    "do_record_answer",
    "do_reopen_case",
    "do_reveal_identity",
    "do_send_deadline_reminders",
    "do_set_deadline_rule",
    "do_split_case",
    "do_submit_public",
]
