"""Content stored in fi/sv/en columns (`title_fi`, `title_sv`, `title_en`), read in the active language
with a fallback to Finnish that the page can mark with lang="fi"."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language

FALLBACK_LANGUAGE = "fi"


@dataclass(frozen=True)
class LocalizedText:
    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


def active_content_language() -> str:
    language = (get_language() or FALLBACK_LANGUAGE).split("-")[0]
    return language if language in settings.CONTENT_LANGUAGES else FALLBACK_LANGUAGE


def localized(obj: object, field: str, language: str | None = None) -> LocalizedText:
    language = language or active_content_language()
    text = getattr(obj, f"{field}_{language}", "") or ""
    if text or language == FALLBACK_LANGUAGE:
        return LocalizedText(text, language, False)
    return LocalizedText(
        getattr(obj, f"{field}_{FALLBACK_LANGUAGE}", "") or "", FALLBACK_LANGUAGE, True
    )
