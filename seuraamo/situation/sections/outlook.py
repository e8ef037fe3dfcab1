"""The monthly review's outlook paragraphs: Kymenlaakso among the regions, the projection, the
early warning and the barometers, each quoted where the store has it and said plainly where it
does not. Sentences are built so that no word is inflected by a figure or a place (the same
pattern in fi, sv and en)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from seuraamo.areas.region import MUNICIPALITIES, REGION
from seuraamo.core.formatting import current_language, format_number, format_value, month_name
from seuraamo.official_stats import registry, selectors, statistics
from seuraamo.periods import Period
from seuraamo.publications import selectors as publication_selectors
from seuraamo.publications.models import BarometerState
from seuraamo.situation.sections import warnings
from seuraamo.situation.selectors import area_name, peer_regions


@dataclass(frozen=True)
class Outlook:
    peers: str = ""
    projection: str = ""
    warnings: list[str] = field(default_factory=list)
    barometer: str = ""
    publications: list[str] = field(default_factory=list)
    latest_only: str = ""  # said in the review of an earlier month


def _peers(period: Period) -> str:
    ranking = selectors.region_ranking(REGION, peer_regions(), period)
    share = next((f for f in ranking.figures if f.key == "share"), None) if ranking else None
    if ranking is None or share is None or share.rank is None:
        return ""
    language = current_language()
    named = ", ".join(
        f"{area.name(language)} {format_value(value, 'percent', 1)}"
        for area, value in zip(ranking.peers, share.peers, strict=True)
        if value is not None
    )
    return _(
        "Among the 19 regions, %(area)s ranks %(rank)s / %(ranked)s by unemployment share "
        "(%(value)s; 1 = the highest). Peer regions: %(peers)s."
    ) % {
        "area": ranking.area.name(language),
        "rank": share.rank,
        "ranked": share.ranked,
        "value": format_value(share.value, "percent", 1),
        "peers": named or "…",
    }


def _projection(period: Period) -> str:
    found = selectors.trend_projection(
        registry.UNEMPLOYMENT_TABLE, statistics.DEFAULT_STATISTIC, REGION
    )
    if found is None or found.origin != period:
        return _(
            "No projection is made from %(month)s: it needs the two years before it unbroken, "
            "and the stored figures have a gap."
        ) % {"month": month_name(period)}
    target, last = found.projected[-1]
    return _(
        "Projection, not a statistic: %(value)s unemployed jobseekers in %(month)s; 80%% of "
        "such projections' past errors would put it between %(low)s and %(high)s."
    ) % {
        "value": format_number(last.value),
        "month": month_name(target),
        "low": format_number(last.low),
        "high": format_number(last.high),
    }


def _barometer() -> str:
    view = publication_selectors.barometer_view(REGION)
    if view is None:
        return _("No barometer data are loaded, so Työvoimabarometri is not quoted here.")
    counts = dict(view.states)
    text = _(
        "Työvoimabarometri, %(month)s, %(area)s: occupations with a labour shortage "
        "%(shortage)s, with a matching problem %(problem)s."
    ) % {
        "area": area_name(REGION),
        "month": month_name(view.month),
        "shortage": counts.get(str(BarometerState.SHORTAGE.label), 0),
        "problem": counts.get(str(BarometerState.MATCHING_PROBLEM.label), 0),
    }
    if view.constructed:
        text += " " + _("These figures come from a constructed test sample, not a real release.")
    return text


def _publications() -> list[str]:
    """The latest recorded figures of each register publication for Kymenlaakso."""
    lines = []
    for publication, figures in publication_selectors.latest_figures(REGION):
        name = getattr(publication, f"name_{current_language()}", "") or publication.name_fi
        values = ", ".join(
            f"{row.indicator_name or row.indicator} "
            f"{format_number(row.value, 1 if row.value % 1 else 0)}"
            for row in figures
        )
        period = Period.parse(figures[0].period).label(current_language())
        lines.append(f"{name} ({period}): {values}.")
    return lines


def outlook(period: Period, latest: bool) -> Outlook:
    """The outlook of the review of ``period``; ``latest``: it is the latest stored month."""
    if not latest:
        return Outlook(
            peers=_peers(period),
            latest_only=_(
                "The projection, the early warning and the barometers are quoted in the latest "
                "month's review."
            ),
        )
    found = warnings.section(MUNICIPALITIES)
    said = []
    if found is not None:
        said = found.alerts or [text for text in (found.calm, found.unknown) if text]
    return Outlook(
        peers=_peers(period),
        projection=_projection(period),
        warnings=said,
        barometer=_barometer(),
        publications=_publications(),
    )
