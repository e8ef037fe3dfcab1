"""Kymenlaakso among the 19 regions and beside its peer group, for the situation page."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from seuraamo.areas.region import REGION
from seuraamo.core.formatting import current_language, format_value, month_name
from seuraamo.official_stats import selectors
from seuraamo.situation.selectors import peer_regions

LABELS = {
    "share": gettext_lazy("Unemployed, % of the labour force"),
    "long_term_share": gettext_lazy("Long-term unemployed, % of the unemployed"),
    "under25_share": gettext_lazy("Under 25, % of the unemployed"),
    "foreign_share": gettext_lazy("Foreign nationals, % of the unemployed"),
    "vacancies_per_unemployed": gettext_lazy("Vacancies per unemployed jobseeker"),
}


@dataclass(frozen=True)
class PeerRow:
    key: str
    label: str
    value: str
    rank: str  # "3 / 19"
    peers: list[str]
    country: str


@dataclass(frozen=True)
class PeerSection:
    month: str
    area: str
    peer_names: list[str]
    country: str
    rows: list[PeerRow]


def _text(value: float | None, unit: str) -> str:
    if value is None:
        return "…"
    return format_value(value, unit, 2 if unit == "ratio" else 1)


def section() -> PeerSection | None:
    ranking = selectors.region_ranking(REGION, peer_regions())
    if ranking is None:
        return None
    language = current_language()
    rows = [
        PeerRow(
            key=figure.key,
            label=str(LABELS[figure.key]),
            value=_text(figure.value, figure.unit),
            rank=f"{figure.rank} / {figure.ranked}" if figure.rank else "…",
            peers=[_text(value, figure.unit) for value in figure.peers],
            country=_text(figure.country, figure.unit),
        )
        for figure in ranking.figures
    ]
    return PeerSection(
        month=month_name(ranking.period),
        area=ranking.area.name(language),
        peer_names=[peer.name(language) for peer in ranking.peers],
        country=ranking.country.name(language),
        rows=rows,
    )
