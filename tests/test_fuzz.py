"""Fuzzing (issue 12, "Done when"): random bytes, random markup and random RDF/JSON go through
reading, extraction, every export and ``validate`` without a traceback.

Each run is bounded (a fixed number of examples, small inputs); an input may be refused,
but only with actorgraph's own one-line errors.
"""

from __future__ import annotations

import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from actorgraph.graph.core.formats import EXPORT_FORMATS, export_text
from actorgraph.graph.core.graphfile import load_graph
from actorgraph.graph.core.network import csv_tables
from actorgraph.graph.core.validate import validate_graph
from actorgraph.graph.errors import ActorGraphError
from actorgraph.graph.read import ArticleSkipped, html_to_text, markdown_to_text, read_article

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same examples every run (raise max_examples to search wider)
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
#: graphs go through pyshacl, which takes a good part of a second each
FUZZ_GRAPHS = settings(FUZZ, max_examples=12)

MARKUP = [
    "<p>", "</p>", "<div a='", "<![if mso]>", "<![endif]>", "<![CDATA[", "]]>", "<!--", "-->",
    "<script>", "</script>", "<x a=\"", "&amp;", "&#0;", "&#x110000;", "<", ">", "'", '"',
    "[", "](", ")", "*", "_", "**", "~~", "`", "#", "---\n", "\n", " ", "\x00", "\x0b", "\ufeff",
    "\ud800", "Iran", "Hezbollah", "é", "🚀", "<http:", "![", "> ",
]  # fmt: skip


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_random_bytes_are_read_or_skipped(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"f{suffix}"
    path.write_bytes(data)
    try:
        article = read_article(path)
    except ArticleSkipped as exc:
        assert "\n" not in str(exc)
    else:
        article.text.encode("utf-8")  # no lone surrogates
        assert article.text.strip()


@FUZZ
@given(st.lists(st.sampled_from(MARKUP), max_size=200).map("".join))
def test_random_markup_is_stripped(text: str) -> None:
    for strip in (html_to_text, markdown_to_text):
        body, title, _date = strip(text)
        assert isinstance(body, str)
        assert title is None or isinstance(title, str)


_IRI = st.sampled_from(
    ["<http://x/a>", "<http://x/b>", "<https://w3id.org/actorgraph/ns#Fact>", "<>", "<x>"]
)
_LIT = st.one_of(
    st.text(alphabet=string.printable + "\x01\u2028é🚀", max_size=12).map(
        lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    ),
    st.sampled_from(
        [
            '"NaN"^^<http://www.w3.org/2001/XMLSchema#decimal>',
            '"INF"^^<http://www.w3.org/2001/XMLSchema#double>',
            '"x"^^<http://www.w3.org/2001/XMLSchema#integer>',
            '"-1"^^<http://www.w3.org/2001/XMLSchema#integer>',
            '"=1+2"@en',
            '"a"@not-a-tag!',
        ]
    ),
)
_PRED = st.sampled_from(
    [
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",
        "<http://www.w3.org/2004/02/skos/core#prefLabel>",
        "<https://w3id.org/actorgraph/ns#attacked>",
        "<https://w3id.org/actorgraph/ns#confidence>",
        "<https://w3id.org/actorgraph/ns#mentionCount>",
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>",
    ]
)
_TRIPLE = st.tuples(
    _IRI,
    _PRED,
    st.one_of(_IRI, _LIT, st.sampled_from(["<https://w3id.org/actorgraph/ns#ArmedGroup>"])),
).map(lambda t: " ".join(t) + " .\n")
_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(["@id", "@type", "@value", "@list", "http://x/p", "@context"]),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=20,
)


def _every_output(path: Path) -> None:
    """Read a graph file, export it in every format and validate it: errors are one line."""
    try:
        graph = load_graph(path)
    except ActorGraphError as exc:
        assert "\n" not in str(exc)
        return
    for fmt in EXPORT_FORMATS:
        if fmt == "csv":
            csv_tables(graph)
            continue
        text = export_text(graph, fmt)
        if fmt in ("graphml", "gexf"):
            ET.fromstring(text.encode("utf-8"))  # well-formed XML
        elif fmt in ("ttl", "nt"):
            Graph().parse(data=text, format="turtle" if fmt == "ttl" else "nt")
    try:
        validate_graph(graph)
    except ActorGraphError as exc:
        assert "\n" not in str(exc)


@FUZZ_GRAPHS
@given(st.lists(_TRIPLE, max_size=12).map("".join))
def test_random_rdf_through_every_export_and_validate(tmp_path: Path, data: str) -> None:
    path = tmp_path / "g.nt"
    path.write_text(data, encoding="utf-8")
    _every_output(path)


@FUZZ_GRAPHS
@given(_JSON)
def test_random_json_ld_through_every_export_and_validate(tmp_path: Path, doc: object) -> None:
    import json

    path = tmp_path / "g.jsonld"
    path.write_text(json.dumps(doc), encoding="utf-8")
    _every_output(path)


@pytest.mark.model
@settings(FUZZ, max_examples=8)
@given(
    st.lists(
        st.sampled_from([*MARKUP, "Iran backs Hezbollah. ", "The PMF attacked US troops. "]),
        max_size=60,
    ).map("".join),
    st.sampled_from([".txt", ".md", ".html"]),
)
def test_random_markup_through_reading_extraction_and_exports(
    nlp, tmp_path: Path, text: str, suffix: str
) -> None:  # type: ignore[no-untyped-def]
    from actorgraph.graph.build import BuildOptions, build

    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    (folder / f"a{suffix}").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        build([folder], tmp_path / "out", BuildOptions(html=False), nlp=nlp)
    except ActorGraphError as exc:
        assert "\n" not in str(exc)
        return
    _every_output(tmp_path / "out" / "graph.ttl")
