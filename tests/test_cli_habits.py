"""The command line as one tool: errors and hints a user can act on, readable query output.

All on a tiny build written by hand (no model).
"""

from __future__ import annotations

import json
import random
import re
import textwrap
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from actorgraph.extractors.records import Article, Edge, Entity, Evidence, KnowledgeGraph
from actorgraph.graph.build import BuildOptions, BuildSummary, write_outputs
from actorgraph.graph.cli import build as cmd_build
from actorgraph.graph.cli import main
from actorgraph.graph.core.graphfile import load_graph
from actorgraph.graph.core.rdf import bind_prefixes
from actorgraph.graph.sparql.query import check_read_only, unknown_terms
from actorgraph.graph.sparql.results import _IriText, _wrap, render_table

BASE = "https://w3id.org/actorgraph/id/"
LONG = (
    "Kataib Hezbollah, one of the strongest factions of the Popular Mobilization Forces, "
    "is part of the PMF according to officials in Baghdad who spoke on condition of anonymity."
)


def _ent(slug: str, label: str, type_: str, *aliases: str) -> Entity:
    return Entity(f"{BASE}entity/{slug}", slug, label, type_, aliases, 1, ("a.txt",))


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build folder: two actors, one fact with a long evidence sentence, one article."""
    kh = _ent("kh", "Kataib Hezbollah", "ArmedGroup", "KH")
    pmf = _ent("pmf", "Popular Mobilization Forces", "MilitaryForce", "PMF")
    ev = Evidence("a.txt", "a" * 64, LONG, 0, len(LONG), "verb", 0.9)
    edge = Edge(f"{BASE}fact/kh-partOf-pmf", kh.id, "partOf", pmf.id, (ev,))
    art = Article("a.txt", "a.txt", LONG, "a" * 64)
    kg = KnowledgeGraph({kh.id: kh, pmf.id: pmf}, (edge,), (art,))
    folder = tmp_path_factory.mktemp("out")
    write_outputs(kg, folder, BuildOptions(html=False))
    return folder


def _query(out: Path, text: str, *args: str, columns: int = 200):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        main,
        ["query", text, "--graph", str(out / "graph.ttl"), *args],
        env={"COLUMNS": str(columns)},
    )


# --------------------------------------------------------------------------- query output

EVIDENCE = (
    "SELECT ?s ?o ?sentence "
    "WHERE { ?f rdf:subject ?s ; rdf:object ?o ; ag:evidence/ag:sentence ?sentence }"
)


def test_table_uses_the_terminal_width_and_shows_labels(out: Path):
    wide = _query(out, EVIDENCE, columns=300)
    assert wide.exit_code == 0, wide.output
    assert LONG in wide.output  # not cut at 60 characters
    assert "Kataib Hezbollah  " in wide.output and "Popular Mobilization Forces" in wide.output
    assert f"<{BASE}entity/kh>" not in wide.output  # a label, not the IRI

    narrow = _query(out, EVIDENCE, columns=70)
    lines = narrow.output.splitlines()
    assert all(len(line) <= 70 for line in lines), narrow.output
    assert "..." not in narrow.output
    assert " ".join(narrow.output.split()).count("according to officials in Baghdad") == 1


def test_render_table_wraps_instead_of_cutting():
    text = render_table(["a", "b"], [["x", "word " * 40]], width=50)
    assert all(len(line) <= 50 for line in text.splitlines())
    assert " ".join(text.split()).count("word") == 40
    assert render_table(["a"], [["y" * 120]], width=300).splitlines()[2] == "y" * 120


def test_table_cells_wrap_and_iris_show_as_textwrap_and_rdflib_would():
    """The table's quick paths (one word, words apart by one space; IRIs that cannot take
    a prefix) give what ``textwrap.wrap`` and rdflib's ``n3`` give, on random cells."""
    rng = random.Random(11)
    pieces = ["ab", "Kataib", "al-Sistani", "r12", "x" * 30, "/", ":", "#", ".", "_", "é"]
    for _ in range(3000):
        sep = rng.choice([" ", " ", "  ", "\t", ""])
        cell = sep.join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        width = rng.randint(1, 40)
        expected = textwrap.wrap(cell, width, break_on_hyphens=False) or [""]
        assert _wrap(cell, width) == (expected if len(cell) > width else [cell]), (cell, width)
    nsm = bind_prefixes(Graph()).namespace_manager
    iri_text = _IriText(nsm)
    roots = [str(ns) for _, ns in nsm.namespaces()] + ["https://example.org/", "urn:x:"]
    for _ in range(3000):
        tail = "".join(rng.choice(["a", "B", "7", "-", ".", "/", "#", "_", "é"]) for _ in range(6))
        iri = URIRef(rng.choice(roots) + tail)
        assert iri_text(iri) == iri.n3(nsm), iri


@pytest.mark.parametrize(
    "update",
    [
        "DELETE WHERE { ?s ?p ?o }",
        "INSERT DATA { ag:a ag:b ag:c }",
        "DROP ALL",
        "clear default",
        "LOAD <http://example.org/x.ttl>",
        "PREFIX ex: <http://example.org/>\n# make one\nCREATE GRAPH ex:g",
        "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused_in_one_line(out: Path, update: str):
    result = _query(out, update)
    assert result.exit_code == 2
    assert result.output.strip() == "error: updates are not supported: the graph is read-only here"


def test_read_queries_are_not_taken_for_updates():
    check_read_only("PREFIX drop: <http://example.org/>\nSELECT ?insert WHERE { ?insert ?p ?o }")


def test_unknown_ontology_term_warns_with_the_closest(out: Path):
    result = CliRunner().invoke(
        main, ["query", "SELECT ?s WHERE { ?s ag:partof ?o }", "--graph", str(out / "graph.ttl")]
    )
    assert result.exit_code == 0
    assert "warning: ag:partof is not in the ontology; did you mean ag:partOf?" in result.output
    assert "(0 rows)" in result.output  # the query still ran
    assert unknown_terms("SELECT * { ?s ag:partOf ?o ; a ag:ArmedGroup }") == []
    assert unknown_terms("SELECT * { ?s <https://w3id.org/actorgraph/ns#bakedBy> ?o }") == [
        ("bakedBy", "backedBy")
    ]
    assert unknown_terms('SELECT * { ?s ?p "ag:nothing" } # ag:neither') == []
    assert unknown_terms("PREFIX ag: <http://example.org/> SELECT * { ?s ag:x ?o }") == []


@pytest.mark.parametrize("store", ["oxigraph", "rdflib", "oxigraph:DIR"])
def test_a_graph_query_sees_one_graph_per_article_on_every_engine(
    out: Path, tmp_path: Path, store: str
):
    """graph.ttl holds the merged graph; every engine gets the per-article graphs of it:
    a store once (the build's, or one given with --store oxigraph:DIR), rdflib in memory."""
    store = store.replace("DIR", str(tmp_path / "store"))
    text = "SELECT ?g ?s WHERE { GRAPH ?g { ?s ag:partOf ?o } }"
    result = _query(out, text, "-f", "json", "--store", store)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["results"]["bindings"]
    assert [r["s"]["value"] for r in rows] == [f"{BASE}entity/kh"]
    assert rows[0]["g"]["value"].startswith(f"{BASE}article/")
    plain = _query(out, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", store, "-f", "csv")
    assert plain.output.splitlines()[1] == str(len(load_graph(out / "graph.ttl")))


# --------------------------------------------------------------------------- habits


def test_a_mistyped_command_gets_did_you_mean():
    result = CliRunner().invoke(main, ["buidl"])
    assert result.exit_code == 2
    assert "did you mean build?" in result.output
    assert "did you mean" not in CliRunner().invoke(main, ["zzzz"]).output


def test_view_relations_match_in_any_case(out: Path, tmp_path: Path):
    page = tmp_path / "kh.html"
    args = ["view", "KH", "--graph-dir", str(out), "--relations", "PARTOF", "-o", str(page)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "2 actors, 1 relation within 1 hop of Kataib Hezbollah" in result.output


def test_build_without_input_and_without_the_default_folder(tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "-o", "x"])
    assert result.exit_code == 2
    assert "no input given" in result.output and "'seeds/' is missing" in result.output
    assert "does not exist" not in result.output


def test_build_dash_reads_standard_input(tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    seen: dict[str, str] = {}

    def fake_run(paths, out_dir, opts, quiet, strict=False):  # type: ignore[no-untyped-def]
        seen.update({p.name: p.read_text(encoding="utf-8") for p in paths})
        return BuildSummary(articles=1)

    monkeypatch.setattr(cmd_build, "_run", fake_run)
    result = CliRunner().invoke(main, ["build", "-", "-o", str(tmp_path / "o")], input=LONG)
    assert result.exit_code == 0, result.output
    assert seen == {"stdin.txt": LONG}
    assert "standard input" in CliRunner().invoke(main, ["build", "--help"]).output


def test_counts_are_singular_for_one(capsys: pytest.CaptureFixture[str]):
    cmd_build._report(BuildSummary(articles=1, entities=1, facts=1, processed=1, pruned=1))
    err = capsys.readouterr().err
    assert "1 article (1 processed" in err and "1 entity, 1 fact in" in err
    assert "pruned 1 cache entry" in err


def test_csv_export_refuses_a_file_name(out: Path, tmp_path: Path):
    dest = tmp_path / "edges.csv"
    args = ["export", "--format", "csv", "--graph", str(out / "graph.ttl"), "-o", str(dest)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "give a folder" in result.output and len(result.output.strip().splitlines()) == 1
    assert not dest.exists()


def test_hints_name_options_that_exist(tmp_path: Path):
    """Each hint names an option of the command that printed it (every reader takes --graph)."""

    def flags(name: str) -> set[str]:
        cmd = main.get_command(click.Context(main), name)
        assert cmd is not None
        return {o for p in cmd.params for o in p.opts if o.startswith("--")}

    def named(output: str) -> set[str]:
        return set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", output))

    validate = CliRunner().invoke(main, ["validate", str(tmp_path / "missing.ttl")])
    assert validate.exit_code != 0 and "not found" in validate.output
    assert named(validate.output) <= flags("validate")
    view = CliRunner().invoke(main, ["view", "KH", "--graph-dir", str(tmp_path)])
    assert view.exit_code != 0 and named(view.output) <= flags("view")
    (tmp_path / "entities.jsonl").write_text("", encoding="utf-8")
    view = CliRunner().invoke(main, ["view", "KH", "--graph", str(tmp_path)])
    assert "graph.ttl' not found" in view.output and named(view.output) <= flags("view")
    (tmp_path / "entities.jsonl").write_text("", encoding="utf-8")
    view = CliRunner().invoke(main, ["view", "KH", "--graph-dir", str(tmp_path)])
    assert "graph.ttl' not found" in view.output and "--graph " not in view.output
