"""Small trend lines as SVG markup drawn on the server: the series as a line, the next target as a
dashed line. Decorative (aria-hidden): the table next to each one holds the figures. Presentation
attributes only, no style attributes, so the strict Content-Security-Policy allows them."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD = 120, 32, 3


def sparkline(values: list[float | None], target: float | None = None) -> SafeString:
    """The values (oldest first, None for a gap) as a polyline scaled to fit with the target."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return mark_safe("")
    low = min([*known, target] if target is not None else known)
    high = max([*known, target] if target is not None else known)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / (len(values) - 1)

    def y(value: float) -> float:
        return round(HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD), 1)

    points = " ".join(
        f"{round(PAD + index * step, 1)},{y(value)}"
        for index, value in enumerate(values)
        if value is not None
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
        'focusable="false">{}<polyline points="{}" fill="none" stroke="#0b4f6c" '
        'stroke-width="1.5"/></svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        target_line,
        points,
    )
