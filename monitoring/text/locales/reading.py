"""Text of the readers and their pre-flight checks (issue messages)."""

MESSAGES: dict[str, str] = {
    # The container: size and real type.
    "issue.no_files": "aucun fichier n'a été déposé.",
    "issue.empty_file": "ce fichier est vide.",
    "issue.file_too_big": "le fichier pèse {size}, au-delà de la limite de {limit}.",
    "issue.foreign_type": (
        "ce fichier ressemble à un fichier {kind}, pas à un tableur. Déposez un classeur "
        ".xlsx ou .ods, ou des fichiers .csv."
    ),
    "issue.not_text": (
        "ce fichier n'est ni un classeur ni un fichier texte CSV. Déposez un classeur "
        ".xlsx ou .ods, ou des fichiers .csv."
    ),
    "issue.xls": (
        "le format Excel 97-2003 (.xls) n'est pas pris en charge : enregistrez le "
        "classeur au format .xlsx (Fichier > Enregistrer sous) puis déposez-le à nouveau."
    ),
    "issue.xlsb": (
        "le format Excel binaire (.xlsb) n'est pas pris en charge : enregistrez le "
        "classeur au format .xlsx puis déposez-le à nouveau."
    ),
    "issue.encrypted": (
        "ce classeur est protégé par un mot de passe : retirez le mot de passe puis "
        "déposez-le à nouveau."
    ),
    "issue.macro": (
        "ce classeur contient des macros (VBA), qui ne sont pas acceptées : enregistrez-le "
        "au format .xlsx sans macros puis déposez-le à nouveau."
    ),
    "issue.mixed_files": (
        "déposez soit un seul classeur (.xlsx ou .ods), soit des fichiers .csv, mais pas "
        "les deux ni plusieurs classeurs à la fois."
    ),
    # Inside a zip container.
    "issue.damaged": (
        "le classeur est endommagé (fichier tronqué ou corrompu) : enregistrez-le à "
        "nouveau depuis votre tableur puis déposez-le."
    ),
    "issue.too_many_members": (
        "l'archive contient {count} éléments, au-delà de la limite de {limit}."
    ),
    "issue.duplicate_member": "l'archive est malformée : deux de ses éléments portent le même nom.",
    "issue.unsafe_member": (
        "l'archive est malformée : un de ses éléments porte un nom de chemin interdit."
    ),
    "issue.nested_archive": (
        "l'archive contient une autre archive ou un autre classeur, ce qui n'est pas accepté."
    ),
    "issue.upload_too_big": (
        "avec ce fichier, l'envoi dépasse la limite de {limit} pour l'ensemble des "
        "fichiers d'un envoi (les fichiers CSV d'une archive .zip comptent décompressés)."
    ),
    "issue.too_many_cells": (
        "l'envoi compte {count} cellules, au-delà de la limite de {limit} cellules lues "
        "en une fois (toutes feuilles confondues)."
    ),
    "issue.parse_memory": (
        "la lecture de ce fichier demandait plus de mémoire que le serveur n'en accorde à "
        "un envoi ({limit}) : il est refusé, rien n'a été enregistré. Vérifiez qu'aucune "
        "cellule n'est remplie loin des données (par exemple en ligne 1 048 576)."
    ),
    "issue.parse_time": (
        "la lecture de ce fichier a dépassé le temps que le serveur accorde à un envoi "
        "({seconds} s) : il est refusé, rien n'a été enregistré."
    ),
    "issue.parse_crash": (
        "ce fichier a fait échouer le lecteur de classeurs : il est refusé, rien n'a été "
        "enregistré. Enregistrez-le à nouveau depuis votre tableur ; si cela persiste, "
        "donnez la référence {ref} à l'équipe technique."
    ),
    "issue.unpacked_too_big": "une fois décompressé, le contenu dépasse la limite de {limit}.",
    "issue.compression_ratio": (
        "le contenu est compressé de façon anormale (taux de {ratio} pour 1, limite "
        "{limit} pour 1) : le fichier a été refusé par précaution."
    ),
    "issue.zip_unknown": (
        "cette archive .zip ne contient ni un classeur ni uniquement des fichiers .csv."
    ),
    "issue.forbidden_xml": (
        "le classeur contient des déclarations XML interdites (DTD ou entités), "
        "utilisées pour des attaques : il a été refusé. Enregistrez-le à nouveau depuis "
        "Excel ou LibreOffice."
    ),
    "issue.xml_malformed": (
        "le classeur est endommagé : une de ses parties XML est mal formée. "
        "Enregistrez-le à nouveau depuis votre tableur."
    ),
    "issue.rows_beyond": (
        "la feuille a des données jusqu'à la ligne {row}, soit plus de {limit} lignes de "
        "données, la limite."
    ),
    "issue.columns_beyond": (
        "la feuille a des données jusqu'à la colonne {value}, soit plus de {limit} "
        "colonnes, la limite."
    ),
    "issue.cell_without_ref": (
        "des cellules n'indiquent pas leur position : enregistrez le classeur à nouveau "
        "depuis Excel ou LibreOffice."
    ),
    "issue.ods_too_big": (
        "une feuille contient des données au-delà des limites ({rows} lignes de "
        "données, {columns} colonnes)."
    ),
    # Sheets.
    "issue.too_many_sheets": (
        "le fichier contient {count} feuilles, au-delà de la limite de {limit}."
    ),
    "issue.too_many_rows": (
        "la feuille contient {count} lignes de données, au-delà de la limite de {limit}."
    ),
    "issue.too_many_columns": (
        "la feuille contient {count} colonnes, au-delà de la limite de {limit}."
    ),
    "issue.hidden_sheet": (
        "cette feuille est masquée et n'a pas été importée ; affichez-la si elle doit l'être."
    ),
    "issue.duplicate_csv_sheet": (
        "deux fichiers donnent cette même feuille : ne déposez qu'un fichier par feuille."
    ),
    # CSV files.
    "issue.encoding": (
        "le fichier n'est pas encodé en UTF-8 (premier caractère illisible à la ligne "
        "{line}) : dans Excel, enregistrez-le au format « CSV UTF-8 »."
    ),
    "issue.csv_malformed": (
        "le fichier CSV est mal formé à partir d'ici (guillemets mal placés ou non fermés)."
    ),
    "issue.one_column": (
        "une seule colonne a été trouvée : le séparateur doit être la virgule, le "
        "point-virgule ou la tabulation."
    ),
    "issue.extra_cell": "cette ligne a {count} valeurs alors que l'en-tête en a {expected}.",
    "issue.missing_cell": (
        "il manque une valeur pour : {names} (l'en-tête a {expected} colonnes, cette "
        "ligne {count})."
    ),
    "issue.cell_too_long": "la cellule dépasse {limit} caractères.",
    "issue.nul_character": (
        "la cellule contient un caractère nul (invisible), interdit : supprimez-le."
    ),
    # Anything else.
    "issue.unexpected": (
        "le fichier n'a pas pu être lu. Si le problème persiste, transmettez la "
        "référence {ref} à l'équipe technique."
    ),
}
