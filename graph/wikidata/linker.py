"""Linking Films and Persons to Wikidata QIDs: read the store, ask, decide, write.

Films first (people then use the films just linked as filmography), in chunks:
each chunk is decided and its links written before the next is asked, so an
endpoint failure or an interrupt loses nothing already found and a re-run
(with the answer cache) resumes where it stopped.

Nothing is overwritten: only nodes without a QID are read, a QID already held
by another node is reported as a conflict instead of written (the store would
otherwise join the two nodes), and after each write the stored QIDs are read
back, so a node linked meanwhile by someone else is reported, not changed
(the merge policy keeps the first value). QIDs already in the graph are
checked against the endpoint and the unknown ones reported.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graph import schema
from graph.model import Film, Person
from graph.stores.base import Store
from graph.wikidata import candidates as ask
from graph.wikidata.candidates import Item
from graph.wikidata.client import EndpointError, SparqlClient
from graph.wikidata.score import Candidate, choose
from graph.wikidata.terms import Row, entity, qid_of

SOURCE = "wikidata-link"
DEFAULT_LANGUAGES = ("en", "mul", "de")


@dataclass
class Decision:
    label: str
    key: str
    name: str
    status: str  # linked | ambiguous | no-candidate | conflict | unknown-qid
    qid: str | None = None
    score: float | None = None
    reason: str = ""
    candidates: list[tuple[str, float]] = field(default_factory=list)
    title: str | None = None  # what to write as title/name when the node has none


@dataclass
class LinkReport:
    dry_run: bool
    decisions: list[Decision] = field(default_factory=list)
    written: int = 0
    error: str | None = None

    def counts(self) -> dict[str, Counter[str]]:
        out: dict[str, Counter[str]] = defaultdict(Counter)
        for d in self.decisions:
            out[d.label][d.status] += 1
        return out


def _chunks(items: list[Item], size: int) -> Iterator[list[Item]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Linker:
    def __init__(
        self,
        store: Store,
        client: SparqlClient,
        *,
        min_score: float = 0.8,
        margin: float = 0.1,
        languages: list[str] | None = None,
        dry_run: bool = False,
        chunk: int = 2000,
        on_decision: Callable[[Decision], None] | None = None,
    ) -> None:
        self.store = store
        self.client = client
        self.min_score = min_score
        self.margin = margin
        self.languages = languages or self._graph_languages()
        self.dry_run = dry_run
        self.chunk = chunk
        self.on_decision = on_decision
        self.report = LinkReport(dry_run)
        self.linked: dict[str, dict[str, str]] = {}  # label -> key -> qid (stored + this run)

    def _graph_languages(self) -> list[str]:
        found = [str(r[0]) for r in self.store.named("review_languages").rows]
        return list(dict.fromkeys([*DEFAULT_LANGUAGES, *found]))

    def run(self, only: str | None = None) -> LinkReport:
        labels = [lb for lb in (schema.FILM, schema.PERSON) if only in (None, lb)]
        for label in labels:
            self.linked[label] = self._stored_links(label)
        try:
            for label in labels:
                self._verify(label)
                items = self._items(label)
                for part in _chunks(items, self.chunk):
                    self._commit(label, self._decide(label, part))
        except EndpointError as exc:
            self.report.error = str(exc)
        return self.report

    # -- reading the store -------------------------------------------------

    def _stored_links(self, label: str) -> dict[str, str]:
        name = "linked_films" if label == schema.FILM else "linked_people"
        rows = self.store.named(name).records()
        return {r["key"]: r["qid"] for r in rows}

    def _items(self, label: str) -> list[Item]:
        if label == schema.FILM:
            return [_film_item(r) for r in self.store.named("films_to_link").records()]
        return [_person_item(r) for r in self.store.named("people_to_link").records()]

    def _verify(self, label: str) -> None:
        """Report QIDs on nodes that the endpoint does not know (left as they are)."""
        held = self.linked[label]
        rows: list[Row] = [(entity(q),) for q in sorted(set(held.values()))]
        known = {
            qid_of(r[0]) for r, found in self.client.select("wd_items_exist", rows).items() if found
        }
        for key, qid in sorted(held.items()):
            if qid not in known:
                self._decided(
                    Decision(
                        label,
                        key,
                        key,
                        "unknown-qid",
                        qid,
                        None,
                        f"{qid} is not known at {self.client.endpoint}; left as is",
                    )
                )

    # -- deciding ------------------------------------------------------------

    def _decide(self, label: str, items: list[Item]) -> list[tuple[Item, Decision]]:
        is_film = label == schema.FILM
        id_query = "wd_film_by_id" if is_film else "wd_person_by_id"
        props = ask.FILM_IDS if is_film else ask.PERSON_IDS
        by_id = ask.by_ids(self.client, [i for i in items if i.ids], id_query, props)
        out = [(i, _id_decision(i, by_id[i.key])) for i in items if i.key in by_id]
        rest = [i for i in items if i.key not in by_id]
        label_query = "wd_film_by_label" if is_film else "wd_person_by_label"
        found = ask.label_candidates(self.client, rest, label_query, self.languages)
        if is_film:
            qids = sorted({q for per in found.values() for q in per})
            facts = ask.film_facts(self.client, qids, self.languages)
            for item in rest:
                for cand in found.get(item.key, {}).values():
                    ask.score_film(item, cand, facts[cand.qid])
        else:
            self._person_films(rest)
            pairs = sorted({(q, f) for i in rest for q in found.get(i.key, {}) for f in i.films})
            credited = ask.credits(self.client, pairs)
            for item in rest:
                for cand in found.get(item.key, {}).values():
                    ask.score_person(item, cand, credited)
        for item in rest:
            out.append((item, self._label_decision(item, list(found.get(item.key, {}).values()))))
        return out

    def _person_films(self, items: list[Item]) -> None:
        """Film keys -> QIDs, counting films linked earlier in this run (also in a dry run)."""
        films = self.linked.get(schema.FILM) or self._stored_links(schema.FILM)
        for item in items:
            item.films = sorted({films[k] for k in item.films if k in films})

    def _label_decision(self, item: Item, cands: list[Candidate]) -> Decision:
        choice = choose(cands, self.min_score, self.margin)
        ranked = [(c.qid, c.score) for c in choice.ranked[:5]]
        name = item.name or item.key
        if choice.best is None:
            return Decision(item.label, item.key, name, "no-candidate", reason="no label matched")
        best = choice.best
        reason = "; ".join(r for r in (choice.why, best.reason()) if r)
        if len(choice.ranked) > 1:
            runner = choice.ranked[1]
            reason += f"; next {runner.qid} {runner.score:.2f}"
        qid = best.qid if choice.status == "linked" else None
        return Decision(item.label, item.key, name, choice.status, qid, best.score, reason, ranked)

    # -- writing ------------------------------------------------------------

    def _commit(self, label: str, decided: list[tuple[Item, Decision]]) -> None:
        """Check conflicts, write the links of one chunk, read them back."""
        holders: dict[str, list[str]] = defaultdict(list)
        for key, held in self.linked[label].items():
            holders[held].append(key)
        wanted = Counter(d.qid for _, d in decided if d.status == "linked")
        to_write: list[tuple[Item, Decision]] = []
        for item, decision in decided:
            qid = decision.qid
            if decision.status == "linked" and qid is not None:
                others = [k for k in holders.get(qid, []) if k != item.key]
                if others or wanted[qid] > 1:
                    where = others[0] if others else "another node in this run"
                    decision.status = "conflict"
                    decision.reason = f"{qid} is already on {where}; not written. {decision.reason}"
                else:
                    to_write.append((item, decision))
        if to_write and not self.dry_run:
            records = [r for i, d in to_write if (r := _record(i, d)) is not None]
            self.store.write(records)
            self.report.written += len(records)
            stored = self._stored_links(label)
            for _, decision in to_write:
                if stored.get(decision.key) != decision.qid:
                    decision.status = "conflict"
                    decision.reason = (
                        f"the node holds {stored.get(decision.key)} (set meanwhile), kept; "
                        f"found {decision.qid}. {decision.reason}"
                    )
        for _, decision in to_write:
            if decision.status == "linked" and decision.qid:
                self.linked[label][decision.key] = decision.qid
        for _, decision in decided:
            self._decided(decision)

    def _decided(self, decision: Decision) -> None:
        self.report.decisions.append(decision)
        if self.on_decision is not None:
            self.on_decision(decision)


def _id_decision(item: Item, match: ask.IdMatch) -> Decision:
    name = item.name or match.label or item.key
    evidence = "; ".join(f"{q}: {', '.join(e)}" for q, e in sorted(match.qids.items()))
    if len(match.qids) > 1:
        ranked = [(q, 1.0) for q in sorted(match.qids)]
        return Decision(
            item.label,
            item.key,
            name,
            "ambiguous",
            None,
            1.0,
            f"ids point to different items: {evidence}",
            ranked,
        )
    qid = next(iter(match.qids))
    return Decision(
        item.label,
        item.key,
        name,
        "linked",
        qid,
        1.0,
        f"exact id {', '.join(match.qids[qid])}",
        [(qid, 1.0)],
        title=match.label,
    )


def _record(item: Item, decision: Decision) -> Film | Person | None:
    """The record that sets the link; ``None`` for a nameless node Wikidata gave no label."""
    text = item.name or decision.title
    if text is None or decision.qid is None:
        return None
    common: dict[str, Any] = {
        "key": item.key,
        "qid": decision.qid,
        "link_score": decision.score,
        "link_reason": decision.reason,
        "sources": [SOURCE],
    }
    if item.label == schema.FILM:
        return Film(title=text, **common)
    return Person(name=text, **common)


def _film_item(r: dict[str, Any]) -> Item:
    ids = {f: str(r[f]) for f in ("imdb", "tmdb") if r.get(f) is not None}
    texts = [t for t in (r["title"], r["original_title"], *(r["aliases"] or [])) if t]
    return Item(
        schema.FILM,
        r["key"],
        r["title"],
        texts,
        r["year"],
        ids,
        sorted(r["directors"] or []),
        sorted(r["actors"] or []),
    )


def _person_item(r: dict[str, Any]) -> Item:
    ids = {f: str(r[f]) for f in ("imdb", "tmdb") if r.get(f) is not None}
    texts = [t for t in (r["name"], *(r["aliases"] or [])) if t]
    return Item(
        schema.PERSON,
        r["key"],
        r["name"],
        texts,
        r["birth_year"],
        ids,
        films=sorted(r["films"] or []),
    )
