"""The situation pages in Finnish, Swedish and English over a small statistics store."""

from __future__ import annotations

import datetime
import re

import pytest

from seuraamo.official_stats.models import StatTable, SyncRun
from tests.situation.tablehtml import data_tables, parse_number

NBSP = "\u00a0"


def h1s(html: str) -> list[str]:
    return re.findall(r"<h1[^>]*>(.*?)</h1>", html, flags=re.S)


@pytest.mark.parametrize(
    ("language", "unemployed", "share"),
    [
        ("fi", f"10{NBSP}153", f"14,4{NBSP}%"),
        ("sv", f"10{NBSP}153", f"14,4{NBSP}%"),
        ("en", "10,153", "14.4%"),
    ],
)
def test_situation_page_in_each_language(client, situation, language, unemployed, share) -> None:
    response = client.get(f"/{language}/situation/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert len(h1s(html)) == 1
    assert unemployed in html and share in html
    tables = data_tables(html)
    assert set(tables) == {
        "table-timeseries",
        "table-municipalities",
        "table-map",
        "table-occupations",
        "table-training",  # occupations for training planning (theme 4.3)
        "table-peers",  # the builder's regions are ranked; its months are too few to project
        "table-publications",  # the register (no release recorded)
    }
    assert html.count('<figure class="chart"') == 5
    # The comparison is a table without a chart; the time series and the map, which follow the
    # page's width, are also drawn for a phone (the bar charts keep their size and scroll).
    assert html.count('<svg role="img"') == 4 + 2
    assert html.count('<div class="chart__phone"><svg role="img"') == 2
    assert 'src="/static/situation/vendor/vega-bundle.js"' in html


def test_headline_shows_change_and_country(client, situation) -> None:
    html = client.get("/en/situation/").content.decode()
    # MK08 2025M06 unemployed: the builder's municipalities scaled by 0.9294…
    assert "from a year earlier (June 2025)" in html
    assert "Whole country: 352,001" in html
    assert "Whole country: 12.8%" in html


def test_latest_month_is_stated_without_commands_for_the_public(client, situation) -> None:
    html = client.get("/en/situation/").content.decode()
    assert "June 2026" in html
    assert "three to four weeks after the month ends" in html
    status = html[html.index('<div class="data-status">') :]
    status = status[: status.index("</div>")]
    assert "seuraamo" not in status and "/admin/" not in status


@pytest.mark.parametrize(
    ("query", "caption"),
    [
        ("", "Unemployed jobseekers, Kymenlaakso"),
        ("?area=KU285&statistic=share", "Unemployment share, Kotka and Whole country"),
        (
            "?area=TA04&statistic=TYOTTOMATLOPUSSA",
            "Unemployed jobseekers, South Kymenlaakso employment area",
        ),
        ("?area=SSS&statistic=share", "Unemployment share, Whole country"),
        # A link made before the parameter was renamed still shows what it asked for.
        ("?area=KU285&measure=share", "Unemployment share, Kotka and Whole country"),
    ],
)
def test_area_and_statistic_selection_without_javascript(client, situation, query, caption) -> None:
    html = client.get(f"/en/situation/{query}").content.decode()
    table = data_tables(html)["table-timeseries"]
    assert table.caption.strip() == caption
    assert len(table.rows) == 18  # 2025M01–2026M06


def test_employment_area_is_the_sum_of_its_municipalities(client, situation) -> None:
    from tests.situation.builders import expected_unemployed

    html = client.get("/en/situation/?area=TA04&statistic=TYOTTOMATLOPUSSA").content.decode()
    rows = data_tables(html)["table-timeseries"].rows
    assert rows[-1][0] == "June 2026"
    assert parse_number(rows[-1][1], "en") == expected_unemployed("TA04")


def test_unknown_area_and_statistic_fall_back_with_a_notice(client, situation) -> None:
    html = client.get("/en/situation/?area=XX1&statistic=NOPE").content.decode()
    assert "There is no area XX1 here; showing Kymenlaakso." in html
    assert "The statistic NOPE has no data here" in html
    assert (
        data_tables(html)["table-timeseries"].caption.strip()
        == "Unemployed jobseekers, Kymenlaakso"
    )


def test_form_is_a_plain_get_form_with_native_selects(client, situation) -> None:
    html = client.get("/fi/situation/").content.decode()
    form = re.search(r'<form class="chart-controls" method="get".*?</form>', html, re.S).group(0)
    assert '<select id="id_area" name="area">' in form and '<label for="id_area">' in form
    assert (
        '<select id="id_statistic" name="statistic">' in form
        and '<label for="id_statistic">' in form
    )
    assert '<button type="submit">' in form
    for code in (
        "MK08",
        "TA04",
        "TA16",
        "SK081",
        "SK082",
        "KU075",
        "KU285",
        "KU286",
        "KU489",
        "KU624",
        "KU935",
        "SSS",
    ):
        assert f'<option value="{code}"' in form


def test_statistics_offered_are_those_with_data(client, situation) -> None:
    html = client.get("/en/situation/").content.decode()
    options = re.findall(
        r'<option value="([^"]+)"', re.search(r'id="id_statistic".*?</select>', html, re.S).group(0)
    )
    assert "TYOTTOMATLOPUSSA" in options and "share" in options and "AVPAIKATLOPUSSA" in options
    assert "PITKAAIKAISTYOTTOMAT" in options  # two Junes stored
    assert "share_ma12" in options


def test_comparison_table_rows(client, situation) -> None:
    html = client.get("/en/situation/").content.decode()
    table = data_tables(html)["table-municipalities"]
    labels = [row[0] for row in table.rows]
    assert labels == [
        "Hamina",
        "Kotka",
        "Miehikkälä",
        "Pyhtää",
        "Virolahti",
        "South Kymenlaakso employment area",
        "Kouvola",
        "Kouvola employment area",
        "Kymenlaakso",
        "Whole country",
    ]
    kotka = table.rows[1]
    assert kotka[table.header.index("Share of the labour force, %")] == "16.4%"
    miehikkala = table.rows[2]
    assert miehikkala[table.header.index("Open vacancies")] == "…"


def test_fragment_returns_the_figure_alone(client, situation) -> None:
    response = client.get("/fi/situation/charts/timeseries/?area=KU285&statistic=share")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<figure class="chart" id="figure-timeseries"')
    assert "<html" not in html
    assert "Kotka" in data_tables(html)["table-timeseries"].caption


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_municipality_page(client, situation, language) -> None:
    response = client.get(f"/{language}/situation/municipalities/KU285/")
    assert response.status_code == 200
    html = response.content.decode()
    assert len(h1s(html)) == 1 and "Kotka" in h1s(html)[0]
    expected = "3,715" if language == "en" else f"3{NBSP}715"
    assert expected in html
    assert '<input type="hidden" name="area" value="KU285">' in html
    assert "Kotka" in data_tables(html)["table-timeseries"].caption


def test_municipality_page_keeps_its_area(client, situation) -> None:
    html = client.get(
        "/en/situation/municipalities/KU075/?area=KU285&statistic=share"
    ).content.decode()
    assert (
        data_tables(html)["table-timeseries"].caption.strip()
        == "Unemployment share, Hamina and Whole country"
    )


def test_unknown_municipality_is_404(client, situation) -> None:
    assert client.get("/fi/situation/municipalities/KU091/").status_code == 404


def test_empty_store_says_so(client, db) -> None:
    response = client.get("/en/situation/")
    assert response.status_code == 200
    assert "No statistics are available yet" in response.content.decode()
    assert client.get("/en/situation/review/").status_code == 200


def test_pages_are_read_only(client, situation) -> None:
    assert client.post("/fi/situation/").status_code == 405


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("fi", "Kymenlaakso kesäkuun 2026 lopussa"),
        ("sv", "Kymmenedalen i slutet av juni 2026"),
        ("en", "Kymenlaakso at the end of June 2026"),
    ],
)
def test_headline_heading_in_each_language(client, situation, language, heading) -> None:
    html = client.get(f"/{language}/situation/").content.decode()
    assert f'<h2 id="headline-title">{heading}</h2>' in html


def test_map_labels_use_the_page_language(client, situation) -> None:
    html = client.get("/sv/situation/").content.decode()
    spec = re.search(
        r'id="figure-map".*?<script type="application/json" class="chart__spec">(.*?)</script>',
        html,
        re.S,
    ).group(1)
    assert "Pyttis\\n" in spec and "Fredrikshamn\\n" in spec  # the labels on the map
    assert '"name":"Pyttis"' in spec  # the tooltips


def test_status_names_the_source_publication_date(client, situation) -> None:
    html = client.get("/en/situation/").content.decode()
    assert "Published by the source on" in html
    assert "Updated in Seuraamo on" not in html


def test_without_a_source_date_no_import_time_passes_for_an_update(client, situation) -> None:
    """ "Updated" means the source's publication time: an import or sync time is never shown as it."""
    StatTable.objects.filter(table_id="tyonv/12r5").update(
        updated_at_source=None,
        last_synced_at=datetime.datetime(2026, 7, 22, 6, 0, tzinfo=datetime.UTC),
    )
    html = client.get("/en/situation/").content.decode()
    assert "The date the source published these figures is not known." in html
    assert "Published by the source on" not in html
    assert "22 July 2026" not in html and "July 22, 2026" not in html


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_failed_update_is_told_without_its_error_text(client, situation, language) -> None:
    when = datetime.datetime(2026, 7, 23, 6, 0, tzinfo=datetime.UTC)
    SyncRun.objects.create(
        table=StatTable.objects.get(table_id="tyonv/12r5"),
        source="https://pxdata.stat.fi/secret-path",
        started_at=when,
        finished_at=when,
        error="HTTPError 503 at /internal/host:5432 Traceback",
    )
    html = client.get(f"/{language}/situation/").content.decode()
    assert "Traceback" not in html
    assert "HTTPError" not in html
    assert "internal/host" not in html
    if language == "en":
        assert "The latest update attempt failed on" in html
        assert "the figures shown are from the last successful one" in html


def test_a_city_organisation_links_to_its_labour_market_page(client, situation) -> None:
    from seuraamo.organisations.models import Organisation

    Organisation.objects.create(
        key="kotkan-kaupunki", name_fi="Kotkan kaupunki", kind="municipality",
        municipalities=["KU285", "KU091"],
    )  # fmt: skip
    html = client.get("/en/organisations/kotkan-kaupunki/").content.decode()
    assert '<a href="/en/situation/municipalities/KU285/">Kotka</a>' in html
    assert "KU091" not in html  # Helsinki has no page here


def test_a_municipality_is_compared_with_kymenlaakso_and_the_country(client, situation) -> None:
    html = client.get("/en/situation/municipalities/KU285/").content.decode()
    card = html[html.index('data-key="unemployed"') :]
    card = card[: card.index("</li>")]
    assert "Kymenlaakso: " in card and "Whole country: " in card
