"""A lost update refused: the one error every versioned write raises when the row was saved by
someone else after the editor loaded it (a report, an organisation's part, a service). The page
then shows both versions with `core/partials/conflict.html` and keeps the editor's text."""

from __future__ import annotations

from django.db import models


class ConflictError(Exception):
    """`current` is the row as stored now, with the version the editor's next save must carry."""

    def __init__(self, current: models.Model) -> None:
        version = getattr(current, "version", None)
        super().__init__(f"{current._meta.label_lower} {current.pk} is at version {version}")
        self.current = current
