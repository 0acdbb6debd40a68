"""Drop repeated keys from scripts/i18n_en.py after a union merge (the first translation stays)."""

import ast
import sys
from pathlib import Path

path = Path(__file__).with_name("i18n_en.py")
source = path.read_text(encoding="utf-8")
tree = ast.parse(source)
drop: list[tuple[int, int]] = []
for node in ast.walk(tree):
    if isinstance(node, ast.Dict):
        seen: set[object] = set()
        for key, value in zip(node.keys, node.values, strict=True):
            if not isinstance(key, ast.Constant):
                continue
            if key.value in seen:
                drop.append((key.lineno, value.end_lineno or value.lineno))
            seen.add(key.value)
lines = source.splitlines(keepends=True)
for start, end in sorted(drop, reverse=True):
    del lines[start - 1 : end]
path.write_text("".join(lines), encoding="utf-8")
print(f"{len(drop)} repeated keys dropped", file=sys.stderr)
