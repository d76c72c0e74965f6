"""The main job on the seed articles with the real model, through the installed CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from rdflib import Graph
from rdflib.compare import isomorphic

from actorgraph.graph.core.graphfile import load_graph
from actorgraph.graph.core.jsonl import TRIPLE_KEYS
from actorgraph.graph.sparql.query import run_query
from actorgraph.ontology import RELATIONS

pytestmark = pytest.mark.model
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("out")
    exe = shutil.which("actorgraph") or str(Path(sys.executable).parent / "actorgraph")
    proc = subprocess.run(
        [exe, "build", str(SEEDS), "-o", str(out)], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    assert "5 articles" in proc.stderr and "facts per relation" in proc.stderr
    return out


def test_all_outputs_written(built: Path):
    for name in ("graph.ttl", "graph.html", "triples.jsonl", "entities.jsonl", "skipped.jsonl"):
        assert (built / name).is_file(), name
    assert (built / "skipped.jsonl").read_text() == ""


def test_turtle_parses_back_to_the_same_graph(built: Path):
    from actorgraph.extractors.records import KnowledgeGraph  # noqa: F401 - documents the type

    g1 = Graph().parse(built / "graph.ttl", format="turtle")
    g2 = Graph().parse(data=g1.serialize(format="nt"), format="nt")
    assert len(g1) > 100
    assert isomorphic(g1, g2)
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(built / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(g1)


def test_triples_jsonl_has_exactly_the_keys(built: Path):
    lines = (built / "triples.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 20
    for line in lines:
        rec = json.loads(line)
        assert tuple(rec) == TRIPLE_KEYS
        assert rec["relation"] in RELATIONS
        text = (SEEDS / rec["article"]).read_text(encoding="utf-8")
        assert text[rec["start"] : rec["end"]] == rec["sentence"]
        assert 0 < rec["confidence"] <= 1


def test_entities_jsonl(built: Path):
    ents = [
        json.loads(x) for x in (built / "entities.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert {tuple(e) for e in ents} == {("id", "label", "type", "aliases", "mentions", "articles")}
    by_label = {e["label"]: e for e in ents}
    kh = by_label["Kataib Hezbollah"]
    assert kh["type"] == "ArmedGroup"
    assert len(kh["articles"]) >= 3  # one node across articles
    assert by_label["Popular Mobilization Forces"]["type"] == "ArmedGroup"
    assert "Katyusha" not in {e["label"] for e in ents if e["type"] in {"Country", "Place"}}


def test_html_references_no_network_url(built: Path):
    html = (built / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert not re.search(r"""@import|url\(\s*["']?(https?:)?//""", html, re.I)


def test_sparql_over_the_build(built: Path):
    g = load_graph(built / "graph.ttl")
    rows = list(
        run_query(
            g,
            """
        SELECT ?part ?whole ?sentence WHERE {
          ?part ag:partOf ?whole .
          ?f rdf:subject ?part ; rdf:predicate ag:partOf ; rdf:object ?whole ; ag:evidence ?e .
          ?e ag:sentence ?sentence .
        }""",
        )
    )
    assert rows
    for part, whole, sentence in rows:  # type: ignore[misc]
        assert str(part).startswith("https://") and str(whole).startswith("https://")
        assert len(str(sentence)) > 10


@pytest.mark.skipif(not SCORER.is_file(), reason="the shared eval scorer is not beside the project")
def test_reference_scorer_accepts_the_triples(built: Path):
    lines = (built / "triples.jsonl").read_text().splitlines()
    built_articles = {json.loads(line)["article"] for line in lines}
    gold_articles = {p.stem + ".txt" for p in (SCORER.parent / "gold").glob("*.jsonl")}
    proc = subprocess.run(
        # score.py reads every gold file; score only the seeds this build read
        [
            sys.executable,
            str(SCORER),
            str(built / "triples.jsonl"),
            "--json",
            "--articles=" + ",".join(sorted(built_articles & gold_articles)),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["typed"]["f1"] > 0.3
