"""The ETRS-TM35FIN conversion: the origin of the zone, and there and back across Finland."""

from __future__ import annotations

import pytest

from seuraamo.catalogue.tm35fin import to_tm35fin, to_wgs84


def test_the_central_meridian_has_the_false_easting() -> None:
    easting, northing = to_tm35fin(60.0, 27.0)
    assert easting == pytest.approx(500000, abs=0.001)
    assert northing == pytest.approx(6651411.19, abs=1)


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [(60.46667, 26.94583), (60.1695, 24.9525), (69.9, 27.0), (59.8, 19.5), (68.4, 31.5)],
)
def test_there_and_back_stays_within_a_millimetre(latitude: float, longitude: float) -> None:
    back = to_wgs84(*to_tm35fin(latitude, longitude))
    assert back == pytest.approx((latitude, longitude), abs=1e-8)
