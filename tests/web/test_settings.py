"""Settings come from the environment; production refuses the default secret key."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile


def run_settings(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    # a var/ of its own: a var/secret_key left by `make run` must not hide the refusal
    clean["MATTRAN_VAR_DIR"] = tempfile.mkdtemp(prefix="mattran-settings-")
    return subprocess.run(
        [sys.executable, "-c", "import mattran.settings as s; print(s.DATABASES['default']['ENGINE'])"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_refuses_to_start_on_the_default_secret_key_when_debug_is_off():
    result = run_settings({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_starts_with_a_real_secret_key_and_reads_database_url():
    result = run_settings(
        {"DEBUG": "0", "SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://u@127.0.0.1:5432/db"}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_it_defaults_to_embedded_sqlite_in_debug():
    result = run_settings({"DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_it_reads_the_secret_key_kept_by_make_run(tmp_path):
    (tmp_path / "secret_key").write_text("k" * 50 + "\n")
    result = subprocess.run(
        [sys.executable, "-c", "import mattran.settings as s; print(s.SECRET_KEY)"],
        env={**{k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}, "DEBUG": "0",
             "MATTRAN_VAR_DIR": str(tmp_path)},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "k" * 50
