"""A statement file over its limits (size, PDF pages) is refused at upload, before a worker reads it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mattran.core.errors import ActionError
from mattran.funds.actions import do_upload_statement
from mattran.funds.models import BankStatement
from tests.core.test_uploads import _pdf


def test_a_statement_upload_over_its_limits_is_refused_before_any_import(
    funds, people, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.PDF_MAX_PAGES = 5
    with pytest.raises(ActionError) as exc:
        do_upload_statement(
            acting_user=people.superuser,
            account=funds.account,
            upload=SimpleUploadedFile("sao-ke.pdf", _pdf(8), "application/pdf"),
        )
    assert exc.value.code == "too_many_pages"
    settings.UPLOAD_LIMITS = {**settings.UPLOAD_LIMITS, "statement": 1000}
    with pytest.raises(ActionError) as exc:
        do_upload_statement(
            acting_user=people.superuser,
            account=funds.account,
            upload=SimpleUploadedFile("sao-ke.csv", b"x" * 5000, "text/csv"),
        )
    assert exc.value.code == "file_size"
    assert not BankStatement.objects.exists()
    assert not list((tmp_path / "statements").glob("*")), "a refused file is not kept"
