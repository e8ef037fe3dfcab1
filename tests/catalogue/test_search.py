"""Query stems without the database: the Finnish genitive plural in -ten meets the other forms."""

from __future__ import annotations

from seuraamo.catalogue import search


def test_a_genitive_plural_in_ten_also_tries_the_stem_without_its_t() -> None:
    assert search.query_terms("nuorten", ["fi"]) == [{"nuort", "nuor"}]
    assert search.query_terms("yritysten", ["fi"]) == [{"yrityst", "yritys"}]


def test_other_words_keep_their_one_stem() -> None:
    assert search.query_terms("nuoret", ["fi"]) == [{"nuore"}]
    # A short stem ending in t is left alone: too short to shorten safely.
    assert search.query_terms("lasten", ["fi"]) == [{"last"}]
    assert search.query_terms("tyollisyys", ["fi"]) == [{"tyollisyys"}]
