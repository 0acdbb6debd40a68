"""Evidence files of programs, sent only to readers allowed to see what they back (core.media)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from mattran.core.media import file_response
from mattran.core.web import fetch

from .models import ProgressEntry, ScoreEvidence


@login_required
def progress_evidence(request: HttpRequest, entry_id: int) -> HttpResponseBase:
    """The evidence of a task's progress: for whoever may read the program."""
    entry = fetch(
        request,
        ProgressEntry.objects.select_related("task__content__program"),
        entry_id,
        "programs.view_program",
        on=lambda e: e.task.content.program,
    )
    return file_response(entry.evidence, filename=entry.evidence_name or "")


@login_required
def score_evidence(request: HttpRequest, evidence_id: int) -> HttpResponseBase:
    """A file backing a self-score: for whoever may read the agreement's scores."""
    evidence = fetch(
        request,
        ScoreEvidence.objects.select_related("self_score__criterion__agreement"),
        evidence_id,
        "programs.view_agreement",
        on=lambda e: e.self_score.criterion.agreement,
    )
    return file_response(evidence.file, filename=evidence.original_name, content_type=evidence.content_type)
