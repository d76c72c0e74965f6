"""SPARQL query text read without a parser: its form, its keywords, bindings as ``VALUES``.

Oxigraph and remote endpoints have no ``initBindings``: bindings become a
``VALUES`` block at the top of the WHERE clause, each term written by a strict
serialiser (:func:`sparql_term`), never raw user text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from actorgraph.graph.core.rdf import PREFIXES
from actorgraph.graph.core.serialize import nt_iri, nt_string
from actorgraph.graph.errors import QueryError

__all__ = ["VALUES_MARK", "query_form", "refuse_network", "sparql_term", "with_values"]

# --------------------------------------------------------------------------- bindings as VALUES

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def sparql_term(term: Identifier) -> str:
    """A term in SPARQL syntax, refusing anything that could escape its token.

    Raises:
        QueryError: an IRI with characters IRIs may not hold, a literal holding a
            ``\\u`` escape (SPARQL processes those before parsing), or a blank node.
    """
    if isinstance(term, URIRef):
        if _IRI_FORBIDDEN.search(str(term)):
            raise QueryError(f"cannot bind {str(term)!r}: not a valid IRI")
        return nt_iri(str(term))
    if isinstance(term, Literal):
        if re.search(r"\\[uU]", str(term)):
            raise QueryError(f"cannot bind {str(term)!r}: '\\u' escapes are not allowed in values")
        text = nt_string(str(term))
        if term.language:
            if not re.fullmatch(r"[A-Za-z]+(-[A-Za-z0-9]+)*", term.language):
                raise QueryError(f"cannot bind language tag {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^{sparql_term(URIRef(term.datatype))}"
        return text
    raise QueryError("cannot bind a blank node; bind an IRI or a literal")


#: a comment right after ``{`` that asks for the bindings in that group too
VALUES_MARK = "#@values"


def with_values(text: str, bindings: Mapping[str, Identifier] | None) -> str:
    """The query with a ``VALUES`` block for ``bindings`` opening its WHERE clause.

    Bound variables are then visible in the WHERE group's triple patterns and
    top-level FILTERs, not inside nested groups or sub-queries. A group opened
    by ``{ #@values`` gets the same block, so a query can use its parameters
    there too, and engines can start evaluating that group from them.

    Raises:
        QueryError: a variable name is invalid, or the WHERE clause cannot be found.
    """
    if not bindings:
        return text
    names = sorted(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"invalid variable name {name!r} in --bind")
    where = _where_brace(text)
    if where < 0:
        raise QueryError("cannot bind variables: the query has no WHERE { ... } clause")
    cells = " ".join(sparql_term(bindings[n]) for n in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({cells}) }} "
    for pos in sorted({where, *_marked_braces(text)}, reverse=True):
        text = text[: pos + 1] + block + text[pos + 1 :]
    return text


def _marked_braces(text: str) -> list[int]:
    """Positions of the ``{`` directly followed by the ``#@values`` comment."""
    pairs = itertools.pairwise(_tokens(text, comments=True))
    return [pos for (pos, tok), (_, nxt) in pairs if tok == "{" and nxt.startswith(VALUES_MARK)]


#: an IRI reference, with the \u / \U escapes SPARQL allows in it
_IRI = re.compile(r"<(?:[^\s<>\"{}|^`\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>")


def _tokens(text: str, *, comments: bool = False) -> Iterator[tuple[int, str]]:
    """(position, token) of the words and braces outside IRIs, strings and comments."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            if comments:
                yield i, text[i:end]
            i = end
        elif c in "\"'":
            i = _skip_string(text, i)
        elif c == "<" and (iri := _IRI.match(text, i)) is not None:
            i = iri.end()
        elif c in "{}":
            yield i, c
            i += 1
        elif c.isalpha() or c == "_":
            m = re.match(r"[A-Za-z_][\w.-]*", text[i:])
            assert m is not None
            word = m.group().rstrip(".")
            follows = text[i + len(word) : i + len(word) + 1]
            if (i == 0 or text[i - 1] not in "?$:_") and follows != ":":
                yield i, word  # a keyword, not a variable or part of a prefixed name
            i += len(word)
        else:
            i += 1


def _skip_string(text: str, i: int) -> int:
    quote = text[i] * 3 if text.startswith(text[i] * 3, i) else text[i]
    j = i + len(quote)
    while j < len(text):
        if text[j] == "\\":
            j += 2
        elif text.startswith(quote, j):
            return j + len(quote)
        else:
            j += 1
    return len(text)


def _where_brace(text: str) -> int:
    """Index of the ``{`` that opens the outer WHERE group, or -1."""
    previous = ""
    first_brace = -1
    form = ""
    for pos, tok in _tokens(text):
        upper = tok.upper()
        if not form and upper in {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}:
            form = upper
        if tok == "{":
            if previous == "WHERE":
                return pos
            if first_brace < 0:
                first_brace = pos
        previous = upper
    return first_brace if form in {"SELECT", "ASK"} else -1


def query_form(text: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``: the query's first form keyword."""
    for _, tok in _tokens(text):
        if tok.upper() in {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}:
            return tok.upper()
    raise QueryError("malformed SPARQL: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def refuse_network(text: str) -> None:
    """Refuse ``SERVICE`` and ``FROM`` by their keywords (cheaper than a full parse).

    Raises:
        QueryError: the query has either keyword outside strings, IRIs and comments.
    """
    words = {tok.upper() for _, tok in _tokens(text)}
    if "SERVICE" in words:
        raise QueryError("SERVICE would query a remote endpoint; refused (use --allow-network)")
    if "FROM" in words:
        raise QueryError(
            "FROM / FROM NAMED would load remote graphs; refused (use --allow-network)"
        )


def _with_prefixes(text: str) -> str:
    """Declare the predefined prefixes a query uses but does not declare itself."""
    declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:", text)}
    lines = [f"PREFIX {p}: {nt_iri(ns)}" for p, ns in sorted(PREFIXES.items()) if p not in declared]
    return "\n".join([*lines, text])
