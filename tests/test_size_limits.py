"""Size limits of the coder (issue 16): no function over 60 lines, no module over 400 lines,
the orchestrator (coding/coder.py) at most 120 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import chronique

ROOT = Path(chronique.__file__).resolve().parent
CODER = ["pipeline.py", "dates.py", "build.py", "coding", "events", "actors", "places"]
MAX_FUNCTION, MAX_MODULE, MAX_ORCHESTRATOR = 60, 400, 120


def modules() -> list[Path]:
    out: list[Path] = []
    for name in CODER:
        path = ROOT / name
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return out


def test_no_module_over_the_limit() -> None:
    long = {p.relative_to(ROOT).as_posix(): n for p in modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE}
    assert not long, f"modules over {MAX_MODULE} lines: {long}"


def test_no_function_over_the_limit() -> None:
    long = {}
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                span = node.end_lineno - node.lineno + 1
                if span > MAX_FUNCTION:
                    long[f"{path.relative_to(ROOT).as_posix()}: {node.name}"] = span
    assert not long, f"functions over {MAX_FUNCTION} lines: {long}"


def test_the_orchestrator_only_wires() -> None:
    lines = len((ROOT / "coding" / "coder.py").read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_ORCHESTRATOR
