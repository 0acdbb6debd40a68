"""Paragraphs about programs, agreements, the leader's handover and award proposals for a meeting's news item.

Registered with the meetings app's news composer (``mattran.meetings.news.register_section``) at start-up.
A program is "thống nhất" (agreed) at a meeting without a signing item on its agenda and "ký kết" (signed)
at one with it, as the record has it; counts are those of the day (the agreement's parties whose unit
existed on the signing date).
"""

from __future__ import annotations

import datetime as dt

from mattran.meetings.models import AgendaKind, Meeting
from mattran.meetings.news import Mentions, committees, join_names, lower_first, upper_first
from mattran.org.models import Unit

from .models import AwardProposal, LeadershipHandover, ParticipantKind, Program, ProgramReview, ReviewPeriod


def _parties(program: Program, names: Mentions) -> str:
    """The Front by its name (short once said), the others by their short names as the articles write them."""
    return join_names(
        names.name(p.name) if p.kind == ParticipantKind.FRONT or not p.short_name else p.short_name
        for p in program.participants.all()
    )


def _units_open_on(units: list[Unit], day: dt.date | None) -> list[Unit]:
    """The units that existed on ``day`` (all of them when the day is not known)."""
    if day is None:
        return units
    return [
        u
        for u in units
        if (u.valid_from is None or u.valid_from <= day) and (u.valid_to is None or u.valid_to > day)
    ]


def _programs(meeting: Meeting, names: Mentions) -> list[str]:
    """Each program agreed or signed at the meeting, unless the agenda already tells it with its contents."""
    agenda = list(meeting.agenda.filter(kind__in=[AgendaKind.SIGNING, AgendaKind.PROGRAM]))
    signed_here = any(a.kind == AgendaKind.SIGNING for a in agenda)
    if not signed_here and any(a.kind == AgendaKind.PROGRAM and a.summary for a in agenda):
        return []
    out = []
    for program in Program.objects.filter(signed_at=meeting).prefetch_related("participants", "contents"):
        contents = program.contents.count()
        title = program.title
        if program.cluster_id is not None:
            title = title.split(" của Cụm")[0]
        what = upper_first(title) + (f" gồm {contents} nội dung" if contents else "")
        if meeting.cluster is not None and program.cluster_id is not None:
            out.append(f"Tại Hội nghị, {names.host()} cùng thống nhất {lower_first(title)}.")
        elif signed_here:
            out.append(f"{what}; các bên ký kết: {_parties(program, names)}.")
        else:
            out.append(f"{what}; các bên cùng thống nhất: {_parties(program, names)}.")
    return out


def _agreements(meeting: Meeting) -> list[str]:
    out = []
    for agreement in meeting.signed_agreements.prefetch_related("criteria", "parties__unit"):
        day = agreement.signed_on or meeting.date
        signers = _units_open_on([p.unit for p in agreement.parties.all()], day)
        out.append(
            f"Các đơn vị đã ký kết {lower_first(agreement.title)} với {agreement.criteria.count()} nội dung thi đua "
            f"({len(signers)} đơn vị ký)."
        )
    return out


def _person(name: str, title: str) -> str:
    return f"đồng chí {name}, {title}" if title else f"đồng chí {name}"


def _handovers(meeting: Meeting) -> list[str]:
    out = []
    for h in LeadershipHandover.objects.filter(meeting=meeting).select_related(
        "from_unit", "to_unit", "handed_by", "received_by", "to_cluster"
    ):
        if h.handed_by is not None:
            giver = _person(h.handed_by.full_name, h.handed_by_title)
        else:
            giver = h.from_unit.committee_name if h.from_unit is not None else "Cụm trưởng"
        taker = (
            _person(h.received_by.full_name, h.received_by_title)
            if h.received_by
            else h.to_unit.committee_name
        )
        out.append(
            f"{giver[:1].upper()}{giver[1:]} bàn giao Cờ đơn vị Cụm trưởng thi đua năm {h.to_cluster.year} cho {taker}."
        )
    return out


def _awards(meeting: Meeting, names: Mentions) -> list[str]:
    proposals = list(
        AwardProposal.objects.filter(meeting=meeting)
        .select_related("award_kind", "unit", "person")
        .order_by("award_kind__order", "pk")
    )
    if not proposals:
        return []
    groups: dict[tuple[str, str], list[AwardProposal]] = {}
    for p in proposals:
        groups.setdefault((p.award_kind.name, p.awarding_body), []).append(p)
    parts = []
    for (kind, _body), items in groups.items():
        units = [p.unit for p in items if p.person is None and p.unit is not None]
        people = [p.person.full_name for p in items if p.person is not None]
        recipients = join_names(([committees(units)] if units else []) + people)
        parts.append(f"{kind} cho {recipients}")
    bodies = join_names(sorted({body for _, body in groups}))
    who = names.host() if meeting.cluster is not None else "Hội nghị"
    return [f"Nhân dịp này, {who} đã bình xét, đề nghị {bodies} tặng {'; '.join(parts)}."]


def _reviews(meeting: Meeting) -> list[str]:
    """The programs reviewed, unless a report on the agenda already tells the review."""
    if meeting.agenda.filter(kind=AgendaKind.REPORT).exists():
        return []
    out = []
    for review in ProgramReview.objects.filter(meeting=meeting).select_related("program"):
        what = "tổng kết" if review.period == ReviewPeriod.YEAR_END else "sơ kết"
        out.append(f"Hội nghị đã {what} {lower_first(review.program.title)}.")
    return out


def meeting_paragraphs(meeting: Meeting, names: Mentions) -> list[str]:
    """What the programs app knows happened at a meeting, as sentences for its news item."""
    return [
        *_reviews(meeting),
        *_programs(meeting, names),
        *_agreements(meeting),
        *_handovers(meeting),
        *_awards(meeting, names),
    ]


def register() -> None:
    from mattran.meetings import news

    news.register_section(meeting_paragraphs)
