"""No user text as HTML in the app: raw HTML (`unsafe_allow_html=True`, `st.html`,
`components.html`) is only ever given a literal constant, checked on the pages' syntax,
or the result of a builder listed in `VETTED` whose escaping is tested here."""

from __future__ import annotations

import ast
import base64
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _app_files() -> list[Path]:
    """The code that draws the app: the entrypoint and the pages."""
    return [ROOT / "dashboard.py", *sorted((ROOT / "views").rglob("*.py"))]


def _is_constant_text(node: ast.expr | None) -> bool:
    """A string literal, or literals joined with `+` (no f-string: it interpolates)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_constant_text(node.left) and _is_constant_text(node.right)
    return False


# Builders whose output may go to raw HTML: each escapes every text it is given, as
# `test_vetted_builders_escape_what_they_are_given` checks.
VETTED = {"uploader_style", "chart_image_tag", "language_script"}


def _is_vetted(node: ast.expr | None) -> bool:
    """A call to a builder of `VETTED` (`uploader_style(…)` or `widgets.uploader_style(…)`)."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")) in VETTED


def _body(call: ast.Call, *names: str) -> ast.expr | None:
    """The call's first positional argument, or the first of these keywords given."""
    if call.args:
        return call.args[0]
    return next((kw.value for kw in call.keywords if kw.arg in names), None)


def raw_html_calls(source: str) -> list[tuple[int, str]]:
    """(line, what) of every call that renders raw HTML from text that is not a literal.

    Caught: `st.html(x)`, `components.html(x)` (any `….html(...)` call), and any call
    with `unsafe_allow_html=` other than a literal False whose body is not a literal.
    """
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        body = _body(node, "body", "html")
        if name == "html" and not (_is_constant_text(body) or _is_vetted(body)):
            found.append((node.lineno, "html"))
        for keyword in node.keywords:
            if keyword.arg != "unsafe_allow_html":
                continue
            off = isinstance(keyword.value, ast.Constant) and keyword.value.value is False
            if not off and not _is_constant_text(_body(node, "body")):
                found.append((node.lineno, "unsafe_allow_html"))
    return found


@pytest.mark.parametrize("path", _app_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_raw_html_is_only_ever_a_literal_constant(path: Path) -> None:
    found = raw_html_calls(path.read_text(encoding="utf-8"))

    assert found == [], f"{path.relative_to(ROOT)}: raw HTML from variable text at {found}"


def test_the_pages_are_scanned() -> None:
    names = {p.name for p in _app_files()}

    assert {"dashboard.py", "common.py", "overview.py", "upload.py"} <= names


@pytest.mark.parametrize(
    "source",
    [
        "st.markdown(f'<b>{title}</b>', unsafe_allow_html=True)",
        "st.markdown(body=title, unsafe_allow_html=True)",
        "st.write('<b>' + title, unsafe_allow_html=flag)",
        "st.caption(title, unsafe_allow_html=True)",
        "st.html(title)",
        "st.html(body='<p>' + name + '</p>')",
        "components.html(page)",
        "st.components.v1.html(f'<div>{x}</div>', height=40)",
    ],
)
def test_the_scan_catches_variable_text_given_as_html(source: str) -> None:
    assert len(raw_html_calls(source)) == 1


@pytest.mark.parametrize(
    "source",
    [
        "st.markdown('<hr>', unsafe_allow_html=True)",
        "st.markdown('<div>' '</div>', unsafe_allow_html=True)",
        "st.html('<style>p {margin: 0}</style>')",
        "st.markdown(title)",
        "st.markdown(title, unsafe_allow_html=False)",
        "html.escape(title)",
    ],
)
def test_the_scan_accepts_literals_and_escaped_or_plain_text(source: str) -> None:
    assert raw_html_calls(source) == []


@pytest.mark.parametrize(
    "text",
    ["</style><script>alert(1)</script>", '";} body{display:none} x{content:"', "a\\"],
)
def test_vetted_builders_escape_what_they_are_given(text: str) -> None:
    from views.widgets import uploader_style

    def skeleton(sheet: str) -> str:  # the style sheet with every CSS string emptied
        return re.sub(r'"(?:[^"\\]|\\.)*"', '""', sheet)

    sheet = uploader_style(text, text)
    inner = sheet.removeprefix("<style>").removesuffix("</style>")
    assert "<" not in inner  # nothing can end the style element or open another
    # Each text stays inside its CSS string: around them, the sheet is the usual one.
    assert skeleton(sheet) == skeleton(uploader_style("Choisir", "50 Mo"))


@pytest.mark.parametrize(
    "text", ['"><script>alert(1)</script>', "' onerror='alert(1)", "a & <b> « c »"]
)
def test_a_chart_image_tag_keeps_its_texts_as_attribute_values(text: str) -> None:
    from html.parser import HTMLParser

    from views.common import chart_image_tag

    found: list[tuple[str, dict[str, str | None]]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, dict(attrs)))

    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><text>"><script></text></svg>'
    Tags().feed(chart_image_tag(svg, text, text))
    assert [tag for tag, _ in found] == ["img"]  # one element, whatever the texts hold
    attrs = found[0][1]
    assert attrs["alt"] == text and attrs["title"] == text
    assert set(attrs) == {"class", "src", "alt", "title", "style"}
    assert attrs["src"] == "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_language_script_sets_only_a_language_of_the_app(lang: str) -> None:
    from views.widgets import language_script

    script = language_script(lang)
    assert script.startswith("<script>") and script.endswith("</script>")
    assert f'const lang = "{lang}", names = ' in script
    assert "document.documentElement.lang = lang;" in script


def test_the_language_script_keeps_every_text_inside_its_literal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json

    from views import widgets

    hostile = '</script><img src=x onerror="alert(1)">'
    names = {hostile: hostile}
    forms = [(hostile, "", hostile + "{label}")]
    monkeypatch.setattr(widgets, "streamlit_names", lambda lang: (names, forms))
    script = widgets.language_script("fr")
    inner = script.removeprefix("<script>").removesuffix("</script>")
    assert "<" not in inner  # nothing can end the script element or open another
    line = inner.splitlines()[1]  # const lang = …, names = {…}, forms = […], attrs = […];
    literals = re.fullmatch(r"const lang = (.*), names = (.*), forms = (.*), attrs = (.*);", line)
    assert literals is not None
    assert json.loads(literals[2]) == names and json.loads(literals[3]) == [list(forms[0])]


@pytest.mark.parametrize("text", ['fr";alert(1);"', "</script><script>alert(1)", "de"])
def test_the_language_script_refuses_any_other_text(text: str) -> None:
    from views.widgets import language_script

    with pytest.raises(ValueError, match="not a language of the app"):
        language_script(text)
