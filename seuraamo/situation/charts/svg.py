"""Vega-Lite specifications rendered to SVG on the server (vl-convert), for pages without
JavaScript and for PDF.

Rendering takes tens to hundreds of milliseconds, so the SVGs are cached in memory, keyed by a hash
of the specification and the locale; a spec carries its data inline, so new data means a new key.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from typing import Any, Literal

import vl_convert

from seuraamo.core.formatting import current_language

#: d3 locales per interface language: number separators and month names in axes and legends.
#: The locales vl-convert knows that the three languages use (its stubs list every one).
Locale = Literal["fi-FI", "sv-SE", "en-GB"]
LOCALES: dict[str, Locale] = {"fi": "fi-FI", "sv": "sv-SE", "en": "en-GB"}
CACHE_SIZE = 256

_cache: OrderedDict[str, str] = OrderedDict()
_lock = threading.Lock()
_ID = re.compile(r'\bid="([^"]+)"')


def spec_hash(spec: dict[str, Any], language: str = "") -> str:
    canonical = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{language}\n{canonical}".encode()).hexdigest()


def format_locale(language: str) -> dict[str, Any]:
    return dict(vl_convert.get_format_locale(LOCALES.get(language, "fi-FI")))


def time_format_locale(language: str) -> dict[str, Any]:
    return dict(vl_convert.get_time_format_locale(LOCALES.get(language, "fi-FI")))


def _render(spec: dict[str, Any], language: str) -> str:
    locale = LOCALES.get(language, "fi-FI")
    return vl_convert.vegalite_to_svg(
        spec, format_locale=locale, time_format_locale=locale, show_warnings=False
    )


def render_svg(spec: dict[str, Any], language: str | None = None) -> str:
    """The chart as an SVG document string (cached)."""
    language = language or current_language()
    key = spec_hash(spec, language)
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    svg = _render(spec, language)  # outside the lock: renders of different charts run in parallel
    with _lock:
        _cache[key] = svg
        _cache.move_to_end(key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return svg


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def cache_size() -> int:
    with _lock:
        return len(_cache)


def inline_svg(svg: str, *, prefix: str, label: str) -> str:
    """The SVG prepared for embedding in a page: ids made unique with ``prefix`` (clip paths and
    gradients of several charts would otherwise collide), the XML prolog dropped, and the root given
    ``role="img"`` with ``label`` as its accessible name (the table next to it carries the data)."""
    svg = svg[svg.find("<svg") :]
    ids = set(_ID.findall(svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"')
        svg = svg.replace(f"url(#{old})", f"url(#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    label = (
        label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', 1)


def render_png(spec: dict[str, Any], language: str | None = None, scale: float = 2.0) -> bytes:
    """The chart as a PNG image (twice the SVG's pixel size, for slides and documents)."""
    locale = LOCALES.get(language or current_language(), "fi-FI")
    return vl_convert.vegalite_to_png(
        spec, scale=scale, format_locale=locale, time_format_locale=locale, show_warnings=False
    )
