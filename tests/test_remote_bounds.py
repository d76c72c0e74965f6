"""Issue 12 round two, cases 10 and 11 continued: ``push`` bounded as a whole, a slow
server's connection shut at the deadline, an endpoint's answer capped in size, and
CONSTRUCT / DESCRIBE results read only up to ``--limit``.

Every server is started here on 127.0.0.1 (:mod:`http_servers`), with bounded loops.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from http_servers import Listener, http_answer
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from actorgraph.graph.cli import main
from actorgraph.graph.errors import OutputError, QueryError

NS = "https://w3id.org/actorgraph/ns#"
TINY_NT = "<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n"


def _articles_graph(path: Path, n: int) -> Path:
    """A graph file holding ``n`` articles, so that a push sends ``n`` named graphs."""
    lines = [f"@prefix ag: <{NS}> ."]
    lines += [f'<http://x/article/{i}> a ag:Article ; ag:fileName "a{i}.txt" .' for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _readers(before: set[threading.Thread]) -> list[threading.Thread]:
    return [t for t in set(threading.enumerate()) - before if t.name == "actorgraph-http"]


def _wait_for(check: Callable[[], bool], seconds: float = 5.0) -> bool:
    """Whether ``check()`` holds within ``seconds`` (polled; bounded)."""
    for _ in range(int(seconds / 0.05)):
        if check():
            return True
        time.sleep(0.05)
    return check()


def _run(*args: str | Path) -> tuple[int, str, float]:
    started = time.monotonic()
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output, time.monotonic() - started


# --------------------------------------------------------------------------- 10 push, one deadline


def _slow_store(request: bytes) -> bytes:
    """A Graph Store that knows no graph (GET: 404) and takes every PUT (204)."""
    if request.startswith(b"GET"):
        return http_answer(b"no such graph", "text/plain", status="404 Not Found")
    return http_answer(b"", "text/plain", status="204 No Content")


def test_push_timeout_bounds_the_whole_push(
    tmp_path: Path, listener: Callable[..., Listener]
) -> None:
    """#10: ``--timeout`` bounded each request, so 9 graphs (18 requests of 0.3 s each, every
    one well inside ``--timeout 1.5``) took 5.4 s. Now the whole push stops at 1.5 s."""
    server = listener(_slow_store, chunk=8, pause=0.03)  # each answer takes about 0.3 s
    graph = _articles_graph(tmp_path / "g.ttl", 8)
    code, output, took = _run(
        "push", "--graph", graph, "--endpoint", server.url, "--timeout", "1.5"
    )
    assert code != 0
    assert took < 1.5 + 2.0  # N s plus a margin for a loaded machine
    (line,) = output.strip().splitlines()
    assert "did not finish within 1.5 s" in line and "--timeout" in line, line
    assert 0 < len(server.requests) < 18


def test_a_push_within_its_timeout_still_completes(
    tmp_path: Path, listener: Callable[..., Listener]
) -> None:
    """The same slow store with time enough: every graph is read, then written."""
    server = listener(_slow_store, chunk=64, pause=0.01)
    graph = _articles_graph(tmp_path / "g.ttl", 3)
    code, output, _ = _run("push", "--graph", graph, "--endpoint", server.url, "--timeout", "60")
    assert code == 0, output
    assert "pushed 3 article graphs" in output and "3 new" in output
    methods = [r.split(b" ", 1)[0] for r in server.requests]
    assert methods == [b"GET", b"PUT"] * 4  # 3 articles and the default graph


# ------------------------------------------------------------- 10 headers a byte at a time

#: a status line and headers that take about 80 s at a byte every 0.02 s
TRICKLED_HEAD = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
    + b"X-Padding: "
    + b"x" * 4000
    + b"\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
)


@pytest.mark.parametrize("command", ["query", "push"])
def test_headers_sent_a_byte_at_a_time_are_given_up_and_the_connection_shut(
    tmp_path: Path, listener: Callable[..., Listener], command: str
) -> None:
    """#10: a server sending its status line and headers a byte at a time kept the reading
    thread (and the connection) alive after the caller was released at the deadline."""
    server = listener(TRICKLED_HEAD, chunk=1, pause=0.02)
    graph = tmp_path / "g.nt"
    graph.write_text(TINY_NT, encoding="utf-8")
    before = set(threading.enumerate())
    args = ["--graph", graph, "--endpoint", server.url, "--timeout", "1"]
    if command == "query":
        code, output, took = _run("query", *args, "ASK { ?s ?p ?o }")
        assert "did not answer within 1 s" in output
    else:
        code, output, took = _run("push", *args)
        assert "did not finish within 1 s" in output
    assert code != 0 and len(output.strip().splitlines()) == 1, output
    assert took < 1 + 2.0
    assert _wait_for(lambda: not _readers(before), 3.0), _readers(before)
    assert _wait_for(lambda: server.closed_early == 1, 3.0)  # the server saw it closed
    assert server.connections == 1


def test_every_request_stops_at_the_deadline_it_shares(listener: Callable[..., Listener]) -> None:
    """A deadline already passed sends nothing; one shared by two requests bounds both."""
    from actorgraph.graph.sparql.transport import Deadline, http_request

    server = listener(TRICKLED_HEAD, chunk=1, pause=0.02)
    deadline = Deadline(0.5, what="this test's two requests")
    with pytest.raises(OutputError, match=r"this test's two requests did not finish within 0\.5 s"):
        http_request("GET", server.url, timeout=deadline, error=OutputError)
    with pytest.raises(OutputError, match=r"did not finish within 0\.5 s"):
        http_request("GET", server.url, timeout=deadline, error=OutputError)
    time.sleep(0.2)
    assert server.connections == 1  # the second was never sent


# --------------------------------------------------------------------------- 10/11 answer size

ENDLESS_HEAD = http_answer(b"", "application/n-triples", length=False)


def test_an_endless_answer_is_cut_at_the_cap(listener: Callable[..., Listener]) -> None:
    """#10/11: an endpoint's answer was read whole with no cap; an endless one grew for ever."""
    from actorgraph.graph.sparql.remote import EndpointBackend

    server = listener(ENDLESS_HEAD, head=len(ENDLESS_HEAD), endless=TINY_NT.encode() * 100)
    backend = EndpointBackend(server.url, timeout=30, max_bytes=100_000)
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"sent more than 100,000 bytes") as caught:
        backend.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert "--max-answer-bytes" in str(caught.value) and "\n" not in str(caught.value)
    assert time.monotonic() - started < 10
    assert _wait_for(lambda: server.closed_early == 1, 3.0)


@pytest.mark.parametrize("command", ["query", "push"])
def test_max_answer_bytes_option(
    tmp_path: Path, listener: Callable[..., Listener], command: str
) -> None:
    """``--max-answer-bytes`` on both commands that read an endpoint's answers."""
    server = listener(ENDLESS_HEAD, head=len(ENDLESS_HEAD), endless=TINY_NT.encode() * 100)
    graph = tmp_path / "g.nt"
    graph.write_text(TINY_NT, encoding="utf-8")
    args = ["--graph", graph, "--endpoint", server.url, "--max-answer-bytes", "50000"]
    extra = ["CONSTRUCT WHERE { ?s ?p ?o }"] if command == "query" else []
    code, output, took = _run(command, *args, *extra)
    assert code != 0 and took < 10
    (line,) = output.strip().splitlines()
    assert "more than 50,000 bytes" in line and "--max-answer-bytes" in line, line


def test_a_declared_length_over_the_cap_is_refused_before_reading(
    listener: Callable[..., Listener],
) -> None:
    from actorgraph.graph.sparql.remote import EndpointBackend

    answer = ENDLESS_HEAD.replace(b"\r\n\r\n", b"\r\nContent-Length: 999999999999\r\n\r\n")
    server = listener(answer, head=len(answer), endless=TINY_NT.encode() * 100)
    with pytest.raises(QueryError, match=r"Content-Length is 999,999,999,999"):
        EndpointBackend(server.url, timeout=30, max_bytes=1000).query("CONSTRUCT WHERE {?s ?p ?o}")


def test_answers_under_the_cap_are_read_as_before(listener: Callable[..., Listener]) -> None:
    from actorgraph.graph.sparql.remote import EndpointBackend

    body = TINY_NT.encode() * 50
    server = listener(http_answer(body, "application/n-triples"))
    outcome = EndpointBackend(server.url, timeout=30, max_bytes=len(body)).query(
        "CONSTRUCT WHERE { ?s ?p ?o }", limit=10
    )
    assert len(outcome.triples) == 1  # 50 copies of one triple are one triple


def test_the_command_line_defaults_are_the_library_defaults() -> None:
    from actorgraph.graph.cli import options
    from actorgraph.graph.sparql import limits, transport

    assert options.DEFAULT_TIMEOUT == limits.DEFAULT_TIMEOUT
    assert options.DEFAULT_PUSH_TIMEOUT == limits.PUSH_TIMEOUT
    assert options.DEFAULT_ANSWER_BYTES == transport.ANSWER_BYTES


# ------------------------------------------------------------------ 11 CONSTRUCT up to --limit

#: 300 subjects: the template below makes 300^3 = 27 million distinct triples
HUGE_CONSTRUCT = "CONSTRUCT { ?a ?b ?c } WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z }"
HUGE_DESCRIBE = "DESCRIBE ?a ?b WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z }"


@pytest.fixture(scope="module")
def wide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lines = [f"<http://x/s{i}> <http://x/p> <http://x/o{i}> .\n" for i in range(300)]
    path = tmp_path_factory.mktemp("wide") / "wide.nt"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph", "oxigraph:DIR"])
@pytest.mark.parametrize("query", [HUGE_CONSTRUCT, HUGE_DESCRIBE], ids=["construct", "describe"])
def test_construct_and_describe_stop_at_the_limit(
    wide: Path, tmp_path: Path, engine: str, query: str
) -> None:
    """#11: CONSTRUCT / DESCRIBE results were held whole before --limit applied."""
    from actorgraph.graph.sparql.engines import open_backend

    store = engine.replace("DIR", str(tmp_path / "store"))
    backend = open_backend(wide, store=store, timeout=60)
    started = time.monotonic()
    outcome = backend.query(query, limit=7)
    assert time.monotonic() - started < 15
    assert outcome.kind == "CONSTRUCT"
    assert len(set(outcome.triples)) == len(outcome.triples) == 7
    subjects = {URIRef(f"http://x/s{i}") for i in range(300)}
    source = Graph().parse(wide, format="nt")
    for triple in outcome.triples:
        if query == HUGE_CONSTRUCT:  # ?a ?b ?c are all subjects of the graph
            assert set(triple) <= subjects, triple
        else:  # the description of a subject: its triples in the graph
            assert triple in source, triple


@pytest.mark.parametrize("fmt", ["turtle", "table", "json", "csv", "tsv"])
@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_query_command_limits_construct_in_every_format(wide: Path, engine: str, fmt: str) -> None:
    code, output, took = _run(
        "query", "--graph", wide, "--store", engine, "--limit", "5", "-f", fmt, HUGE_CONSTRUCT
    )
    assert code == 0, output
    assert took < 15
    import pyoxigraph as ox

    syntax = {"json": ox.RdfFormat.JSON_LD, "csv": ox.RdfFormat.N_TRIPLES}
    syntax["tsv"] = ox.RdfFormat.N_TRIPLES
    triples = set(ox.parse(output.encode(), format=syntax.get(fmt, ox.RdfFormat.TURTLE)))
    assert len(triples) == 5


SMALL = """@prefix : <http://x/> .
:a :p :b ; :name "A" ; :q [ :r :c ; :s "nested" ] .
:b :p :c ; :name "B"@en .
:c :name "C" .
"""


@pytest.mark.parametrize(
    "query",
    [
        "CONSTRUCT { ?x <http://x/linked> ?y } WHERE { ?x <http://x/p> ?y }",
        "CONSTRUCT { ?x <http://x/via> [ <http://x/to> ?y ] } WHERE { ?x <http://x/p> ?y }",
        "CONSTRUCT WHERE { ?x <http://x/name> ?n }",
        "DESCRIBE <http://x/a>",
        "DESCRIBE ?x WHERE { ?x <http://x/p> <http://x/c> }",
        "DESCRIBE <http://x/c> ?x WHERE { ?x <http://x/p> ?y }",
    ],
)
def test_streamed_triples_are_rdflibs_result(query: str) -> None:
    """Streaming changes when the triples are made, not which: the same graph as rdflib's."""
    import itertools

    from actorgraph.graph.sparql.query import prepare, stream_triples

    g = Graph().parse(data=SMALL, format="turtle")
    prepared = prepare(query)
    expected = g.query(prepared).graph
    assert expected is not None and len(expected) > 0
    streamed = Graph()
    for t in stream_triples(g, prepared):
        streamed.add(t)
    assert isomorphic(streamed, expected)
    first = list(itertools.islice(stream_triples(g, prepared), 2))
    assert len(first) == 2 and all(t in streamed for t in first if not _has_bnode(t))


def _has_bnode(t: tuple[object, ...]) -> bool:
    from rdflib import BNode

    return any(isinstance(x, BNode) for x in t)
