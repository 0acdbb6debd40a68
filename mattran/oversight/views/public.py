"""The public oversight page of a unit: the programmes and the criticism summaries it chose to publish."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from mattran.org.models import Unit

from ..models import ActivityStatus, CriticismDraft, ProgrammeStatus, Recommendation, SupervisionProgramme

# --- public --------------------------------------------------------------------------------------------------


@require_safe
def public(request: HttpRequest, unit_id: int) -> HttpResponse:
    """What a unit chose to publish: adopted programmes with their progress and answer rates, criticism summaries."""
    unit = get_object_or_404(Unit, pk=unit_id)
    programmes = list(
        SupervisionProgramme.objects.filter(unit=unit, published=True, status=ProgrammeStatus.ADOPTED)
    )
    drafts = list(CriticismDraft.objects.filter(unit=unit, published=True).order_by("-sent_on"))
    if not programmes and not drafts:
        raise Http404
    rows = []
    for p in programmes:
        acts = list(p.activities.exclude(status=ActivityStatus.CANCELLED))
        recs = Recommendation.objects.filter(activity__programme=p)
        rows.append({
            "programme": p,
            "activities": acts,
            "concluded": sum(1 for a in acts if a.status == ActivityStatus.CONCLUDED),
            "made": recs.count(),
            "answered": recs.filter(answered_on__isnull=False).count(),
        })  # fmt: skip
    return render(request, "oversight/public.html", {"unit": unit, "rows": rows, "drafts": drafts})
