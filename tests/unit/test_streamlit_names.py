"""Streamlit's English names of controls, said in the user's language (`views.widgets`):
what the page's script rewrites, for each language of the app."""

from __future__ import annotations

from views.widgets import streamlit_names


def test_french_pages_rewrite_streamlit_s_english_names_and_forms() -> None:
    names, forms = streamlit_names("fr")

    assert names["Help"] == "Aide" and names["Collapse sidebar"] == "Replier le panneau latéral"
    assert names["Download plot as a PNG"] == "Télécharger le graphique en PNG"
    assert ("Help for ", "", "Aide : {label}") in forms
    assert ("day, ", "", "jour, {label}") in forms
    assert ("", " — start", "{label} — début") in forms
    assert "Zoom" not in names  # the same word in French: nothing to rewrite


def test_english_pages_take_back_the_french_names_and_keep_streamlit_s_own() -> None:
    names, forms = streamlit_names("en")

    assert names["Aide"] == "Help" and names["Panneau latéral"] == "Sidebar"
    assert ("Aide : ", "", "Help for {label}") in forms
    assert "Help" not in names and not [f for f in forms if f[0] == "Help for "]


def test_no_name_is_rewritten_into_itself() -> None:
    for lang in ("fr", "en"):
        names, forms = streamlit_names(lang)
        assert all(before != after for before, after in names.items())
        assert all(f"{before}{{label}}{after}" != said for before, after, said in forms)
