"""axe-core in the page open in Chromium: the serious and critical violations, one line each.

Every rule runs on the Finnish pages. On the Swedish and English pages every rule runs except the
visual ones — colour contrast, the size of click targets and links told from text by colour: they
depend on the one stylesheet and the layout, the same in each language, and take most of axe's
time (contrast nearly nine tenths of it, about 2 s on a long page; the other two about three
quarters of what is left). The rules that depend on the language — names, labels, the lang
attribute, headings, landmarks — run in all three.

axe-core is the copy that axe-playwright-python ships. A page whose context runs it on every load
(`run_axe_on_every_load`) does not need it sent again for each check: sending its 570 kB over
Playwright's pipe cost about twice what Chromium's own start of the script does."""

from __future__ import annotations

import json
from functools import cache

from axe_playwright_python.base import AXE_FILE_PATH

SERIOUS = ("serious", "critical")
VISUAL_RULES = ("color-contrast", "target-size", "link-in-text-block")


def run_axe_on_every_load(context: object) -> None:
    """Every page the Playwright browser context loads from now on has axe-core ready."""
    context.add_init_script(path=AXE_FILE_PATH)


@cache
def axe_script() -> str:
    return AXE_FILE_PATH.read_text(encoding="utf-8")


def options_for(language: str) -> dict:
    if language == "fi":
        return {"resultTypes": ["violations"]}
    return {
        "resultTypes": ["violations"],
        "rules": {rule: {"enabled": False} for rule in VISUAL_RULES},
    }


def serious_violations(page: object) -> list[str]:
    language = page.evaluate("document.documentElement.lang")
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_script())  # not a script tag: the pages' CSP refuses inline scripts
    violations = page.evaluate(f"axe.run({json.dumps(options_for(language))})")["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in SERIOUS
    ]
