"""Example yearly targets for `make run` (called with the follow-up's demo content by
`seuraamo load_demo_follow_up`): for each indicator of the region bound to a statistic, a target for
this year for Kymenlaakso and for each employment area, a few per cent better than the latest
stored value. Every row is marked as example (`IndicatorTarget.is_example`, shown on the pages);
an existing target of the same year and area is left as it is. Tests never load it."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from seuraamo.programmes.indicator_areas import AREA_COLUMNS, area_figures, is_shown_per_area
from seuraamo.programmes.models import DesiredDirection, Indicator, IndicatorTarget, Programme

#: How much better than the latest value the example target is.
IMPROVEMENT: dict[str, float] = {
    DesiredDirection.DECREASE.value: 0.95,
    DesiredDirection.INCREASE.value: 1.05,
}


@transaction.atomic
def create_demo_targets(today: datetime.date) -> int:
    """Create the example targets of `today`'s year; returns how many were created."""
    programme = Programme.objects.order_by("-start_year").first()
    if programme is None:
        return 0
    indicators = [
        i
        for i in Indicator.objects.filter(archived_on__isnull=True).prefetch_related("targets")
        if is_shown_per_area(i)
    ]
    _own, per_area = area_figures(indicators, programme.start_date, today)
    created = 0
    for indicator in indicators:
        for figure in per_area.get(indicator.pk, []):
            if figure.status is None or figure.status.latest_value is None:
                continue
            area = "" if figure.area_code == AREA_COLUMNS[0] else figure.area_code
            factor = IMPROVEMENT.get(indicator.desired_direction, 1.0)
            value = Decimal(str(round(figure.status.latest_value * factor, 1)))
            _row, made = IndicatorTarget.objects.get_or_create(
                indicator=indicator,
                year=today.year,
                area=area,
                defaults={"value": value, "is_example": True},
            )
            created += made
    return created
