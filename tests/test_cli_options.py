"""One option for "which build" across every command, and hints that name real options.

All on a tiny build written by hand (no model).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import ROOT

from actorgraph.extractors.records import Article, Edge, Entity, Evidence, KnowledgeGraph
from actorgraph.graph.build import BuildOptions, write_outputs
from actorgraph.graph.cli import main

BASE = "https://w3id.org/actorgraph/id/"
SENTENCE = "Kataib Hezbollah is part of the Popular Mobilization Forces."

#: flags of other programs that help texts quote (``oxigraph serve``, ``dask worker``)
FOREIGN_FLAGS = {"--location", "--nthreads"}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    kh = Entity(f"{BASE}entity/kh", "kh", "Kataib Hezbollah", "ArmedGroup", ("KH",), 1, ("a.txt",))
    pmf = Entity(
        f"{BASE}entity/pmf", "pmf", "Popular Mobilization Forces", "MilitaryForce", ("PMF",), 1,
        ("a.txt",),
    )  # fmt: skip
    ev = Evidence("a.txt", "a" * 64, SENTENCE, 0, len(SENTENCE), "verb", 0.9)
    edge = Edge(f"{BASE}fact/kh-partOf-pmf", kh.id, "partOf", pmf.id, (ev,))
    kg = KnowledgeGraph(
        {kh.id: kh, pmf.id: pmf}, (edge,), (Article("a.txt", "a.txt", SENTENCE, "a" * 64),)
    )
    folder = tmp_path_factory.mktemp("out")
    write_outputs(kg, folder, BuildOptions(html=False))
    return folder


def _run(*args: str | Path) -> click.testing.Result:
    return CliRunner().invoke(main, [str(a) for a in args], env={"COLUMNS": "200"})


def _commands() -> dict[str, click.Command]:
    ctx = click.Context(main)
    found = {name: main.get_command(ctx, name) for name in main.list_commands(ctx)}
    return {name: cmd for name, cmd in found.items() if cmd is not None}


def _flags(cmd: click.Command) -> set[str]:
    return {o for p in cmd.params for o in [*p.opts, *p.secondary_opts] if o.startswith("--")}


def test_every_command_that_reads_a_build_takes_graph(out: Path, tmp_path: Path) -> None:
    """``--graph PATH`` is a build folder or a graph file, for every command alike."""
    readers = {"query", "export", "validate", "view", "eval", "push"}
    for name in readers:
        assert "--graph" in _flags(_commands()[name]), name
        assert "--graph " in _run(name, "--help").output, name
    for graph in (out, out / "graph.ttl"):
        res = _run("query", "ASK { ?s ag:partOf ?o }", "--graph", graph)
        assert res.exit_code == 0 and res.output.strip() == "true", res.output
        res = _run("export", "-f", "nt", "-o", "-", "--graph", graph)
        assert res.exit_code == 0 and "partOf" in res.output, res.output
        res = _run("validate", "--graph", graph)
        assert str(out / "graph.ttl") in res.output, res.output
        page = tmp_path / f"kh-{graph.name}.html"
        res = _run("view", "KH", "--graph", graph, "-o", page)
        assert res.exit_code == 0 and page.is_file(), res.output
    assert _run("validate", out).output == _run("validate", "--graph", out).output
    res = _run("validate", out, "--graph", out)
    assert res.exit_code != 0 and "not both" in res.output


def test_old_spellings_still_work_and_are_not_shown(out: Path, tmp_path: Path) -> None:
    res = _run("view", "KH", "--graph-dir", out, "-o", tmp_path / "kh.html")
    assert res.exit_code == 0 and (tmp_path / "kh.html").is_file(), res.output
    assert "--graph-dir" not in _run("view", "--help").output
    gold = tmp_path / "gold"
    gold.mkdir()
    old = _run("eval", "--gold", gold, "--out", out)
    new = _run("eval", "--gold", gold, "--graph", out)
    assert old.output == new.output and old.exit_code == new.exit_code
    help_text = _run("eval", "--help").output
    assert "--graph" in help_text and "--out" not in help_text
    (out_line,) = [x for x in _run("build", "--help").output.splitlines() if "--out" in x]
    assert "--graph" not in out_line  # build -o DIR also takes --graph DIR, unshown


def test_a_missing_build_is_named_with_an_option_that_exists(tmp_path: Path) -> None:
    commands = {"query": ["ASK {}"], "export": ["-f", "nt", "-o", "-"], "validate": []}
    for name, extra in commands.items():
        res = _run(name, *extra, "--graph", tmp_path / "nowhere")
        assert res.exit_code != 0, name
        assert "nowhere/graph.ttl" in res.output and "--graph" in res.output, res.output


def test_every_hint_names_an_option_that_exists() -> None:
    """Every ``--flag`` in the package's strings (messages, help) is an option of a command."""
    flags = {"--help"}.union(*(_flags(c) for c in _commands().values()))
    unknown: dict[str, str] = {}
    for path in sorted((ROOT / "graph").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for flag in re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", node.value):
                    if flag not in flags | FOREIGN_FLAGS:
                        unknown[flag] = str(path.relative_to(ROOT))
    assert unknown == {}


# --------------------------------------------------------------------------- names


@pytest.fixture(scope="module")
def spelled_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build whose only article spells out "Kataib Hezbollah" (never "KH")."""
    text = "Kataib Hezbollah is part of the Popular Mobilization Forces, officials said."
    kh = Entity(
        f"{BASE}entity/kataib-hezbollah", "gaz:kataib-hezbollah", "Kataib Hezbollah",
        "ArmedGroup", (), 1, ("a.txt",),
    )  # fmt: skip
    pmf = Entity(
        f"{BASE}entity/popular-mobilization-forces-1234abcd", "x", "Popular Mobilization Forces",
        "MilitaryForce", ("Hashd",), 1, ("a.txt",),
    )  # fmt: skip
    ev = Evidence("a.txt", "b" * 64, text, 0, len(text), "verb", 0.9)
    edge = Edge(f"{BASE}fact/f", kh.id, "partOf", pmf.id, (ev,))
    kg = KnowledgeGraph(
        {kh.id: kh, pmf.id: pmf}, (edge,), (Article("a.txt", "a.txt", text, "b" * 64),)
    )
    folder = tmp_path_factory.mktemp("spelled")
    write_outputs(kg, folder, BuildOptions(html=True))
    return folder


@pytest.mark.parametrize("name", ["KH", "kh", "Kata'ib Hizballah", "hezbollah-brigades", "K.H."])
def test_a_name_resolves_alike_in_view_bind_and_the_page(
    spelled_out: Path, tmp_path: Path, name: str
) -> None:
    """Label, aliases seen in the text, and the gazetteer's aliases; any case and punctuation."""
    page = tmp_path / "kh.html"
    res = _run("view", name, "--graph", spelled_out, "-o", page)
    assert res.exit_code == 0 and "of Kataib Hezbollah" in res.output, res.output
    res = _run("query", "--graph", spelled_out, "-n", "everything-about", "-b", f"actor={name}")
    assert res.exit_code == 0 and "Popular Mobilization Forces" in res.output, res.output


def test_punctuation_and_case_never_hide_a_text_alias(spelled_out: Path) -> None:
    for name in ("HASHD", "popular mobilization-forces", "Popular Mobilization Forces."):
        res = _run("query", "--graph", spelled_out, "-n", "everything-about", "-b", f"actor={name}")
        assert res.exit_code == 0 and "Kataib Hezbollah" in res.output, (name, res.output)


def test_the_page_searches_the_gazetteer_names_too(spelled_out: Path) -> None:
    html = (spelled_out / "graph.html").read_text(encoding="utf-8")
    assert '"knownAs": [' in html or '"knownAs":[' in html
    assert '"KH"' in html and "Hezbollah Brigades" in html


# --------------------------------------------------------------------------- progress


def test_the_build_says_when_it_is_loading_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """The status goes up before the model loads and comes down with the first article."""
    from actorgraph.graph.build import run
    from actorgraph.graph.read import Skipped

    heard: list[str] = []

    def load(opts: BuildOptions) -> object:
        heard.append("<load>")
        return object()

    def process(nlp: object, items, batch_size: int):  # type: ignore[no-untyped-def]
        for index, art in items:
            yield index, Skipped(art.name, "stub", "stub")

    monkeypatch.setattr(run, "_load_model", load)
    monkeypatch.setattr(run, "iter_nlp_results", process)
    art = Article("a.txt", "a.txt", SENTENCE, "a" * 64)
    opts = BuildOptions(model="my_model", jobs=0)
    results = list(run._run_nlp(iter([(0, art)]), opts, None, on_status=heard.append))
    assert len(results) == 1
    assert heard == ["loading model my_model ...", "<load>", ""]


def test_the_progress_bar_shows_the_status(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The bar's text column reads 'loading model NAME ...' while the model loads."""
    from rich.progress import Progress

    from actorgraph.graph.build import BuildSummary
    from actorgraph.graph.cli import build as cmd_build

    shown: list[str] = []

    def fake_build(paths, out, opts, *, on_skip, on_article, on_status):  # type: ignore[no-untyped-def]
        on_status("loading model m ...")
        progress = bars[-1]
        (task,) = progress.tasks
        shown.append(str(progress.columns[-1].render(task)))
        on_status("")
        on_article(Article("a.txt", "a.txt", SENTENCE, "a" * 64))
        shown.append(str(progress.columns[-1].render(progress.tasks[0])))
        return BuildSummary(articles=1)

    bars: list[Progress] = []
    real_init = Progress.__init__

    def init(self: Progress, *args, **kwargs):  # type: ignore[no-untyped-def]
        real_init(self, *args, **kwargs)
        bars.append(self)

    monkeypatch.setattr(Progress, "__init__", init)
    monkeypatch.setattr("actorgraph.graph.build.build_files", fake_build)
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    cmd_build._run([tmp_path / "a.txt"], tmp_path / "out", BuildOptions(), quiet=True)
    assert shown == ["loading model m ... ", "a.txt"]
