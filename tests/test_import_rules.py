"""The one direction data flows (docs/architecture.md, "Apps and the one direction"): each app
imports only the apps below it. Read from the source, module-level imports and those inside
functions alike, so a new import against the rule fails here naming the file and line."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import seuraamo

PACKAGE = Path(seuraamo.__file__).parent

#: The apps each app may import besides itself. `config` and `installation` wire everything
#: together and may import any app; the API serves the selectors of the apps below it.
MAY_IMPORT: dict[str, set[str]] = {
    "core": set(),
    "areas": {"core"},
    "organisations": {"core", "areas"},
    "accounts": {"core", "organisations"},
    "official_stats": {"core", "areas", "accounts"},
    "publications": {"core", "areas", "accounts", "official_stats"},
    "programmes": {"core", "areas", "organisations", "accounts", "official_stats"},
    "follow_up": {"core", "areas", "organisations", "accounts", "programmes", "official_stats"},
    "catalogue": {"core", "areas", "organisations", "accounts", "programmes"},
    "situation": {"core", "areas", "official_stats", "publications"},
    "api": {"core", "areas", "official_stats", "publications", "catalogue"},
}
#: Wiring: may import every app.
WIRING = {"config", "installation"}
#: The plain-Python libraries (folder → what of the project they may import): no Django, nothing
#: of the project outside themselves, except that the PxWeb library sends through the transport
#: and reads periods.
LIBRARIES = {
    "official_stats/pxweb/": (
        "seuraamo.official_stats.pxweb",
        "seuraamo.transport",
        "seuraamo.periods",
    ),
    "transport/": ("seuraamo.transport",),
    "periods/": ("seuraamo.periods",),
}
#: The one HTTP transport and the period type, plain-Python packages and no apps: every app may
#: import them.
SHARED = {"cli", "transport", "periods"}


def imported_modules(source: str) -> list[tuple[int, str]]:
    """Each absolute import of the source with its line, wherever it stands."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


def _library_breaks(module: str, allowed: tuple[str, ...]) -> bool:
    top = module.split(".")[0]
    return top == "django" or (top == "seuraamo" and not module.startswith(allowed))


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "seuraamo" and len(parts) > 1 else None


def forbidden_imports(package: Path = PACKAGE) -> list[str]:
    """'file:line: app imports module' for every import the rules forbid. Migrations are history
    and are left out."""
    wrong = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        if len(relative.parts) < 2 or "migrations" in relative.parts:
            continue
        app = relative.parts[0]
        if app in WIRING:
            continue
        library = next((lib for lib in LIBRARIES if str(relative).startswith(lib)), None)
        assert library or app in MAY_IMPORT, f"{relative}: the app {app!r} has no import rule here"
        for line, module in imported_modules(path.read_text(encoding="utf-8")):
            target = _app_of(module)
            if library and _library_breaks(module, LIBRARIES[library]):
                wrong.append(
                    f"seuraamo/{relative}:{line}: the plain-Python library imports {module}"
                )
            elif library:
                continue
            elif target not in (None, app) and target not in MAY_IMPORT[app] | SHARED:
                wrong.append(f"seuraamo/{relative}:{line}: {app} imports {module}")
    return wrong


def test_every_import_follows_the_one_direction() -> None:
    assert forbidden_imports() == []


def model_queries_in_views(package: Path = PACKAGE) -> list[str]:
    """'file:line' of every `Model.objects` in a views module: a page reads through selectors."""
    found = []
    for path in sorted(package.rglob("*views*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "objects":
                found.append(f"seuraamo/{path.relative_to(package)}:{node.lineno}")
    return found


def test_no_view_queries_a_model() -> None:
    assert model_queries_in_views() == []


def test_a_model_query_in_a_view_is_named(tmp_path: Path) -> None:
    views = tmp_path / "catalogue" / "views.py"
    views.parent.mkdir()
    views.write_text("def page(request):\n    return Service.objects.all()\n")
    assert model_queries_in_views(tmp_path) == ["seuraamo/catalogue/views.py:2"]


def test_a_forbidden_import_is_named_with_its_file_and_line(tmp_path: Path) -> None:
    """The test of the test: a copy of the package with one import against the rules, one inside
    a function, a Django import in the PxWeb library and an app's import in the transport and in
    the periods."""
    copy = tmp_path / "seuraamo"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.json", "*.gz"))
    roles = copy / "accounts" / "roles.py"
    roles.write_text(
        roles.read_text() + "\n\ndef late():\n    from seuraamo.programmes.models import Goal\n"
    )
    line = len(roles.read_text().splitlines())
    core = copy / "core" / "formatting.py"
    core.write_text("import seuraamo.situation.charts\n" + core.read_text())
    library = copy / "official_stats" / "pxweb" / "cube.py"
    library.write_text("from django.conf import settings\n" + library.read_text())
    periods = copy / "periods" / "names.py"
    periods.write_text("from seuraamo.core import formatting\n" + periods.read_text())
    transport = copy / "transport" / "http.py"
    transport.write_text("from seuraamo.core import events\n" + transport.read_text())
    assert forbidden_imports(copy) == [
        f"seuraamo/accounts/roles.py:{line}: accounts imports seuraamo.programmes.models",
        "seuraamo/core/formatting.py:1: core imports seuraamo.situation.charts",
        "seuraamo/official_stats/pxweb/cube.py:1: the plain-Python library imports django.conf",
        "seuraamo/periods/names.py:1: the plain-Python library imports seuraamo.core",
        "seuraamo/transport/http.py:1: the plain-Python library imports seuraamo.core",
    ]
