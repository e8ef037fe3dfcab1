"""Vega-Lite specs from chart tables, the server-side SVG rendering and its cache, the vendored
browser bundle."""

from __future__ import annotations

import re

import pytest

from seuraamo.areas import geo
from seuraamo.situation import datasets
from seuraamo.situation.charts import specs, svg
from seuraamo.situation.charts.vega_bundle import BUNDLE, header, vendored_header
from seuraamo.situation.tables import Column, DataTable, Dimension, Row, make_cell


def series_table() -> DataTable:
    periods = ["2023M08", "2023M09", "2023M10", "2026M06"]
    rows = tuple(
        Row(
            p,
            p,
            (
                make_cell(10.0 + i, "", 1),
                make_cell(None, "...", 1) if i == 1 else make_cell(9.0, "", 1),
            ),
        )
        for i, p in enumerate(periods)
    )
    return DataTable(
        key="timeseries",
        title="Share",
        row_dimension=Dimension("period", "Month", "time"),
        column_dimension=Dimension("area", "Area", "geo"),
        columns=(
            Column("MK08", "Kymenlaakso", "percent", 1),
            Column("SSS", "Whole country", "percent", 1),
        ),
        rows=rows,
        breaks=datasets.breaks(periods),  # 2023M11–2026M05, as in the offline snapshot
    )


def test_line_chart_data_are_the_table_values() -> None:
    table = series_table()
    spec = specs.line_chart(table, y_title="%")
    assert spec["$schema"].endswith("vega-lite/v6.json")
    points = [row for row in spec["data"]["values"] if row["value"] is not None]
    from_table = {
        (column.label, row.code[:4] + "-" + row.code[5:] + "-01"): cell.value
        for row in table.rows
        for cell, column in zip(row.cells, table.columns, strict=True)
        if cell.value is not None
    }
    assert {(p["series"], p["period"]): p["value"] for p in points} == from_table


def test_line_breaks_across_a_gap_and_marks_isolated_points() -> None:
    spec = specs.line_chart(series_table(), y_title="%")
    gaps = {
        (row["series"], row["period"]) for row in spec["data"]["values"] if row["value"] is None
    }
    # Every missing month of the run 2023M11–2026M05 is a null in both lines, and so is the
    # country's suppressed 2023M09 ("..."): Vega-Lite breaks a line at a null.
    missing = {f"{year}-{month:02d}-01" for year in (2024, 2025) for month in range(1, 13)}
    missing |= {"2023-11-01", "2023-12-01"} | {f"2026-{month:02d}-01" for month in range(1, 6)}
    assert len(missing) == 31
    assert gaps == {
        (name, period) for name in ("Kymenlaakso", "Whole country") for period in missing
    } | {("Whole country", "2023-09-01")}
    isolated = {
        (row["series"], row["period"]) for row in spec["data"]["values"] if row.get("isolated")
    }
    assert isolated == {
        ("Kymenlaakso", "2026-06-01"),
        ("Whole country", "2023-08-01"),  # its neighbour 2023M09 has no value
        ("Whole country", "2023-10-01"),  # nor has 2023M09 nor 2023M11
        ("Whole country", "2026-06-01"),
    }


def test_legends_sit_under_the_plot_and_year_labels_are_thinned() -> None:
    spec = specs.line_chart(series_table(), y_title="%")
    legend = spec["encoding"]["color"]["legend"]
    assert (legend["orient"], legend["direction"]) == ("bottom", "vertical")
    axis = spec["encoding"]["x"]["axis"]
    assert axis["labelOverlap"] is True and axis["tickCount"] == "year"
    projection = specs.projection_chart(projection_table(), y_title="n", label="Projection")
    lines = next(layer for layer in projection["layer"] if "color" in layer["encoding"])
    assert lines["encoding"]["color"]["legend"]["orient"] == "bottom"
    assert lines["encoding"]["x"]["axis"]["labelOverlap"] is True


def projection_table() -> DataTable:
    def row(period: str, *values: float | None) -> Row:
        return Row(period, period, tuple(make_cell(value, "", 0) for value in values))

    return DataTable(
        key="projection",
        title="Projection",
        row_dimension=Dimension("period", "Month", "time"),
        column_dimension=Dimension("statistic", "Statistic", "metric"),
        columns=tuple(
            Column(code, code, "persons", 0)
            for code in ("actual", "trend", "projection", "low", "high")
        ),
        rows=(
            row("2023M09", 100, 101, None, None, None),
            row("2023M10", 102, 101, None, None, None),
            row("2023M11", None, None, 103, 90, 115),
            row("2023M12", None, None, 104, 88, 120),
        ),
    )


def test_the_phone_image_is_laid_out_for_a_phone_with_12_px_text_and_a_broken_line() -> None:
    """The static image a phone shows (before the chart turns interactive, and without JavaScript)
    is 320 px wide at its own size, not the 700-px desktop image shrunk to half."""
    spec = specs.line_chart(series_table(), y_title="%")
    phone = specs.static_variant(spec, width=specs.PHONE_WIDTH)
    assert "width" in spec and spec["width"] == specs.WIDTH  # the page's spec is unchanged
    drawn = svg.render_svg(phone, "fi")
    assert re.match(r'<svg[^>]* width="320"', drawn)
    sizes = {float(size) for size in re.findall(r'font-size="([0-9.]+)px"', drawn)}
    assert sizes and min(sizes) >= 12
    # Kymenlaakso's line stops at 2023M10 and 2026M06 is a point of its own (a second subpath).
    line = re.search(r'class="mark-line[^"]*"[^>]*><path d="([^"]+)"', drawn).group(1)
    assert line.count("M") == 2
    bars = specs.paired_bar_chart(series_table())  # a fixed-size chart keeps its size
    assert "autosize" not in specs.static_variant(bars, width=specs.PHONE_WIDTH)


def test_series_differ_by_dash_as_well_as_colour() -> None:
    spec = specs.line_chart(series_table(), y_title="%")
    line = spec["layer"][0]
    assert line["encoding"]["strokeDash"]["field"] == "series"
    assert spec["encoding"]["color"]["field"] == "series"


def test_static_variant_drops_the_hover_layer() -> None:
    spec = specs.line_chart(series_table(), y_title="%")
    static = specs.static_variant(spec)
    assert any("params" in layer for layer in spec["layer"])
    assert not any("params" in layer for layer in static["layer"])


def test_map_chart_uses_identity_projection_and_labels() -> None:
    features = list(geo.municipalities())
    assert [f.code for f in features] == ["KU075", "KU285", "KU286", "KU489", "KU624", "KU935"]
    table = DataTable(
        key="map",
        title="Share",
        row_dimension=Dimension("area", "Municipality", "geo"),
        column_dimension=Dimension("statistic", "Statistic", "metric"),
        columns=(Column("share", "Share", "percent", 1),),
        rows=tuple(
            Row(f.code, f.name, (make_cell(10.0 + i, "", 1),)) for i, f in enumerate(features)
        ),
    )
    spec = specs.map_chart(table, features, legend_title="%")
    assert spec["projection"] == {"type": "identity", "reflectY": True}
    shapes = spec["layer"][0]["data"]["values"]["features"]
    assert {f["properties"]["code"]: f["properties"]["value"] for f in shapes} == {
        row.code: row.cells[0].value for row in table.rows
    }
    labels = spec["layer"][1]["data"]["values"]
    assert {label["label"].split("\n")[0] for label in labels} == {f.name for f in features}
    # EPSG:3067 metres: the label points fall inside Kymenlaakso's bounding box.
    for label in labels:
        assert 440_000 < label["x"] < 560_000 and 6_690_000 < label["y"] < 6_830_000


def test_svg_rendering_and_cache(monkeypatch) -> None:
    svg.clear_cache()
    calls = []
    real = svg._render

    def counting(spec, language):
        calls.append(language)
        return real(spec, language)

    monkeypatch.setattr(svg, "_render", counting)
    spec = specs.static_variant(specs.line_chart(series_table(), y_title="%"))
    first = svg.render_svg(spec, "fi")
    second = svg.render_svg(spec, "fi")
    assert first == second and first.startswith("<svg")
    assert calls == ["fi"]
    svg.render_svg(spec, "en")
    assert calls == ["fi", "en"]
    assert "10,0" in first  # Finnish decimal comma on the y axis
    assert svg.cache_size() == 2


def test_inline_svg_ids_are_prefixed_and_labelled() -> None:
    raw = '<?xml version="1.0"?><svg width="1"><defs><clipPath id="clip1"/></defs><g clip-path="url(#clip1)"/></svg>'
    inlined = svg.inline_svg(raw, prefix="svg-map", label='A "map" & more')
    assert inlined.startswith('<svg role="img" aria-label="A &quot;map&quot; &amp; more"')
    assert 'id="svg-map-clip1"' in inlined and "url(#svg-map-clip1)" in inlined
    assert 'id="clip1"' not in inlined


def test_rendered_page_svgs_have_unique_ids(client, situation) -> None:
    html = client.get("/fi/situation/").content.decode()
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_vendored_bundle_matches_the_installed_package() -> None:
    assert BUNDLE.exists() and BUNDLE.stat().st_size > 500_000
    assert vendored_header() == header()
    tail = BUNDLE.read_text(encoding="utf-8")[-300:]
    assert "window.vegaEmbed" in tail


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_page_embeds_the_locale_for_the_browser(client, situation, language) -> None:
    html = client.get(f"/{language}/situation/").content.decode()
    locale = re.search(
        r'<script type="application/json" id="vega-locale">(.*?)</script>', html
    ).group(1)
    assert ('"decimal": "."' in locale) == (language == "en")


def test_chart_svg_for_reports(situation) -> None:
    from seuraamo.situation.pages import chart_svg

    image = chart_svg("timeseries", {"area": "KU285", "statistic": "share"})
    assert image.startswith("<svg") and "Kotka" in image
    assert chart_svg("municipalities") is None  # a table without a chart
