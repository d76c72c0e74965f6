"""notebooks/explore.ipynb is committed clean and runs top to bottom (nbclient, kernel python3)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import nbclient
import nbformat
import pytest
from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
CELL_TIMEOUT_S = 300
KEY_CELLS = (
    "setup",
    "build",
    "sparql-backers",
    "sparql-partof",
    "sparql-evidence",
    "centrality",
    "communities",
    "paths",
    "pyvis",
)


def read() -> Any:
    return nbformat.read(NOTEBOOK, as_version=4)


def by_tag(nb: Any) -> dict[str, Any]:
    return {tag: cell for cell in nb.cells for tag in cell.get("metadata", {}).get("tags", ())}


def text_of(cell: Any) -> str:
    """Everything a cell printed to stdout."""
    return "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


def rows(cell: Any) -> list[int]:
    """Row counts of the SPARQL tables a cell printed."""
    return [int(n) for n in re.findall(r"^\((\d+) rows?\)$", text_of(cell), re.M)]


def test_notebook_is_valid_and_committed_without_outputs() -> None:
    nb = read()
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)
    assert set(KEY_CELLS) <= set(by_tag(nb))


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The notebook after a full run from a working folder outside the checkout."""
    nb = read()
    cwd = tmp_path_factory.mktemp("elsewhere")
    client = nbclient.NotebookClient(
        nb, timeout=CELL_TIMEOUT_S, kernel_name="python3", resources={"metadata": {"path": cwd}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    return nb


@pytest.mark.model
def test_notebook_runs_without_errors_or_warnings(executed: Any) -> None:
    for cell in executed.cells:
        if cell.cell_type == "code":
            assert cell.execution_count is not None
            kinds = {o.output_type for o in cell.outputs}
            assert "error" not in kinds
            stderr = [o.text for o in cell.outputs if o.get("name") == "stderr"]
            assert stderr == [], f"cell {cell.id} wrote to stderr: {stderr}"


@pytest.mark.model
def test_notebook_builds_and_queries_the_seeds(executed: Any) -> None:
    cells = by_tag(executed)
    assert Path(re.search(r"seeds: (.+)", text_of(cells["setup"])).group(1)) == ROOT / "seeds"
    assert re.search(r"^5 articles, \d+ entities, \d+ facts", text_of(cells["build"]), re.M)
    backers = text_of(cells["sparql-backers"])
    assert re.search(r"^Kataib Hezbollah +Iran$", backers, re.M), backers
    assert rows(cells["sparql-partof"])[0] >= 3
    assert "part  " in text_of(cells["sparql-partof"])
    evidence = text_of(cells["sparql-evidence"])
    assert rows(cells["sparql-evidence"])[0] >= 1
    assert ".txt" in evidence and "Kataib Hezbollah" in evidence


@pytest.mark.model
def test_notebook_measures_the_graph(executed: Any) -> None:
    cells = by_tag(executed)
    centrality = text_of(cells["centrality"])
    for title in ("degree centrality", "betweenness centrality"):
        block = centrality.split(title + "\n", 1)[1]
        scores = re.findall(r"^ +(\d\.\d{3})  \S", block, re.M)
        assert len(scores) >= 8
    assert re.search(r"^community 1 \(\d+ actors\): ", text_of(cells["communities"]), re.M)
    paths = text_of(cells["paths"])
    assert re.search(r"^Kataib Hezbollah -> United States: \d+ step\(s\)$", paths, re.M), paths


@pytest.mark.model
def test_notebook_shows_the_offline_graph_inline(executed: Any) -> None:
    (output,) = [o for o in by_tag(executed)["pyvis"].outputs if o.output_type == "display_data"]
    frame = output.data["text/html"]
    match = re.fullmatch(
        r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts" style="[^"]*"></iframe>', frame
    )
    assert match, frame[:200]
    page = html.unescape(match.group(1))
    assert page.startswith("<!DOCTYPE html>") and 'id="graph-data"' in page
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "default-src 'none'" in html.unescape(page)  # the CSP attribute, escaped once more
