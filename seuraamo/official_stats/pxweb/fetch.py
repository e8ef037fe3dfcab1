"""``fetch_table``: metadata, plan, chunked queries, merge, labels, for either client version."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Protocol

from .cube import Cube
from .errors import TableChangedError
from .metadata import Selection, TableMetadata, add_language, apply_metadata
from .plan import QueryPlan, merge_cubes, plan_queries
from .transport import Limits


class TableSource(Protocol):
    """What :func:`fetch_table` needs from a client (both PxWebClient and PxWebV2Client)."""

    lang: str

    def limits(self) -> Limits: ...

    def metadata(self, table_id: str, lang: str | None = None) -> TableMetadata: ...

    def query(
        self, table_id: str, selection: Mapping[str, Sequence[str]], lang: str | None = None
    ) -> Cube: ...


def fetch_table(
    client: TableSource,
    table_id: str,
    selection: Selection | None = None,
    lang: str | None = None,
    *,
    since: str | None = None,
    languages: Sequence[str] = (),
    max_cells: int | None = None,
) -> Cube:
    """Fetch ``selection`` of ``table_id`` (all values when ``None``) as one Cube.

    Reads the metadata (roles are resolved from it), plans the fewest queries the server's cell
    limit allows (:func:`plan_queries`), sends them through the client's pacing and retries,
    checks that every answer has the metadata's variables (:class:`TableChangedError` if not) and
    merges the answers. ``since`` keeps time values ``>=`` it. ``languages`` lists further
    languages whose labels are attached (one metadata GET each): read them with
    ``dimension.category_label(code, "sv")``.
    """
    lang, metadata, plan = _planned(client, table_id, selection, lang, since, max_cells)
    cube = merge_cubes(list(_answers(client, table_id, metadata, plan, lang)), plan.selection)
    apply_metadata(cube, metadata)
    for other in languages:
        if other != lang:
            add_language(cube, client.metadata(table_id, lang=other))
    return cube


def fetch_table_pieces(
    client: TableSource,
    table_id: str,
    selection: Selection | None = None,
    lang: str | None = None,
    *,
    since: str | None = None,
    languages: Sequence[str] = (),
    max_cells: int | None = None,
) -> Iterator[Cube]:
    """:func:`fetch_table` without the merge: yields each query's answer as its own Cube (roles,
    labels and further languages applied) as soon as it arrives, so a caller that stores the
    cells piece by piece never holds more than one answer (a national table of millions of
    cells stays within the memory of one query). The pieces do not overlap. The metadata of
    ``languages`` is read before the first data query."""
    lang, metadata, plan = _planned(client, table_id, selection, lang, since, max_cells)
    others = [client.metadata(table_id, lang=other) for other in languages if other != lang]
    for piece in _answers(client, table_id, metadata, plan, lang):
        apply_metadata(piece, metadata)
        for other in others:
            add_language(piece, other)
        yield piece


def _planned(
    client: TableSource,
    table_id: str,
    selection: Selection | None,
    lang: str | None,
    since: str | None,
    max_cells: int | None,
) -> tuple[str, TableMetadata, QueryPlan]:
    """The answer language, the table's metadata and the fewest queries the cell limit allows."""
    lang = lang or client.lang
    metadata = client.metadata(table_id, lang=lang)
    limit = max_cells or client.limits().max_cells
    return lang, metadata, plan_queries(metadata, selection, limit, since=since)


def _answers(
    client: TableSource, table_id: str, metadata: TableMetadata, plan: QueryPlan, lang: str
) -> Iterator[Cube]:
    """Each planned query's answer, checked against the metadata, in the plan's order."""
    for query in plan.queries:
        answer = client.query(table_id, query, lang=lang)
        check_matches_metadata(answer, metadata)
        yield answer


def check_matches_metadata(cube: Cube, metadata: TableMetadata) -> None:
    """Raise :class:`TableChangedError` unless the answer has exactly the metadata's variables."""
    if sorted(cube.ids) != sorted(metadata.codes):
        raise TableChangedError(
            f"table {metadata.table_id}: the data answer has variables {cube.ids} but the "
            f"metadata has {metadata.codes}; the table changed (renamed codes?), re-read metadata"
        )
