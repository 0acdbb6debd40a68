"""Compose a news item (tin bài) from a meeting's record, shaped like the Front's published articles.

Title, a lead with the time of day, date, venue, unit and meeting, the guests with the titles they held
that day, then the body by agenda item, the opinions, directives and conclusions, the hiệp thương result
with its vote, and the other votes. Other apps add their own paragraphs (programs signed, agreements,
awards, the cluster leader's handover) with ``register_section``; each section gets the meeting and
returns paragraphs, which are placed before the personnel changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .models import (
    AgendaItem,
    AgendaKind,
    ChangeAction,
    Conclusion,
    ConclusionKind,
    ConsultationChange,
    DayPart,
    Guest,
    GuestRole,
    Meeting,
    MeetingKind,
    Opinion,
    Vote,
)

Section = Callable[[Meeting], list[str]]
_SECTIONS: list[Section] = []


def register_section(section: Section) -> Section:
    """Let another app add paragraphs about a meeting (usable as a decorator)."""
    if section not in _SECTIONS:
        _SECTIONS.append(section)
    return section


@dataclass
class Draft:
    title: str
    lead: str
    body: str


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…", "./.")) else f"{text}."


def time_of_day(meeting: Meeting) -> str:
    """ "Sáng", "Chiều", "Tối" from the hour or the part of day recorded; "" when the source gave neither."""
    part = meeting.part_of_day
    return str(DayPart(part).label) if part else ""


def _guest_paragraphs(guests: list[Guest]) -> list[str]:
    out = []
    directing = [g for g in guests if g.person_id and g.role == GuestRole.ATTEND_AND_DIRECT]
    for g in directing:
        out.append(f"Đồng chí {g.label} dự và chỉ đạo Hội nghị.")
    attending = [g for g in guests if g.role != GuestRole.ATTEND_AND_DIRECT or not g.person_id]
    named = [g.label for g in attending if g.person_id]
    orgs = [g.organisation for g in attending if not g.person_id]
    groups = [f"đại diện lãnh đạo {', '.join(orgs)}"] if orgs else []
    if len(named) == 1 and not groups:
        out.append(f"Tới dự có đồng chí {named[0]}.")
    elif named or groups:
        parts = "; ".join(named + groups)
        out.append(f"Dự Hội nghị có các đồng chí: {parts}." if named else f"Dự Hội nghị có {parts}.")
    return out


def _lead(meeting: Meeting, guests: list[Guest]) -> str:
    day = meeting.date
    part = time_of_day(meeting)
    when = f"{part} ngày {day:%d/%m/%Y}" if part else f"Ngày {day:%d/%m/%Y}"
    where = f", tại {meeting.venue}" if meeting.venue else ""
    if meeting.number and meeting.kind in (MeetingKind.COMMITTEE, MeetingKind.SESSION):
        what = f"{meeting.heading} {_lower_first(meeting.title)}"
    elif meeting.title.lower().startswith(("hội nghị", "kỳ họp", "đại hội")):
        what = meeting.title
    else:
        what = f"hội nghị {_lower_first(meeting.title)}"
    sentences = [f"{when}{where}, {meeting.host_name} tổ chức {what}."]
    sentences += _guest_paragraphs(guests)
    return " ".join(sentences)


def _change_names(changes: list[ConsultationChange], *, leaving: bool) -> str:
    if leaving:
        return ", ".join(c.membership.person.full_name for c in changes if c.membership is not None)
    joining = [
        (c.person.full_name, c.position, c.get_position_display()) for c in changes if c.person is not None
    ]
    if len({position for _name, position, _label in joining}) == 1:
        return ", ".join(name for name, _position, _label in joining)
    return ", ".join(f"{name} – {label}" for name, _position, label in joining)


def _in_brackets(changes: list[ConsultationChange], *, leaving: bool) -> str:
    """ " (Nguyễn Văn A, Trần Thị B)" when the seats are named, "" when the source named nobody."""
    names = _change_names(changes, leaving=leaving)
    return f" ({names})" if names else ""


def _consultation_paragraph(meeting: Meeting, item: AgendaItem) -> str | None:
    """The hiệp thương result with its vote, once the vote is recorded."""
    vote = next((v for v in item.votes.all() if v.is_recorded), None)
    if vote is None:
        return None
    changes = list(item.changes.all())
    # Seats by number count too (the source may give no names): a relief or a replacement leaves a seat,
    # an addition or a replacement fills one.
    leaving = [c for c in changes if c.action in (ChangeAction.RELIEVE, ChangeAction.REPLACE)]
    joining = [c for c in changes if c.action in (ChangeAction.ADD, ChangeAction.REPLACE)]
    committee = meeting.unit.committee_name
    term = meeting.term.label if meeting.term is not None else ""
    parts = []
    if leaving:
        parts.append(
            f"cho thôi {len(leaving)} đồng chí Ủy viên {committee} {term}{_in_brackets(leaving, leaving=True)}"
        )
    if joining:
        replaces = any(c.action == ChangeAction.REPLACE for c in joining) or (leaving and joining)
        how = "hiệp thương kiện toàn" + (" thay thế" if replaces else "")
        parts.append(
            f"{how} {len(joining)} đồng chí vào Ủy viên {committee} {term}{_in_brackets(joining, leaving=False)}"
        )
    if not parts:
        return None
    if not vote.counts_known and vote.passed:
        verb = vote.as_printed if vote.as_printed and vote.reported_share is None else "biểu quyết thông qua"
        share = f" ({_vote_result(vote)})" if vote.reported_share is not None else ""
        return f"Hội nghị đã {verb} {' và '.join(parts)}{share}."
    share = _vote_result(vote)
    if vote.passed:
        return f"Hội nghị đã biểu quyết nhất trí {' và '.join(parts)}, với {share}."
    return f"Đề xuất {' và '.join(parts)} không được thông qua ({share})."


def _vote_result(vote: Vote) -> str:
    """The result as counted ("37/37 đại biểu có mặt tán thành, đạt 100%"), else as the source gave it."""
    if vote.counts_known:
        return f"{vote.votes_for}/{vote.present} đại biểu có mặt tán thành, đạt {vote.share_label}"
    if vote.as_printed:
        return vote.as_printed
    return (
        f"{vote.share_label} đại biểu tán thành"
        if vote.reported_share is not None
        else "theo kết quả biểu quyết"
    )


def _topics(meeting: Meeting, agenda: list[AgendaItem]) -> list[str]:
    """The summary, the agenda's topics (hiệp thương aside) and what each said."""
    body = [meeting.summary] if meeting.summary else []
    topics = [a for a in agenda if a.kind != AgendaKind.CONSULTATION]
    if topics:
        listed = "; ".join(_lower_first(a.title) for a in topics)
        body.append(f"Hội nghị đã tiến hành các nội dung: {listed}.")
    body += [item.summary for item in topics if item.summary]
    return body


def _speeches(guests: list[Guest], opinions: list[Opinion]) -> list[str]:
    """The welcome speeches of guests who gave no opinion, then the opinions, each with who spoke."""
    welcome = [g for g in guests if g.person_id and g.role == GuestRole.WELCOME_SPEECH]
    spoken_by = {o.speaker_id for o in opinions if o.speaker_id}
    welcomers = {g.person_id for g in welcome}
    body = [
        f"Đồng chí {g.label} phát biểu chào mừng Hội nghị." for g in welcome if g.person_id not in spoken_by
    ]
    if opinions:
        body.append(f"Tại Hội nghị có {len(opinions)} ý kiến phát biểu.")
    for o in opinions:
        if o.speaker_id:
            how = "Phát biểu chào mừng Hội nghị" if o.speaker_id in welcomers else "Phát biểu tại Hội nghị"
            body.append(_sentence(f"{how}, đồng chí {o.speaker_label} {_lower_first(o.gist)}"))
        else:
            body.append(_sentence(f"{o.speaker_label} {_lower_first(o.gist)}"))
    return body


def _conclusions(meeting: Meeting, guests: list[Guest], conclusions: list[Conclusion]) -> list[str]:
    """Directives with who gave them (the title they held that day), conclusions, then the decisions."""
    guest_titles = {g.person_id: g.title for g in guests if g.person_id}
    body = []
    for c in conclusions:
        if c.kind == ConclusionKind.DIRECTIVE and c.by is not None:
            title_then = c.by_title or guest_titles.get(c.by.pk) or c.by.title_on(meeting.date)
            who = f"{c.by.full_name}, {title_then}" if title_then else c.by.full_name
            body.append(_sentence(f"Phát biểu chỉ đạo Hội nghị, đồng chí {who} {_lower_first(c.text)}"))
        else:
            body.append(
                _sentence(f"Kết luận Hội nghị: {c.text}" if c.kind == ConclusionKind.CONCLUSION else c.text)
            )
    decisions = list(meeting.decisions.all())
    if decisions:
        body.append(
            "Hội nghị đã thống nhất: " + "; ".join(_lower_first(d.text.rstrip(".")) for d in decisions) + "."
        )
    return body


def _votes(meeting: Meeting, agenda: list[AgendaItem]) -> list[str]:
    """Each hiệp thương result with its vote, then the other recorded votes."""
    body = []
    consultation_votes: set[int] = set()
    for item in agenda:
        if item.kind == AgendaKind.CONSULTATION:
            paragraph = _consultation_paragraph(meeting, item)
            if paragraph:
                body.append(paragraph)
                consultation_votes.update(v.pk for v in item.votes.all())
    for vote in meeting.votes.all():
        if vote.pk in consultation_votes or not vote.is_recorded:
            continue
        verdict = "thông qua" if vote.passed else "không thông qua"
        body.append(f"Hội nghị biểu quyết {_lower_first(vote.subject)}: {_vote_result(vote)}, {verdict}.")
    return body


def compose(meeting: Meeting) -> Draft:
    """Draft the news item of a meeting from its structured record."""
    guests = list(meeting.guests.select_related("person"))
    agenda = list(meeting.agenda.prefetch_related("votes", "changes__membership__person", "changes__person"))
    opinions = list(meeting.opinions.select_related("speaker"))
    conclusions = list(meeting.conclusions.select_related("by"))
    body = _topics(meeting, agenda) + _speeches(guests, opinions) + _conclusions(meeting, guests, conclusions)
    for section in _SECTIONS:
        body.extend(p for p in section(meeting) if p)
    body += _votes(meeting, agenda)
    title = f"{meeting.host_name}: {_upper_first(meeting.title)}"
    return Draft(title=title, lead=_lead(meeting, guests), body="\n\n".join(body))
