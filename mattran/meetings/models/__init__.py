"""Meetings (hội nghị, kỳ họp, đại hội, hiệp thương…), what happens at them, and what they produce.

A meeting belongs to one unit (``unit``: the committee that holds the record, or the host unit when an
emulation cluster organises it, ``cluster`` then being set). Attendance is per committee member; votes
count against the members present; a hiệp thương agenda item carries the proposed membership changes,
applied when its vote passes. Programs, agreements and awards decided at a meeting live in the programs
app and point here; the news composer lets that app add its own paragraphs (see ``news.register_section``).

The models live by topic in this package's modules (meeting, proceedings, votes, outputs) and are all
importable from here, which is also how Django finds them; ``PassRule`` and ``SHOW_OF_HANDS`` (voting.py)
stay importable from here too.
"""

from ..voting import SHOW_OF_HANDS, PassRule
from .meeting import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_ATTACHMENT_BYTES,
    NUMBERED_KINDS,
    QUORUM_DENOMINATOR,
    QUORUM_NUMERATOR,
    DayPart,
    Meeting,
    MeetingKind,
    MeetingQuerySet,
    to_roman,
)
from .outputs import (
    MeetingFigure,
    NewsItem,
    NewsStatus,
    Qualifier,
)
from .proceedings import (
    AgendaItem,
    AgendaKind,
    Attachment,
    Attendance,
    AttendanceStatus,
    Conclusion,
    ConclusionKind,
    Decision,
    Guest,
    GuestRole,
    Opinion,
)
from .votes import (
    ChangeAction,
    ConsultationChange,
    Vote,
)

__all__ = [
    "SHOW_OF_HANDS",
    "PassRule",
    "QUORUM_NUMERATOR",
    "QUORUM_DENOMINATOR",
    "MAX_ATTACHMENT_BYTES",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MeetingKind",
    "NUMBERED_KINDS",
    "to_roman",
    "DayPart",
    "MeetingQuerySet",
    "Meeting",
    "AttendanceStatus",
    "Attendance",
    "GuestRole",
    "Guest",
    "AgendaKind",
    "AgendaItem",
    "Opinion",
    "ConclusionKind",
    "Conclusion",
    "Decision",
    "Attachment",
    "Vote",
    "ChangeAction",
    "ConsultationChange",
    "Qualifier",
    "MeetingFigure",
    "NewsStatus",
    "NewsItem",
]
