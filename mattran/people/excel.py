"""A committee list to and from Excel with Vietnamese column headers, checked row by row.

A row with "Thôi từ ngày" and "Lý do thôi" ends a membership: the person's open membership of the term in
that position when there is one (its "Từ ngày", if given, must match), otherwise a new membership added
from "Từ ngày" and ended the same way, so a sheet can also carry the committee's history.

Import is all-or-nothing, like the residential-area import: every row is parsed and tried (each in its own
savepoint, so one bad row does not hide the next), and if any row fails nothing is kept and the page lists
every bad row with its row number and column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from mattran.core import audit
from mattran.core.errors import ActionError
from mattran.core.exports import workbook_bytes
from mattran.core.text import fold, nfc
from mattran.core.uploads import bounded_rows, open_workbook
from mattran.org.models import MemberOrganization, Unit

from . import actions, queries
from .models import EndReason, Gender, Membership, Person, Position, Represents, Term

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
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"Dòng {self.row}, cột {self.column}: {self.message}"


@dataclass
class ImportResult:
    created: list[Membership] = field(default_factory=list)
    ended: list[Membership] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def export_committee(unit: Unit, day: dt.date, sensitive: dict[int, dict] | None = None) -> bytes:
    """The committee on a day as an .xlsx sheet with the import's headers.

    Birth year, ethnicity and religion only for the persons in ``sensitive`` (what the reader may see,
    read through ``actions.do_read_sensitive_of_committee``); blank for the others."""
    sensitive = sensitive or {}
    wb = Workbook()
    ws = wb.active
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
            m.member_org.name if m.member_org_id else "", m.represents_detail, m.start,
            m.end, m.get_end_reason_display() if m.end_reason else "",
        ])  # fmt: skip
        for col in (12, 13):
            ws.cell(row=i + 1, column=col).number_format = "DD/MM/YYYY"
    for letter, width in zip(
        "ABCDEFGHIJKLMN", (5, 28, 9, 9, 10, 12, 20, 26, 22, 30, 20, 12, 12, 14), strict=True
    ):
        ws.column_dimensions[letter].width = width
    return workbook_bytes(wb)


def _text(value) -> str:
    return nfc(str(value)) if value is not None else ""


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


@transaction.atomic
def do_import_committee(*, acting_user, term: Term, data: bytes, file_name: str = "") -> ImportResult:
    """Add the members listed in a sheet to a term; all rows or none."""
    wb = open_workbook(data, unreadable=_("Không đọc được tệp: cần tệp Excel .xlsx."))
    ws = wb.worksheets[0]
    rows = bounded_rows(ws)
    header = [_text(h) for h in next(rows, ())]
    columns = {fold(h): i for i, h in enumerate(header) if h}
    missing = [h for h in REQUIRED if fold(h) not in columns]
    if missing:
        raise ActionError(
            _("Thiếu cột: %(missing)s. Dòng đầu phải là tiêu đề như tệp xuất ra.")
            % {"missing": ", ".join(missing)},
            field="file",
        )
    term = actions.lock_term(term)
    orgs = {fold(o.name): o for o in MemberOrganization.objects.filter(unit=term.unit)}
    result = ImportResult()
    seen: set[tuple[str, str]] = set()

    def cell(values, name):
        i = columns.get(fold(name))
        return values[i] if i is not None and i < len(values) else None

    for number, values in enumerate(rows, start=2):
        if number - 1 > MAX_ROWS:
            result.errors.append(RowError(number, "—", f"Tối đa {MAX_ROWS} dòng mỗi tệp."))
            break
        if not any(v not in (None, "") for v in values):
            continue
        name = " ".join(_text(cell(values, "Họ và tên")).split())
        errors_before = len(result.errors)
        if len(name.split()) < 2:
            result.errors.append(RowError(number, "Họ và tên", "cần cả họ và tên."))
        position = POSITION_BY_LABEL.get(fold(_text(cell(values, "Chức danh"))))
        if position is None:
            result.errors.append(
                RowError(number, "Chức danh", f'không rõ "{_text(cell(values, "Chức danh"))}".')
            )
        represents_text = _text(cell(values, "Đại diện cho"))
        represents = REPRESENTS_BY_LABEL.get(fold(represents_text), "") if represents_text else ""
        if represents_text and not represents:
            result.errors.append(RowError(number, "Đại diện cho", f'không rõ "{represents_text}".'))
        org_text = _text(cell(values, "Tổ chức thành viên"))
        org = orgs.get(fold(org_text)) if org_text else None
        if org_text and org is None:
            result.errors.append(RowError(number, "Tổ chức thành viên", f'đơn vị không có "{org_text}".'))
        gender_text = _text(cell(values, "Giới tính"))
        gender = GENDER_BY_LABEL.get(fold(gender_text), "") if gender_text else ""
        if gender_text and not gender:
            result.errors.append(RowError(number, "Giới tính", "ghi Nam hoặc Nữ."))
        end_bad = False
        try:
            end = _date(cell(values, "Thôi từ ngày"))
        except ValueError:
            end, end_bad = None, True
            result.errors.append(RowError(number, "Thôi từ ngày", "ngày không hợp lệ (dd/mm/yyyy)."))
        reason_text = _text(cell(values, "Lý do thôi"))
        reason = END_REASON_BY_LABEL.get(fold(reason_text), "") if reason_text else ""
        if reason_text and not reason:
            result.errors.append(RowError(number, "Lý do thôi", f'không rõ "{reason_text}".'))
        elif reason and end is None and not end_bad:
            result.errors.append(RowError(number, "Thôi từ ngày", "cần ngày thôi khi ghi lý do thôi."))
        elif end is not None and not reason_text:
            result.errors.append(RowError(number, "Lý do thôi", "cần lý do thôi khi có ngày thôi."))
        # The open membership this row ends, if the person already holds the position in the term.
        current = None
        if end is not None and position is not None and len(name.split()) >= 2:
            current = (
                Membership.objects.filter(
                    term=term,
                    position=position,
                    end__isnull=True,
                    person__in=Person.objects.filter(unit=term.unit, full_name=name),
                )
                .order_by("start", "pk")
                .first()
            )
        try:
            start = _date(cell(values, "Từ ngày"))
            if start is None and current is None:
                result.errors.append(RowError(number, "Từ ngày", "bắt buộc."))
            elif current is not None and start is not None and start != current.start:
                result.errors.append(
                    RowError(
                        number,
                        "Từ ngày",
                        f"{name} giữ chức danh này từ {current.start:%d/%m/%Y}, không phải {start:%d/%m/%Y}.",
                    )
                )
        except ValueError:
            start = None
            result.errors.append(RowError(number, "Từ ngày", "ngày không hợp lệ (dd/mm/yyyy)."))
        year = cell(values, "Năm sinh")
        try:
            birth_year = int(year) if year not in (None, "") else None
        except (TypeError, ValueError):
            birth_year = None
            result.errors.append(RowError(number, "Năm sinh", "phải là số."))
        key = (fold(name), position or "")
        if key in seen:
            result.errors.append(RowError(number, "Họ và tên", "trùng người và chức danh với một dòng trên."))
        seen.add(key)
        if len(result.errors) > errors_before:
            continue
        try:
            with transaction.atomic():
                if current is not None:
                    result.ended.append(
                        actions.do_end_membership(
                            current,
                            acting_user=acting_user,
                            end=end,
                            reason=reason,
                            end_decision=f"Nhập từ tệp {file_name}".strip(),
                        )
                    )
                    continue
                person = actions.find_or_create_person(
                    acting_user=acting_user, unit=term.unit, full_name=name
                )
                details = {
                    "gender": gender, "birth_year": birth_year, "ethnicity": _text(cell(values, "Dân tộc")),
                    "religion": _text(cell(values, "Tôn giáo")), "occupation": _text(cell(values, "Nghề nghiệp")),
                }  # fmt: skip
                missing_details = {k: v for k, v in details.items() if v and not getattr(person, k)}
                if missing_details:
                    person = actions.do_update_person(person, acting_user=acting_user, **missing_details)
                membership = actions.add_membership(
                    acting_user=acting_user,
                    term=term,
                    person=person,
                    position=position,
                    start=start,
                    represents=represents,
                    member_org=org,
                    represents_detail=_text(cell(values, "Đại diện (chi tiết)")),
                    start_decision=f"Nhập từ tệp {file_name}".strip(),
                )
                if end is not None:
                    membership = actions.end_membership(
                        membership,
                        acting_user=acting_user,
                        end=end,
                        reason=reason,
                        end_decision=f"Nhập từ tệp {file_name}".strip(),
                    )
                result.created.append(membership)
        except ActionError as exc:
            column = {
                "start": "Từ ngày",
                "person": "Họ và tên",
                "position": "Chức danh",
                "end": "Thôi từ ngày",
                "reason": "Lý do thôi",
                "membership": "Thôi từ ngày",
            }.get(exc.field or "", "—")
            result.errors.append(RowError(number, column, exc.message))
    if result.errors:
        transaction.set_rollback(True)
        result.created = []
        result.ended = []
        return result
    audit.record(
        "people.import_committee",
        actor=acting_user,
        unit=term.unit,
        obj=term,
        after={"file": file_name, "rows": len(result.created), "ended": len(result.ended)},
        summary=f"Nhập {len(result.created)} ủy viên {term.label} từ {file_name}"
        + (f", cho thôi {len(result.ended)}" if result.ended else ""),
    )
    return result
