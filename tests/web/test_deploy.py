"""Production defaults: `mattran check --deploy` is clean with the settings docs/operations.md documents;
HTTPS, HSTS and CSP are on when DEBUG is off; error pages speak Vietnamese; an unreachable database gets one
clear line (pages, API, commands) instead of a traceback or a bare English "Server Error (500)"."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

from mattran.core.views import server_error

DOCS = Path(__file__).resolve().parents[2] / "docs" / "operations.md"


def documented_production_environment() -> dict[str, str]:
    """The variables of the block that follows "Production settings" in docs/operations.md."""
    text = DOCS.read_text(encoding="utf-8")
    block = text.split("<!-- production-settings -->", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    env = {}
    for line in block.splitlines():
        match = re.match(r"\s*export\s+([A-Z_]+)=(.*)$", line)
        if match:
            env[match.group(1)] = match.group(2).split(" #", 1)[0].strip().strip("'\"")
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MATTRAN_", "SECURE_"))
        and k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}
    }
    return subprocess.run(
        [sys.executable, "-m", "mattran.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path) -> None:
    env = documented_production_environment()
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DATABASE_URL"} <= set(env)
    env["SECRET_KEY"] = secrets.token_urlsafe(50)  # the docs generate one
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"  # check --deploy reads no data
    env["MATTRAN_VAR_DIR"] = str(tmp_path)
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.fixture
def production(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    return Client()


def test_https_is_enforced_when_debug_is_off(production, db) -> None:
    plain = production.get("/dang-nhap/")
    assert plain.status_code == 301 and plain["Location"] == "https://testserver/dang-nhap/"
    secure = production.get("/dang-nhap/", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    csp = secure["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    # a proxy that terminated TLS says so
    proxied = production.get("/dang-nhap/", HTTP_X_FORWARDED_PROTO="https")
    assert proxied.status_code == 200


def test_the_health_check_answers_over_plain_http(production, db) -> None:
    assert production.get("/suc-khoe/").content == b"ok"


def test_a_missing_page_says_so_in_vietnamese(client, db) -> None:
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404 and "Không tìm thấy trang" in response.content.decode()


def test_a_server_error_page_is_vietnamese_and_the_api_gets_json(db) -> None:
    factory = RequestFactory()
    try:
        raise ValueError("lỗi thử")
    except ValueError:
        page = server_error(factory.get("/bao-cao/"))
        api = server_error(factory.get("/api/v1/units"))
    assert page.status_code == 500 and "Đã có lỗi ở máy chủ" in page.content.decode()
    assert api.status_code == 500 and api["Content-Type"] == "application/json"


UNREACHABLE = "postgres://postgres@127.0.0.1:9/mattran"  # nothing listens on port 9


def test_a_page_and_the_api_say_in_one_line_that_the_database_is_unreachable(tmp_path) -> None:
    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='mattran.settings'; django.setup();"
        "from django.test import Client; c = Client(raise_request_exception=False);"
        "r = c.get('/quy/cong-khai/'); print(r.status_code); print(r.content.decode());"
        "a = c.get('/api/v1/units', HTTP_AUTHORIZATION='Bearer mt_x'); print(a.status_code); print(a.content.decode())"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**clean, "DATABASE_URL": UNREACHABLE, "DEBUG": "0", "SECRET_KEY": "x" * 50, "MATTRAN_HTTPS": "0",
             "ALLOWED_HOSTS": "testserver", "MATTRAN_VAR_DIR": str(tmp_path)},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    out = result.stdout
    assert out.splitlines()[0] == "503", out[:500] + result.stderr[-2000:]
    assert "Không kết nối được cơ sở dữ liệu" in out and "Traceback" not in out
    assert '"error": "unavailable"' in out
    assert "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if "Database unreachable" in line]) == 2


def test_a_command_says_in_one_line_that_the_database_is_unreachable(tmp_path) -> None:
    result = _run(["migrate"], {"DATABASE_URL": UNREACHABLE, "DEBUG": "1", "MATTRAN_VAR_DIR": str(tmp_path)})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert (
        len(lines) == 1
        and "không kết nối được cơ sở dữ liệu postgres://postgres@127.0.0.1:9/mattran" in lines[0]
    )
