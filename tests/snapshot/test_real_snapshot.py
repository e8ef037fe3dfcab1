"""The situation pages over the real offline snapshot (Statistics Finland data)."""

from __future__ import annotations

import pytest

from tests.situation.tablehtml import data_tables

NBSP = "\u00a0"


@pytest.mark.django_db
def test_pages_on_the_real_snapshot(statistics_snapshot, client) -> None:

    html = client.get("/fi/situation/").content.decode()
    assert f"10{NBSP}153" in html and f"14,4{NBSP}%" in html  # MK08 2026M06
    assert "Koko maa: 352\u00a0001" in html
    assert "kesäkuu 2026" in html
    tables = data_tables(html)
    series = tables["table-timeseries"]
    assert series.rows[0][0] == "tammikuu 2006" and series.rows[-1][0] == "kesäkuu 2026"
    june_2021 = next(row for row in series.rows if row[0] == "kesäkuu 2021")
    assert june_2021[1] == f"9{NBSP}334"
    comparison = tables["table-municipalities"]
    kotka = next(row for row in comparison.rows if row[0] == "Kotka")
    assert kotka[1] == f"3{NBSP}715" and kotka[2] == f"16,4{NBSP}%"
    assert tables["table-occupations"].caption.strip().endswith("lokakuu 2023")

    share = data_tables(client.get("/en/situation/?area=MK08&statistic=share").content.decode())
    june_2021 = next(row for row in share["table-timeseries"].rows if row[0] == "June 2021")
    assert june_2021[1] == "12.9%"

    review = client.get("/en/situation/review/").content.decode()
    assert (
        "At the end of June 2026 there were 10,153 unemployed jobseekers in Kymenlaakso" in review
    )
    assert (
        "14.4%" in review
        and "highest in Kotka (16.4%)" in review
        and "lowest in Pyhtää (10.8%)" in review
    )

    municipality = client.get("/sv/situation/municipalities/KU624/").content.decode()
    assert "Pyttis" in municipality and "249" in municipality
