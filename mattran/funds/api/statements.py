"""Bank statement imports over the API: uploading a file, following its import, queuing it again."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Field, File, Query, Router, Schema, Status, UploadedFile

from mattran.core.web import MAX_OFFSET

from .. import actions
from ..models import BankAccount, BankStatement
from .common import _require

router = Router()


class StatementOut(Schema):
    id: int
    account_id: int
    file_name: str
    layout: str
    status: str
    pages: int | None
    lines_read: int
    lines_added: int
    total_credit: int
    total_debit: int
    error: str
    report: dict
    progress: dict = Field(
        default_factory=dict, description="Trong khi nhập: số dòng, trang đã đọc, số trang"
    )

    stalled_since: dt.datetime | None = Field(
        None,
        description="Khi việc nhập chờ hoặc đang chạy mà không có tiến trình nào làm: lúc nó báo tiến độ "
        "lần cuối; khi đó có thể xếp lại (POST /funds/statements/{id}/requeue)",
    )

    @staticmethod
    def resolve_progress(obj) -> dict:
        from ..importing import progress_of

        if obj.status not in ("pending", "running"):
            return {}
        return {k: v for k, v in progress_of(obj.pk).items() if k != "at"}

    @staticmethod
    def resolve_stalled_since(obj) -> dt.datetime | None:
        from ..importing import stalled_since

        return stalled_since(obj)


@router.get("/funds/statements/{int:statement_id}", response=StatementOut, summary="Kết quả nhập sao kê")
def get_statement(request, statement_id: int):
    statement = get_object_or_404(
        BankStatement.objects.select_related("account", "account__unit"), pk=statement_id
    )
    _require(request, "funds.view_fund", statement.account)
    return statement


@router.get(
    "/funds/accounts/{int:account_id}/statements",
    response=list[StatementOut],
    summary="Các lần nhập sao kê của tài khoản",
)
def list_statements(
    request,
    account_id: int,
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(50, ge=1, le=200),
):
    account = get_object_or_404(BankAccount.objects.select_related("unit"), pk=account_id)
    _require(request, "funds.view_fund", account)
    return list(account.statements.order_by("-id")[offset : offset + limit])


@router.post(
    "/funds/accounts/{int:account_id}/statements",
    response={202: StatementOut},
    summary="Tải lên tệp sao kê (PDF, CSV, XLSX) và bắt đầu nhập",
    description="Nhập chạy nền như trên trang; theo dõi bằng GET /funds/statements/{id} (status, progress).",
)
def upload_statement(request, account_id: int, file: File[UploadedFile]):
    account = get_object_or_404(BankAccount.objects.select_related("unit"), pk=account_id)
    _require(request, "funds.import_statement", account)
    statement = actions.do_upload_statement(acting_user=request.user, account=account, upload=file)
    statement.refresh_from_db()
    return Status(202, statement)


@router.post(
    "/funds/statements/{int:statement_id}/requeue",
    response={202: StatementOut},
    summary="Xếp lại việc nhập sao kê bị dừng",
    description="Chỉ khi stalled_since có giá trị: chờ quá 2 phút không tiến trình nào nhận, hoặc đang nhập "
    "mà 5 phút không báo tiến độ (tiến trình bị tắt giữa chừng; không dòng nào của lần dở được giữ). "
    "Nếu không: 409.",
)
def requeue_statement(request, statement_id: int):
    statement = get_object_or_404(BankStatement.objects.select_related("account__unit"), pk=statement_id)
    _require(request, "funds.import_statement", statement.account)
    actions.do_requeue_statement(acting_user=request.user, statement=statement)
    statement.refresh_from_db()
    return Status(202, statement)
