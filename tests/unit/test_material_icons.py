"""Icons are Material icons, never emoji: a server without a colour-emoji font draws an
emoji as an empty box (⛔ and 🕘 did), while Material icons ship with Streamlit's frontend.

The test reads the source (every `icon=` given to a Streamlit call, every page's icon,
every string written in the views and the presentation layer) and every text of the
catalogues, and fails on any emoji codepoint there.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from monitoring.present.pages import PAGES
from monitoring.text.i18n import CATALOG

ROOT = Path(__file__).resolve().parents[2]
MATERIAL = re.compile(r":material/[a-z0-9_]+:")

# Codepoints drawn as emoji (Unicode's emoji-data: Emoji_Presentation, and the symbols
# browsers turn into emoji), written out here rather than read from the code under test.
EMOJI_RANGES = (
    (0x1F000, 0x1FAFF),  # mahjong to symbols and pictographs extended-A (🕘 🟰 ✅ …)
    (0x2600, 0x26FF),  # miscellaneous symbols (⚠ ⛔ ☀ …)
    (0x231A, 0x231B),  # ⌚ ⌛
    (0x23E9, 0x23FA),  # ⏩ … ⏺
    (0x2B1B, 0x2B1C),  # ⬛ ⬜
    (0x2B50, 0x2B50),  # ⭐
    (0x2B55, 0x2B55),  # ⭕
    (0xFE0F, 0xFE0F),  # the variation selector asking for an emoji form
    (0x20E3, 0x20E3),  # the keycap mark (1️⃣)
)
DINGBAT_EMOJI = {  # the dingbats with an emoji form; ✕ (U+2715) and ✓ (U+2713) have none
    0x2705, 0x2708, 0x2709, 0x270A, 0x270B, 0x270C, 0x270D, 0x270F, 0x2712, 0x2714,
    0x2716, 0x271D, 0x2721, 0x2728, 0x2733, 0x2734, 0x2744, 0x2747, 0x274C, 0x274E,
    0x2753, 0x2754, 0x2755, 0x2757, 0x2763, 0x2764, 0x2795, 0x2796, 0x2797, 0x27A1,
    0x27B0, 0x27BF,
}  # fmt: skip


def emoji_in(text: str) -> list[str]:
    """The characters of `text` drawn as emoji."""
    return [
        c
        for c in text
        if ord(c) in DINGBAT_EMOJI or any(lo <= ord(c) <= hi for lo, hi in EMOJI_RANGES)
    ]


def _sources() -> list[Path]:
    return [
        ROOT / "dashboard.py",
        *sorted((ROOT / "views").glob("*.py")),
        *sorted((ROOT / "monitoring" / "present").rglob("*.py")),
    ]


def _icon_arguments() -> list[tuple[str, str]]:
    """(where, value) of every constant `icon=` / `page_icon=` argument in the sources."""
    found = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            for keyword in node.keywords:
                if keyword.arg in ("icon", "page_icon") and isinstance(keyword.value, ast.Constant):
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    found.append((where, str(keyword.value.value)))
    return found


def test_the_emoji_test_sees_the_icons_that_showed_as_boxes() -> None:
    assert emoji_in("⛔ 🕘 ⚠️ 🟰 ✅") == ["⛔", "🕘", "⚠", "\ufe0f", "🟰", "✅"]
    assert emoji_in("Retirez-les (✕) → « Réalisée » ✓ — 2 897 €") == []


def test_every_icon_given_to_streamlit_is_a_material_icon() -> None:
    icons = _icon_arguments()
    assert len(icons) > 10  # the scan does find the app's icons
    wrong = [(where, icon) for where, icon in icons if not MATERIAL.fullmatch(icon)]
    assert wrong == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.id)
def test_every_page_icon_is_a_material_icon(page: object) -> None:
    assert MATERIAL.fullmatch(page.icon)  # type: ignore[attr-defined]


def test_no_string_in_the_views_or_the_presentation_is_an_emoji() -> None:
    found = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and emoji_in(text):
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", text[:40]))
    assert found == []


def test_no_label_or_message_of_the_catalogues_holds_an_emoji() -> None:
    found = {key: pair for key, pair in CATALOG.items() if emoji_in(" ".join(pair))}
    assert found == {}
