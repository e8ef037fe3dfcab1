"""The names of the Kymenlaakso municipalities in fi, sv and en: the one place pages that work
without the statistics (the service catalogue, its guide) read them from.

The names are Statistics Finland's area classification's (the snapshot's ``areas.csv``, loaded into
:class:`~seuraamo.areas.models.Area` with the statistics), so a page naming a municipality says the
same as the situation picture: Virolahti is "Virolahti" in Swedish too (the classification's
Swedish name of a monolingual Finnish municipality), never "Vederlax" on one page and "Virolahti"
on another. Municipality names stay Finnish in English."""

from __future__ import annotations

from seuraamo.areas.region import MUNICIPALITIES

#: Code -> {language: name}.
MUNICIPALITY_NAMES: dict[str, dict[str, str]] = {
    "KU075": {"fi": "Hamina", "sv": "Fredrikshamn", "en": "Hamina"},
    "KU285": {"fi": "Kotka", "sv": "Kotka", "en": "Kotka"},
    "KU286": {"fi": "Kouvola", "sv": "Kouvola", "en": "Kouvola"},
    "KU489": {"fi": "Miehikkälä", "sv": "Miehikkälä", "en": "Miehikkälä"},
    "KU624": {"fi": "Pyhtää", "sv": "Pyttis", "en": "Pyhtää"},
    "KU935": {"fi": "Virolahti", "sv": "Virolahti", "en": "Virolahti"},
}
assert tuple(MUNICIPALITY_NAMES) == MUNICIPALITIES


def municipality_name(code: str, language: str) -> str:
    """``"KU624", "sv"`` -> "Pyttis"; the Finnish name for other languages; the code if unknown."""
    names = MUNICIPALITY_NAMES.get(code)
    if names is None:
        return code
    return names.get(language) or names["fi"]
