"""The `mattran` console script: Django's management commands with mattran's settings.

A database that cannot be reached ends any command with one line that says so and where it looked (the
password left out), not a traceback.
"""

import os
import sys


def _where(url: str) -> str:
    """DATABASE_URL without its password."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        return f"{scheme}://{credentials.split(':', 1)[0]}@{host}"
    return url


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mattran.settings")
    from django.core.management import execute_from_command_line
    from django.db import InterfaceError, OperationalError

    try:
        execute_from_command_line(["mattran", *sys.argv[1:]])
    except (OperationalError, InterfaceError) as exc:
        from mattran.core.middleware import database_unreachable

        if not database_unreachable(exc):
            raise
        from django.conf import settings

        db = settings.DATABASES["default"]
        where = _where(os.environ.get("DATABASE_URL", "")) or str(db.get("NAME"))
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        sys.stderr.write(
            f"mattran: không kết nối được cơ sở dữ liệu {where} — {reason} "
            "(kiểm tra DATABASE_URL và máy chủ cơ sở dữ liệu).\n"
        )
        sys.exit(2)


if __name__ == "__main__":
    main()
