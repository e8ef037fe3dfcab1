"""import_ptv against a real PTV v11 service and a local fake server that pages like the PTV API:
municipality filter, idempotence that keeps editors' work, the guard against mass removal, and
named errors with nothing written."""

from __future__ import annotations

import copy
import io
import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from seuraamo.catalogue.models import Service, ServiceStatus
from seuraamo.core.models import AuditEvent
from seuraamo.organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).parent / "ptv" / "v11_service_liperi_real.json"
REAL = next(iter(json.loads(SAMPLE.read_text(encoding="utf-8")).values()))


def run(source: str, *args: str) -> str:
    out = io.StringIO()
    call_command("import_ptv", source, *args, stdout=out)
    return out.getvalue()


def test_the_real_service_is_skipped_outside_kymenlaakso(db: None) -> None:
    assert run(str(SAMPLE)) == (
        "PTV: 0 new (drafts), 0 changed, 0 unchanged, 1 skipped (other municipalities or "
        "unpublished), 0 marked outdated.\n"
    )
    assert Service.objects.count() == 0


def test_the_real_service_imports_as_a_draft_and_a_rerun_keeps_editors_work(db: None) -> None:
    assert run(str(SAMPLE), "--municipalities", "KU426").startswith("PTV: 1 new (drafts)")
    service = Service.objects.get(ptv_id=uuid.UUID(REAL["id"]))
    assert service.name_fi == "Yksilöllistetty oppimäärä"
    assert service.status == ServiceStatus.DRAFT
    assert service.municipalities == ["KU426"]
    assert service.responsible.name_fi == "Liperin kunta"
    assert service.responsible.kind == OrganisationKind.MUNICIPALITY
    Service.objects.filter(pk=service.pk).update(level=2, status=ServiceStatus.PUBLISHED)
    assert "0 new (drafts), 0 changed, 1 unchanged" in run(str(SAMPLE), "--municipalities", "KU426")
    service.refresh_from_db()
    assert (service.level, service.status) == (2, ServiceStatus.PUBLISHED)
    assert Organisation.objects.filter(name_fi="Liperin kunta").count() == 1


def constructed(number: int, municipality: str = "285") -> dict:
    """A copy of the real service with a constructed id, name and municipality (a test sample)."""
    item = copy.deepcopy(REAL)
    item["id"] = str(uuid.UUID(int=number))
    item["serviceNames"] = [{"language": "fi", "value": f"Testipalvelu {number}", "type": "Name"}]
    item["areas"] = [{"type": "Municipality", "municipalities": [{"code": municipality}]}]
    return item


class FakePtv:
    """Serves `items` in pages of `page_size` as the v11 list endpoints do."""

    def __init__(self) -> None:
        self.items: list[dict] = []
        self.channels: list[dict] = []  # served under …/ServiceChannel/…
        self.page_size = 2
        self.status = 200
        self.requests: list[str] = []

    def page(self, number: int, items: list[dict] | None = None) -> dict:
        items = self.items if items is None else items
        count = max(1, -(-len(items) // self.page_size))
        start = (number - 1) * self.page_size
        return {
            "pageNumber": number,
            "pageSize": self.page_size,
            "pageCount": count,
            "itemList": items[start : start + self.page_size],
        }


@pytest.fixture
def fake_ptv() -> Iterator[tuple[FakePtv, str]]:
    state = FakePtv()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            state.requests.append(self.path)
            if state.status != 200:
                self.send_response(state.status)
                self.end_headers()
                return
            number = int(parse_qs(urlsplit(self.path).query).get("page", ["1"])[0])
            items = state.channels if "/ServiceChannel/" in self.path else state.items
            body = json.dumps(state.page(number, items)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = (
            f"http://127.0.0.1:{server.server_port}/api/v11/Service/list/area/Municipality/code/285"
        )
        yield state, url
    finally:
        server.shutdown()
        server.server_close()


def test_the_paged_api_is_followed_to_the_last_page(
    db: None, fake_ptv: tuple[FakePtv, str]
) -> None:
    state, url = fake_ptv
    state.items = [constructed(n) for n in range(1, 6)] + [constructed(9, "426")]
    assert run(url).startswith("PTV: 5 new (drafts), 0 changed, 0 unchanged, 1 skipped")
    assert [request.split("page=")[1] for request in state.requests] == ["1", "2", "3"]
    assert sorted(Service.objects.values_list("name_fi", flat=True)) == [
        f"Testipalvelu {n}" for n in range(1, 6)
    ]


def test_a_source_missing_most_services_is_refused_unless_allowed(
    db: None, fake_ptv: tuple[FakePtv, str]
) -> None:
    state, url = fake_ptv
    state.items = [constructed(n) for n in range(1, 6)]
    run(url)
    state.items = state.items[:1]
    with pytest.raises(CommandError) as error:
        run(url)
    assert str(error.value) == (
        "the source lacks 4 of the 5 services imported from PTV earlier; nothing changed "
        "(re-run with --allow-removals if they really ended)"
    )
    assert not Service.objects.filter(status=ServiceStatus.OUTDATED).exists()
    assert run(url, "--allow-removals").endswith("4 marked outdated.\n")
    assert Service.objects.filter(status=ServiceStatus.OUTDATED).count() == 4
    assert Service.objects.count() == 5
    outdated = AuditEvent.objects.filter(object_type="catalogue.service", action="update")
    assert [event.after for event in outdated] == [{"status": "outdated"}] * 4
    assert AuditEvent.objects.filter(object_type="catalogue.service", action="create").count() == 5


def test_an_api_error_is_named_and_nothing_is_written(
    db: None, fake_ptv: tuple[FakePtv, str]
) -> None:
    state, url = fake_ptv
    state.status = 503
    with pytest.raises(CommandError) as error:
        run(url)
    assert str(error.value) == f"{url}?page=1: the PTV API answered HTTP 503"
    assert Service.objects.count() == 0


def test_a_bad_record_is_named_and_nothing_is_written(db: None, tmp_path: Path) -> None:
    good, bad = constructed(1), constructed(2)
    bad["id"] = "abc"
    path = tmp_path / "ptv.json"
    path.write_text(json.dumps([good, bad]), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run(str(path))
    assert str(error.value) == "ptv.json:[1].id: 'abc' is not a PTV id (UUID)"
    assert Service.objects.count() == 0
    assert Organisation.objects.count() == 0


def test_wrong_municipality_codes_are_refused(db: None) -> None:
    with pytest.raises(CommandError, match=r"^--municipalities: not municipality codes: 285$"):
        run(str(SAMPLE), "--municipalities", "285")
