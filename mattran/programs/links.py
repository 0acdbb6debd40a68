"""The programs, agreements, handovers and votes decided at a meeting, listed on the meeting page."""

from __future__ import annotations

from django.urls import reverse

from mattran.meetings.models import Meeting


def meeting_links(meeting: Meeting) -> list[tuple[str, str]]:
    """(label, url) for every programs record tied to the meeting."""
    items: list[tuple[str, str]] = []
    for program in meeting.signed_programs.all():
        items.append((f"Ký kết chương trình: {program}", reverse("programs:program", args=[program.pk])))
    for review in meeting.program_reviews.select_related("program", "program__unit"):
        items.append((f"{review}", reverse("programs:program", args=[review.program_id])))
    for agreement in meeting.signed_agreements.all():
        items.append(
            (f"Ký kết giao ước thi đua: {agreement}", reverse("programs:agreement", args=[agreement.pk]))
        )
    for handover in meeting.cluster_handovers.select_related("to_cluster"):
        items.append(
            (
                f"Bàn giao cờ cụm trưởng: {handover}",
                reverse("programs:cluster", args=[handover.to_cluster_id]),
            )
        )
    for vote in meeting.peer_votes.all():
        items.append((f"Bình xét: {vote.title}", reverse("programs:vote", args=[vote.pk])))
    for campaign in meeting.campaigns.all():
        items.append(
            (
                f"{campaign.get_kind_display()}: {campaign.name}",
                reverse("programs:campaign", args=[campaign.pk]),
            )
        )
    return items


def campaign_attach_url(meeting: Meeting) -> str:
    """The page tying a campaign to the meeting (offered to the meeting's editors only)."""
    return reverse("programs:campaign_attach", args=[meeting.pk])
