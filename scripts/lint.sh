#!/usr/bin/env bash
# `make lint`: ruff (lint and format), the layers of docs/architecture.md (import-linter) and mypy.
# mypy's list of modules not yet clean (pyproject.toml) may only shrink: a listed module that has become
# clean is reported, so it leaves the list for good.
set -uo pipefail
cd "$(dirname "$0")/.."
V=.venv/bin
status=0
step() { echo "== $1"; shift; "$@" || status=1; }

step "ruff check" "$V/ruff" check .
step "ruff format --check" "$V/ruff" format --check .
step "import-linter (layers)" "$V/lint-imports" --no-cache
export DEBUG=1  # settings load without a SECRET_KEY for the django-stubs plugin
step "mypy" "$V/mypy"

echo "== mypy: modules listed as not yet clean"
listed=$("$V/python" - <<'PY'
import tomllib
cfg = tomllib.load(open("pyproject.toml", "rb"))
for o in cfg["tool"]["mypy"].get("overrides", []):
    if o.get("ignore_errors"):
        print("\n".join(o["module"]))
PY
)
if [ -n "$listed" ]; then
  tmp=$(mktemp -d)
  "$V/python" - "$tmp/pyproject.toml" <<'PY'
import re, sys
text = open("pyproject.toml").read()
# the same configuration without the list of modules whose errors are ignored
text = re.sub(r"\[\[tool\.mypy\.overrides\]\]\nmodule = \[[^\]]*\]\nignore_errors = true\n", "", text)
open(sys.argv[1], "w").write(text)
PY
  dirty=$("$V/mypy" --config-file "$tmp/pyproject.toml" --cache-dir "$tmp/cache" 2>/dev/null \
    | grep -o '^mattran/[^:]*\.py' | sed 's/\.py$//; s#/#.#g' | sort -u)
  rm -rf "$tmp"
  clean=$(comm -23 <(echo "$listed" | sort -u) <(echo "$dirty"))
  if [ -n "$clean" ]; then
    echo "These modules are clean now: remove them from [[tool.mypy.overrides]] in pyproject.toml:"
    echo "$clean" | sed 's/^/  /'
    status=1
  else
    echo "$(echo "$listed" | wc -l) modules still listed."
  fi
fi
exit $status
