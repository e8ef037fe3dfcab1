"""What each page shows: counts, indicators, anchors, organisation history, steering group, and
that each page reads its data in a fixed number of queries (no N+1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils.formats import date_format

from tests.pages.builders import PageData
from tests.pages.html import Element, parse


def get(client: Client, url: str) -> Element:
    response = client.get(url)
    assert response.status_code == 200, url
    return parse(response.content)


def test_home_shows_themes_with_counts_and_who_runs_the_programme(
    client: Client, data: PageData
) -> None:
    doc = get(client, "/fi/")
    cards = doc.find("ul", class_="card-list").find_all("li", class_="card")
    assert [card.find("h3").text for card in cards] == [
        "4.1 Yhteistyön kehittäminen",
        "4.2 Kasvun edistäminen",
        "4.3 Osaavan työvoiman saatavuus",
        "4.4 Haavoittuvassa asemassa olevien työllisyys",
    ]
    assert cards[0].find("p", class_="card__meta").text == "1 tavoite, 2 toimenpidettä"
    assert cards[1].find("p", class_="card__meta").text == "1 tavoite, 3 toimenpidettä"
    assert cards[2].find("a").attrs["href"] == "/fi/themes/4.3/"
    main = doc.find("main").text
    assert "Kymenlaaksossa toimii laaja verkosto." in main
    assert "Toinen kappale johdannosta." not in main  # only the first paragraph on the home page
    members = [li.text for li in doc.find("ul", class_="member-list").find_all("li")]
    assert members == [
        "Kotkan kaupunki – puheenjohtaja",
        "Kaakkois-Suomen elinvoimakeskus (ennen: Kaakkois-Suomen ELY-keskus)",
        "Kymenlaakson työllisyysjohtoryhmä – sihteeri",
    ]
    assert "3 organisaation työllisyysjohtoryhmä" in doc.find("p", class_="lead").text
    english = get(client, "/en/").find("ul", class_="card-list").find_all("p", class_="card__meta")
    assert english[1].text == "1 goal, 3 measures"


def test_programme_page_shows_the_whole_description(client: Client, data: PageData) -> None:
    doc = get(client, "/sv/programme/")
    paragraphs = [p.text for p in doc.find("div", class_="prose").find_all("p")]
    assert paragraphs == ["I Kymmenedalen finns ett omfattande nätverk.", "Ett andra stycke."]
    assert doc.find("p", class_="meta").text == "Programperiod 2021–"
    assert len(doc.find("ul", class_="card-list").find_all("li")) == 4


def test_theme_page(client: Client, data: PageData) -> None:
    doc = get(client, "/fi/themes/4.1/")
    goal = doc.find("article", class_="goal-summary")
    assert goal.find("h3").find("a").attrs["href"] == "/fi/goals/goal-4-1/"
    measure_links = [a.attrs["href"] for a in goal.find("ul").find_all("a")]
    assert measure_links == [
        "/fi/goals/goal-4-1/#measure-goal-4-1-measure-1",
        "/fi/goals/goal-4-1/#measure-goal-4-1-measure-2",
    ]
    theme_indicator = doc.find("section", id="indicator-teema-41-verkosto")
    assert theme_indicator.find("h3").text == "Yhteisten hankkeiden määrä"
    pager = doc.find("nav", class_="pager")
    assert [a.text for a in pager.find_all("a")] == ["Seuraava teema: 4.2"]


def test_goal_page_measures_have_anchors(client: Client, data: PageData) -> None:
    doc = get(client, "/en/goals/goal-4-2/")
    measures = doc.find("ol", class_="measure-list").find_all("li")
    assert [li.attrs["id"] for li in measures] == [
        "measure-goal-4-2-measure-1",
        "measure-goal-4-2-measure-2",
        "measure-goal-4-2-measure-3",
    ]
    assert [li.find("h3").text for li in measures] == [
        "Measure 4.2.1",
        "Measure 4.2.2",
        "Measure 4.2.3",
    ]


def facts(section: Element) -> dict[str, str]:
    return {div.find("dt").text: div.find("dd").text for div in section.find("dl").find_all("div")}


def test_official_indicator_block(client: Client, data: PageData) -> None:
    section = get(client, "/fi/goals/goal-4-3/").find(
        "section", id="indicator-mk08-tyottomien-osuus"
    )
    assert section.find("h3").text == "Työttömien osuus työvoimasta, Kymenlaakso"
    assert facts(section) == {
        "Yksikkö": "%",
        "Tavoiteltu suunta": "Lasku",
        "Tyyppi": "Virallinen tilasto",
        "Lähde": "Tilastokeskus, taulukko tyonv/12r5.",
        "Lähtötaso": "12,9 % (kesäkuu 2021)",
    }
    # The statistics' codes are for those who look for them, in a details element.
    codes = section.find("details", class_="codes")
    assert codes.find("summary").text == "Koodit tilastossa"
    assert facts(codes) == {
        "Tilastotaulukko": "tyonv/12r5",
        "Tietosisällön koodi": "TYOTOSUUS",
        "Alue": "MK08",
    }
    rows = section.find("table", class_="targets").find("tbody").find_all("tr")
    assert [[td.text for td in row.find_all("td")] for row in rows] == [
        ["2025", "11 %"],
        ["2027", "10,5 %"],
    ]


def test_manual_indicator_block_in_english(client: Client, data: PageData) -> None:
    section = get(client, "/en/goals/goal-4-3/").find("section", id="indicator-ohjaamo-asiakkaat")
    shown = facts(section)
    assert shown["Kind"] == "Reported manually"
    assert shown["Baseline"] == "1,234 persons (June 2021)"
    assert "Statistics table" not in shown
    assert section.find_all("table") == []
    # the source text is missing in English: the Finnish one is shown, marked
    official = get(client, "/en/goals/goal-4-3/").find(
        "section", id="indicator-mk08-tyottomien-osuus"
    )
    source = [div for div in official.find("dl").find_all("div") if div.find("dt").text == "Source"]
    assert source[0].find("span", lang="fi").text == "Tilastokeskus, taulukko tyonv/12r5."


def test_succeeded_organisation_page(client: Client, data: PageData) -> None:
    doc = get(client, "/fi/organisations/kaakkois-suomen-ely-keskus/")
    notice = doc.find("p", class_="notice")
    assert notice.find("a").attrs["href"] == "/fi/organisations/kaakkois-suomen-elinvoimakeskus/"
    ely = data.organisations["kaakkois-suomen-ely-keskus"]
    elinvoima = data.organisations["kaakkois-suomen-elinvoimakeskus"]
    history = [li.text for li in doc.find("ol", class_="history").find_all("li")]
    assert history == [
        f"Kaakkois-Suomen ELY-keskus {date_format(ely.valid_until)} asti",
        f"Kaakkois-Suomen elinvoimakeskus {date_format(elinvoima.valid_from)} alkaen",
    ]
    goals = [li.text for li in doc.find("ul", class_="goal-list").find_all("li")]
    assert goals == [
        "Tavoite Kasvun edistäminen (Teema 4.2)",
        "Tavoite Osaavan työvoiman saatavuus (Teema 4.3)",
    ]


def test_successor_organisation_inherits_the_coordination(client: Client, data: PageData) -> None:
    doc = get(client, "/fi/organisations/kaakkois-suomen-elinvoimakeskus/")
    assert doc.find_all("p", class_="notice") == []
    goals = [li.text for li in doc.find("ul", class_="goal-list").find_all("li")]
    assert goals == [
        "Tavoite Kasvun edistäminen (Teema 4.2; ennen: Kaakkois-Suomen ELY-keskus)",
        "Tavoite Osaavan työvoiman saatavuus (Teema 4.3; ennen: Kaakkois-Suomen ELY-keskus)",
    ]
    history = doc.find("ol", class_="history")
    assert history.find("li", class_="history__self").text.startswith(
        "Kaakkois-Suomen elinvoimakeskus"
    )
    steering = doc.find("section", aria_labelledby="steering-heading").text
    assert "jäsen (ennen: Kaakkois-Suomen ELY-keskus)" in steering


def test_organisation_list_groups_current_and_former(client: Client, data: PageData) -> None:
    doc = get(client, "/fi/organisations/")
    current = doc.find("section", aria_labelledby="active-heading").find_all("li")
    former = doc.find("section", aria_labelledby="former-heading").find_all("li")
    assert [li.find("a").text for li in current] == [
        "Etelä-Kymenlaakson työllisyysalue",
        "Kaakkois-Suomen elinvoimakeskus",
        "Kotkan kaupunki",
        "Kouvolan työllisyysalue",
        "Kymenlaakson työllisyysjohtoryhmä",
    ]
    assert [li.find("a").text for li in former] == [
        "Kaakkois-Suomen ELY-keskus",
        "Kaakkois-Suomen TE-toimisto",
    ]
    assert "Nyt: Kaakkois-Suomen elinvoimakeskus" in former[0].text
    assert "Nyt: Etelä-Kymenlaakson työllisyysalue, Kouvolan työllisyysalue" in former[1].text


def test_steering_group_page(client: Client, data: PageData) -> None:
    doc = get(client, "/fi/steering-group/")
    members = doc.find("section", aria_labelledby="members-heading").find_all("li")
    assert [li.text for li in members] == [
        "Kotkan kaupunki – puheenjohtaja",
        "Kaakkois-Suomen elinvoimakeskus (ennen: Kaakkois-Suomen ELY-keskus)",
        "Kymenlaakson työllisyysjohtoryhmä – sihteeri",
    ]
    former = doc.find("section", aria_labelledby="former-heading").find_all("li")
    assert [li.text for li in former] == ["Kaakkois-Suomen TE-toimisto"]
    assert "TYP" in doc.find("p", class_="lead").text


# Each count includes the one query of the data version that keys the public page cache.
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/fi/", 6),
        ("/fi/programme/", 3),
        # 12, and 2 for the measures' plans (milestones, indicators they move).
        ("/fi/themes/4.3/", 14),
        # 6 for the page, 2 for the measures' plans (milestones, indicators they move), 2 for the
        # one official indicator's stored series, 2 for its employment areas (their names, and
        # whether the table gives its share for them), 2 for the steering group's decisions
        # (their measures in one prefetch), 1 for the goal's projects.
        ("/fi/goals/goal-4-3/", 17),
        ("/fi/organisations/", 3),
        # 5 for the page, 1 for the services it provides (the catalogue's organisation_services tag).
        ("/fi/organisations/kaakkois-suomen-elinvoimakeskus/", 6),
        ("/fi/steering-group/", 5),
    ],
)
def test_query_count_does_not_grow_with_content(
    client: Client,
    data: PageData,
    django_assert_max_num_queries: Callable[..., object],
    url: str,
    queries: int,
) -> None:
    with django_assert_max_num_queries(queries):
        assert client.get(url).status_code == 200


def test_ended_membership_is_not_passed_to_the_successor(client: Client, data: PageData) -> None:
    area = get(client, "/fi/organisations/etela-kymenlaakson-tyollisyysalue/")
    assert area.find_all("section", aria_labelledby="steering-heading") == []
    te = get(client, "/fi/organisations/kaakkois-suomen-te-toimisto/")
    steering = te.find("section", aria_labelledby="steering-heading").text
    until = date_format(data.organisations["kaakkois-suomen-te-toimisto"].valid_until)
    assert (
        steering
        == f"Työllisyysjohtoryhmä Kymenlaakson työllisyysohjelma 2021–: jäsen ({until} asti)"
    )
