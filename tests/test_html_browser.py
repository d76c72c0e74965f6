"""The HTML graph page in a real headless Chromium (offline, via Selenium).

Needs the ``selenium`` package and Chromium with its driver (Debian packages
``chromium`` and ``chromium-driver``). Without them the tests skip, except
when the ``CI`` environment variable is set: there they fail.
"""

from __future__ import annotations

import json
import os
import pathlib
import random
import shutil
import time
import warnings
from collections.abc import Iterator
from typing import Any, NoReturn

import pytest
from conftest import make_hostile_graph

from actorgraph.extractors.records import Edge, Entity, Evidence, KnowledgeGraph
from actorgraph.graph.explorer import RELATION_FAMILIES, TYPE_STYLES, ego_graph, render_html

pytestmark = pytest.mark.browser

ARTIFACTS = pathlib.Path(__file__).parent / "artifacts"
BASE = "https://w3id.org/actorgraph/id/"
CHROMIUM = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
CHROMEDRIVER = ("/usr/bin/chromedriver", "chromedriver")
READY_TIMEOUT_S = 20.0
NETWORK_SCHEMES = ("http:", "https:", "ws:", "wss:", "ftp:", "//")


# --------------------------------------------------------------------------- #
# graphs
# --------------------------------------------------------------------------- #


def _ent(slug: str, label: str, type_: str, *aliases: str, mentions: int = 1) -> Entity:
    articles = tuple(f"article-{i}.txt" for i in range(1 + mentions % 4))
    return Entity(f"{BASE}entity/{slug}", f"gaz:{slug}", label, type_, aliases, mentions, articles)


def _edge(
    subject: str, relation: str, obj: str, *sentences: str, article: str = "article-0.txt"
) -> Edge:
    evidence = tuple(
        Evidence(article, "0" * 64, s, 0, len(s), "test", round(0.95 - 0.07 * i, 2))
        for i, s in enumerate(sentences or (f"{subject} {relation} {obj}.",))
    )
    return Edge(
        f"{BASE}fact/{subject}-{relation}-{obj}",
        f"{BASE}entity/{subject}",
        relation,
        f"{BASE}entity/{obj}",
        evidence,
    )


def realistic_graph() -> KnowledgeGraph:
    """A small, plausible graph of Iraqi armed groups and their relations."""
    entities = [
        _ent("kh", "Kata'ib Hezbollah", "ArmedGroup", "KH", "Hezbollah Brigades", mentions=14),
        _ent(
            "ahl", "Asa'ib Ahl al-Haq", "ArmedGroup", "AAH", "League of the Righteous", mentions=8
        ),
        _ent("nujaba", "Harakat al-Nujaba", "ArmedGroup", "Nujaba", mentions=5),
        _ent("pmf", "Popular Mobilization Forces", "MilitaryForce", "PMF", "al-Hashd al-Shaabi"),
        _ent("irgc", "Islamic Revolutionary Guard Corps", "MilitaryForce", "IRGC", mentions=6),
        _ent("qods", "Quds Force", "MilitaryForce", "IRGC-QF", mentions=4),
        _ent("iran", "Iran", "Country", "Islamic Republic of Iran", mentions=11),
        _ent("iraq", "Iraq", "Country", "Republic of Iraq", mentions=9),
        _ent("us", "United States", "Country", "US", "U.S.", "America", mentions=12),
        _ent("muhandis", "Abu Mahdi al-Muhandis", "Person", "Jamal Jafaar al-Ibrahimi", mentions=7),
        _ent("khazali", "Qais al-Khazali", "Person", mentions=3),
        _ent("treasury", "US Treasury", "GovernmentBody", "Treasury Department", mentions=2),
        _ent("coalition", "Global Coalition against Daesh", "Coalition", "the coalition"),
        _ent("ain", "Ain al-Asad Air Base", "Facility", "Al Asad", mentions=4),
        _ent("baghdad", "Baghdad", "Place", mentions=6),
        _ent("isis", "Islamic State", "ArmedGroup", "ISIS", "Daesh", "ISIL", mentions=5),
        _ent("un", "United Nations", "InternationalOrganization", "UN", mentions=2),
    ]
    edges = [
        _edge(
            "kh",
            "partOf",
            "pmf",
            "Kata'ib Hezbollah is one of the strongest factions of the PMF.",
            "KH units are formally part of the Popular Mobilization Forces.",
        ),
        _edge("ahl", "partOf", "pmf"),
        _edge("nujaba", "partOf", "pmf"),
        _edge(
            "kh",
            "backedBy",
            "iran",
            *(f"Iran has armed and funded Kata'ib Hezbollah (report {i})." for i in range(1, 8)),
        ),
        _edge(
            "ahl", "backedBy", "iran", "Asa'ib Ahl al-Haq receives money and weapons from Tehran."
        ),
        _edge(
            "qods",
            "trained",
            "kh",
            "The Quds Force trained KH fighters in Iran.",
            "IRGC-QF instructors trained the group.",
        ),
        _edge("qods", "partOf", "irgc"),
        _edge(
            "muhandis", "leaderOf", "kh", "Abu Mahdi al-Muhandis founded and led Kata'ib Hezbollah."
        ),
        _edge("khazali", "leaderOf", "ahl"),
        _edge(
            "kh",
            "attacked",
            "ain",
            "Rockets fired by Kata'ib Hezbollah hit Ain al-Asad.",
            "KH claimed the drone attack on the base.",
            "A second salvo struck the base at dawn.",
        ),
        _edge(
            "kh", "attacked", "us", "The group attacked US forces in Iraq.", article="article-2.txt"
        ),
        _edge("us", "attacked", "kh", "US airstrikes hit KH facilities near al-Qaim."),
        _edge("treasury", "sanctioned", "kh", "The US Treasury designated Kata'ib Hezbollah."),
        _edge("treasury", "sanctioned", "khazali"),
        _edge("treasury", "partOf", "us"),
        _edge("kh", "threatened", "us", "KH threatened to escalate against US troops."),
        _edge("un", "condemned", "kh", "The UN mission condemned the rocket attack."),
        _edge("pmf", "fightsAgainst", "isis", "PMF brigades fought ISIS in Anbar and Salahuddin."),
        _edge("coalition", "fightsAgainst", "isis"),
        _edge("us", "memberOf", "coalition"),
        _edge("us", "presentIn", "ain"),
        _edge("ain", "locatedIn", "iraq"),
        _edge("baghdad", "locatedIn", "iraq"),
        _edge("pmf", "presentIn", "baghdad"),
        _edge("iran", "alliedWith", "pmf"),
        _edge("kh", "opposes", "us", "KH demands the withdrawal of US forces."),
        _edge("kh", "accused", "us", "KH accused Washington of violating Iraqi sovereignty."),
    ]
    return KnowledgeGraph({e.id: e for e in entities}, tuple(edges))


HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '</script><img src=x onerror="window.__pwned=1">',
    "javascript:alert(1)",
    "'quoted' \"double\"\nnew line",
    "\u200fحزب الله\u200f",
    "🚀 rocket unit",
)


def hostile_graph() -> KnowledgeGraph:
    return make_hostile_graph(
        HOSTILE,
        lambda i, text, alias: _ent(f"h{i}", text, "ArmedGroup", alias),
        lambda sentence, article: Evidence(article, "0" * 64, sentence, 0, 1, "test", 0.9),
    )


def large_graph(n: int = 2000, m: int = 4000, seed: int = 11) -> KnowledgeGraph:
    """``n`` actors and ``m`` relations, clustered like real news graphs."""
    rng = random.Random(seed)
    types = list(TYPE_STYLES)
    relations = [r for rels in RELATION_FAMILIES.values() for r in rels]
    entities = [_ent(f"n{i}", f"Actor {i}", rng.choice(types), f"A{i}") for i in range(n)]
    seen: set[tuple[int, str, int]] = set()
    edges: list[Edge] = []
    while len(edges) < m:
        a = rng.randrange(n)
        b = (a + rng.randrange(1, 40)) % n if rng.random() < 0.8 else rng.randrange(n)
        key = (a, rng.choice(relations), b)
        if key not in seen:
            seen.add(key)
            edges.append(_edge(f"n{a}", key[1], f"n{b}"))
    return KnowledgeGraph({e.id: e for e in entities}, tuple(edges))


# --------------------------------------------------------------------------- #
# browser
# --------------------------------------------------------------------------- #


def _missing(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must install it)")
    pytest.skip(reason)


def _find(names: tuple[str, ...]) -> str | None:
    for name in names:
        found = shutil.which(name) or (name if os.path.isfile(name) else None)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the whole module, with console and network logs."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed")
    chromium, chromedriver = _find(CHROMIUM), _find(CHROMEDRIVER)
    if chromium is None or chromedriver is None:
        _missing(
            "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1440,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    browser = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    try:
        browser.execute_cdp_cmd("Network.enable", {})
        go_offline(browser)
        yield browser
    finally:
        browser.quit()


def go_offline(browser: Any) -> None:
    """Cut the network in DevTools; the request log still catches any attempt."""
    from selenium.common.exceptions import WebDriverException

    offline = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
    try:
        browser.execute_cdp_cmd("Network.emulateNetworkConditions", offline)
    except WebDriverException as exc:  # removed in some future Chromium
        warnings.warn(f"could not emulate offline network: {exc}", stacklevel=2)


def load(driver: Any, html: str, path: pathlib.Path) -> float:
    """Open ``html`` from a file:// URL; the seconds until ``actorgraph.ready``."""
    path.write_text(html, encoding="utf-8")
    driver.get_log("browser")  # drop earlier entries
    driver.get_log("performance")
    start = time.perf_counter()
    driver.get(path.as_uri())
    while not driver.execute_script("return !!(window.actorgraph && window.actorgraph.ready)"):
        if time.perf_counter() - start > READY_TIMEOUT_S:
            pytest.fail(f"page not ready after {READY_TIMEOUT_S} s: {driver.get_log('browser')}")
        time.sleep(0.02)
    return time.perf_counter() - start


def assert_clean_logs(driver: Any) -> None:
    """No console error, and the page made no http(s)/ws/ftp request."""
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    assert any(u.startswith("file:") for u in requests), "the page load itself was not logged"
    assert [u for u in requests if u.lower().startswith(NETWORK_SCHEMES)] == []


def counts(driver: Any) -> tuple[int, int]:
    return tuple(driver.execute_script("return [actorgraph.nodes.length, actorgraph.edges.length]"))


def assert_no_alert(driver: Any) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018


# --------------------------------------------------------------------------- #
# tests
# --------------------------------------------------------------------------- #


def test_realistic_graph_counts_search_and_screenshot(driver: Any, tmp_path: pathlib.Path) -> None:
    kg = realistic_graph()
    seconds = load(driver, render_html(kg, title="Iraq: armed groups"), tmp_path / "graph.html")
    print(f"\nsmall graph ready in {seconds:.2f} s")
    assert counts(driver) == (len(kg.entities), len(kg.edges))
    assert driver.find_element("id", "ag-title").text == "Iraq: armed groups"
    assert "17 actors" in driver.find_element("id", "ag-counts").text

    found = driver.execute_script("return actorgraph.search('hezbollah brigades')")
    assert found == f"{BASE}entity/kh"
    assert driver.execute_script("return actorgraph.network.getSelectedNodes()") == [found]
    assert "Kata'ib Hezbollah" in driver.find_element("id", "ag-details").text
    assert driver.execute_script("return actorgraph.search('daesh')") == f"{BASE}entity/isis"
    assert driver.execute_script("return actorgraph.search('no such actor')") is None

    ARTIFACTS.mkdir(exist_ok=True)
    driver.execute_script("actorgraph.search('KH')")
    time.sleep(0.6)  # focus animation
    driver.save_screenshot(str(ARTIFACTS / "graph-selected.png"))
    driver.execute_script(
        "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}));actorgraph.fit();"
    )
    time.sleep(0.2)
    hover(driver, f"{BASE}entity/iran")
    assert "Islamic Republic of Iran" in driver.find_element("id", "ag-tooltip").text
    driver.save_screenshot(str(ARTIFACTS / "graph.png"))
    assert (ARTIFACTS / "graph.png").stat().st_size > 20_000
    assert_clean_logs(driver)


def hover(driver: Any, node_id: str) -> None:
    """Move the real mouse over a node (vis-network then fires hoverNode)."""
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = driver.find_element("css selector", "#ag-network canvas")
    rect = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", canvas
    )
    # on a busy machine the layout may still be settling: the node is looked up and the
    # mouse moved again until the tooltip shows (a move that lands on the same point
    # fires no event, so the pointer goes to a corner between tries)
    deadline = time.perf_counter() + 20
    while True:
        x, y = driver.execute_script(
            "const n = actorgraph.network;"
            "const p = n.canvasToDOM(n.getPosition(arguments[0]));"
            "return [p.x, p.y];",
            node_id,
        )
        corner = (2 - int(rect[0] / 2), 2 - int(rect[1] / 2))  # the canvas's top left
        ActionChains(driver).move_to_element_with_offset(canvas, *corner).perform()
        ActionChains(driver).move_to_element_with_offset(
            canvas, int(x - rect[0] / 2), int(y - rect[1] / 2)
        ).perform()
        shown = time.perf_counter() + 3
        while time.perf_counter() < shown:
            if not driver.execute_script("return document.getElementById('ag-tooltip').hidden"):
                return
            time.sleep(0.05)
        assert time.perf_counter() < deadline, "no tooltip after hovering a node"


def test_injected_markup_is_shown_as_text(driver: Any, tmp_path: pathlib.Path) -> None:
    kg = hostile_graph()
    title = HOSTILE[0] + HOSTILE[1]
    load(driver, render_html(kg, title=title), tmp_path / "hostile.html")
    assert_no_alert(driver)
    assert counts(driver) == (len(kg.entities), len(kg.edges))
    assert (
        driver.execute_script("return document.querySelectorAll('img, iframe, object').length") == 0
    )
    assert driver.execute_script("return document.scripts.length") == 3
    assert driver.execute_script("return window.__pwned === undefined")
    assert driver.title == title
    assert driver.execute_script("return document.getElementById('ag-title').textContent") == title

    # alias search, the details panel and the hover tooltip all show raw text
    node = driver.execute_script("return actorgraph.search(arguments[0])", HOSTILE[1])
    assert node in (f"{BASE}entity/h0", f"{BASE}entity/h1")
    details = driver.execute_script("return document.getElementById('ag-details').textContent")
    assert HOSTILE[0] in details and HOSTILE[1] in details
    edge_text = driver.execute_script("return actorgraph.details('edge', 'e2').textContent")
    assert HOSTILE[2] in edge_text
    datalist = driver.execute_script(
        "return Array.from(document.querySelectorAll('#ag-names option'), o => o.value)"
    )
    assert sorted(datalist) == sorted(HOSTILE)
    hover(driver, f"{BASE}entity/h2")
    assert "window.__pwned=1" in driver.find_element("id", "ag-tooltip").text
    time.sleep(0.3)
    assert_no_alert(driver)
    assert driver.execute_script("return document.querySelectorAll('img').length") == 0
    assert driver.execute_script("return window.__pwned === undefined")
    assert_clean_logs(driver)


def test_filters_hide_and_show(driver: Any, tmp_path: pathlib.Path) -> None:
    kg = realistic_graph()
    load(driver, render_html(kg, layout="static"), tmp_path / "static.html")
    visible = (
        "const body = actorgraph.network.body;"
        "return [body.nodeIndices.length, body.edgeIndices.length]"
    )
    assert driver.execute_script(visible) == [17, len(kg.edges)]
    driver.execute_script(
        "for (const b of document.querySelectorAll('#ag-types input')) {"
        "  if (b.parentNode.textContent.startsWith('Country')) b.click(); }"
    )
    n, e = driver.execute_script(visible)
    assert n == 14 and e < len(kg.edges)
    driver.execute_script("document.querySelector('#ag-relations-bulk button:last-child').click()")
    assert driver.execute_script(visible)[1] == 0
    # search re-shows a hidden type
    assert (
        driver.execute_script("return actorgraph.search('republic of iraq')")
        == f"{BASE}entity/iraq"
    )
    assert driver.execute_script(visible)[0] == 17  # the whole Country type is back
    assert_clean_logs(driver)


def test_2000_nodes_interactive_within_5_seconds(driver: Any, tmp_path: pathlib.Path) -> None:
    kg = large_graph()
    started = time.perf_counter()
    html = render_html(kg, title="2,000 actors")
    render_s = time.perf_counter() - started
    seconds = load(driver, html, tmp_path / "large.html")
    in_page_ms = driver.execute_script("return actorgraph.readyMs")
    print(
        f"\n2,000 nodes / 4,000 edges: render_html {render_s:.2f} s, page {len(html) / 1e6:.1f} MB;"
        f" browser time-to-interactive {seconds:.2f} s (in-page {in_page_ms} ms since navigation)"
    )
    assert counts(driver) == (2000, 4000)
    assert seconds < 5.0
    assert driver.execute_script("return actorgraph.network.physics.options.enabled") is False
    assert driver.execute_script("return actorgraph.search('a1999')") == f"{BASE}entity/n1999"
    ARTIFACTS.mkdir(exist_ok=True)
    driver.execute_script(
        "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}));actorgraph.fit();"
    )
    driver.save_screenshot(str(ARTIFACTS / "graph-2000.png"))
    assert_clean_logs(driver)


def test_empty_and_physics_graphs_become_ready(driver: Any, tmp_path: pathlib.Path) -> None:
    load(driver, render_html(KnowledgeGraph({}, ())), tmp_path / "empty.html")
    assert counts(driver) == (0, 0)
    assert driver.find_element("id", "ag-counts").text == "0 actors · 0 relations · 0 articles"
    seconds = load(driver, render_html(large_graph(300, 500)), tmp_path / "physics.html")
    print(f"\n300 nodes with physics (auto layout): ready in {seconds:.2f} s")
    assert counts(driver) == (300, 500)
    # "auto" freezes the layout once stabilised
    assert driver.execute_script("return actorgraph.network.physics.options.enabled") is False
    assert_clean_logs(driver)


HEADER_STATE = """
const drawn = new Set(actorgraph.network.body.nodeIndices);
const isolated = actorgraph.nodes.get({filter: n => n.ag.isolated}).map(n => n.id);
return {counts: document.getElementById('ag-counts').textContent,
        ticked: document.getElementById('ag-isolated').checked,
        label: document.getElementById('ag-isolated-text').textContent,
        drawn: drawn.size, isolatedDrawn: isolated.filter(id => drawn.has(id)).sort()};
"""


def test_header_toggle_shows_and_hides_actors_without_relations(
    driver: Any, tmp_path: pathlib.Path
) -> None:
    """The header says how many actors in no relation are hidden, and the "show actors
    without relations" box draws them (the header then counts them all) and hides them."""
    base = realistic_graph()
    lonely = [
        _ent("tasnim", "Tasnim News Agency", "MediaOrganization", mentions=2),
        _ent("kirkuk", "Kirkuk", "Place"),
        _ent("sistani", "Ali al-Sistani", "Person", "Grand Ayatollah Sistani", mentions=3),
    ]
    kg = KnowledgeGraph({**base.entities, **{e.id: e for e in lonely}}, base.edges)
    total, hidden, relations = len(kg.entities), len(lonely), len(kg.edges)
    articles = len(
        {a for e in kg.entities.values() for a in e.articles}
        | {v.article for e in kg.edges for v in e.evidence}
    )
    load(driver, render_html(kg, title="toggle"), tmp_path / "toggle.html")

    closed = driver.execute_script(HEADER_STATE)
    assert closed["counts"] == (
        f"{total - hidden} actors shown · {hidden} hidden (in no relation) · "
        f"{relations} relations · {articles} articles"
    )
    assert closed["label"] == f"Show {hidden} actors without relations"
    assert closed["ticked"] is False
    assert closed["drawn"] == total - hidden and closed["isolatedDrawn"] == []

    driver.find_element("id", "ag-isolated").click()
    opened = driver.execute_script(HEADER_STATE)
    assert opened["counts"] == (
        f"{total} actors · {hidden} of them in no relation · "
        f"{relations} relations · {articles} articles"
    )
    assert opened["ticked"] is True
    assert opened["drawn"] == total
    assert opened["isolatedDrawn"] == sorted(e.id for e in lonely)
    inside = driver.execute_script(FIRST_VIEW)["inside"]  # the grid of them is fitted in view
    assert inside

    driver.find_element("id", "ag-isolated").click()
    assert driver.execute_script(HEADER_STATE) == closed
    assert_clean_logs(driver)


# --------------------------------------------------------------------------- #
# the first view of a real build
# --------------------------------------------------------------------------- #

SEEDS = pathlib.Path(__file__).resolve().parents[1] / "seeds"

FIRST_VIEW = """
const net = actorgraph.network, drawn = net.body.nodeIndices;
const box = net.canvas.frame.canvas.getBoundingClientRect();
let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
for (const id of drawn) {
  const p = net.canvasToDOM(net.getPosition(id));
  x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x); y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y);
}
const isolated = actorgraph.nodes.get({filter: n => n.ag.isolated}).map(n => n.id);
const shown = isolated.filter(id => drawn.indexOf(id) >= 0).length;
const label = document.getElementById('ag-isolated-text').textContent;
const fontPx = net.body.nodes[drawn[0]].options.font.size * net.getScale();
return {drawn: drawn.length, isolated: isolated.length, shown: shown, label: label,
        wShare: (x1 - x0) / box.width, hShare: (y1 - y0) / box.height,
        inside: x0 >= 0 && y0 >= 0 && x1 <= box.width && y1 <= box.height,
        fontPx: fontPx, labelPx: actorgraph.labelPx()};
"""


@pytest.fixture(scope="module")
def seeds_kg(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    """The graph of a real build of the seed articles."""
    from click.testing import CliRunner

    from actorgraph.graph.cli import main
    from actorgraph.graph.core.load import load_knowledge_graph

    if not SEEDS.is_dir():
        pytest.skip("no seeds/ folder")
    out = tmp_path_factory.mktemp("seeds-build")
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return load_knowledge_graph(out)


def test_first_view_of_seeds_uses_the_canvas(
    driver: Any, seeds_kg: KnowledgeGraph, tmp_path: pathlib.Path
) -> None:
    load(driver, render_html(seeds_kg, title="seeds"), tmp_path / "seeds.html")
    view = driver.execute_script(FIRST_VIEW)
    print(f"\nseeds first view: {view}")
    assert view["isolated"] > 0  # the seeds have actors in no fact
    assert view["shown"] == 0 and view["drawn"] == len(seeds_kg.entities) - view["isolated"]
    assert view["inside"]
    assert max(view["wShare"], view["hShare"]) >= 0.4
    assert view["fontPx"] >= 10 and view["labelPx"] >= 10
    assert view["label"] == f"Show {view['isolated']} actors without relations"

    driver.find_element("id", "ag-isolated").click()
    shown = driver.execute_script(FIRST_VIEW)
    assert shown["shown"] == view["isolated"] and shown["drawn"] == len(seeds_kg.entities)
    assert shown["inside"]
    driver.find_element("id", "ag-isolated").click()
    assert driver.execute_script(FIRST_VIEW)["shown"] == 0
    assert_clean_logs(driver)


CLEAR_OF_PANEL = """
const net = actorgraph.network;
const canvas = net.canvas.frame.canvas.getBoundingClientRect();
const card = document.getElementById('ag-details-card').getBoundingClientRect();
return arguments[0].map(function (id) {
  const p = net.canvasToDOM(net.getPosition(id));
  const x = canvas.left + p.x, y = canvas.top + p.y;
  const inCanvas = x > canvas.left && x < canvas.right && y > canvas.top && y < canvas.bottom;
  const underCard = x >= card.left && x <= card.right && y >= card.top && y <= card.bottom;
  return [id, inCanvas && !underCard, canvas.right <= card.left + 1];
});
"""


def test_ego_page_marks_the_centre_and_details_never_cover_it(
    driver: Any, tmp_path: pathlib.Path
) -> None:
    kg = realistic_graph()
    kh = f"{BASE}entity/kh"
    ego = ego_graph(kg, "KH", hops=1)
    load(
        driver, render_html(ego, title="Kata'ib Hezbollah: 1 hop", centre=kh), tmp_path / "kh.html"
    )
    assert driver.find_element("id", "ag-centre").text == "centred on Kata'ib Hezbollah"
    node = driver.execute_script("return actorgraph.network.body.nodes[arguments[0]].options", kh)
    others = driver.execute_script(
        "return actorgraph.network.body.nodeIndices.filter(i => i !== arguments[0])"
        ".map(i => actorgraph.network.body.nodes[i].options.size)",
        kh,
    )
    assert node["borderWidth"] >= 5 and node["size"] > max(others)

    # select every drawn actor in turn: it and its panel never overlap
    for target in driver.execute_script("return actorgraph.network.body.nodeIndices.slice()"):
        driver.execute_script(
            "actorgraph.network.selectNodes([arguments[0]]);"
            "actorgraph.network.body.emitter.emit('click', {nodes: [arguments[0]], edges: []});",
            target,
        )
        assert not driver.find_element("id", "ag-details-card").get_attribute("hidden")
        for _id, clear, docked in driver.execute_script(CLEAR_OF_PANEL, [target]):
            assert clear and docked, target
    driver.execute_script("actorgraph.search('Quds Force')")
    time.sleep(0.5)  # focus animation
    assert all(
        clear for _, clear, _ in driver.execute_script(CLEAR_OF_PANEL, [f"{BASE}entity/qods"])
    )
    driver.execute_script("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}))")
    assert driver.find_element("id", "ag-details-card").get_attribute("hidden")
    assert_clean_logs(driver)
