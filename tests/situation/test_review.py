"""The monthly review: every number in the text is a stored or selector figure, in each language."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from django.utils import translation

from seuraamo.core.formatting import rounded
from seuraamo.official_stats import selectors
from seuraamo.situation.sections import review
from seuraamo.situation.selectors import peer_regions

NBSP = "\u00a0"
NUMBER = {
    "fi": re.compile(r"\u2212?\d{1,3}(?:\u00a0\d{3})*(?:,\d+)?"),
    "sv": re.compile(r"\u2212?\d{1,3}(?:\u00a0\d{3})*(?:,\d+)?"),
    "en": re.compile(r"-?\d{1,3}(?:,\d{3})*(?:\.\d+)?"),
}
#: Numbers that are words of the text, not figures: years of months and the age limit 25.
NOT_FIGURES = re.compile(r"\b(?:19|20)\d\d\b|\b25(?=-vuotiai|\s*år|\b(?! ?%))")


def text_of(page: str) -> str:
    found = re.search(r'<div class="review">(.*?)</div>', page, re.S).group(1)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", found))


def numbers_in(text: str, language: str) -> list[float]:
    text = NOT_FIGURES.sub(" ", text)
    found = []
    for match in NUMBER[language].findall(text):
        plain = match.replace("\u2212", "-")
        plain = (
            plain.replace(",", "")
            if language == "en"
            else plain.replace(NBSP, "").replace(",", ".")
        )
        found.append(float(plain))
    return found


def selector_figures(period: str | None = None) -> set[float]:
    """Every figure the review may quote, rounded as shown (1 decimal for percentages, 2 for
    ratios, whole numbers for counts), changes without their sign."""
    headline = selectors.headline_figures("MK08", period)
    comparison = selectors.municipality_comparison(headline.period)
    expected: set[float] = set()

    def add(value: float | None, decimals: int) -> None:
        if value is not None:
            expected.add(float(abs(rounded(value, decimals))))

    for area in [headline.area, headline.country, *comparison.rows]:
        for figure in area.figures.values():
            decimals = {"percent": 1, "ratio": 2}.get(figure.unit, 0)
            add(figure.value, decimals)
            add(figure.year_earlier_value, decimals)
            add(figure.change, decimals if figure.unit != "persons" else 0)
            add(figure.change_pct, 1)
    # The outlook: the rank among the regions and the peers' shares, the projection and its band,
    # and the rules' own numbers (19 regions, rank 1 = highest, 36 months, 80 % band).
    ranking = selectors.region_ranking("MK08", peer_regions(), headline.period)
    for figure in ranking.figures if ranking else []:
        if figure.key == "share":
            add(figure.rank, 0)
            add(figure.ranked, 0)
            for value in figure.peers:
                add(value, 1)
    found = selectors.trend_projection("tyonv/12r5", "TYOTTOMATLOPUSSA", "MK08")
    for _period, projected in found.projected if found else []:
        for value in (projected.value, projected.low, projected.high):
            add(value, 0)
    expected |= {19.0, 1.0, 36.0, 80.0}
    return expected


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_number_is_a_selector_figure(client, situation, language) -> None:
    page = client.get(f"/{language}/situation/review/").content.decode()
    text = text_of(page)
    found = numbers_in(text, language)
    assert len(found) >= 15, text
    with translation.override(language):
        expected = selector_figures()
    assert set(found) <= expected, (set(found) - expected, text)


@pytest.mark.parametrize(
    ("language", "phrases"),
    [
        (
            "fi",
            [
                "Kesäkuun 2026 lopussa Kymenlaaksossa oli 10\u00a0153 työtöntä työnhakijaa",
                "14,4\u00a0%",
                "suurin Kotkassa (16,4\u00a0%)",
                "pienin Pyhtäällä (10,8\u00a0%)",
                "enemmän kuin vuotta aiemmin",
            ],
        ),
        (
            "sv",
            [
                "I slutet av juni 2026 fanns det 10\u00a0153 arbetslösa arbetssökande i Kymmenedalen",
                "störst i Kotka (16,4\u00a0%)",
                "minst i Pyttis (10,8\u00a0%)",
                "fler än ett år tidigare",
            ],
        ),
        (
            "en",
            [
                "At the end of June 2026 there were 10,153 unemployed jobseekers in Kymenlaakso",
                "14.4%",
                "highest in Kotka (16.4%)",
                "lowest in Pyhtää (10.8%)",
                "more than a year earlier",
            ],
        ),
    ],
)
def test_review_wording(client, situation, language, phrases) -> None:
    text = " ".join(
        text_of(client.get(f"/{language}/situation/review/").content.decode()).split(" ")
    )
    for phrase in phrases:
        assert phrase in text, (phrase, text)


def test_change_from_a_year_earlier_is_the_selector_change(client, situation) -> None:
    with translation.override("en"):
        facts = review.build_review()
    figure = selectors.headline_figures("MK08").area.figures["unemployed"]
    assert facts.figures["unemployed_change"].value == round(figure.change)
    assert facts.figures["unemployed_change"].direction == "up"
    assert facts.figures["unemployed"].value == 10153


def test_review_of_an_earlier_month_and_an_unknown_month(client, situation) -> None:
    page = client.get("/en/situation/review/?period=2025M12").content.decode()
    assert "Employment review, December 2025" in page
    text = text_of(page)
    assert "No figure for a year earlier (December 2024) is stored" in text
    assert "long-term" not in text  # only Junes have the long-term figures
    assert set(numbers_in(text, "en")) <= selector_figures("2025M12")
    page = client.get("/en/situation/review/?period=1999M01").content.decode()
    assert "There are no figures for the month 1999M01" in page
    assert "June 2026" in page


def test_review_is_on_the_situation_page_too(client, situation) -> None:
    page = client.get("/fi/situation/").content.decode()
    assert "Kesäkuun 2026 lopussa Kymenlaaksossa oli 10\u00a0153" in page


def test_review_page_has_one_heading_and_a_month_form(client, situation) -> None:
    page = client.get("/sv/situation/review/").content.decode()
    assert len(re.findall(r"<h1", page)) == 1
    assert '<select id="id_period" name="period">' in page and '<label for="id_period">' in page
