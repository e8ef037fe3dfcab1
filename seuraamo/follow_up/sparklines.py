"""Small trend lines as SVG markup drawn on the server: the series as a line, the next target as a
dashed line. Decorative (aria-hidden): the table or text next to each one holds the figures.
Presentation attributes only, no style attributes, so the strict Content-Security-Policy allows
them.

Each point stands at its period's place in time, and the line is broken wherever a period has no
value or is missing between two stored ones: two figures three years apart are never joined as if
they were a month apart (issue 20 §3). A figure with no neighbour is drawn as a dot."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from seuraamo.periods import Period

WIDTH, HEIGHT, PAD = 120, 32, 3
LINE = "#0b4f6c"


def runs(points: Sequence[tuple[str, float | None]]) -> list[list[tuple[int, float]]]:
    """The points as (ordinal, value) runs of consecutive periods that all have a value."""
    found: list[list[tuple[int, float]]] = []
    previous: int | None = None
    for period, value in points:
        ordinal = Period.parse(period).ordinal
        if value is None:
            previous = None
            continue
        if previous is None or ordinal - previous != 1:
            found.append([])
        found[-1].append((ordinal, value))
        previous = ordinal
    return found


def sparkline(
    points: Sequence[tuple[str, float | None]], target: float | None = None
) -> SafeString:
    """The (period code, value) points, oldest first, scaled to fit together with the target."""
    pieces = runs(points)
    known = [value for run in pieces for _ordinal, value in run]
    if len(known) < 2:
        return mark_safe("")
    first = Period.parse(points[0][0]).ordinal
    last = Period.parse(points[-1][0]).ordinal
    low = min([*known, target] if target is not None else known)
    high = max([*known, target] if target is not None else known)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / ((last - first) or 1)

    def x(ordinal: int) -> float:
        return round(PAD + (ordinal - first) * step, 1)

    def y(value: float) -> float:
        return round(HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD), 1)

    lines = format_html_join(
        "",
        '<polyline points="{}" fill="none" stroke="' + LINE + '" stroke-width="1.5"/>',
        ((" ".join(f"{x(o)},{y(v)}" for o, v in run),) for run in pieces if len(run) > 1),
    )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="1.5" fill="' + LINE + '"/>',
        ((x(run[0][0]), y(run[0][1])) for run in pieces if len(run) == 1),
    )
    target_line = (
        format_html(
            '<line class="sparkline__target" x1="{}" x2="{}" y1="{}" y2="{}" stroke="#1e7a34" '
            'stroke-width="1" stroke-dasharray="3 2"/>',
            PAD,
            WIDTH - PAD,
            y(target),
            y(target),
        )
        if target is not None
        else ""
    )
    return format_html(
        '<svg class="sparkline" width="{}" height="{}" viewBox="0 0 {} {}" aria-hidden="true" '
        'focusable="false">{}{}{}</svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        target_line,
        lines,
        dots,
    )
