"""Every word on every page in the reader's language: pseudo-localisation over the role × page
matrix.

A pseudo catalogue, built here from the English catalogue, wraps every msgstr in markers
(``⟦Programme⟧``; placeholders kept as they are, so the strings still format); Django's own
strings (form errors, month names) are wrapped too. It is compiled with polib into a temporary
LOCALE_PATHS folder and stands in for English, so the pages are routed under ``/en/`` and
programme content is read from the English columns as usual. Each page of the matrix
(tests/test_axe_and_width.py's persona pages and a few staff pages besides; the forms as they
open, not after a refused submit) is rendered with Django's test client; its visible text is read (text nodes, ``<title>``, options,
the ``alt``, ``title``, ``aria-label`` and ``placeholder`` attributes, button values; not scripts
or styles). Whatever is left after the marked strings are taken out must be content from the
database (any text field of any row the page could read: names, titles, service texts, codes),
a number, the name of a month or period (written per language in ``seuraamo.periods``), a code
inside a ``<details>`` element, or one of the few proper names in ``PROPER_NAMES``. Any other
word is an interface string that no translation reaches; the test names the page and the text.

A test of the test renders a page with a plain English literal slipped into its template and
expects it to be found."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.test import Client, override_settings

from seuraamo.core import formatting
from seuraamo.official_stats.services.snapshot import TABLES_JSON
from seuraamo.periods.names import MONTHS
from tests.conftest import loaded_once
from tests.test_axe_and_width import MATRIX, Site, build_site

OPEN, CLOSE = "⟦", "⟧"
#: A word: letters and digits (so "KU285", "2026M06" and "12r5" are one word each).
WORD = re.compile(r"[^\W_]+")
#: Names that are the same in every language and come from no table: the application, the region,
#: the statistics agency in its own language and the language switcher's labels (each language
#: named in itself).
PROPER_NAMES = frozenset(
    ["Seuraamo", "Kymenlaakso", "Tilastokeskus", "Suomi", "Svenska", "English", "WGS84"]
)
#: Months and periods are written per language by seuraamo.periods, not by gettext.
PERIOD_WORDS = frozenset([*MONTHS["en"], *(f"Q{n}" for n in range(1, 5)), "H1", "H2"])
#: A code a <details> element may show (a table id's parts, content and area codes, periods).
CODE = re.compile(r"[A-Z0-9]+|[a-z]*\d+[a-z\d]*|[a-z]+")


# --- the pseudo catalogue ------------------------------------------------------------------------


def marked(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}" if text else text


def english_catalogues() -> list[Path]:
    """The project's English catalogue and Django's own (its core and the contrib apps used)."""
    django_dir = Path(django.__file__).parent
    found = [Path(settings.CATALOGUE_SOURCE_DIR) / "en" / "LC_MESSAGES" / "django.po"]
    found.append(django_dir / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po")
    for app in ("admin", "auth", "contenttypes", "sessions", "messages"):
        path = django_dir / "contrib" / app / "locale" / "en" / "LC_MESSAGES" / "django.po"
        if path.exists():
            found.append(path)
    return found


def build_pseudo_catalogue(locale_dir: Path) -> Path:
    """A catalogue for "en" whose every msgstr is its msgid between markers, compiled to
    ``locale_dir/en/LC_MESSAGES/django.mo``."""
    pseudo = polib.POFile()
    pseudo.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    seen: set[tuple[str | None, str]] = set()
    for path in english_catalogues():
        for entry in polib.pofile(str(path)):
            key = (entry.msgctxt, entry.msgid)
            if entry.obsolete or not entry.msgid or key in seen:
                continue
            seen.add(key)
            pseudo.append(
                polib.POEntry(
                    msgctxt=entry.msgctxt,
                    msgid=entry.msgid,
                    msgid_plural=entry.msgid_plural,
                    msgstr="" if entry.msgid_plural else marked(entry.msgid),
                    msgstr_plural=(
                        {0: marked(entry.msgid), 1: marked(entry.msgid_plural)}
                        if entry.msgid_plural
                        else {}
                    ),
                )
            )
    target = locale_dir / "en" / "LC_MESSAGES" / "django.mo"
    target.parent.mkdir(parents=True)
    pseudo.save_as_mofile(str(target))
    return target


# --- the visible text of a page ------------------------------------------------------------------


@dataclass(frozen=True)
class Fragment:
    #: The text as the reader sees it.
    text: str
    #: The text with the marked strings taken out.
    unmarked: str
    in_details: bool


def take_out_marked(text: str, depth: int) -> tuple[str, int]:
    """``text`` without what stands between markers, ``depth`` markers open before it; and the
    number open after it (a marked string may hold elements: a link, a <time>)."""
    kept = []
    for character in text:
        if character == OPEN:
            depth += 1
        elif character == CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            kept.append(character)
            continue
        kept.append(" ")
    return "".join(kept), depth


class VisibleText(HTMLParser):
    """Text nodes (the <title> and <option>s included) and the attributes a reader sees or hears,
    each with whether it is inside a <details> element. A marked string may run over inline
    elements; a block element ends any left open."""

    ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
    #: Not text for the reader (scripts and styles), or commands and code to type as they are.
    SKIPPED = ("script", "style", "code", "kbd", "samp")
    BLOCKS = frozenset(
        [
            "address",
            "article",
            "aside",
            "blockquote",
            "body",
            "button",
            "caption",
            "dd",
            "details",
            "dialog",
            "div",
            "dl",
            "dt",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "form",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "head",
            "header",
            "html",
            "label",
            "legend",
            "li",
            "main",
            "nav",
            "ol",
            "option",
            "p",
            "pre",
            "section",
            "select",
            "summary",
            "table",
            "tbody",
            "td",
            "textarea",
            "tfoot",
            "th",
            "thead",
            "title",
            "tr",
            "ul",
        ]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fragments: list[Fragment] = []
        self.skipped = 0
        self.details = 0
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.depth = 0
        if tag in self.SKIPPED:
            self.skipped += 1
        elif tag == "details":
            self.details += 1
        values = dict(attrs)
        texts = [values.get(name) for name in self.ATTRIBUTES]
        if tag == "input" and values.get("type") in ("submit", "button", "reset"):
            texts.append(values.get("value"))
        for text in texts:
            self.add(text or "", take_out_marked(text or "", 0)[0])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED or tag == "details":
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.depth = 0
        if tag in self.SKIPPED:
            self.skipped = max(0, self.skipped - 1)
        elif tag == "details":
            self.details = max(0, self.details - 1)

    def handle_data(self, data: str) -> None:
        if not self.skipped:
            unmarked, self.depth = take_out_marked(data, self.depth)
            self.add(data, unmarked)

    def add(self, text: str, unmarked: str) -> None:
        if WORD.search(unmarked):
            self.fragments.append(Fragment(" ".join(text.split()), unmarked, self.details > 0))


def visible_text(html: str) -> list[Fragment]:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser.fragments


# --- what may stand unmarked ---------------------------------------------------------------------


def words(text: str) -> tuple[str, ...]:
    return tuple(word.casefold() for word in WORD.findall(text))


@dataclass
class DatabaseContent:
    """Every text the database holds, as phrases of words, indexed by their first word."""

    phrases: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)

    def add(self, text: str) -> None:
        pieces = [text, *text.splitlines(), *re.split(r"\n\s*\n", text)]
        for piece in pieces:
            phrase = words(piece.strip().removeprefix("- "))
            if phrase:
                self.phrases.setdefault(phrase[0], set()).add(phrase)

    def longest_at(self, found: tuple[str, ...], start: int) -> int:
        """The number of words of the longest phrase that ``found`` has at ``start`` (0: none)."""
        longest = 0
        for phrase in self.phrases.get(found[start], ()):
            if len(phrase) > longest and found[start : start + len(phrase)] == phrase:
                longest = len(phrase)
        return longest


def strings_in(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def database_content() -> DatabaseContent:
    """The text fields of every row: what a page may show as it is. Fields with choices are left
    out (their values are codes; a page shows their translated labels)."""
    content = DatabaseContent()
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            if model_field.choices:
                continue
            if isinstance(model_field, models.CharField | models.TextField | models.JSONField):
                values = model._default_manager.values_list(model_field.attname, flat=True)
                for value in values.distinct():
                    for text in strings_in(value):
                        content.add(text)
    for text in written_per_language():
        content.add(text)
    return content


#: Template syntax and tags: what is left between them is a template's literal text.
TEMPLATE_SYNTAX = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|<[^>]+>", re.DOTALL)


def written_per_language() -> Iterator[str]:
    """English written outside the catalogues on purpose, each language its own: the templates
    chosen by language (``…/en.html``: the monthly review), the month phrases of
    ``seuraamo.core.formatting`` (Finnish needs case forms) and the statistics' labels in the
    snapshot's ``tables.json`` (data like the database's, by language)."""
    for template in Path(settings.PACKAGE_DIR).glob("*/templates/**/en.html"):
        yield from TEMPLATE_SYNTAX.split(template.read_text(encoding="utf-8"))
    for year in range(2000, 2031):
        for month in range(1, 13):
            yield formatting.at_month_end(f"{year}M{month:02}", "en")
    yield from strings_in(json.loads(TABLES_JSON.read_text(encoding="utf-8")))


def unmarked_words(fragment: Fragment, content: DatabaseContent) -> list[str]:
    """The words of a fragment that are neither marked, nor database content, nor allowed."""
    text = fragment.unmarked
    original = WORD.findall(text)
    found = words(text)
    left: list[str] = []
    start = 0
    while start < len(found):
        covered = content.longest_at(found, start)
        if covered:
            start += covered
            continue
        word = original[start]
        allowed = (
            word.isdigit()
            or word in PROPER_NAMES
            or word in PERIOD_WORDS
            or (fragment.in_details and CODE.fullmatch(word) is not None and not word.istitle())
        )
        if not allowed:
            left.append(word)
        start += 1
    return left


# --- the site ------------------------------------------------------------------------------------


_site: list[Site] = []


@pytest.fixture(scope="module")
def pseudo_site_for_the_module(
    django_db_setup: None, django_db_blocker: pytest.DjangoDbBlocker
) -> Iterator[None]:
    def load() -> None:
        _site[:] = [build_site("")]

    yield from loaded_once(django_db_blocker, load)


@pytest.fixture
def site(pseudo_site_for_the_module: None, db: None) -> Site:
    return _site[0]


@pytest.fixture
def pseudo_locale(tmp_path: Path) -> Iterator[None]:
    """English replaced by the pseudo catalogue for the test."""
    build_pseudo_catalogue(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path]):
        yield


#: Pages besides the axe matrix's, by persona: staff pages and the situation's own pages.
MORE_PAGES: dict[str, list[str]] = {
    "visitor": [
        "situation/municipalities/KU285/",
        "situation/charts/timeseries/",
        "services/guide/",
    ],
    "analyst": ["data-status/", "follow-up/tasks/"],
    "programme admin": [
        "data-status/",
        "follow-up/rounds/{period}/close/",
        "follow-up/reports/{report}/",
        "follow-up/overview/",
    ],
    "steering group": ["follow-up/tasks/", "follow-up/rounds/{period}/"],
}


def pages() -> Iterator[tuple[str, str]]:
    for persona, visits in MATRIX.items():
        for visit in visits:
            if "en" in visit.languages:
                yield persona, visit.path
    for persona, paths in MORE_PAGES.items():
        for path in paths:
            yield persona, path


def findings(html: str, content: DatabaseContent) -> list[str]:
    """Each visible text with words no translation reached, those words named after it."""
    found = []
    for fragment in visible_text(html):
        if unmarked_words(fragment, content):
            unmarked = " ".join(fragment.unmarked.split())
            found.append(f"{fragment.text!r} (unmarked: {unmarked!r})")
    return list(dict.fromkeys(found))


def report(found: dict[str, list[str]]) -> str:
    return "\n".join(
        f"{page}\n" + "\n".join(f"    {text}" for text in texts)
        for page, texts in found.items()
        if texts
    )


def test_every_page_of_the_matrix_is_translated(site: Site, pseudo_locale: None) -> None:
    content = database_content()
    clients: dict[str, Client] = {}
    found: dict[str, list[str]] = {}
    for persona, path in pages():
        if persona not in clients:
            clients[persona] = Client()
            if site.people[persona] is not None:
                clients[persona].force_login(site.people[persona])
        url = f"/en/{path.format(**site.keys)}"
        response = clients[persona].get(url)
        assert response.status_code == 200, (persona, url, response.status_code)
        found[f"{persona}: {url}"] = findings(response.content.decode(), content)
    assert not report(found), f"Visible text that no translation reaches:\n{report(found)}"


def test_an_untranslated_string_is_found_and_named(
    site: Site, pseudo_locale: None, tmp_path: Path
) -> None:
    """The test of the test: the steering group's page with a plain English paragraph and an
    image whose alternative text is plain English, slipped into its template, fails naming the
    page and both texts; the page as it is passes."""
    page = "/en/steering-group/"
    content = database_content()
    assert findings(Client().get(page).content.decode(), content) == []

    template = "programmes/steering_group.html"
    source = (Path(settings.PACKAGE_DIR) / "programmes" / "templates" / template).read_text()
    slipped = '<p>Members meet four times a year</p><img src="/x.png" alt="Group photo">'
    assert source.rstrip().endswith("{% endblock %}")
    (tmp_path / "programmes").mkdir()
    (tmp_path / template).write_text(
        source.rstrip().removesuffix("{% endblock %}") + slipped + "{% endblock %}"
    )
    templates = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    cache.clear()  # the page as it was is in the page cache
    with override_settings(TEMPLATES=templates):
        found = {page: findings(Client().get(page).content.decode(), content)}
    assert report(found) == (
        f"{page}\n"
        "    'Members meet four times a year' (unmarked: 'Members meet four times a year')\n"
        "    'Group photo' (unmarked: 'Group photo')"
    )
