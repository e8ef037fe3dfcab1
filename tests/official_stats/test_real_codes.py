"""Codes as real statistics APIs write them (issue 23, point 5): an age `100+`, ages and content
codes with spaces, `*`, an area code with a non-ASCII letter are stored and read back through the
API with the codes URL-encoded; control characters, codes with spaces around them and over-long
codes are refused, and so are periods more than a year ahead and files that are not regular files.

The PxWebApi 2.0 file is constructed (fixtures/README.md), modelled on the real API's answers.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import signal
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from seuraamo.official_stats.models import Observation, StatTable, SyncRun

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"
AGES = FIXTURES / "ages_with_plus_and_space.pxwebapi2.json"
TABLE = "test/ikarakenne"


def import_file(path: Path | str, table: str = TABLE) -> str:
    out = io.StringIO()
    call_command("import_statistics", str(path), "--table", table, "--new-table", stdout=out)
    return out.getvalue()


def expected_value(area: str, age: str, year: str, content: str) -> float:
    document = json.loads(AGES.read_text(encoding="utf-8"))
    positions = [
        document["dimension"][dimension]["category"]["index"].index(code)
        for dimension, code in zip(document["id"], (area, age, year, content), strict=True)
    ]
    index = 0
    for position, size in zip(positions, document["size"], strict=True):
        index = index * size + position
    return document["value"][index]


def test_codes_with_plus_space_star_and_non_ascii_import_and_read_back_through_the_api(
    client,
) -> None:
    assert "24 cells, 24 inserted" in import_file(AGES)
    stored = Observation.objects.filter(table__table_id=TABLE)
    assert set(stored.values_list("extra_code", flat=True)) == {"0 - 64", "65 - 99", "100+"}
    assert set(stored.values_list("area_code", flat=True)) == {"SSS", "Åland 21"}
    assert set(stored.values_list("content_code", flat=True)) == {"Väestö 31.12.", "Kuolleet*"}

    url = (
        f"/api/observations?table={TABLE}&area={quote('Åland 21')}&extra={quote('100+')}"
        f"&content={quote('Väestö 31.12.')},{quote('Kuolleet*')}&period=2025"
    )
    assert "%2B" in url and "%20" in url
    response = client.get(url)
    assert response.status_code == 200, response.content
    rows = response.json()["results"]
    assert sorted((r["area"], r["extra"], r["content"], r["value"]) for r in rows) == [
        ("Åland 21", "100+", content, expected_value("Åland 21", "100+", "2025", content))
        for content in ("Kuolleet*", "Väestö 31.12.")
    ]
    assert {r["labels"]["content"] for r in rows} == {"Väestö 31.12. (lkm.)", "Kuolleet* (lkm.)"}

    # A '+' written as itself in a query string is a space: '100 ' is no stored code.
    assert client.get(f"/api/observations?table={TABLE}&extra=100+").json()["count"] == 0

    csv_rows = list(
        csv.DictReader(io.StringIO(client.get(url + "&format=csv").content.decode("utf-8")))
    )
    assert {(r["area"], r["extra"]) for r in csv_rows} == {("Åland 21", "100+")}


def test_the_next_link_quotes_the_codes_so_following_it_gives_the_next_page(client) -> None:
    import_file(AGES)
    url = f"/api/observations?table={TABLE}&extra={quote('65 - 99')},{quote('100+')}&limit=5"
    first = client.get(url).json()
    assert first["count"] == 16
    second = client.get(first["next"].removeprefix("http://testserver")).json()
    assert second["offset"] == 5 and len(second["results"]) == 5
    assert {r["extra"] for r in first["results"] + second["results"]} <= {"65 - 99", "100+"}


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("100\n", "holds a control character"),
        ("KU\x00285", "holds a control character"),
        ("65\t- 99", "holds a control character"),
        (" 100+", "begins or ends with a space"),
        ("K" * 51, "is longer than 50 characters"),
    ],
)
def test_a_code_with_a_control_character_or_too_long_is_refused(
    tmp_path: Path, code: str, words: str
) -> None:
    document = AGES.read_text(encoding="utf-8").replace('"100+"', json.dumps(code))
    path = tmp_path / "bad.json"
    path.write_text(document, encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        import_file(path)
    message = str(caught.value)
    assert "\n" not in message and words in message and "dimension 'Ikä'" in message
    assert not Observation.objects.exists() and not StatTable.objects.exists()


def test_a_period_more_than_a_year_ahead_is_refused_naming_it(tmp_path: Path) -> None:
    next_year = timezone.localdate().year + 1
    allowed = AGES.read_text(encoding="utf-8").replace('"2025"', f'"{next_year}"')
    path = tmp_path / "next-year.json"
    path.write_text(allowed, encoding="utf-8")
    assert "24 inserted" in import_file(path)  # January of next year is within a year

    later = AGES.read_text(encoding="utf-8").replace('"2025"', '"2099"')
    path.write_text(later, encoding="utf-8")
    runs = SyncRun.objects.count()
    with pytest.raises(CommandError) as caught:
        import_file(path)
    assert "period 2099 begins more than a year from today" in str(caught.value)
    assert not Observation.objects.filter(period="2099").exists()
    assert SyncRun.objects.count() == runs


def test_today_is_the_local_date_of_the_time_zone(tmp_path: Path, monkeypatch) -> None:
    """The bound moves with ``timezone.localdate()``: on 31 December 2098, 2099 is next year."""
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2098, 12, 31))
    later = AGES.read_text(encoding="utf-8").replace('"2025"', '"2099"')
    path = tmp_path / "2099.json"
    path.write_text(later, encoding="utf-8")
    assert "24 inserted" in import_file(path)


def test_a_month_just_past_a_year_ahead_is_refused(tmp_path: Path) -> None:
    today = timezone.localdate()
    month = today.month % 12 + 1
    year = today.year + 1 + (1 if month == 1 else 0)
    too_late = f"{year}M{month:02d}"
    document = json.loads((FIXTURES / "12r5_excerpt.pxwebapi2.json").read_text(encoding="utf-8"))
    document["dimension"]["timeperiod_m"]["category"]["index"][1] = too_late
    document["dimension"]["timeperiod_m"]["category"]["label"] = {
        code: code for code in document["dimension"]["timeperiod_m"]["category"]["index"]
    }
    path = tmp_path / "month.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        import_file(path, "tyonv/12r5")
    assert f"period {too_late} begins more than a year from today" in str(caught.value)


def _refused_at_once(path: str) -> str:
    """The one-line refusal for ``path``, which must come within five seconds (an alarm ends a
    read or an open that would hang)."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"import_statistics {path} did not return within 5 s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(5)
    started = time.monotonic()
    try:
        with pytest.raises(CommandError) as caught:
            import_file(path)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert time.monotonic() - started < 1
    assert "\n" not in str(caught.value)
    return str(caught.value)


def test_dev_zero_and_a_fifo_are_refused_at_once(tmp_path: Path) -> None:
    message = _refused_at_once("/dev/zero")
    assert message == (
        "/dev/zero: not a regular file (a character device); only regular files are read; "
        "nothing was imported"
    )
    fifo = tmp_path / "statistics.json"
    os.mkfifo(fifo)
    assert "not a regular file (a FIFO)" in _refused_at_once(str(fifo))
    assert not Observation.objects.exists()


def test_reading_stops_at_the_cap_whatever_the_size_claims(tmp_path: Path) -> None:
    from seuraamo.official_stats.pxweb import JsonStatError, read_document

    path = tmp_path / "big.json"
    path.write_bytes(b" " * 2049)
    with pytest.raises(JsonStatError, match="larger than"):
        read_document(path, max_bytes=2048)
    assert read_document(path, max_bytes=4096) == b" " * 2049
