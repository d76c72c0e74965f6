"""Markup removed: the visible text, title and date of an HTML page or a Markdown file."""

from __future__ import annotations

import contextlib
import html
import re
from html.parser import HTMLParser

from .decode import _SPACES

# --------------------------------------------------------------------------- HTML

_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas"}
)
_HEAD_TAGS = frozenset(
    {"title", "meta", "link", "style", "script", "base", "noscript", "template", "head", "html"}
)
_PARAGRAPH_TAGS = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "main", "nav", "aside",
        "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table",
        "figure", "figcaption", "form", "fieldset", "address", "hr", "pre", "details",
        "summary", "body",
    }
)  # fmt: skip
_LINE_TAGS = frozenset({"br", "li", "dt", "dd", "tr", "caption", "option", "legend"})
_CELL_TAGS = frozenset({"td", "th"})
_DATE_META = (("property", "article:published_time"), ("name", "date"))
#: an unfinished construct longer than this at the end is read linearly (see close())
_RETRY_CHARS = 2_000
_TAG_LIKE = re.compile(r"<[^<>]*>?")


class _HTMLText(HTMLParser):
    """Collects visible text, the title, the first h1 and date hints."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] | None = None
        self.h1: list[str] | None = None
        self.meta_dates: dict[tuple[str, str], str] = {}
        self.time_date: str | None = None
        self._skip = 0
        self._head = False
        self._in_title = False
        self._in_h1 = False
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(dict(attrs))
            return
        if tag in _SKIP_TAGS:
            self._skip += 1
            return
        if self._skip:
            return
        if tag == "time" and self.time_date is None:
            self.time_date = dict(attrs).get("datetime") or None
        if tag == "head":
            self._head = True
        elif tag == "title":
            self._in_title = self.title is None
            if self._in_title:
                self.title = []
        elif tag not in _HEAD_TAGS:
            self._head = self._in_title = False  # body content ends an unclosed head/title
        self._start_block(tag)

    def _start_block(self, tag: str) -> None:
        if tag == "h1" and self.h1 is None:
            self.h1, self._in_h1 = [], True
        if tag == "pre":
            self._pre += 1
        self._block(tag)

    def _block(self, tag: str) -> None:
        if tag in _PARAGRAPH_TAGS:
            self.parts.append("\n\n")
        elif tag in _LINE_TAGS:
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if tag == "head":
            self._head = False
        elif tag == "title":
            self._in_title = False
        elif tag == "h1":
            self._in_h1 = False
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in _PARAGRAPH_TAGS:
            self._block(tag)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title and self.title is not None:
            self.title.append(data)
            return
        if self._head:
            return
        if self._in_h1 and self.h1 is not None:
            self.h1.append(data)
        self.parts.append(data if self._pre else _SPACES.sub(" ", data))

    def _meta(self, attrs: dict[str, str | None]) -> None:
        content = attrs.get("content")
        if not content:
            return
        for attr, value in _DATE_META:
            if (attrs.get(attr) or "").strip().lower() == value:
                self.meta_dates.setdefault((attr, value), content)

    def parse_html_declaration(self, i: int) -> int:
        # ``<![`` outside foreign content is a bogus comment up to the next ``>`` (HTML5):
        # Word/Outlook's ``<![if mso]>``, ``<![endif]>``, ``<![foo]>``.  html.parser would
        # raise on unknown keywords and everything after would be lost.
        if self.rawdata.startswith("<![", i):
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1
        return super().parse_html_declaration(i)

    def close(self) -> None:
        # What feed() left is an unfinished construct (a tag, comment or quote never
        # closed).  html.parser retries it at every later ``<``, each time scanning to
        # the end: quadratic.  Read a long remainder linearly instead: as text, with
        # anything tag-like removed (script/style content is dropped).
        rest = self.rawdata
        if len(rest) > _RETRY_CHARS:
            self.rawdata = ""
            if self.cdata_elem is None:
                self.handle_data(html.unescape(_TAG_LIKE.sub(" ", rest)))
        super().close()

    @property
    def date(self) -> str | None:
        for key in _DATE_META:
            if key in self.meta_dates:
                return self.meta_dates[key]
        return self.time_date


_MANY_NEWLINES = re.compile(r"\n{3,}")
_LINE_EDGES = re.compile(r"[ \t]*\n[ \t]*")


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Visible text of an HTML page, with its title and publication date.

    Scripts, styles, ``noscript``, ``template``, SVG and the ``head`` (except
    ``<title>``) are dropped; block elements become line breaks (paragraph-like
    ones a blank line); entities are unescaped.

    Returns:
        ``(text, title, date)``: title from ``<title>`` else the first ``<h1>``;
        date from ``<meta property="article:published_time">``, else
        ``<meta name="date">``, else the first ``<time datetime>``.
    """
    parser = _HTMLText()
    # html.parser may still raise on hostile markup; keep what was read up to there.
    with contextlib.suppress(Exception):
        parser.feed(html)
        parser.close()
    text = "".join(parser.parts)
    text = _LINE_EDGES.sub("\n", text)
    text = _MANY_NEWLINES.sub("\n\n", text).strip()
    title = "".join(parser.title or ()).strip() or "".join(parser.h1 or ()).strip() or None
    return text, title, parser.date


# --------------------------------------------------------------------------- Markdown

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_LINK_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+.*$")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
# Every pattern is linear in the line's length: bracket and parenthesis contents
# exclude the bracket that opens them (a run of ``[`` is one failed step each), and
# emphasis spans are at most _SPAN characters (a run of unclosed ``*``/``_``/``**``
# costs at most _SPAN steps each, instead of a scan to the end of the line).
_SPAN = 300
_LABEL = r"[^\[\]\n]{0,1000}"
_TARGET = r"(?:[^()\n]|\([^()\n]{0,1000}\)){0,2000}"  # one level of (...) as in wiki URLs
_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"!\[{_LABEL}\](?:\({_TARGET}\)|\[{_LABEL}\])"), ""),
    (re.compile(rf"\[({_LABEL})\]\({_TARGET}\)"), r"\1"),
    (re.compile(r"\[([^\[\]\n]{1,1000})\]\[" + _LABEL + r"\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^<>\s]+)>"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(rf"(\*\*|__)(?=\S)(.{{1,{_SPAN}}}?)(?<=\S)\1"), r"\2"),
    (re.compile(rf"~~(?=\S)(.{{1,{_SPAN}}}?)(?<=\S)~~"), r"\1"),
    (re.compile(rf"(?<![\w*])\*(?=[^\s*])(.{{1,{_SPAN}}}?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(rf"(?<![\w_])_(?=[^\s_])(.{{1,{_SPAN}}}?)(?<=[^\s_])_(?![\w_])"), r"\1"),
)


def markdown_to_text(md: str) -> tuple[str, str | None, str | None]:
    """Markdown lightly stripped to text, with title and date.

    YAML front matter (``---`` ... ``---`` at the top) is dropped and its
    ``title:``/``date:`` kept; heading marks, emphasis, link targets and images
    are removed; fenced code is kept as plain text.

    Returns:
        ``(text, title, date)``: title from the front matter, else the first heading.
    """
    meta, md = _front_matter(md)
    blocks: list[tuple[bool, list[str]]] = []  # (is_code, lines), consecutive runs
    fence: str | None = None
    heading: str | None = None
    previous = ""
    for line in md.split("\n"):
        m = _FENCE.match(line)
        if m is not None and (fence is None or m.group(1)[0] == fence[0]):
            fence = None if fence is not None else m.group(1)
            continue
        if fence is not None:
            _add_line(blocks, line, code=True)
            continue
        text, heading_text = _markdown_line(line, previous)
        previous = line if text is not None else ""
        if heading is None and heading_text:
            heading = _inline(heading_text).strip() or None
        if text is not None:
            _add_line(blocks, text, code=False)
    body = "\n".join(
        "\n".join(lines) if code else _inline("\n".join(lines)) for code, lines in blocks
    )
    return body.strip(), meta.get("title") or heading, meta.get("date")


def _add_line(blocks: list[tuple[bool, list[str]]], line: str, *, code: bool) -> None:
    if blocks and blocks[-1][0] == code:
        blocks[-1][1].append(line)
    else:
        blocks.append((code, [line]))


def _markdown_line(line: str, previous: str) -> tuple[str | None, str | None]:
    """One non-code line without block markup (None: drop it), and heading text if any."""
    if _LINK_DEF.match(line):
        return None, None
    if _SETEXT.match(line):  # underline of the previous line, or a rule
        return None, previous.strip() or None
    atx = _ATX.match(line)
    if atx is not None:
        return atx.group(1) or "", atx.group(1)
    return _QUOTE.sub("", line), None


def _inline(text: str) -> str:
    """Inline markup removed (patterns never cross a line break)."""
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text


_BLOCK = ("", "|", ">", "|-", ">-", "|+", ">+")  # empty, or a YAML block scalar we do not parse
# the value is stripped in Python: ``(.*?)[ \t]*$`` rescans a run of spaces at every
# step of the lazy group (a front-matter line of 80,000 spaces took 40 s)
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(.*)$")


def _front_matter(md: str) -> tuple[dict[str, str], str]:
    """Split YAML front matter off ``md``: (``{"title": ..., "date": ...}``, body)."""
    if not md.startswith("---\n"):
        return {}, md
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", md[4:], re.M)
    if end is None:
        return {}, md
    meta: dict[str, str] = {}
    for line in md[4 : 4 + end.start()].split("\n"):
        m = _FRONT_KEY.match(line)
        value = _unquote(m.group(2).strip(" \t")) if m is not None else ""
        if m is not None and m.group(1).lower() in ("title", "date") and value not in _BLOCK:
            meta.setdefault(m.group(1).lower(), value)
    return meta, md[4 + end.end() :].lstrip("\n")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
