"""``actorgraph view`` and the loader that reads a build's outputs back."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Graph

from actorgraph.extractors.records import Article, Edge, Entity, Evidence, KnowledgeGraph
from actorgraph.graph.build import BuildOptions, write_outputs
from actorgraph.graph.cli import main
from actorgraph.graph.core.load import load_knowledge_graph
from actorgraph.graph.errors import GraphFileError
from actorgraph.ontology import AG

BASE = "https://w3id.org/actorgraph/id/"
SHA_A, SHA_B = "a" * 64, "b" * 64
_DATA = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)


def ent(slug: str, label: str, type_: str, *aliases: str, articles=("a.txt",)) -> Entity:
    return Entity(f"{BASE}entity/{slug}", f"gaz:{slug}", label, type_, aliases, 2, articles)


def ev(sentence: str, article: str = "a.txt", start: int = 0, conf: float = 0.85) -> Evidence:
    sha = SHA_A if article == "a.txt" else SHA_B
    return Evidence(article, sha, sentence, start, start + len(sentence), "verb", conf)


def edge(s: str, rel: str, o: str, *evidence: Evidence) -> Edge:
    return Edge(
        f"{BASE}fact/{s}-{rel}-{o}", f"{BASE}entity/{s}", rel, f"{BASE}entity/{o}", evidence
    )


def sample_graph() -> KnowledgeGraph:
    """Five actors, two articles (one under two names), facts with several sentences."""
    entities = [
        ent("kh", "Kata'ib Hezbollah", "ArmedGroup", "KH", "Hezbollah Brigades"),
        ent("pmf", "Popular Mobilization Forces", "MilitaryForce", "PMF"),
        ent("iran", "Iran", "Country", articles=("a.txt", "b.txt")),
        ent("us", "United States", "Country", "US", "U.S.", articles=("b.txt",)),
        ent("ain", "Ain al-Asad", "Facility", articles=("b.txt",)),
    ]
    edges = [
        edge(
            "kh",
            "partOf",
            "pmf",
            ev("KH is part of the PMF.", start=10),
            ev("Kata'ib Hezbollah, \"one of the PMF's <strongest> factions\".", "b.txt", 5),
        ),
        edge(
            "kh", "backedBy", "iran", *(ev(f"Iran arms KH ({i}).", start=i * 40) for i in range(7))
        ),
        edge("us", "attacked", "kh", ev("US strikes hit KH.", "b.txt", conf=0.595)),
        edge("us", "presentIn", "ain", ev("US troops at Ain al-Asad.", "b.txt", 99, 0.7)),
    ]
    articles = (
        Article("a.txt", "in/a.txt", "text a", SHA_A, title="On KH", date="2024-01-02"),
        Article("b.txt", "in/b.txt", "text b", SHA_B, also_named=("b-copy.txt",)),
    )
    return KnowledgeGraph({e.id: e for e in entities}, tuple(edges), articles)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build folder written from :func:`sample_graph` (no model)."""
    folder = tmp_path_factory.mktemp("out")
    write_outputs(sample_graph(), folder, BuildOptions(html=False))
    return folder


def page_data(path: Path) -> dict[str, Any]:
    match = _DATA.search(path.read_text(encoding="utf-8"))
    assert match is not None, "no graph-data block"
    return json.loads(match.group(1))


def labels(data: dict[str, Any]) -> set[str]:
    return {n["label"] for n in data["nodes"]}


def view(*args: str) -> Any:
    return CliRunner().invoke(main, ["view", *args])


# --------------------------------------------------------------------------- #
# loader
# --------------------------------------------------------------------------- #


def test_loader_round_trips_entities_edges_evidence_and_articles(out: Path) -> None:
    kg, loaded = sample_graph(), load_knowledge_graph(out)
    assert loaded.entities.keys() == kg.entities.keys()
    for iri, entity in kg.entities.items():
        assert loaded.entities[iri] == Entity(
            iri,
            iri,
            entity.label,
            entity.type,
            entity.aliases,
            entity.mentions,
            entity.articles,
        )
    assert loaded.edges == tuple(sorted(kg.edges, key=lambda e: e.id))
    assert [len(e.evidence) for e in loaded.edges if e.relation == "backedBy"] == [7]
    assert [(a.name, a.sha256, a.title, a.date, a.also_named) for a in loaded.articles] == [
        ("a.txt", SHA_A, "On KH", "2024-01-02", ()),
        ("b.txt", SHA_B, None, None, ("b-copy.txt",)),
    ]


def test_loader_reads_a_key_field_when_present(tmp_path: Path) -> None:
    write_outputs(sample_graph(), tmp_path, BuildOptions(html=False))
    path = tmp_path / "entities.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("".join(json.dumps({**r, "key": "k"}) + "\n" for r in records), "utf-8")
    assert {e.key for e in load_knowledge_graph(tmp_path).entities.values()} == {"k"}


def test_loader_errors_name_the_file_and_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(GraphFileError, match=r"build folder '.*nope' not found; run `actorgraph"):
        load_knowledge_graph(tmp_path / "nope")
    with pytest.raises(GraphFileError, match=r"entities.jsonl' not found; run `actorgraph build"):
        load_knowledge_graph(tmp_path)

    write_outputs(sample_graph(), tmp_path, BuildOptions(html=False))
    entities = tmp_path / "entities.jsonl"
    good = entities.read_text(encoding="utf-8")
    entities.write_text(good + "{oops\n", encoding="utf-8")
    with pytest.raises(GraphFileError, match=r"entities.jsonl' line 6 is not valid JSON"):
        load_knowledge_graph(tmp_path)
    entities.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(GraphFileError, match=r"line 1 lacks label, type; rebuild it"):
        load_knowledge_graph(tmp_path)
    entities.write_text(good, encoding="utf-8")

    ttl = tmp_path / "graph.ttl"
    g = Graph().parse(ttl)
    g.remove((None, AG.sentence, None))
    g.serialize(ttl, format="turtle")
    with pytest.raises(GraphFileError, match=r"graph.ttl': <.*/evidence/.*> has no ag:sentence"):
        load_knowledge_graph(tmp_path)
    ttl.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(GraphFileError, match=r"graph.ttl' is not valid turtle"):
        load_knowledge_graph(tmp_path)


# --------------------------------------------------------------------------- #
# the command, on a hand-built build folder
# --------------------------------------------------------------------------- #


def test_view_by_alias_writes_the_neighbourhood_with_all_evidence(
    out: Path, tmp_path: Path
) -> None:
    page = tmp_path / "kh.html"
    result = view("hezbollah brigades", "--graph-dir", str(out), "-o", str(page))
    assert result.exit_code == 0, result.output
    assert f"wrote {page}: 4 actors, 3 relations within 1 hop of Kata'ib Hezbollah" in result.output
    data = page_data(page)
    assert data["title"] == "Kata'ib Hezbollah: 1 hop"
    (centre,) = [n for n in data["nodes"] if n["ag"].get("centre")]
    assert data["centre"] == centre["id"] and centre["label"] == "Kata'ib Hezbollah"
    assert labels(data) == {
        "Kata'ib Hezbollah",
        "Popular Mobilization Forces",
        "Iran",
        "United States",
    }
    by_relation = {e["ag"]["relation"]: e["ag"] for e in data["edges"]}
    assert by_relation["backedBy"]["support"] == 7
    assert len(by_relation["backedBy"]["evidence"]) + by_relation["backedBy"]["more"] == 7
    sentences = {v["sentence"] for v in by_relation["partOf"]["evidence"]}
    assert "Kata'ib Hezbollah, \"one of the PMF's <strongest> factions\"." in sentences
    assert data["counts"]["articles"] == 2


def test_view_options_filter_and_size(out: Path, tmp_path: Path) -> None:
    page = tmp_path / "us.html"
    args = ["U.S.", "--graph-dir", str(out), "-o", str(page), "--hops", "2"]
    assert view(*args).exit_code == 0
    assert labels(page_data(page)) == {
        "United States",
        "Ain al-Asad",
        "Kata'ib Hezbollah",
        "Popular Mobilization Forces",
        "Iran",
    }
    assert view(*args, "--relations", "attacked, presentIn", "--size-by", "pagerank").exit_code == 0
    data = page_data(page)
    assert labels(data) == {"United States", "Ain al-Asad", "Kata'ib Hezbollah"}
    assert data["sizeBy"] == "pagerank" and data["title"] == "United States: 2 hops"
    assert view(*args, "--min-support", "2").exit_code == 0
    assert labels(page_data(page)) == {"United States"}


def test_view_default_output_is_named_after_the_actor(
    out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = view("pmf", "--graph-dir", str(out), "--hops", "0")
    assert result.exit_code == 0, result.output
    assert labels(page_data(tmp_path / "popular-mobilization-forces.html")) == {
        "Popular Mobilization Forces"
    }


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["Hezbolah"], 2, "no actor named 'Hezbolah' among 5 actors; did you mean: Kata'ib"),
        (["zzz"], 2, "no actor named 'zzz' among 5 actors"),
        (["KH", "--relations", "likes"], 2, "unknown relation(s) likes; known: accused"),
        (["KH", "--relations", " , "], 2, "--relations is empty; give relation names"),
        (["KH", "--hops", "-1"], 2, "Invalid value for '--hops'"),
    ],
)
def test_view_errors_are_one_line(out: Path, args: list[str], code: int, message: str) -> None:
    result = view(*args, "--graph-dir", str(out), "-o", str(out / "x.html"))
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (out / "x.html").exists()


def test_view_without_a_build_says_how_to_make_one(tmp_path: Path) -> None:
    result = view("KH", "--graph-dir", str(tmp_path / "none"))
    assert result.exit_code == 6
    assert result.output.strip() == (
        f"error: build folder '{tmp_path / 'none'}' not found; "
        f"run `actorgraph build ... -o {tmp_path / 'none'}` first"
    )


def test_view_unwritable_output_is_an_output_error(out: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = view("KH", "--graph-dir", str(out), "-o", str(blocker / "kh.html"))
    assert result.exit_code == 5
    assert f"cannot write '{blocker / 'kh.html'}'" in result.output
    assert "pass another file with -o" in result.output


# --------------------------------------------------------------------------- #
# the seeds, with the real model
# --------------------------------------------------------------------------- #


@pytest.mark.model
def test_seeds_graph_loads_back_with_every_sentence(
    seeds_build: tuple[KnowledgeGraph, Path],
) -> None:
    kg, folder = seeds_build
    loaded = load_knowledge_graph(folder)
    assert {i: (e.label, e.type, e.aliases) for i, e in loaded.entities.items()} == {
        i: (e.label, e.type, e.aliases) for i, e in kg.entities.items()
    }

    def facts(g: KnowledgeGraph) -> dict[tuple[str, str, str], list[tuple[str, str, int]]]:
        return {
            (e.subject, e.relation, e.object): sorted(
                (v.article, v.sentence, v.start) for v in e.evidence
            )
            for e in g.edges
        }

    assert facts(loaded) == facts(kg)
    assert {a.name for a in loaded.articles} == {a.name for a in kg.articles}


@pytest.mark.model
def test_seeds_view_of_kataib_hezbollah(
    seeds_build: tuple[KnowledgeGraph, Path], tmp_path: Path
) -> None:
    kg, folder = seeds_build
    page = tmp_path / "kh.html"
    result = view("Kata'ib Hizbollah", "--graph-dir", str(folder), "-o", str(page))
    assert result.exit_code == 0, result.output
    data = page_data(page)
    assert {"Kataib Hezbollah", "Popular Mobilization Forces", "United States"} <= labels(data)
    kh = next(e.id for e in kg.entities.values() if e.label == "Kataib Hezbollah")
    around = [e for e in kg.edges if kh in (e.subject, e.object)]
    assert around and all(e["ag"]["iri"] for e in data["edges"])
    support = {e["ag"]["iri"]: e["ag"]["support"] for e in data["edges"]}
    for e in around:
        assert support[e.id] == len(e.evidence)

    # a spelling the gazetteer folds onto the name (hezbolah -> hezbollah) finds it; a typo not
    result = view("Kataib Hezbolah", "--graph-dir", str(folder), "-o", str(page))
    assert result.exit_code == 0 and "of Kataib Hezbollah" in result.output, result.output
    result = view("Kataib Hezbola", "--graph-dir", str(folder))
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and result.output.count("\n") == 1
    assert "did you mean: Kataib Hezbollah (ArmedGroup)" in result.output
