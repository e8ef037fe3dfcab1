"""Trend and a six-month projection of a monthly series, with an uncertainty band from the
series' own past errors. Plain Python, no Django (used by the selectors and by `make bench`).

Method (documented in docs/data-sources.md):

* **Trend**: the 12-month moving average (each month with the 11 before it): it removes the
  seasonal pattern of a monthly series exactly when the pattern repeats yearly.
* **Projection** from an origin month *t* with 24 unbroken months up to it: month *t + h*
  (h = 1…6) is the same month a year earlier times the latest year-on-year ratio
  ``r = x(t) / x(t-12)``, damped towards no change as the horizon grows: ``x(t+h-12) ·
  r^(0.9^(h-1))`` — last year's seasonal shape at the current level, the change fading out.
  (The latest month and the damping 0.9 were chosen among 1/3/6/12-month ratios and dampings
  1.0/0.9/0.8 by the backtest in ``bench/bench_projection.py``, on the same 2010–2023 data.)
* **Uncertainty band**: the projection is replayed from every earlier origin of the same series
  whose outcome is known; for each horizon the 10th and 90th percentiles of the relative errors
  give an 80 % band around the projection.
* **Naive benchmark**: the same month a year earlier (``bench/projection.py`` compares both).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

HORIZON = 6
HISTORY = 24  # months needed before an origin
DAMPING = 0.9


def moving_average(values: Sequence[float | None], window: int = 12) -> list[float | None]:
    """Trailing mean over ``window`` values; missing until a full window without gaps."""
    found: list[float | None] = []
    for index in range(len(values)):
        part = values[max(0, index - window + 1) : index + 1]
        if len(part) < window or any(value is None for value in part):
            found.append(None)
        else:
            found.append(sum(part) / window)  # type: ignore[arg-type]
    return found


def project(history: Sequence[float], horizon: int = HORIZON) -> list[float]:
    """The next ``horizon`` months after ``history`` (at least 24 unbroken months)."""
    if len(history) < HISTORY:
        raise ValueError(f"a projection needs {HISTORY} months, got {len(history)}")
    ratio = history[-1] / history[-13] if history[-13] else 1.0
    return [history[-12 + step] * ratio ** (DAMPING**step) for step in range(horizon)]


def naive(history: Sequence[float], horizon: int = HORIZON) -> list[float]:
    """The same month a year earlier."""
    return [history[-12 + step] for step in range(horizon)]


def relative_errors(
    values: Sequence[float], horizon: int = HORIZON, method=project
) -> list[list[float]]:
    """For each horizon 1…``horizon``, the relative errors (forecast / actual − 1) of ``method``
    replayed from every origin with 24 months before it and the outcome known."""
    errors: list[list[float]] = [[] for _ in range(horizon)]
    for origin in range(HISTORY, len(values) - 1):
        forecast = method(values[:origin], horizon)
        for step in range(horizon):
            target = origin + step
            if target < len(values) and values[target]:
                errors[step].append(forecast[step] / values[target] - 1)
    return errors


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Projected:
    step: int  # months after the origin
    value: float
    low: float  # 80 % band
    high: float


def projection_with_band(values: Sequence[float], horizon: int = HORIZON) -> list[Projected]:
    """The projection after ``values`` with an 80 % band from the series' own past errors
    (needs at least 24 months, and 12 more for a band; without them the band is the value)."""
    forecast = project(values, horizon)
    errors = relative_errors(values, horizon)
    found = []
    for step, value in enumerate(forecast):
        if len(errors[step]) >= 12:
            # forecast / actual - 1 = e  =>  actual = forecast / (1 + e)
            low = value / (1 + percentile(errors[step], 0.9))
            high = value / (1 + percentile(errors[step], 0.1))
        else:
            low = high = value
        found.append(Projected(step + 1, value, min(low, high), max(low, high)))
    return found


def latest_month_band(values: Sequence[float]) -> Projected | None:
    """The 80 % band the projection gave for the last of ``values`` from the month before it
    (the early warning's "trend band"), or None when the months before it are too few for a
    band (24 for the projection and 12 replayed errors)."""
    if len(values) < HISTORY + 13:
        return None
    [found] = projection_with_band(values[:-1], horizon=1)
    return found
