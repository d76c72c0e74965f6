"""Nothing lost, nothing let in: hostile text, random input, kills and interrupts."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest
from conftest import SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from actorgraph.extractors.pipeline import doc_to_result
from actorgraph.extractors.records import Article, Edge, Entity, Evidence, KnowledgeGraph
from actorgraph.graph.core.merge import merge
from actorgraph.graph.core.rdf import ntriples_lines, to_rdf
from actorgraph.graph.outputs import build_lock

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    'Name with <>"{}|^` and spaces',
    "line\nbreak and tab\t",
    "right\u200fto\u200eleft",
    "emoji 🚀 group",
    "javascript:alert(1)",
    "nul\x00byte and \x1f control",
]


def _hostile_graph() -> KnowledgeGraph:
    ents = {}
    for n, name in enumerate(HOSTILE):
        iri = f"https://w3id.org/actorgraph/id/entity/x{n}"
        ents[iri] = Entity(
            iri, f"name:ArmedGroup:{name}", name, "ArmedGroup", (name + " alias",), 1, ("a b.txt",)
        )
    iris = sorted(ents)
    ev = Evidence("a b.txt", "f" * 64, " ".join(HOSTILE), 0, 10, "verb", 0.9)
    edges = tuple(
        Edge(f"https://w3id.org/actorgraph/id/fact/{n}", iris[n], "attacked", iris[n + 1], (ev,))
        for n in range(len(iris) - 1)
    )
    art = Article("a b.txt", "a b.txt", "text", "f" * 64, title='<title>"x"</title>')
    return KnowledgeGraph(ents, edges, (art,))


def test_ntriples_writer_gives_the_same_graph_as_rdflib():
    kg = _hostile_graph()
    lines = ntriples_lines(kg)
    data = "\n".join(lines) + "\n"
    assert isomorphic(Graph().parse(data=data, format="nt"), to_rdf(kg))
    quads = list(pyoxigraph.parse(data.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert len(quads) == len(lines) == len(to_rdf(kg))


def test_hostile_names_give_valid_rdf_that_a_second_parser_reads():
    g = to_rdf(_hostile_graph())
    for fmt, ox in (
        ("turtle", pyoxigraph.RdfFormat.TURTLE),
        ("nt", pyoxigraph.RdfFormat.N_TRIPLES),
    ):
        data = g.serialize(format=fmt)
        quads = list(pyoxigraph.parse(data.encode("utf-8"), format=ox))
        assert len(quads) == len(g)
        assert len(Graph().parse(data=data, format=fmt)) == len(g)


_PIECES = [
    *"abcdefghij KLMNOPQ XYZ.,;:'\"()-’“”\n\t?!0123456789",
    "Iran",
    "Kataib Hezbollah",
    " attacked ",
    " the ",
    "US",
    "PMF",
    "\u200f",
    "🚀",
    "<b>",
]


@pytest.mark.model
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(_PIECES), max_size=80).map("".join))
def test_random_text_through_extraction_and_rdf(nlp, text):  # type: ignore[no-untyped-def]
    art = Article("r.txt", "r.txt", text, "0" * 64)
    kg = merge([doc_to_result(nlp(text), art)])
    data = to_rdf(kg).serialize(format="nt")
    assert (
        len(list(pyoxigraph.parse(data.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)))
        >= 1
    )
    for edge in kg.edges:
        for ev in edge.evidence:
            assert text[ev.start : ev.end] == ev.sentence


def _exe() -> str:
    return shutil.which("actorgraph") or str(Path(sys.executable).parent / "actorgraph")


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """A complete earlier build that later, failing runs must leave intact."""
    out = tmp_path_factory.mktemp("prev")
    subprocess.run([_exe(), "build", str(SEEDS), "-o", str(out), "-q"], check=True, timeout=300)
    return out


def _snapshot(out: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in sorted(out.iterdir())
        if p.is_file() and not p.name.startswith(".")
    }


@pytest.mark.model
@pytest.mark.parametrize("delay", [0.3, 1.2, 2.5])
def test_sigkill_mid_build_leaves_previous_outputs_complete(previous, tmp_path, delay):  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    shutil.copytree(previous, out)
    before = _snapshot(out)
    proc = subprocess.Popen(
        [_exe(), "build", str(SEEDS), str(SEEDS), "-o", str(out), "-q", "--no-cache"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    after = _snapshot(out)
    # either untouched, or (if the build got to commit) a complete new set: never half-written
    assert set(after) == set(before)
    Graph().parse(out / "graph.ttl", format="turtle")
    for name in ("triples.jsonl", "entities.jsonl"):
        for line in (out / name).read_text(encoding="utf-8").splitlines():
            json.loads(line)


@pytest.mark.model
def test_ctrl_c_stops_cleanly_without_traceback(previous, tmp_path):  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    shutil.copytree(previous, out)
    before = _snapshot(out)
    proc = subprocess.Popen(
        [_exe(), "build", str(SEEDS), "-o", str(out), "--no-cache"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the build finished before the interrupt arrived")
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert "interrupted" in err
    assert _snapshot(out) == before


def test_second_build_into_a_locked_folder_gets_a_clear_message(tmp_path):
    out = tmp_path / "out"
    env = dict(os.environ)
    with build_lock(out):
        proc = subprocess.run(
            [_exe(), "build", str(SEEDS), "-o", str(out), "-q"],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
    assert proc.returncode != 0
    assert "another actorgraph build is writing to" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.model
def test_skipped_files_are_reported_and_strict_stops(tmp_path):  # type: ignore[no-untyped-def]
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEEDS / "000_f3a41ee81fa9268b.txt", inputs / "good article.txt")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "scan.txt").write_bytes(b"%PDF-1.4\x00\x01binary")
    out = tmp_path / "out"
    proc = subprocess.run(
        [_exe(), "build", str(inputs), "-o", str(out), "-q"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1  # something was skipped
    report = [json.loads(x) for x in (out / "skipped.jsonl").read_text().splitlines()]
    assert {(Path(r["path"]).name, r["kind"]) for r in report} == {
        ("empty.txt", "empty"),
        ("scan.txt", "binary"),
    }
    assert "scan.txt" in proc.stderr and "PDF" in proc.stderr
    assert (out / "graph.ttl").is_file()
    strict_out = tmp_path / "strict"
    proc = subprocess.run(
        [_exe(), "build", str(inputs), "-o", str(strict_out), "--strict"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 2
    assert "--strict: stopped at" in proc.stderr and "Traceback" not in proc.stderr
    assert not (strict_out / "graph.ttl").exists()


@pytest.mark.model
def test_duplicates_are_noted_not_failures(tmp_path):  # type: ignore[no-untyped-def]
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEEDS / "000_f3a41ee81fa9268b.txt", inputs / "a.txt")
    shutil.copy(SEEDS / "000_f3a41ee81fa9268b.txt", inputs / "copy of a.txt")
    out = tmp_path / "out"
    proc = subprocess.run(
        [_exe(), "build", str(inputs), "-o", str(out), "-q", "--strict"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    (line,) = proc.stderr.splitlines()  # one line per message, never wrapped
    assert line.startswith("note ") and "copy of a.txt" in line
    (article,) = [json.loads(x) for x in (out / "triples.jsonl").read_text().splitlines()][:1]
    assert article["article"] == "a.txt"
