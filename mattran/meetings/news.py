"""Compose a news item (tin bài) from a meeting's record, shaped like the Front's published articles.

Title, a lead with the time of day (only when the hour is known), the date of the meeting, venue, host and
meeting, the chair and the guests with the titles they held that day (as written), then the body by agenda
item, the opinions, directives and conclusions, the hiệp thương result with its vote, and the other votes.

Names are said in full once, then in their short form (``Mentions``): "Ủy ban MTTQ Việt Nam quận Lê Chân"
first, "Ủy ban MTTQ Việt Nam quận" after; "Thanh tra quận Hoàn Kiếm" first, "Thanh tra quận" after.
Nothing is added that the record does not hold: no "đại diện lãnh đạo" before a guest's title, no hour,
headcount or share the record leaves unknown.

Other apps add their own paragraphs (programs agreed or signed, agreements, awards, the cluster leader's
handover) with ``register_section``; each section gets the meeting and the ``Mentions`` of the item and
returns paragraphs, which are placed before the votes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mattran.org.models import Unit

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

PLACE_WORDS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "quận", "huyện", "phường", "xã")


@dataclass
class Draft:
    title: str
    lead: str
    body: str


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…", "./.")) else f"{text}."


def join_names(items: Iterable[str]) -> str:
    """ "A", "A và B", "A, B và C"."""
    names = [i for i in items if i]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]


def place_word(unit: Unit) -> str:
    """ "quận" for "Quận Lê Chân", "thành phố" for "Thành phố Hải Phòng"; "" when the name has none."""
    name = unit.name.lower()
    return next((w for w in PLACE_WORDS if name.startswith(f"{w} ")), "")


def committees(units: Iterable[Unit]) -> str:
    """The committees of several units with their common words once, as the articles write them:
    "Ủy ban MTTQ Việt Nam thành phố Hải Phòng, Đà Nẵng và Cần Thơ"."""
    units = list(units)
    if not units or any(u.kind == "trung_uong" or u.is_residential for u in units):
        return join_names(u.committee_name for u in units)
    names, previous = [], None
    for unit in units:
        word = place_word(unit)
        name = lower_first(unit.name)
        if word and word == previous:
            name = name[len(word) + 1 :]
        names.append(name)
        previous = word
    return f"Ủy ban MTTQ Việt Nam {join_names(names)}"


class Mentions:
    """The names of one news item: each said in full the first time, in its short form after."""

    def __init__(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self._seen: set[str] = set()

    def _first(self, key: str) -> bool:
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def committee(self, unit: Unit | None = None) -> str:
        """ "Ủy ban MTTQ Việt Nam quận Lê Chân", then "Ủy ban MTTQ Việt Nam quận"."""
        unit = unit or self.meeting.unit
        full = unit.committee_name
        word = place_word(unit)
        if self._first(f"unit:{unit.pk}") or not word or unit.pk != self.meeting.unit_id:
            return full
        return f"Ủy ban MTTQ Việt Nam {word}"

    def host(self) -> str:
        """Who held the meeting: the organiser as written, the cluster or the committee (short after once)."""
        meeting = self.meeting
        if meeting.organiser_label:
            self._seen.add(f"unit:{meeting.unit_id}")
            return self.name(meeting.organiser_label)
        if meeting.cluster is not None:
            return meeting.cluster.name if self._first("cluster") else "Cụm thi đua"
        return self.committee()

    def name(self, text: str) -> str:
        """A body's name with the meeting's place said once: "Thanh tra quận Hoàn Kiếm", then "Thanh tra quận"."""
        unit = self.meeting.unit
        word = place_word(unit)
        place = lower_first(unit.name)
        if not word or place not in text:
            return text
        if self._first(f"place:{unit.pk}"):
            return text
        return text.replace(place, word)

    def seen(self, *names: str) -> None:
        """Count names the record's own text has already said (so what follows uses the short form)."""
        for text in names:
            if lower_first(self.meeting.unit.name) in text:
                self._seen.add(f"place:{self.meeting.unit_id}")


Section = Callable[[Meeting, Mentions], list[str]]
_SECTIONS: list[Section] = []


def register_section(section: Section) -> Section:
    """Let another app add paragraphs about a meeting (usable as a decorator)."""
    if section not in _SECTIONS:
        _SECTIONS.append(section)
    return section


def time_of_day(meeting: Meeting) -> str:
    """ "Sáng", "Chiều", "Tối" from the hour or the part of day recorded; "" when the source gave neither."""
    part = meeting.part_of_day
    return str(DayPart(part).label) if part else ""


def _person_label(name: str, title: str) -> str:
    return f"{name}, {title}" if title else name


def _chair(meeting: Meeting, guests: list[Guest]) -> tuple[str, bool]:
    """The chair with the title as written, and whether the chair is already among the guests."""
    if meeting.chair is None:
        return "", False
    among_guests = any(g.person_id == meeting.chair_id for g in guests)
    return _person_label(meeting.chair.full_name, meeting.chair_title), among_guests


def _guest_sentences(meeting: Meeting, guests: list[Guest]) -> list[str]:
    out = []
    directing = [g for g in guests if g.person_id and g.role == GuestRole.ATTEND_AND_DIRECT]
    for g in directing:
        out.append(f"Đồng chí {g.label} dự và chỉ đạo Hội nghị.")
    attending = [g for g in guests if g.role != GuestRole.ATTEND_AND_DIRECT or not g.person_id]
    named = [g.label for g in attending if g.person_id]
    # An organisation's delegation is written as the record has it ("đại diện lãnh đạo Liên đoàn lao động…").
    groups = [g.organisation for g in attending if not g.person_id and g.organisation]
    if len(named) == 1 and not groups:
        out.append(f"Tới dự có đồng chí {named[0]}.")
    elif named:
        out.append(f"Dự Hội nghị có các đồng chí: {'; '.join(named + groups)}.")
    elif groups:
        out.append(f"Dự Hội nghị có {'; '.join(groups)}.")
    chair, among_guests = _chair(meeting, guests)
    if chair and not among_guests:
        out.append(f"Đồng chí {chair} chủ trì Hội nghị.")
    return out


def _what(meeting: Meeting, names: Mentions) -> str:
    """The meeting as the lead names it: "Hội nghị lần thứ 7 – Ủy ban MTTQ Việt Nam quận khóa XVI tổng kết …"."""
    if meeting.number and meeting.kind in (MeetingKind.COMMITTEE, MeetingKind.SESSION):
        term = f" {meeting.term.label}" if meeting.term is not None else ""
        which = f"Hội nghị lần thứ {meeting.number}" if meeting.kind == MeetingKind.COMMITTEE else (
            f"Kỳ họp {meeting.number_label}"
        )  # fmt: skip
        return f"{which} – {names.committee()}{term} {lower_first(meeting.title)}"
    if meeting.title.lower().startswith(("hội nghị", "kỳ họp", "đại hội")):
        return meeting.title
    return f"hội nghị {lower_first(meeting.title)}"


def _lead(meeting: Meeting, guests: list[Guest], names: Mentions) -> str:
    part = time_of_day(meeting)
    day = f"ngày {meeting.date:%d/%m/%Y}"
    when = f"{part} {day}" if part else upper_first(day)
    where = f", tại {meeting.venue}" if meeting.venue else ""
    host = names.host()
    sentences = [f"{when}{where}, {host} tổ chức {_what(meeting, names)}."]
    sentences += _guest_sentences(meeting, guests)
    return " ".join(sentences)


def _title(meeting: Meeting) -> str:
    """ "Quận Hoàn Kiếm tổng kết …" for a "hội nghị …" title, else "<host>: <Title>"."""
    title = meeting.title
    if title.lower().startswith("hội nghị ") and meeting.cluster is None:
        return f"{meeting.unit.name} {title[len('hội nghị ') :]}"
    host = meeting.organiser_label or (meeting.cluster.name if meeting.cluster is not None else "")
    return f"{host or meeting.unit.committee_name}: {upper_first(title)}"


def _change_names(changes: list[ConsultationChange], *, leaving: bool) -> str:
    if leaving:
        return ", ".join(c.membership.person.full_name for c in changes if c.membership is not None)
    joining = [
        (c.person.full_name, c.position, c.get_position_display()) for c in changes if c.person is not None
    ]
    if len({position for _name, position, _label in joining}) <= 1:
        return ", ".join(name for name, _position, _label in joining)
    return ", ".join(f"{name} – {label}" for name, _position, label in joining)


def vote_phrase(vote: Vote) -> str:
    """The result as counted ("37/37 đại biểu có mặt tán thành, đạt 100%"), else as the source gave it
    ("100% đại biểu tán thành", the printed words), or "" when not known: never a made-up headcount."""
    if vote.counts_known:
        return f"{vote.votes_for}/{vote.present} đại biểu có mặt tán thành, đạt {vote.share_label}"
    if vote.as_printed:
        return vote.as_printed
    if vote.reported_share is not None:
        return f"{vote.share_label} đại biểu tán thành"
    return ""


def _in_brackets(changes: list[ConsultationChange], *, leaving: bool) -> str:
    """ " (Nguyễn Văn A, Trần Thị B)" when the seats are named, "" when the source named nobody."""
    names = _change_names(changes, leaving=leaving)
    return f" ({names})" if names else ""


def _consultation_paragraph(meeting: Meeting, item: AgendaItem, names: Mentions) -> str | None:
    """The hiệp thương result with its vote, once the vote is recorded."""
    vote = next((v for v in item.votes.all() if v.is_recorded), None)
    if vote is None:
        return None
    changes = list(item.changes.all())
    # Seats by number count too (the source may give no names): a relief or a replacement leaves a seat,
    # an addition or a replacement fills one.
    leaving = [c for c in changes if c.action in (ChangeAction.RELIEVE, ChangeAction.REPLACE)]
    joining = [c for c in changes if c.action in (ChangeAction.ADD, ChangeAction.REPLACE)]
    term = f" {meeting.term.label}" if meeting.term is not None else ""
    parts = []
    if leaving:
        parts.append(
            f"cho thôi {len(leaving)} đồng chí Ủy viên {names.committee()}{term}"
            + _in_brackets(leaving, leaving=True)
        )
    if joining:
        replaces = any(c.action == ChangeAction.REPLACE for c in joining) or bool(leaving)
        how = "hiệp thương kiện toàn" + (" thay thế" if replaces else "")
        parts.append(
            f"{how} {len(joining)} đồng chí vào Ủy viên {names.committee()}{term}"
            + _in_brackets(joining, leaving=False)
        )
    if not parts:
        return None
    if not vote.counts_known and vote.passed:
        # "Hội nghị đã nhất trí …" as printed, or "… (100% đại biểu tán thành)" from a share: no headcount.
        verb = vote.as_printed if vote.as_printed and vote.reported_share is None else "biểu quyết thông qua"
        share = f" ({vote_phrase(vote)})" if vote.reported_share is not None else ""
        return f"Hội nghị đã {verb} {' và '.join(parts)}{share}."
    share = vote_phrase(vote)
    if vote.passed:
        return f"Hội nghị đã biểu quyết nhất trí {' và '.join(parts)}" + (f", với {share}." if share else ".")
    return f"Đề xuất {' và '.join(parts)} không được thông qua" + (f" ({share})." if share else ".")


def _topics(meeting: Meeting, agenda: list[AgendaItem], *, told_elsewhere: bool) -> list[str]:
    """The summary, the agenda's topics (hiệp thương aside) and what each said.

    A signing item's own summary is left out when another app's section tells the signing with its facts.
    """
    body = [meeting.summary] if meeting.summary else []
    topics = [a for a in agenda if a.kind != AgendaKind.CONSULTATION]
    if topics:
        listed = "; ".join(lower_first(a.title) for a in topics)
        body.append(f"Hội nghị đã tiến hành các nội dung: {listed}.")
    for item in topics:
        if item.summary and not (told_elsewhere and item.kind == AgendaKind.SIGNING):
            body.append(item.summary)
    return body


def _speaker_count(opinions: list[Opinion], conclusions: list[Conclusion]) -> int:
    """Who spoke: each opinion, and each directive or conclusion given by someone who gave no opinion."""
    spoke = {o.speaker_id for o in opinions if o.speaker_id}
    extra = {c.by_id for c in conclusions if c.by_id and c.by_id not in spoke}
    return len(opinions) + len(extra)


def _speeches(guests: list[Guest], opinions: list[Opinion], conclusions: list[Conclusion]) -> list[str]:
    """The welcome speeches of guests who gave no opinion, then the opinions, each with who spoke."""
    welcome = [g for g in guests if g.person_id and g.role == GuestRole.WELCOME_SPEECH]
    spoken_by = {o.speaker_id for o in opinions if o.speaker_id}
    welcomers = {g.person_id for g in welcome}
    body = [
        f"Đồng chí {g.label} phát biểu chào mừng Hội nghị." for g in welcome if g.person_id not in spoken_by
    ]
    count = _speaker_count(opinions, conclusions)
    if count > 1:
        body.append(f"Tại Hội nghị có {count} ý kiến phát biểu.")
    for o in opinions:
        gist = lower_first(o.gist.strip())
        if o.speaker_id and gist.startswith("phát biểu"):
            # The record says only that they spoke ("phát biểu tại Hội nghị"): say that, no more.
            body.append(sentence(f"Đồng chí {o.speaker_label} {gist}"))
        elif o.speaker_id:
            how = "Phát biểu chào mừng Hội nghị" if o.speaker_id in welcomers else "Phát biểu tại Hội nghị"
            body.append(sentence(f"{how}, đồng chí {o.speaker_label} {gist}"))
        elif o.organisation:
            body.append(sentence(f"Ý kiến phát biểu của đại diện {o.organisation} {gist}"))
        else:
            body.append(sentence(f"Đại biểu {gist}"))
    return body


def _conclusions(meeting: Meeting, guests: list[Guest], conclusions: list[Conclusion]) -> list[str]:
    """Directives and conclusions with who gave them (the title they held that day), then the decisions."""
    guest_titles = {g.person_id: g.title for g in guests if g.person_id}
    body = []
    for c in conclusions:
        who = ""
        if c.by is not None:
            if c.by_id == meeting.chair_id and meeting.chair_title:
                title_then = meeting.chair_title
            else:
                title_then = guest_titles.get(c.by.pk) or c.by.title_on(meeting.date)
            who = _person_label(c.by.full_name, title_then)
        if c.kind == ConclusionKind.DIRECTIVE and who:
            body.append(sentence(f"Phát biểu chỉ đạo Hội nghị, đồng chí {who} {lower_first(c.text)}"))
        elif who:
            # Named with the title among those present already: the conclusion says the name alone.
            said = c.by.full_name if c.by is not None and c.by.pk in guest_titles else who
            body.append(sentence(f"Kết luận Hội nghị, đồng chí {said} nhấn mạnh: {c.text}"))
        else:
            body.append(
                sentence(f"Kết luận Hội nghị: {c.text}" if c.kind == ConclusionKind.CONCLUSION else c.text)
            )
    for d in meeting.decisions.all():
        body.append(sentence(f"Tại Hội nghị, {lower_first(d.text.rstrip('.'))}"))
    return body


def _votes(meeting: Meeting, agenda: list[AgendaItem], names: Mentions) -> list[str]:
    """Each hiệp thương result with its vote, then the other recorded votes."""
    body = []
    consultation_votes: set[int] = set()
    for item in agenda:
        if item.kind == AgendaKind.CONSULTATION:
            paragraph = _consultation_paragraph(meeting, item, names)
            if paragraph:
                body.append(paragraph)
                consultation_votes.update(v.pk for v in item.votes.all())
    for vote in meeting.votes.all():
        if vote.pk in consultation_votes or not vote.is_recorded:
            continue
        verdict = "thông qua" if vote.passed else "không thông qua"
        share = vote_phrase(vote)
        body.append(
            f"Hội nghị biểu quyết {lower_first(vote.subject)}"
            + (f" ({share})" if share else "")
            + f": {verdict}."
        )
    return body


def compose(meeting: Meeting) -> Draft:
    """Draft the news item of a meeting from its structured record."""
    names = Mentions(meeting)
    guests = list(meeting.guests.select_related("person"))
    agenda = list(meeting.agenda.prefetch_related("votes", "changes__membership__person", "changes__person"))
    opinions = list(meeting.opinions.select_related("speaker"))
    conclusions = list(meeting.conclusions.select_related("by"))
    lead = _lead(meeting, guests, names)
    names.seen(lead)
    sections = [p for section in _SECTIONS for p in section(meeting, names) if p]
    body = (
        _topics(meeting, agenda, told_elsewhere=bool(sections))
        + _speeches(guests, opinions, conclusions)
        + _conclusions(meeting, guests, conclusions)
        + sections
        + _votes(meeting, agenda, names)
    )
    return Draft(title=_title(meeting), lead=lead, body="\n\n".join(body))
