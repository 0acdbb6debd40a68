"""Paragraphs about programs, agreements, the leader's handover and award proposals for a meeting's news item.

Registered with the meetings app's news composer (``mattran.meetings.news.register_section``) at start-up.
"""

from __future__ import annotations

from mattran.meetings.models import Meeting

from .models import AwardProposal, LeadershipHandover, Program, ProgramReview, ReviewPeriod


def _names(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def meeting_paragraphs(meeting: Meeting) -> list[str]:
    """What the programs app knows happened at a meeting, as sentences for its news item."""
    out: list[str] = []
    for review in ProgramReview.objects.filter(meeting=meeting).select_related("program"):
        what = "tổng kết" if review.period == ReviewPeriod.YEAR_END else "sơ kết"
        out.append(f"Hội nghị đã {what} {review.program.title[:1].lower()}{review.program.title[1:]}.")
    for program in Program.objects.filter(signed_at=meeting).prefetch_related("participants", "contents"):
        parties = _names([p.name for p in program.participants.all()])
        contents = program.contents.count()
        out.append(
            f"Tại Hội nghị, {parties} đã ký kết {program.title[:1].lower()}{program.title[1:]}"
            + (f" với {contents} nội dung." if contents else ".")
        )
    for agreement in meeting.signed_agreements.prefetch_related("criteria", "parties"):
        out.append(
            f"Các đơn vị đã ký kết {agreement.title[:1].lower()}{agreement.title[1:]} với "
            f"{agreement.criteria.count()} nội dung thi đua ({agreement.parties.count()} đơn vị ký)."
        )
    for handover in LeadershipHandover.objects.filter(meeting=meeting).select_related(
        "from_unit", "to_unit", "handed_by", "received_by", "to_cluster"
    ):
        giver = handover.from_unit.committee_name if handover.from_unit is not None else "Cụm trưởng"
        out.append(
            f"{giver} bàn giao Cờ đơn vị Cụm trưởng thi đua năm {handover.to_cluster.year} cho "
            f"{handover.to_unit.committee_name}."
        )
    proposals = list(
        AwardProposal.objects.filter(meeting=meeting)
        .select_related("award_kind", "unit", "person")
        .order_by("award_kind__order", "pk")
    )
    if proposals:
        groups: dict[tuple[str, str], list[str]] = {}
        for p in proposals:
            groups.setdefault((p.award_kind.name, p.awarding_body), []).append(p.recipient_name)
        parts = [f"tặng {kind} cho {_names(names)}" for (kind, _), names in groups.items()]
        body = _names(sorted({body for _, body in groups}))
        out.append(f"Hội nghị đã bình xét, đề nghị {body} {'; '.join(parts)}.")
    return out


def register() -> None:
    from mattran.meetings import news

    news.register_section(meeting_paragraphs)
