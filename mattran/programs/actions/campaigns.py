"""Campaigns and emulation movements launched by a unit: their details, indicators and participating units."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.locking import lock
from mattran.core.text import fold
from mattran.meetings.models import Meeting, Qualifier
from mattran.org.models import Unit
from mattran.org.queries import subtree_ids
from mattran.reports.models import Indicator

from ..models import Campaign, CampaignFigure, CampaignIndicator, CampaignKind, CampaignParticipation
from .common import field_text

# An indicator as given: (name, measure, report indicator code).
IndicatorRow = tuple[str, str, str]
TRACKED = ["kind", "name", "launching_body", "launched_on", "ends_on", "description"]


def _campaign_code(name: str) -> str:
    """A free code made from the name: "vi-nguoi-ngheo", then "vi-nguoi-ngheo-2", …"""
    base = slugify(fold(name))[:50].strip("-") or "cuoc-van-dong"
    code, n = base, 1
    while Campaign.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def _campaign_fields(
    *,
    kind: str,
    name: str,
    launching_body: str,
    launched_on: dt.date | None,
    ends_on: dt.date | None,
    description: str,
) -> dict[str, Any]:
    if kind not in CampaignKind.values:
        raise ActionError(_("Loại không hợp lệ."), field="kind")
    name = field_text(Campaign, "name", name, required=_("Nhập tên cuộc vận động, phong trào."))
    body = field_text(Campaign, "launching_body", launching_body, required=_("Nhập cơ quan phát động."))
    if launched_on and ends_on and ends_on <= launched_on:
        raise ActionError(_("Ngày kết thúc phải sau ngày phát động."), field="ends_on")
    return {
        "kind": kind,
        "name": name,
        "launching_body": body,
        "launched_on": launched_on,
        "ends_on": ends_on,
        "description": field_text(Campaign, "description", description),
    }


def _indicator_rows(indicators: Sequence[IndicatorRow]) -> list[IndicatorRow]:
    """Clean (name, measure, report indicator code) rows; a code must name an indicator of the reports app.

    A row with neither a name nor a code is an empty line of the form, not an indicator."""
    rows = [
        (
            field_text(CampaignIndicator, "name", n, field="indicators"),
            field_text(CampaignIndicator, "measure", m, field="indicators"),
            field_text(CampaignIndicator, "indicator_code", c, field="indicators"),
        )
        for n, m, c in indicators
    ]
    rows = [r for r in rows if r[0] or r[2]]
    codes = {c for _n, _m, c in rows if c}
    known = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    out = []
    for name, measure, code in rows:
        if code and code not in known:
            raise ActionError(
                _("Không có chỉ tiêu báo cáo mã %(code)s.") % {"code": code},
                field="indicators",
                code="unknown_indicator",
            )
        if not name:
            name = known[code].name
        if code and not measure:
            measure = str(known[code].get_measure_display())
        out.append((name, measure, code))
    return out


def _indicators_of(campaign: Campaign) -> list[list[str]]:
    return [[i.name, i.measure, i.indicator_code] for i in campaign.indicators.all()]


def _set_indicators(campaign: Campaign, rows: list[IndicatorRow]) -> None:
    """Make the campaign's indicators these rows, in order, keeping the existing rows' identities."""
    existing = list(campaign.indicators.order_by("order", "pk"))
    for i, (name, measure, code) in enumerate(rows, start=1):
        if existing:
            row = existing.pop(0)
            row.order, row.name, row.measure, row.indicator_code = i, name, measure, code
            row.save()
        else:
            CampaignIndicator.objects.create(
                campaign=campaign, order=i, name=name, measure=measure, indicator_code=code
            )
    CampaignIndicator.objects.filter(pk__in=[r.pk for r in existing]).delete()


def _set_participants(campaign: Campaign, units: Iterable[Unit], *, joined_on: dt.date | None) -> None:
    """Enrol the launching unit's chosen units; withdraw those of its subtree left out (others joined alone)."""
    launcher = campaign.launching_unit
    if launcher is None:
        raise ActionError(
            _("Cuộc vận động toàn quốc: các đơn vị tự đăng ký tham gia."),
            field="participants",
            code="national",
        )
    wanted = {u.pk: u for u in units}
    current = set(campaign.participations.values_list("unit_id", flat=True))
    in_subtree = set(
        subtree_ids(launcher)
        .filter(descendant_id__in=set(wanted) | current)
        .values_list("descendant_id", flat=True)
    )
    outside = [u.name for pk, u in wanted.items() if pk not in current and pk not in in_subtree]
    if outside:
        raise ActionError(
            _("Chỉ chọn đơn vị phát động hoặc đơn vị trực thuộc: %(units)s.") % {"units": ", ".join(outside)},
            field="participants",
        )
    CampaignParticipation.objects.bulk_create(
        CampaignParticipation(campaign=campaign, unit=u, joined_on=joined_on)
        for pk, u in wanted.items()
        if pk not in current
    )
    campaign.participations.filter(unit_id__in=in_subtree - set(wanted)).delete()


def _new_code(code: str) -> str:
    code = field_text(Campaign, "code", code)
    if code and not re.fullmatch(r"[-a-zA-Z0-9_]+", code):
        raise ActionError(_("Mã chỉ gồm chữ không dấu, số và dấu gạch ngang."), field="code")
    if code and Campaign.objects.filter(code=code).exists():
        raise ActionError(_("Mã này đã được dùng."), field="code", code="duplicate")
    return code


@transaction.atomic
def do_create_campaign(
    *,
    acting_user: Actor,
    kind: str,
    name: str,
    launching_body: str,
    code: str = "",
    launching_unit: Unit | None = None,
    launched_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    description: str = "",
    indicators: Sequence[IndicatorRow] = (),
    participants: Iterable[Unit] = (),
) -> Campaign:
    """Create a campaign or movement launched by a unit, with its indicators and participating units.

    ``code`` is made from the name when left empty. Each indicator is (name, measure, report indicator
    code); participants must be the launching unit or units below it. Without a launching unit the campaign
    is national (only a superuser or the system launches one).
    """
    authorize(acting_user, "programs.create_campaign", launching_unit)
    fields = _campaign_fields(
        kind=kind,
        name=name,
        launching_body=launching_body,
        launched_on=launched_on,
        ends_on=ends_on,
        description=description,
    )
    code = _new_code(code)
    rows = _indicator_rows(indicators)
    campaign = Campaign.objects.create(
        code=code or _campaign_code(fields["name"]), launching_unit=launching_unit, **fields
    )
    _set_indicators(campaign, rows)
    participants = list(participants)
    if participants:
        _set_participants(campaign, participants, joined_on=launched_on or timezone.localdate())
    audit.record(
        "programs.create_campaign",
        actor=acting_user,
        unit=launching_unit,
        obj=campaign,
        after={
            **audit.snapshot(campaign),
            "indicators": [list(r) for r in rows],
            "participant_units": [u.pk for u in participants],
        },
    )
    return campaign


@transaction.atomic
def do_update_campaign(
    campaign: Campaign,
    *,
    acting_user: Actor,
    kind: str,
    name: str,
    launching_body: str,
    launched_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    description: str = "",
    indicators: Sequence[IndicatorRow] | None = None,
    participants: Iterable[Unit] | None = None,
) -> Campaign:
    """Change a campaign's details; indicators and participants are replaced when given.

    Units outside the launching unit's subtree that joined by themselves keep their participation.
    """
    authorize(acting_user, "programs.change_campaign", campaign)
    campaign = lock(campaign, related=["launching_unit"])
    fields = _campaign_fields(
        kind=kind,
        name=name,
        launching_body=launching_body,
        launched_on=launched_on,
        ends_on=ends_on,
        description=description,
    )
    rows = _indicator_rows(indicators) if indicators is not None else None
    before = {
        **audit.snapshot(campaign, TRACKED),
        "indicators": _indicators_of(campaign),
        "participant_units": sorted(campaign.participations.values_list("unit_id", flat=True)),
    }
    for key, value in fields.items():
        setattr(campaign, key, value)
    campaign.save(update_fields=TRACKED)
    if rows is not None:
        _set_indicators(campaign, rows)
    if participants is not None:
        _set_participants(campaign, list(participants), joined_on=timezone.localdate())
    audit.record(
        "programs.update_campaign",
        actor=acting_user,
        unit=campaign.launching_unit,
        obj=campaign,
        before=before,
        after={
            **audit.snapshot(campaign, TRACKED),
            "indicators": _indicators_of(campaign),
            "participant_units": sorted(campaign.participations.values_list("unit_id", flat=True)),
        },
        summary=f"Sửa {campaign.name}",
    )
    return campaign


@transaction.atomic
def do_join_campaign(
    campaign: Campaign, *, acting_user: Actor, unit: Unit, joined_on: dt.date | None = None
) -> CampaignParticipation:
    """Record that a unit takes part in a campaign: the unit itself, or a unit above it enrolling it."""
    authorize(acting_user, "programs.enrol_campaign", unit)
    if not unit.is_open_on(joined_on or timezone.localdate()):
        raise ActionError(
            _("%(unit)s không hoạt động vào ngày tham gia.") % {"unit": unit.name},
            field="unit",
            code="unit_closed",
        )
    if CampaignParticipation.objects.filter(campaign=campaign, unit=unit).exists():
        raise ActionError(
            _("%(unit)s đã tham gia %(campaign)s.") % {"unit": unit.name, "campaign": campaign.name},
            code="duplicate",
            status=409,
        )
    part = CampaignParticipation.objects.create(campaign=campaign, unit=unit, joined_on=joined_on)
    audit.record(
        "programs.join_campaign", actor=acting_user, unit=unit, obj=campaign, summary=f"{unit.name} tham gia"
    )
    return part


@transaction.atomic
def do_attach_campaign_to_meeting(campaign: Campaign, *, acting_user: Actor, meeting: Meeting) -> None:
    """Note that a meeting reviewed, launched or reported on a campaign (shown on both pages)."""
    authorize(acting_user, "meetings.record_meeting", meeting.unit)
    if campaign.meetings.filter(pk=meeting.pk).exists():
        raise ActionError(
            _("Hội nghị đã gắn với %(campaign)s.") % {"campaign": campaign.name}, code="duplicate", status=409
        )
    campaign.meetings.add(meeting)
    audit.record(
        "programs.attach_campaign_to_meeting",
        actor=acting_user,
        unit=meeting.unit,
        obj=campaign,
        after={"meeting": meeting.pk},
        summary=f"{meeting.heading}: {campaign.name}",
    )


@transaction.atomic
def do_record_campaign_figure(
    campaign: Campaign,
    *,
    acting_user: Actor,
    unit: Unit,
    period_start: dt.date,
    period_end: dt.date,
    value: int | None,
    indicator: CampaignIndicator | None = None,
    label: str = "",
    measure: str = "",
    qualifier: str = Qualifier.EXACT,
    as_printed: str = "",
    to_check: bool = False,
    meeting: Meeting | None = None,
) -> CampaignFigure:
    """Record a campaign's figure for a unit taking part and a period, as the source states it."""
    authorize(acting_user, "programs.enrol_campaign", unit)
    if not campaign.participations.filter(unit=unit).exists():
        raise ActionError(
            _("%(unit)s chưa đăng ký tham gia %(campaign)s.")
            % {"unit": unit.name, "campaign": campaign.name},
            field="unit",
        )
    if indicator is not None and indicator.campaign_id != campaign.pk:
        raise ActionError(_("Chỉ tiêu không thuộc cuộc vận động này."), field="indicator")
    label = field_text(CampaignFigure, "label", label)
    if indicator is None and not label:
        raise ActionError(_("Chọn chỉ tiêu hoặc nhập tên số liệu."), field="label")
    if qualifier not in Qualifier.values:
        raise ActionError(_("Mức chính xác không hợp lệ."), field="qualifier")
    if period_end < period_start:
        raise ActionError(_("Kỳ của số liệu: ngày kết thúc phải sau ngày bắt đầu."), field="period_end")
    if value is None and not to_check:
        raise ActionError(
            _("Nhập giá trị; nếu nguồn ghi không rõ, đánh dấu “cần kiểm tra lại” và chép nguyên văn."),
            field="value",
        )
    if value is not None and value < 0:
        raise ActionError(_("Giá trị không được âm."), field="value")
    printed = field_text(CampaignFigure, "as_printed", as_printed)
    if to_check and not printed:
        raise ActionError(
            _("Số liệu cần kiểm tra lại: chép nguyên văn câu trong nguồn để người kiểm tra đối chiếu."),
            field="as_printed",
        )
    if meeting is not None and meeting.unit_id != unit.pk:
        raise ActionError(_("Hội nghị không phải của đơn vị này."), field="meeting")
    figure = CampaignFigure.objects.create(
        campaign=campaign,
        unit=unit,
        indicator=indicator,
        label=label,
        measure=field_text(CampaignFigure, "measure", measure) if indicator is None else "",
        value=value,
        qualifier=qualifier,
        period_start=period_start,
        period_end=period_end,
        as_printed=printed,
        to_check=bool(to_check),
        meeting=meeting,
    )
    audit.record(
        "programs.record_campaign_figure",
        actor=acting_user,
        unit=unit,
        obj=figure,
        after=audit.snapshot(figure),
        summary=f"{campaign.name} · {unit.name}: {figure}",
    )
    return figure
