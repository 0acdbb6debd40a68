"""Every change to reports: opening and entering figures (``entry``), the submit → approve / return →
re-open workflow (``workflow``), the 6-month and year-end narratives (``narratives``), Excel uploads
(``imports``) and the tables derived from the figures (``derived``).

Each action authorises its actor first, locks the submission row so two people cannot race on it,
validates everything before writing anything, and writes one audit record.
"""

from __future__ import annotations

from .derived import do_rekey_values
from .entry import do_open_submission, do_save_values
from .imports import UploadResult, do_import_values
from .narratives import REVIEW_FIELDS, do_save_review_report
from .workflow import do_approve_submission, do_reopen_submission, do_return_submission, do_submit_submission

__all__ = [
    "REVIEW_FIELDS",
    "UploadResult",
    "do_approve_submission",
    "do_import_values",
    "do_open_submission",
    "do_rekey_values",
    "do_reopen_submission",
    "do_return_submission",
    "do_save_review_report",
    "do_save_values",
    "do_submit_submission",
]
