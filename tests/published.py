"""The value a derived figure is published with: rounded half up to one decimal, as the API and the
pages show it (seuraamo.core.formatting.rounded, the one rounding rule)."""

from __future__ import annotations

from seuraamo.core.formatting import rounded


def published(value: float, decimals: int = 1) -> float:
    return float(rounded(value, decimals))
