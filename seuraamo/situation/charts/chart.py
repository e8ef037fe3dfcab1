"""A chart as the page shows it: the table, the Vega-Lite spec, the server-rendered SVG, the
source line and the download links, all from one `DataTable`. (A "figure" is a statistic's value
with its period and comparison, `official_stats.selectors.Figure`; a chart is this `Chart`.)"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from seuraamo.situation.charts.specs import PHONE_WIDTH, static_variant
from seuraamo.situation.charts.svg import inline_svg, render_svg
from seuraamo.situation.tables import DataTable

#: (format in the URL, link text); the images are offered only for a chart that is drawn (not a
#: table alone).
DATA_FORMATS = (
    ("csv", gettext_lazy("CSV (commas, decimal point)")),
    ("fi.csv", gettext_lazy("CSV for Finnish Excel (semicolons, decimal comma)")),
    ("xlsx", "Excel (XLSX)"),
    ("json", "JSON-stat 2.0"),
)
IMAGE_FORMATS = (("svg", gettext_lazy("Chart as SVG")), ("png", gettext_lazy("Chart as PNG")))


@dataclass(frozen=True)
class Download:
    label: str
    url: str
    format: str
    image: bool = False  # a picture of the chart, not its data


@dataclass(frozen=True)
class Chart:
    key: str
    table: DataTable
    spec: dict[str, Any] | None
    svg: SafeString
    source_line: str
    downloads: tuple[Download, ...]
    description: str = ""  # a sentence on what the chart shows, for the caption
    query: dict[str, str] = field(default_factory=dict)  # what the chart shows (area, statistic …)
    #: The same chart laid out for a phone (a responsive chart only), shown instead of ``svg`` on a
    #: narrow screen until the interactive view is drawn, and without JavaScript.
    phone_svg: SafeString = field(default_factory=lambda: mark_safe(""))  # noqa: S308

    @property
    def responsive(self) -> bool:
        """Whether the browser may fit the chart to the page width; a fixed-size chart scrolls."""
        return bool(self.spec and self.spec.get("usermeta", {}).get("responsive"))

    @property
    def spec_json(self) -> SafeString:
        if self.spec is None:
            return mark_safe("")  # noqa: S308
        text = json.dumps(self.spec, ensure_ascii=False, separators=(",", ":"))
        # Safe inside <script type="application/json">: no "</script>" or "<!--" can appear.
        return mark_safe(text.replace("<", "\\u003c"))  # noqa: S308


def source_line(attribution: str, updated: datetime | None, latest_period_label: str = "") -> str:
    """ "Lähde: KEHA-keskus, Työnvälitystilasto; Tilastokeskus. Päivitetty 21.7.2026." """
    parts = [attribution.rstrip(".") + "."]
    if updated is not None:
        local = timezone.localtime(updated) if timezone.is_aware(updated) else updated
        parts.append(_("Updated %(date)s.") % {"date": formats.date_format(local, "DATE_FORMAT")})
    if latest_period_label:
        parts.append(_("Latest month: %(month)s.") % {"month": latest_period_label})
    return " ".join(parts)


def downloads(key: str, query: dict[str, str], *, images: bool = False) -> tuple[Download, ...]:
    found = []
    offered = [(fmt, label, False) for fmt, label in DATA_FORMATS]
    if images:
        offered += [(fmt, label, True) for fmt, label in IMAGE_FORMATS]
    for fmt, label, image in offered:
        url = reverse("situation:chart_data", kwargs={"chart": key, "fmt": fmt})
        if query:
            url += "?" + urlencode(query)
        found.append(Download(str(label), url, fmt, image))
    return tuple(found)


def build_chart(
    table: DataTable,
    spec: dict[str, Any] | None,
    *,
    key: str,
    query: dict[str, str],
    source: str,
    language: str,
    description: str = "",
) -> Chart:
    svg = phone_svg = ""
    if spec is not None and not table.is_empty:
        label = _("Chart: %(title)s. The data are in the table below the chart.") % {
            "title": table.title
        }
        svg = inline_svg(
            render_svg(static_variant(spec), language), prefix=f"svg-{key}", label=label
        )
        if spec.get("usermeta", {}).get("responsive"):
            phone = static_variant(spec, width=PHONE_WIDTH)
            phone_svg = inline_svg(
                render_svg(phone, language), prefix=f"svg-{key}-phone", label=label
            )
    return Chart(
        key=key,
        table=table,
        spec=spec if svg else None,
        svg=mark_safe(svg),  # noqa: S308  (rendered by vl-convert from our own spec)
        phone_svg=mark_safe(phone_svg),  # noqa: S308  (the same)
        source_line=source,
        downloads=downloads(key, query, images=bool(svg)),
        description=description,
        query=query,
    )
