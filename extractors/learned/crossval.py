"""Leave-one-conflict-out comparison: rules alone vs rules + learned scorer.

    python -m actorgraph.extractors.learned.crossval --gold GOLD_DIR \\
        --articles ARTICLES_DIR --articles seeds --scorer score.py [--conflicts iraq,syria]

Every article is parsed once with the rule pipeline. For each conflict, a model
is trained on the articles of the other conflicts taking part (never on the
conflict it scores), its facts are added to the rules' facts of the held-out
articles, and both fact sets go through the build's merge and triples export
and are scored by the evaluation's scorer, back to back on the same parses.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

#: conflict -> article file-name prefixes
CONFLICTS: dict[str, tuple[str, ...]] = {
    "iraq": ("000_", "002_", "004_", "y1"),
    "syria": ("y2",),
    "yemen_gaza": ("y3",),
    "somalia_libya": ("y4",),
    "russia_ukraine": ("y5",),
}
DEV_CONFLICTS = ("iraq", "syria", "yemen_gaza")


def conflict_of(name: str) -> str | None:
    for conflict, prefixes in CONFLICTS.items():
        if name.startswith(prefixes):
            return conflict
    return None


def _score(
    scorer: Path, gold: Path, triples: list[dict[str, object]], names: list[str]
) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for t in triples:
            fh.write(json.dumps(t) + "\n")
        path = fh.name
    out = subprocess.run(
        [
            sys.executable,
            str(scorer),
            path,
            f"--articles={','.join(names)}",
            f"--gold={gold}",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    Path(path).unlink()
    res = json.loads(out.stdout)
    tp = sum(c.get("tp", 0) for c in res["per_relation"].values())
    fp = sum(c.get("fp", 0) for c in res["per_relation"].values())
    fn = sum(c.get("fn", 0) for c in res["per_relation"].values())
    return {"tp": tp, "fp": fp, "fn": fn, "per_relation": res["per_relation"]}


def _prf(c: dict[str, Any]) -> str:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"tp={tp:3d} fp={fp:3d} fn={fn:3d}  P={p:.3f} R={r:.3f} F1={f:.3f}"


def main(argv: list[str] | None = None) -> int:
    from actorgraph.extractors.pipeline import doc_to_result, load_pipeline
    from actorgraph.graph.exports import triple_records
    from actorgraph.graph.merge import merge
    from actorgraph.graph.reader import read_article
    from actorgraph.ontology import load_schema

    from .component import learned_facts
    from .gold import load_gold
    from .train import doc_examples, fit

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", required=True, type=Path)
    ap.add_argument("--articles", action="append", required=True, type=Path)
    ap.add_argument("--scorer", required=True, type=Path, help="the evaluation's score.py")
    ap.add_argument(
        "--conflicts",
        default=",".join(DEV_CONFLICTS),
        help=f"conflicts taking part (default: {','.join(DEV_CONFLICTS)}; "
        f"all: {','.join(CONFLICTS)})",
    )
    ap.add_argument("--min-confidence", type=float, default=0.5)
    ap.add_argument("--dump", type=Path, help="folder for each fold's triples (rules+learned)")
    ap.add_argument("--conll04", type=Path, help="CoNLL04 train file added to every fold")
    ap.add_argument("--threshold", type=float, help="fixed threshold instead of the CV one")
    args = ap.parse_args(argv)
    wanted = args.conflicts.split(",")
    gold = load_gold(args.gold)
    paths = sorted(
        (p for d in args.articles for p in sorted(d.glob("*.txt"))), key=lambda p: p.name
    )
    arts = [
        read_article(p) for p in paths if p.name in gold.facts and conflict_of(p.name) in wanted
    ]
    started = time.perf_counter()
    nlp = load_pipeline(learned=False)
    docs = list(nlp.pipe(a.text for a in arts))
    print(f"parsed {len(arts)} articles in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    examples = {a.name: doc_examples(d, a.name, gold) for a, d in zip(arts, docs, strict=True)}
    extra = []
    if args.conll04:
        from .conll04 import conll04_examples

        extra = conll04_examples(nlp, args.conll04)
    schema = load_schema()
    totals = {"rules": {"tp": 0, "fp": 0, "fn": 0}, "learned": {"tp": 0, "fp": 0, "fn": 0}}
    lines = []
    for conflict in wanted:
        test = [i for i, a in enumerate(arts) if conflict_of(a.name) == conflict]
        if not test:
            continue
        train_ex = [ex for a in arts if conflict_of(a.name) != conflict for ex in examples[a.name]]
        t0 = time.perf_counter()
        model = fit(train_ex, extra=extra)
        secs = time.perf_counter() - t0
        names = [arts[i].name for i in test]
        rule_results, both_results = [], []
        added = 0
        for i in test:
            doc, art = docs[i], arts[i]
            rules = list(doc._.facts or [])
            rule_results.append(doc_to_result(doc, art))
            new = learned_facts(doc, model, schema, args.threshold)
            added += len(new)
            doc._.facts = rules + new
            both_results.append(doc_to_result(doc, art))
            doc._.facts = rules
        scores = {}
        for tag, results in (("rules", rule_results), ("learned", both_results)):
            kg = merge(results, min_confidence=args.min_confidence)
            triples = list(triple_records(kg))
            if args.dump and tag == "learned":
                args.dump.mkdir(parents=True, exist_ok=True)
                (args.dump / f"{conflict}.jsonl").write_text(
                    "".join(json.dumps(t) + "\n" for t in triples)
                )
            scores[tag] = _score(args.scorer, args.gold, triples, names)
            for k in ("tp", "fp", "fn"):
                totals[tag][k] += scores[tag][k]
        lines.append(
            f"{conflict:15s} ({len(test)} art, thr={model.threshold:.2f}, +{added} facts, "
            f"train {secs:.1f}s)\n"
            f"  rules          {_prf(scores['rules'])}\n"
            f"  rules+learned  {_prf(scores['learned'])}"
        )
        print(lines[-1], flush=True)
    print("pooled")
    print(f"  rules          {_prf(totals['rules'])}")
    print(f"  rules+learned  {_prf(totals['learned'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
