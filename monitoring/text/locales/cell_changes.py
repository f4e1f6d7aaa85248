"""Text of the cell-by-cell change review (every difference between two versions)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "changes.cells": ("Différences, cellule par cellule", "Differences, cell by cell"),
    "changes.cells_title": (
        "Toutes les différences, feuille par feuille",
        "Every difference, sheet by sheet",
    ),
    "changes.cell.added": ("Ligne ajoutée", "Row added"),
    "changes.cell.removed": ("Ligne retirée", "Row removed"),
    "changes.cell.changed": ("Modifiée", "Changed"),
    "changes.cell.column_added": ("Colonne ajoutée", "Column added"),
    "changes.cell.column_removed": ("Colonne retirée", "Column removed"),
    "changes.cell.other": (
        "Ordre des lignes ou forme des données modifiés",
        "Row order or data layout changed",
    ),
    "changes.cell_line": ("{field} : {before} → {after}", "{field}: {before} → {after}"),
    "changes.cell.empty": ("(vide)", "(empty)"),
    "changes.cell_column.sheet": ("Feuille", "Sheet"),
    "changes.cell_column.row": ("Ligne", "Row"),
    "changes.cell_column.change": ("Changement", "Change"),
    "changes.cell_column.field": ("Colonne", "Column"),
    "changes.cell_column.before": ("Avant", "Before"),
    "changes.cell_column.after": ("Après", "After"),
}
