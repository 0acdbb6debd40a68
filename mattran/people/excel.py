"""A committee list to and from Excel with Vietnamese column headers, checked row by row.

A row with "Thôi từ ngày" and "Lý do thôi" ends a membership: the person's open membership of the term in
that position when there is one (its "Từ ngày", if given, must match), otherwise a new membership added
from "Từ ngày" and ended the same way, so a sheet can also carry the committee's history.

Importing is three steps: ``read_committee_sheet`` parses the file (every row's values and what is wrong
with a row on its own), ``validate_committee_sheet`` checks the rows against the term and its committee
and plans each one, and the action ``people.actions.do_import_committee`` applies the plan — all rows or
none, like the residential-area import: if any row fails, nothing is kept and the page lists every bad row
with its row number and column. The first two steps never write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from mattran.core.errors import ActionError
from mattran.core.exports import workbook_bytes
from mattran.core.sheets import XLSX, RowError
from mattran.core.text import fold, nfc
from mattran.core.uploads import bounded_rows, open_workbook
from mattran.org.models import MemberOrganization, Unit

from . import queries
from .checks import check_end, clean_person, fmt, validate_new_membership
from .models import EndReason, Gender, Membership, Person, Position, Represents, Term

__all__ = [
    "HEADERS", "XLSX", "RowPlan", "export_committee", "read_committee_sheet", "validate_committee_sheet",
]  # fmt: skip

HEADERS = [
    "STT", "Họ và tên", "Giới tính", "Năm sinh", "Dân tộc", "Tôn giáo", "Nghề nghiệp", "Chức danh",
    "Đại diện cho", "Tổ chức thành viên", "Đại diện (chi tiết)", "Từ ngày", "Thôi từ ngày", "Lý do thôi",
]  # fmt: skip
REQUIRED = ["Họ và tên", "Chức danh", "Từ ngày"]
POSITION_BY_LABEL = {fold(str(label)): value for value, label in Position.choices}
REPRESENTS_BY_LABEL = {fold(str(label)): value for value, label in Represents.choices}
END_REASON_BY_LABEL = {fold(str(label)): value for value, label in EndReason.choices}
GENDER_BY_LABEL = {fold(str(label)): value for value, label in Gender.choices}
MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
# The column an action's refusal points at, by the field it names.
COLUMN_OF_FIELD = {
    "start": "Từ ngày",
    "person": "Họ và tên",
    "full_name": "Họ và tên",
    "position": "Chức danh",
    "represents": "Đại diện cho",
    "member_org": "Tổ chức thành viên",
    "gender": "Giới tính",
    "birth_year": "Năm sinh",
    "end": "Thôi từ ngày",
    "reason": "Lý do thôi",
    "membership": "Thôi từ ngày",
}


def export_committee(unit: Unit, day: dt.date, sensitive: dict[int, dict] | None = None) -> bytes:
    """The committee on a day as an .xlsx sheet with the import's headers.

    Birth year, ethnicity and religion only for the persons in ``sensitive`` (what the reader may see,
    read through ``actions.do_read_sensitive_of_committee``); blank for the others."""
    sensitive = sensitive or {}
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has its sheet
    ws.title = "Ủy viên"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, m in enumerate(queries.committee_list(unit, day), start=1):
        p = m.person
        private = sensitive.get(p.pk, {})
        ws.append([
            i, p.full_name, p.get_gender_display() if p.gender else "", private.get("birth_year"),
            private.get("ethnicity", ""), private.get("religion", ""),
            p.occupation, m.get_position_display(), m.get_represents_display() if m.represents else "",
            m.member_org.name if m.member_org else "", m.represents_detail, m.start,
            m.end, m.get_end_reason_display() if m.end_reason else "",
        ])  # fmt: skip
        for col in (12, 13):
            ws.cell(row=i + 1, column=col).number_format = "DD/MM/YYYY"
    for letter, width in zip(
        "ABCDEFGHIJKLMN", (5, 28, 9, 9, 10, 12, 20, 26, 22, 30, 20, 12, 12, 14), strict=True
    ):
        ws.column_dimensions[letter].width = width
    return workbook_bytes(wb)


# --- step 1: parse ----------------------------------------------------------------------------------------


@dataclass
class SheetRow:
    """One row of the sheet with its values read, and what is wrong with it (filled by parse and validate).

    A value is None where its cell could not be read; ``start_read`` says whether "Từ ngày" could be.
    """

    number: int
    name: str
    position: str | None
    represents: str
    org_name: str
    start: dt.date | None
    start_read: bool
    end: dt.date | None
    reason: str
    details: dict[str, Any]  # gender, birth year, ethnicity, religion, occupation: filled in when missing
    represents_detail: str
    errors: list[RowError] = field(default_factory=list)


@dataclass
class CommitteeSheet:
    rows: list[SheetRow] = field(default_factory=list)
    limit_error: RowError | None = None  # the sheet has more rows than one import takes

    @property
    def errors(self) -> list[RowError]:
        """Every error of every row, in row order."""
        found = [e for row in self.rows for e in row.errors]
        return found + ([self.limit_error] if self.limit_error else [])


def _text(value: object) -> str:
    return nfc(str(value)) if value is not None else ""


def _date(value: object) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _year(value: object) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        return int(value)
    return int(str(value).strip())


def _open_rows(data: bytes) -> tuple[dict[str, int], Iterator[tuple[object, ...]]]:
    """The folded header → column index, and the iterator over the data rows; or refuse the file."""
    # checked (size, zip bounds) and streamed read-only within the row and column caps
    wb = open_workbook(data, unreadable=_("Không đọc được tệp: cần tệp Excel .xlsx."))
    rows = bounded_rows(wb.worksheets[0])
    header = [_text(h) for h in next(rows, ())]
    columns = {fold(h): i for i, h in enumerate(header) if h}
    missing = [h for h in REQUIRED if fold(h) not in columns]
    if missing:
        raise ActionError(
            _("Thiếu cột: %(missing)s. Dòng đầu phải là tiêu đề như tệp xuất ra.")
            % {"missing": ", ".join(missing)},
            field="file",
        )
    return columns, rows


class _Cells:
    """The cells of one row by header, and the errors found reading them."""

    def __init__(self, columns: dict[str, int], number: int, values: Sequence[object]) -> None:
        self.columns, self.number, self.values = columns, number, values
        self.errors: list[RowError] = []

    def raw(self, header: str) -> object:
        i = self.columns.get(fold(header))
        return self.values[i] if i is not None and i < len(self.values) else None

    def text(self, header: str) -> str:
        return _text(self.raw(header))

    def error(self, header: str, message: str) -> None:
        self.errors.append(RowError(self.number, header, message))

    def label(self, header: str, choices: dict[str, str], *, required: bool = False) -> str | None:
        """The value a label stands for: "" when blank (and not required), None with an error when unknown."""
        text = self.text(header)
        if not text and not required:
            return ""
        value = choices.get(fold(text))
        if value is None:
            self.error(header, _('không rõ "%(text)s".') % {"text": text})
        return value

    def date(self, header: str) -> tuple[dt.date | None, bool]:
        """The date in a cell (None when blank) and whether it could be read."""
        try:
            return _date(self.raw(header)), True
        except ValueError:
            self.error(header, _("ngày không hợp lệ (dd/mm/yyyy)."))
            return None, False


def _parse_row(cells: _Cells) -> SheetRow:
    name = " ".join(cells.text("Họ và tên").split())
    if len(name.split()) < 2:
        cells.error("Họ và tên", _("cần cả họ và tên."))
    position = cells.label("Chức danh", POSITION_BY_LABEL, required=True)
    represents = cells.label("Đại diện cho", REPRESENTS_BY_LABEL)
    gender = cells.text("Giới tính")
    if gender and fold(gender) not in GENDER_BY_LABEL:
        cells.error("Giới tính", _("ghi Nam hoặc Nữ."))
    end, end_read = cells.date("Thôi từ ngày")
    reason = cells.label("Lý do thôi", END_REASON_BY_LABEL)
    if reason and end is None and end_read:
        cells.error("Thôi từ ngày", _("cần ngày thôi khi ghi lý do thôi."))
    elif end is not None and reason == "":
        cells.error("Lý do thôi", _("cần lý do thôi khi có ngày thôi."))
    start, start_read = cells.date("Từ ngày")
    try:
        birth_year = _year(cells.raw("Năm sinh"))
    except (TypeError, ValueError):
        birth_year = None
        cells.error("Năm sinh", _("phải là số."))
    details = {
        "gender": GENDER_BY_LABEL.get(fold(gender), ""), "birth_year": birth_year,
        "ethnicity": cells.text("Dân tộc"), "religion": cells.text("Tôn giáo"),
        "occupation": cells.text("Nghề nghiệp"),
    }  # fmt: skip
    return SheetRow(
        number=cells.number, name=name, position=position, represents=represents or "",
        org_name=cells.text("Tổ chức thành viên"), start=start, start_read=start_read, end=end,
        reason=reason or "", details=details, represents_detail=cells.text("Đại diện (chi tiết)"),
        errors=cells.errors,
    )  # fmt: skip


def read_committee_sheet(data: bytes) -> CommitteeSheet:
    """Parse a committee sheet: each row's values and what is wrong with a row on its own (no database)."""
    columns, rows = _open_rows(data)
    sheet = CommitteeSheet()
    seen: set[tuple[str, str]] = set()
    for number, values in enumerate(rows, start=2):
        if number - 1 > MAX_ROWS:
            sheet.limit_error = RowError(number, "—", _("Tối đa %(n)s dòng mỗi tệp.") % {"n": MAX_ROWS})
            break
        if not any(v not in (None, "") for v in values):
            continue
        row = _parse_row(_Cells(columns, number, values))
        key = (fold(row.name), row.position or "")
        if key in seen:
            row.errors.append(RowError(number, "Họ và tên", _("trùng người và chức danh với một dòng trên.")))
        seen.add(key)
        sheet.rows.append(row)
    return sheet


# --- step 2: validate -------------------------------------------------------------------------------------


@dataclass
class RowPlan:
    """What applying a valid row does: end ``current``, or add a membership (and end it when ``end``)."""

    row: SheetRow
    org: MemberOrganization | None = None
    # The open membership of the person in that position, which the row ends.
    current: Membership | None = None


def _open_membership(row: SheetRow, term: Term) -> Membership | None:
    """The open membership a row with an end date ends, if the person already holds the position in the term."""
    if row.end is None or row.position is None or len(row.name.split()) < 2:
        return None
    return (
        Membership.objects.filter(
            term=term,
            position=row.position,
            end__isnull=True,
            person__in=Person.objects.filter(unit=term.unit, full_name=row.name),
        )
        .select_related("person", "term", "unit")
        .order_by("start", "pk")
        .first()
    )


def _plan_row(row: SheetRow, term: Term, orgs: dict[str, MemberOrganization]) -> RowPlan:
    plan = RowPlan(row, org=orgs.get(fold(row.org_name)) if row.org_name else None)
    if row.org_name and plan.org is None:
        row.errors.append(
            RowError(
                row.number, "Tổ chức thành viên", _('đơn vị không có "%(org)s".') % {"org": row.org_name}
            )
        )
    plan.current = _open_membership(row, term)
    current = plan.current
    if not row.start_read:
        return plan  # "ngày không hợp lệ" is said already
    if row.start is None and current is None:
        row.errors.append(RowError(row.number, "Từ ngày", _("bắt buộc.")))
    elif current is not None and row.start is not None and row.start != current.start:
        row.errors.append(
            RowError(
                row.number,
                "Từ ngày",
                _("%(name)s giữ chức danh này từ %(held)s, không phải %(given)s.")
                % {"name": row.name, "held": fmt(current.start), "given": fmt(row.start)},
            )
        )
    return plan


def _check_rules(plan: RowPlan, term: Term) -> None:
    """The rules the actions would apply to the row, checked without writing (ActionError if one fails)."""
    row = plan.row
    if plan.current is not None:
        assert row.end is not None  # a row ends a current membership only when it has an end date
        check_end(term=term, person_name=row.name, start=plan.current.start, end=row.end, reason=row.reason)
        return
    assert row.position is not None and row.start is not None  # else the row has errors and is not checked
    clean_person({k: v for k, v in row.details.items() if v})
    person = Person.objects.filter(unit=term.unit, full_name=row.name).order_by("pk").first()
    represents = row.represents or (Represents.MEMBER_ORG if plan.org is not None else "")
    validate_new_membership(
        term=term, person=person, position=row.position, start=row.start, member_org=plan.org,
        represents=represents,
    )  # fmt: skip
    if row.end is not None:
        check_end(term=term, person_name=row.name, start=row.start, end=row.end, reason=row.reason)


def validate_committee_sheet(sheet: CommitteeSheet, term: Term) -> list[RowPlan]:
    """Check every parsed row against the term and its committee, reading the database only, and plan it.

    What is wrong goes to the row's errors, as for parsing; a row with no error gets its plan checked by
    the same rules the actions apply (``people.checks``), so applying it will not be refused.
    """
    orgs = {fold(o.name): o for o in MemberOrganization.objects.filter(unit=term.unit)}
    plans = []
    for row in sheet.rows:
        plan = _plan_row(row, term, orgs)
        if not row.errors:
            try:
                _check_rules(plan, term)
            except ActionError as exc:
                row.errors.append(RowError(row.number, column_of(exc), exc.message))
        plans.append(plan)
    return plans


def column_of(exc: ActionError) -> str:
    """The header of the column an action's refusal is about ("—" when it names none)."""
    return COLUMN_OF_FIELD.get(exc.field or "", "—")
