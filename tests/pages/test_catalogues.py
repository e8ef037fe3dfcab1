"""The interface catalogues: every msgid has a Swedish and a Finnish translation that keeps the
msgid's placeholders, and nothing is left fuzzy."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]*\}")


def catalogue(language: str) -> polib.POFile:
    path = Path(settings.CATALOGUE_SOURCE_DIR) / language / "LC_MESSAGES" / "django.po"
    return polib.pofile(str(path))


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_msgid_is_translated(language: str) -> None:
    entries = [entry for entry in catalogue(language) if not entry.obsolete]
    assert len(entries) > 100
    untranslated = [entry.msgid for entry in entries if not entry.translated()]
    assert untranslated == []


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_translations_keep_placeholders(language: str) -> None:
    wrong = []
    for entry in catalogue(language):
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if text and sorted(PLACEHOLDER.findall(text)) != expected:
                wrong.append((entry.msgid, text))
    assert wrong == []


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_catalogues_are_well_formed(language: str) -> None:
    """No msgid twice and none without its msgstr: GNU gettext refuses such a file, and a merge
    of two branches can leave one behind."""
    path = Path(settings.CATALOGUE_SOURCE_DIR) / language / "LC_MESSAGES" / "django.po"
    polib.pofile(str(path), check_for_duplicates=True)
    lines = path.read_text(encoding="utf-8").splitlines()
    ids = [n for n, line in enumerate(lines, 1) if line.startswith("msgid ")]
    answered = {n for n, line in enumerate(lines, 1) if re.match(r"msgstr(\[0\])? ", line)}
    unanswered = [
        n for n, next_id in zip(ids, [*ids[1:], len(lines) + 1], strict=True)
        if not any(n < m < next_id for m in answered)
    ]  # fmt: skip
    assert unanswered == [], f"{path}: msgid without msgstr at lines {unanswered}"
