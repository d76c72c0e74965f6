"""Record the real model's parses of test sentences, so tests can rebuild them without it.

    python tests/record_parses.py tests/data/parses_places.jsonl "Sentence one." "Sentence two."
    python tests/record_parses.py tests/data/parses_places.jsonl --from sentences.txt

Sentences already in the file are kept; new ones are appended. The tests read every
``tests/data/parses*.jsonl`` (see ``conftest.make_doc``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def record(text: str) -> dict:  # type: ignore[type-arg]
    from actorgraph.extractors.pipeline import fix_tokenizer, load_model

    nlp = _NLP.get("nlp")
    if nlp is None:
        nlp = _NLP["nlp"] = load_model()
        fix_tokenizer(nlp)
    doc = nlp(text)
    return {
        "text": text,
        "words": [t.text for t in doc],
        "spaces": [bool(t.whitespace_) for t in doc],
        "heads": [t.head.i for t in doc],
        "deps": [t.dep_ for t in doc],
        "pos": [t.pos_ for t in doc],
        "tags": [t.tag_ for t in doc],
        "lemmas": [t.lemma_ for t in doc],
        "sent_starts": [bool(t.is_sent_start) for t in doc],
        "ents": [[e.start, e.end, e.label_] for e in doc.ents],
    }


_NLP: dict[str, object] = {}


def main(argv: list[str]) -> None:
    out = Path(argv[0])
    texts = argv[1:]
    if texts[:1] == ["--from"]:
        texts = [t for t in Path(texts[1]).read_text().splitlines() if t.strip()]
    have = set()
    if out.exists():
        have = {json.loads(line)["text"] for line in out.read_text().splitlines() if line}
    with out.open("a", encoding="utf-8") as f:
        for text in texts:
            if text not in have:
                f.write(json.dumps(record(text), ensure_ascii=False) + "\n")
                have.add(text)


if __name__ == "__main__":
    main(sys.argv[1:])
