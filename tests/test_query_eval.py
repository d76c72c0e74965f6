"""SPARQL safety and formats; scoring against gold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from actorgraph.graph.errors import QueryError
from actorgraph.graph.evaluation.gold import (
    GoldFormatError,
    Score,
    format_score,
    load_gold,
    read_jsonl,
    score,
)
from actorgraph.graph.sparql.query import prepare, run_query
from actorgraph.graph.sparql.results import format_result
from actorgraph.ontology import AG

KH = URIRef("https://example.org/entity/kh")
PMF = URIRef("https://example.org/entity/pmf")


@pytest.fixture
def graph() -> Graph:
    g = Graph()
    g.add((KH, SKOS.prefLabel, Literal("Kataib Hezbollah", lang="en")))
    g.add((PMF, SKOS.prefLabel, Literal("Popular Mobilization Forces", lang="en")))
    g.add((KH, AG.partOf, PMF))
    return g


def test_select_with_bindings(graph: Graph):
    q = "SELECT ?whole WHERE { ?part ag:partOf ?whole }"
    rows = list(run_query(graph, q, bindings={"part": KH}))
    assert [r[0] for r in rows] == [PMF]  # type: ignore[index]


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_formats(graph: Graph, fmt: str):
    q = "SELECT ?s ?o WHERE { ?s ag:partOf ?o }"
    out = format_result(run_query(graph, q), fmt, graph)
    assert "pmf" in out
    if fmt == "json":
        assert json.loads(out)["results"]["bindings"][0]["o"]["value"] == str(PMF)


def test_ask_and_construct(graph: Graph):
    assert format_result(run_query(graph, "ASK { ?s ag:partOf ?o }"), "table", graph) == "true"
    ttl = format_result(
        run_query(
            graph,
            "CONSTRUCT { ?o ag:hasPart ?s } WHERE { ?s ag:partOf ?o }".replace(
                "ag:hasPart", "ag:relation"
            ),
        ),
        "turtle",
        graph,
    )
    assert "relation" in ttl


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT ?s WHERE { ?s ?p }", "malformed SPARQL"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * FROM <http://example.org/g.ttl> WHERE { ?s ?p ?o }", "FROM"),
        ("LOAD <http://example.org/g.ttl>", "malformed SPARQL"),
    ],
)
def test_refused_and_malformed_queries(query: str, message: str):
    with pytest.raises(QueryError, match=message):
        prepare(query)


def test_service_allowed_only_on_request():
    q = prepare(
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", allow_network=True
    )
    assert q is not None


@pytest.fixture
def gold_dir(tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "entities.jsonl").write_text(
        '{"name": "Kataib Hezbollah", "type": "ArmedGroup", "aliases": ["KH"]}\n'
        '{"name": "Popular Mobilization Forces", "type": "ArmedGroup", "aliases": ["PMF", "PMU"]}\n'
        '{"name": "Iran", "type": "Country", "aliases": ["Iranian"]}\n'
        '{"name": "United States", "type": "Country", "aliases": ["US"]}\n'
    )
    (tmp_path / "001_a.jsonl").write_text(
        '{"article": "a.txt", "s": "Kataib Hezbollah", "r": "partOf", '
        '"o": "Popular Mobilization Forces"}\n'
        '{"article": "a.txt", "s": "Iran", "r": "opposes", "o": "United States"}\n'
    )
    return tmp_path


def test_score_counts_typed_untyped_and_symmetry(gold_dir):  # type: ignore[no-untyped-def]
    gold = load_gold(gold_dir)
    triples = [
        {"article": "a.txt", "subject": "KH", "relation": "partOf", "object": "PMU"},
        {"article": "a.txt", "subject": "US", "relation": "opposes", "object": "Iran"},  # symmetric
        {"article": "a.txt", "subject": "Iran", "relation": "backedBy", "object": "KH"},  # wrong
    ]
    s = score(triples, gold)
    assert (s.typed.tp, s.typed.fp, s.typed.fn) == (2, 1, 0)
    assert (s.untyped.tp, s.untyped.fp) == (2, 1)


def test_entity_resolution_figures(gold_dir):  # type: ignore[no-untyped-def]
    gold = load_gold(gold_dir)
    ents = [
        {"label": "Kataib Hezbollah", "aliases": [], "articles": ["a.txt"]},
        {"label": "KH", "aliases": [], "articles": ["a.txt"]},  # split
        {"label": "Iran", "aliases": ["US"], "articles": ["a.txt"]},  # merges two
    ]
    s = score([], gold, entities=ents)
    assert s.split_entities == {"Kataib Hezbollah": ["KH", "Kataib Hezbollah"]}
    assert s.merged_nodes == {"Iran": ["Iran", "United States"]}


def test_capital_kept_as_a_city_is_no_split(tmp_path):  # type: ignore[no-untyped-def]
    # the gold lists "Washington" among the state's names ("Washington said"), but the
    # GUIDELINES keep a capital named as a place ("in Washington") as the city
    (tmp_path / "entities.jsonl").write_text(
        '{"name": "United States", "type": "Country", "aliases": ["US", "Washington", '
        '"Americans"]}\n'
    )
    (tmp_path / "001_a.jsonl").write_text(
        '{"article": "a.txt", "s": "United States", "r": "opposes", "o": "United States"}\n'
    )
    ents = [
        {"label": "United States", "type": "Country", "aliases": ["US"], "articles": ["a.txt"]},
        {"label": "Washington", "type": "Place", "aliases": [], "articles": ["a.txt"]},
    ]
    s = score([], load_gold(tmp_path), entities=ents)
    assert s.split_entities == {}
    assert s.places_apart == {"United States": ["Washington"]}
    # a place node that is no capital ("Americans" typed Place by mistake) is a split
    ents[1] = {"label": "Americans", "type": "Place", "aliases": [], "articles": ["a.txt"]}
    s = score([], load_gold(tmp_path), entities=ents)
    assert s.split_entities == {"United States": ["Americans", "United States"]}
    assert s.places_apart == {}


# --------------------------------------------------------------------------- #
# the eval command and the gold folder layout
# --------------------------------------------------------------------------- #

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
SHARED_GOLD = SCORER.parent / "gold"


def _write(path: Path, records: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def test_every_jsonl_but_the_entity_files_holds_gold(gold_dir):  # type: ignore[no-untyped-def]
    _write(
        gold_dir / "y9b_bbc_other.jsonl",
        [{"article": "b.txt", "s": "Iran", "r": "backedBy", "o": "Kataib Hezbollah"}],
    )
    _write(gold_dir / "misc.jsonl", [{"article": "c.txt", "s": "KH", "r": "opposes", "o": "US"}])
    (gold_dir / "new_entities_more.jsonl").write_text(
        '{"name": "Hezbollah", "type": "ArmedGroup", "aliases": ["Hizbollah"]}\n'
    )
    gold = load_gold(gold_dir)
    assert sorted(gold.facts) == ["a.txt", "b.txt", "c.txt"]
    assert gold.alias["hizbollah"] == "Hezbollah"  # new_entities* are names, not facts


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"article": "a.txt", "s": "KH"', "not JSON"),
        ('["a.txt", "KH", "partOf", "PMF"]', "expected a JSON object"),
        ('{"article": "a.txt", "s": "KH", "r": "partOf"}', "lacks 'o'"),
    ],
)
def test_malformed_gold_line_names_file_and_line(gold_dir, line: str, message: str):  # type: ignore[no-untyped-def]
    (gold_dir / "001_a.jsonl").write_text(
        '{"article": "a.txt", "s": "Iran", "r": "opposes", "o": "United States"}\n\n' + line + "\n"
    )
    with pytest.raises(GoldFormatError, match=rf"001_a\.jsonl:3: {message}"):
        load_gold(gold_dir)


def test_per_article_counts_add_up(gold_dir):  # type: ignore[no-untyped-def]
    _write(
        gold_dir / "002_b.jsonl",
        [{"article": "b.txt", "s": "Iran", "r": "backedBy", "o": "Kataib Hezbollah"}],
    )
    gold = load_gold(gold_dir)
    triples = [
        {"article": "a.txt", "subject": "KH", "relation": "partOf", "object": "PMF"},
        {"article": "b.txt", "subject": "KH", "relation": "backedBy", "object": "Iran"},
    ]
    s = score(triples, gold)
    a, b = s.per_article["a.txt"], s.per_article["b.txt"]
    assert (a.typed.tp, a.typed.fp, a.typed.fn) == (1, 0, 1)
    assert (b.typed.tp, b.typed.fp, b.typed.fn) == (0, 1, 1)
    assert (b.untyped.tp, b.untyped.fp) == (1, 0)  # right pair, wrong direction
    assert (s.typed.tp, s.typed.fp, s.typed.fn) == (1, 1, 2)
    text = format_score(s)
    assert "a.txt" in text and "b.txt" in text and "untyped F1" in text
    assert "typed   P=0.500 R=0.333 F1=0.400" in text


def _scorer(triples: Path, gold: Path, articles: list[str]) -> dict[str, object]:
    proc = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            str(triples),
            f"--gold={gold}",
            "--json",
            "--articles=" + ",".join(articles),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def _same_figures(ours: Score, ref: dict[str, object]) -> None:
    assert ours.typed.tp + ours.typed.fn == ref["gold"]
    assert ours.typed.tp + ours.typed.fp == ref["system"]
    for kind, prf in (("typed", ours.typed), ("untyped", ours.untyped)):
        assert {k: round(v, 3) for k, v in (("p", prf.p), ("r", prf.r), ("f1", prf.f1))} == (
            ref[kind]
        ), kind
    per_rel = ref["per_relation"]
    assert isinstance(per_rel, dict)
    for rel, c in ours.per_relation.items():
        assert (c.tp, c.fp, c.fn) == tuple(per_rel[rel].get(k, 0) for k in ("tp", "fp", "fn"))


@pytest.mark.skipif(not SCORER.is_file(), reason="the shared eval scorer is not beside the project")
def test_same_figures_as_the_reference_scorer(gold_dir, tmp_path):  # type: ignore[no-untyped-def]
    (gold_dir / "001_a.jsonl").write_text(
        '{"article": "a.txt", "s": "Kataib Hezbollah", "r": "partOf", '
        '"o": "Popular Mobilization Forces", "alt_o": ["Iran"]}\n'
        '{"article": "a.txt", "s": "Iran", "r": "opposes", "o": "United States"}\n'
        '{"article": "b.txt", "s": "Iran", "r": "backedBy", "o": "Kataib Hezbollah"}\n'
    )
    triples = [
        {"article": "a.txt", "subject": "KH", "relation": "partOf", "object": "Iran"},  # alt
        {"article": "a.txt", "subject": "KH", "relation": "partOf", "object": "PMU"},
        {
            "article": "a.txt",
            "subject": ["Washington", "US"],
            "relation": "opposes",
            "object": "Iran",
        },
        {"article": "a.txt", "subject": "Nobody", "relation": "attacked", "object": "Iran"},
        {
            "article": "b.txt",
            "subject": "Kataib Hezbollah",
            "relation": "https://example.org/ag#backedBy",
            "object": "Iranian",
            "object_aliases": ["Iran"],
        },
        {"article": "c.txt", "subject": "Iran", "relation": "attacked", "object": "US"},
    ]
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "triples.jsonl"  # not in the gold folder
    _write(path, triples)  # type: ignore[arg-type]
    for arts in (["a.txt", "b.txt"], ["a.txt", "b.txt", "c.txt"], ["b.txt"]):
        _same_figures(
            score(triples, load_gold(gold_dir), articles=arts), _scorer(path, gold_dir, arts)
        )


def _cli(*args: str) -> Result:
    from actorgraph.graph.cli import main

    return CliRunner().invoke(main, ["eval", *args])


def test_eval_command_tables_and_default_articles(gold_dir, tmp_path):  # type: ignore[no-untyped-def]
    _write(
        gold_dir / "zz_other.jsonl",
        [{"article": "z.txt", "s": "Iran", "r": "opposes", "o": "United States"}],
    )
    out = tmp_path / "out"
    out.mkdir()
    _write(
        out / "triples.jsonl",
        [
            {"article": "a.txt", "subject": "KH", "relation": "partOf", "object": "PMU"},
        ],
    )
    _write(
        out / "entities.jsonl",
        [
            {"label": "Kataib Hezbollah", "aliases": [], "articles": ["a.txt"]},
            {"label": "KH", "aliases": [], "articles": ["a.txt"]},
        ],
    )
    res = _cli("--gold", str(gold_dir), "--out", str(out))
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert any(x.startswith("a.txt") and " 2    1 " in x for x in lines)  # gold 2, system 1
    assert not any(x.startswith("z.txt") for x in lines)  # not in this build
    assert "1 gold article(s) not in this build" in res.output
    assert any(x.startswith("partOf") for x in lines)
    assert "typed   P=1.000 R=0.500 F1=0.667" in res.output
    assert "split  Kataib Hezbollah: KH | Kataib Hezbollah" in res.output
    res = _cli("--gold", str(gold_dir), "--out", str(out), "--articles", "a,z.txt,nope.txt")
    assert res.exit_code == 0, res.output
    assert "'nope.txt' has no gold facts; not scored" in res.output
    assert "articles=2 gold=3 system=1" in res.output


def test_eval_command_article_without_gold_and_bad_lines(gold_dir, tmp_path):  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    out.mkdir()
    _write(
        out / "triples.jsonl",
        [
            {"article": "q.txt", "subject": "KH", "relation": "partOf", "object": "PMU"},
        ],
    )
    res = _cli("--gold", str(gold_dir), "--out", str(out), "--articles", "q.txt")
    assert res.exit_code == 2
    assert "no gold facts for 'q.txt'" in res.output and "P=" not in res.output
    (out / "triples.jsonl").write_text('{"article": "a.txt", "subject": "KH"}\n')
    res = _cli("--gold", str(gold_dir), "--out", str(out))
    assert res.exit_code == 2
    assert "triples.jsonl:1: lacks 'relation', 'object'" in res.output
    assert "Traceback" not in res.output and len(res.output.strip().splitlines()) == 1
    (gold_dir / "001_a.jsonl").write_text("not json\n")
    res = _cli("--gold", str(gold_dir), "--out", str(out))
    assert res.exit_code == 2 and "001_a.jsonl:1: not JSON" in res.output


@pytest.mark.model
@pytest.mark.skipif(not SCORER.is_file(), reason="the shared eval scorer is not beside the project")
def test_eval_agrees_with_the_reference_scorer_on_the_seeds(tmp_path):  # type: ignore[no-untyped-def]
    from conftest import SEEDS

    from actorgraph.graph.cli import main

    out = tmp_path / "out"
    res = CliRunner().invoke(
        main, ["build", str(SEEDS), "-o", str(out), "-q", "--no-html", "--no-cache"]
    )
    assert res.exit_code == 0, res.output
    gold = load_gold(SHARED_GOLD)
    built = {str(t["article"]) for t in read_jsonl(out / "triples.jsonl")}
    arts = sorted(built & set(gold.facts))
    assert len(arts) >= 3
    ours = score(read_jsonl(out / "triples.jsonl"), gold, articles=arts)
    _same_figures(ours, _scorer(out / "triples.jsonl", SHARED_GOLD, arts))
    res = _cli("--gold", str(SHARED_GOLD), "--out", str(out), "--json")
    assert res.exit_code == 0, res.output
    shown = json.loads(res.output[res.output.index("{") :])
    assert shown["articles"] == arts and shown["typed"] == ours.typed.as_dict()
