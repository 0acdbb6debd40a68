"""A batch of cases from the Excel template (cases collected on paper: a residential-area meeting, a week of
the suggestion box): every row received, or none if any row is wrong — each error named by row and column."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.exports import workbook_bytes
from mattran.core.sheets import RowError
from mattran.core.uploads import bounded_rows, open_workbook
from mattran.org.models import Unit

from ..models import Case, Channel, Field, Kind
from .intake import do_receive_case

HEADERS = ["Loại", "Kênh", "Ngày tiếp nhận", "Lĩnh vực", "Nội dung", "Họ và tên", "Điện thoại", "Địa chỉ"]
KIND_BY_LABEL = {str(label).casefold(): value for value, label in Kind.choices}
CHANNEL_BY_LABEL = {str(label).casefold(): value for value, label in Channel.choices}


def template() -> bytes:
    """The Excel template: the headers, one example row, the allowed values on a second sheet."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Vu viec"
    ws.append(HEADERS)
    ws.append(
        [
            "Kiến nghị",
            "Họp khu dân cư",
            "15/03/2026",
            "Hạ tầng, giao thông",
            "Đề nghị sửa đèn ngõ 5",
            "Nguyễn Văn A",
            "",
            "Tổ 3",
        ]
    )
    values = wb.create_sheet("Gia tri")
    values.append(["Loại", "Kênh", "Lĩnh vực"])
    kinds, channels = (
        [str(label) for _v, label in Kind.choices],
        [str(label) for _v, label in Channel.choices],
    )
    fields = list(Field.objects.filter(active=True).values_list("name", flat=True))
    for i in range(max(len(kinds), len(channels), len(fields))):
        values.append(
            [
                kinds[i] if i < len(kinds) else None,
                channels[i] if i < len(channels) else None,
                fields[i] if i < len(fields) else None,
            ]
        )
    return workbook_bytes(wb)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.datetime.strptime(str(value or "").strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


@transaction.atomic
def do_import_cases(*, acting_user: Actor, unit: Unit, data: bytes) -> tuple[list[Case], list[RowError]]:
    """Receive every row of the template as a case, or none if any row is wrong."""
    authorize(acting_user, "petitions.receive_case", unit)
    ws = open_workbook(data).worksheets[0]
    rows = bounded_rows(ws, max_rows=2001, max_columns=len(HEADERS) + 5)
    header = [str(v or "").strip() for v in next(rows, ())][: len(HEADERS)]
    if header != HEADERS:
        raise ActionError(
            _("Dòng 1 phải là tiêu đề của mẫu: %(h)s.") % {"h": ", ".join(HEADERS)}, field="file"
        )
    fields = {f.name.casefold(): f for f in Field.objects.filter(active=True)}
    created: list[Case] = []
    errors: list[RowError] = []
    for number, row in enumerate(rows, start=2):
        cells = [row[i] if i < len(row) else None for i in range(len(HEADERS))]
        if all(v in (None, "") for v in cells):
            continue
        kind = KIND_BY_LABEL.get(str(cells[0] or "").strip().casefold())
        channel = CHANNEL_BY_LABEL.get(str(cells[1] or "").strip().casefold())
        received = _date(cells[2])
        field = fields.get(str(cells[3] or "").strip().casefold())
        problems = [
            (HEADERS[0], _("không nhận ra loại") if kind is None else ""),
            (HEADERS[1], _("không nhận ra kênh") if channel is None else ""),
            (HEADERS[2], _("cần ngày dạng 15/03/2026") if received is None else ""),
            (HEADERS[3], _("không có lĩnh vực này") if cells[3] and field is None else ""),
        ]
        bad = [RowError(number, column, message) for column, message in problems if message]
        if bad:
            errors += bad
            continue
        name = str(cells[5] or "").strip()
        try:
            with transaction.atomic():
                created.append(
                    do_receive_case(
                        acting_user=acting_user,
                        unit=unit,
                        kind=str(kind),
                        summary="",
                        text=str(cells[4] or ""),
                        received_on=received,  # type: ignore[arg-type]  # checked above
                        channel=Channel.BATCH if channel is None else channel,
                        field=field,
                        submitters=[
                            {"full_name": name, "phone": str(cells[6] or ""), "address": str(cells[7] or "")}
                        ]
                        if name
                        else [],
                        anonymous=not name,
                    )
                )
        except ActionError as exc:
            column = {
                "text": HEADERS[4],
                "received_on": HEADERS[2],
                "full_name": HEADERS[5],
                "anonymous": HEADERS[5],
                "meeting": HEADERS[1],
                "reception": HEADERS[1],
            }
            errors.append(RowError(number, column.get(exc.field or "", HEADERS[0]), exc.message))
    if errors:
        transaction.set_rollback(True)
        return [], errors
    audit.record(
        "petitions.import_cases",
        actor=acting_user,
        unit=unit,
        summary=f"Nhập {len(created)} vụ việc từ Excel",
        after={"cases": [c.pk for c in created]},
    )
    return created, []
