"""A build walks its input folders once, the progress bar's count included, and reports what
it leaves out in the same order as before.  No model: the results are in the cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_incremental_merge import OPTS, Corpus

from actorgraph.graph.build import BuildOptions, build_files
from actorgraph.graph.cli import main
from actorgraph.graph.read import walk, walk_inputs


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    c = Corpus(tmp_path)
    for i in range(12):
        c.write(f"a{i:02d}.txt")
    (c.inp / "sub").mkdir()
    c.write("sub/b.txt")
    (c.inp / "empty.txt").write_text("")  # skipped when read
    os.symlink(c.inp / "gone.txt", c.inp / "broken.txt")  # skipped by the walk
    return c


def _count_listings(monkeypatch: pytest.MonkeyPatch, inputs: Path) -> list[str]:
    """The folders under ``inputs`` listed from now on (os.scandir, which still lists them)."""
    listed: list[str] = []
    scandir = os.scandir

    def counted(path: str | os.PathLike[str] | int = ".") -> object:
        if not isinstance(path, int) and os.fspath(path).startswith(str(inputs)):
            listed.append(os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(walk.os, "scandir", counted)
    return listed


def test_the_cli_walks_the_inputs_once(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    listed = _count_listings(monkeypatch, corpus.inp)
    args = ["build", str(corpus.inp), "-o", str(corpus.out), "--model", "no-such-model"]
    result = CliRunner().invoke(main, [*args, "--no-html", "--jobs", "0"])
    assert result.exit_code == 1, result.output  # two files skipped
    assert sorted(listed) == sorted([str(corpus.inp), str(corpus.inp / "sub")])


def test_a_walk_given_to_the_build_gives_the_same_files(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus.build()
    before = {n: (corpus.out / n).read_bytes() for n in ("graph.ttl", "skipped.jsonl")}
    found = walk_inputs([corpus.inp], out_dir=corpus.out)
    assert [s.kind for s in found.skipped] == ["unreadable"]  # the broken link
    listed = _count_listings(monkeypatch, corpus.inp)
    summary = build_files(found, corpus.out, BuildOptions(**OPTS))
    assert listed == []  # not walked again
    assert [s.kind for s in summary.skipped] == ["unreadable", "empty"]
    assert {n: (corpus.out / n).read_bytes() for n in before} == before


def test_the_output_folder_s_files_are_never_inputs_even_before_its_first_build(
    tmp_path: Path,
) -> None:
    """Building into the input folder itself: its outputs are left out of the walk made
    before the build takes its lock (the lock file then marks the folder)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("An article.\n")
    (folder / "graph.html").write_text("<p>an old page</p>\n")
    names = [name for _, name in walk_inputs([folder], out_dir=folder).named]
    assert names == ["a.txt"]
    assert [name for _, name in walk_inputs([folder]).named] == ["a.txt", "graph.html"]
