"""Search text for the catalogue: words lowercased, stemmed in their language, diacritics folded.

The same function turns a service's texts into its stored search column and a visitor's query into
stems, so "nuorille" and "Nuoret" meet at "nuor", and "tyollisyys" meets "työllisyysalue". A query stem
matches a stored word that begins with it (Finnish compounds). The Finnish stemmer keeps the t of a
genitive plural in -ten ("nuorten" → "nuort", "yritysten" → "yrityst"), so a query word in -ten also
tries its stem without that t and meets "nuor" and "nuore". Plain Python, so SQLite and PostgreSQL
give the same answers. No Django imports."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import snowballstemmer

STEMMER_LANGUAGES = {"fi": "finnish", "sv": "swedish", "en": "english"}
MIN_QUERY_STEM = 2
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_stemmers = {code: snowballstemmer.stemmer(name) for code, name in STEMMER_LANGUAGES.items()}


def fold(text: str) -> str:
    """Lowercase without diacritics: "Työllisyys" → "tyollisyys"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stems(text: str, language: str) -> list[str]:
    stemmer = _stemmers[language]
    return [fold(stemmer.stemWord(word)) for word in _WORD.findall(text.lower())]


def _finnish_query_variants(word: str, stem: str) -> set[str]:
    variants = {stem}
    if word.endswith("ten") and stem.endswith("t") and len(stem) >= 5:
        variants.add(stem[:-1])
    return variants


def search_text(texts: Iterable[tuple[str, str]]) -> str:
    """The stored column: distinct stems of (text, language) pairs, each between spaces."""
    seen: dict[str, None] = {}
    for text, language in texts:
        for stem in stems(text, language):
            seen.setdefault(stem, None)
    return " " + " ".join(seen) + " " if seen else ""


def query_terms(query: str, languages: Iterable[str]) -> list[set[str]]:
    """One set of acceptable stems per query word (the word stemmed in each language); every word
    must match. Words shorter than two letters are ignored."""
    terms = []
    for word in _WORD.findall(query.lower())[:10]:
        variants: set[str] = set()
        for language in languages:
            stem = _stemmers[language].stemWord(word)
            found = _finnish_query_variants(word, stem) if language == "fi" else {stem}
            variants |= {fold(variant) for variant in found}
        variants = {variant for variant in variants if len(variant) >= MIN_QUERY_STEM}
        if variants:
            terms.append(variants)
    return terms
