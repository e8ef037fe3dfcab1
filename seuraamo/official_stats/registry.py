"""The one registry of the statistics tables Seuraamo reads: each table's id, what is kept in sync
(content codes, areas, how far back), its frequency, its release calendar, and the licence and
attribution of them all. `seuraamo sync_statistics` reads it (see docs/data-sources.md); the
region's area codes are in `seuraamo.areas.region`, the statistics the pages offer (labels, units,
decimals) in `seuraamo.official_stats.statistics`. Variable *codes* are
not configured here: the PxWeb library resolves which variable is the area, the time and the content
from each table's metadata, so the same configuration works with the codes before 8 June 2026
(`Kuukausi`, `Tiedot`) and after it (`timeperiod_m`, `contentscode`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from seuraamo.areas.region import (
    COUNTRY,
    ELY_AREA,
    EMPLOYMENT_AREAS,
    MUNICIPALITIES,
    REGION,
    SUBREGIONS,
)
from seuraamo.periods import Frequency

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

#: The Kymenlaakso areas: the whole country for comparison, the ELY area, the region, its two
#: sub-regions and its six municipalities (codes in seuraamo.areas.region).
KYMENLAAKSO_AREAS: tuple[str, ...] = (COUNTRY, ELY_AREA, REGION, *SUBREGIONS, *MUNICIPALITIES)

#: Population tables use the 2026 area classification: no ELY areas, but the employment areas
#: TA04 (Etelä-Kymenlaakso) and TA16 (Kouvola) of 2025.
POPULATION_AREAS: tuple[str, ...] = (
    COUNTRY,
    REGION,
    *SUBREGIONS,
    *EMPLOYMENT_AREAS,
    *MUNICIPALITIES,
)

#: Named area selections for `sync_statistics --areas`. ``all`` means every area the table offers.
AREA_SETS: dict[str, tuple[str, ...]] = {"kymenlaakso": KYMENLAAKSO_AREAS}
ALL_AREAS = "all"

#: The 23 content codes of tyonv/12r5.
CODES_12R5: tuple[str, ...] = (
    "HAKIJALOPUSSA",
    "TYOTTOMATLOPUSSA",
    "TYOVOIMATK",
    "TYOTOSUUS",
    "TYOTTOMATMIEHET",
    "TYOTTOMATNAISET",
    "TYOTTOMAT20",
    "TYOTTOMAT25",
    "TYOTTOMAT50",
    "TYOTTOMATSAIR",
    "TYOTTOMATULK",
    "PITKAAIKAISTYOTTOMAT",
    "KASSASSA",
    "LOMAUTETTU",
    "LYHTYOVKO",
    "TYOLLISTETTYLOP",
    "TYOHARJOITTELULOP",
    "KOKEILULOP",
    "TVKOULUTUSLOP",
    "VALMENNUSLOP",
    "MTPPALVELUTLOP",
    "AVPAIKATLOPUSSA",
    "UUDETAVP",
)


#: Statistics Finland's release calendar for the monthly employment service statistics (tyonv):
#: a month is published three to four weeks after it ends (2026M06 on 21.7., 2026M07 on 25.8.),
#: so by the 28th of the following month it is due.
EMPLOYMENT_SERVICE_RELEASE_DAY = 28

#: The PxWeb API versions a tracked table can be read through.
ApiVersion = Literal["1", "2"]
API_VERSIONS: tuple[ApiVersion, ...] = ("1", "2")


@dataclass(frozen=True)
class TrackedTable:
    """One table kept in sync.

    ``areas`` is the default area selection (``None`` = every area of the table); the command's
    ``--areas`` option replaces it for tables whose ``areas_follow_option`` is true. ``contents``
    empty = every content code. ``lookback`` is how many periods before the latest stored one
    are fetched again on each run, because Statistics Finland revises recent values.
    ``history_months`` limits how far back a sync fills missing periods by default (``None`` =
    the table's whole history). ``api_version`` is the PxWeb API the table is read through:
    ``"1"`` (Statistics Finland's StatFin, ``PXWEB_BASE_URL``) or ``"2"`` (PxWebApi 2.0,
    ``PXWEB_V2_BASE_URL``), where the table is known by ``table_id`` (a bare id such as
    ``TAB638``). ``release_day``: by this day of the following month Statistics Finland's release
    calendar has published a month (``None``: no calendar recorded), so a table whose latest
    month is older is late (:func:`seuraamo.official_stats.selectors.expected_latest_month`).
    """

    table_id: str
    contents: tuple[str, ...] = ()
    areas: tuple[str, ...] | None = KYMENLAAKSO_AREAS
    areas_follow_option: bool = True
    lookback: int = 3
    history_months: int | None = None
    description: str = ""
    frequency: Frequency = Frequency.MONTH
    api_version: ApiVersion = "1"
    release_day: int | None = None


TRACKED_TABLES: tuple[TrackedTable, ...] = (
    TrackedTable(
        table_id=UNEMPLOYMENT_TABLE,
        contents=CODES_12R5,
        description="Unemployed jobseekers, persons in services and open vacancies, monthly",
        release_day=EMPLOYMENT_SERVICE_RELEASE_DAY,
    ),
    TrackedTable(
        table_id=OCCUPATION_TABLE,
        contents=("TYOTTOMATLOPUSSA", "AVPAIKATLOPUSSA"),
        areas=(REGION, COUNTRY),
        areas_follow_option=False,
        history_months=25,
        description="Unemployed jobseekers and open vacancies by occupation, monthly",
        release_day=EMPLOYMENT_SERVICE_RELEASE_DAY,
    ),
    TrackedTable(
        table_id=POPULATION_TABLE,
        contents=("vaerak-vaesto", "vaesto_alle15_p", "vaesto_yli64_p", "vaesto_keski_ika"),
        areas=POPULATION_AREAS,
        lookback=1,
        description="Population key figures, yearly",
        frequency=Frequency.YEAR,
    ),
    TrackedTable(
        table_id=LFS_NATIONAL_TABLE,
        areas=None,  # national figures: the table has no area variable
        areas_follow_option=False,
        lookback=3,
        description="Labour force survey key figures, whole country, monthly",
    ),
    TrackedTable(
        # The regional labour force survey table (reference notes, statfin-pxweb.md §6): regions
        # under `alue_23_20180101`, quarters; every content code, every region (19 + the country).
        table_id=LFS_REGIONAL_TABLE,
        areas=None,
        areas_follow_option=False,
        lookback=2,
        description="Labour force survey by region (employment rate), quarterly",
        frequency=Frequency.QUARTER,
    ),
)


#: A table id: ``database/table`` (``tyonv/12r5``) or a bare PxWebApi 2.0 id (``TAB638``).
TABLE_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*(?:/[A-Za-z0-9][A-Za-z0-9_.\-]*)?")
TABLE_ID_MAX_LENGTH = 50


class TableIdError(ValueError):
    """A table id that is malformed, unknown or ambiguous; the message lists the known ids."""


def resolve_table_id(text: str, *, known: Iterable[str] = (), new: bool = False) -> str:
    """The full id of the table ``text`` names: a tracked or ``known`` (stored) table's id, or a
    short id such as ``12r5`` that ends exactly one of them (``tyonv/12r5``).

    With ``new`` an id that names no table is accepted as a new table's id; without it, it is a
    :class:`TableIdError` listing the known ids.
    """
    candidates = sorted({*(t.table_id for t in TRACKED_TABLES), *known})
    listing = "known tables: " + ", ".join(candidates)
    if not text:
        raise TableIdError(f"the table id is empty; {listing}")
    if len(text) > TABLE_ID_MAX_LENGTH:
        raise TableIdError(
            f"the table id {text[:20]!r}... is longer than {TABLE_ID_MAX_LENGTH} characters"
        )
    if not TABLE_ID_PATTERN.fullmatch(text):
        raise TableIdError(
            f"{text!r} is not a table id like tyonv/12r5 (letters, digits, '_', '.', '-')"
        )
    if text in candidates:
        return text
    if "/" not in text:
        matches = [c for c in candidates if c.rsplit("/", 1)[-1] == text]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise TableIdError(f"{text!r} could be any of {', '.join(matches)}; give the full id")
    if new:
        return text
    raise TableIdError(f"unknown table {text!r}; {listing}")


def tracked_table(table_id: str) -> TrackedTable:
    """The tracking entry of ``table_id``, or an entry that syncs every content of that table."""
    for tracked in TRACKED_TABLES:
        if tracked.table_id == table_id:
            return tracked
    return TrackedTable(table_id=table_id)


def area_selection(tracked: TrackedTable, option: str | None) -> tuple[str, ...] | None:
    """The areas to fetch for ``tracked`` given the `--areas` option (``None`` = all areas)."""
    if option is None or not tracked.areas_follow_option:
        return tracked.areas
    if option == ALL_AREAS:
        return None
    try:
        return AREA_SETS[option]
    except KeyError:
        choices = ", ".join([*AREA_SETS, ALL_AREAS])
        raise ValueError(f"unknown area selection {option!r}; choose one of: {choices}") from None
