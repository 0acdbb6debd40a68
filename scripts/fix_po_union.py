"""Repair a gettext catalogue after a union merge: an entry given two translations keeps the first."""

import sys
from pathlib import Path

for name in sys.argv[1:]:
    path = Path(name)
    out: list[str] = []
    in_msgstr = False
    skipping = False
    dropped = 0
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if skipping and line.startswith('"'):
            continue
        skipping = False
        if line.startswith("msgstr "):
            if in_msgstr:
                skipping = True
                dropped += 1
                continue
            in_msgstr = True
        elif not line.startswith('"'):
            in_msgstr = False
        out.append(line)
    path.write_text("".join(out), encoding="utf-8")
    print(f"{name}: {dropped} repeated translations dropped", file=sys.stderr)
