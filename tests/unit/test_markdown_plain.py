"""`plain`: user text escaped so that Streamlit's Markdown shows it as written.

The CommonMark and GFM part is checked by rendering with markdown-it-py (which Streamlit
installs, through rich): every construct comes out as text, equal to what was typed. What
Streamlit adds on top (directives, LaTeX, Material icons, emoji, autolinks, arrows) is
checked against the patterns its renderer uses (copied from Streamlit 1.67's frontend);
`tests/browser/test_markdown_browser.py` checks the real rendering in Chromium.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from monitoring.text.i18n import WORD_JOINER, plain

MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
BLOCKS = {"paragraph_open", "paragraph_close", "inline"}
INLINE = {"text", "softbreak", "hardbreak"}
# Streamlit's renderer, after Markdown escapes are resolved (StreamlitMarkdown.tsx and the
# remark plugins it loads): these run on the text itself, so a backslash cannot stop them.
AUTOLINK = re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.IGNORECASE)
SHORTCODE = re.compile(r":[\w+-][\w+-]*:")  # emoji, `:material_x:`, `:streamlit:`
ARROWS = re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)")


def rendered(markdown: str) -> str:
    """The text a reader sees; fails on anything but paragraphs of text and line breaks."""
    shown = []
    for token in MARKDOWN.parse(markdown):
        assert token.type in BLOCKS, f"{token.type} made from {markdown!r}"
        if token.type == "inline":
            shown.append("".join(_text(child, markdown) for child in token.children or []))
    return "\n".join(shown)


def _text(token: Token, markdown: str) -> str:
    assert token.type in INLINE, f"{token.type} made from {markdown!r}"
    return token.content if token.type == "text" else "\n"


def same_text(shown: str, typed: str) -> bool:
    """Equal but for word joiners and the whitespace HTML collapses anyway."""
    return shown.replace(WORD_JOINER, "").split() == typed.split()


def unescaped(markdown: str) -> str:
    """The text Streamlit's text-level plugins see: escapes and `&#32;` resolved."""
    return re.sub(r"\\(.)", r"\1", markdown.replace("&#32;", " ").replace("&#9;", "\t"))


@pytest.mark.parametrize(
    "typed",
    [
        "![x](https://tracker.example/p.png)",
        "[lien](https://evil.example)",
        "[lien][ref]\n\n[ref]: https://evil.example",
        "<https://evil.example> <b>gras</b> <img src=x onerror=alert(1)>",
        "**gras** __gras__ *it* _it_ ~~barré~~",
        "`code` ``code``",
        "# titre",
        "Titre\n===",
        "Titre\n---",
        "- puce\n+ puce\n* puce",
        "1. liste\n2) liste",
        "> citation",
        "    indenté\n\tindenté",
        "ligne\r\r    indentée\r\n\r\n\tindentée",
        "```\nbloc\n```",
        "***",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "a \\ b \\* c",
        "&amp; &lt; &#65;",
        "trailing  \nbreak",
    ],
)
def test_each_markdown_construct_is_shown_as_typed(typed: str) -> None:
    assert same_text(rendered(plain(typed)), typed)


@pytest.mark.parametrize(
    ("typed", "never"),
    [
        (":red[rouge] :blue-background[fond] :red-badge[b]", r"(?<!\\):[a-z-]+\\?\["),
        (":small[petit] :help[aide]", r"(?<!\\):[a-z]+\\?\["),
        ("$x^2$ $$E=mc^2$$", r"(?<!\\)\$"),
        (":material/home: :material/warning:", r":material/"),
    ],
)
def test_streamlit_directives_latex_and_icons_cannot_start(typed: str, never: str) -> None:
    escaped = plain(typed)
    assert not re.search(never, escaped), escaped
    assert same_text(rendered(escaped), typed)


def test_the_brief_example_reads_exactly_as_typed() -> None:
    typed = "![x](http://e/p.png) :red[a] $x$ **b**"
    assert plain(typed) == (
        f"\\!\\[x\\]\\(http\\:{WORD_JOINER}\\/\\/e\\/p\\.png\\) \\:red\\[a\\] \\$x\\$ \\*\\*b\\*\\*"
    )
    assert rendered(plain(typed)).replace(WORD_JOINER, "") == typed


@pytest.mark.parametrize(
    "typed",
    [
        "https://evil.example/x http://evil.example www.evil.example WWW.evil.example",
        ":smile: :+1: :material_home: :streamlit: 10:30:45",
        "a -> b <- c <-> d -- e >= f <= g ~= h",
        "-> au début\n-- et en fin <-",
    ],
)
def test_what_streamlit_substitutes_after_unescaping_is_kept_out(typed: str) -> None:
    seen = unescaped(plain(typed))
    assert seen.replace(WORD_JOINER, "") == typed
    for pattern in (AUTOLINK, SHORTCODE, ARROWS):
        assert not pattern.search(seen), (pattern.pattern, seen)


def test_plain_text_gets_no_word_joiner_and_letters_no_backslash() -> None:
    typed = "Plan national 2024-2027 : « Ensemble » (v1.2), 50 % — voir le rapport."
    assert WORD_JOINER not in plain(typed)
    assert re.sub(r"\\([^\w\s])", r"\1", plain(typed)) == typed  # only punctuation escaped
    assert plain("Écart d'adoption été 2019") == "Écart d\\'adoption été 2019"


def test_an_e_mail_address_is_escaped_but_left_whole() -> None:
    # A joiner inside an address would follow it into a copy-paste (see `plain`).
    assert plain("alice.b@coalition.example") == "alice\\.b\\@coalition\\.example"


TYPED = st.text(
    alphabet=st.sampled_from(
        list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") + list("aZ9é€ \t\n\r") + ["\u00a0", "—", "«"]
    ),
    max_size=60,
)


@given(TYPED)
def test_any_text_renders_as_typed(typed: str) -> None:
    assert same_text(rendered(plain(typed)), typed)


@given(TYPED)
def test_nothing_streamlit_substitutes_survives_in_any_text(typed: str) -> None:
    seen = unescaped(plain(typed))
    assert seen.replace(WORD_JOINER, "") == typed
    for pattern in (AUTOLINK, SHORTCODE, ARROWS):
        assert not pattern.search(seen), (pattern.pattern, typed)
