"""Model fields shared by the apps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from seuraamo.periods import Frequency, Period, PeriodError

if TYPE_CHECKING:
    # What a model's attribute holds, for the type checker: set as text or Period, read as Period.
    _CharField = models.CharField[Period | str, Period]
else:
    _CharField = models.CharField


class PeriodField(_CharField):
    """A period stored as its code (``2026M06``, ``2026H1``) and read back as a :class:`Period`.

    The code is the sortable key: within one frequency its text order is time order, so the
    database orders and compares periods correctly (``period__gte``, ``Max("period")``). With
    ``frequency``, reads and forms expect periods of that frequency. A stored text that is not a
    period (written before the checks existed) is read back as its text rather than failing the
    page that reads it; the validators of the field refuse it on the next save.
    """

    non_db_attrs = (*_CharField.non_db_attrs, "frequency")

    def __init__(self, *args: Any, frequency: Frequency | str | None = None, **kwargs: Any) -> None:
        self.frequency = Frequency(frequency) if frequency is not None else None
        kwargs.setdefault("max_length", 10)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.frequency is not None:
            kwargs["frequency"] = self.frequency.value
        if kwargs.get("max_length") == 10:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: object, connection: object) -> Any:
        return self.to_python(value)

    def to_python(self, value: object) -> Any:
        if value is None or isinstance(value, Period):
            return value
        text = str(value)
        try:
            return Period.parse(text, self.frequency)
        except PeriodError:
            return text

    def get_prep_value(self, value: object) -> Any:
        return None if value is None else str(value)
