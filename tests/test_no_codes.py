"""Words, not codes, on every public page: no period code (2026M06, 2026H1, 2026Q2), table id
(tyonv/12r5, 12r5), content code (PITKAAIKAISTYOTTOMAT, TYOTTOMAT25) or area code (KU285, MK08,
TA04, SSS) in what a reader sees.

Every public page of the role × page matrix (tests/test_axe_and_width.py's visitor rows) and the
situation's own public pages are rendered with Django's test client in fi, sv and en over the
matrix's data (``build_site``). Their visible text is read without what may hold codes: the
``<details>`` elements (an occupation's code under its name, a table's id among its sources), the
``<code>`` elements (the API's parameters and example addresses), the download links and the
attributes (an ``href`` with ``?area=KU285``, a ``data-`` value), scripts and styles. Any code
left is named with the page and the text it stands in.

A test of the test finds the codes slipped into a page's visible text and not those in its
``<details>`` and ``<code>``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from django.test import Client

from seuraamo.official_stats.registry import CODES_12R5, TRACKED_TABLES
from tests.conftest import loaded_once
from tests.test_axe_and_width import LANGUAGES, MATRIX, Site, build_site

#: Public pages besides the matrix's visitor rows.
MORE_PUBLIC_PAGES = (
    "situation/municipalities/KU285/",
    "situation/?area=TA04",
    "situation/?area=KU935",
)

#: Pages where <code> holds what a caller types (endpoints, parameters, example addresses).
CODE_PAGES = frozenset(["open-data/"])

_TABLE_IDS = sorted(
    {part for table in TRACKED_TABLES for part in (table.table_id, table.table_id.split("/")[-1])},
    key=len,
    reverse=True,
)
_CONTENT_CODES = sorted(
    {*CODES_12R5, *(code for table in TRACKED_TABLES for code in table.contents)},
    key=len,
    reverse=True,
)
#: What a reader should never have to decode, each kind with its pattern.
CODES: dict[str, re.Pattern[str]] = {
    "period code": re.compile(r"(?<![\w-])\d{4}(?:M(?:0[1-9]|1[0-2])|Q[1-4]|H[12])(?!\w)"),
    "table id": re.compile(
        r"(?<![\w/])(?:" + "|".join(re.escape(t) for t in _TABLE_IDS) + r"|[a-z]+/\d+[a-z0-9]*)"
        r"(?![\w/])"
    ),
    "content code": re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(c) for c in _CONTENT_CODES) + r"|[A-Z]{6,}\d*)(?!\w)"
    ),
    "area code": re.compile(r"(?<!\w)(?:SSS|ELY\d{2}|MK\d{2}|SK\d{3}|TA\d{2}|KU\d{3})(?!\w)"),
}


class ReadableText(HTMLParser):
    """Text nodes outside <details>, <code>, download links, scripts and styles; attributes are
    never read."""

    HIDDEN = frozenset(["details", "script", "style", "template"])
    #: Code to type as it is: shown as such on the API's documentation only.
    CODE = frozenset(["code", "pre"])

    def __init__(self, *, code_allowed: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden_tags = self.HIDDEN | self.CODE if code_allowed else self.HIDDEN
        self.texts: list[str] = []
        #: The open elements, each with whether it hides its text.
        self.open: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        values = dict(attrs)
        is_download = tag == "a" and (
            "download" in values or "download" in (values.get("class") or "")
        )
        self.open.append((tag, tag in self.hidden_tags or is_download))

    def handle_endtag(self, tag: str) -> None:
        if any(name == tag for name, _hides in self.open):
            while self.open and self.open.pop()[0] != tag:
                pass

    def handle_data(self, data: str) -> None:
        hidden = any(hides for _name, hides in self.open)
        if not hidden and data.strip():
            self.texts.append(" ".join(data.split()))


VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"]
)


def readable_text(html: str, *, code_allowed: bool = False) -> list[str]:
    parser = ReadableText(code_allowed=code_allowed)
    parser.feed(html)
    parser.close()
    return parser.texts


def codes_in(html: str, *, code_allowed: bool = False) -> list[str]:
    """Each code a reader sees, with its kind and the text it stands in; ``code_allowed``: what
    stands in <code> and <pre> is code to type (the API's documentation)."""
    found = []
    for text in readable_text(html, code_allowed=code_allowed):
        for kind, pattern in CODES.items():
            for match in pattern.finditer(text):
                found.append(f"{kind} {match.group()!r} in {text[:160]!r}")
    return list(dict.fromkeys(found))


_site: list[Site] = []


@pytest.fixture(scope="module")
def codes_site_for_the_module(
    django_db_setup: None, django_db_blocker: pytest.DjangoDbBlocker
) -> Iterator[None]:
    def load() -> None:
        _site[:] = [build_site("")]

    yield from loaded_once(django_db_blocker, load)


@pytest.fixture
def site(codes_site_for_the_module: None, db: None) -> Site:
    return _site[0]


def public_pages() -> Iterator[str]:
    for visit in MATRIX["visitor"]:
        yield visit.path
    yield from MORE_PUBLIC_PAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_public_page_shows_a_code(site: Site, language: str) -> None:
    client = Client()
    found: dict[str, list[str]] = {}
    for path in public_pages():
        url = f"/{language}/{path.format(**site.keys)}"
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        codes = codes_in(response.content.decode(), code_allowed=path in CODE_PAGES)
        if codes:
            found[url] = codes
    listing = "\n".join(f"{url}\n" + "\n".join(f"    {c}" for c in cs) for url, cs in found.items())
    assert not found, f"Codes where a reader needs words:\n{listing}"


def test_codes_are_found_in_text_and_not_in_details_links_or_attributes() -> None:
    """The test of the test: the codes of a paragraph are named; those of an attribute, a
    <details> element and a download link are not; those of <code> only where code is allowed."""
    page = (
        '<h1 title="2026M06">Työttömät kesäkuussa 2026</h1>'
        "<p>Lähde: tyonv/12r5, PITKAAIKAISTYOTTOMAT ja TYOTTOMAT25 alueella MK08 (2026H1)</p>"
        '<a href="/fi/situation/?area=KU285">Kotka</a>'
        "<details><summary>Koodit</summary>KU285, 2026Q2, 12r5</details>"
        "<p>Rajapinta: <code>table=tyonv/12ti&amp;area=SSS</code></p>"
        '<a class="download" href="x.csv">seuraamo-tyonv-12r5-2026M06.csv</a>'
    )
    in_text = [
        "period code '2026H1'",
        "table id 'tyonv/12r5'",
        "content code 'PITKAAIKAISTYOTTOMAT'",
        "content code 'TYOTTOMAT25'",
        "area code 'MK08'",
    ]
    kinds = [finding.split(" in ")[0] for finding in codes_in(page, code_allowed=True)]
    assert kinds == in_text
    kinds = [finding.split(" in ")[0] for finding in codes_in(page)]
    assert kinds == [*in_text, "table id 'tyonv/12ti'", "area code 'SSS'"]
