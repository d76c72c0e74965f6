"""Page furniture around an article: credit lines, bylines, tag lists and datelines,
and the Doc's text read once."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .lexicon import NOT_ACTORS
from .namewords import (
    _NOT_NAMES,
    name_key,
)
from .normalize import fold

#: lines of page furniture, not of the story: credits, bylines, tags, links
_BOILERPLATE_LINE = re.compile(
    r"^\W*(?:(?:additional\s+)?(?:reporting|editing|writing|written|compiled|translated|"
    r"produced|research|graphics?|photos?|pictures?|video|images?)\s+by\b|by\s+[A-Z][\w.'’-]+"
    r"(?:\s+[A-Z][\w.'’-]+){0,3}\s*$|(?:labels|tags|topics|filed under|related(?:\s+\w+)?|"
    r"read more|more on this story|see also|also read|read also|share this|follow us|"
    r"advertisement|image (?:source|caption|copyright)|media caption|photo(?:graph)?|"
    r"picture|credit|copyright|source)\s*(?::|$))",
    re.IGNORECASE,
)


#: a credit inside a line: "(Reporting by A; Editing by B)"
_INLINE_CREDIT = re.compile(
    r"\((?:[^()]*?\b)?(?:reporting|editing|writing|compiled|additional reporting)\s+by\b[^()]*\)"
    r"|\([^()\n]{1,40}\bwith\s+(?:AFP|AP|Reuters|dpa)\)",  # "(FRANCE 24 with AFP)"
    re.IGNORECASE,
)


#: a tweet's signature line: "— Name (@handle) June 13, 2020"
_TWEET_SIGNATURE = re.compile(r"^\s*[—–-]+\s*[^\n]{1,60}\(@\w+\)")


#: "Associated Press writer X in Beijing contributed to this report."
_CONTRIBUTED_LINE = re.compile(
    r"^[^\n]{0,160}\bcontributed\b[^\n]{0,40}\b(?:report|reporting|story|article)\b"
    r"[^\n]{0,20}$",
    re.IGNORECASE,
)


def boilerplate_chars(text: str) -> list[tuple[int, int]]:
    """Character ranges of bylines, credit lines, tag lists and link captions."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if (
            _BOILERPLATE_LINE.match(line)
            or _TWEET_SIGNATURE.match(line)
            or _CONTRIBUTED_LINE.match(line.rstrip("\n"))
        ):
            out.append((pos, pos + len(line)))
        else:
            out += [(pos + m.start(), pos + m.end()) for m in _INLINE_CREDIT.finditer(line)]
        pos += len(line)
    return out


#: wire-service slugs that open a line like a dateline: "FACTBOX -", "UPDATE 2-"
_WIRE_SLUGS = frozenset(
    "factbox wrapup insight refile corrected correction timeline explainer graphic "
    "live urgent flash".split()
)


_DATELINE = re.compile(
    r"^[ \t]*([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2})"  # MARIUPOL, GAROWE, TEL AVIV
    r"(?=(?:,[ \t]*[A-Z][\w .'’-]{1,40}?)?[ \t]*(?:\([^)\n]{1,30}\))?[ \t]*[-—–])",
    re.M,
)


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once (``doc.text`` joins every token again on each access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


_TEXT_KEY = "actorgraph.text"


def _dateline_spans(doc: Doc) -> list[Span]:
    """Place names in capitals opening a line before a comma, a dash or "(": "BELEDWEYNE,
    Somalia (Reuters) -", "GAROWE -". The model often misses them or runs them on."""
    out = []
    for m in _DATELINE.finditer(doc_text(doc)):
        name = m.group(1)
        if sum(c.isalpha() for c in name) < 3:
            continue
        span = doc.char_span(m.start(1), m.end(1))
        if span is None or fold(name) in NOT_ACTORS | _NOT_NAMES | _WIRE_SLUGS:
            continue
        out.append(Span(doc, span.start, span.end, label="Place", kb_id=name_key("Place", name)))
    return out


def _dateline(ent: Span) -> bool:
    """A place name in capitals opening a line before a dateline's dash (see ``_DATELINE``)."""
    if not ent.text.isupper():
        return False  # the common case, without building the Doc's text
    text = doc_text(ent.doc)
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    m = _DATELINE.match(text, line_start)
    return m is not None and m.start(1) == ent.start_char and m.end(1) == ent.end_char


def _opens_a_dateline(span: Span) -> bool:
    """ "KABUL (Reuters) -", "Bamako (AFP) -": the city a report comes from, not its state
    acting (the parse often makes it the subject of the first verb)."""
    doc = span.doc
    if span.start > 0 and "\n" not in doc[span.start - 1].text_with_ws:
        return False
    nxt = span.end
    if nxt < len(doc) and doc[nxt].text == ",":  # "GOMA, Congo (AP) -"
        nxt += 2
    return nxt < len(doc) and doc[nxt].text in {"(", "-", "—", "–", ":"}
