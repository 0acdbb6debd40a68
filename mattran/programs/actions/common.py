"""What the programs actions share: reading a text, a score, a year and an evidence file the one way."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext as _

from mattran.core.errors import ActionError
from mattran.core.text import clean_text
from mattran.core.uploads import check_document

from ..models import round_score

FIRST_YEAR, LAST_YEAR = 1990, 2100
MAX_SCORE = Decimal("10000")  # above any criterion's maximum; a criterion's own maximum is checked first


def field_text(
    model: type[models.Model], name: str, value: object, *, field: str | None = None, required: str = ""
) -> str:
    """``value`` cleaned for the model's text field ``name``: NFC, paragraphs kept in a long text, refused
    when longer than the column holds, or empty when ``required`` (the message to show) is given."""
    column = model._meta.get_field(name)
    return clean_text(
        value,
        field=field or name,
        required=bool(required),
        message=required or None,
        max_length=getattr(column, "max_length", None),
        multiline=isinstance(column, models.TextField),
    )


def score_value(value: object, *, maximum: Decimal, field: str = "score") -> Decimal:
    """A score between 0 and ``maximum`` with at most two decimals ("7,5" is read as 7.5)."""
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


def valid_year(year: object) -> int:
    if not isinstance(year, int) or isinstance(year, bool) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ActionError(_("Năm không hợp lệ."), field="year")
    return year


def check_evidence(upload: UploadedFile) -> tuple[str, str, str]:
    """Return (clean name, extension, content type) of an evidence file, or refuse it."""
    return check_document(upload, kind="evidence")
