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


def unfinished(entries: list[polib.POEntry]) -> list[str]:
    """The entries a reader would see in English: fuzzy ones (gettext skips them) and those
    without a translation (or a plural form without one), each named with why."""
    found = []
    for entry in entries:
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if entry.fuzzy:
            found.append(f"fuzzy: {entry.msgid!r}")
        elif not all(texts):
            found.append(f"untranslated: {entry.msgid!r}")
    return found


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_msgid_is_translated_and_none_is_fuzzy(language: str) -> None:
    entries = [entry for entry in catalogue(language) if not entry.obsolete]
    assert len(entries) > 100
    assert unfinished(entries) == []


def test_a_fuzzy_or_untranslated_entry_is_named() -> None:
    fuzzy = polib.POEntry(msgid="Steering group", msgstr="Ohjausryhmä", flags=["fuzzy"])
    empty = polib.POEntry(msgid="Meetings", msgstr="")
    plural = polib.POEntry(
        msgid="%(count)s report", msgid_plural="%(count)s reports", msgstr_plural={0: "x", 1: ""}
    )
    done = polib.POEntry(msgid="Goal", msgstr="Tavoite")
    assert unfinished([fuzzy, empty, plural, done]) == [
        "fuzzy: 'Steering group'",
        "untranslated: 'Meetings'",
        "untranslated: '%(count)s report'",
    ]


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
