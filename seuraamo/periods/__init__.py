"""Statistical and reporting periods as one value type, :class:`Period`, and their names per
language. Plain Python (the standard library only, no Django, nothing of the project outside this
package): the PxWeb library, every app and the model field (:mod:`seuraamo.core.fields`) use it
(docs/architecture.md, "Periods").
"""

from __future__ import annotations

from .names import month_name
from .period import (
    FIRST_YEAR,
    LAST_YEAR,
    PERIOD_PATTERN,
    Frequency,
    Period,
    PeriodError,
    frequency_of,
    period_key,
)

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "PERIOD_PATTERN",
    "Frequency",
    "Period",
    "PeriodError",
    "frequency_of",
    "month_name",
    "period_key",
]
