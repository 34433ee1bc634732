"""A unit's years: last year's stored disclosure, and the corpus rules run against it.

Run inside the transaction that stores new documents, so that a document never stands without
the corpus findings it has (interrupted, neither remains). A new document is checked against the
year before it, and the stored documents of the year after it are checked again against it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import Connection, delete, insert, select

from ..jsonin import from_dict as disclosure
from ..model import Disclosure
from ..rules.corpus import LastYear
from .models import OK, Document, StoredDisclosure, StoredFinding
from .record import finding_row, unslim

Key = tuple[int, int, str | None]  # unit, year, kind: a budget is compared with its own kind


def recheck(connection: Connection, new: Iterable[Key], known: Mapping[int, bytes] | None = None) -> int:
    """Run the corpus rules again wherever `new` documents gave a document its last year;
    returns the number of documents checked. `known`: documents' slim forms at hand, by id (our
    own pickles, record.slim, made by the workers of this ingest)."""
    new = set(new)
    units = {unit for unit, _, _ in new}
    if not units:
        return 0
    stored: dict[Key, list[int]] = {}
    for id_, unit, year, kind in connection.execute(
            select(Document.id, Document.unit_id, Document.year, Document.kind)
            .where(Document.unit_id.in_(units), Document.status == OK, Document.year.is_not(None))
            .order_by(Document.id)):
        stored.setdefault((unit, year, kind), []).append(id_)
    targets = {key for unit, year, kind in new for key in ((unit, year, kind), (unit, year + 1, kind))}
    checked = 0
    loaded: dict[int, Disclosure] = {}  # a unit's middle year is one pair's last year, another's this year

    def load(document_id: int) -> Disclosure:
        if document_id not in loaded:
            at_hand = (known or {}).get(document_id)
            loaded[document_id] = unslim(at_hand) if at_hand else _load(connection, document_id)
        return loaded[document_id]

    for unit, year, kind in targets:
        before = stored.get((unit, year - 1, kind))
        if not before or (unit, year, kind) not in stored:
            continue
        last = load(before[-1])  # the latest stored version of last year's
        for id_ in stored[(unit, year, kind)]:
            connection.execute(delete(StoredFinding).where(StoredFinding.document_id == id_,
                                                           StoredFinding.corpus.is_(True)))
            found = list(LastYear(lambda _, last=last: last).check(load(id_)))
            if found:
                connection.execute(insert(StoredFinding), [
                    {**finding_row(f), "document_id": id_, "corpus": True} for f in found])
            checked += 1
    return checked


def _load(connection: Connection, document_id: int) -> Disclosure:
    data = connection.execute(select(StoredDisclosure.content)
                              .where(StoredDisclosure.document_id == document_id)).scalar_one()
    return disclosure(data)
