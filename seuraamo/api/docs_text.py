"""The prose of the API documentation page in the reader's language (the catalogues translate it).

The OpenAPI document (`openapi.py`) stays English for programs; the page names each endpoint and
parameter as code (``<code>``) and explains them with the texts here, keyed by the operation's
``operationId`` and the parameter's name. Texts hold ``<code>`` elements for the names a caller
types and are marked safe: they come from the project's own catalogues, never from a request."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from seuraamo.api.params import DEFAULT_LIMIT, MAX_DERIVED_SERIES, MAX_LIMIT

SUMMARIES: dict[str, Promise] = {
    "listObservations": gettext_lazy("Observations filtered by table, content, area and period"),
    "listTables": gettext_lazy(
        "Stored tables, their content codes, periods and derived statistics"
    ),
    "listAreas": gettext_lazy(
        "Areas: whole country, ELY centre areas, regions, sub-regions, employment areas and "
        "municipalities"
    ),
}


def descriptions(max_cells: int) -> dict[str, list[SafeString]]:
    """Each operation's paragraphs."""
    return {
        "listObservations": [
            mark_safe(
                _(
                    "Stored figures, ordered by table, content, area, further dimension and "
                    "period, followed by the counts of employment areas summed from their "
                    "member municipalities and then by derived statistics. Each list parameter "
                    "takes comma-separated values and may be repeated."
                )
            ),
            mark_safe(
                _(
                    "At most %(max)s rows per response (%(default)s by default): the response "
                    "says how many rows match (<code>count</code>, header "
                    "<code>X-Total-Count</code>) and links the next page (<code>next</code>, "
                    "header <code>Link</code>)."
                )
                % {"max": MAX_LIMIT, "default": DEFAULT_LIMIT}
            ),
            mark_safe(
                _(
                    "The format is chosen by <code>format=</code> or else by the Accept header "
                    "(<code>text/csv</code>, <code>application/json-stat+json</code>); JSON by "
                    "default. A query matching more than %(cells)s stored figures is refused "
                    "with HTTP 400 naming a filter to add; a read stopped by the database's time "
                    "limit answers HTTP 503. Codes are given URL-encoded "
                    "(<code>extra=100%%2B</code>)."
                )
                % {"cells": max_cells}
            ),
        ],
        "listTables": [
            mark_safe(
                _(
                    "<code>derived_measures</code>, the earlier name of "
                    "<code>derived_statistics</code>, is deprecated and will be removed."
                )
            )
        ],
        "listAreas": [],
    }


def parameter_descriptions() -> dict[str, SafeString]:
    return {
        name: mark_safe(text)
        for name, text in {
            "table": _("Table ids."),
            "content": _(
                "Content codes and derived statistics (<code>share</code>, "
                "<code>long_term_share</code>, <code>under25_share</code>, "
                "<code>foreign_share</code>, <code>vacancies_per_unemployed</code>), each also "
                "with the ending <code>_ma12</code> (12-month moving average), <code>_yoy</code> "
                "(change from a year earlier) or <code>_yoy_pct</code>. Derived statistics need "
                "an area (at most %(max)s series). Every stored code if left out."
            )
            % {"max": MAX_DERIVED_SERIES},
            "area": _("Area codes; the areas and their codes are listed at /api/areas."),
            "extra": _(
                "Codes of a table's further dimension (the occupation in the occupation table)."
            ),
            "from": _("The first period (inclusive), of the table's own frequency."),
            "to": _("The last period (inclusive), of the same kind as the first."),
            "period": _("Exact periods: months, quarters, half-years or years."),
            "format": _("The response format."),
            "lang": _(
                "The language of the labels; without it, the first of fi, sv and en in the "
                "Accept-Language header, Finnish by default."
            ),
            "limit": _("Rows per response."),
            "offset": _("The first row of the page (counted from 0)."),
            "level": _("Only areas of these levels."),
            "code": _("Only these area codes."),
        }.items()
    }
