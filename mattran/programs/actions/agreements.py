"""Emulation agreements and their scoring: the agreement and its criteria, the signing, each unit's own
scores with evidence, the assessment scores and the closing of the results.

Every change locks the agreement row, so a score and the closing cannot interleave."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize, user_or_none
from mattran.core.errors import ActionError
from mattran.core.locking import lock
from mattran.meetings.models import Meeting
from mattran.org.models import EmulationCluster, Unit

from ..models import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    AssessmentMode,
    AssessmentScore,
    Criterion,
    ScoreEvidence,
    SelfScore,
)
from ..queries import agreement_unit_ids
from .common import MAX_SCORE, check_evidence, field_text, score_value, valid_year


def _lock_agreement(agreement: Agreement) -> Agreement:
    return lock(agreement, related=["unit", "cluster"])


def _cluster_parties(cluster: EmulationCluster, year: int, parties: Sequence[Unit] | None) -> list[Unit]:
    """The signatories of a cluster's agreement: its members (all of them unless chosen)."""
    if cluster.year != year:
        raise ActionError(
            _("Cụm thi đua này là của năm %(year)s.") % {"year": cluster.year},
            field="year",
        )
    if cluster.leader_id is None:
        raise ActionError(_("Cụm chưa có cụm trưởng."), field="cluster")
    chosen = list(cluster.members.order_by("name")) if parties is None else list(parties)
    members = set(cluster.members.values_list("pk", flat=True))
    if any(u.pk not in members for u in chosen):
        raise ActionError(_("Đơn vị ký giao ước phải là thành viên của cụm."), field="parties")
    return chosen


def _check_units_parties(unit: Unit, year: int, parties: list[Unit]) -> None:
    """The signatories of a set-of-units agreement are among ``queries.agreement_unit_ids``."""
    allowed = agreement_unit_ids(unit, year)
    strangers = [u.name for u in parties if u.pk not in allowed]
    if strangers:
        raise ActionError(
            _(
                "Đơn vị ký giao ước phải là đơn vị chủ trì, đơn vị trực thuộc hoặc đơn vị cùng cấp trên "
                "trực tiếp: %(units)s không phải."
            )
            % {"units": ", ".join(strangers)},
            field="parties",
        )


@transaction.atomic
def do_create_agreement(
    *,
    acting_user: Actor,
    title: str,
    year: int,
    cluster: EmulationCluster | None = None,
    unit: Unit | None = None,
    parties: Sequence[Unit] | None = None,
    assessment_mode: str = AssessmentMode.LEADER,
) -> Agreement:
    """Create a draft agreement for a cluster (run by its leader) or for a set of units run by ``unit``.

    For a set of units, ``unit`` (the creating unit) administers the agreement: it adds the criteria, records
    the signing and closes the results, and in ``LEADER`` mode it alone gives the assessment scores. Every
    signatory unit scores itself; in ``PEER_MEAN`` mode the signatory units also score each other. The
    signatories are chosen among the units of ``queries.agreement_unit_ids``.
    """
    if cluster is not None:
        authorize(acting_user, "programs.lead_cluster", cluster)
    else:
        authorize(acting_user, "programs.create_agreement", unit)
    year = valid_year(year)
    title = field_text(Agreement, "title", title, required=_("Nhập tên giao ước."))
    if assessment_mode not in AssessmentMode.values:
        raise ActionError(_("Cách chấm điểm không hợp lệ."), field="assessment_mode")
    if cluster is not None:
        parties = _cluster_parties(cluster, year, parties)
        unit = cluster.leader
    if unit is None:
        raise ActionError(_("Chọn cụm thi đua hoặc đơn vị chủ trì."), field="unit")
    parties = list(dict.fromkeys(parties or []))
    if len(parties) < 2:
        raise ActionError(_("Giao ước thi đua cần ít nhất hai đơn vị ký."), field="parties")
    if cluster is None:
        _check_units_parties(unit, year, parties)
    if Agreement.objects.filter(unit=unit, year=year, title=title).exists():
        raise ActionError(_("Đã có giao ước này."), field="title", code="duplicate")
    agreement = Agreement.objects.create(
        title=title, year=year, unit=unit, cluster=cluster, assessment_mode=assessment_mode
    )
    AgreementParty.objects.bulk_create(
        AgreementParty(agreement=agreement, unit=u, order=i) for i, u in enumerate(parties, start=1)
    )
    audit.record(
        "programs.create_agreement",
        actor=acting_user,
        unit=unit,
        obj=agreement,
        after={**audit.snapshot(agreement), "party_units": [u.pk for u in parties]},
    )
    return agreement


@transaction.atomic
def do_add_criterion(
    agreement: Agreement,
    *,
    acting_user: Actor,
    content: str,
    max_score: Decimal | int | str,
    evidence_required: str = "",
) -> Criterion:
    """Add the next numbered criterion with its maximum score to a draft agreement."""
    authorize(acting_user, "programs.administer_agreement", agreement)
    agreement = _lock_agreement(agreement)
    if agreement.status != AgreementStatus.DRAFT:
        raise ActionError(_("Giao ước đã ký; không thêm nội dung được nữa."), code="not_draft", status=409)
    content = field_text(Criterion, "content", content, required=_("Nhập nội dung thi đua."))
    maximum = score_value(max_score, maximum=MAX_SCORE, field="max_score")
    if maximum <= 0:
        raise ActionError(_("Điểm tối đa phải lớn hơn 0."), field="max_score")
    number = (agreement.criteria.aggregate(m=Max("number"))["m"] or 0) + 1
    criterion = Criterion.objects.create(
        agreement=agreement,
        number=number,
        content=content,
        max_score=maximum,
        evidence_required=field_text(Criterion, "evidence_required", evidence_required),
    )
    audit.record(
        "programs.add_criterion",
        actor=acting_user,
        unit=agreement.unit,
        obj=criterion,
        summary=str(criterion),
    )
    return criterion


@transaction.atomic
def do_sign_agreement(
    agreement: Agreement, *, acting_user: Actor, signed_on: dt.date, meeting: Meeting | None = None
) -> Agreement:
    """Sign a draft agreement (at a meeting, if given); scoring opens."""
    authorize(acting_user, "programs.administer_agreement", agreement)
    agreement = _lock_agreement(agreement)
    if agreement.status != AgreementStatus.DRAFT:
        raise ActionError(_("Giao ước đã ký."), code="not_draft", status=409)
    if not agreement.criteria.exists():
        raise ActionError(_("Giao ước chưa có nội dung thi đua nào."), code="empty")
    if meeting is not None and meeting.date != signed_on:
        raise ActionError(_("Ngày ký phải là ngày của hội nghị ký kết."), field="signed_on")
    agreement.status, agreement.signed_on, agreement.signed_at = AgreementStatus.SIGNED, signed_on, meeting
    agreement.save(update_fields=["status", "signed_on", "signed_at"])
    audit.record(
        "programs.sign_agreement", actor=acting_user, unit=agreement.unit, obj=agreement,
        after=audit.snapshot(agreement, ["status", "signed_on", "signed_at_id"]),
    )  # fmt: skip
    return agreement


def _require_scoring(agreement: Agreement) -> None:
    if agreement.status == AgreementStatus.DRAFT:
        raise ActionError(_("Giao ước chưa ký; chưa chấm điểm được."), code="not_signed", status=409)
    if agreement.status == AgreementStatus.CLOSED:
        raise ActionError(_("Kết quả đã chốt; không sửa điểm được nữa."), code="closed", status=409)


def _require_party(agreement: Agreement, unit: Unit, field: str = "unit") -> None:
    if not agreement.parties.filter(unit=unit).exists():
        raise ActionError(
            _("%(unit)s không ký giao ước này.") % {"unit": unit.name},
            field=field,
            code="not_party",
            status=403,
        )


def _attach_evidence(
    self_score: SelfScore, upload: UploadedFile, checked: tuple[str, str, str], acting_user: Actor
) -> ScoreEvidence:
    """Store a checked evidence file (``checked``: what ``check_evidence`` returned for it)."""
    name, ext, content_type = checked
    evidence = ScoreEvidence(
        self_score=self_score,
        original_name=name,
        size=upload.size or 0,
        content_type=content_type,
        uploaded_by=user_or_none(acting_user),
    )
    evidence.file.save(f"{self_score.criterion.agreement_id}-{self_score.pk}{ext}", upload, save=False)
    evidence.save()
    return evidence


@transaction.atomic
def do_self_score(
    criterion: Criterion,
    *,
    acting_user: Actor,
    unit: Unit,
    score: Decimal | int | str,
    note: str = "",
    evidence: UploadedFile | None = None,
) -> SelfScore:
    """Record (or correct) a signatory unit's own score on a criterion, with an evidence file if given.

    A unit's own act: the actor must act for ``unit`` (its editors; never another unit's)."""
    authorize(acting_user, "programs.self_score", criterion.agreement)
    authorize(acting_user, "programs.act_for_unit", unit)
    agreement = _lock_agreement(criterion.agreement)
    _require_scoring(agreement)
    _require_party(agreement, unit)
    value = score_value(score, maximum=criterion.max_score)
    note = field_text(SelfScore, "note", note)
    checked = check_evidence(evidence) if evidence is not None else None
    entry, created = SelfScore.objects.select_for_update().get_or_create(
        criterion=criterion,
        unit=unit,
        defaults={"score": value, "note": note, "recorded_by": user_or_none(acting_user)},
    )
    before = None
    if not created:
        before = audit.snapshot(entry, ["score", "note"])
        entry.score, entry.note, entry.recorded_by = value, note, user_or_none(acting_user)
        entry.save()
    after = audit.snapshot(entry, ["score", "note"])
    if evidence is not None and checked is not None:
        after["evidence"] = _attach_evidence(entry, evidence, checked, acting_user).original_name
    audit.record("programs.self_score", actor=acting_user, unit=unit, obj=entry, before=before, after=after)
    return entry


@transaction.atomic
def do_add_score_evidence(
    self_score: SelfScore, *, acting_user: Actor, upload: UploadedFile
) -> ScoreEvidence:
    """Attach an evidence file to a self-score after checking its size, type and content."""
    authorize(acting_user, "programs.self_score", self_score.criterion.agreement)
    authorize(acting_user, "programs.act_for_unit", self_score.unit)
    agreement = _lock_agreement(self_score.criterion.agreement)
    _require_scoring(agreement)
    evidence = _attach_evidence(self_score, upload, check_evidence(upload), acting_user)
    audit.record(
        "programs.add_score_evidence",
        actor=acting_user,
        unit=self_score.unit,
        obj=evidence,
        summary=evidence.original_name,
    )
    return evidence


def _check_assessor(agreement: Agreement, unit: Unit, by_unit: Unit) -> None:
    if agreement.assessment_mode == AssessmentMode.LEADER:
        if by_unit.pk != agreement.unit_id:
            raise ActionError(
                _("Theo giao ước này, chỉ đơn vị chủ trì chấm điểm."),
                field="by_unit",
                code="not_assessor",
                status=403,
            )
        return
    _require_party(agreement, by_unit, "by_unit")
    if by_unit.pk == unit.pk:
        raise ActionError(_("Đơn vị không tự chấm điểm cho mình ở bước này."), field="unit", code="own_unit")


@transaction.atomic
def do_assess(
    criterion: Criterion, *, acting_user: Actor, unit: Unit, by_unit: Unit, score: Decimal | int | str
) -> AssessmentScore:
    """Record the cluster's score for a unit on a criterion, given by the leader or by a peer (by mode).

    In the peer-mean mode the score is ``by_unit``'s own act: the actor must act for it."""
    authorize(acting_user, "programs.assess", criterion.agreement)
    if criterion.agreement.assessment_mode == AssessmentMode.PEER_MEAN:
        authorize(acting_user, "programs.act_for_unit", by_unit)
    agreement = _lock_agreement(criterion.agreement)
    _require_scoring(agreement)
    _require_party(agreement, unit)
    _check_assessor(agreement, unit, by_unit)
    value = score_value(score, maximum=criterion.max_score)
    entry, created = AssessmentScore.objects.select_for_update().get_or_create(
        criterion=criterion,
        unit=unit,
        by_unit=by_unit,
        defaults={"score": value, "recorded_by": user_or_none(acting_user)},
    )
    before = None
    if not created:
        before = audit.snapshot(entry, ["score"])
        entry.score, entry.recorded_by = value, user_or_none(acting_user)
        entry.save()
    audit.record(
        "programs.assess", actor=acting_user, unit=by_unit, obj=entry,
        before=before, after=audit.snapshot(entry, ["score"]),
    )  # fmt: skip
    return entry


@transaction.atomic
def do_close_agreement(agreement: Agreement, *, acting_user: Actor) -> Agreement:
    """Fix the agreement's results: no more scores are accepted."""
    authorize(acting_user, "programs.administer_agreement", agreement)
    agreement = _lock_agreement(agreement)
    _require_scoring(agreement)
    agreement.status = AgreementStatus.CLOSED
    agreement.save(update_fields=["status"])
    audit.record("programs.close_agreement", actor=acting_user, unit=agreement.unit, obj=agreement)
    return agreement
