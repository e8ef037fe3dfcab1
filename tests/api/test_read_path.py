"""One read path for statistics (issue 21): the API checks parameters, asks the statistics
selectors and formats. It reads no model, and takes from `official_stats` only its selectors and
the plain-Python PxWeb library (periods to check parameters, the json-stat writer to format)."""

from __future__ import annotations

import ast
from pathlib import Path

import seuraamo.api

API = Path(seuraamo.api.__file__).parent
ALLOWED = {
    "seuraamo.official_stats.selectors",
    "seuraamo.periods",
    "seuraamo.official_stats.pxweb.writer",
}


def imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            # A name imported from a package may be a module of it: check the full name.
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


def test_the_api_reads_statistics_only_through_the_selectors() -> None:
    wrong = []
    for path in sorted(API.rglob("*.py")):
        for line, module in imports(path):
            statistics = module.startswith("seuraamo.official_stats")
            if (statistics and not any(module.startswith(ok) for ok in ALLOWED)) or (
                module.endswith(".models") or ".models." in module
            ):
                wrong.append(f"{path.relative_to(API.parent.parent)}:{line}: {module}")
    assert wrong == []


def test_the_api_queries_no_model() -> None:
    found = [
        f"{path.name}:{n}"
        for path in sorted(API.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ".objects" in line
    ]
    assert found == []
