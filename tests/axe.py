"""axe-core in the page open in Chromium: the serious and critical violations, one line each.

Every rule runs on the Finnish pages. On the Swedish and English pages every rule runs except
colour contrast: the colours come from one stylesheet, the same in each language, and the contrast
rule takes nearly nine tenths of axe's time (about 2 s on a long page). The rules that depend on
the language — names, labels, the lang attribute, headings, landmarks — run in all three."""

from __future__ import annotations

from functools import cache

from axe_playwright_python.sync_playwright import Axe

SERIOUS = ("serious", "critical")
LANGUAGE_INDEPENDENT_RULES = ("color-contrast",)


@cache
def axe() -> Axe:
    return Axe()


def options_for(language: str) -> dict:
    if language == "fi":
        return {"resultTypes": ["violations"]}
    return {
        "resultTypes": ["violations"],
        "rules": {rule: {"enabled": False} for rule in LANGUAGE_INDEPENDENT_RULES},
    }


def serious_violations(page: object) -> list[str]:
    language = page.evaluate("document.documentElement.lang")
    violations = axe().run(page, options=options_for(language)).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in SERIOUS
    ]
