"""Why a value is missing, as the pages, the tables' legends and the downloads tell it.

Statistics Finland's own conventions: ``..`` not available, ``…`` (``...``) not published for
confidentiality. A total over member municipalities that cannot be formed because a member is
suppressed is not itself a suppressed cell, so it has its own mark ``(…)``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from seuraamo.official_stats.derived import INVALID, MISSING, NO_TOTAL, SUPPRESSED

SYMBOLS = {SUPPRESSED: "…", NO_TOTAL: "(…)", INVALID: "×", MISSING: ".."}
MEANINGS = {
    SUPPRESSED: gettext_lazy("Not published (confidential: too few persons)"),
    NO_TOTAL: gettext_lazy(
        "The total cannot be formed: a member municipality's figure is not published"
    ),
    INVALID: gettext_lazy("The stored value is not a valid number and is not shown"),
    MISSING: gettext_lazy("Not available"),
}
#: The marks in JSON-stat ``status`` (ASCII, as Statistics Finland's own files have them).
JSONSTAT_SYMBOLS = {SUPPRESSED: "...", NO_TOTAL: "(...)", INVALID: "x", MISSING: ".."}
#: The status as a word in the downloads' status columns (the same in every language).
CODES = {
    SUPPRESSED: "suppressed",
    NO_TOTAL: "total-not-formed",
    INVALID: "invalid",
    MISSING: "missing",
}


def symbol(status: str) -> str:
    return SYMBOLS.get(status, SYMBOLS[MISSING])


def meaning(status: str) -> str:
    return str(MEANINGS.get(status, MEANINGS[MISSING]))


def code(status: str) -> str:
    return CODES.get(status, CODES[MISSING])


def jsonstat_symbol(status: str) -> str:
    return JSONSTAT_SYMBOLS.get(status, JSONSTAT_SYMBOLS[MISSING])
