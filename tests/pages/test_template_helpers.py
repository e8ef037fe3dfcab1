"""The content tags, the number filter and the language switcher's path translation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from seuraamo.core.context_processors import local_name, same_page_in
from seuraamo.programmes.models import Programme


def render(source: str, **context: object) -> str:
    return Template("{% load content pages %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("fi", Decimal("12.900"), "12,9"),
        ("en", Decimal("12.900"), "12.9"),
        ("fi", Decimal("1234.000"), "1\xa0234"),
        ("en", Decimal("1234.000"), "1,234"),
        ("sv", Decimal("0.125"), "0,125"),
        ("fi", Decimal("100"), "100"),
        ("fi", None, ""),
    ],
)
def test_number(language: str, value: Decimal | None, expected: str) -> None:
    with translation.override(language):
        assert render("{{ value|number }}", value=value) == expected


def test_tr_paragraphs_with_fallback_and_lists() -> None:
    programme = Programme(
        name_fi="Ohjelma",
        description_fi="Eka <b>kappale</b>.\nToinen rivi.\n\n- yksi\n- kaksi",
        description_sv="",
    )
    with translation.override("sv"):
        html = render('{% tr_paragraphs programme "description" %}', programme=programme)
    assert html == (
        '<div lang="fi"><p>Eka &lt;b&gt;kappale&lt;/b&gt;.<br>Toinen rivi.</p>'
        "<ul><li>yksi</li><li>kaksi</li></ul></div>"
    )
    with translation.override("fi"):
        first = render('{% tr_paragraphs programme "description" 1 %}', programme=programme)
    assert first == "<p>Eka &lt;b&gt;kappale&lt;/b&gt;.<br>Toinen rivi.</p>"
    assert render('{% tr_paragraphs programme "source_note" %}', programme=Programme()) == ""


def test_tr_marks_only_fallbacks() -> None:
    programme = Programme(name_fi="Ohjelma", name_sv="Program", name_en="")
    with translation.override("sv"):
        assert render('{% tr programme "name" %}', programme=programme) == "Program"
    with translation.override("en"):
        assert render('{% tr programme "name" %}', programme=programme) == (
            '<span lang="fi">Ohjelma</span>'
        )
        assert render('{% tr_text programme "name" %}', programme=programme) == "Ohjelma"
        # An <option> cannot hold a <span>: its own lang says the fallback's language.
        assert render('{% tr_lang programme "name" %}', programme=programme) == ' lang="fi"'
    with translation.override("sv"):
        assert render('{% tr_lang programme "name" %}', programme=programme) == ""


@pytest.mark.urls("seuraamo.config.urls")
def test_same_page_in_other_languages() -> None:
    assert same_page_in("/fi/themes/4.3/", "fi", "sv") == "/sv/themes/4.3/"
    assert same_page_in("/sv/goals/x/", "sv", "en") == "/en/goals/x/"
    assert same_page_in("/en/", "en", "fi") == "/fi/"
    assert same_page_in("/fi/no/such/page/", "fi", "en") == "/en/no/such/page/"
    assert same_page_in("/fi/no/such/page/", "fi", "fi") == "/fi/no/such/page/"


def test_language_names_in_their_own_language() -> None:
    assert [local_name(code) for code in ("fi", "sv", "en")] == ["Suomi", "Svenska", "English"]
