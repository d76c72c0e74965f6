"""Issue 12, "nothing lost, nothing let in, round two": each case a test that failed before.

Builds here run a tiny stand-in pipeline (no model): every sentence naming Hezbollah and
Iran yields ``Hezbollah backedBy Iran``, so what reaches the outputs is easy to check.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from http_servers import Listener, http_answer
from rdflib import Graph, Literal
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from actorgraph.extractors.records import (
    Article,
    ExtractedFact,
    KnowledgeGraph,
    LocalEntity,
)
from actorgraph.extractors.resolve import ensure_extensions
from actorgraph.graph.build import BuildOptions, build
from actorgraph.graph.read import Skipped, discover, html_to_text, iter_articles, markdown_to_text
from actorgraph.ontology import AG

# --------------------------------------------------------------------------- a stand-in model

HEZBOLLAH = LocalEntity("gaz:hezbollah", "Hezbollah", "ArmedGroup", (), 1)
IRAN = LocalEntity("gaz:iran", "Iran", "Country", (), 1)


def _stand_in(doc: Doc) -> Doc:
    ents: dict[str, LocalEntity] = {}
    facts = []
    start = 0
    for sent in doc.text.split("\n"):
        if "Hezbollah" in sent and "Iran" in sent:
            ents = {e.key: e for e in (HEZBOLLAH, IRAN)}
            facts.append(
                ExtractedFact(
                    "gaz:hezbollah", "backedBy", "gaz:iran", start, start + len(sent), "stub", 0.9
                )
            )
        start += len(sent) + 1
    doc._.actor_entities = ents
    doc._.facts = facts
    return doc


@pytest.fixture(scope="module")
def stub_nlp() -> Language:
    ensure_extensions()
    if "round2_stub" not in Language.factories:
        Language.component("round2_stub", func=_stand_in)
    nlp = English()
    nlp.add_pipe("round2_stub")
    return nlp


def run_build(
    stub_nlp: Language, inputs: list[Path], out: Path, **opts: object
) -> tuple[KnowledgeGraph, list[Skipped]]:
    skipped: list[Skipped] = []
    kg, _ = build(
        inputs, out, BuildOptions(html=True, **opts), nlp=stub_nlp, on_skip=skipped.append
    )
    return kg, skipped


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rows(out: Path, name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / name).read_text().splitlines()]


PAGE = "<html><head><title>{t}</title></head><body><p>{t}: Iran backs Hezbollah.</p></body></html>"


# --------------------------------------------------------------------------- 1 same file name


@pytest.mark.parametrize("as_two_inputs", [False, True])
def test_same_file_name_in_two_folders_keeps_both_sources(
    stub_nlp: Language, tmp_path: Path, as_two_inputs: bool
) -> None:
    """#1: siteA/index.html and siteB/index.html were both credited to the last one."""
    root = tmp_path / "scraped"
    write(root / "siteA" / "index.html", PAGE.format(t="Site A"))
    write(root / "siteB" / "index.html", PAGE.format(t="Site B"))
    inputs = [root / "siteA", root / "siteB"] if as_two_inputs else [root]
    kg, skipped = run_build(stub_nlp, inputs, tmp_path / "out")
    assert skipped == []
    names = ["siteA/index.html", "siteB/index.html"]
    assert sorted(a.name for a in kg.articles) == names
    triples = rows(tmp_path / "out", "triples.jsonl")
    assert sorted(str(t["article"]) for t in triples) == names
    assert sorted(Path(str(t["article"])).name for t in triples) == ["index.html"] * 2  # scorer
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    (fact,) = g.subjects(AG.articleCount, None)
    assert g.value(fact, AG.articleCount) == Literal(2)
    from actorgraph.graph.core.rdf import article_graphs

    graphs = article_graphs(g)
    assert len(graphs) == 2
    for part in graphs.values():  # each named graph holds its own evidence and the fact
        assert len(list(part.subjects(AG.sentence, None))) == 1
        assert (None, AG.backedBy, None) in part
    files = sorted(str(o) for o in g.objects(None, AG.fileName))
    assert files == names


def test_article_names_are_relative_to_the_input_folder(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a" / "x.txt", "one")
    write(tmp_path / "in" / "b.txt", "two")
    names = [a.name for a in iter_articles([tmp_path / "in"], on_skip=lambda s: None)]
    assert names == ["a/x.txt", "b.txt"]
    single = [a.name for a in iter_articles([tmp_path / "in" / "a" / "x.txt"], on_skip=print)]
    assert single == ["x.txt"]


# --------------------------------------------------------------------------- 2 marked sections


@pytest.mark.parametrize(
    "section", ["<![foo]>", "<![ if mso]>", "<![if !supportLists]>", "<![endif]>", "<![CDATA[x]]>"]
)
def test_marked_sections_do_not_swallow_the_rest(section: str) -> None:
    """#2: everything after ``<![foo]>`` was silently dropped."""
    text, _, _ = html_to_text(f"<p>Before it.</p>{section}<p>After it.</p><p>The end.</p>")
    assert "Before it." in text and "After it." in text and "The end." in text


# --------------------------------------------------------------------------- 4 staged page

FULL_DISK = """
import pathlib, resource, signal, sys
from actorgraph.extractors.records import Entity, KnowledgeGraph
from actorgraph.graph.explorer import write_html
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))  # writes past 50 kB fail: "disk full"
iri = "https://w3id.org/actorgraph/id/entity/x"
kg = KnowledgeGraph({iri: Entity(iri, "k", "New page", "ArmedGroup", (), 1, ())}, ())
try:
    write_html(kg, pathlib.Path(sys.argv[1]))
except Exception as exc:
    print(type(exc).__name__, exc)
"""


def test_page_written_on_a_full_disk_keeps_the_complete_old_one(tmp_path: Path) -> None:
    """#4: ``view -o page.html`` on a full disk left a truncated page."""
    page = tmp_path / "page.html"
    old = "<html>complete old page</html>\n" * 5000  # over the limit, written before it
    page.write_text(old)
    proc = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(page)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.stdout.startswith("OutputError cannot write"), proc.stdout + proc.stderr
    assert page.read_text() == old
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]  # no temporary file left


# --------------------------------------------------------------------------- 5 outputs as inputs


def test_outputs_and_cache_are_never_read_as_articles(stub_nlp: Language, tmp_path: Path) -> None:
    """#5: ``build . -o out`` run twice read its own out/graph.html as an article."""
    write(tmp_path / "a.txt", "Iran backs Hezbollah.")
    first, _ = run_build(stub_nlp, [tmp_path], tmp_path / "out")
    second, skipped = run_build(stub_nlp, [tmp_path], tmp_path / "out")
    assert [a.name for a in first.articles] == [a.name for a in second.articles] == ["a.txt"]
    assert skipped == []
    run_build(stub_nlp, [tmp_path], tmp_path)  # -o the input folder itself
    again, _ = run_build(stub_nlp, [tmp_path], tmp_path)
    assert [a.name for a in again.articles] == ["a.txt"]


# --------------------------------------------------------------------------- 7 links out


def test_link_to_the_filesystem_root_is_skipped_with_a_line(tmp_path: Path) -> None:
    """#7: a link to ``/`` made the build walk the whole filesystem."""
    write(tmp_path / "in" / "a.txt", "alpha")
    (tmp_path / "in" / "everything").symlink_to("/")
    write(tmp_path / "elsewhere" / "secret.txt", "not an input")
    (tmp_path / "in" / "secret.txt").symlink_to(tmp_path / "elsewhere" / "secret.txt")
    skipped: list[Skipped] = []
    started = time.monotonic()
    found = discover([tmp_path / "in"], on_skip=skipped.append)
    assert time.monotonic() - started < 5
    assert [p.name for p in found] == ["a.txt"]
    assert sorted((Path(s.path).name, s.kind) for s in skipped) == [
        ("everything", "outside"),
        ("secret.txt", "outside"),
    ]
    assert all("outside the input folder" in s.reason for s in skipped)
    allowed = discover([tmp_path / "in" / "secret.txt", tmp_path / "in"], on_skip=print)
    assert "secret.txt" in [p.name for p in allowed]  # named directly: taken
    inside = tmp_path / "in2"
    write(inside / "sub" / "b.txt", "beta")
    (inside / "link").symlink_to(tmp_path / "elsewhere")
    followed = discover([inside], on_skip=print, follow_links=True)
    assert sorted(p.name for p in followed) == ["b.txt", "secret.txt"]


# --------------------------------------------------------------------------- 8 linear stripping

SLOW_BEFORE: list[tuple[str, Callable[[str], object], str]] = [
    ("[ run", markdown_to_text, "["),
    ("* runs", markdown_to_text, "*a "),
    ("_ runs", markdown_to_text, "_a "),
    ("** runs", markdown_to_text, "**a "),
    ("~~ runs", markdown_to_text, "~~a "),
    ("![ runs", markdown_to_text, "!["),
    ("<http: runs", markdown_to_text, "<http:"),
    ("[a]( runs", markdown_to_text, "[a]("),
    ("` runs", markdown_to_text, "`a"),
    ("lines of [", markdown_to_text, "[\n"),
    ("front matter of spaces", markdown_to_text, "---\na:x{spaces}y\n---\nbody"),
    ("unclosed tags", html_to_text, "<x a='"),
    ("unclosed comments", html_to_text, "<!--"),
    ("unclosed tags, no quotes", html_to_text, "<a b=c"),
    ("runs of <", html_to_text, "<"),
    ("empty tags", html_to_text, "<a>"),
    ("character references", html_to_text, "&#1"),
]


def _markup(unit: str, size: int) -> str:
    if "{spaces}" in unit:  # one construct holding a run of ``size`` spaces
        return unit.replace("{spaces}", " " * size)
    return unit * (size // len(unit))


def _seconds(strip: Callable[[str], object], text: str) -> float:
    best = float("inf")
    for _ in range(2):  # the better of two: the machine is shared
        started = time.perf_counter()
        strip(text)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize(("what", "strip", "unit"), SLOW_BEFORE, ids=[c[0] for c in SLOW_BEFORE])
def test_markup_stripping_is_linear(what: str, strip: Callable[[str], object], unit: str) -> None:
    """#8: a 60 kB line of ``[`` took 170 s, 102 kB of unclosed tags 85 s.

    Linear time: four times the input takes about four times as long (a quadratic
    step takes sixteen; the front matter of 80,000 spaces took 40 s, 20,000 took 3 s).
    """
    small = _seconds(strip, _markup(unit, 60_000))
    large = _seconds(strip, _markup(unit, 240_000))
    assert large < 5.0, what
    assert large < 8 * small + 0.1, (what, small, large)


def test_a_slow_read_is_cut_off_at_the_article_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """#8: reading and stripping ran before --article-timeout applied; now it bounds them too.

    A quadratic pattern put back (the old front-matter one) is stopped at the bound,
    regular expression or not, and the next file is read as usual.
    """
    import re

    from actorgraph.graph.read import markup

    monkeypatch.setattr(
        markup, "_FRONT_KEY", re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
    )
    slow = write(tmp_path / "a.md", "---\na:x" + " " * 300_000 + "y\n---\nIran backs Hezbollah.")
    write(tmp_path / "b.md", "Iran backs Hezbollah.")
    skipped: list[Skipped] = []
    started = time.monotonic()
    names = [a.name for a in iter_articles([tmp_path], on_skip=skipped.append, timeout=1)]
    assert time.monotonic() - started < 6  # two reads of a.md, each cut at 1 s
    assert names == ["b.md"]
    assert [(s.path, s.kind) for s in skipped] == [(str(slow), "timeout")]
    assert "--article-timeout" in skipped[0].reason


def test_markdown_links_and_emphasis_still_stripped() -> None:
    md = (
        "See [Foo](https://en.wikipedia.org/wiki/Foo_(bar)) and **bold** *it* _u_ "
        "![img](x.png) [ref][1] <https://x.org> `code`"
    )
    assert markdown_to_text(md)[0] == "See Foo and bold it u  ref https://x.org code"


def test_text_after_an_unclosed_tag_is_kept() -> None:
    text, _, _ = html_to_text("<p>Iran backs Hezbollah.</p><a href='x>" + "more text " * 500)
    assert text.startswith("Iran backs Hezbollah.") and "more text" in text


# --------------------------------------------------------------------------- servers (127.0.0.1)


TINY_TTL = "<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n"


# --------------------------------------------------------------------------- 6 SERVICE, parsed

SERVICE_TRICKS = [
    r"SELECT * WHERE { BIND(<http://a/\u0041#> AS ?x) SERVICE <{url}> { ?s ?p ?o } }",
    r"SELECT * WHERE { BIND(<http://a/\U00000041#> AS ?x) SeRvIcE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o # }\n SERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND('''a\\''' AS ?x) service silent <{url}> { ?s ?p ?o } }",
    'SELECT * WHERE { BIND("#" AS ?x) SERVICE <{url}> { ?s ?p ?o } }',
    "SELECT * WHERE { VALUES ?e { <{url}> } SERVICE ?e { ?s ?p ?o } }",
    "SELECT * FROM <{url}> WHERE { ?s ?p ?o }",
]


@pytest.mark.parametrize("trick", SERVICE_TRICKS)
def test_service_is_refused_on_the_parsed_query_with_oxigraph(
    tmp_path: Path, listener: Callable[..., Listener], trick: str
) -> None:
    """#6: an escape in an IRI hid SERVICE from the keyword scan; Oxigraph sent a POST."""
    from actorgraph.graph.errors import QueryError
    from actorgraph.graph.sparql.engines import (
        OxigraphBackend,
        OxigraphMemoryBackend,
        RdflibBackend,
    )

    graph = write(tmp_path / "g.nt", TINY_TTL)
    server = listener(http_answer(b'{"head":{"vars":[]},"results":{"bindings":[]}}'))
    query = trick.replace("{url}", server.url)
    backend = OxigraphBackend(graph, tmp_path / "store", timeout=10)
    with pytest.raises(QueryError, match=r"refused|malformed"):
        backend.query(query)
    with pytest.raises(QueryError, match=r"refused|malformed"):
        RdflibBackend.from_file(graph, timeout=10).query(query)
    with pytest.raises(QueryError, match=r"refused|malformed"):
        OxigraphMemoryBackend.from_file(graph, timeout=10).query(query)
    time.sleep(0.3)
    assert server.connections == 0
    assert backend.query("ASK { ?s ?p ?o }").boolean is True  # ordinary queries still run


# --------------------------------------------------------------------------- 10 whole-request bound


def test_endpoint_timeout_bounds_the_whole_request(listener: Callable[..., Listener]) -> None:
    """#10: a server sending a byte a second kept ``--timeout 5`` going for 121 s."""
    from actorgraph.graph.errors import OutputError, QueryError
    from actorgraph.graph.sparql.remote import EndpointBackend, http_request

    body = b'{"head":{"vars":[]},"results":{"bindings":[]}}' * 40
    server = listener(http_answer(body), chunk=1, pause=0.1)
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"did not answer within 1 s|timed out"):
        EndpointBackend(server.url, timeout=1).query("ASK { ?s ?p ?o }")
    assert time.monotonic() - started < 3
    started = time.monotonic()
    with pytest.raises(OutputError, match=r"did not answer within 1 s|timed out"):  # push
        http_request("GET", server.url, timeout=1, error=OutputError)
    assert time.monotonic() - started < 3


def test_push_and_query_commands_are_bounded_against_a_trickling_server(
    tmp_path: Path, listener: Callable[..., Listener]
) -> None:
    """#10: ``push`` and ``query --endpoint --timeout`` as the user runs them, a byte at a time."""
    import threading

    from click.testing import CliRunner

    from actorgraph.graph.cli import main
    from actorgraph.graph.errors import OutputError
    from actorgraph.graph.sparql.push import push

    answer = http_answer(TINY_TTL.encode() * 20, "application/n-triples")
    body_at = answer.index(b"\r\n\r\n") + 4  # headers at once, then a byte every 0.05 s
    server = listener(answer, chunk=1, pause=0.05)
    server.head = body_at
    graph = Graph().parse(data=TINY_TTL, format="nt")
    before = set(threading.enumerate())  # other tests' servers may still hold threads
    started = time.monotonic()
    with pytest.raises(OutputError, match=r"push to .* did not finish within 1 s"):
        push(graph, server.url, timeout=1)
    assert time.monotonic() - started < 3
    started = time.monotonic()
    g = write(tmp_path / "g.nt", TINY_TTL)
    args = ["query", "--graph", str(g), "--endpoint", server.url, "--timeout", "1"]
    result = CliRunner().invoke(main, [*args, "ASK { ?s ?p ?o }"])
    assert result.exit_code != 0 and "did not answer within 1 s" in result.output
    assert time.monotonic() - started < 3

    def readers() -> list[threading.Thread]:
        return [t for t in set(threading.enumerate()) - before if t.name == "actorgraph-http"]

    for _ in range(40):  # the reading threads give up at their deadline too, not at the end
        if not readers():
            break
        time.sleep(0.1)
    assert not readers()


# ------------------------------------------------------------------- 12 one line, not a traceback

BAD_ANSWERS = [
    b"[1,2,3]",
    b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"a",'
    b'"xml:lang":"not a tag!"}}]}}',
    b"[" * 100_000 + b"]" * 100_000,
    b'{"head":{"vars":"x"},"results":{"bindings":{}}}',
    b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":"plain"}]}}',
    b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"uri","value":7}}]}}',
]


@pytest.mark.parametrize("answer", BAD_ANSWERS, ids=range(len(BAD_ANSWERS)))
def test_odd_endpoint_answers_are_one_line_errors(
    listener: Callable[..., Listener], answer: bytes
) -> None:
    """#12: ``[1,2,3]``, a bad xml:lang or deep JSON gave AttributeError / ValueError /
    RecursionError."""
    from actorgraph.graph.errors import QueryError
    from actorgraph.graph.sparql.remote import EndpointBackend

    server = listener(http_answer(answer))
    with pytest.raises(QueryError, match="endpoint"):
        EndpointBackend(server.url, timeout=10).query("SELECT ?x WHERE { ?x ?p ?o }")


# --------------------------------------------------------------------------- 16 store folder


@pytest.mark.parametrize(
    "contents", [{"README.md": "mine", "db/notes.txt": "mine"}, {"db/mine.txt": "x"}]
)
def test_store_refuses_a_folder_holding_other_files(
    tmp_path: Path, contents: dict[str, str]
) -> None:
    """#16: ``--store oxigraph:DIR`` on a folder with README.md and db/ wrote RocksDB files."""
    from actorgraph.graph.errors import GraphFileError
    from actorgraph.graph.sparql.engines import OxigraphBackend

    graph = write(tmp_path / "g.nt", TINY_TTL)
    folder = tmp_path / "mine"
    for name, text in contents.items():
        write(folder / name, text)
    before = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    with pytest.raises(GraphFileError, match="not an actorgraph store"):
        OxigraphBackend(graph, folder).ensure_loaded()
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == before
    store = OxigraphBackend(graph, tmp_path / "fresh")  # a new folder, then reused
    assert store.ensure_loaded() is True
    assert OxigraphBackend(graph, tmp_path / "fresh").ensure_loaded() is False


# --------------------------------------------------------------------------- 13 bad cache entries

CACHE_DAMAGE = {
    "unknown entity": lambda r: r["facts"][0].__setitem__(0, "gaz:nobody"),
    "unknown relation": lambda r: r["facts"][0].__setitem__(1, "invented"),
    "NaN confidence": lambda r: r["facts"][0].__setitem__(7, float("nan")),
    "lone surrogate": lambda r: r["facts"][0].__setitem__(3, "lone \ud800 surrogate"),
    "deep nesting": lambda r: r["facts"].append(json.loads("[" * 50 + "]" * 50)),
}


@pytest.mark.parametrize("damage", CACHE_DAMAGE.values(), ids=CACHE_DAMAGE.keys())
def test_a_bad_cache_entry_counts_as_missing(
    stub_nlp: Language, tmp_path: Path, damage: Callable[[dict[str, list[list[object]]]], None]
) -> None:
    """#13: a damaged cache entry gave KeyError / UnicodeEncodeError, or NaN in the outputs."""
    write(tmp_path / "in" / "a.txt", "Iran backs Hezbollah.")
    out = tmp_path / "out"
    run_build(stub_nlp, [tmp_path / "in"], out)
    fresh = {n: (out / n).read_bytes() for n in ("graph.ttl", "triples.jsonl", "entities.jsonl")}
    (entry,) = [p for p in (out / ".actorgraph-cache").rglob("*.json") if len(p.stem) == 64]
    record = json.loads(entry.read_text())
    damage(record)
    entry.write_text(json.dumps(record, ensure_ascii=True, allow_nan=True), encoding="utf-8")
    (out / "graph.ttl").unlink()  # so the outputs are written again, from the entry
    _, skipped = run_build(stub_nlp, [tmp_path / "in"], out)
    assert skipped == []
    again = {n: (out / n).read_bytes() for n in fresh}
    assert again == fresh  # the entry was ignored and the article processed again
    for line in again["triples.jsonl"].splitlines():
        json.loads(line, parse_constant=lambda c: pytest.fail(f"{c} in triples.jsonl"))


# ------------------------------------------------------------------- 12 graph files, disk full


def _deep_jsonld(depth: int) -> str:
    return '{"@id": "http://x/a", "http://x/p": ' + "[" * depth + '"x"' + "]" * depth + "}"


@pytest.mark.parametrize("command", ["query", "validate", "export"])
def test_deeply_nested_jsonld_is_one_line(tmp_path: Path, command: str) -> None:
    """#12: JSON-LD nested 5,000 deep gave a RecursionError traceback."""
    from click.testing import CliRunner

    from actorgraph.graph.cli import main

    graph = write(tmp_path / "deep.jsonld", _deep_jsonld(5000))
    args = {
        "query": ["query", "--graph", str(graph), "ASK { ?s ?p ?o }"],
        "validate": ["validate", str(graph)],
        "export": ["export", "--graph", str(graph), "-o", str(tmp_path / "x.ttl")],
    }[command]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 6, result.output
    assert "nested too deeply" in result.output
    assert not isinstance(result.exception, RecursionError)


NAN_GRAPH = """\
@prefix ag: <https://w3id.org/actorgraph/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://x/e> ag:confidence "NaN"^^xsd:decimal ; ag:mentionCount "many"^^xsd:integer .
"""


def test_validate_reports_a_nan_decimal_instead_of_raising(tmp_path: Path) -> None:
    """#12: ``"NaN"^^xsd:decimal`` made ``validate`` raise decimal.InvalidOperation."""
    from actorgraph.graph.core.validate import validate_file

    graph = write(tmp_path / "nan.ttl", NAN_GRAPH + FACT_WITH_NAN)
    report = validate_file(graph)
    assert not report.conforms
    assert any("confidence" in v.path for v in report.violations)


FACT_WITH_NAN = """\
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
<http://x/f> a ag:Fact ; ag:confidence "NaN"^^xsd:decimal ; ag:supportCount 1 ;
    rdf:subject <http://x/e> ; rdf:predicate ag:attacked ; rdf:object <http://x/e> .
"""


def test_disk_full_during_a_build_is_one_line_and_keeps_the_outputs(
    stub_nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """#12: a full disk during a build gave a 43-line OSError traceback."""
    import errno

    from actorgraph.graph.errors import OutputError

    write(tmp_path / "in" / "a.txt", "Iran backs Hezbollah.")
    out = tmp_path / "out"
    run_build(stub_nlp, [tmp_path / "in"], out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    write(tmp_path / "in" / "b.txt", "Iran backs Hezbollah again.")

    def full(self: Path, *args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(OutputError, match=r"No space left on device.*previous outputs"):
        run_build(stub_nlp, [tmp_path / "in"], out)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


# --------------------------------------------------------------------------- 14, 15 exports

HOSTILE_LABELS = """\
@prefix ag: <https://w3id.org/actorgraph/ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<http://x/e> a ag:ArmedGroup ; skos:prefLabel "bad\\u0001label\\u001f\\u000b"@en .
<http://x/f> a ag:ArmedGroup ; skos:prefLabel "=cmd|' /C calc'!A0"@en ;
    skos:altLabel "+972 Magazine" .
<http://x/g> a ag:ArmedGroup ; skos:prefLabel "-PFLP"@en ; skos:altLabel "@handle" .
<http://x/e> ag:attacked <http://x/f> .
"""


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_control_characters_give_well_formed_xml(tmp_path: Path, fmt: str) -> None:
    """#14: a control character in a label gave GraphML/GEXF that is not XML."""
    import xml.etree.ElementTree as ET

    from actorgraph.graph.core.formats import export
    from actorgraph.graph.core.graphfile import load_graph

    graph = load_graph(write(tmp_path / "g.ttl", HOSTILE_LABELS))
    (path,) = export(graph, fmt, tmp_path / f"g.{fmt}")
    root = ET.parse(path).getroot()  # raised ParseError before
    assert "badlabel" in ET.tostring(root, encoding="unicode")


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path: Path) -> None:
    """#15: ``=cmd|...``, ``+972 Magazine``, ``-PFLP`` were written raw into nodes.csv."""
    import csv

    from actorgraph.graph.core.formats import export
    from actorgraph.graph.core.graphfile import load_graph

    graph = load_graph(write(tmp_path / "g.ttl", HOSTILE_LABELS))
    export(graph, "csv", tmp_path / "csv")
    for name in ("nodes.csv", "edges.csv"):
        with (tmp_path / "csv" / name).open(newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                assert not [c for c in row if c[:1] in ("=", "+", "-", "@")], (name, row)
    nodes = (tmp_path / "csv" / "nodes.csv").read_text(encoding="utf-8")
    assert "'=cmd|' /C calc'!A0" in nodes and "'-PFLP" in nodes and "'+972 Magazine" in nodes


# --------------------------------------------------------------------------- 11 results streamed

CROSS_JOIN = "SELECT ?a ?b ?c WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z }"


def _wide_graph(tmp_path: Path, n: int = 300) -> Path:
    lines = [f"<http://x/s{i}> <http://x/p> <http://x/o{i}> .\n" for i in range(n)]
    return write(tmp_path / "wide.nt", "".join(lines))


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_limit_stops_reading_a_huge_result(tmp_path: Path, engine: str) -> None:
    """#11: a 3-way cross join was held whole (27M rows here) before --limit applied."""
    from actorgraph.graph.sparql.engines import open_backend

    graph = _wide_graph(tmp_path)
    store = None if engine == "rdflib" else f"oxigraph:{tmp_path / 'store'}"
    backend = open_backend(graph, store=store, timeout=20)
    started = time.monotonic()
    outcome = backend.query(CROSS_JOIN, limit=5)
    assert len(outcome.rows) == 5
    assert time.monotonic() - started < 10


def test_query_command_with_limit_on_a_cross_join_is_quick(tmp_path: Path) -> None:
    """#11: ``actorgraph query --limit 3`` on 27 million rows, as the user runs it."""
    from click.testing import CliRunner

    from actorgraph.graph.cli import main

    graph = _wide_graph(tmp_path)
    started = time.monotonic()
    args = ["query", "--graph", str(graph), "--limit", "3", "-f", "csv", CROSS_JOIN]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) == 1 + 3
    assert time.monotonic() - started < 10


def test_a_query_worker_over_its_memory_cap_stops_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """#11: the query worker's memory is capped (here at 4 MB more than it starts with)."""
    from actorgraph.graph.errors import QueryError
    from actorgraph.graph.sparql import engines, limits

    monkeypatch.setattr(limits, "QUERY_MEMORY", 4 * 1024**2)
    long = "x" * 10_000
    lines = [f'<http://x/s{i}> <http://x/p> "{long}{i}" .\n' for i in range(100)]
    backend = engines.open_backend(write(tmp_path / "long.nt", "".join(lines)), timeout=60)
    started = time.monotonic()
    with pytest.raises(QueryError, match="memory"):  # 10,000 rows of 20 kB: 200 MB if held
        backend.query("SELECT (CONCAT(?x, ?y) AS ?z) WHERE { ?a ?p ?x . ?b ?q ?y }")
    assert time.monotonic() - started < 50


# --------------------------------------------------------------------------- 9 memory per article


def test_a_long_article_is_parsed_a_bounded_piece_at_a_time(
    stub_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """#9: sixteen 100,000-character pieces of one long article were parsed at once (5 GB)."""
    import hashlib

    from actorgraph.graph.build.nlp import BATCH_CHARS, CHUNK_CHARS, process_articles

    batches: list[int] = []
    real_pipe = stub_nlp.pipe

    def recording_pipe(texts: list[tuple[str, object]], **kw: object) -> object:
        if kw.get("as_tuples"):  # the call from process_articles (spaCy calls itself again)
            batches.append(sum(len(t) for t, _ in texts))
        return real_pipe(texts, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(stub_nlp, "pipe", recording_pipe)
    block = "Nothing much happened there.\n" * 999 + "Iran backs Hezbollah.\n"
    text = block * (1_000_000 // len(block))  # 1 MB, split into 10 pieces
    small = ["Iran backs Hezbollah. " * 100] * 20  # ordinary articles still share batches
    arts = [
        Article(f"{n}.txt", f"{n}.txt", t, hashlib.sha256(t.encode()).hexdigest())
        for n, t in enumerate([text, *small])
    ]
    results = list(process_articles(stub_nlp, iter(arts), batch_size=16))
    assert len(results) == len(arts)
    assert len(results[0].facts) == text.count("Iran")  # nothing lost on the way
    assert max(batches) <= max(BATCH_CHARS, CHUNK_CHARS)
    assert len(batches) < 20


def test_an_article_over_max_article_chars_is_refused_and_the_build_goes_on(
    stub_nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """#9: a 30 MB .txt took 5 GB in the worker; now it is refused before parsing, by name."""
    from actorgraph.graph.read import DEFAULT_MAX_CHARS

    parsed: list[int] = []
    real_pipe = stub_nlp.pipe

    def recording_pipe(texts: list[tuple[str, object]], **kw: object) -> object:
        if kw.get("as_tuples"):
            texts = list(texts)
            parsed.extend(len(t) for t, _ in texts)
        return real_pipe(texts, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(stub_nlp, "pipe", recording_pipe)
    huge = write(tmp_path / "in" / "huge.txt", "Iran backs Hezbollah.\n" * 50_000)  # 1.1 MB
    write(tmp_path / "in" / "small.txt", "Iran backs Hezbollah.")
    kg, skipped = run_build(stub_nlp, [tmp_path / "in"], tmp_path / "out")
    assert [a.name for a in kg.articles] == ["small.txt"]
    assert len(kg.edges) == 1
    assert [(s.path, s.kind) for s in skipped] == [(str(huge), "too-long")]
    assert skipped[0].reason.startswith(
        f"article too long: 1,100,000 characters > --max-article-chars {DEFAULT_MAX_CHARS:,}"
    )
    assert "split it" in skipped[0].reason
    assert max(parsed) < 100  # the long text never reached the pipeline
    assert rows(tmp_path / "out", "skipped.jsonl")[0]["kind"] == "too-long"
    kg, skipped = run_build(stub_nlp, [tmp_path / "in"], tmp_path / "out2", max_article_chars=None)
    assert len(kg.articles) == 2 and skipped == []  # None: no limit


def test_max_article_chars_option(tmp_path: Path) -> None:
    """#9: ``--max-article-chars`` reaches the build (no model needed: nothing is parsed)."""
    from click.testing import CliRunner

    from actorgraph.graph.cli import main

    write(tmp_path / "in" / "a.txt", "Iran backs Hezbollah. " * 10)
    out = tmp_path / "out"
    args = ["build", str(tmp_path / "in"), "-o", str(out), "--max-article-chars", "100"]
    result = CliRunner().invoke(main, [*args, "--quiet"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    (row,) = rows(out, "skipped.jsonl")
    assert row["kind"] == "too-long" and "220 characters > --max-article-chars 100" in row["reason"]
