"""What Seuraamo's statistics are, written once: the tables it reads, their licence and attribution.

Which tables are kept in sync and for which areas is in `tracking.py`; the region's area codes are in
`seuraamo.areas.region`; the statistics the pages offer, with units, decimals and labels, are in
`seuraamo.official_stats.statistics`."""

from __future__ import annotations

#: Unemployed jobseekers, persons in services and open vacancies, monthly (employment service statistics).
UNEMPLOYMENT_TABLE = "tyonv/12r5"
#: Unemployed jobseekers and open vacancies by occupation, monthly.
OCCUPATION_TABLE = "tyonv/12ti"
#: Population key figures and population change, yearly.
POPULATION_TABLE = "vaerak/11ra"
POPULATION_CHANGE_TABLE = "ssaaty/121w"
#: Labour force survey: national key figures (monthly) and the regional employment rate.
LFS_NATIONAL_TABLE = "tyti/135z"
LFS_REGIONAL_TABLE = "tyti/13lx"

#: Statistics Finland's open data licence, and the attribution every page and file carries.
LICENCE = "CC BY 4.0"
ATTRIBUTION = f"Tilastokeskus / Statistics Finland, {LICENCE}"
