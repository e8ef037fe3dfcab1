"""Työvoimabarometri's section (`_barometer.html`): the latest month's assessments for Kymenlaakso,
with the area's and the month's names (the training section quotes the month too)."""

from __future__ import annotations

from seuraamo.areas.region import REGION
from seuraamo.core.formatting import month_name
from seuraamo.publications import selectors as publication_selectors
from seuraamo.situation.selectors import area_name


def section() -> dict[str, object]:
    """The section's entries of the page's context: ``barometer`` (None when no barometer data
    are loaded), ``barometer_area``, ``barometer_month`` and ``recorded_assessments``."""
    found = publication_selectors.barometer_view(REGION)
    return {
        "barometer": found,
        "barometer_area": area_name(REGION),
        "barometer_month": month_name(found.month) if found else "",
        # Assessments analysts recorded or corrected from a release, with its address and date.
        "recorded_assessments": publication_selectors.recorded_assessments(),
    }
