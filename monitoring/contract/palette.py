"""The colour and fill pattern of each status category and retention level.

Declared beside the contract's categories so that every reader shows a category the
same way: the charts, the Method page's scale table and the PDF.
"""

# Okabe–Ito colours; patterns make the categories distinct in black and white too.
CATEGORY_STYLE: dict[str, tuple[str, str]] = {
    "done": ("#009E73", ""),
    "partial": ("#56B4E9", "/"),
    "not_done": ("#D55E00", "x"),
    "dropped": ("#CC79A7", "-"),
    "unknown": ("#BBBBBB", "."),
}
RETENTION_STYLE: dict[str, tuple[str, str]] = {
    "retained": ("#009E73", ""),
    "partly_retained": ("#56B4E9", "/"),
    "dropped_from_draft": ("#E69F00", "\\"),
    "not_retained": ("#D55E00", "x"),
}
