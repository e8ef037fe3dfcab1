"""The names of months, quarters and half-years in the interface languages: the one place they
are written (the periods' labels and the Finnish case forms of :mod:`seuraamo.core.formatting`
read them from here)."""

from __future__ import annotations

LANGUAGES = ("fi", "sv", "en")

MONTHS = {
    "fi": (
        "tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu",
        "heinäkuu", "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu",
    ),
    "sv": (
        "januari", "februari", "mars", "april", "maj", "juni",
        "juli", "augusti", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip
QUARTER = {"fi": "{n}. neljännes {year}", "sv": "kvartal {n} {year}", "en": "Q{n} {year}"}
HALF_YEAR = {"fi": "{n}. vuosipuolisko {year}", "sv": "halvår {n} {year}", "en": "H{n} {year}"}


def month_name(number: int, language: str) -> str:
    """The name of month ``number`` (1–12): ``6, "fi"`` → "kesäkuu"; English for other languages."""
    return MONTHS[language if language in MONTHS else "en"][number - 1]
