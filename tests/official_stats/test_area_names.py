"""The municipality names pages use without the statistics (seuraamo/areas/names.py) are Statistics
Finland's classification's, so that the service guide and the situation picture name Virolahti the
same way in Swedish."""

from __future__ import annotations

from seuraamo.areas.names import MUNICIPALITY_NAMES, municipality_name
from seuraamo.official_stats.services.areas import area_rows


def test_the_names_are_the_classification_s() -> None:
    classification = {row["code"]: row for row in area_rows()}
    for code, names in MUNICIPALITY_NAMES.items():
        for language in ("fi", "sv", "en"):
            assert names[language] == classification[code][f"name_{language}"], (code, language)


def test_virolahti_in_swedish_is_virolahti() -> None:
    assert municipality_name("KU935", "sv") == "Virolahti"
    assert municipality_name("KU624", "sv") == "Pyttis"
