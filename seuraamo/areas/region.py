"""The Kymenlaakso region in Statistics Finland's area codes: written once, imported everywhere.

The programme covers region MK08 with its two sub-regions and six municipalities. Since 1.1.2025 the
employment services are run by two employment areas (TA04 Etelä-Kymenlaakso: Kotka, Hamina, Pyhtää,
Miehikkälä, Virolahti; TA16 Kouvola). The whole country (SSS) is the comparison."""

from __future__ import annotations

COUNTRY = "SSS"
REGION = "MK08"
ELY_AREA = "ELY06"
SUBREGIONS: tuple[str, ...] = ("SK081", "SK082")
MUNICIPALITIES: tuple[str, ...] = (
    "KU075",  # Hamina
    "KU285",  # Kotka
    "KU286",  # Kouvola
    "KU489",  # Miehikkälä
    "KU624",  # Pyhtää
    "KU935",  # Virolahti
)
EMPLOYMENT_AREAS: dict[str, tuple[str, ...]] = {
    "TA04": ("KU075", "KU285", "KU489", "KU624", "KU935"),  # Etelä-Kymenlaakson työllisyysalue
    "TA16": ("KU286",),  # Kouvolan työllisyysalue
}
