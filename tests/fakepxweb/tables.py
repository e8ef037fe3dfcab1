"""In-memory table definitions for the fake PxWeb server.

A :class:`FakeTable` has variables (codes, values, texts, optional translations) and a *cell
function* from category positions (in variable order) to a number, or ``None`` for a suppressed
cell (answered with status ``"..."``). Nothing is materialised: a 2-million-cell table costs
nothing until a query asks for cells.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

Number = int | float
CellFunction = Callable[[tuple[int, ...]], Number | None]
#: Optional fast path: all cells of a block given the position list of every variable, row-major.
BlockFunction = Callable[[Sequence[Sequence[int]]], list[Number | None]]

NEW_CODES = {"area": "Alue", "time": "timeperiod_m", "content": "contentscode"}
OLD_CODES = {"area": "Alue", "time": "Kuukausi", "content": "Tiedot"}

CONTENT_12R5 = [
    ("HAKIJALOPUSSA", "Työnhakijoita laskentapäivänä (lkm.)"),
    ("TYOTTOMATLOPUSSA", "Työttömät työnhakijat laskentapäivänä (lkm.)"),
    ("TYOVOIMATK", "TK:n Työssäkäyntitilaston työvoima (lkm.)"),
    ("TYOTOSUUS", "Työttömien työnhakijoiden %-osuus työvoimasta (%)"),
    ("TYOTTOMATMIEHET", "Työttömät työnhakijat, miehet (lkm.)"),
    ("TYOTTOMATNAISET", "Työttömät työnhakijat, naiset (lkm.)"),
    ("TYOTTOMAT20", "Alle 20-v. työttömät työnhakijat (lkm.)"),
    ("TYOTTOMAT25", "Alle 25-v. työttömät työnhakijat (lkm.)"),
    ("TYOTTOMAT50", "Yli 50-v. työttömät työnhakijat (lkm.)"),
    ("TYOTTOMATSAIR", "Vamm./pitkäaik.sair. työttömät työnhakijat (lkm.)"),
    ("TYOTTOMATULK", "Ulkomaalaisia työttömiä työnhakijoita laskentapäivänä (lkm.)"),
    ("PITKAAIKAISTYOTTOMAT", "Pitkäaikaistyöttömät (lkm.)"),
    ("KASSASSA", "Kassan jäseniä työttömistä työnhakijoista laskentapäivänä (lkm.)"),
    ("LOMAUTETTU", "Kokoaikaisesti lomautetut laskentapäivänä (lkm.)"),
    ("LYHTYOVKO", "Lyhennetyllä työviikolla laskentapäivänä (lkm.)"),
    ("TYOLLISTETTYLOP", "Työllistettynä olevat laskentapäivänä (lkm.)"),
    ("TYOHARJOITTELULOP", "Työharj./työelämävalmennuksessa olevat (lkm.)"),
    ("KOKEILULOP", "Työ- ja koulutuskokeilussa olevat (lkm.)"),
    ("TVKOULUTUSLOP", "Työvoimakoulutuksessa olevat (lkm.)"),
    ("VALMENNUSLOP", "Valmennuksessa olevat (lkm.)"),
    ("MTPPALVELUTLOP", "Muissa palveluissa olevat (lkm.)"),
    ("AVPAIKATLOPUSSA", "Avoimet työpaikat kuukauden laskentapäivänä (lkm.)"),
    ("UUDETAVP", "Uudet avoimet työpaikat kuukauden aikana (lkm.)"),
]
KYMENLAAKSO = ["MK08", "KU075", "KU285", "KU286", "KU489", "KU624", "KU935", "SK081", "SK082"]
AREA_NAMES = {
    "SSS": ("KOKO MAA", "HELA LANDET", "WHOLE COUNTRY"),
    "MK08": ("Kymenlaakso", "Kymmenedalen", "Kymenlaakso"),
    "KU285": ("Kotka", "Kotka", "Kotka"),
    "KU286": ("Kouvola", "Kouvola", "Kouvola"),
    "KU075": ("Hamina", "Fredrikshamn", "Hamina"),
}


@dataclass
class FakeVariable:
    """A table variable. ``translations`` maps a language to ``(text, value_texts)``."""

    code: str
    text: str
    values: list[str]
    value_texts: list[str] | None = None
    time: bool = False
    content: bool = False
    elimination: bool = False
    map: str | None = None
    translations: dict[str, tuple[str, list[str]]] = field(default_factory=dict)

    def texts(self, lang: str | None) -> tuple[str, list[str]]:
        if lang in self.translations:
            return self.translations[lang]
        return self.text, list(self.value_texts or self.values)

    @property
    def column_type(self) -> str:
        return "t" if self.time else "c" if self.content else "d"


@dataclass
class FakeTable:
    """A table served by the fake server; ``table_id`` like ``"tyonv/12r5"``."""

    table_id: str
    title: str
    variables: list[FakeVariable]
    cell: CellFunction
    source: str = "KEHA-keskus, Työnvälitystilasto"
    updated: str = "2026-07-21T05:00:00Z"
    suppressed_status: str = "..."
    units: dict[str, tuple[str, int]] = field(default_factory=dict)
    block: BlockFunction | None = None

    @property
    def v2_id(self) -> str:
        return self.table_id.rsplit("/", 1)[-1]

    @property
    def total_cells(self) -> int:
        total = 1
        for variable in self.variables:
            total *= len(variable.values)
        return total

    def variable(self, code: str) -> FakeVariable:
        for variable in self.variables:
            if variable.code == code:
                return variable
        raise KeyError(code)

    def value_of(self, codes: Mapping[str, str]) -> Number | None:
        """The value of one cell given every variable's code (for test expectations)."""
        positions = tuple(v.values.index(codes[v.code]) for v in self.variables)
        return self.cell(positions)

    def renamed(self, mapping: Mapping[str, str]) -> FakeTable:
        """The same table with variable codes renamed (old -> new)."""
        variables = [
            FakeVariable(**{**v.__dict__, "code": mapping.get(v.code, v.code)})
            for v in self.variables
        ]
        return FakeTable(**{**self.__dict__, "variables": variables})

    @classmethod
    def from_cells(
        cls,
        table_id: str,
        variables: list[FakeVariable],
        cells: Mapping[tuple[str, ...], Number | None],
        **options: str,
    ) -> FakeTable:
        """A table from explicit cells keyed by code tuples; absent cells are suppressed."""
        lookups = [v.values for v in variables]

        def cell(positions: tuple[int, ...]) -> Number | None:
            key = tuple(values[p] for values, p in zip(lookups, positions, strict=True))
            return cells.get(key)

        return cls(
            table_id=table_id,
            title=options.pop("title", table_id),
            variables=variables,
            cell=cell,
            **options,
        )


def month_codes(start: str, count: int) -> list[str]:
    """``month_codes("2009M01", 3)`` -> ``["2009M01", "2009M02", "2009M03"]``."""
    year, month = int(start[:4]), int(start[5:7])
    codes = []
    for offset in range(count):
        total = year * 12 + month - 1 + offset
        codes.append(f"{total // 12}M{total % 12 + 1:02d}")
    return codes


def area_codes_12r5() -> list[str]:
    """421 area codes shaped like 12r5's: SSS, 309 KU, KUJOU, 71 SK, 21 MK, 18 ELY."""
    real = ["KU075", "KU285", "KU286", "KU489", "KU624", "KU935", "KU199"]
    numbered = [f"KU{n:03d}" for n in range(1, 1000) if f"KU{n:03d}" not in real]
    municipalities = sorted(real + numbered[: 309 - len(real)])
    subregions = sorted({"SK081", "SK082"} | {f"SK{n:03d}" for n in range(11, 200, 2)})[:69]
    regions = [f"MK{n:02d}" for n in range(1, 22) if n not in (3, 20)]
    ely = [f"ELY{n:02d}" for n in range(1, 17)]
    return [
        "SSS",
        *municipalities,
        "KUJOU",
        *subregions,
        "SK902",
        "SKJOU",
        *regions,
        "MK91",
        "MKJO",
        *ely,
        "ELY80",
        "ELYJO",
    ]


def value_12r5(area: int, month: int, content: int) -> Number | None:
    """A deterministic, cheap 12r5-like value; some small-area cells are suppressed.

    Content 1 = unemployed, 2 = labour force, 3 = their rounded % ratio (like TYOTOSUUS),
    6 (TYOTTOMAT20) is suppressed in areas with ``area % 53 == 7``.
    """
    return _row_12r5(area, month, [content])[0]


def _row_12r5(area: int, month: int, contents: Sequence[int]) -> list[Number | None]:
    unemployed = 300 + (area * 7919 + month * 31) % 9000
    labour = unemployed * 8 + area % 97
    special: dict[int, Number | None] = {
        1: unemployed,
        2: labour,
        3: round(100 * unemployed / labour, 1),
    }
    if area % 53 == 7:
        special[6] = None
    base = area * 131 + month * 17
    return [special[c] if c in special else (base + c * 1009) % 5000 for c in contents]


def make_12r5_table(
    months: int = 210,
    *,
    start: str = "2009M01",
    areas: Sequence[str] | None = None,
    contents: Sequence[str] | None = None,
    codes: Mapping[str, str] = NEW_CODES,
    cell: CellFunction | None = None,
) -> FakeTable:
    """A 12r5-like table: areas x months x content codes (421 x N x 23 by default).

    ``codes`` chooses the variable codes: :data:`NEW_CODES` (post 8.6.2026, the default) or
    :data:`OLD_CODES` (``Kuukausi``/``Tiedot``). Values come from :func:`value_12r5` by position
    in the *full* 12r5 lists, so a subset of areas or contents keeps the same numbers.
    """
    all_areas = area_codes_12r5()
    area_list = list(areas) if areas is not None else all_areas
    content_pairs = [p for p in CONTENT_12R5 if contents is None or p[0] in contents]
    area_index = [
        all_areas.index(a) if a in all_areas else 1000 + n for n, a in enumerate(area_list)
    ]
    content_index = [[c for c, _ in CONTENT_12R5].index(code) for code, _ in content_pairs]

    def default_cell(positions: tuple[int, ...]) -> Number | None:
        a, m, c = positions
        return value_12r5(area_index[a], m, content_index[c])

    def default_block(positions: Sequence[Sequence[int]]) -> list[Number | None]:
        areas_at, months_at, contents_at = positions
        wanted = [content_index[c] for c in contents_at]
        values: list[Number | None] = []
        for a in areas_at:
            for m in months_at:
                values += _row_12r5(area_index[a], m, wanted)
        return values

    def area_texts(lang: int) -> list[str]:
        return [AREA_NAMES.get(code, (code, code, code))[lang] for code in area_list]

    month_list = month_codes(start, months)
    variables = [
        FakeVariable(
            codes["area"],
            "Alue",
            area_list,
            area_texts(0),
            map="Alue 2026",
            translations={"sv": ("Område", area_texts(1)), "en": ("Area", area_texts(2))},
        ),
        FakeVariable(
            codes["time"],
            "Kuukausi",
            month_list,
            list(month_list),
            time=True,
            translations={"sv": ("Månad", month_list), "en": ("Month", month_list)},
        ),
        FakeVariable(
            codes["content"],
            "Tiedot",
            [c for c, _ in content_pairs],
            [t for _, t in content_pairs],
            content=True,
        ),
    ]
    return FakeTable(
        table_id="tyonv/12r5",
        title="Työttömät työnhakijat eri ryhmissä, palveluissa olevat ja avoimet työpaikat "
        "kuukauden lopussa",
        variables=variables,
        cell=cell or default_cell,
        units={"TYOTOSUUS": ("%", 1)},
        block=None if cell else default_block,
    )


def make_small_table(
    table_id: str = "test/small", *, codes: Mapping[str, str] = NEW_CODES, months: int = 4
) -> FakeTable:
    """A small 3 areas x N months x 2 contents table; value = area*1000 + month*10 + content."""
    areas = ["SSS", "MK08", "KU285"]
    month_list = month_codes("2026M01", months)
    variables = [
        FakeVariable(codes["area"], "Alue", areas, ["KOKO MAA", "Kymenlaakso", "Kotka"]),
        FakeVariable(codes["time"], "Kuukausi", month_list, time=True),
        FakeVariable(codes["content"], "Tiedot", ["A", "B"], ["Alpha", "Beta"], content=True),
    ]

    def cell(positions: tuple[int, ...]) -> Number | None:
        a, m, c = positions
        if (a, m, c) == (2, 0, 1):
            return None
        return a * 1000 + m * 10 + c

    return FakeTable(
        table_id=table_id, title=f"Small table {table_id}", variables=variables, cell=cell
    )
