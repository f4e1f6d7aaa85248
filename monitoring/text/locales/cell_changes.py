"""Text of the cell-by-cell change review (every difference between two versions)."""

MESSAGES: dict[str, str] = {
    "changes.cells": "Différences, cellule par cellule",
    "changes.cells_title": "Toutes les différences, feuille par feuille",
    "changes.cell.added": "Ligne ajoutée",
    "changes.cell.removed": "Ligne retirée",
    "changes.cell.changed": "Modifiée",
    "changes.cell.column_added": "Colonne ajoutée",
    "changes.cell.column_removed": "Colonne retirée",
    "changes.cell.other": "Ordre des lignes ou forme des données modifiés",
    "changes.cell_line": "{field} : {before} → {after}",
    "changes.cell.empty": "(vide)",
    "changes.cell_column.sheet": "Feuille",
    "changes.cell_column.row": "Ligne",
    "changes.cell_column.change": "Changement",
    "changes.cell_column.field": "Colonne",
    "changes.cell_column.before": "Avant",
    "changes.cell_column.after": "Après",
}
