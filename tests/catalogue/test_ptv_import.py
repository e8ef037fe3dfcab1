"""import_ptv against a real PTV v11 service and a local fake server that pages like the PTV API:
municipality filter, idempotence that keeps editors' work, the guard against mass removal, retries
of a busy API, and named errors (an unavailable API, an oversized or malformed page, a bad record)
with nothing written."""

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
from seuraamo.catalogue.ptv import source
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
    created = AuditEvent.objects.get(object_type="organisations.organisation", action="create")
    assert created.object_key == service.responsible.key  # the new organisation is audited
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
    """Serves `items` in pages of `page_size` as the v11 list endpoints do. `script` answers the
    next requests first (status, headers, body), `bodies` replaces a page's body, `status` answers
    every request; `statuses` and `sleeps` (the import's waits between attempts) are recorded."""

    def __init__(self) -> None:
        self.items: list[dict] = []
        self.channels: list[dict] = []  # served under …/ServiceChannel/…
        self.page_size = 2
        self.status = 200
        self.script: list[tuple[int, dict[str, str], bytes]] = []
        self.bodies: dict[int, bytes] = {}
        self.requests: list[str] = []
        self.statuses: list[int] = []
        self.sleeps: list[float] = []

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
def fake_ptv(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakePtv, str]]:
    state = FakePtv()
    monkeypatch.setattr(source, "sleep", state.sleeps.append)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            state.requests.append(self.path)
            number = int(parse_qs(urlsplit(self.path).query).get("page", ["1"])[0])
            items = state.channels if "/ServiceChannel/" in self.path else state.items
            if state.script:
                status, headers, body = state.script.pop(0)
            elif state.status != 200:
                status, headers, body = state.status, {}, b""
            else:
                status, headers = 200, {"Content-Type": "application/json"}
                body = state.bodies.get(number) or json.dumps(state.page(number, items)).encode()
            state.statuses.append(status)
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
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


def test_a_busy_api_is_asked_again_and_the_import_completes(
    db: None, fake_ptv: tuple[FakePtv, str]
) -> None:
    state, url = fake_ptv
    state.items = [constructed(n) for n in range(1, 4)]
    state.script = [(503, {}, b"busy"), (429, {"Retry-After": "7"}, b"slow down")]
    assert run(url).startswith("PTV: 3 new (drafts)")
    assert state.statuses == [503, 429, 200, 200]
    assert state.sleeps == [
        1.0,
        7.0,
    ]  # back-off after the 503, the server's Retry-After after the 429
    assert Service.objects.count() == 3


def test_an_unavailable_api_is_named_after_the_retries_and_nothing_is_written(
    db: None, fake_ptv: tuple[FakePtv, str]
) -> None:
    state, url = fake_ptv
    state.items = [constructed(1)]
    state.status = 503
    with pytest.raises(CommandError) as error:
        run(url)
    assert str(error.value) == (
        f"GET {url}?page=1 failed after 5 attempts; last: HTTP 503 service unavailable or time-out"
    )
    assert state.statuses == [503] * 5
    assert state.sleeps == [1.0, 2.0, 4.0, 8.0]
    assert Service.objects.count() == 0


def test_a_refusal_is_named_at_once(db: None, fake_ptv: tuple[FakePtv, str]) -> None:
    state, url = fake_ptv
    state.script = [(404, {}, b"no such municipality")]
    with pytest.raises(CommandError) as error:
        run(url)
    assert str(error.value) == (
        f"GET {url}?page=1 failed: HTTP 404 Not Found: 'no such municipality'"
    )
    assert state.statuses == [404]
    assert state.sleeps == []


def imported_names() -> list[str]:
    return sorted(Service.objects.values_list("name_fi", flat=True))


def renamed(items: list[dict]) -> list[dict]:
    changed = copy.deepcopy(items)
    for item in changed:
        item["serviceNames"][0]["value"] += " (uusi nimi)"
    return changed


def test_an_oversized_page_is_refused_and_nothing_is_half_written(
    db: None, fake_ptv: tuple[FakePtv, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    state, url = fake_ptv
    state.items = [constructed(n) for n in range(1, 6)]
    run(url)
    before, events = imported_names(), AuditEvent.objects.count()
    state.items = renamed(state.items)
    limit = max(len(json.dumps(state.page(number))) for number in (1, 2)) + 100
    monkeypatch.setattr(source, "MAX_PAGE_BYTES", limit)
    state.bodies = {3: b" " * (limit + 1)}
    with pytest.raises(CommandError) as error:
        run(url)
    assert str(error.value) == (
        f"GET {url}?page=3: the answer is larger than {limit} bytes; nothing beyond that is read"
    )
    assert state.statuses[-3:] == [200, 200, 200]
    assert (imported_names(), AuditEvent.objects.count()) == (before, events)


def test_a_malformed_page_is_named_and_nothing_is_half_written(
    db: None, fake_ptv: tuple[FakePtv, str]
) -> None:
    state, url = fake_ptv
    state.items = [constructed(n) for n in range(1, 6)]
    run(url)
    before, events = imported_names(), AuditEvent.objects.count()
    state.items = renamed(state.items)
    state.bodies = {3: b'{"pageNumber": 3, "itemList": [{"id": '}
    with pytest.raises(CommandError) as error:
        run(url)
    assert str(error.value).startswith(
        f"answer from {url}?page=3 is not valid JSON (38 bytes; truncated or not JSON?): "
    )
    assert str(error.value).endswith("""; starts with '{"pageNumber": 3, "itemList": [{"id": '""")
    assert (imported_names(), AuditEvent.objects.count()) == (before, events)
    state.bodies = {2: b'{"pageNumber": 2, "pageCount": 3}'}
    with pytest.raises(CommandError, match=r"\?page=2: no itemList in the answer$"):
        run(url)
    assert (imported_names(), AuditEvent.objects.count()) == (before, events)


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
