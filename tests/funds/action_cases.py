"""Every funds action, ready to be called by an actor without the permission
(tests/core/test_every_action_authorises.py): the records it needs are made by the system actor of the
tests, on the commune of the test tree; the call is refused for an editor of another province, an
anonymous user and no actor at all, and changes nothing."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from mattran.funds import actions
from mattran.funds.models import BankAccount, BankStatement, FundKind
from tests.conftest import SYSTEM
from tests.funds.statement_generators import Options, generate

Call = Callable[[Any], object]


# statements


def _account(w: Any) -> BankAccount:
    """A Vietcombank account of the commune's relief fund."""
    fund = actions.do_create_fund(acting_user=SYSTEM, unit=w.tree.commune, kind=FundKind.RELIEF, name="Quỹ")
    return actions.do_create_bank_account(
        acting_user=SYSTEM, unit=w.tree.commune, fund=fund, bank_bin="970436", number="0011001932418",
        holder="UBMTTQ XA AN",
    )  # fmt: skip


def _statement_file() -> Path:
    """A real statement file (a small generated Vietcombank CSV export) in a folder of its own."""
    path = Path(tempfile.mkdtemp(prefix="mattran-cases-")) / "sao-ke.csv"
    generate("vcb_table", path, Options(seed=5, lines=6, collect=False))
    return path


def _create_statement(w: Any) -> Call:
    account, path = _account(w), _statement_file()
    return lambda actor: actions.do_create_statement(acting_user=actor, account=account, path=path)


def _import_statement(w: Any) -> Call:
    account, path = _account(w), _statement_file()
    return lambda actor: actions.do_import_statement(acting_user=actor, account=account, path=path)


def _upload_statement(w: Any) -> Call:
    account = _account(w)
    content = _statement_file().read_bytes()

    def call(actor: Any) -> object:
        upload = SimpleUploadedFile("sao-ke.csv", content, content_type="text/csv")
        return actions.do_upload_statement(acting_user=actor, account=account, upload=upload)

    return call


def _requeue_statement(w: Any) -> Call:
    account = _account(w)
    statement = actions.do_create_statement(acting_user=SYSTEM, account=account, path=_statement_file())
    # Queued long ago and taken by no run: a stalled import an editor of the unit may queue again.
    BankStatement.objects.filter(pk=statement.pk).update(queued_at=dt.datetime(2024, 9, 1, tzinfo=dt.UTC))
    return lambda actor: actions.do_requeue_statement(acting_user=actor, statement=statement)


CASES = {
    # statements
    "do_create_statement": _create_statement,
    "do_import_statement": _import_statement,
    "do_upload_statement": _upload_statement,
    "do_requeue_statement": _requeue_statement,
}
