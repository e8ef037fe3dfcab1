"""ETRS-TM35FIN (EPSG:3067, metres) ↔ WGS84 degrees, for PTV's coordinates and the service page's
map. The transverse Mercator series of Krüger as given in the public JHS 154 recommendation
(GRS80 ellipsoid, central meridian 27° E, scale 0.9996, false easting 500 000 m): well under a
metre of error across Finland, far below what a map of municipalities can show. Plain Python, no
Django imports."""

from __future__ import annotations

import math

_A = 6378137.0
_F = 1 / 298.257222101
_K0 = 0.9996
_LON0 = math.radians(27.0)
_E0 = 500000.0

_N = _F / (2 - _F)
_A1 = _A / (1 + _N) * (1 + _N**2 / 4 + _N**4 / 64)
_E = math.sqrt(_F * (2 - _F))
_H = (
    _N / 2 - 2 / 3 * _N**2 + 5 / 16 * _N**3 + 41 / 180 * _N**4,
    13 / 48 * _N**2 - 3 / 5 * _N**3 + 557 / 1440 * _N**4,
    61 / 240 * _N**3 - 103 / 140 * _N**4,
    49561 / 161280 * _N**4,
)
_H_INVERSE = (
    _N / 2 - 2 / 3 * _N**2 + 37 / 96 * _N**3 - 1 / 360 * _N**4,
    1 / 48 * _N**2 + 1 / 15 * _N**3 - 437 / 1440 * _N**4,
    17 / 480 * _N**3 - 37 / 840 * _N**4,
    4397 / 161280 * _N**4,
)


def to_tm35fin(latitude: float, longitude: float) -> tuple[float, float]:
    """(easting, northing) in metres of a WGS84 point."""
    phi, lam = math.radians(latitude), math.radians(longitude)
    q = math.asinh(math.tan(phi)) - _E * math.atanh(_E * math.sin(phi))
    beta = math.atan(math.sinh(q))
    eta0 = math.atanh(math.cos(beta) * math.sin(lam - _LON0))
    xi0 = math.asin(math.sin(beta) * math.cosh(eta0))
    xi, eta = xi0, eta0
    for index, h in enumerate(_H, start=1):
        xi += h * math.sin(2 * index * xi0) * math.cosh(2 * index * eta0)
        eta += h * math.cos(2 * index * xi0) * math.sinh(2 * index * eta0)
    return _A1 * eta * _K0 + _E0, _A1 * xi * _K0


def to_wgs84(easting: float, northing: float) -> tuple[float, float]:
    """(latitude, longitude) in degrees of an ETRS-TM35FIN point."""
    xi = northing / (_A1 * _K0)
    eta = (easting - _E0) / (_A1 * _K0)
    xi1, eta1 = xi, eta
    for index, h in enumerate(_H_INVERSE, start=1):
        xi1 -= h * math.sin(2 * index * xi) * math.cosh(2 * index * eta)
        eta1 -= h * math.cos(2 * index * xi) * math.sinh(2 * index * eta)
    beta = math.asin(math.sin(xi1) / math.cosh(eta1))
    lam = math.asin(math.tanh(eta1) / math.cos(beta))
    q = math.asinh(math.tan(beta))
    q1 = q + _E * math.atanh(_E * math.tanh(q))
    for _ in range(10):
        q1 = q + _E * math.atanh(_E * math.tanh(q1))
    return math.degrees(math.atan(math.sinh(q1))), math.degrees(_LON0 + lam)
