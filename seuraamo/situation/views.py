"""The situation picture: the Kymenlaakso page, a page per municipality, the monthly review, the
time-series fragment for in-place updates and the chart data downloads. Thin views: the content
comes from contexts.py and pages.py, rendered once per data version (caching.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from seuraamo.areas.region import MUNICIPALITIES
from seuraamo.situation import caching, contexts, downloads, pages
from seuraamo.situation.charts.specs import static_variant, with_title_and_source
from seuraamo.situation.charts.svg import render_png, render_svg
from seuraamo.situation.selectors import area_name

FORMATS = ("csv", "fi.csv", "xlsx", "json", "svg", "png")
NAV = "situation"


@dataclass(frozen=True)
class Crumb:
    text: str
    url: str
    lang: str = ""
    prefix: str = ""


def _crumbs(*extra: Crumb) -> list[Crumb]:
    return [
        Crumb(_("Home"), reverse("programmes:home")),
        Crumb(_("Situation picture"), reverse("situation:situation")),
        *extra,
    ]


def _query(request: HttpRequest, *names: str) -> dict[str, str]:
    query = {name: request.GET.get(name, "") for name in names}
    if "statistic" in query and not query["statistic"]:
        # Links made before the parameter was renamed ask with ``measure=``.
        query["statistic"] = request.GET.get("measure", "")
    return query


@require_safe
def situation(request: HttpRequest) -> HttpResponse:
    query = _query(request, "area", "statistic")
    body = caching.fragment(
        "situation",
        json.dumps(query, sort_keys=True),
        lambda: render_to_string(
            "situation/_situation_body.html", contexts.situation(query["area"], query["statistic"])
        ),
    )
    context = {"body": body, "crumbs": _crumbs(), "nav": NAV, "vega_locale": contexts.vega_locale()}
    return render(request, "situation/situation.html", context)


@require_safe
def municipality(request: HttpRequest, code: str) -> HttpResponse:
    if code not in MUNICIPALITIES:
        raise Http404(_("There is no Kymenlaakso municipality with this code."))
    name = area_name(code)
    statistic = _query(request, "statistic")["statistic"]
    body = caching.fragment(
        f"municipality:{code}",
        statistic,
        lambda: render_to_string(
            "situation/_municipality_body.html", contexts.municipality(code, name, statistic)
        ),
    )
    crumbs = _crumbs(Crumb(name, reverse("situation:municipality", args=[code])))
    context = {
        "body": body,
        "name": name,
        "crumbs": crumbs,
        "nav": NAV,
        "vega_locale": contexts.vega_locale(),
    }
    return render(request, "situation/municipality.html", context)


@require_safe
def review_page(request: HttpRequest) -> HttpResponse:
    wanted = request.GET.get("period", "")

    def build() -> tuple[str, str]:
        context = contexts.review_page(wanted)
        return str(context["title"]), render_to_string("situation/_review_body.html", context)

    title, body = caching.cached("review", wanted, build)
    crumbs = _crumbs(Crumb(_("Monthly review"), reverse("situation:review")))
    context = {"title": title, "body": mark_safe(body), "crumbs": crumbs, "nav": NAV}  # noqa: S308
    return render(request, "situation/review.html", context)


@require_safe
def timeseries_fragment(request: HttpRequest) -> HttpResponse:
    """The time-series chart alone, for the page's script to swap in without a reload."""
    query = _query(request, "area", "statistic")

    def build() -> str:
        choice = pages.choose(query["area"], query["statistic"])
        chart = pages.chart(pages.timeseries(choice.area, choice.statistic))
        return render_to_string("situation/_chart.html", {"chart": chart, "open_table": False})

    body = caching.fragment("timeseries", json.dumps(query, sort_keys=True), build)
    response = HttpResponse(body)
    response["Cache-Control"] = "public, max-age=300"
    return response


def _file(chart: str, fmt: str, query: dict[str, str]) -> tuple[bytes, str, str] | None:
    """The download's bytes, content type and file name, or None without data."""
    data = pages.chart_data(chart, query)
    if data is None or (fmt in ("svg", "png") and data.spec is None):
        return None
    table = data.table
    stem = table.file_stem or f"seuraamo-{chart}"
    if fmt in ("csv", "fi.csv"):
        text = downloads.to_csv(table, excel_fi=fmt == "fi.csv")
        body = ("\ufeff" + text).encode("utf-8")  # BOM: Excel reads UTF-8
        name = f"{stem}.csv" if fmt == "csv" else f"{stem}.excel-fi.csv"
        return body, downloads.CONTENT_TYPES["csv"], name
    if fmt == "xlsx":
        info = [(_("Source"), data.source), (_("Licence"), downloads.LICENCE)]
        return downloads.to_xlsx(table, info=info), downloads.CONTENT_TYPES["xlsx"], f"{stem}.xlsx"
    if fmt == "json":
        units = {
            "persons": _("persons"),
            "vacancies": _("vacancies"),
            "percent": "%",
            "ratio": _("ratio"),
        }
        dataset = downloads.to_jsonstat2(table, unit_labels=units)
        body = json.dumps(dataset, ensure_ascii=False, indent=1).encode("utf-8")
        return body, downloads.CONTENT_TYPES["json"], f"{stem}.jsonstat2.json"
    image = with_title_and_source(static_variant(data.spec or {}), table.title, data.source)
    if fmt == "png":
        return render_png(image), "image/png", f"{stem}.png"
    body = render_svg(image).encode("utf-8")
    return body, "image/svg+xml", f"{stem}.svg"


@require_safe
def chart_data(request: HttpRequest, chart: str, fmt: str) -> HttpResponse:
    """A chart's data as CSV, XLSX or JSON-stat 2.0 (or its SVG image), exactly as on the page."""
    if chart not in pages.CHARTS or fmt not in FORMATS:
        raise Http404(_("No such chart or file format."))
    query = _query(request, "area", "statistic", "period")
    if not pages.known_period(chart, query["period"]):
        raise Http404(_("There are no stored figures for this month."))
    found = caching.cached(
        f"data:{chart}.{fmt}", json.dumps(query, sort_keys=True), lambda: _file(chart, fmt, query)
    )
    if found is None:
        raise Http404(_("There are no stored figures for this chart."))
    body, content_type, filename = found
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300"
    return response
