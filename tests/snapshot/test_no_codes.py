"""Words, not codes, over the real statistics snapshot: the situation pages as `make run` shows
them after loading it (its occupation table, its comparison regions and the gap in its months),
in fi, sv and en. What counts as a code and where one may stand: tests/test_no_codes.py."""

from __future__ import annotations

import pytest

from tests.test_axe_and_width import LANGUAGES
from tests.test_no_codes import codes_in

PAGES = (
    "situation/",
    "situation/?area=KU935",
    "situation/municipalities/KU285/",
    "situation/review/",
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_situation_over_the_snapshot_shows_no_code(
    statistics_snapshot: None, db: None, client: object, language: str
) -> None:
    found = {}
    for path in PAGES:
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 200, (path, response.status_code)
        if codes := codes_in(response.content.decode()):
            found[f"/{language}/{path}"] = codes
    listing = "\n".join(f"{url}\n" + "\n".join(f"    {c}" for c in cs) for url, cs in found.items())
    assert not found, f"Codes where a reader needs words:\n{listing}"
