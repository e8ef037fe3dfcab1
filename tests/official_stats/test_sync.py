"""`sync_statistics` against the fake PxWeb server, with the real contract scaled down."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterator

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from fakepxweb import NEW_CODES, OLD_CODES, FakeClock, FakePxWebServer, faults, make_12r5_table
from fakepxweb.tables import area_codes_12r5

from seuraamo.core.events import JsonLinesFormatter
from seuraamo.official_stats.models import Observation, StatTable, SyncRun, TableVariable
from seuraamo.official_stats.pxweb import PxWebClient, SlidingWindowLimiter
from seuraamo.official_stats.registry import KYMENLAAKSO_AREAS
from seuraamo.official_stats.services.sync import SyncError, sync_table

from .conftest import stored

pytestmark = pytest.mark.django_db

TABLE = "tyonv/12r5"
#: 11 Kymenlaakso areas + 40 others = 51 areas; x 12 months x 23 codes = 14 076 cells.
AREAS = (
    list(KYMENLAAKSO_AREAS)
    + [
        code
        for code in area_codes_12r5()
        if code.startswith("KU") and code not in KYMENLAAKSO_AREAS
    ][:40]
)
#: Three months of all 51 areas: time chunks of 3 months reach the lower bound of 4 queries.
MAX_CELLS = 51 * 23 * 3
MAX_CALLS, WINDOW = 3, 10.0

StartServer = Callable[..., FakePxWebServer]


def start(fake_pxweb: StartServer, clock: FakeClock, **table_options: object) -> FakePxWebServer:
    table = make_12r5_table(12, start="2026M01", areas=AREAS, **table_options)
    return fake_pxweb(
        table, max_cells=MAX_CELLS, max_calls=MAX_CALLS, time_window=WINDOW, clock=clock
    )


_limiters: dict[int, SlidingWindowLimiter] = {}


def client_for(server: FakePxWebServer, clock: FakeClock) -> PxWebClient:
    """A client on the fake clock; clients of one clock share one limiter, like the process-wide
    limiter per host that the real clients share."""
    limiter = _limiters.get(id(clock))
    if limiter is None or limiter.clock is not clock:
        limiter = _limiters[id(clock)] = SlidingWindowLimiter(
            MAX_CALLS, WINDOW, clock=clock, sleep=clock.sleep
        )
    return PxWebClient(server.base_url, timeout=5, limiter=limiter, sleep=clock.sleep)


def test_national_sync_uses_the_fewest_calls_and_never_hits_429(fake_pxweb: StartServer) -> None:
    clock = FakeClock()
    server = start(fake_pxweb, clock)
    result = sync_table(client=client_for(server, clock), table_id=TABLE, areas_option="all")
    run = result.run
    assert result.minimum_queries == 4  # ceil(14 076 / 3 519)
    assert result.queries == result.minimum_queries == len(server.data_requests())
    assert 429 not in server.statuses()
    assert server.max_calls_in_any_window() <= MAX_CALLS
    # config + metadata (fi) + 4 data queries + metadata in sv and en
    assert run.calls == len(server.requests) == 8
    assert (run.cells, run.inserted, run.changed) == (14076, 14076, 0)
    table = server.tables[TABLE]
    rows = stored(TABLE)
    for area in ("MK08", "KU285", AREAS[-1]):
        for code in ("TYOTTOMATLOPUSSA", "TYOVOIMATK", "TYOTTOMAT20"):
            expected = table.value_of(
                {"Alue": area, "timeperiod_m": "2026M07", "contentscode": code}
            )
            value, status = rows[(area, "2026M07", code)]
            assert value == expected
            assert status == ("..." if expected is None else "")
    assert StatTable.objects.get(table_id=TABLE).last_synced_at is not None


def test_second_run_refetches_the_last_months_and_writes_nothing(fake_pxweb: StartServer) -> None:
    clock = FakeClock()
    server = start(fake_pxweb, clock)
    first = sync_table(client=client_for(server, clock), table_id=TABLE)
    assert first.run.inserted == len(KYMENLAAKSO_AREAS) * 12 * 23
    second = sync_table(client=client_for(server, clock), table_id=TABLE)
    assert second.since == "2026M09"  # latest stored 2026M12 minus 3 months
    assert (second.run.inserted, second.run.changed) == (0, 0)
    assert second.run.unchanged == second.run.cells == len(KYMENLAAKSO_AREAS) * 4 * 23
    assert 429 not in server.statuses()


def test_revised_values_are_changed_with_revisions(fake_pxweb: StartServer) -> None:
    clock = FakeClock()
    server = start(fake_pxweb, clock)
    sync_table(client=client_for(server, clock), table_id=TABLE)
    original = server.tables[TABLE]
    server.add_table(
        make_12r5_table(
            12, start="2026M01", areas=AREAS,
            cell=lambda p: 1 if (p[1], p[2]) == (11, 1) else original.cell(p),
        )
    )  # fmt: skip
    result = sync_table(client=client_for(server, clock), table_id=TABLE)
    assert result.run.changed == len(KYMENLAAKSO_AREAS)  # 2026M12 unemployed of every area
    assert stored(TABLE)[("MK08", "2026M12", "TYOTTOMATLOPUSSA")] == (1.0, "")


def test_a_503_in_the_middle_leaves_the_previous_data_untouched(fake_pxweb: StartServer) -> None:
    clock = FakeClock()
    server = start(fake_pxweb, clock)
    sync_table(client=client_for(server, clock), table_id=TABLE, areas_option="all")
    before = stored(TABLE)
    server.add_table(make_12r5_table(12, start="2026M01", areas=AREAS, cell=lambda p: 7))
    posts: list[int] = []

    def second_query_onwards(request: object) -> bool:
        if getattr(request, "method", "") != "POST":
            return False
        posts.append(1)
        return len(posts) >= 2

    server.add_fault(faults.status(503), when=second_query_onwards)
    with pytest.raises(SyncError, match="503"):
        sync_table(client=client_for(server, clock), table_id=TABLE, areas_option="all",
                   since="2026M01")  # fmt: skip
    assert stored(TABLE) == before
    failed = SyncRun.objects.filter(table__table_id=TABLE).order_by("-id").first()
    assert "503" in failed.error and failed.inserted == failed.changed == 0
    assert failed.calls > 0


def test_old_and_new_variable_codes_both_work(fake_pxweb: StartServer) -> None:
    clock = FakeClock()
    old = fake_pxweb(
        make_12r5_table(12, start="2026M01", areas=AREAS, codes=OLD_CODES),
        max_cells=MAX_CELLS, max_calls=MAX_CALLS, time_window=WINDOW, clock=clock,
    )  # fmt: skip
    first = sync_table(client=client_for(old, clock), table_id=TABLE)
    assert first.run.inserted > 0
    codes = set(TableVariable.objects.filter(table__table_id=TABLE).values_list("code", flat=True))
    assert codes == {"Alue", "Kuukausi", "Tiedot"}
    new = start(fake_pxweb, clock, codes=NEW_CODES)
    second = sync_table(client=client_for(new, clock), table_id=TABLE)
    assert (second.run.inserted, second.run.changed) == (0, 0)
    codes = set(TableVariable.objects.filter(table__table_id=TABLE).values_list("code", flat=True))
    assert codes == {"Alue", "timeperiod_m", "contentscode"}


def test_an_answer_whose_variables_changed_is_refused(fake_pxweb: StartServer) -> None:
    clock = FakeClock()
    server = start(fake_pxweb, clock)
    server.add_fault(
        faults.renamed_codes({"timeperiod_m": "Kuukausi"}),
        when=lambda request: request.method == "POST",
    )
    with pytest.raises(SyncError, match="changed"):
        sync_table(client=client_for(server, clock), table_id=TABLE)
    assert Observation.objects.count() == 0


def test_the_first_sync_after_a_gap_fetches_from_the_gap(fake_pxweb: StartServer) -> None:
    clock = FakeClock()
    server = start(fake_pxweb, clock)
    sync_table(client=client_for(server, clock), table_id=TABLE, since="2026M01")
    Observation.objects.filter(period__in=["2026M03", "2026M04"]).delete()
    result = sync_table(client=client_for(server, clock), table_id=TABLE)
    assert result.since == "2026M03"
    assert result.run.inserted == 2 * len(KYMENLAAKSO_AREAS) * 23


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_command_summarises_each_table_and_shows_progress_only_on_a_terminal(
    fake_pxweb: StartServer,
) -> None:
    server = fake_pxweb(make_12r5_table(12, start="2026M01", areas=AREAS))
    out = io.StringIO()
    call_command("sync_statistics", "--base-url", server.base_url, "--table", TABLE, stdout=out)
    text = out.getvalue()
    assert "\r" not in text
    assert f"{TABLE} since the start: 5 calls (1 data queries, minimum 1)" in text
    assert "3036 cells, 3036 inserted, 0 changed, 0 unchanged" in text
    terminal = Terminal()
    call_command(
        "sync_statistics", "--base-url", server.base_url, "--table", TABLE, stdout=terminal
    )
    assert "\r" in terminal.getvalue() and "query 1/1" in terminal.getvalue()
    assert "0 inserted, 0 changed" in terminal.getvalue()


def test_command_fails_with_the_library_message(fake_pxweb: StartServer) -> None:
    server = fake_pxweb(make_12r5_table(12, start="2026M01", areas=AREAS))
    server.add_fault(faults.status(400, body="Bad Request"), when=lambda r: r.method == "POST")
    with pytest.raises(CommandError) as caught:
        call_command("sync_statistics", "--base-url", server.base_url, "--table", TABLE,
                     stdout=io.StringIO())  # fmt: skip
    message = str(caught.value)
    assert "sync failed, previous data kept" in message and "400" in message
    assert Observation.objects.count() == 0


def test_command_rejects_a_bad_since() -> None:
    with pytest.raises(CommandError, match="not a period"):
        call_command("sync_statistics", "--since", "June", stdout=io.StringIO())


@pytest.fixture
def event_lines() -> Iterator[io.StringIO]:
    """What the `seuraamo.events` logger writes, through the handler's formatter in the settings."""
    logger = logging.getLogger("seuraamo.events")
    (configured,) = [h for h in logger.handlers if isinstance(h.formatter, JsonLinesFormatter)]
    lines = io.StringIO()
    handler = logging.StreamHandler(lines)
    handler.setFormatter(configured.formatter)
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)


def test_each_table_sync_is_logged_as_one_json_line(
    fake_pxweb: StartServer, event_lines: io.StringIO
) -> None:
    server = fake_pxweb(make_12r5_table(12, start="2026M01", areas=AREAS))
    call_command(
        "sync_statistics", "--base-url", server.base_url, "--table", TABLE, stdout=io.StringIO()
    )
    server.add_fault(faults.status(400, body="Bad Request"), when=lambda r: r.method == "POST")
    with pytest.raises(CommandError):
        call_command("sync_statistics", "--base-url", server.base_url, "--table", TABLE,
                     "--since", "2026M01", stdout=io.StringIO())  # fmt: skip
    lines = [json.loads(line) for line in event_lines.getvalue().splitlines()]
    synced, failed = lines
    assert synced["event"] == "statistics_sync_table" and synced["level"] == "info"
    assert (synced["table"], synced["cells"], synced["inserted"]) == (TABLE, 3036, 3036)
    assert synced["calls"] == 5 and synced["time"].endswith("+00:00")
    assert failed["event"] == "statistics_sync_failed" and failed["level"] == "error"
    assert failed["table"] == TABLE and "400" in failed["error"]
