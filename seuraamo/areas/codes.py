"""The form of Statistics Finland's area codes, written once for every app that stores or checks them."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: Whole country, ELY area, region, sub-region, employment area, municipality (ASCII digits only).
AREA_CODE_PATTERN = r"^(SSS|ELY[0-9]{2}|MK[0-9]{2}|SK[0-9]{3}|TA[0-9]{2}|KU[0-9]{3})$"
MUNICIPALITY_CODE_PATTERN = r"^KU[0-9]{3}$"

_AREA_CODE = re.compile(AREA_CODE_PATTERN)
_MUNICIPALITY_CODE = re.compile(MUNICIPALITY_CODE_PATTERN)


def is_area_code(value: object) -> bool:
    return isinstance(value, str) and _AREA_CODE.fullmatch(value) is not None


def validate_area_code(value: object) -> None:
    if value and not is_area_code(value):
        raise ValidationError(
            _("Not an area code of Statistics Finland (e.g. SSS, MK08, SK082, TA04, KU285)."),
            code="invalid_area_code",
        )


def validate_municipality_codes(value: object) -> None:
    """A list of distinct municipality codes such as ``["KU285", "KU075"]``."""
    if not isinstance(value, list):
        raise ValidationError(_("Give the municipalities as a list of codes such as KU285."))
    wrong = [
        item
        for item in value
        if not isinstance(item, str) or not _MUNICIPALITY_CODE.fullmatch(item)
    ]
    if wrong:
        raise ValidationError(
            _("Not a municipality code (KU and three digits, e.g. KU285): %(codes)s"),
            params={"codes": ", ".join(repr(item)[:40] for item in wrong[:5])},
            code="invalid_municipality_code",
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("A municipality is listed twice."), code="duplicate_municipality")
