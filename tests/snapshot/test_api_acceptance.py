"""Acceptance check on the real offline snapshot: the API gives Kymenlaakso's unemployed jobseekers
in June 2021 (9 334) and the derived unemployment share (12.9 %)."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_api_on_the_real_snapshot(statistics_snapshot, client) -> None:
    response = client.get(
        "/api/observations?table=tyonv/12r5&content=TYOTTOMATLOPUSSA,share&area=MK08"
        "&from=2021M01&to=2021M12"
    )
    assert response.status_code == 200
    rows = {(r["content"], r["period"]): r["value"] for r in response.json()["results"]}
    assert len(rows) == 24
    assert rows[("TYOTTOMATLOPUSSA", "2021M06")] == 9334
    assert round(rows[("share", "2021M06")], 1) == 12.9

    latest = client.get(
        "/api/observations",
        {
            "table": "tyonv/12r5",
            "content": "TYOTTOMATLOPUSSA,share,TYOTOSUUS",
            "area": "MK08",
            "period": "2026M06",
        },
    ).json()["results"]
    values = {r["content"]: r["value"] for r in latest}
    assert values["TYOTTOMATLOPUSSA"] == 10153
    assert round(values["share"], 1) == values["TYOTOSUUS"] == 14.4

    # A big query comes in pages with a clear notice.
    page = client.get(
        "/api/observations", {"table": "tyonv/12r5", "content": "TYOTTOMATLOPUSSA"}
    ).json()
    assert page["count"] > 1000 and len(page["results"]) == 1000
    assert page["next"] and "offset=1000" in page["next"]
    assert page["notice"].startswith("Rows 1–1000 of")

    csv_body = client.get(
        "/api/observations?table=tyonv/12r5&content=TYOTTOMATLOPUSSA&area=MK08&period=2021M06&format=csv"
    ).content.decode()
    assert "tyonv/12r5,TYOTTOMATLOPUSSA,MK08,,2021M06,9334,,false" in csv_body

    tables = {t["id"]: t for t in client.get("/api/tables").json()["results"]}
    assert tables["tyonv/12r5"]["last_period"] == "2026M06"
    assert tables["tyonv/12r5"]["first_period"] == "2006M01"
    areas = client.get("/api/areas", {"level": "employment_area"}).json()["results"]
    assert {"TA04", "TA16"} <= {a["code"] for a in areas}
