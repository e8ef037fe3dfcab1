"""Shared fixtures: a Chromium browser for page tests (Debian's /usr/bin/chromium through Playwright)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.browser_pages import BrowserPages

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_setup",
    "live_server",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-only",
        action="store_true",
        help="run only the tests that use the database (the rest does not depend on it)",
    )


#: Fixtures that keep data loaded for a whole module or package (see `loaded_once`), by scope.
LOADED_ONCE_FIXTURES = {
    "catalogue_for_the_module": "module",
    "pseudo_site_for_the_module": "module",
    "codes_site_for_the_module": "module",
    "statistics_snapshot": "package",
}


#: Modules whose tests take longest (10 s or more a pass, measured on two cores), longest first.
#: They start first, so that at the end of a pass both workers finish short tests together instead
#: of one waiting for the other's 40-second test. Only a matter of time: a module missing here, or
#: listed and gone, changes no outcome.
LONG_MODULES = (
    "tests/test_axe_and_width.py",
    "tests/follow_up/test_browser_privacy.py",
    "tests/operations/test_two_servers.py",
    "tests/security/test_permission_matrix.py",
    "tests/follow_up/test_publication_property.py",
    "tests/situation/test_browser_offline.py",
    "tests/config/test_production_stack.py",
    "tests/situation/test_browser.py",
    "tests/official_stats/test_writes_during_revert.py",
    "tests/catalogue/test_guide_served.py",
    "tests/follow_up/test_browser.py",
    "tests/situation/test_downloads.py",
    "tests/catalogue/test_browser.py",
    "tests/official_stats/test_data_status_browser.py",
    "tests/config/test_shared_cache.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    refuse_modules_mixing_module_data(items)
    if config.getoption("--database-only"):
        keep_database_tests_only(config, items)
    start_long_modules_first(items)
    check_shared_data_groups(items)


def django_order(item: pytest.Item) -> int:
    """pytest-django's order (its hook has sorted the items by it): database tests, then
    transactional ones (their flush removes what the migrations seeded), then the rest."""
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    transactional = bool(
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    )
    if transactional or fixtures & {"transactional_db", "live_server"}:
        return 1
    return 0 if marker or "db" in fixtures else 2


#: The modules and packages whose tests share data loaded once for them (a fixture of module or
#: package scope: the statistics snapshot, the catalogue seed, a started server). Their tests go
#: to one worker together (`SharedDataScheduling`); handed out one at a time, each worker would
#: load the same data again. Checked against the fixtures at collection (`check_shared_data_groups`).
SHARED_DATA_GROUPS = (
    "tests/snapshot",
    "tests/official_stats/test_snapshot.py",
    "tests/catalogue/test_pages.py",
    "tests/catalogue/test_guide.py",
    "tests/catalogue/test_hsds.py",
    "tests/catalogue/test_languages_and_eligibility.py",
    "tests/catalogue/test_seed_reachable.py",
    "tests/catalogue/test_admin.py",
    "tests/catalogue/test_internal_notes.py",
    "tests/catalogue/test_service_system_links.py",
    "tests/catalogue/test_map.py",
    "tests/catalogue/test_guide_personas.py",
    "tests/config/test_production_stack.py",
    "tests/config/test_shared_cache.py",
    "tests/operations/test_two_servers.py",
    "tests/test_no_codes.py",
    "tests/test_pseudo_locale.py",
)


def shared_data_group(nodeid: str) -> str | None:
    module = nodeid.split("::")[0]
    package = module.rsplit("/", 1)[0]
    return next((group for group in (module, package) if group in SHARED_DATA_GROUPS), None)


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """xdist's load scheduling by scopes, in the collection order (Django's), each test its own
    scope except the shared-data groups. (xdist's own `loadgroup` marks no longer reach the
    scheduler under pytest 9, whose node ids it cannot extend.)"""
    from xdist.scheduler import LoadScopeScheduling

    class SharedDataScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return shared_data_group(nodeid) or nodeid

    config.option.loadscopereorder = False
    return SharedDataScheduling(config, log)


def check_shared_data_groups(items: list[pytest.Item]) -> None:
    for item in items:
        scope = shared_scope(item)
        if scope and shared_data_group(item.nodeid) != scope:
            raise pytest.UsageError(
                f"{item.nodeid} shares data loaded once for {scope}: add it to SHARED_DATA_GROUPS "
                "in tests/conftest.py"
            )


def shared_scope(item: pytest.Item) -> str | None:
    module = item.nodeid.split("::")[0]
    for name in item.fixturenames:
        definitions = item._fixtureinfo.name2fixturedefs.get(name)  # type: ignore[attr-defined]
        if definitions and definitions[-1].scope in ("module", "package"):
            return module if definitions[-1].scope == "module" else module.rsplit("/", 1)[0]
    return None


def start_long_modules_first(items: list[pytest.Item]) -> None:
    """The workers take one test (or one shared-data group) at a time in this order, each its
    tests in Django's order; within each part of it the long modules go first, and the long ones without
    Django's test database (real servers on a database of their own) before everything."""
    orders = [django_order(item) for item in items]
    if orders != sorted(orders):
        raise pytest.UsageError("tests/conftest.py: django_order() no longer follows pytest-django")
    rank = {module: position for position, module in enumerate(LONG_MODULES)}

    def key(item: pytest.Item) -> tuple[bool, int, int]:
        order, position = django_order(item), rank.get(item.nodeid.split("::")[0], len(rank))
        return not (order == 2 and position < len(rank)), order, position

    items.sort(key=key)


def uses_database(item: pytest.Item) -> bool:
    marked = item.get_closest_marker("django_db") or item.get_closest_marker("uses_database")
    return bool(marked or DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def loaded_once_group(item: pytest.Item) -> str | None:
    """The module or package whose loaded-once data the test uses, if it uses any."""
    module = item.nodeid.split("::")[0]
    for fixture, scope in LOADED_ONCE_FIXTURES.items():
        if fixture in item.fixturenames:
            return module if scope == "module" else module.rsplit("/", 1)[0]
    return None


def refuse_modules_mixing_module_data(items: list[pytest.Item]) -> None:
    """Data loaded once for a module or package stays until its last test: a database test there
    that does not ask for it would see it or not depending on the order the tests ran."""
    groups = {group for item in items if (group := loaded_once_group(item))}
    for item in items:
        module = item.nodeid.split("::")[0]
        clash = groups & {module, module.rsplit("/", 1)[0]}
        if clash and uses_database(item) and loaded_once_group(item) is None:
            raise pytest.UsageError(
                f"{item.nodeid}: a database test without the data loaded once for "
                f"{clash.pop()} would share its transaction; give it the fixture or move it"
            )


def keep_database_tests_only(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On the second database the database-free tests (parsers, the PxWeb library) would only
    repeat themselves: `--database-only` leaves them out."""
    kept, skipped = [], []
    for item in items:
        (kept if uses_database(item) else skipped).append(item)
    config.hook.pytest_deselected(items=skipped)
    items[:] = kept


def pytest_report_header(config: pytest.Config) -> list[str]:
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    version = subprocess.run(
        [CHROMIUM, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return [f"database: {engine}", f"browser tests: {version or 'Chromium missing'} ({CHROMIUM})"]


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues() -> None:
    """The .mo files are not in git: compile them once, then make Django reload its catalogues."""
    from django.conf import settings
    from django.core.management import call_command
    from django.test.signals import setting_changed

    call_command("compile_catalogues", verbosity=0)
    setting_changed.send(
        sender=type(settings), setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False
    )


@pytest.fixture(scope="session", autouse=True)
def data_dir_of_this_worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Each test process gets a data folder of its own: the sync lock lives there, and two xdist
    workers syncing at once would otherwise refuse each other ("another sync has been running").
    Its static folder is empty and its own too: WhiteNoise wants one to exist, and reads every
    file in it each time a test client starts (the checkout's var/static, filled by `make run`,
    cost about 40 s of processor time per test process)."""
    from django.test import override_settings

    data_dir = tmp_path_factory.mktemp("data")
    (data_dir / "static").mkdir()
    with override_settings(DATA_DIR=data_dir, STATIC_ROOT=data_dir / "static"):
        yield


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing() -> Iterator[None]:
    """Argon2 is slow on purpose (a tenth of a second and 100 MiB a hash), and the tests create and
    sign in hundreds of users. tests/follow_up/test_accounts.py checks the project's own hashers."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


def run_once_under_lock(
    lock: Path,
    done: Path,
    command: list[str],
    environment: dict[str, str],
    finish: Callable[[], None] = lambda: None,
) -> None:
    """Run a `seuraamo` command (then ``finish``) once for every test process of the run: the
    first process to take the lock runs it, the others wait and find ``done`` there."""
    import fcntl
    import sys

    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        if not done.exists():
            subprocess.run(
                [sys.executable, "-m", "seuraamo.cli", *command], env=environment, check=True
            )
            finish()


def migrations_digest() -> str:
    """A short digest of every migration file of the project and its installed apps' versions."""
    import seuraamo

    digest = hashlib.sha256()
    for path in sorted(Path(seuraamo.__file__).parent.glob("*/migrations/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    for requirements in ("requirements.lock",):
        digest.update((Path(__file__).resolve().parents[1] / requirements).read_bytes())
    return digest.hexdigest()[:12]


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], str]:
    """A SQLite file migrated once for every test process of the run (each migration run takes
    seconds of processor time); the tests that start real processes get a copy of their own:
    `fresh = migrated_sqlite(tmp_path / "db.sqlite3")` copies it there and returns its URL."""
    shared = tmp_path_factory.getbasetemp().parent
    # Named after the migrations: without xdist the folder outlives the run, and a template
    # migrated before a new migration must not be reused.
    version = migrations_digest()
    template = shared / f"migrated-{version}.sqlite3"
    partial = shared / f"migrating-{version}.sqlite3"
    environment = {
        **os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{partial}",
        "DATA_DIR": str(shared / "migrate-data"),
    }  # fmt: skip
    run_once_under_lock(
        shared / f"migrated-{version}.lock", template, ["migrate", "--noinput", "-v0"], environment,
        finish=lambda: partial.rename(template),
    )  # fmt: skip

    def copy_to(path: Path) -> str:
        shutil.copyfile(template, path)
        return f"sqlite:///{path}"

    return copy_to


@pytest.fixture(scope="session")
def collected_static() -> Path:
    """Static files collected (compressed, hashed) once for every test process, and kept in var/
    for the next run while the sources stay the same: the tests that start real servers point
    STATIC_ROOT here. Compressing them takes about 30 s of processor time."""
    from django.conf import settings

    cache = Path(settings.PROJECT_DIR) / "var" / "test-static"
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / static_sources_digest()
    for older in cache.iterdir():
        if older.is_dir() and older.name not in {target.name, "data"}:
            shutil.rmtree(older, ignore_errors=True)  # collected from older sources
    environment = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    environment.update(
        {"SECRET_KEY": "collectstatic-in-tests", "DATA_DIR": str(cache / "data"),
         "STATIC_ROOT": str(target)}
    )  # fmt: skip
    run_once_under_lock(
        cache / "collect.lock", target / "staticfiles.json",
        ["collectstatic", "--noinput", "-v0"], environment,
    )  # fmt: skip
    return target


def static_sources_digest() -> str:
    """A digest of every file collectstatic would collect, and of the installed packages."""
    from importlib.metadata import version

    from django.contrib.staticfiles import finders

    digest = hashlib.sha256(
        f"django {version('django')} whitenoise {version('whitenoise')}".encode()
    )
    for finder in finders.get_finders():
        for path, storage in sorted(finder.list([]), key=lambda found: found[0]):
            digest.update(path.encode())
            digest.update(Path(storage.path(path)).read_bytes())
    return digest.hexdigest()[:16]


def loaded_once(
    django_db_blocker: pytest.DjangoDbBlocker, load: Callable[[], None]
) -> Iterator[None]:
    """For a module- or package-scoped fixture: data loaded once and rolled back after the last
    test. Loading takes seconds; the tests each run in a savepoint inside this transaction, so what
    one test writes is gone before the next one starts. Only for tests that use `db`, not
    `transactional_db` or a live server."""
    from django.db import connection, transaction

    with django_db_blocker.unblock(), transaction.atomic():
        load()
        check_deferred_constraints_now(connection)
        yield
        transaction.set_rollback(True)


def check_deferred_constraints_now(connection: object) -> None:
    """On PostgreSQL the foreign keys of the loaded rows are checked at commit. Each test's teardown
    asks for those checks (SET CONSTRAINTS ALL IMMEDIATE) inside its savepoint, which the rollback
    then undoes, so the pending checks of every loaded row would run again after every test
    (about 6 s for the snapshot).
    Running them once here, outside the tests' savepoints, leaves none pending."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@pytest.fixture(autouse=True)
def empty_page_cache() -> Iterator[None]:
    """Pages are cached per data version, and ids repeat between tests: each test starts empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def live_site(live_server: object, transactional_db: None) -> str:
    """The address of Django's live server, over the test database: a browser test builds its data
    with the ORM first, and the database is emptied after the test (a live server's requests run
    in other threads, outside the test's transaction)."""
    return live_server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    # Playwright's sync API runs an event loop; Django must allow sync DB calls from the test thread.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def browser_pages(browser: object) -> BrowserPages:
    return BrowserPages(browser)


@pytest.fixture
def open_page(browser_pages: BrowserPages) -> Iterator[Callable[..., object]]:
    """`open_page(**context_options)`: a page of its own for this test, in a context made with
    Playwright's `new_context` options (locale, viewport, java_script_enabled, …)."""
    yield browser_pages.open
    browser_pages.take_back()


@pytest.fixture
def page(open_page: Callable[..., object]) -> object:
    return open_page(locale="fi-FI")
