"""Reading the publications register for the situation page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max

from seuraamo.publications.models import Publication


@dataclass(frozen=True)
class RegisterEntry:
    publication: Publication
    figures: int
    latest_period: str  # of the stored figures, "" without any


def register() -> list[RegisterEntry]:
    rows = Publication.objects.annotate(count=Count("figures"), latest=Max("figures__period"))
    return [RegisterEntry(row, row.count, row.latest or "") for row in rows]
