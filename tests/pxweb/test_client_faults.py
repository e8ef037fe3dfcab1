"""Retries, timeouts and broken answers: PxWebClient against an injected-fault fake server."""

from __future__ import annotations

import pytest

from seuraamo.official_stats.pxweb import (
    JsonStatError,
    PxWebClient,
    PxWebRequestError,
    TableChangedError,
)
from seuraamo.transport import parse_retry_after
from tests.fakepxweb import FakePxWebServer, faults, make_12r5_table

TABLE = "tyonv/12r5"
SELECTION = {"area": ["SSS", "MK08", "KU285"], "time": ["2009M02"]}


class Sleeps(list):
    """Records backoff sleeps instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def is_post(request) -> bool:
    return request.method == "POST"


def setup(fake_pxweb, **client_options) -> tuple[FakePxWebServer, PxWebClient, Sleeps]:
    server = fake_pxweb(make_12r5_table(months=3))
    sleeps = Sleeps()
    options = {"timeout": 5, "backoff_base": 0.5, "sleep": sleeps, **client_options}
    return server, PxWebClient(server.base_url, **options), sleeps


def posts(server: FakePxWebServer) -> list[int]:
    return [r.status for r in server.requests if r.method == "POST"]


def test_429_is_retried_after_retry_after_seconds(fake_pxweb) -> None:
    server, client, sleeps = setup(fake_pxweb)
    server.add_fault(faults.status(429, retry_after=7), when=is_post, times=1)
    cube = client.fetch(TABLE, SELECTION)
    assert cube.value({"area": "MK08", "content": "TYOTTOMATLOPUSSA"}) is not None
    assert sleeps == [7.0]
    assert posts(server) == [429, 200]


def test_503_then_success_with_exponential_backoff(fake_pxweb) -> None:
    server, client, sleeps = setup(fake_pxweb)
    server.add_fault(faults.status(503), when=is_post, times=2)
    client.fetch(TABLE, SELECTION)
    assert sleeps == [0.5, 1.0]
    assert posts(server) == [503, 503, 200]
    assert client.calls == len(server.requests)


def test_503_forever_raises_naming_table_query_and_status(fake_pxweb) -> None:
    server, client, sleeps = setup(fake_pxweb, max_attempts=3)
    server.add_fault(faults.status(503, retry_after=2), when=is_post)
    with pytest.raises(PxWebRequestError) as caught:
        client.fetch(TABLE, SELECTION)
    error = caught.value
    assert error.status == 503
    assert error.table_id == TABLE
    assert error.attempts == 3
    assert str(error).startswith(f"POST table {TABLE} failed after 3 attempts; last: HTTP 503")
    assert (
        "query: Alue=[SSS,MK08,KU285] timeperiod_m=[2009M02] contentscode=[HAKIJALOPUSSA.."
        in str(error)
    )
    assert posts(server) == [503, 503, 503]
    assert sleeps == [2.0, 2.0]


def test_timeout_is_retried_then_raised(fake_pxweb) -> None:
    server, client, sleeps = setup(fake_pxweb, timeout=0.2, max_attempts=2)
    server.add_fault(faults.slow(3), when=is_post)
    with pytest.raises(PxWebRequestError, match="failed after 2 attempts; last: timed out"):
        client.fetch(TABLE, SELECTION)
    assert len(posts(server)) == 2
    assert sleeps == [0.5]


def test_timeout_once_then_success(fake_pxweb) -> None:
    server, client, _ = setup(fake_pxweb, timeout=0.2)
    server.add_fault(faults.slow(3), when=is_post, times=1)
    assert len(client.fetch(TABLE, SELECTION)) == 3 * 23
    assert len(posts(server)) == 2


def test_truncated_body_gives_clear_error(fake_pxweb) -> None:
    server, client, _ = setup(fake_pxweb, max_attempts=2)
    server.add_fault(faults.truncated(), when=is_post)
    with pytest.raises(
        PxWebRequestError,
        match=r"last: response body truncated: received \d+ "
        r"of \d+ bytes",
    ):
        client.fetch(TABLE, SELECTION)


def test_truncated_once_recovers(fake_pxweb) -> None:
    server, client, _ = setup(fake_pxweb)
    server.add_fault(faults.truncated(), when=is_post, times=1)
    assert len(client.fetch(TABLE, SELECTION)) == 69


def test_malformed_jsonstat_raises_jsonstat_error(fake_pxweb) -> None:
    server, client, _ = setup(fake_pxweb)
    server.add_fault(faults.malformed_jsonstat(), when=is_post)
    with pytest.raises(JsonStatError) as caught:
        client.fetch(TABLE, SELECTION)
    assert str(caught.value) == (
        f"table {TABLE}: 'value' has 68 entries but the sizes [3, 1, 23] give 69 cells"
    )
    assert len(posts(server)) == 1


def test_data_with_renamed_codes_raises_table_changed(fake_pxweb) -> None:
    server, client, _ = setup(fake_pxweb)
    server.add_fault(faults.renamed_codes({"timeperiod_m": "Kuukausi"}), when=is_post)
    with pytest.raises(TableChangedError) as caught:
        client.fetch(TABLE, SELECTION)
    assert str(caught.value) == (
        f"table {TABLE}: the data answer has variables ['Alue', 'Kuukausi', 'contentscode'] but "
        "the metadata has ['Alue', 'timeperiod_m', 'contentscode']; the table changed (renamed "
        "codes?), re-read metadata"
    )


def test_metadata_with_old_codes_then_data_400_is_not_retried(fake_pxweb) -> None:
    server, client, _ = setup(fake_pxweb)
    old = {"timeperiod_m": "Kuukausi", "contentscode": "Tiedot"}
    server.add_fault(
        faults.renamed_codes(old), when=lambda r: r.path.endswith(".px") and r.method == "GET"
    )
    with pytest.raises(PxWebRequestError) as caught:
        client.fetch(TABLE, SELECTION)
    assert caught.value.status == 400
    assert "unknown variable 'Kuukausi'" in caught.value.body
    assert posts(server) == [400]


def test_403_and_404_are_not_retried(fake_pxweb) -> None:
    server, client, _ = setup(fake_pxweb)
    server.max_cells = 10
    with pytest.raises(PxWebRequestError, match="HTTP 403 forbidden") as caught:
        client.query(
            TABLE,
            {
                "Alue": ["SSS"],
                "timeperiod_m": ["2009M01"],
                "contentscode": [
                    "TYOTOSUUS",
                    "TYOTTOMAT20",
                    "HAKIJALOPUSSA",
                    "TYOVOIMATK",
                    "TYOTTOMATMIEHET",
                    "TYOTTOMAT25",
                    "TYOTTOMAT50",
                    "TYOTTOMATSAIR",
                    "KASSASSA",
                    "LOMAUTETTU",
                    "LYHTYOVKO",
                ],
            },
        )
    assert caught.value.body == "Forbidden: too many cells selected"
    with pytest.raises(PxWebRequestError) as caught:
        client.list_folder("nosuchfolder")
    assert caught.value.status == 404
    assert server.statuses() == [403, 404]


def test_unreachable_server_is_retried_then_raised(fake_pxweb) -> None:
    server, _, _ = setup(fake_pxweb)
    base = server.base_url
    server.stop()
    sleeps = Sleeps()
    client = PxWebClient(base, timeout=1, max_attempts=3, sleep=sleeps)
    with pytest.raises(PxWebRequestError, match="failed after 3 attempts; last: connection failed"):
        client.metadata(TABLE)
    assert client.calls == 3
    assert len(sleeps) == 2


def test_parse_retry_after() -> None:
    assert parse_retry_after("12") == 12.0
    assert parse_retry_after("0.5") == 0.5
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
