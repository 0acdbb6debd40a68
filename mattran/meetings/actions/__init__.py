"""Every change to meetings, one module per topic; each ``do_*`` authorises its actor first, is atomic,
validates before writing, audits, and raises ActionError (changing nothing) on bad input.

- ``record``: the meeting itself (record, correct its details)
- ``attendance``: the committee members' attendance and the guests
- ``proceedings``: agenda, opinions spoken, conclusions and directives, decisions
- ``votes``: putting a question to the vote and recording the show of hands
- ``consultation``: hiệp thương — the membership changes proposed on an agenda item, applied when its vote
  passes
- ``figures``: the figures announced at the meeting, kept as the source states them
- ``attachments``: the meeting's files
- ``news_items``: the news item (tin bài) drafted from the record, edited, published

Reads (the committee as the meeting opened, attendance counts, quorum) are in ``meetings.queries``.
"""

from .attachments import do_add_attachment
from .attendance import do_add_guest, do_record_attendance
from .consultation import (
    do_name_consultation_change,
    do_propose_consultation_change,
    do_propose_unnamed_seats,
)
from .figures import do_add_meeting_figure, do_remove_meeting_figure, do_use_figure_in_report
from .news_items import (
    do_generate_news_item,
    do_publish_news_item,
    do_regenerate_news_item,
    do_unpublish_news_item,
    do_update_news_item,
)
from .proceedings import do_add_agenda_item, do_add_conclusion, do_add_decision, do_add_opinion
from .record import do_create_meeting, do_update_meeting
from .votes import do_open_vote, do_record_vote, do_record_vote_outcome

__all__ = [
    "do_add_agenda_item",
    "do_add_attachment",
    "do_add_conclusion",
    "do_add_decision",
    "do_add_meeting_figure",
    "do_add_guest",
    "do_add_opinion",
    "do_create_meeting",
    "do_generate_news_item",
    "do_name_consultation_change",
    "do_open_vote",
    "do_propose_consultation_change",
    "do_propose_unnamed_seats",
    "do_publish_news_item",
    "do_record_attendance",
    "do_record_vote",
    "do_record_vote_outcome",
    "do_regenerate_news_item",
    "do_remove_meeting_figure",
    "do_unpublish_news_item",
    "do_update_meeting",
    "do_update_news_item",
    "do_use_figure_in_report",
]
