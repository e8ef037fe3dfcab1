"""The axe-core helper finds what it should: a constructed page (not real content) with a low
contrast paragraph and an unlabelled field. The visual rules (contrast among them) run on the
Finnish pages only (tests/axe.py)."""

from __future__ import annotations

import pytest

from tests.axe import serious_violations

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html lang="{language}"><head><title>Testi</title></head><body><main>
<h1>Otsikko</h1><p style="color:#bbb;background:#fff">Vaalea teksti</p>{field}</main></body></html>"""


def rules_found(page: object, language: str, field: str = "") -> set[str]:
    page.set_content(PAGE.format(language=language, field=field))
    return {line.split(" ", 1)[0] for line in serious_violations(page)}


def test_finnish_pages_get_every_rule_including_the_visual_ones(page: object) -> None:
    assert rules_found(page, "fi") == {"color-contrast"}
    assert rules_found(page, "fi", '<input type="text">') == {"color-contrast", "label"}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_other_languages_get_every_rule_but_the_visual_ones(page: object, language: str) -> None:
    assert rules_found(page, language) == set()
    assert rules_found(page, language, '<input type="text">') == {"label"}
