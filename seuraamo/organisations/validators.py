"""Validation of Finnish business ids (Y-tunnus): seven digits, a hyphen and a mod-11 check digit."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BUSINESS_ID_PATTERN = re.compile(r"\A[0-9]{7}-[0-9]\Z")
BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_check_digit(first_seven: str) -> int | None:
    """The check digit for seven digits, or None when no valid check digit exists (remainder 1)."""
    remainder = sum(int(d) * w for d, w in zip(first_seven, BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def is_valid_business_id(value: str) -> bool:
    if not BUSINESS_ID_PATTERN.match(value):
        return False
    return business_id_check_digit(value[:7]) == int(value[-1])


def validate_business_id(value: str) -> None:
    if not is_valid_business_id(value):
        raise ValidationError(
            _("%(value)s is not a valid business id (Y-tunnus), e.g. 0160225-7."),
            params={"value": value},
            code="invalid_business_id",
        )
