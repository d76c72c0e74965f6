"""Fast tests of the HTML graph page (no browser): safety, data, ego graphs."""

from __future__ import annotations

import base64
import hashlib
import json
import random
import re
from pathlib import Path

import networkx as nx
import pytest
from conftest import make_hostile_graph

from actorgraph.extractors.records import Article, Edge, Entity, Evidence, KnowledgeGraph
from actorgraph.graph.explorer import (
    ego_graph,
    layout,
    page,
    render_html,
    script_json,
    styles,
    vis,
    write_html,
)

BASE = "https://w3id.org/actorgraph/id/"
HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</script>",
    "javascript:alert(1)",
    'it\'s "quoted"\nand on two lines',
    "\u200fحزب الله\u200f",
    "🚀 rocket unit",
    "</style><!-- comment",
    "a\u2028b\u2029c",
)


# --------------------------------------------------------------------------- #
# graph builders
# --------------------------------------------------------------------------- #


def ent(
    slug: str,
    label: str,
    type_: str,
    aliases: tuple[str, ...] = (),
    *,
    mentions: int = 1,
    articles: tuple[str, ...] = ("a1.txt",),
) -> Entity:
    """An entity with a readable IRI."""
    return Entity(f"{BASE}entity/{slug}", f"gaz:{slug}", label, type_, aliases, mentions, articles)


def evidence(sentence: str, article: str = "a1.txt", confidence: float = 0.8) -> Evidence:
    """One evidence sentence."""
    return Evidence(article, "0" * 64, sentence, 0, len(sentence), "test", confidence)


def edge(subject: str, relation: str, obj: str, *sentences: str, article: str = "a1.txt") -> Edge:
    """An edge between two entity slugs with one evidence item per sentence."""
    s, o = f"{BASE}entity/{subject}", f"{BASE}entity/{obj}"
    evs = tuple(
        evidence(t, article, round(0.5 + i / 100, 2))
        for i, t in enumerate(sentences or (f"{subject} {relation} {obj}.",))
    )
    return Edge(f"{BASE}fact/{subject}-{relation}-{obj}", s, relation, o, evs)


def article(name: str) -> Article:
    """An article record."""
    return Article(
        name=name, path=f"in/{name}", text="...", sha256=hashlib.sha256(name.encode()).hexdigest()
    )


def graph(
    entities: list[Entity], edges: list[Edge], articles: tuple[Article, ...] = ()
) -> KnowledgeGraph:
    """A KnowledgeGraph from lists."""
    return KnowledgeGraph({e.id: e for e in entities}, tuple(edges), articles)


def sample_graph() -> KnowledgeGraph:
    """A small graph: a chain kh -> pmf -> iraq -> us plus a weak side edge."""
    entities = [
        ent("kh", "Kata'ib Hezbollah", "ArmedGroup", ("KH", "Hezbollah Brigades"), mentions=9),
        ent("pmf", "Popular Mobilization Forces", "MilitaryForce", ("PMF", "al-Hashd al-Shaabi")),
        ent(
            "iran", "Iran", "Country", ("Islamic Republic of Iran",), articles=("a1.txt", "a2.txt")
        ),
        ent("iraq", "Iraq", "Country"),
        ent("us", "United States", "Country", ("US", "U.S.")),
        ent("irgc", "IRGC", "MilitaryForce", ("Islamic Revolutionary Guard Corps",)),
    ]
    edges = [
        edge("kh", "partOf", "pmf", "KH is part of the PMF.", "KH belongs to the PMF."),
        edge("kh", "backedBy", "iran", *(f"Iran backs KH ({i})." for i in range(7))),
        edge("pmf", "locatedIn", "iraq"),
        edge("kh", "attacked", "us", "KH attacked US forces.", article="a2.txt"),
        edge("irgc", "trained", "kh"),
        edge("us", "sanctioned", "iraq"),
    ]
    return graph(entities, edges, (article("a1.txt"), article("a2.txt")))


def hostile_graph() -> KnowledgeGraph:
    """Every label, alias, sentence and article name is an injection attempt."""
    return make_hostile_graph(
        HOSTILE,
        lambda i, text, alias: ent(
            f"h{i}", text, "ArmedGroup" if i % 2 else "Person", (alias,), articles=(text,)
        ),
        evidence,
    )


def big_graph(n: int = 400, m: int = 800, seed: int = 3) -> KnowledgeGraph:
    """A random graph with ``n`` nodes and ``m`` edges."""
    rng = random.Random(seed)
    types = list(styles.TYPE_STYLES)
    relations = [r for rels in styles.RELATION_FAMILIES.values() for r in rels]
    entities = [ent(f"n{i}", f"Actor {i}", rng.choice(types)) for i in range(n)]
    seen: set[tuple[int, str, int]] = set()
    edges: list[Edge] = []
    while len(edges) < m:
        key = (rng.randrange(n), rng.choice(relations), rng.randrange(n))
        if key not in seen:
            seen.add(key)
            edges.append(edge(f"n{key[0]}", key[1], f"n{key[2]}"))
    return graph(entities, edges)


# --------------------------------------------------------------------------- #
# page helpers
# --------------------------------------------------------------------------- #

_DATA = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)
_SCRIPTS = re.compile(r"<script>(.*?)</script>", re.S)


def data_of(html: str) -> dict:
    """The page's embedded JSON, parsed (json.loads undoes the \\u escapes)."""
    match = _DATA.search(html)
    assert match is not None, "no graph-data block"
    return json.loads(match.group(1))


def page_without_data(html: str) -> str:
    """The page with the JSON data block and the vis-network script removed."""
    html = _DATA.sub("", html)
    vis = page._vis_asset("vis-network.min.js")
    assert vis in html
    return html.replace(vis, "")


# --------------------------------------------------------------------------- #
# offline and injection safety
# --------------------------------------------------------------------------- #


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return render_html(hostile_graph(), title=HOSTILE[0] + HOSTILE[1])


def test_no_network_url_in_src_href_url_or_import(hostile_html: str) -> None:
    refs = re.findall(
        r"""\b(?:src|href|action|srcset|poster)\s*=\s*["']?([^"'\s>]*)""", hostile_html, re.I
    )
    css_urls = re.findall(r"""(?<![\w$])url\(\s*["']?([^"')]*)""", hostile_html, re.I)
    assert "@import" not in hostile_html.lower()
    remote = [r for r in refs + css_urls if re.match(r"(?i)(https?:|wss?:|ftp:)?//", r)]
    assert remote == []
    # every url() of the inlined CSS is a data: image
    assert css_urls and all(u.startswith("data:") for u in css_urls)


def test_http_strings_only_in_vis_comments_and_data(hostile_html: str) -> None:
    # vis-network.min.js holds URL strings in its licence comment and the SVG
    # namespace; nothing else may hold one (the data holds IRIs, as text).
    vis = page._vis_asset("vis-network.min.js")
    found = set(re.findall(r"https?://[^\s\"'()<>]+", vis))
    assert "http://www.w3.org/2000/svg" in found
    assert not re.search(r"https?://", page_without_data(hostile_html))
    assert f"{BASE}entity/h0" in json.dumps(data_of(hostile_html))


def test_no_external_resources_and_csp_locks_scripts(hostile_html: str) -> None:
    assert not re.search(r"<(?:link|iframe|object|embed|img|base)\b", hostile_html, re.I)
    assert "<script src" not in hostile_html.lower()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', hostile_html)
    assert csp is not None
    policy = csp.group(1).replace("&#x27;", "'")
    assert (
        "default-src 'none'" in policy
        and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    )
    scripts = _SCRIPTS.findall(hostile_html)
    assert len(scripts) == 2  # vis-network and actorgraph's own script
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_hostile_strings_never_appear_raw(hostile_html: str) -> None:
    lowered = hostile_html.lower()
    assert "<img" not in lowered
    assert "alert(1)</script>" not in lowered
    assert "<script>alert" not in lowered
    assert lowered.count("</script>") == 3  # the data block, vis-network, actorgraph
    assert lowered.count("</style>") == lowered.count("<style>") == 2
    assert "<!-- comment" not in lowered
    assert "\u2028" not in hostile_html and "\u2029" not in hostile_html
    # the title is HTML-escaped in <title> and JSON-escaped in the data
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img" in hostile_html
    assert not re.search(r"(?:href|src)\s*=\s*[\"']?javascript:", hostile_html, re.I)


def test_data_block_escapes_and_round_trips(hostile_html: str) -> None:
    raw = _DATA.search(hostile_html)
    assert raw is not None
    assert not re.search("[<>&\u2028\u2029]", raw.group(1))
    assert "\\u003cscript\\u003e" in raw.group(1)
    data = data_of(hostile_html)
    kg = hostile_graph()
    assert data["counts"] == {
        "nodes": len(kg.entities),
        "edges": len(kg.edges),
        "articles": len(HOSTILE),
    }
    assert {n["label"] for n in data["nodes"]} == set(HOSTILE)
    assert {e["ag"]["evidence"][0]["sentence"] for e in data["edges"]} == set(HOSTILE)
    assert {a for n in data["nodes"] for a in n["ag"]["aliases"]} == set(HOSTILE)
    assert data["title"] == HOSTILE[0] + HOSTILE[1]
    assert all("title" not in n for n in data["nodes"] + data["edges"])  # no vis HTML tooltips


def test_script_json_escapes_every_dangerous_character() -> None:
    text = script_json({"k": "<>&\u2028\u2029 é 🚀"})
    assert text == '{"k":"\\u003c\\u003e\\u0026\\u2028\\u2029 é 🚀"}'
    assert json.loads(text) == {"k": "<>&\u2028\u2029 é 🚀"}
    with pytest.raises(ValueError):
        script_json({"x": float("nan")})


def test_page_script_never_uses_html_sinks() -> None:
    js = page._asset("graph.js")
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "title:",
    ):
        assert sink not in js, sink
    assert "textContent" in js and "JSON.parse" in js


# --------------------------------------------------------------------------- #
# content of the page
# --------------------------------------------------------------------------- #


def test_nodes_and_edges_carry_style_and_hover_data() -> None:
    data = data_of(render_html(sample_graph(), title="Iraq"))
    nodes = {n["id"].rsplit("/", 1)[1]: n for n in data["nodes"]}
    edges = {e["ag"]["iri"].rsplit("/", 1)[1]: e for e in data["edges"]}
    assert nodes["kh"]["shape"] == "triangle" and nodes["iran"]["shape"] == "hexagon"
    assert nodes["kh"]["color"]["background"] == styles.TYPE_STYLES["ArmedGroup"][0]
    assert nodes["kh"]["size"] > nodes["iraq"]["size"]  # degree 4 vs 2
    assert nodes["kh"]["ag"]["aliases"] == ["Hezbollah Brigades", "KH"]
    assert nodes["iran"]["ag"]["nArticles"] == 2 and nodes["kh"]["ag"]["mentions"] == 9
    backed = edges["kh-backedBy-iran"]
    assert backed["label"] == "backedBy" and backed["arrows"] == "to"
    assert backed["color"]["color"] == styles.FAMILY_COLORS["alignment"]
    assert edges["kh-attacked-us"]["color"]["color"] == styles.FAMILY_COLORS["actions"]
    assert edges["pmf-locatedIn-iraq"]["color"]["color"] == styles.FAMILY_COLORS["geography"]
    assert backed["width"] > edges["kh-partOf-pmf"]["width"] > edges["pmf-locatedIn-iraq"]["width"]
    assert len(backed["ag"]["evidence"]) == vis.MAX_EVIDENCE and backed["ag"]["more"] == 2
    assert backed["ag"]["evidence"][0]["confidence"] == 0.56  # best first
    assert edges["kh-attacked-us"]["ag"]["evidence"][0]["article"] == "a2.txt"
    assert data["counts"] == {"nodes": 6, "edges": 6, "articles": 2}
    assert [t["type"] for t in data["legend"]["types"]] == [
        "Country",
        "ArmedGroup",
        "MilitaryForce",
    ]
    assert [r["relation"] for r in data["legend"]["relations"]] == [
        "partOf",
        "backedBy",
        "attacked",
        "sanctioned",
        "trained",
        "locatedIn",
    ]


def test_edges_to_unknown_entities_are_dropped_and_parallel_edges_curve() -> None:
    kg = sample_graph()
    extra = [
        edge("kh", "opposes", "us"),
        edge("us", "accused", "kh"),
        edge("kh", "attacked", "ghost"),
    ]
    data = data_of(render_html(KnowledgeGraph(kg.entities, kg.edges + tuple(extra), kg.articles)))
    assert data["counts"]["edges"] == len(kg.edges) + 2
    pair = [
        e for e in data["edges"] if {e["from"], e["to"]} == {f"{BASE}entity/kh", f"{BASE}entity/us"}
    ]
    assert len(pair) == 3
    sides = []  # curvedCW is relative to an edge's own direction
    for e in pair:
        kind = (e.get("smooth") or {}).get("type", "straight")
        if e["from"].endswith("/us") and kind != "straight":
            kind = {"curvedCW": "curvedCCW", "curvedCCW": "curvedCW"}[kind]
        sides.append(kind)
    assert sorted(sides) == ["curvedCCW", "curvedCW", "straight"]


def test_article_count_without_article_records() -> None:
    kg = sample_graph()
    data = data_of(render_html(KnowledgeGraph(kg.entities, kg.edges)))
    assert data["counts"]["articles"] == 2


@pytest.mark.parametrize("size_by", ["degree", "pagerank", "betweenness"])
def test_size_by_centrality(size_by: str) -> None:
    data = data_of(render_html(sample_graph(), size_by=size_by))
    sizes = {n["id"].rsplit("/", 1)[1]: n["size"] for n in data["nodes"]}
    assert data["sizeBy"] == size_by
    assert max(sizes.values()) == 42.0 and min(sizes.values()) >= 12.0
    if size_by == "pagerank":
        assert sizes["iraq"] == max(sizes.values())  # most pointed-at node
    else:
        assert sizes["kh"] == max(sizes.values())


def test_pagerank_without_scipy_matches_networkx(monkeypatch: pytest.MonkeyPatch) -> None:
    kg = big_graph(60, 150)
    digraph = nx.DiGraph()
    digraph.add_nodes_from(sorted(kg.entities))
    digraph.add_edges_from((e.subject, e.object) for e in kg.edges)
    own = layout._pagerank_power(digraph)
    assert abs(sum(own.values()) - 1.0) < 1e-9
    try:
        reference = nx.pagerank(digraph)
    except ImportError:
        reference = nx.algorithms.link_analysis.pagerank_alg._pagerank_python(digraph)
    assert max(abs(own[k] - reference[k]) for k in own) < 1e-5

    def no_scipy(*args: object, **kwargs: object) -> None:
        raise ModuleNotFoundError("No module named 'scipy'")

    monkeypatch.setattr(layout.nx, "pagerank", no_scipy)
    assert layout._pagerank(digraph) == own


def test_bad_options_are_rejected() -> None:
    with pytest.raises(ValueError, match="size_by"):
        render_html(sample_graph(), size_by="eigenvector")
    with pytest.raises(ValueError, match="layout"):
        render_html(sample_graph(), layout="circle")


def test_layouts() -> None:
    small = data_of(render_html(sample_graph()))
    assert small["physics"] is True and all("x" not in n for n in small["nodes"])
    static = data_of(render_html(sample_graph(), layout="static"))
    assert static["physics"] is False and all(isinstance(n["x"], int) for n in static["nodes"])
    assert len({(n["x"], n["y"]) for n in static["nodes"]}) == len(static["nodes"])
    forced = data_of(render_html(big_graph(), layout="physics"))
    assert forced["physics"] is True and forced["options"]["layout"]["improvedLayout"] is False


def test_big_graph_gets_precomputed_positions_and_no_physics() -> None:
    data = data_of(render_html(big_graph(400, 800)))
    assert data["physics"] is False
    assert data["options"]["physics"]["enabled"] is False
    assert data["options"]["layout"]["improvedLayout"] is False
    xs = [n["x"] for n in data["nodes"]]
    ys = [n["y"] for n in data["nodes"]]
    assert len(xs) == 400 and all(isinstance(v, int) for v in xs + ys)
    assert max(xs) - min(xs) > 1000 and len(set(zip(xs, ys, strict=True))) > 395


def test_empty_graph_renders() -> None:
    data = data_of(render_html(KnowledgeGraph({}, ())))
    assert data["counts"] == {"nodes": 0, "edges": 0, "articles": 0}
    assert data["physics"] is False


def test_output_is_deterministic() -> None:
    kg = big_graph(350, 600)
    first = render_html(kg, title="t", size_by="betweenness")
    shuffled_entities = list(kg.entities.items())
    random.Random(5).shuffle(shuffled_entities)
    shuffled_edges = list(kg.edges)
    random.Random(6).shuffle(shuffled_edges)
    again = KnowledgeGraph(dict(shuffled_entities), tuple(shuffled_edges), kg.articles)
    assert render_html(again, title="t", size_by="betweenness") == first
    assert render_html(sample_graph()) == render_html(sample_graph())
    assert not re.search(r"20\d\d-\d\d-\d\dT", page_without_data(first))


def test_write_html(tmp_path) -> None:
    out = tmp_path / "graph.html"
    write_html(sample_graph(), out, title="Iraq 🚀")
    assert out.read_bytes() == render_html(sample_graph(), title="Iraq 🚀").encode("utf-8")
    assert data_of(out.read_text("utf-8"))["title"] == "Iraq 🚀"


# --------------------------------------------------------------------------- #
# ego graph
# --------------------------------------------------------------------------- #


def _slugs(kg: KnowledgeGraph) -> set[str]:
    return {iri.rsplit("/", 1)[1] for iri in kg.entities}


def test_ego_graph_by_alias_ignores_case_and_punctuation() -> None:
    kg = sample_graph()
    for name in ("hezbollah brigades", "kh", "KATAIB HEZBOLLAH", "Kata’ib-Hezbollah", " k.h. "):
        sub = ego_graph(kg, name)
        assert _slugs(sub) == {"kh", "pmf", "iran", "us", "irgc"}, name
    assert _slugs(ego_graph(kg, "u.s.")) == {"us", "kh", "iraq"}
    assert _slugs(ego_graph(kg, "Islamic Revolutionary Guard Corps", hops=0)) == {"irgc"}


def test_ego_graph_hops_keep_edges_between_reached_actors() -> None:
    kg = sample_graph()
    one = ego_graph(kg, "IRGC", hops=1)
    assert _slugs(one) == {"irgc", "kh"} and len(one.edges) == 1
    two = ego_graph(kg, "IRGC", hops=2)
    assert _slugs(two) == {"irgc", "kh", "pmf", "iran", "us"}
    assert {e.relation for e in two.edges} == {"trained", "partOf", "backedBy", "attacked"}
    three = ego_graph(kg, "IRGC", hops=3)
    assert _slugs(three) == _slugs(kg) and len(three.edges) == len(kg.edges)


def test_ego_graph_min_support_and_relations() -> None:
    kg = sample_graph()
    strong = ego_graph(kg, "KH", hops=2, min_support=2)
    assert _slugs(strong) == {"kh", "pmf", "iran"}
    assert all(len(e.evidence) >= 2 for e in strong.edges)
    only = ego_graph(kg, "KH", hops=3, relations=["attacked", "sanctioned"])
    assert _slugs(only) == {"kh", "us", "iraq"}
    assert {e.relation for e in only.edges} == {"attacked", "sanctioned"}


def test_ego_graph_keeps_cited_articles_only() -> None:
    kg = sample_graph()
    sub = ego_graph(kg, "iraq", relations=["locatedIn"])
    assert [a.name for a in sub.articles] == ["a1.txt"]
    assert data_of(render_html(sub))["counts"] == {"nodes": 2, "edges": 1, "articles": 1}


def test_ego_graph_unknown_name_lists_close_matches() -> None:
    with pytest.raises(LookupError) as info:
        ego_graph(sample_graph(), "Hezbolah")
    message = str(info.value)
    assert "'Hezbolah'" in message and "Kata'ib Hezbollah (ArmedGroup)" in message
    with pytest.raises(LookupError, match=r"no actor named 'zzz' among 6 actors$"):
        ego_graph(sample_graph(), "zzz")
    with pytest.raises(LookupError):
        ego_graph(sample_graph(), "...")


def test_ego_graph_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="hops"):
        ego_graph(sample_graph(), "KH", hops=-1)
    with pytest.raises(ValueError, match="min_support"):
        ego_graph(sample_graph(), "KH", min_support=0)
    with pytest.raises(ValueError, match="unknown relation"):
        ego_graph(sample_graph(), "KH", relations=["likes"])


def test_actors_in_no_fact_are_marked_isolated_and_counted() -> None:
    kg = sample_graph()
    lonely = ent("lonely", "Lonely Actor", "Person")
    kg = graph([*kg.entities.values(), lonely], list(kg.edges))
    data = data_of(render_html(kg))
    isolated = {n["label"] for n in data["nodes"] if n["ag"]["isolated"]}
    assert isolated == {"Lonely Actor"} and data["isolated"] == 1
    assert data["centre"] is None
    assert data["counts"]["nodes"] == len(kg.entities)
    n, e = len(kg.entities), len(kg.edges)
    # the header says how many actors are shown and how many the toggle hides
    assert data["header"]["hidden"][:2] == [[n - 1, "actors shown"], [1, "hidden (in no relation)"]]
    assert data["header"]["shown"][:3] == [
        [n, "actors"],
        [1, "of them in no relation"],
        [e, "relations"],
    ]
    script = (Path(__file__).parents[1] / "graph" / "assets" / "graph.js").read_text("utf-8")
    assert 'data.header[isolatedShown ? "shown" : "hidden"]' in script
    assert "showCounts(shown);" in script  # the toggle changes the header with it


def test_header_counts_read_as_words() -> None:
    from actorgraph.graph.explorer.page import header_counts

    assert header_counts(1, 0, 1, 1) == {
        "hidden": [(1, "actor"), (1, "relation"), (1, "article")],
        "shown": [(1, "actor"), (1, "relation"), (1, "article")],
    }
    hidden = header_counts(117, 60, 89, 5)["hidden"]
    line = " · ".join(f"{k} {w}" for k, w in hidden)
    assert line == "57 actors shown · 60 hidden (in no relation) · 89 relations · 5 articles"


def test_ego_centre_is_larger_outlined_and_never_isolated() -> None:
    kg = sample_graph()
    centre = next(e.id for e in kg.entities.values() if e.label == "Iraq")
    data = data_of(render_html(ego_graph(kg, "Iraq", hops=0), centre=centre))
    (node,) = data["nodes"]
    assert data["centre"] == centre and node["ag"]["centre"] is True
    assert node["ag"]["isolated"] is False and data["isolated"] == 0
    assert node["borderWidth"] > data["options"]["nodes"]["borderWidth"]
    assert node["color"]["border"] == "#111827"
    full = data_of(render_html(kg, centre=centre))
    sizes = {n["id"]: n["size"] for n in full["nodes"]}
    assert sizes[centre] > max(s for i, s in sizes.items() if i != centre)
    with pytest.raises(ValueError, match="centre"):
        render_html(kg, centre="https://example.org/nobody")
