"""The JSON API under /api/v1: each app adds its router; errors are structured JSON."""

from __future__ import annotations

from django.db import DataError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from mattran.accounts.actions import authenticate_token
from mattran.core.errors import ActionError


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = authenticate_token(token)
        if user is not None:
            request.user = user
        return user


class SessionUser(SessionAuth):
    """Session auth (CSRF-checked for unsafe methods) for the logged-in browser."""


ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "string",
            "description": "mã lỗi: invalid, unauthenticated, forbidden, not_found, …",
        },
        "message": {"type": "string", "description": "lời giải thích theo ngôn ngữ của người đọc"},
        "field": {"type": "string", "description": "trường có lỗi (nếu có)"},
        "details": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["error", "message"],
}
_ERRORS = {
    "400": "Dữ liệu gửi lên không hợp lệ (không có gì thay đổi).",
    "401": "Cần đăng nhập hoặc mã truy cập hợp lệ.",
    "403": "Không có quyền.",
    "404": "Không tìm thấy.",
    "409": "Xung đột với trạng thái hiện tại (không có gì thay đổi).",
    "413": "Tệp gửi lên quá lớn.",
    "429": "Quá nhiều yêu cầu; thử lại sau.",
    "503": "Không kết nối được cơ sở dữ liệu.",
}


class MattranAPI(NinjaAPI):
    """The API, whose schema declares the structured errors every operation can answer (so a status an
    operation was never meant to give, like a 405 from a shadowed route, is a contract failure)."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                codes = ["400", "404", "503"]
                codes += ["401", "403"] if operation.get("security") else ["429"]
                if method in ("post", "put", "patch", "delete"):
                    codes += ["409", "413"]
                for code in codes:
                    operation["responses"].setdefault(
                        code,
                        {
                            "description": _ERRORS[code],
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                            },
                        },
                    )
        return schema


api = MattranAPI(
    title="mattran API",
    version="1",
    description="API của mattran. Xác thực bằng phiên đăng nhập hoặc 'Authorization: Bearer <mã truy cập>'.",
    auth=[BearerToken(), SessionUser(csrf=True)],
    urls_namespace="api",
)


@api.exception_handler(ActionError)
def on_action_error(request, exc: ActionError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    details = [
        {"field": ".".join(str(p) for p in err.get("loc", [])[1:]) or None, "message": err.get("msg", "")}
        for err in exc.errors
    ]
    return api.create_response(
        request,
        {"error": "invalid", "message": _("Dữ liệu gửi lên không hợp lệ."), "details": details},
        status=400,
    )


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return api.create_response(
        request,
        {"error": "unauthenticated", "message": _("Cần đăng nhập hoặc mã truy cập hợp lệ.")},
        status=401,
    )


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"error": "not_found", "message": _("Không tìm thấy.")}, status=404)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def on_out_of_range(request, exc):
    """A number beyond what the database holds (an id, an offset, an amount of 10²⁰), or a value the column
    cannot take: the caller's input, so a 400 like any other invalid value. An action's transaction has
    already been rolled back on the way here: nothing is changed."""
    return api.create_response(
        request,
        {
            "error": "invalid",
            "message": _("Dữ liệu gửi lên vượt quá giới hạn cho phép (số quá lớn hoặc chuỗi quá dài)."),
        },
        status=400,
    )


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    codes = {403: "forbidden", 404: "not_found", 409: "conflict", 400: "invalid"}
    return api.create_response(
        request, {"error": codes.get(exc.status_code, "error"), "message": str(exc)}, status=exc.status_code
    )


from mattran.funds.api import router as funds_router  # noqa: E402
from mattran.meetings.api import router as meetings_router  # noqa: E402
from mattran.org.api import router as org_router  # noqa: E402
from mattran.oversight.api import router as oversight_router  # noqa: E402
from mattran.people.api import router as people_router  # noqa: E402
from mattran.petitions.api import router as petitions_router  # noqa: E402
from mattran.programs.api import router as programs_router  # noqa: E402
from mattran.reports.api import router as reports_router  # noqa: E402

api.add_router("/", org_router)
api.add_router("/", people_router)
api.add_router("/", meetings_router)
api.add_router("/", programs_router)
api.add_router("/", petitions_router)
api.add_router("/", funds_router)
api.add_router("/", oversight_router)
api.add_router("/", reports_router)
__all__ = ["api"]
