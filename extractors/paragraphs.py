"""``paragraph_breaks``: a line break ends a sentence.

Scraped articles put headings, bylines and tweets on lines of their own; the
parser would otherwise glue them to the next sentence. Runs before the parser,
which keeps the boundaries it is given.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("paragraph_breaks", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and not tok.is_space:
            tok.is_sent_start = True
    return doc
