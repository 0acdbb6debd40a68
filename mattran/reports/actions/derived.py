"""The tables derived from the figures: coarser-period totals, computed figures, and province keys.

``ValueTotal`` (a unit's month → quarter → half → year totals), the computed figures of a report and
``UnitKey`` (the province key each unit's values carry) are written only here: by the actions that change
figures, inside their transaction (``refresh_computed``, ``write_cells`` — steps for authorised actions),
and by ``do_rekey_values``, the maintenance action that re-keys the values of units whose history moved to
another province. Reads (``reports.queries``) never write.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import transaction
from django.db.models import Q

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.text import nfc
from mattran.org.models import Unit

from .. import periods as P
from .. import queries
from ..cells import computed_answers
from ..models import Indicator, Source, Submission, UnitKey, Value, ValueTotal


def recompute_totals(
    unit_id: int, indicators: Iterable[Indicator], touched: Iterable[P.Period], province_key: int | None
) -> None:
    """Rebuild the coarser-period totals of one unit and indicators that contain the touched periods.

    One read of the unit's figures over the span of every target period, one delete and one insert per
    kind of period the indicators are kept in: saving a report's sixty figures costs a handful of queries,
    not a few per figure and target (the demo's reports and the import of a year of history were dominated
    by it)."""
    touched = list(touched)
    by_kind: dict[str, list[Indicator]] = {}
    for ind in indicators:
        by_kind.setdefault(ind.period_kind, []).append(ind)
    for kind, inds in by_kind.items():
        targets = sorted(
            {p.parent(coarse) for p in touched for coarse in P.coarser(kind)}, key=lambda t: t.start
        )
        if not targets:
            continue
        rows = list(
            Value.objects.filter(
                unit_id=unit_id,
                indicator__in=inds,
                period_kind=kind,
                period_start__gte=min(t.start for t in targets),
                period_start__lte=max(t.end for t in targets),
            ).values_list("indicator_id", "breakdown", "period_start", "value")
        )
        stale = Q()
        fresh = []
        for target in targets:
            stale |= Q(period_kind=target.kind, period_start=target.start)
            # (indicator, breakdown) → [total, count, last period's start, last period's value]
            sums: dict[tuple[int, str], list] = {}
            for ind_id, bd, start, value in rows:
                if not target.start <= start <= target.end:
                    continue
                acc = sums.setdefault((ind_id, bd), [0, 0, start, value])
                acc[0] += value
                acc[1] += 1
                if start > acc[2]:
                    acc[2], acc[3] = start, value
            fresh += [
                ValueTotal(
                    unit_id=unit_id,
                    indicator_id=ind_id,
                    period_kind=target.kind,
                    period_start=target.start,
                    breakdown=bd,
                    total=total,
                    n=n,
                    last_start=last_start,
                    last_value=last_value,
                    province_key=province_key,
                )  # fmt: skip
                for (ind_id, bd), (total, n, last_start, last_value) in sums.items()
            ]
        ValueTotal.objects.filter(stale, unit_id=unit_id, indicator__in=inds).delete()
        ValueTotal.objects.bulk_create(fresh)


def remember_key(unit: Unit, key: int | None) -> None:
    """Note the province key a unit's values were written with, so a later move can be found."""
    UnitKey.objects.update_or_create(unit=unit, defaults={"province_key": key})


def _store(
    submission: Submission,
    ind: Indicator,
    bd: str,
    stored: int,
    current: Value | None,
    *,
    source: str,
    note: str,
    key: int | None,
) -> bool:
    """Write one figure of a submission (``key``: its province key); False when it was already so."""
    if current is None:
        period = submission.period
        Value.objects.create(
            unit=submission.unit, indicator=ind, period_kind=period.kind, period_start=period.start,
            breakdown=bd, value=stored, source=source, note=note, submission=submission, province_key=key,
        )  # fmt: skip
        return True
    if (current.value, current.source, current.note) == (stored, source, note):
        return False
    Value.objects.filter(pk=current.pk).update(value=stored, source=source, note=note, submission=submission)
    return True


def write_cells(
    submission: Submission, cells: Mapping[tuple[Indicator, str], int | None], notes: Mapping[str, str]
) -> int:
    """Store a submission's entered figures (None clears one) and their totals; return how many changed."""
    unit, period = submission.unit, submission.period
    key = queries.home_province_key(unit)
    existing = queries.unit_values(unit, {ind for ind, _ in cells}, period)
    touched: set[Indicator] = set()
    changed = 0
    for (ind, bd), stored in cells.items():
        current = existing.get((ind.pk, bd))
        if stored is None:
            if current is not None:
                current.delete()
                touched.add(ind)
                changed += 1
            continue
        if current is not None and current.source == Source.CONFERENCE and current.value == stored:
            continue  # a conference's figure kept as it is: its mark and note stay
        note = nfc(notes.get(ind.code, ""))[:500]
        if _store(submission, ind, bd, stored, current, source=Source.ENTERED, note=note, key=key):
            touched.add(ind)
            changed += 1
    _after_writes(unit, period, touched, key)
    return changed


def _after_writes(unit: Unit, period: P.Period, touched: Iterable[Indicator], key: int | None) -> None:
    """Rebuild the totals of the indicators whose figures changed, and note the unit's province key."""
    touched = list(touched)
    if not touched:
        return
    recompute_totals(unit.pk, touched, [period], key)
    remember_key(unit, key)


def refresh_computed(submission: Submission) -> int:
    """Store the computed indicators of a submission from the registered queries; return how many changed.

    Only the unit's own records are counted (see the modules' ``indicators.py``); roll-ups add the
    children's stored figures. A value whose query answer is unchanged is not rewritten.
    """
    answers = computed_answers(submission)
    if not answers:
        return 0
    existing = queries.unit_values(submission.unit, answers, submission.period)
    key = queries.home_province_key(submission.unit)
    touched = []
    for ind, cells in answers.items():
        kept = {
            bd for (ind_id, bd), v in existing.items() if ind_id == ind.pk and v.source == Source.CONFERENCE
        }
        if kept and not any(cells.values()):
            continue  # nothing computed: the conference's figure stands
        changed = False
        for (ind_id, bd), gone in existing.items():
            if ind_id == ind.pk and bd not in cells:
                gone.delete()
                changed = True
        for bd, stored in cells.items():
            current = existing.get((ind.pk, bd))
            changed |= _store(submission, ind, bd, stored, current, source=Source.COMPUTED, note="", key=key)
        if changed:
            touched.append(ind)
    _after_writes(submission.unit, submission.period, touched, key)
    return len(touched)


@transaction.atomic
def do_rekey_values(*, acting_user: Actor) -> int:
    """Re-key the values of units whose history moved to another province since they were written.

    A roll-up over a province reads its values by their province key; after a unit merges into another
    province, its old values are read through the hierarchy (correct, slower) until this runs. Maintenance:
    run by the scheduler (``mattran rekey-report-values``) or a superuser. Returns how many units moved.
    """
    authorize(acting_user, "reports.maintain_values")
    stale = queries.stale_unit_keys()
    for unit_id, _old, key in stale:
        Value.objects.filter(unit_id=unit_id).update(province_key=key)
        ValueTotal.objects.filter(unit_id=unit_id).update(province_key=key)
        UnitKey.objects.filter(unit_id=unit_id).update(province_key=key)
    if stale:
        audit.record(
            "reports.rekey_values",
            actor=acting_user,
            after={"units": [[unit_id, old, key] for unit_id, old, key in stale]},
            summary=f"Cập nhật mã tỉnh của số liệu {len(stale)} đơn vị đã chuyển tỉnh",
        )
    return len(stale)


def store_conference_value(submission: Submission, ind: Indicator, stored: int, note: str) -> None:
    """Store a figure announced at a conference as the report's value of ``ind`` (no breakdown), marked as
    such; the caller has checked that the system computes nothing for it. Totals are rebuilt."""
    unit, period = submission.unit, submission.period
    key = queries.home_province_key(unit)
    current = queries.unit_values(unit, {ind}, period).get((ind.pk, ""))
    if _store(submission, ind, "", stored, current, source=Source.CONFERENCE, note=nfc(note)[:500], key=key):
        _after_writes(unit, period, [ind], key)
