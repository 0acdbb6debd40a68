"""The one error type actions raise for bad input; views and the API turn it into a clear message."""

from __future__ import annotations

from django.core import exceptions as django_exceptions


class ActionError(Exception):
    """A request that cannot be carried out; nothing was changed.

    ``code`` is a stable machine-readable key, ``field`` names the form field at fault (if any) and
    ``status`` is the HTTP status the API answers with (400 bad input, 403 forbidden, 404, 409 conflict).
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid",
        field: str | None = None,
        status: int = 400,
        details: list | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
        self.status = status
        self.details = details or []

    def as_dict(self) -> dict:
        body: dict = {"error": self.code, "message": self.message}
        if self.field:
            body["field"] = self.field
        if self.details:
            body["details"] = self.details
        return body


class PermissionDenied(ActionError, django_exceptions.PermissionDenied):
    """A refusal for lack of permission: a structured 403 in the API, the 403 page on the pages."""

    def __init__(self, message: str = "Bạn không có quyền thực hiện thao tác này.", **kwargs) -> None:
        kwargs.setdefault("code", "forbidden")
        kwargs.setdefault("status", 403)
        super().__init__(message, **kwargs)
