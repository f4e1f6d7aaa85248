"""Streamlit's and plotly's own names of their controls, said in the user's language.

Streamlit writes them in English in attributes (read by screen readers, shown as tool tips
on plotly's toolbar); `views/widgets.py` puts these in their place. The English is
Streamlit's own wording, so that switching back to English restores it. `{label}` is the
widget's label, as Streamlit puts it in the name.
"""

MESSAGES: dict[str, str] = {
    # The page's frame.
    "streamlit.app_pages": "Pages de l'application",
    "streamlit.sidebar": "Panneau latéral",
    "streamlit.collapse_sidebar": "Replier le panneau latéral",
    "streamlit.expand_sidebar": "Déplier le panneau latéral",
    "streamlit.main_menu": "Menu principal",
    "streamlit.link_to_heading": "Lien vers ce titre",
    "streamlit.close": "Fermer",
    # Widgets: help, lists, dates, numbers, files.
    "streamlit.help": "Aide",
    "streamlit.help_for": "Aide : {label}",
    "streamlit.open": "Ouvrir",
    "streamlit.choose_option": "Choisir une option",
    "streamlit.clear_selection": "Effacer la sélection",
    "streamlit.clear_value": "Effacer la valeur",
    "streamlit.clear_all": "Tout effacer",
    "streamlit.choose_date": "Choisir une date",
    "streamlit.day_of": "jour, {label}",
    "streamlit.month_of": "mois, {label}",
    "streamlit.year_of": "année, {label}",
    "streamlit.range_start": "{label} — début",
    "streamlit.range_end": "{label} — fin",
    "streamlit.decrement": "Diminuer",
    "streamlit.increment": "Augmenter",
    "streamlit.file_upload": "Dépôt de fichiers",
    "streamlit.add_files": "Ajouter des fichiers",
    "streamlit.remove": "Retirer {label}",
    # Tables' toolbar.
    "streamlit.search": "Rechercher",
    "streamlit.show_hide_columns": "Afficher ou masquer des colonnes",
    "streamlit.download_csv": "Télécharger en CSV",
    "streamlit.fullscreen": "Plein écran",
    # Interactive charts' toolbar (plotly).
    "streamlit.download_png": "Télécharger le graphique en PNG",
    "streamlit.pan": "Déplacer",
    "streamlit.zoom_in": "Zoom avant",
    "streamlit.zoom_out": "Zoom arrière",
    "streamlit.autoscale": "Échelle automatique",
    "streamlit.reset_axes": "Réinitialiser les axes",
    "streamlit.reset_view": "Réinitialiser la vue",
}
