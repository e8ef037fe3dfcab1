"""The employment areas of 2025 in the API over the real offline snapshot: Statistics Finland's
12r5 has no rows of their own, so their counts are the sums of their member municipalities and
their shares are recomputed from the summed parts."""

from __future__ import annotations

import pytest

from tests.published import published

SOUTH = ["KU075", "KU285", "KU489", "KU624", "KU935"]


def _values(client, **params) -> dict[tuple[str, str], dict]:
    response = client.get("/api/observations", {"table": "tyonv/12r5", **params})
    assert response.status_code == 200, response.content
    return {(row["content"], row["area"]): row for row in response.json()["results"]}


@pytest.mark.django_db
def test_employment_area_counts_are_the_sums_of_their_municipalities(
    statistics_snapshot, client
) -> None:
    areas = ",".join(["TA04", "TA16", "KU286", *SOUTH])
    rows = _values(
        client,
        content="TYOTTOMATLOPUSSA,TYOVOIMATK,AVPAIKATLOPUSSA,share",
        area=areas,
        period="2026M06",
    )
    south = sum(rows[("TYOTTOMATLOPUSSA", code)]["value"] for code in SOUTH)
    assert rows[("TYOTTOMATLOPUSSA", "TA04")]["value"] == south == 5388
    assert rows[("TYOTTOMATLOPUSSA", "TA04")]["derived"] is True
    assert (
        rows[("TYOTTOMATLOPUSSA", "TA16")]["value"] == rows[("TYOTTOMATLOPUSSA", "KU286")]["value"]
    )
    force = sum(rows[("TYOVOIMATK", code)]["value"] for code in SOUTH)
    assert rows[("share", "TA04")]["value"] == published(100 * south / force)
    # Miehikkälä's vacancies are suppressed: the area's total cannot be formed, and says so.
    assert rows[("AVPAIKATLOPUSSA", "KU489")]["status"] == "..."
    assert rows[("AVPAIKATLOPUSSA", "TA04")]["value"] is None
    assert rows[("AVPAIKATLOPUSSA", "TA04")]["status"] == "no-total"


@pytest.mark.django_db
def test_every_count_of_an_employment_area_over_time(statistics_snapshot, client) -> None:
    response = client.get(
        "/api/observations",
        {"table": "tyonv/12r5", "area": "TA04", "from": "2021M06", "to": "2021M06"},
    )
    rows = response.json()["results"]
    assert {row["content"] for row in rows} >= {"TYOTTOMATLOPUSSA", "TYOVOIMATK", "AVPAIKATLOPUSSA"}
    assert all(row["area"] == "TA04" and row["period"] == "2021M06" for row in rows)
    member = _values(client, content="TYOTTOMATLOPUSSA", area=",".join(SOUTH), period="2021M06")
    total = sum(row["value"] for row in member.values())
    assert next(r for r in rows if r["content"] == "TYOTTOMATLOPUSSA")["value"] == total
