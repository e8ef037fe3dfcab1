"""The situation page tells that no barometer release has been recorded rather than showing an
invented value, over the real statistics snapshot. Constructed test figures (test_register.GOOD)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from seuraamo.periods import Period
from seuraamo.publications.models import Publication
from tests.publications.test_register import GOOD, write

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "nothing"),
    [("fi", "Julkaisua ei ole vielä kirjattu"), ("sv", "Ingen publicering har registrerats ännu"),
     ("en", "No release recorded yet")],
)  # fmt: skip
def test_the_page_says_no_release_is_recorded(
    statistics_snapshot, client, tmp_path, language, nothing
) -> None:
    html = client.get(f"/{language}/situation/").content.decode()
    assert 'id="table-publications"' in html
    assert html.count(nothing) == Publication.objects.count()
    call_command("import_publication_figures", write(tmp_path, GOOD))
    html = client.get(f"/{language}/situation/").content.decode()
    assert html.count(nothing) == Publication.objects.count() - 1
    assert Period.parse("2026H1").label(language) in html  # the period by name, not its code
    assert "2026H1" not in html
