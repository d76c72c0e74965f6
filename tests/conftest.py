"""Shared fixtures: hand-built Docs (no model), one real-model pipeline and one build of the
seed articles per session, and the builder of hostile graphs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from http_servers import Listener, Reply
from spacy.lang.en import English
from spacy.tokens import Doc, Span

from actorgraph.extractors.gazetteer import GazEntry, Gazetteer
from actorgraph.extractors.records import Edge, Entity, Evidence, KnowledgeGraph

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SEEDS = ROOT / "seeds"

#: a tiny gazetteer for unit tests (names, types, aliases only)
TEST_ENTRIES = [
    GazEntry(
        "israel", "Israel", "Country", ("State of Israel",), ("Israeli", "Israelis"), ("Jerusalem",)
    ),
    GazEntry("turkey", "Turkey", "Country", ("Turkiye",), ("Turkish", "Turks"), ("Ankara",)),
    GazEntry("greece", "Greece", "Country", (), ("Greek", "Greeks"), ("Athens",)),
    GazEntry("iraq", "Iraq", "Country", (), ("Iraqi", "Iraqis"), ("Baghdad",)),
    GazEntry("iran", "Iran", "Country", (), ("Iranian", "Iranians"), ("Tehran",)),
    GazEntry("russia", "Russia", "Country", (), ("Russian", "Russians"), ("Moscow",)),
    GazEntry("libya", "Libya", "Country", (), ("Libyan", "Libyans"), ()),
    GazEntry("egypt", "Egypt", "Country", (), ("Egyptian", "Egyptians"), ("Cairo",)),
    GazEntry("yemen", "Yemen", "Country", (), ("Yemeni", "Yemenis"), ("Sanaa",)),
    GazEntry("saudi-arabia", "Saudi Arabia", "Country", ("KSA",), ("Saudi", "Saudis"), ("Riyadh",)),
    GazEntry("lebanon", "Lebanon", "Country", (), ("Lebanese",), ("Beirut",)),
    GazEntry(
        "united-kingdom",
        "United Kingdom",
        "Country",
        ("UK", "Britain"),
        ("British", "Britons"),
        ("London",),
    ),
    GazEntry(
        "uk-armed-forces", "British Armed Forces", "MilitaryForce", ("United Kingdom armed forces",)
    ),
    GazEntry("hamas", "Hamas", "ArmedGroup", ()),
    GazEntry("houthis", "Houthis", "ArmedGroup", ("Ansar Allah", "Houthi")),
    GazEntry("hezbollah", "Hezbollah", "ArmedGroup", ("Hizbollah",)),
    GazEntry("wagner", "Wagner Group", "ArmedGroup", ("Wagner",)),
    GazEntry("al-tanf", "Al Tanf", "Facility", ("al-Tanf garrison",)),
    GazEntry("mosul", "Mosul", "Place", ()),
    GazEntry("syria", "Syria", "Country", (), ("Syrian", "Syrians"), ("Damascus",)),
    GazEntry("beirut", "Beirut", "Place", ()),
]


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer(TEST_ENTRIES)


@pytest.fixture(scope="session")
def vocab():  # type: ignore[no-untyped-def]
    return English().vocab


def load_parses() -> dict[str, dict]:  # type: ignore[type-arg]
    out = {}
    for path in sorted(DATA.glob("parses*.jsonl")):  # tests/record_parses.py writes them
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out[rec["text"]] = rec
    return out


PARSES = load_parses()


def make_doc(vocab, text: str) -> Doc:  # type: ignore[no-untyped-def]
    """A Doc with the parse recorded in tests/data/parses*.jsonl: no model needed."""
    p = PARSES[text]
    doc = Doc(
        vocab,
        words=p["words"],
        spaces=p["spaces"],
        heads=p["heads"],
        deps=p["deps"],
        pos=p["pos"],
        tags=p["tags"],
        lemmas=p["lemmas"],
        sent_starts=p["sent_starts"],
    )
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in p["ents"]]
    return doc


def actor_labels(doc):  # type: ignore[no-untyped-def]
    """(mention text, its node's label, the mention's type) for every actor mention."""
    ents = doc._.actor_entities
    return [(m.text, ents[m.kb_id_].label, m.label_) for m in doc.spans["actors"]]


def actor_runner(gazetteer: Gazetteer, vocab, *, relations_gazetteer: bool = False):  # type: ignore[no-untyped-def]
    """A function that runs actorgraph's components on a recorded parse of ``text`` and
    returns the Doc and its facts as ``{(subject label, relation, object label)}``.

    ``relations_gazetteer`` gives the relation component the gazetteer too (offices).
    """
    from actorgraph.extractors.entities import ActorRuler, ActorTyper
    from actorgraph.extractors.relations import RelationExtractor
    from actorgraph.extractors.resolve import ActorResolver
    from actorgraph.ontology import load_schema

    components = [
        ActorRuler(gazetteer),
        ActorTyper(),
        ActorResolver(gazetteer),
        RelationExtractor(load_schema(), gazetteer=gazetteer if relations_gazetteer else None),
    ]

    def run(text: str):  # type: ignore[no-untyped-def]
        doc = make_doc(vocab, text)
        for c in components:
            doc = c(doc)
        ents = doc._.actor_entities
        facts = {(ents[f.subject].label, f.relation, ents[f.object].label) for f in doc._.facts}
        return doc, facts

    return run


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The real default model with actorgraph's components (loaded once per session)."""
    from actorgraph.extractors.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory, nlp) -> tuple[KnowledgeGraph, Path]:  # type: ignore[no-untyped-def]
    """The seed articles built once per session with the real model, without graph.html:
    the merged graph and the build folder. Shared by many tests: never write into it."""
    from actorgraph.graph.build import BuildOptions, build

    out = tmp_path_factory.mktemp("seeds")
    kg, _ = build([SEEDS], out, BuildOptions(html=False), nlp=nlp)
    return kg, out


@pytest.fixture(scope="session")
def seeds(seeds_build: tuple[KnowledgeGraph, Path]) -> Path:
    """``graph.ttl`` of :func:`seeds_build`."""
    return seeds_build[1] / "graph.ttl"


def make_hostile_graph(
    texts: Sequence[str],
    entity: Callable[[int, str, str], Entity],
    evidence: Callable[[str, str], Evidence],
    base: str = "https://w3id.org/actorgraph/id/",
) -> KnowledgeGraph:
    """A ring of actors in which every label, alias, sentence and article name is one of
    ``texts`` (injection attempts): actor ``i`` is ``entity(i, texts[i], texts[i + 1])`` (its
    label and an alias) and attacked actor ``i + 1`` on ``evidence(texts[i], texts[-1 - i])``
    (the sentence and its article)."""
    entities = [entity(i, text, texts[(i + 1) % len(texts)]) for i, text in enumerate(texts)]
    edges = [
        Edge(
            f"{base}fact/h{i}",
            entities[i].id,
            "attacked",
            entities[(i + 1) % len(entities)].id,
            (evidence(text, texts[-1 - i]),),
        )
        for i, text in enumerate(texts)
    ]
    return KnowledgeGraph({e.id: e for e in entities}, tuple(edges))


@pytest.fixture
def listener() -> Iterator[Callable[..., Listener]]:
    """Start :class:`~http_servers.Listener` servers on 127.0.0.1; all stopped afterwards."""
    made: list[Listener] = []

    def make(reply: Reply = b"", **kw: Any) -> Listener:
        made.append(Listener(reply, **kw))
        return made[-1]

    yield make
    for one in made:
        one.close()
