"""Vega-Lite specifications (plain dicts) built from a chart's `DataTable`.

The data are inline, taken from the table's rows, so the chart shows what the table shows. Text in
the data (tooltips, labels) is pre-formatted in the active language; axes use the d3 locale that the
renderer is given. Colours have at least 3:1 contrast against white for lines and bars and 4.5:1
for text, and each series also differs by dash pattern, label or position, never by colour alone.
"""

from __future__ import annotations

from typing import Any

from seuraamo.areas.geo import Feature, spread_labels
from seuraamo.core.formatting import format_value, period_date
from seuraamo.periods import Period
from seuraamo.situation.tables import DataTable

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
TEXT = "#1a1a1a"
AXIS = "#595959"
SERIES_COLOURS = ["#1f4e79", "#a33f00", "#2e6b30", "#6a3d9a"]
SERIES_DASHES = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3]]
BAR_COLOUR = "#1f4e79"
MAP_RANGE = ["#f3f6fa", "#5b85b8"]  # black text keeps ≥ 5:1 contrast on every shade
WIDTH = 640
HEIGHT = 320
#: The whole width (axes and legend included) of a chart's phone-sized static image: it fits the
#: page at 360 px and is drawn at its own size there, so its text is FONT_SIZE pixels on a phone
#: instead of a 640-pixel picture shrunk to half (text of 6 px).
PHONE_WIDTH = 320
#: No text in a chart is smaller (axes, legends, labels), on a phone as on a desktop.
FONT_SIZE = 12

CONFIG: dict[str, Any] = {
    # The SVG root is one labelled image (role="img") with the data table next to it; Vega's own
    # per-mark ARIA roles would make screen readers walk hundreds of unlabelled graphics.
    "aria": False,
    "font": "sans-serif",
    "background": "#ffffff",
    "view": {"stroke": None},
    "axis": {
        "labelColor": TEXT,
        "titleColor": TEXT,
        "domainColor": AXIS,
        "tickColor": AXIS,
        "gridColor": "#e3e3e3",
        "labelFontSize": FONT_SIZE,
        "titleFontSize": FONT_SIZE,
    },
    "legend": {
        "labelColor": TEXT,
        "titleColor": TEXT,
        "labelFontSize": FONT_SIZE,
        "titleFontSize": FONT_SIZE,
    },
    "header": {"labelColor": TEXT, "titleColor": TEXT, "labelFontSize": 13},
    "text": {"color": TEXT},
}


def _hide_marks(spec: Any) -> Any:
    """Set ``aria: false`` on every mark: the chart is one labelled image (role="img") with a
    data table beside it, so the marks are hidden from assistive technology instead of being
    hundreds of unnamed graphics."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "mark":
                spec[key] = (
                    {"type": value, "aria": False}
                    if isinstance(value, str)
                    else {**value, "aria": False}
                )
            else:
                _hide_marks(value)
    elif isinstance(spec, list):
        for item in spec:
            _hide_marks(item)
    return spec


def _base(description: str) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "description": description,
        "config": CONFIG,
        "usermeta": {"responsive": True},
    }


def _months(first: str, last: str) -> list[str]:
    start, end = Period.parse(first), Period.parse(last)
    return [start.shift(step).code for step in range(end.ordinal - start.ordinal + 1)]


def _missing_months(table: DataTable, series: list[str]) -> list[dict[str, Any]]:
    """A null point for every series in every month of each run of missing months (the table's
    breaks, from `official_stats.selectors.missing_runs`): Vega-Lite breaks a line at a null, so
    the line stops at 2023M10 and starts again at 2026M06 in the offline snapshot instead of
    bridging 31 months as if they were one."""
    return [
        {"period": period_date(month), "series": name, "value": None, "isolated": False}
        for item in table.breaks
        for month in _months(item.first_code, item.last_code)
        for name in series
    ]


def _mark_isolated(rows: list[dict[str, Any]]) -> None:
    """Flag points with no neighbour month with a value in their series: a line cannot show them,
    a dot does."""
    present = {(row["series"], row["period"]) for row in rows if row["value"] is not None}
    for row in rows:
        if row["value"] is None:
            row["isolated"] = False
            continue
        year, month = int(row["period"][:4]), int(row["period"][5:7])
        before = f"{year - (month == 1)}-{12 if month == 1 else month - 1:02d}-01"
        after = f"{year + (month == 12)}-{1 if month == 12 else month + 1:02d}-01"
        row["isolated"] = (row["series"], before) not in present and (
            row["series"],
            after,
        ) not in present


GAP_FILL = "#e8e8e8"


def _gap_layers(table: DataTable) -> list[dict[str, Any]]:
    """A grey band over each run of missing months, labelled in words along it (drawn in the
    static SVG too, so a printed chart still says where figures are missing)."""
    if not table.breaks:
        return []
    bands = [
        {
            "start": period_date(item.first_code),
            "end": period_date(item.last_code),
            "middle": period_date(_middle(item.first_code, item.last_code)),
            "label": item.label,
        }
        for item in table.breaks
    ]
    return [
        {
            "data": {"values": bands},
            "mark": {"type": "rect", "color": GAP_FILL},
            "encoding": {
                "x": {"field": "start", "type": "temporal"},
                "x2": {"field": "end"},
                "y": {"value": 0},
                "y2": {"value": HEIGHT},
                "color": {"value": GAP_FILL},
            },
        },
        {
            "data": {"values": bands},
            "mark": {"type": "text", "angle": 270, "fontSize": FONT_SIZE, "color": TEXT},
            "encoding": {
                "x": {"field": "middle", "type": "temporal"},
                "y": {"value": HEIGHT / 2},
                "text": {"field": "label"},
                "color": {"value": TEXT},
            },
        },
    ]


def _middle(first: str, last: str) -> str:
    start, end = Period.parse(first), Period.parse(last)
    return start.shift((end.ordinal - start.ordinal) // 2).code


def line_chart(table: DataTable, *, y_title: str) -> dict[str, Any]:
    """Months on the x axis, one line per column (an area), with hover tooltips."""
    names = [column.label for column in table.columns]
    rows: list[dict[str, Any]] = []
    for row in table.rows:
        for cell, column in zip(row.cells, table.columns, strict=True):
            # A month without a value (suppressed, not yet published) stays as a null: the line
            # breaks there instead of joining its neighbours.
            rows.append(
                {
                    "period": period_date(row.code),
                    "month": row.label,
                    "series": column.label,
                    "value": cell.value,
                    "text": format_value(cell.value, column.unit, column.decimals)
                    if cell.value is not None
                    else "",
                }
            )
    _mark_isolated(rows)
    rows += _missing_months(table, names)
    rows.sort(key=lambda row: row["period"])
    percent = bool(table.columns) and table.columns[0].unit == "percent"
    colour = {
        "field": "series",
        "type": "nominal",
        "title": None,
        "scale": {"domain": names, "range": SERIES_COLOURS[: len(names)]},
        # Under the plot, one entry a line: never over the lines, and a long area name beside
        # the country's still fits a phone.
        "legend": {
            "orient": "bottom",
            "direction": "vertical",
            "symbolType": "stroke",
            "symbolStrokeWidth": 3,
        },
    }
    x = {
        "field": "period",
        "type": "temporal",
        "timeUnit": "yearmonth",
        "title": None,
        "axis": {"format": "%Y", "labelAngle": 0, "tickCount": "year", "labelOverlap": True},
        "scale": {"padding": 8},
    }
    y = {
        "field": "value",
        "type": "quantitative",
        "title": y_title,
        "scale": {"zero": not percent},
        "axis": {"format": ",.1f" if percent else ",d"},
    }
    spec = _base(table.title)
    spec.update(
        {
            "width": WIDTH,
            "height": HEIGHT,
            "data": {"values": rows},
            "encoding": {"x": x, "y": y, "color": colour},
            "layer": [
                {
                    "mark": {"type": "line", "strokeWidth": 2.5, "interpolate": "linear"},
                    "encoding": {
                        # Dashes as well as colours tell the series apart; one merged legend.
                        "strokeDash": {
                            "field": "series",
                            "type": "nominal",
                            "title": None,
                            "scale": {"domain": names, "range": SERIES_DASHES[: len(names)]},
                        }
                    },
                },
                {
                    "transform": [{"filter": "datum.isolated"}],
                    "mark": {"type": "point", "filled": True, "size": 40, "opacity": 1},
                },
                {
                    "params": [
                        {
                            "name": "hover",
                            "select": {
                                "type": "point",
                                "fields": ["period"],
                                "nearest": True,
                                "on": "pointerover",
                                "clear": "pointerout",
                            },
                        }
                    ],
                    "mark": {"type": "point", "filled": True, "size": 60},
                    "encoding": {
                        "opacity": {
                            "condition": {"param": "hover", "value": 1, "empty": False},
                            "value": 0,
                        },
                        "tooltip": [
                            {
                                "field": "month",
                                "type": "nominal",
                                "title": table.row_dimension.label,
                            },
                            {
                                "field": "series",
                                "type": "nominal",
                                "title": table.column_dimension.label,
                            },
                            {"field": "text", "type": "nominal", "title": y_title},
                        ],
                    },
                },
                *_gap_layers(table),
            ],
        }
    )
    return _hide_marks(spec)


MAP_SIZE = 460


def map_chart(table: DataTable, features: list[Feature], *, legend_title: str) -> dict[str, Any]:
    """A choropleth of the table's first column over the municipalities (EPSG:3067 metres drawn
    with the identity projection), each labelled with its name and value."""
    column = table.columns[0]
    by_code = {row.code: row for row in table.rows}
    shapes = []
    texts = []
    for feature in features:
        row = by_code.get(feature.code)
        value = row.cells[0].value if row else None
        text = format_value(value, column.unit, column.decimals) if value is not None else "…"
        name = row.label if row else feature.name  # the name in the page's language
        properties = {"code": feature.code, "name": name, "value": value, "text": text}
        shapes.append({"type": "Feature", "geometry": feature.geometry, "properties": properties})
        texts.append(f"{name}\n{text}")
    # Labels moved apart where they would overlap.
    labels = [
        {"x": x, "y": y, "label": text}
        for feature, text, (x, y) in zip(
            features, texts, spread_labels(features, texts, MAP_SIZE), strict=True
        )
    ]
    spec = _base(table.title)
    spec.update(
        {
            "width": MAP_SIZE,
            "height": MAP_SIZE,
            "projection": {"type": "identity", "reflectY": True},
            "layer": [
                {
                    "data": {
                        "values": {"type": "FeatureCollection", "features": shapes},
                        "format": {"type": "json", "property": "features"},
                    },
                    "mark": {"type": "geoshape", "stroke": "#333333", "strokeWidth": 0.8},
                    "encoding": {
                        "color": {
                            "field": "properties.value",
                            "type": "quantitative",
                            "title": legend_title,
                            "scale": {"range": MAP_RANGE},
                            "legend": {"format": ",.1f", "orient": "right"},
                        },
                        "tooltip": [
                            {
                                "field": "properties.name",
                                "type": "nominal",
                                "title": table.row_dimension.label,
                            },
                            {"field": "properties.text", "type": "nominal", "title": column.label},
                        ],
                    },
                },
                {
                    "data": {"values": labels},
                    "mark": {
                        "type": "text",
                        "lineBreak": "\n",
                        "fontSize": FONT_SIZE,
                        "fontWeight": "bold",
                        "color": TEXT,
                    },
                    "encoding": {
                        "longitude": {"field": "x", "type": "quantitative"},
                        "latitude": {"field": "y", "type": "quantitative"},
                        "text": {"field": "label"},
                    },
                },
            ],
        }
    )
    return _hide_marks(spec)


#: The x scale of a bar chart with values written at the bar ends reaches this far past the
#: longest bar, so that its value fits inside the plot.
LABEL_ROOM = 1.3
#: Width of each panel of a paired bar chart: with the names above the bars, it fits a phone.
PANEL_WIDTH = 300


def paired_bar_chart(table: DataTable) -> dict[str, Any]:
    """One horizontal bar chart per column side by side (e.g. unemployed | vacancies by
    occupation group), each with its own scale and the values written at the bar ends."""
    rows = []
    for row in table.rows:
        for cell, column in zip(row.cells, table.columns, strict=True):
            rows.append(
                {
                    "group": row.label,
                    "column": column.label,
                    "value": cell.value,
                    "position": cell.value or 0,
                    "text": format_value(cell.value, column.unit, column.decimals) or "…",
                }
            )
    order = [row.label for row in table.rows]
    panels = []
    for column in table.columns:
        y = {
            "field": "group",
            "type": "nominal",
            "sort": order,
            "title": None,
            "axis": None,  # each group's name is written above its bar (fits a phone)
        }
        x = {
            "field": "value",
            "type": "quantitative",
            "title": column.label,
            "axis": {
                "format": ",d" if column.decimals == 0 else f",.{column.decimals}f",
                "labelFlush": True,  # the last tick's label stays inside the chart
            },
        }
        top = max((row["position"] for row in rows if row["column"] == column.label), default=0)
        if top > 0:
            # Room after the longest bar for its value, which would otherwise be cut off.
            x["scale"] = {"domain": [0, top * LABEL_ROOM], "nice": True}
        panels.append(
            {
                "width": PANEL_WIDTH,
                "height": {"step": 36},
                "transform": [{"filter": {"field": "column", "equal": column.label}}],
                "encoding": {"y": y, "x": x},
                "layer": [
                    {
                        "mark": {
                            "type": "text",
                            "align": "left",
                            "baseline": "bottom",
                            "yOffset": -1,
                            "fontSize": FONT_SIZE,
                            "limit": PANEL_WIDTH,
                            "color": TEXT,
                        },
                        "encoding": {"text": {"field": "group"}, "x": {"value": 0}},
                    },
                    {
                        "mark": {"type": "bar", "color": BAR_COLOUR, "height": 14, "yOffset": 8},
                        "encoding": {
                            "tooltip": [
                                {"field": "group", "title": table.row_dimension.label},
                                {"field": "text", "title": column.label},
                            ]
                        },
                    },
                    {
                        "mark": {
                            "type": "text",
                            "align": "left",
                            "dx": 3,
                            "yOffset": 8,
                            "fontSize": FONT_SIZE,
                        },
                        "encoding": {
                            "text": {"field": "text"},
                            "x": {"field": "position", "type": "quantitative"},
                        },
                    },
                ],
            }
        )
    spec = _base(table.title)
    spec["usermeta"] = {"responsive": False}
    spec.update(
        {
            "data": {"values": rows},
            "vconcat": panels,  # stacked: narrow enough for a phone held upright
            "spacing": 24,
            "resolve": {"scale": {"x": "independent", "y": "shared"}},
        }
    )
    return _hide_marks(spec)


def static_variant(spec: dict[str, Any], *, width: int | None = None) -> dict[str, Any]:
    """The spec for a static image: without the layers that only serve pointer interaction (hover
    points and their tooltips), which would otherwise add an invisible mark per data point.

    With ``width`` (a responsive chart only), the whole image, axes and legend included, is laid
    out ``width`` pixels wide, as the browser lays out the interactive chart in a column that
    wide: the phone-sized image keeps its text at FONT_SIZE instead of being shrunk."""
    static = dict(spec)
    if "layer" in spec:
        static["layer"] = [layer for layer in spec["layer"] if "params" not in layer]
    if width is not None and spec.get("usermeta", {}).get("responsive"):
        static["width"] = width
        static["autosize"] = {"type": "fit-x", "contains": "padding"}
    return static


PROJECTION_COLOUR = "#a33f00"
BAND_FILL = "#f4d9c6"


def _label_place(band: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Where the word "Projection" goes: above the band's highest point, at its last month."""
    if not band:
        return []
    return [{"period": band[-1]["period"], "high": max(point["high"] for point in band)}]


def projection_chart(table: DataTable, *, y_title: str, label: str) -> dict[str, Any]:
    """The stored months and their trend as lines, the projection as a dashed line in an 80 %
    band, with the word ``label`` ("Projection") written over the projected months."""
    rows: list[dict[str, Any]] = []
    band: list[dict[str, Any]] = []
    names = {column.code: column.label for column in table.columns}
    for row in table.rows:
        values = {
            column.code: cell.value for column, cell in zip(table.columns, row.cells, strict=True)
        }
        for code in ("actual", "trend", "projection"):
            if values[code] is not None:
                rows.append(
                    {"period": period_date(row.code), "series": names[code], "value": values[code]}
                )
        if values["low"] is not None:
            band.append(
                {"period": period_date(row.code), "low": values["low"], "high": values["high"]}
            )
    series = [names["actual"], names["trend"], names["projection"]]
    x = {
        "field": "period",
        "type": "temporal",
        "title": None,
        "axis": {"format": "%m/%Y", "labelOverlap": True},
    }
    spec = _base(table.title)
    spec.update(
        {
            "width": WIDTH,
            "height": HEIGHT,
            "layer": [
                {
                    "data": {"values": band},
                    "mark": {"type": "area", "color": BAND_FILL},
                    "encoding": {
                        "x": x,
                        "y": {
                            "field": "low",
                            "type": "quantitative",
                            "title": y_title,
                            "axis": {"format": ",d"},
                        },
                        "y2": {"field": "high"},
                    },
                },
                {
                    "data": {"values": rows},
                    "mark": {"type": "line", "strokeWidth": 2.5},
                    "encoding": {
                        "x": x,
                        "y": {"field": "value", "type": "quantitative", "scale": {"zero": False}},
                        "color": {
                            "field": "series",
                            "type": "nominal",
                            "title": None,
                            "scale": {
                                "domain": series,
                                "range": [SERIES_COLOURS[0], "#2e6b30", PROJECTION_COLOUR],
                            },
                            "legend": {
                                "orient": "bottom",
                                "direction": "vertical",
                                "symbolType": "stroke",
                                "labelLimit": PHONE_WIDTH,
                            },
                        },
                        "strokeDash": {
                            "field": "series",
                            "type": "nominal",
                            "title": None,
                            "scale": {"domain": series, "range": [[1, 0], [2, 2], [6, 3]]},
                        },
                    },
                },
                {
                    # Over the band, ending where the plot ends: inside the chart on a phone too.
                    "data": {"values": _label_place(band)},
                    "mark": {
                        "type": "text",
                        "align": "right",
                        "baseline": "bottom",
                        "dy": -4,
                        "fontSize": FONT_SIZE,
                        "color": TEXT,
                    },
                    "encoding": {
                        "x": {"field": "period", "type": "temporal"},
                        "y": {"field": "high", "type": "quantitative"},
                        "text": {"value": label},
                    },
                },
            ],
        }
    )
    return _hide_marks(spec)


def with_title_and_source(spec: dict[str, Any], title: str, source: str) -> dict[str, Any]:
    """A downloaded chart carries its title and source line, so it stands alone in a document."""
    return {
        **spec,
        "title": {
            "text": title,
            "subtitle": source,
            "anchor": "start",
            "fontSize": 15,
            "subtitleFontSize": 11,
            "color": TEXT,
            "subtitleColor": TEXT,
            "limit": WIDTH,
            "subtitleLimit": WIDTH,
        },
    }
