"""Every change to programs, campaigns, emulation agreements, peer votes and awards.

Each ``do_*`` is atomic, validates before writing (raising ActionError, changing nothing), locks the row
two people could change at once and writes an audit entry. The rules for scores, ranking, the pass rule
and ties are in models.py's docstring.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.errors import ActionError
from mattran.core.text import fold, nfc
from mattran.core.uploads import check_document
from mattran.org import actions as org_actions
from mattran.org.models import EmulationCluster, MemberOrganization, Unit, UnitClosure
from mattran.people.models import Person

from .models import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    AssessmentMode,
    AssessmentScore,
    AwardKind,
    AwardProposal,
    Ballot,
    BallotChoice,
    Campaign,
    CampaignIndicator,
    CampaignKind,
    CampaignParticipation,
    Candidate,
    Criterion,
    LeadershipHandover,
    ParticipantKind,
    PassRule,
    PeerVote,
    Program,
    ProgramContent,
    ProgramParticipant,
    ProgramReview,
    ProgramSignatory,
    ProgramStatus,
    ProgramTask,
    ProgressEntry,
    ProgressStatus,
    ProposalStatus,
    ReviewPeriod,
    ScoreEvidence,
    SelfScore,
    VoteStatus,
    round_score,
)


def _text(value: str | None) -> str:
    return nfc(value or "").strip()


def _required(value: str | None, message: str, field: str) -> str:
    text = _text(value)
    if not text:
        raise ActionError(message, field=field)
    return text


def _user(acting_user):
    return acting_user if getattr(acting_user, "pk", None) else None


def _check_upload(upload: UploadedFile) -> tuple[str, str, str]:
    """Return (clean name, extension, content type) of an evidence file, or refuse it."""
    return check_document(upload, kind="evidence")


def _score(value, *, maximum: Decimal, field: str = "score") -> Decimal:
    try:
        score = Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ActionError(_("Điểm phải là một số."), field=field) from None
    if not score.is_finite() or score < 0:
        raise ActionError(_("Điểm không được âm."), field=field)
    if score > maximum:
        raise ActionError(
            _("Điểm không được vượt quá điểm tối đa %(maximum)s.") % {"maximum": maximum},
            field=field,
            code="over_max",
        )
    if score != round_score(score):
        raise ActionError(_("Điểm lấy tối đa hai chữ số thập phân."), field=field)
    return round_score(score)


def _year(year: int) -> int:
    if not isinstance(year, int) or not 1990 <= year <= 2100:
        raise ActionError(_("Năm không hợp lệ."), field="year")
    return year


# --- campaigns ------------------------------------------------------------------------------------------


IndicatorRow = tuple[str, str, str]


def _campaign_code(name: str) -> str:
    """A free code made from the name: "vi-nguoi-ngheo", then "vi-nguoi-ngheo-2", …"""
    base = slugify(fold(name))[:50].strip("-") or "cuoc-van-dong"
    code, n = base, 1
    while Campaign.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def _campaign_fields(
    *, kind: str, name: str, launching_body: str, launched_on: dt.date | None, ends_on: dt.date | None
) -> dict:
    if kind not in CampaignKind.values:
        raise ActionError(_("Loại không hợp lệ."), field="kind")
    name = _required(name, "Nhập tên cuộc vận động, phong trào.", "name")
    body = _required(launching_body, "Nhập cơ quan phát động.", "launching_body")
    if launched_on and ends_on and ends_on <= launched_on:
        raise ActionError(_("Ngày kết thúc phải sau ngày phát động."), field="ends_on")
    return {
        "kind": kind,
        "name": name,
        "launching_body": body,
        "launched_on": launched_on,
        "ends_on": ends_on,
    }


def _indicator_rows(indicators: Sequence[IndicatorRow]) -> list[tuple[str, str, str]]:
    """Clean (name, measure, report indicator code) rows; a code must name an indicator of the reports app."""
    from mattran.reports.models import Indicator

    rows = [(_text(n), _text(m), _text(c)) for n, m, c in indicators]
    rows = [r for r in rows if r[0] or r[2]]
    codes = {c for _, _, c in rows if c}
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
            measure = known[code].get_measure_display()
        out.append((name[:300], measure[:60], code))
    return out


def _set_indicators(campaign: Campaign, rows: list[tuple[str, str, str]]) -> None:
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
    from mattran.org.queries import subtree_ids

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


@transaction.atomic
def do_create_campaign(
    *,
    acting_user,
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
    code); participants must be the launching unit or units below it.
    """
    fields = _campaign_fields(
        kind=kind, name=name, launching_body=launching_body, launched_on=launched_on, ends_on=ends_on
    )
    code = _text(code)
    if code and not re.fullmatch(r"[-a-zA-Z0-9_]+", code):
        raise ActionError(_("Mã chỉ gồm chữ không dấu, số và dấu gạch ngang."), field="code")
    if code and Campaign.objects.filter(code=code).exists():
        raise ActionError(_("Mã này đã được dùng."), field="code", code="duplicate")
    rows = _indicator_rows(indicators)
    campaign = Campaign.objects.create(
        code=code or _campaign_code(fields["name"]),
        launching_unit=launching_unit,
        description=_text(description),
        **fields,
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
    acting_user,
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
    campaign = (
        Campaign.objects.select_for_update(of=("self",)).select_related("launching_unit").get(pk=campaign.pk)
    )
    fields = _campaign_fields(
        kind=kind, name=name, launching_body=launching_body, launched_on=launched_on, ends_on=ends_on
    )
    rows = _indicator_rows(indicators) if indicators is not None else None
    tracked = ["kind", "name", "launching_body", "launched_on", "ends_on", "description"]
    before = {
        **audit.snapshot(campaign, tracked),
        "indicators": [[i.name, i.measure, i.indicator_code] for i in campaign.indicators.all()],
        "participant_units": sorted(campaign.participations.values_list("unit_id", flat=True)),
    }
    for key, value in fields.items():
        setattr(campaign, key, value)
    campaign.description = _text(description)
    campaign.save(update_fields=tracked)
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
            **audit.snapshot(campaign, tracked),
            "indicators": [[i.name, i.measure, i.indicator_code] for i in campaign.indicators.all()],
            "participant_units": sorted(campaign.participations.values_list("unit_id", flat=True)),
        },
        summary=f"Sửa {campaign.name}",
    )
    return campaign


@transaction.atomic
def do_join_campaign(
    campaign: Campaign, *, acting_user, unit: Unit, joined_on: dt.date | None = None
) -> CampaignParticipation:
    """Record that a unit takes part in a campaign."""
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


# --- coordination programs ------------------------------------------------------------------------------


def _lock_program(program: Program) -> Program:
    return Program.objects.select_for_update(of=("self",)).select_related("unit").get(pk=program.pk)


def _require_draft(program: Program) -> None:
    if program.status != ProgramStatus.DRAFT:
        raise ActionError(
            _("Chương trình đã ký kết; không sửa nội dung được nữa."), code="not_draft", status=409
        )


def _log_program(action: str, program: Program, acting_user, obj, summary: str, **kwargs) -> None:
    audit.record(action, actor=acting_user, unit=program.unit, obj=obj, summary=summary, **kwargs)


def front_party_name(unit: Unit) -> str:
    return f"Ban Thường trực {unit.committee_name}"


@transaction.atomic
def do_create_program(
    *,
    acting_user,
    unit: Unit,
    year: int,
    title: str,
    cluster: EmulationCluster | None = None,
    term=None,
    number: str = "",
    include_front: bool = True,
) -> Program:
    """Create a draft program of a unit for a year; the unit's standing board is its first party."""
    year = _year(year)
    title = _required(title, "Nhập tên chương trình.", "title")
    if Program.objects.filter(unit=unit, year=year, title=title).exists():
        raise ActionError(
            _("Đã có chương trình này năm %(year)s.") % {"year": year}, field="title", code="duplicate"
        )
    if cluster is not None and not cluster.members.filter(pk=unit.pk).exists():
        raise ActionError(_("Đơn vị chủ trì phải là thành viên của cụm."), field="cluster")
    if term is not None and term.unit_id != unit.pk:
        raise ActionError(_("Nhiệm kỳ không thuộc đơn vị này."), field="term")
    program = Program.objects.create(
        unit=unit,
        year=year,
        title=title,
        cluster=cluster,
        term=term,
        number=_text(number),
        created_by=_user(acting_user),
    )
    if include_front:
        ProgramParticipant.objects.create(
            program=program,
            kind=ParticipantKind.FRONT,
            unit=unit,
            name=front_party_name(unit),
            short_name="MTTQ",
        )
    _log_program(
        "programs.create_program", program, acting_user, program, f"Tạo chương trình {title}",
        after=audit.snapshot(program),
    )  # fmt: skip
    return program


@transaction.atomic
def do_add_participant(
    program: Program,
    *,
    acting_user,
    member_org: MemberOrganization | None = None,
    unit: Unit | None = None,
    name: str = "",
    short_name: str = "",
) -> ProgramParticipant:
    """Add a party: a member organisation of the unit, a peer unit, or another body named freely."""
    program = _lock_program(program)
    _require_draft(program)
    if member_org is not None:
        if member_org.unit_id != program.unit_id:
            raise ActionError(_("Tổ chức thành viên không thuộc đơn vị chủ trì."), field="member_org")
        if member_org.valid_to is not None:
            raise ActionError(_("Tổ chức này đã thôi là thành viên."), field="member_org")
        kind, name, short_name = (
            ParticipantKind.MEMBER_ORG,
            member_org.name,
            short_name or member_org.short_name,
        )
    elif unit is not None:
        kind, name = ParticipantKind.UNIT, _text(name) or unit.committee_name
    else:
        kind, name = ParticipantKind.OTHER, _required(name, "Nhập tên cơ quan tham gia.", "name")
    if program.participants.filter(name=name).exists():
        raise ActionError(
            _("%(name)s đã có trong chương trình.") % {"name": name}, field="name", code="duplicate"
        )
    order = (program.participants.aggregate(m=Max("order"))["m"] or 0) + 1
    party = ProgramParticipant.objects.create(
        program=program,
        kind=kind,
        member_org=member_org,
        unit=unit,
        name=name,
        short_name=_text(short_name),
        order=order,
    )
    _log_program("programs.add_participant", program, acting_user, party, f"Thêm {name}")
    return party


@transaction.atomic
def do_add_content(program: Program, *, acting_user, title: str, description: str = "") -> ProgramContent:
    """Add the next numbered content to a draft program."""
    program = _lock_program(program)
    _require_draft(program)
    title = _required(title, "Nhập nội dung.", "title")
    number = (program.contents.aggregate(m=Max("number"))["m"] or 0) + 1
    content = ProgramContent.objects.create(
        program=program, number=number, title=title, description=_text(description)
    )
    _log_program("programs.add_content", program, acting_user, content, f"Nội dung {number}: {title}")
    return content


@transaction.atomic
def do_add_task(
    content: ProgramContent,
    *,
    acting_user,
    title: str,
    responsible: ProgramParticipant,
    target: str = "",
    target_value: int | None = None,
    indicator_code: str = "",
    due_on: dt.date | None = None,
    campaign: Campaign | None = None,
) -> ProgramTask:
    """Add a task under a content of a draft program."""
    program = _lock_program(content.program)
    _require_draft(program)
    title = _required(title, "Nhập nhiệm vụ.", "title")
    if responsible.program_id != program.pk:
        raise ActionError(_("Đơn vị chủ trì phải là một bên của chương trình."), field="responsible")
    if target_value is not None and target_value < 0:
        raise ActionError(_("Chỉ tiêu không được âm."), field="target_value")
    if due_on is not None and due_on.year not in (program.year, program.year + 1):
        raise ActionError(_("Thời hạn phải trong năm %(year)s.") % {"year": program.year}, field="due_on")
    order = (content.tasks.aggregate(m=Max("order"))["m"] or 0) + 1
    task = ProgramTask.objects.create(
        content=content,
        order=order,
        title=title,
        responsible=responsible,
        target=_text(target),
        target_value=target_value,
        indicator_code=_text(indicator_code),
        due_on=due_on,
        campaign=campaign,
    )
    _log_program("programs.add_task", program, acting_user, task, f"Nhiệm vụ: {title}")
    return task


def signatory_title(person: Person, day: dt.date, party: ProgramParticipant | None = None) -> str:
    """The title a person signs with on a day: their post there, with its organisation ("Chủ tịch Ủy ban …").

    Among several posts held that day, the one whose organisation names the party comes first.
    """
    posts = sorted((p for p in person.posts.all() if p.holds_on(day)), key=lambda p: (p.order, p.pk))
    if not posts:
        return ""
    if party is not None:
        label = fold(party.name)
        posts.sort(
            key=lambda p: (
                not (p.organisation and (fold(p.organisation) in label or label in fold(p.organisation)))
            )
        )
    post = posts[0]
    if post.organisation and fold(post.organisation) not in fold(post.title):
        return f"{post.title} {post.organisation}"
    return post.title


@transaction.atomic
def do_sign_program(
    program: Program,
    *,
    acting_user,
    signed_on: dt.date | None,
    signatories: Mapping[ProgramParticipant, Mapping],
    meeting=None,
    number: str | None = None,
) -> Program:
    """Sign a draft program: every party needs a signatory (a title, and the person when known).

    ``signatories`` maps each party to ``{"person", "title", "authority"}``; a person chosen without a title
    signs with their post on the signing day (``signatory_title``). ``signed_on`` may be left empty only for
    an old program whose signing date is not known (the posts of 1 January of its year are used).
    """
    program = _lock_program(program)
    _require_draft(program)
    if not program.contents.exists():
        raise ActionError(_("Chương trình chưa có nội dung nào."), code="empty")
    parties = list(program.participants.all())
    if len(parties) < 2:
        raise ActionError(_("Chương trình phối hợp cần ít nhất hai bên ký."), code="parties")
    by_pk = {p.pk: data for p, data in signatories.items()}
    missing = [p.name for p in parties if p.pk not in by_pk]
    if missing:
        raise ActionError(_("Thiếu người ký của: ") + ", ".join(missing) + ".", field="signatories")
    if meeting is not None and meeting.date != signed_on:
        raise ActionError(_("Ngày ký phải là ngày của hội nghị ký kết."), field="signed_on")
    if signed_on is not None and signed_on.year not in (program.year - 1, program.year):
        raise ActionError(
            _("Chương trình năm %(year)s phải ký trong năm %(previous_year)s hoặc %(year)s.")
            % {"year": program.year, "previous_year": program.year - 1},
            field="signed_on",
        )
    rows = []
    day = signed_on or dt.date(program.year, 1, 1)
    for party in parties:
        data = by_pk[party.pk]
        person, title = data.get("person"), _text(data.get("title"))
        if person is not None and not isinstance(person, Person):
            raise ActionError(
                _("Người ký của %(party)s không hợp lệ.") % {"party": party.name}, field="signatories"
            )
        if not title and person is not None:
            title = signatory_title(person, day, party)
        if not title:
            raise ActionError(
                (
                    _("Nhập chức vụ người ký của %(party)s (%(person)s không có chức vụ nào vào ngày ký).")
                    if person
                    else _("Nhập chức vụ người ký của %(party)s.")
                )
                % {"party": party.name, "person": person.full_name if person else ""},
                field="signatories",
            )
        rows.append(
            ProgramSignatory(
                participant=party, person=person, title=title, authority=_text(data.get("authority"))
            )
        )
    ProgramSignatory.objects.bulk_create(rows)
    program.status, program.signed_on, program.signed_at = ProgramStatus.SIGNED, signed_on, meeting
    if number is not None:
        program.number = _text(number)
    program.save(update_fields=["status", "signed_on", "signed_at", "number"])
    _log_program(
        "programs.sign_program", program, acting_user, program, f"Ký kết {program.title}",
        after={**audit.snapshot(program), "signatories": [(r.participant.name, r.title) for r in rows]},
    )  # fmt: skip
    return program


@transaction.atomic
def do_record_progress(
    task: ProgramTask,
    *,
    acting_user,
    period: str,
    status: str,
    achieved_value: int | None = None,
    note: str = "",
    evidence: UploadedFile | None = None,
) -> ProgressEntry:
    """Record (or correct) a task's progress at the 6-month or year-end review of a signed program."""
    program = _lock_program(task.content.program)
    if program.status == ProgramStatus.DRAFT:
        raise ActionError(_("Chương trình chưa ký kết."), code="not_signed", status=409)
    if period not in ReviewPeriod.values:
        raise ActionError(_("Kỳ đánh giá không hợp lệ."), field="period")
    if status not in ProgressStatus.values:
        raise ActionError(_("Tình trạng không hợp lệ."), field="status")
    if program.reviews.filter(period=ReviewPeriod.YEAR_END).exists():
        raise ActionError(
            _("Chương trình đã tổng kết năm; không sửa tiến độ được nữa."), code="reviewed", status=409
        )
    if achieved_value is not None and achieved_value < 0:
        raise ActionError(_("Kết quả không được âm."), field="achieved_value")
    entry = ProgressEntry.objects.select_for_update().filter(task=task, period=period).first()
    before = audit.snapshot(entry, ["status", "achieved_value", "note"]) if entry else None
    entry = entry or ProgressEntry(task=task, period=period)
    entry.status, entry.achieved_value, entry.note = status, achieved_value, _text(note)
    entry.recorded_by = _user(acting_user)
    if evidence is not None:
        name, ext = _check_upload(evidence)[:2]
        entry.evidence.save(f"{task.pk}-{period}{ext}", evidence, save=False)
        entry.evidence_name = name
    entry.save()
    _log_program(
        "programs.record_progress", program, acting_user, entry, f"{task.title}: {entry.get_status_display()}",
        before=before, after=audit.snapshot(entry, ["status", "achieved_value", "note"]),
    )  # fmt: skip
    return entry


@transaction.atomic
def do_review_program(
    program: Program,
    *,
    acting_user,
    period: str,
    held_on: dt.date,
    meeting=None,
    summary: str = "",
) -> ProgramReview:
    """Record the 6-month or year-end review of a signed program (the year-end review closes it)."""
    program = _lock_program(program)
    if program.status == ProgramStatus.DRAFT:
        raise ActionError(_("Chương trình chưa ký kết."), code="not_signed", status=409)
    if period not in ReviewPeriod.values:
        raise ActionError(_("Kỳ đánh giá không hợp lệ."), field="period")
    if program.reviews.filter(period=period).exists():
        raise ActionError(_("Kỳ này đã được đánh giá."), code="duplicate", status=409)
    if meeting is not None and meeting.date != held_on:
        raise ActionError(_("Ngày đánh giá phải là ngày của hội nghị."), field="held_on")
    if program.signed_on and held_on < program.signed_on:
        raise ActionError(_("Ngày đánh giá phải sau ngày ký."), field="held_on")
    review = ProgramReview.objects.create(
        program=program, period=period, meeting=meeting, held_on=held_on, summary=_text(summary)
    )
    if period == ReviewPeriod.YEAR_END:
        program.status = ProgramStatus.REVIEWED
        program.save(update_fields=["status"])
    _log_program("programs.review_program", program, acting_user, review, str(review))
    return review


def _next_year_title(title: str, year: int) -> str:
    return title.replace(str(year), str(year + 1)) if str(year) in title else f"{title} năm {year + 1}"


@transaction.atomic
def do_copy_program_forward(
    program: Program, *, acting_user, title: str | None = None, year: int | None = None
) -> Program:
    """Start next year's draft from a program: same parties (those still members), contents and tasks.

    Due dates move on by the same number of years; progress, signatories and reviews stay behind.
    """
    source = _lock_program(program)
    year = _year(year if year is not None else source.year + 1)
    if year <= source.year:
        raise ActionError(_("Năm của chương trình mới phải sau năm của chương trình cũ."), field="year")
    title = _text(title) or _next_year_title(source.title, source.year)
    if Program.objects.filter(unit=source.unit, year=year, title=title).exists():
        raise ActionError(
            _("Đã có chương trình này năm %(year)s.") % {"year": year}, field="title", code="duplicate"
        )
    new = Program.objects.create(
        unit=source.unit,
        year=year,
        title=title,
        term=source.term,
        previous=source,
        created_by=_user(acting_user),
        cluster=None,
    )
    shift = year - source.year
    parties: dict[int, ProgramParticipant] = {}
    for party in source.participants.select_related("member_org"):
        if party.member_org_id and party.member_org.valid_to is not None:
            continue
        parties[party.pk] = ProgramParticipant.objects.create(
            program=new,
            kind=party.kind,
            member_org=party.member_org,
            unit=party.unit,
            name=party.name,
            short_name=party.short_name,
            order=party.order,
        )
    front = next((p for p in parties.values() if p.kind == ParticipantKind.FRONT), None)
    for content in source.contents.prefetch_related("tasks"):
        copy = ProgramContent.objects.create(
            program=new, number=content.number, title=content.title, description=content.description
        )
        for task in content.tasks.all():
            responsible = parties.get(task.responsible_id) or front
            if responsible is None:
                continue
            due = task.due_on
            if due is not None:
                try:
                    due = due.replace(year=due.year + shift)
                except ValueError:  # 29 February
                    due = due.replace(year=due.year + shift, day=28)
            ProgramTask.objects.create(
                content=copy,
                order=task.order,
                title=task.title,
                responsible=responsible,
                target=task.target,
                target_value=task.target_value,
                indicator_code=task.indicator_code,
                campaign=task.campaign,
                due_on=due,
            )
    _log_program(
        "programs.copy_program_forward", new, acting_user, new, f"Chép từ chương trình năm {source.year}"
    )
    return new


@transaction.atomic
def do_update_content(
    content: ProgramContent, *, acting_user, title: str, description: str = ""
) -> ProgramContent:
    """Change a content of a draft program (the "with changes" of a copied-forward program)."""
    program = _lock_program(content.program)
    _require_draft(program)
    before = audit.snapshot(content, ["title", "description"])
    content.title = _required(title, "Nhập nội dung.", "title")
    content.description = _text(description)
    content.save(update_fields=["title", "description"])
    _log_program(
        "programs.update_content", program, acting_user, content, f"Sửa nội dung {content.number}",
        before=before, after=audit.snapshot(content, ["title", "description"]),
    )  # fmt: skip
    return content


# --- emulation agreements -------------------------------------------------------------------------------


def _lock_agreement(agreement: Agreement) -> Agreement:
    return (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("unit", "cluster")
        .get(pk=agreement.pk)
    )


def agreement_unit_ids(unit: Unit, year: int) -> set[int]:
    """Units that may sign a set-of-units agreement run by ``unit`` in a year.

    The unit itself, the units below it and its siblings (the other units under its direct parent), by the
    tree edges that held at any time in the year, so that an old agreement keeps its former wards.
    """
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    during = (Q(valid_from__isnull=True) | Q(valid_from__lt=end)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gt=start)
    )
    edges = UnitClosure.objects.filter(during)
    below = edges.filter(ancestor_id=unit.pk).values_list("descendant_id", flat=True)
    parents = edges.filter(descendant_id=unit.pk, depth=1).values("ancestor_id")
    siblings = edges.filter(ancestor_id__in=parents, depth=1).values_list("descendant_id", flat=True)
    return {unit.pk, *below, *siblings}


@transaction.atomic
def do_create_agreement(
    *,
    acting_user,
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
    signatories are chosen among the units of ``agreement_unit_ids``.
    """
    year = _year(year)
    title = _required(title, "Nhập tên giao ước.", "title")
    if assessment_mode not in AssessmentMode.values:
        raise ActionError(_("Cách chấm điểm không hợp lệ."), field="assessment_mode")
    if cluster is not None:
        if cluster.year != year:
            raise ActionError(
                _("Cụm thi đua này là của năm %(year)s.") % {"year": cluster.year},
                field="year",
            )
        if cluster.leader_id is None:
            raise ActionError(_("Cụm chưa có cụm trưởng."), field="cluster")
        unit = cluster.leader
        parties = list(cluster.members.order_by("name")) if parties is None else list(parties)
        members = set(cluster.members.values_list("pk", flat=True))
        if any(u.pk not in members for u in parties):
            raise ActionError(_("Đơn vị ký giao ước phải là thành viên của cụm."), field="parties")
    elif unit is None:
        raise ActionError(_("Chọn cụm thi đua hoặc đơn vị chủ trì."), field="unit")
    parties = list(dict.fromkeys(parties or []))
    if len(parties) < 2:
        raise ActionError(_("Giao ước thi đua cần ít nhất hai đơn vị ký."), field="parties")
    if cluster is None:
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
    agreement: Agreement, *, acting_user, content: str, max_score, evidence_required: str = ""
) -> Criterion:
    """Add the next numbered criterion with its maximum score to a draft agreement."""
    agreement = _lock_agreement(agreement)
    if agreement.status != AgreementStatus.DRAFT:
        raise ActionError(_("Giao ước đã ký; không thêm nội dung được nữa."), code="not_draft", status=409)
    content = _required(content, "Nhập nội dung thi đua.", "content")
    maximum = _score(max_score, maximum=Decimal("10000"), field="max_score")
    if maximum <= 0:
        raise ActionError(_("Điểm tối đa phải lớn hơn 0."), field="max_score")
    number = (agreement.criteria.aggregate(m=Max("number"))["m"] or 0) + 1
    criterion = Criterion.objects.create(
        agreement=agreement,
        number=number,
        content=content,
        max_score=maximum,
        evidence_required=_text(evidence_required),
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
def do_sign_agreement(agreement: Agreement, *, acting_user, signed_on: dt.date, meeting=None) -> Agreement:
    """Sign a draft agreement (at a meeting, if given); scoring opens."""
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


@transaction.atomic
def do_self_score(criterion: Criterion, *, acting_user, unit: Unit, score, note: str = "") -> SelfScore:
    """Record (or correct) a signatory unit's own score on a criterion."""
    agreement = _lock_agreement(criterion.agreement)
    _require_scoring(agreement)
    _require_party(agreement, unit)
    value = _score(score, maximum=criterion.max_score)
    entry, created = SelfScore.objects.select_for_update().get_or_create(
        criterion=criterion,
        unit=unit,
        defaults={"score": value, "note": _text(note), "recorded_by": _user(acting_user)},
    )
    before = None
    if not created:
        before = audit.snapshot(entry, ["score", "note"])
        entry.score, entry.note, entry.recorded_by = value, _text(note), _user(acting_user)
        entry.save()
    audit.record(
        "programs.self_score", actor=acting_user, unit=unit, obj=entry,
        before=before, after=audit.snapshot(entry, ["score", "note"]),
    )  # fmt: skip
    return entry


@transaction.atomic
def do_add_score_evidence(self_score: SelfScore, *, acting_user, upload: UploadedFile) -> ScoreEvidence:
    """Attach an evidence file to a self-score after checking its size, type and content."""
    agreement = _lock_agreement(self_score.criterion.agreement)
    _require_scoring(agreement)
    name, ext, content_type = _check_upload(upload)
    evidence = ScoreEvidence(
        self_score=self_score,
        original_name=name,
        size=upload.size,
        content_type=content_type,
        uploaded_by=_user(acting_user),
    )
    evidence.file.save(f"{agreement.pk}-{self_score.pk}{ext}", upload, save=False)
    evidence.save()
    audit.record(
        "programs.add_score_evidence", actor=acting_user, unit=self_score.unit, obj=evidence, summary=name
    )
    return evidence


@transaction.atomic
def do_assess(criterion: Criterion, *, acting_user, unit: Unit, by_unit: Unit, score) -> AssessmentScore:
    """Record the cluster's score for a unit on a criterion, given by the leader or by a peer (by mode)."""
    agreement = _lock_agreement(criterion.agreement)
    _require_scoring(agreement)
    _require_party(agreement, unit)
    if agreement.assessment_mode == AssessmentMode.LEADER:
        if by_unit.pk != agreement.unit_id:
            raise ActionError(
                _("Theo giao ước này, chỉ đơn vị chủ trì chấm điểm."),
                field="by_unit",
                code="not_assessor",
                status=403,
            )
    else:
        _require_party(agreement, by_unit, "by_unit")
        if by_unit.pk == unit.pk:
            raise ActionError(
                _("Đơn vị không tự chấm điểm cho mình ở bước này."), field="unit", code="own_unit"
            )
    value = _score(score, maximum=criterion.max_score)
    entry, created = AssessmentScore.objects.select_for_update().get_or_create(
        criterion=criterion,
        unit=unit,
        by_unit=by_unit,
        defaults={"score": value, "recorded_by": _user(acting_user)},
    )
    before = None
    if not created:
        before = audit.snapshot(entry, ["score"])
        entry.score, entry.recorded_by = value, _user(acting_user)
        entry.save()
    audit.record(
        "programs.assess", actor=acting_user, unit=by_unit, obj=entry,
        before=before, after=audit.snapshot(entry, ["score"]),
    )  # fmt: skip
    return entry


@transaction.atomic
def do_close_agreement(agreement: Agreement, *, acting_user) -> Agreement:
    """Fix the agreement's results: no more scores are accepted."""
    agreement = _lock_agreement(agreement)
    _require_scoring(agreement)
    agreement.status = AgreementStatus.CLOSED
    agreement.save(update_fields=["status"])
    audit.record("programs.close_agreement", actor=acting_user, unit=agreement.unit, obj=agreement)
    return agreement


# --- cluster leadership ---------------------------------------------------------------------------------


@transaction.atomic
def do_hand_over_leadership(
    cluster: EmulationCluster,
    *,
    acting_user,
    next_cluster: EmulationCluster,
    leader: Unit,
    deputy: Unit | None = None,
    handed_on: dt.date,
    meeting=None,
    handed_by=None,
    handed_by_title: str = "",
    received_by=None,
    received_by_title: str = "",
) -> LeadershipHandover:
    """Hand the leader's flag to next year's leader at the cluster's meeting and set next year's leadership."""
    cluster = EmulationCluster.objects.select_for_update().get(pk=cluster.pk)
    if next_cluster.year != cluster.year + 1:
        raise ActionError(_("Cụm nhận bàn giao phải là cụm của năm sau."), field="next_cluster")
    if LeadershipHandover.objects.filter(from_cluster=cluster).exists():
        raise ActionError(
            _("Cụm năm %(year)s đã bàn giao cờ cụm trưởng.") % {"year": cluster.year},
            code="duplicate",
            status=409,
        )
    if meeting is not None and meeting.date != handed_on:
        raise ActionError(_("Ngày bàn giao phải là ngày của hội nghị."), field="handed_on")
    if meeting is not None and meeting.cluster_id not in (None, cluster.pk):
        raise ActionError(_("Hội nghị không phải của cụm này."), field="meeting")
    org_actions.do_set_cluster_leadership(next_cluster, acting_user=acting_user, leader=leader, deputy=deputy)
    handover = LeadershipHandover.objects.create(
        from_cluster=cluster,
        to_cluster=next_cluster,
        from_unit=cluster.leader,
        to_unit=leader,
        to_deputy=deputy,
        meeting=meeting,
        handed_on=handed_on,
        handed_by=handed_by,
        handed_by_title=_text(handed_by_title),
        received_by=received_by,
        received_by_title=_text(received_by_title),
    )
    audit.record(
        "programs.hand_over_leadership", actor=acting_user, unit=cluster.organiser, obj=handover,
        after=audit.snapshot(handover),
    )  # fmt: skip
    return handover


# --- peer votes and awards ------------------------------------------------------------------------------


@transaction.atomic
def do_create_award_kind(*, acting_user, code: str, name: str) -> AwardKind:
    """Add an award form besides the standard three."""
    name = _required(name, "Nhập tên hình thức khen thưởng.", "name")
    code = _required(code, "Nhập mã.", "code")
    if AwardKind.objects.filter(code=code).exists() or AwardKind.objects.filter(name=name).exists():
        raise ActionError(_("Đã có hình thức này."), field="name", code="duplicate")
    order = (AwardKind.objects.aggregate(m=Max("order"))["m"] or 0) + 1
    kind = AwardKind.objects.create(code=code, name=name, order=order)
    audit.record("programs.create_award_kind", actor=acting_user, obj=kind, summary=name)
    return kind


@transaction.atomic
def do_open_peer_vote(
    cluster: EmulationCluster,
    *,
    acting_user,
    award_kind: AwardKind,
    places: int,
    candidates: Iterable[Unit],
    closes_at: dt.datetime,
    awarding_body: str,
    title: str = "",
    secret: bool = True,
    pass_rule: str = PassRule.MAJORITY,
    awarding_unit: Unit | None = None,
    meeting=None,
    agreement: Agreement | None = None,
    runoff_of: PeerVote | None = None,
) -> PeerVote:
    """Open a vote among the cluster's units for an award kind and a number of places."""
    if timezone.is_naive(closes_at):
        raise ActionError(_("Thời hạn phải có múi giờ."), field="closes_at")
    if pass_rule not in PassRule.values:
        raise ActionError(_("Điều kiện đạt không hợp lệ."), field="pass_rule")
    candidates = list(dict.fromkeys(candidates))
    members = set(cluster.members.values_list("pk", flat=True))
    if not candidates:
        raise ActionError(_("Chọn ít nhất một đơn vị được bình xét."), field="candidates")
    if any(u.pk not in members for u in candidates):
        raise ActionError(_("Đơn vị được bình xét phải là thành viên của cụm."), field="candidates")
    if not isinstance(places, int) or not 1 <= places <= len(candidates):
        raise ActionError(_("Số suất phải từ 1 đến số đơn vị được bình xét."), field="places")
    if agreement is not None and agreement.cluster_id != cluster.pk:
        raise ActionError(_("Giao ước không thuộc cụm này."), field="agreement")
    vote = PeerVote.objects.create(
        cluster=cluster,
        agreement=agreement,
        award_kind=award_kind,
        title=_text(title) or f"Bình xét đề nghị tặng {award_kind.name} năm {cluster.year}",
        places=places,
        secret=secret,
        pass_rule=pass_rule,
        awarding_body=_required(awarding_body, "Nhập cấp đề nghị khen thưởng.", "awarding_body"),
        awarding_unit=awarding_unit,
        meeting=meeting,
        closes_at=closes_at,
        electorate=len(members),
        runoff_of=runoff_of,
        opened_by=_user(acting_user),
    )
    Candidate.objects.bulk_create(Candidate(vote=vote, unit=u) for u in candidates)
    audit.record(
        "programs.open_peer_vote", actor=acting_user, unit=cluster.leader or cluster.organiser, obj=vote,
        after={**audit.snapshot(vote), "candidate_units": [u.pk for u in candidates]},
    )  # fmt: skip
    return vote


@transaction.atomic
def do_cast_ballot(
    vote: PeerVote, *, acting_user, unit: Unit, choices: Iterable[Unit], at: dt.datetime | None = None
) -> Ballot:
    """Cast a unit's one ballot choosing at most ``places`` candidates.

    The vote row is locked so a ballot and the closing cannot interleave; the unique (vote, unit)
    constraint refuses a second ballot even from two requests at once. ``at`` records a paper ballot
    cast at the meeting and entered afterwards; it defaults to now and may not lie in the future.
    """
    vote = PeerVote.objects.select_for_update().get(pk=vote.pk)
    now = timezone.now()
    at = at or now
    if at > now:
        raise ActionError(_("Thời điểm bỏ phiếu không được ở tương lai."), field="at")
    if vote.status != VoteStatus.OPEN or at > vote.closes_at:
        raise ActionError(
            _("Cuộc bình xét đã kết thúc; không nhận phiếu nữa."), code="vote_closed", status=409
        )
    if not vote.cluster.members.filter(pk=unit.pk).exists():
        raise ActionError(
            _("%(unit)s không phải thành viên của cụm.") % {"unit": unit.name}, code="not_member", status=403
        )
    if Ballot.objects.filter(vote=vote, unit=unit).exists():
        raise ActionError(_("%(unit)s đã bỏ phiếu.") % {"unit": unit.name}, code="already_voted", status=409)
    chosen = list(dict.fromkeys(choices))
    by_unit = {c.unit_id: c for c in vote.candidates.all()}
    if any(u.pk not in by_unit for u in chosen):
        raise ActionError(_("Chỉ chọn trong danh sách đơn vị được bình xét."), field="choices")
    if len(chosen) > vote.places:
        raise ActionError(
            _("Chỉ được chọn tối đa %(places)s đơn vị.") % {"places": vote.places},
            field="choices",
            code="too_many",
        )
    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(vote=vote, unit=unit, cast_by=_user(acting_user), cast_at=at)
    except IntegrityError:
        raise ActionError(
            _("%(unit)s đã bỏ phiếu.") % {"unit": unit.name}, code="already_voted", status=409
        ) from None
    BallotChoice.objects.bulk_create(
        BallotChoice(vote=vote, candidate=by_unit[u.pk], ballot=None if vote.secret else ballot)
        for u in chosen
    )
    # A secret ballot's audit entry says who voted, never for whom.
    audit.record(
        "programs.cast_ballot", actor=acting_user, unit=unit, obj=vote,
        summary=f"{unit.name} bỏ phiếu" + ("" if vote.secret else ": " + ", ".join(u.name for u in chosen)),
    )  # fmt: skip
    return ballot


@transaction.atomic
def do_close_peer_vote(vote: PeerVote, *, acting_user) -> PeerVote:
    """Stop taking ballots before the deadline (e.g. when every unit has voted at the meeting)."""
    vote = PeerVote.objects.select_for_update().get(pk=vote.pk)
    if vote.status != VoteStatus.OPEN:
        raise ActionError(_("Cuộc bình xét đã đóng."), code="vote_closed", status=409)
    vote.status = VoteStatus.CLOSED
    vote.save(update_fields=["status"])
    audit.record("programs.close_peer_vote", actor=acting_user, unit=vote.cluster.leader, obj=vote)
    return vote


def passes(rule: str, votes: int, electorate: int) -> bool:
    """More than half, or at least two thirds, of the units entitled to vote."""
    if rule == PassRule.TWO_THIRDS:
        return 3 * votes >= 2 * electorate
    return 2 * votes > electorate


def count(candidates: Sequence[Candidate], *, places: int, rule: str, electorate: int) -> tuple[list, list]:
    """Split candidates (with ``votes`` set) into (elected, tied at the last place); see models.py."""
    passing = sorted(
        (c for c in candidates if passes(rule, c.votes or 0, electorate)), key=lambda c: -c.votes
    )
    if len(passing) <= places:
        return passing, []
    cutoff = passing[places - 1].votes
    above = [c for c in passing if c.votes > cutoff]
    at_cut = [c for c in passing if c.votes == cutoff]
    if len(above) + len(at_cut) <= places:
        return above + at_cut, []
    return above, at_cut


@transaction.atomic
def do_tally_peer_vote(vote: PeerVote, *, acting_user, proposed_on: dt.date | None = None) -> PeerVote:
    """Count the ballots; the elected become award proposals to the awarding body; ties await a runoff."""
    vote = (
        PeerVote.objects.select_for_update(of=("self",))
        .select_related("cluster", "award_kind")
        .get(pk=vote.pk)
    )
    if vote.status in (VoteStatus.DECIDED, VoteStatus.TIED):
        raise ActionError(_("Đã kiểm phiếu."), code="tallied", status=409)
    if vote.status == VoteStatus.OPEN and timezone.now() <= vote.closes_at:
        raise ActionError(
            _("Chưa hết hạn bỏ phiếu; đóng bình xét trước khi kiểm phiếu."), code="still_open", status=409
        )
    candidates = list(vote.candidates.select_related("unit"))
    tally: dict[int, int] = {}
    for candidate_id in vote.choices.values_list("candidate_id", flat=True):
        tally[candidate_id] = tally.get(candidate_id, 0) + 1
    for c in candidates:
        c.votes = tally.get(c.pk, 0)
        c.passed = passes(vote.pass_rule, c.votes, vote.electorate)
    elected, tied = count(candidates, places=vote.places, rule=vote.pass_rule, electorate=vote.electorate)
    elected_ids, tied_ids = {c.pk for c in elected}, {c.pk for c in tied}
    for c in candidates:
        c.elected, c.tied = c.pk in elected_ids, c.pk in tied_ids
    Candidate.objects.bulk_update(candidates, ["votes", "passed", "elected", "tied"])
    vote.status = VoteStatus.TIED if tied else VoteStatus.DECIDED
    vote.tallied_at = timezone.now()
    vote.save(update_fields=["status", "tallied_at"])
    day = proposed_on or (vote.meeting.date if vote.meeting_id else timezone.localdate())
    proposer = vote.cluster.leader or vote.cluster.organiser
    for c in sorted(elected, key=lambda c: -c.votes):
        AwardProposal.objects.create(
            year=vote.cluster.year,
            award_kind=vote.award_kind,
            unit=c.unit,
            proposed_by=proposer,
            cluster=vote.cluster,
            vote=vote,
            meeting=vote.meeting,
            awarding_body=vote.awarding_body,
            awarding_unit=vote.awarding_unit,
            reason=f"{vote.cluster.name} bình xét năm {vote.cluster.year} ({c.votes}/{vote.electorate} phiếu)",
            proposed_on=day,
        )
    audit.record(
        "programs.tally_peer_vote", actor=acting_user, unit=proposer, obj=vote,
        after={"votes": {c.unit.name: c.votes for c in candidates}, "elected": [c.unit.name for c in elected],
               "tied": [c.unit.name for c in tied]},
    )  # fmt: skip
    return vote


@transaction.atomic
def do_open_runoff(vote: PeerVote, *, acting_user, closes_at: dt.datetime) -> PeerVote:
    """Vote again among the candidates tied at the last place, for the places left."""
    vote = PeerVote.objects.select_for_update().get(pk=vote.pk)
    if vote.status != VoteStatus.TIED:
        raise ActionError(_("Chỉ bỏ phiếu lại khi có bằng phiếu ở vị trí cuối."), code="not_tied", status=409)
    if vote.runoffs.exists():
        raise ActionError(_("Đã mở bỏ phiếu lại."), code="duplicate", status=409)
    tied = [c.unit for c in vote.candidates.filter(tied=True).select_related("unit")]
    places = vote.places - vote.candidates.filter(elected=True).count()
    return do_open_peer_vote(
        vote.cluster,
        acting_user=acting_user,
        award_kind=vote.award_kind,
        places=places,
        candidates=tied,
        closes_at=closes_at,
        awarding_body=vote.awarding_body,
        title=f"{vote.title} (bỏ phiếu lại)",
        secret=vote.secret,
        pass_rule=vote.pass_rule,
        awarding_unit=vote.awarding_unit,
        meeting=vote.meeting,
        agreement=vote.agreement,
        runoff_of=vote,
    )


@transaction.atomic
def do_propose_award(
    *,
    acting_user,
    proposed_by: Unit,
    year: int,
    award_kind: AwardKind,
    awarding_body: str,
    unit: Unit | None = None,
    person=None,
    awarding_unit: Unit | None = None,
    reason: str = "",
    proposed_on: dt.date | None = None,
    meeting=None,
) -> AwardProposal:
    """Propose an award for a unit or a person outside a peer vote."""
    if (unit is None) == (person is None):
        raise ActionError(_("Chọn một đơn vị hoặc một cá nhân được đề nghị."), field="unit")
    proposal = AwardProposal.objects.create(
        year=_year(year),
        award_kind=award_kind,
        unit=unit,
        person=person,
        proposed_by=proposed_by,
        meeting=meeting,
        awarding_body=_required(awarding_body, "Nhập cấp khen thưởng.", "awarding_body"),
        awarding_unit=awarding_unit,
        reason=_text(reason),
        proposed_on=proposed_on or timezone.localdate(),
    )
    audit.record(
        "programs.propose_award", actor=acting_user, unit=proposed_by, obj=proposal, summary=str(proposal)
    )
    return proposal


@transaction.atomic
def do_record_award_decision(
    proposal: AwardProposal,
    *,
    acting_user,
    awarded: bool,
    decision_date: dt.date,
    decision_body: str,
    decision_number: str = "",
) -> AwardProposal:
    """Record the awarding body's decision on a proposal (number, date, body)."""
    proposal = AwardProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PROPOSED:
        raise ActionError(_("Đề nghị này đã có quyết định."), code="decided", status=409)
    if decision_date < proposal.proposed_on:
        raise ActionError(_("Ngày quyết định phải sau ngày đề nghị."), field="decision_date")
    number = _text(decision_number)
    if awarded and not number:
        raise ActionError(_("Nhập số quyết định khen thưởng."), field="decision_number")
    before = audit.snapshot(proposal, ["status", "decision_number", "decision_date", "decision_body"])
    proposal.status = ProposalStatus.AWARDED if awarded else ProposalStatus.DECLINED
    proposal.decision_number = number
    proposal.decision_date = decision_date
    proposal.decision_body = _required(decision_body, "Nhập cơ quan quyết định.", "decision_body")
    proposal.save(update_fields=["status", "decision_number", "decision_date", "decision_body"])
    audit.record(
        "programs.record_award_decision", actor=acting_user, unit=proposal.awarding_unit or proposal.proposed_by,
        obj=proposal, before=before,
        after=audit.snapshot(proposal, ["status", "decision_number", "decision_date", "decision_body"]),
    )  # fmt: skip
    return proposal
