"""Tests for actorgraph.graph.read: discovery, decoding, cleaning; and split_for_nlp (build)."""

from __future__ import annotations

import builtins
import dataclasses
import hashlib
import os
import pathlib
import pickle
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actorgraph.extractors.records import Article
from actorgraph.graph.build.nlp import split_for_nlp
from actorgraph.graph.errors import InputError
from actorgraph.graph.read import (
    SUPPORTED_SUFFIXES,
    ArticleSkipped,
    Skipped,
    discover,
    iter_articles,
    read_article,
)
from actorgraph.graph.read import articles as articles_module

C0_EXCEPT_NL_TAB = {chr(c) for c in range(0x20)} - {"\n", "\t"}


def write(path: pathlib.Path, data: bytes | str) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def skipped_of(path: pathlib.Path, **kwargs: int) -> Skipped:
    with pytest.raises(ArticleSkipped) as info:
        read_article(path, **kwargs)
    skipped = info.value.skipped
    assert skipped.path == str(path)
    assert "\n" not in skipped.reason
    assert isinstance(info.value, InputError)
    return skipped


class Recorder:
    def __init__(self) -> None:
        self.items: list[Skipped] = []

    def __call__(self, skipped: Skipped) -> None:
        self.items.append(skipped)

    def kinds(self) -> list[str]:
        return [s.kind for s in self.items]


# --------------------------------------------------------------------------- empty / binary


def test_empty_file_is_skipped(tmp_path: pathlib.Path) -> None:
    s = skipped_of(write(tmp_path / "a.txt", b""))
    assert s.kind == "empty"
    assert "empty" in s.reason


def test_whitespace_only_file_is_skipped(tmp_path: pathlib.Path) -> None:
    s = skipped_of(write(tmp_path / "a.txt", b" \r\n\t \n\x0c  "))
    assert s.kind == "empty"
    assert "whitespace" in s.reason


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xff\xfe", b"\xef\xbb\xbf \r\n"])
def test_bom_only_file_is_empty(tmp_path: pathlib.Path, data: bytes) -> None:
    assert skipped_of(write(tmp_path / "a.txt", data)).kind == "empty"


@pytest.mark.parametrize(
    ("data", "word"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", "ZIP"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", ".docx"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (b"\x7fELF\x02\x01\x01\x00", "ELF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", ".doc"),
        (b"SQLite format 3\x00\x10\x00", "SQLite"),
    ],
)
def test_binary_formats_are_named(tmp_path: pathlib.Path, data: bytes, word: str) -> None:
    s = skipped_of(write(tmp_path / "article.txt", data + b"some more bytes here"))
    assert s.kind == "binary"
    assert word in s.reason
    assert "not text" in s.reason
    assert "convert it to .txt" in s.reason


def test_generic_binary_with_many_control_bytes(tmp_path: pathlib.Path) -> None:
    data = bytes(range(256)) * 20
    s = skipped_of(write(tmp_path / "blob.txt", data))
    assert s.kind == "binary"
    assert "control bytes" in s.reason


def test_only_nul_bytes_is_binary(tmp_path: pathlib.Path) -> None:
    assert skipped_of(write(tmp_path / "z.txt", b"\x00" * 100)).kind == "binary"


def test_nul_bytes_in_clear_text_are_removed(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path / "a.txt", b"Hello\x00 world.\x00\x00 The army moved.\n" + b"\x00" * 50)
    article = read_article(path)
    assert article.text == "Hello world. The army moved.\n"


def test_nul_bytes_with_control_noise_is_binary(tmp_path: pathlib.Path) -> None:
    data = b"ab\x00\x01\x02\x03cd\x04\x05\x06\x07\x00ef\x10\x11\x12" * 10
    assert skipped_of(write(tmp_path / "a.txt", data)).kind == "binary"


def test_rtf_is_unsupported(tmp_path: pathlib.Path) -> None:
    s = skipped_of(write(tmp_path / "a.txt", rb"{\rtf1\ansi Hello}"))
    assert s.kind == "unsupported"
    assert "RTF" in s.reason


# --------------------------------------------------------------------------- encodings


def test_utf8_bom_is_removed(tmp_path: pathlib.Path) -> None:
    path = write(
        tmp_path / "a.txt",
        b"\xef\xbb\xbfZa\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87 g\xc4\x99\xc5\x9bl\xc4\x85",
    )
    assert read_article(path).text == "Zażółć gęślą"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path: pathlib.Path, codec: str) -> None:
    text = "Der Bürgermeister sagte: „Nein.“ — مرحبا"
    data = text.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        data = "\ufeff".encode(codec) + data
    assert read_article(write(tmp_path / "a.txt", data)).text == text


def test_utf16_without_bom_latin_text(tmp_path: pathlib.Path) -> None:
    text = "The minister resigned on Tuesday."
    assert read_article(write(tmp_path / "a.txt", text.encode("utf-16-le"))).text == text
    assert read_article(write(tmp_path / "b.txt", text.encode("utf-16-be"))).text == text


def test_utf8_without_bom(tmp_path: pathlib.Path) -> None:
    text = "Café au lait in Zürich, 東京, مقال"
    assert read_article(write(tmp_path / "a.txt", text)).text == text


def test_cp1252_curly_quotes(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path / "a.txt", b"He said \x93no\x94 \x96 it\x92s over. Caf\xe9.")
    assert read_article(path).text == "He said “no” – it’s over. Café."


def test_mixed_utf8_with_stray_cp1252_bytes(tmp_path: pathlib.Path) -> None:
    # Rule: valid UTF-8 sequences stay UTF-8, every invalid byte is read as cp1252.
    data = "Café in Zürich: ".encode() + b"\x93quoted\x94" + " and naïve".encode()
    assert read_article(write(tmp_path / "a.txt", data)).text == (
        "Café in Zürich: “quoted” and naïve"
    )


def test_cp1252_undefined_byte_becomes_replacement_char(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path / "a.txt", b"abc \x81 def")
    assert read_article(path).text == "abc \ufffd def"


def test_html_meta_charset_is_honoured_for_legacy_encodings(tmp_path: pathlib.Path) -> None:
    html = '<html><head><meta charset="windows-1251"></head><body><p>Привет мир</p></body>'
    path = write(tmp_path / "a.html", html.encode("cp1251"))
    assert read_article(path).text == "Привет мир"


def test_bad_utf16_after_bom_is_decode_error(tmp_path: pathlib.Path) -> None:
    # lone low surrogates (0xDC00) throughout: not UTF-16 at all
    data = b"\xff\xfe" + b"\x00\xdc" * 50
    s = skipped_of(write(tmp_path / "a.txt", data))
    assert s.kind == "decode"
    assert "UTF-16" in s.reason


# --------------------------------------------------------------------------- normalisation


def test_newlines_normalised(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path / "a.txt", b"one\r\ntwo\rthree\nfour")
    assert read_article(path).text == "one\ntwo\nthree\nfour"


def test_nfc_normalisation(tmp_path: pathlib.Path) -> None:
    decomposed = "Cafe\u0301 Mu\u0308ller"
    article = read_article(write(tmp_path / "a.txt", decomposed))
    assert article.text == "Café Müller"
    assert unicodedata.is_normalized("NFC", article.text)


def test_control_chars_stripped_but_tab_and_quotes_kept(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path / "a.txt", "a\tb\x1bc\x07 “quoted” ‘single’\x7f end")
    assert read_article(path).text == "a\tbc “quoted” ‘single’ end"


def test_form_feed_becomes_newline(tmp_path: pathlib.Path) -> None:
    assert read_article(write(tmp_path / "a.txt", "page one\x0cpage two")).text == (
        "page one\npage two"
    )


def test_article_fields_and_sha(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path / "x" / "report.txt", b"\xef\xbb\xbfLine one.\r\n")
    article = read_article(path)
    assert article.name == "report.txt"
    assert article.path == str(path)
    assert article.text == "Line one.\n"
    assert article.sha256 == hashlib.sha256(b"Line one.\n").hexdigest()
    assert article.title is None
    assert article.date is None
    assert article.also_named == ()


# --------------------------------------------------------------------------- HTML

HTML_PAGE = """<!DOCTYPE html>
<html><head>
<title>Rebels &amp; Ministers</title>
<meta property="article:published_time" content="2024-05-01T10:00:00Z">
<meta name="date" content="1999-01-01">
<style>body { color: red; }</style>
<script>var hidden = "do not show";</script>
</head>
<body>
<noscript>Enable JavaScript</noscript>
<template><p>template text</p></template>
<h1>Main <em>headline</em></h1>
<p>The army&nbsp;entered the   city.<br>Residents fled.</p>
<div>Second &lt;block&gt; &#8220;quoted&#8221;</div>
<ul><li>first item</li><li>second item</li></ul>
<time datetime="2020-02-02">Feb 2</time>
</body></html>
"""


def test_html_visible_text(tmp_path: pathlib.Path) -> None:
    article = read_article(write(tmp_path / "page.html", HTML_PAGE))
    text = article.text
    for hidden in ("color: red", "do not show", "Enable JavaScript", "template text"):
        assert hidden not in text
    assert "Rebels" not in text  # the <title> is metadata, not body text
    assert "Main headline" in text
    assert "The army entered the city.\nResidents fled." in text
    assert "Second <block> “quoted”" in text
    assert "first item\nsecond item" in text
    assert "\n\n\n" not in text
    assert article.title == "Rebels & Ministers"
    assert article.date == "2024-05-01T10:00:00Z"


def test_html_title_falls_back_to_h1_and_date_to_meta_name(tmp_path: pathlib.Path) -> None:
    html = '<meta name="date" content="2023-03-03"><h1>Only <b>heading</b></h1><p>Body.</p>'
    article = read_article(write(tmp_path / "a.HTM", html))
    assert article.title == "Only heading"
    assert article.date == "2023-03-03"
    assert article.text == "Only heading\n\nBody."


def test_html_date_from_time_element(tmp_path: pathlib.Path) -> None:
    html = '<p>Text <time datetime="2022-12-24">Christmas eve</time>.</p>'
    assert read_article(write(tmp_path / "a.htm", html)).date == "2022-12-24"


def test_html_without_visible_text_is_empty(tmp_path: pathlib.Path) -> None:
    html = "<html><head><title>t</title><script>x()</script></head><body> </body></html>"
    s = skipped_of(write(tmp_path / "a.html", html))
    assert s.kind == "empty"
    assert "visible text" in s.reason


def test_html_head_without_closing_tag(tmp_path: pathlib.Path) -> None:
    html = "<html><head><title>T</title><p>Body text here.</p></html>"
    assert read_article(write(tmp_path / "a.html", html)).text == "Body text here."


# --------------------------------------------------------------------------- Markdown

MARKDOWN = """---
title: "Front title"
date: 2024-02-03
tags: [a, b]
---
# Heading one

Some **bold**, *em* and _under_ text with a [link](https://example.org) and
an image ![alt text](pic.png) here. Keep snake_case_words and 2*3*4.

> quoted line

```python
code = "*kept*"
```
"""


def test_markdown_front_matter_and_markup(tmp_path: pathlib.Path) -> None:
    article = read_article(write(tmp_path / "a.md", MARKDOWN))
    text = article.text
    assert article.title == "Front title"
    assert article.date == "2024-02-03"
    assert "tags" not in text and "---" not in text
    assert text.startswith("Heading one\n")
    assert "Some bold, em and under text with a link and" in text
    assert "alt text" not in text and "pic.png" not in text and "https://" not in text
    assert "snake_case_words and 2*3*4" in text
    assert "quoted line" in text and ">" not in text
    assert 'code = "*kept*"' in text and "```" not in text


def test_markdown_title_from_first_heading(tmp_path: pathlib.Path) -> None:
    article = read_article(write(tmp_path / "a.markdown", "Intro.\n\n## The *Title*\n\nBody."))
    assert article.title == "The Title"
    assert article.date is None


def test_markdown_unclosed_front_matter_is_text(tmp_path: pathlib.Path) -> None:
    article = read_article(write(tmp_path / "a.md", "---\ntitle: x\nBody text."))
    assert "title: x" in article.text


# --------------------------------------------------------------------------- size / access


def test_too_large_file_is_skipped_with_size_and_option(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 2000)
    s = skipped_of(path, max_bytes=1000)
    assert s.kind == "too-large"
    assert "2,000" in s.reason and "1,000" in s.reason and "--max-bytes" in s.reason


def test_large_file_under_limit_is_read(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path / "big.txt", "word " * 400_000)
    assert len(read_article(path).text) == 2_000_000


def test_directory_named_like_a_file_is_unreadable(tmp_path: pathlib.Path) -> None:
    folder = tmp_path / "x.txt"
    folder.mkdir()
    s = skipped_of(folder)
    assert s.kind == "unreadable"
    assert "directory" in s.reason.lower()


def test_permission_error_is_unreadable(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "secret.txt", "text")
    real_open = builtins.open

    def fake_open(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", fake_open)
    s = skipped_of(path)
    assert s.kind == "unreadable"
    assert "Permission denied" in s.reason


def test_fifo_is_not_opened(tmp_path: pathlib.Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert skipped_of(fifo).kind == "unsupported"  # would block forever if opened
    rec = Recorder()
    assert discover([tmp_path], on_skip=rec) == []
    assert rec.kinds() == ["unsupported"]


def test_skipped_exception_pickles(tmp_path: pathlib.Path) -> None:
    exc = ArticleSkipped(Skipped("a.txt", "is empty", "empty"))
    again = pickle.loads(pickle.dumps(exc))
    assert again.skipped == exc.skipped
    assert str(again) == str(exc) == "skipped 'a.txt': is empty"


def test_unicode_and_spaced_file_names(tmp_path: pathlib.Path) -> None:
    for name in ("café article.txt", "مقال.txt", "新闻 报道.md"):
        write(tmp_path / name, f"Text of {name}.")
    rec = Recorder()
    articles = list(iter_articles([tmp_path], on_skip=rec))
    assert sorted(a.name for a in articles) == sorted(
        ["café article.txt", "مقال.txt", "新闻 报道.md"]
    )
    assert rec.items == []
    for article in articles:
        assert article.text == f"Text of {article.name}."
        assert pathlib.Path(article.path).read_bytes()


# --------------------------------------------------------------------------- discover


def test_discover_missing_input_raises(tmp_path: pathlib.Path) -> None:
    with pytest.raises(InputError, match=r"input '.*nope' does not exist"):
        discover([tmp_path / "nope"], on_skip=Recorder())


def test_discover_broken_link_input_raises(tmp_path: pathlib.Path) -> None:
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(InputError, match="does not exist"):
        discover([tmp_path / "link.txt"], on_skip=Recorder())


def test_discover_walks_sorted_filtered_and_skips_hidden(tmp_path: pathlib.Path) -> None:
    for rel in ["b.txt", "a.MD", "sub/c.html", "sub/d.Htm", "e.pdf", "f.json", "z.text"]:
        write(tmp_path / rel, "x")
    for rel in [".hidden.txt", ".git/g.txt", "sub/.cache/h.md"]:
        write(tmp_path / rel, "x")
    rec = Recorder()
    found = discover([tmp_path], on_skip=rec)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.MD",
        "b.txt",
        "sub/c.html",
        "sub/d.Htm",
        "z.text",
    ]
    assert rec.items == []


def test_discover_takes_named_files_whatever_their_suffix(tmp_path: pathlib.Path) -> None:
    a = write(tmp_path / "notes.json", "{}")
    b = write(tmp_path / ".hidden", "x")
    assert discover([a, str(b), a], on_skip=Recorder()) == [a, b]


def test_discover_empty_folder_is_fine(tmp_path: pathlib.Path) -> None:
    write(tmp_path / "image.png", b"\x89PNG")
    assert discover([tmp_path], on_skip=Recorder()) == []


def test_all_supported_suffixes_are_found(tmp_path: pathlib.Path) -> None:
    for i, suffix in enumerate(SUPPORTED_SUFFIXES):
        write(tmp_path / f"f{i}{suffix.upper()}", "x")
    assert len(discover([tmp_path], on_skip=Recorder())) == len(SUPPORTED_SUFFIXES)


def test_symlink_loop_reported_once(tmp_path: pathlib.Path) -> None:
    write(tmp_path / "root" / "a.txt", "alpha")
    write(tmp_path / "root" / "sub" / "b.txt", "beta")
    (tmp_path / "root" / "sub" / "back").symlink_to(tmp_path / "root")
    (tmp_path / "root" / "self").symlink_to(tmp_path / "root" / "self")
    rec = Recorder()
    found = discover([tmp_path / "root"], on_skip=rec)
    assert [p.name for p in found] == ["a.txt", "b.txt"]
    assert sorted(rec.kinds()) == ["loop", "loop"]
    assert {pathlib.Path(s.path).name for s in rec.items} == {"back", "self"}


def test_symlinked_folder_twice_is_read_once(tmp_path: pathlib.Path) -> None:
    write(tmp_path / "data" / "a.txt", "alpha")
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "l1").symlink_to(tmp_path / "data")
    (tmp_path / "root" / "l2").symlink_to(tmp_path / "data")
    rec = Recorder()
    found = discover([tmp_path / "root"], on_skip=rec, follow_links=True)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["root/l1/a.txt"]
    assert rec.kinds() == ["duplicate"]


def test_symlinked_folder_inside_the_tree_twice_is_read_once(tmp_path: pathlib.Path) -> None:
    write(tmp_path / "root" / "data" / "a.txt", "alpha")
    (tmp_path / "root" / "l1").symlink_to(tmp_path / "root" / "data")
    rec = Recorder()
    found = discover([tmp_path / "root"], on_skip=rec)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["root/data/a.txt"]
    assert rec.kinds() == ["duplicate"]


def test_broken_link_in_folder_is_reported(tmp_path: pathlib.Path) -> None:
    write(tmp_path / "ok.txt", "fine")
    (tmp_path / "dead.txt").symlink_to(tmp_path / "missing.txt")
    rec = Recorder()
    found = discover([tmp_path], on_skip=rec)
    assert [p.name for p in found] == ["ok.txt"]
    assert rec.kinds() == ["unreadable"]
    assert "broken link" in rec.items[0].reason


def test_unlistable_folder_is_reported(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.txt", "alpha")
    write(tmp_path / "locked" / "b.txt", "beta")
    real_scandir = os.scandir

    def fake_scandir(path: str | os.PathLike[str]) -> object:
        if os.fspath(path) == str(tmp_path / "locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    rec = Recorder()
    assert [p.name for p in discover([tmp_path], on_skip=rec)] == ["a.txt"]
    assert rec.kinds() == ["unreadable"]
    assert rec.items[0].path == str(tmp_path / "locked")
    assert "Permission denied" in rec.items[0].reason


# --------------------------------------------------------------------------- iter_articles


def test_iter_articles_dedupes_same_text(tmp_path: pathlib.Path) -> None:
    write(tmp_path / "a.txt", "Same story.\n")
    write(tmp_path / "b.txt", b"\xef\xbb\xbfSame story.\r\n")  # same text, other bytes
    write(tmp_path / "c.txt", "Same story.\n")
    write(tmp_path / "d.txt", "Other story.")
    write(tmp_path / "e.txt", "")
    rec = Recorder()
    articles = list(iter_articles([tmp_path], on_skip=rec))
    assert [a.name for a in articles] == ["a.txt", "d.txt"]
    assert articles[0].also_named == ("b.txt", "c.txt")
    assert articles[1].also_named == ()
    assert rec.kinds() == ["duplicate", "duplicate", "empty"]
    assert rec.items[0].reason == "same text as a.txt; kept as a second source"


def test_iter_articles_reads_a_file_once_when_its_text_is_not_needed(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.md", "---\ntitle: A title\ndate: 2024-05-01\n---\nStory A.\n")
    write(tmp_path / "b.txt", "Story B.\n")
    write(tmp_path / "c.txt", "Story B.\n")
    full = {a.name: a for a in iter_articles([tmp_path], on_skip=Recorder())}
    reads: list[str] = []
    real = read_article

    def counted(path: pathlib.Path, **kw: Any) -> Article:
        reads.append(pathlib.Path(path).name)
        return real(path, **kw)

    monkeypatch.setattr(articles_module, "read_article", counted)
    asked: list[Article] = []

    def need_text(article: Article) -> bool:
        asked.append(article)
        return article.name == "b.txt"

    got = list(iter_articles([tmp_path], on_skip=Recorder(), need_text=need_text))
    assert sorted(reads) == ["a.md", "b.txt", "b.txt", "c.txt"]  # a.md once, b.txt twice
    # what is asked about, and yielded when the text is not needed, is the article
    # without its text: name, path, hash, title, date and other names as read in full
    assert asked == [dataclasses.replace(full[a.name], text="") for a in asked]
    assert got[0] == dataclasses.replace(full["a.md"], text="")
    assert got[0].title == "A title" and got[0].date == "2024-05-01"
    assert got[1] == full["b.txt"] and got[1].also_named == ("c.txt",)


def test_iter_articles_is_lazy_and_reports_in_order(tmp_path: pathlib.Path) -> None:
    write(tmp_path / "1.txt", "one")
    write(tmp_path / "2.txt", b"%PDF-1.4")
    write(tmp_path / "3.txt", "three")
    events: list[str] = []
    gen = iter_articles([tmp_path], on_skip=lambda s: events.append(f"skip {s.kind}"))
    assert events == []
    for article in gen:
        events.append(article.name)
    assert events == ["1.txt", "skip binary", "3.txt"]


def test_iter_articles_missing_input_raises(tmp_path: pathlib.Path) -> None:
    with pytest.raises(InputError):
        list(iter_articles([tmp_path / "missing"], on_skip=Recorder()))


def test_ten_thousand_small_files(tmp_path: pathlib.Path) -> None:
    root = tmp_path / "many"
    for d in range(10):
        sub = root / f"d{d}"
        sub.mkdir(parents=True)
        for i in range(1000):
            (sub / f"{i:04d}.txt").write_text(f"Article {d}-{i}: the council met.\n")
    rec = Recorder()
    assert len(discover([root], on_skip=rec)) == 10_000
    articles = iter_articles([root], on_skip=rec)
    count = sum(1 for _ in articles)
    assert count == 10_000
    assert rec.items == []


# --------------------------------------------------------------------------- property tests


def splice(text: str, codec: str, noise: bytes, at: int) -> bytes:
    data = text.encode(codec, "replace")
    return data[:at] + noise + data[at:]


# Raw bytes, plus text in the encodings the reader sniffs with random bytes spliced in.
RANDOM_FILES = st.one_of(
    st.binary(max_size=2000),
    st.builds(
        splice,
        st.text(max_size=300),
        st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252"]),
        st.binary(max_size=20),
        st.integers(min_value=0, max_value=600),
    ),
)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=RANDOM_FILES)
def test_random_bytes_never_crash(tmp_path: pathlib.Path, data: bytes) -> None:
    path = tmp_path / "random.txt"
    path.write_bytes(data)
    try:
        article = read_article(path)
    except ArticleSkipped as exc:
        assert exc.skipped.kind in {"empty", "binary", "decode", "unsupported"}
        return
    assert isinstance(article.text, str)
    assert not set(article.text) & C0_EXCEPT_NL_TAB
    assert article.text.strip()
    assert article.sha256 == hashlib.sha256(article.text.encode("utf-8")).hexdigest()


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab .!?\n\t\u0301é"), max_size=400),
    max_chars=st.integers(min_value=1, max_value=60),
)
def test_split_for_nlp_round_trips(text: str, max_chars: int) -> None:
    chunks = split_for_nlp(text, max_chars)
    assert "".join(chunk for _, chunk in chunks) == text
    for offset, chunk in chunks:
        assert text[offset : offset + len(chunk)] == chunk
        assert len(chunk) <= max_chars
        assert chunk or text == ""


# --------------------------------------------------------------------------- split_for_nlp


def test_split_short_text_is_one_chunk() -> None:
    assert split_for_nlp("Short.", 100) == [(0, "Short.")]
    assert split_for_nlp("", 10) == [(0, "")]


def test_split_prefers_paragraphs() -> None:
    text = "First sentence. Second one.\n\nThird paragraph here."
    chunks = split_for_nlp(text, 35)
    assert chunks[0] == (0, "First sentence. Second one.\n\n")
    assert chunks[1] == (29, "Third paragraph here.")


def test_split_falls_back_to_sentences_then_whitespace_then_hard_cut() -> None:
    assert split_for_nlp("One two three. Four five six.", 20)[0] == (0, "One two three. ")
    assert split_for_nlp("one two three four five", 12)[0] == (0, "one two ")
    assert split_for_nlp("abcdefghij", 4) == [(0, "abcd"), (4, "efgh"), (8, "ij")]


def test_split_does_not_cut_before_combining_mark() -> None:
    text = "abce\u0301fgh"
    chunks = split_for_nlp(text, 4)
    assert chunks[0] == (0, "abc")
    assert "".join(c for _, c in chunks) == text


def test_split_rejects_bad_max_chars() -> None:
    with pytest.raises(ValueError, match="max_chars"):
        split_for_nlp("text", 0)
