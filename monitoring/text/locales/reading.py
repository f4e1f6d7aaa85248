"""Text of the readers and their pre-flight checks (issue messages)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # The container: size and real type.
    "issue.no_files": (
        "aucun fichier n'a été déposé.",
        "no file was uploaded.",
    ),
    "issue.empty_file": (
        "ce fichier est vide.",
        "the file is empty.",
    ),
    "issue.file_too_big": (
        "le fichier pèse {size}, au-delà de la limite de {limit}.",
        "the file weighs {size}, over the limit of {limit}.",
    ),
    "issue.foreign_type": (
        "ce fichier ressemble à un fichier {kind}, pas à un tableur. Déposez un classeur "
        ".xlsx ou .ods, ou des fichiers .csv.",
        "this looks like a {kind} file, not a spreadsheet. Upload an .xlsx or .ods "
        "workbook, or .csv files.",
    ),
    "issue.not_text": (
        "ce fichier n'est ni un classeur ni un fichier texte CSV. Déposez un classeur "
        ".xlsx ou .ods, ou des fichiers .csv.",
        "this file is neither a workbook nor a CSV text file. Upload an .xlsx or .ods "
        "workbook, or .csv files.",
    ),
    "issue.xls": (
        "le format Excel 97-2003 (.xls) n'est pas pris en charge : enregistrez le "
        "classeur au format .xlsx (Fichier > Enregistrer sous) puis déposez-le à nouveau.",
        "Excel 97-2003 .xls is not supported; save the workbook as .xlsx (File > Save "
        "As) and upload it again.",
    ),
    "issue.xlsb": (
        "le format Excel binaire (.xlsb) n'est pas pris en charge : enregistrez le "
        "classeur au format .xlsx puis déposez-le à nouveau.",
        "the Excel binary format (.xlsb) is not supported; save the workbook as .xlsx "
        "and upload it again.",
    ),
    "issue.encrypted": (
        "ce classeur est protégé par un mot de passe : retirez le mot de passe puis "
        "déposez-le à nouveau.",
        "this workbook is protected by a password: remove the password and re-upload it.",
    ),
    "issue.macro": (
        "ce classeur contient des macros (VBA), qui ne sont pas acceptées : enregistrez-le "
        "au format .xlsx sans macros puis déposez-le à nouveau.",
        "this workbook contains macros (VBA), which are not accepted: save it as a .xlsx "
        "without macros and upload it again.",
    ),
    "issue.mixed_files": (
        "déposez soit un seul classeur (.xlsx ou .ods), soit des fichiers .csv, mais pas "
        "les deux ni plusieurs classeurs à la fois.",
        "upload either one workbook (.xlsx or .ods) or .csv files, not both and not "
        "several workbooks at once.",
    ),
    # Inside a zip container.
    "issue.damaged": (
        "le classeur est endommagé (fichier tronqué ou corrompu) : enregistrez-le à "
        "nouveau depuis votre tableur puis déposez-le.",
        "the workbook is damaged (truncated or corrupted): save it again from your "
        "spreadsheet program and upload it.",
    ),
    "issue.too_many_members": (
        "l'archive contient {count} éléments, au-delà de la limite de {limit}.",
        "the archive holds {count} entries, over the limit of {limit}.",
    ),
    "issue.duplicate_member": (
        "l'archive est malformée : deux de ses éléments portent le même nom.",
        "the archive is malformed: two of its entries have the same name.",
    ),
    "issue.unsafe_member": (
        "l'archive est malformée : un de ses éléments porte un nom de chemin interdit.",
        "the archive is malformed: one of its entries has a forbidden path name.",
    ),
    "issue.nested_archive": (
        "l'archive contient une autre archive ou un autre classeur, ce qui n'est pas accepté.",
        "the archive contains another archive or workbook, which is not accepted.",
    ),
    "issue.upload_too_big": (
        "avec ce fichier, l'envoi dépasse la limite de {limit} pour l'ensemble des "
        "fichiers d'un envoi (les fichiers CSV d'une archive .zip comptent décompressés).",
        "with this file, the upload exceeds the limit of {limit} for all the files of one "
        "upload together (CSV files in a .zip count unpacked).",
    ),
    "issue.too_many_cells": (
        "l'envoi compte {count} cellules, au-delà de la limite de {limit} cellules lues "
        "en une fois (toutes feuilles confondues).",
        "the upload holds {count} cells, over the limit of {limit} cells read at once "
        "(all sheets together).",
    ),
    "issue.parse_memory": (
        "la lecture de ce fichier demandait plus de mémoire que le serveur n'en accorde à "
        "un envoi ({limit}) : il est refusé, rien n'a été enregistré. Vérifiez qu'aucune "
        "cellule n'est remplie loin des données (par exemple en ligne 1 048 576).",
        "reading this file needed more memory than the server allows an upload ({limit}): "
        "it is refused and nothing was stored. Check that no cell far from the data is "
        "filled (row 1,048,576 for example).",
    ),
    "issue.parse_time": (
        "la lecture de ce fichier a dépassé le temps que le serveur accorde à un envoi "
        "({seconds} s) : il est refusé, rien n'a été enregistré.",
        "reading this file took longer than the server allows an upload ({seconds} s): it "
        "is refused and nothing was stored.",
    ),
    "issue.parse_crash": (
        "ce fichier a fait échouer le lecteur de classeurs : il est refusé, rien n'a été "
        "enregistré. Enregistrez-le à nouveau depuis votre tableur ; si cela persiste, "
        "donnez la référence {ref} à l'équipe technique.",
        "this file made the workbook reader fail: it is refused and nothing was stored. "
        "Save it again from your spreadsheet program; if this persists, give the "
        "reference {ref} to the technical team.",
    ),
    "issue.unpacked_too_big": (
        "une fois décompressé, le contenu dépasse la limite de {limit}.",
        "once unpacked, the content exceeds the limit of {limit}.",
    ),
    "issue.compression_ratio": (
        "le contenu est compressé de façon anormale (taux de {ratio} pour 1, limite "
        "{limit} pour 1) : le fichier a été refusé par précaution.",
        "the content is compressed abnormally (ratio {ratio} to 1, limit {limit} to 1): "
        "the file was refused as a precaution.",
    ),
    "issue.zip_unknown": (
        "cette archive .zip ne contient ni un classeur ni uniquement des fichiers .csv.",
        "this .zip archive holds neither a workbook nor only .csv files.",
    ),
    "issue.forbidden_xml": (
        "le classeur contient des déclarations XML interdites (DTD ou entités), "
        "utilisées pour des attaques : il a été refusé. Enregistrez-le à nouveau depuis "
        "Excel ou LibreOffice.",
        "the workbook contains forbidden XML declarations (DTD or entities), used in "
        "attacks: it was refused. Save it again from Excel or LibreOffice.",
    ),
    "issue.xml_malformed": (
        "le classeur est endommagé : une de ses parties XML est mal formée. "
        "Enregistrez-le à nouveau depuis votre tableur.",
        "the workbook is damaged: one of its XML parts is malformed. Save it again from "
        "your spreadsheet program.",
    ),
    "issue.rows_beyond": (
        "la feuille a des données jusqu'à la ligne {row}, soit plus de {limit} lignes de "
        "données, la limite.",
        "the sheet has data down to row {row}, that is more than {limit} data rows, the limit.",
    ),
    "issue.columns_beyond": (
        "la feuille a des données jusqu'à la colonne {value}, soit plus de {limit} "
        "colonnes, la limite.",
        "the sheet has data as far as column {value}, that is more than {limit} columns, "
        "the limit.",
    ),
    "issue.cell_without_ref": (
        "des cellules n'indiquent pas leur position : enregistrez le classeur à nouveau "
        "depuis Excel ou LibreOffice.",
        "some cells do not state their position: save the workbook again from Excel or "
        "LibreOffice.",
    ),
    "issue.ods_too_big": (
        "une feuille contient des données au-delà des limites ({rows} lignes de "
        "données, {columns} colonnes).",
        "a sheet holds data beyond the limits ({rows} data rows, {columns} columns).",
    ),
    # Sheets.
    "issue.too_many_sheets": (
        "le fichier contient {count} feuilles, au-delà de la limite de {limit}.",
        "the file has {count} sheets, over the limit of {limit}.",
    ),
    "issue.too_many_rows": (
        "la feuille contient {count} lignes de données, au-delà de la limite de {limit}.",
        "the sheet has {count} data rows, over the limit of {limit}.",
    ),
    "issue.too_many_columns": (
        "la feuille contient {count} colonnes, au-delà de la limite de {limit}.",
        "the sheet has {count} columns, over the limit of {limit}.",
    ),
    "issue.hidden_sheet": (
        "cette feuille est masquée et n'a pas été importée ; affichez-la si elle doit l'être.",
        "this sheet is hidden and was not imported; unhide it if it should be.",
    ),
    "issue.duplicate_csv_sheet": (
        "deux fichiers donnent cette même feuille : ne déposez qu'un fichier par feuille.",
        "two files give this same sheet: upload one file per sheet.",
    ),
    # CSV files.
    "issue.encoding": (
        "le fichier n'est pas encodé en UTF-8 (premier caractère illisible à la ligne "
        "{line}) : dans Excel, enregistrez-le au format « CSV UTF-8 ».",
        "the file isn't UTF-8 (first unreadable character on line {line}); in Excel use "
        "« CSV UTF-8 » when saving.",
    ),
    "issue.csv_malformed": (
        "le fichier CSV est mal formé à partir d'ici (guillemets mal placés ou non fermés).",
        "the CSV file is malformed from here on (misplaced or unclosed quotes).",
    ),
    "issue.one_column": (
        "une seule colonne a été trouvée : le séparateur doit être la virgule, le "
        "point-virgule ou la tabulation.",
        "only one column was found: the separator must be a comma, a semicolon or a tab.",
    ),
    "issue.extra_cell": (
        "cette ligne a {count} valeurs alors que l'en-tête en a {expected}.",
        "this row has {count} values but the header has {expected}.",
    ),
    "issue.missing_cell": (
        "il manque une valeur pour : {names} (l'en-tête a {expected} colonnes, cette "
        "ligne {count}).",
        "no value for: {names} (the header has {expected} columns, this row {count}).",
    ),
    "issue.cell_too_long": (
        "la cellule dépasse {limit} caractères.",
        "the cell is longer than {limit} characters.",
    ),
    "issue.nul_character": (
        "la cellule contient un caractère nul (invisible), interdit : supprimez-le.",
        "the cell contains a NUL character (invisible), which is not allowed: remove it.",
    ),
    # Anything else.
    "issue.unexpected": (
        "le fichier n'a pas pu être lu. Si le problème persiste, transmettez la "
        "référence {ref} à l'équipe technique.",
        "the file could not be read. If this persists, give the reference {ref} to the "
        "technical team.",
    ),
}
