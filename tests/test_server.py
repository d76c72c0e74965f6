"""Push to and query a real Oxigraph server (``oxigraph serve``) on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, Literal, URIRef

from actorgraph.graph.cli import main
from actorgraph.graph.core.graphfile import load_graph
from actorgraph.graph.core.rdf import article_graphs
from actorgraph.graph.core.serialize import term_key, write_turtle
from actorgraph.graph.errors import OutputError, QueryError
from actorgraph.graph.sparql.engines import RdflibBackend
from actorgraph.graph.sparql.named_queries import bind_named, library
from actorgraph.graph.sparql.push import push
from actorgraph.graph.sparql.remote import EndpointBackend
from actorgraph.ontology import AG

pytestmark = pytest.mark.model

ARGS = {
    "who-backs": {"actor": "Kataib Hezbollah"},
    "backed-by": {"actor": "Iran"},
    "members-of": {"group": "PMF"},
    "everything-about": {"actor": "KH"},
    "paths": {"from": "Kataib Hezbollah", "to": "Iran", "hops": "2"},
    "evidence-for": {"subject": "KH", "relation": "partOf", "object": "PMF"},
    "single-source": {},
    "most-connected": {},
    "facts-by-relation": {"relation": "attacked"},
    "search": {"text": "hezb"},
}


def _oxigraph() -> str:
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
        "oxigraph"
    )
    if found is None:
        pytest.fail("the oxigraph server is not installed; pip install -e '.[test]'")
    return found


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_until_up(proc: subprocess.Popen[bytes], url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"oxigraph serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    pytest.fail(f"oxigraph serve did not answer at {url} within {seconds} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A real Oxigraph server on a free loopback port, stopped after the module."""
    location = tmp_path_factory.mktemp("oxigraph")
    port = _free_port()
    proc = subprocess.Popen(
        [_oxigraph(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(proc, url)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _graph_names(remote: EndpointBackend) -> set[str]:
    rows = remote.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    return {str(r[0]) for r in rows}


def _rows(outcome: object) -> Counter[tuple[tuple[str, ...], ...]]:
    return Counter(tuple(term_key(v) for v in row) for row in outcome.rows)  # type: ignore[attr-defined]


def test_push_query_and_replace(server: str, seeds: Path, tmp_path: Path):
    store, remote = f"{server}/store", EndpointBackend(f"{server}/query", timeout=10)
    graph = load_graph(seeds)
    articles = {str(a) for a in article_graphs(graph)}

    first = push(graph, store, timeout=10)
    assert sorted(first.new) == sorted(articles) and first.default_graph == "new"
    assert _graph_names(remote) == articles
    count = remote.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]
    assert int(str(count)) == len(graph)  # the default graph is the merged graph

    local = RdflibBackend(graph)
    for name, query in library().items():
        a = local.query(query.text, bind_named(query, ARGS[name], local))
        b = remote.query(query.text, bind_named(query, ARGS[name], remote))
        assert a.rows and _rows(a) == _rows(b), name

    again = push(graph, store, timeout=10)
    assert sorted(again.unchanged) == sorted(articles) and again.default_graph == "unchanged"

    changed, gone = sorted(articles)[0], sorted(articles)[1]
    ev = sorted(graph.subjects(AG.article, URIRef(changed)), key=str)[0]
    before = graph.value(ev, AG.sentence)
    assert isinstance(before, Literal)
    graph.set((ev, AG.sentence, Literal("A sentence changed after the first push.")))
    _drop_article(graph, URIRef(gone))
    path = write_turtle(graph, tmp_path / "changed.ttl")
    res = CliRunner().invoke(
        main, ["push", "--endpoint", store, "--graph", str(path), "--prune", "-v"]
    )
    assert res.exit_code == 0, res.output
    assert f"replaced  {changed}" in res.output and f"pruned    {gone}" in res.output
    assert "1 replaced, 3 unchanged, 1 pruned; default graph replaced" in res.output
    assert _graph_names(remote) == articles - {gone}
    ask = "ASK { GRAPH ?g { ?e ag:sentence ?s } }"
    new_text = Literal("A sentence changed after the first push.")
    for g in (URIRef(changed), None):  # the article's graph and the default graph were replaced
        where = {"e": ev, "s": new_text} | ({"g": g} if g else {})
        q = ask if g else "ASK { ?e ag:sentence ?s }"
        assert remote.query(q, where).boolean is True
        assert remote.query(q, where | {"s": before}).boolean is False
    res = CliRunner().invoke(
        main,
        [
            "query",
            "--endpoint",
            f"{server}/query",
            "-n",
            "who-backs",
            "-b",
            "actor=KH",
            "-f",
            "csv",
        ],
    )
    assert res.exit_code == 0 and "Iran" in res.output, res.output


def _drop_article(graph: Graph, article: URIRef) -> None:
    """Remove an article, its evidence and the links to it (as if it had not been read)."""
    for ev in list(graph.subjects(AG.article, article)):
        graph.remove((ev, None, None))
        graph.remove((None, AG.evidence, ev))
    graph.remove((article, None, None))
    graph.remove((None, AG.mentionedIn, article))
    assert (article, RDF.type, AG.Article) not in graph


def test_endpoint_errors_are_one_line(server: str, seeds: Path):
    with pytest.raises(QueryError, match="cannot reach"):
        EndpointBackend(f"http://127.0.0.1:{_free_port()}/query", timeout=2).query("ASK {}")
    with pytest.raises(QueryError, match="http:// or https://"):
        EndpointBackend("file:///etc/passwd")
    with pytest.raises(QueryError, match="HTTP 4"):
        EndpointBackend(f"{server}/nowhere", timeout=5).query("ASK {}")
    with pytest.raises(OutputError, match="HTTP"):
        push(load_graph(seeds), f"{server}/query", timeout=5)
