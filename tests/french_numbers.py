"""What a French reader would not write: shared by the French-first checks of the pages
(the browser walk's text and axes, the AppTest walk's table cells).

Four digits or more without a separator (years excepted), a decimal point, an ISO date;
a web address is not a number.
"""

from __future__ import annotations

import re

YEAR = re.compile(r"(19|20)\d\d")
LONG_NUMBER = re.compile(r"(?<![\d\w.,/:-])\d{4,}(?![\d\w])")
DECIMAL_POINT = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
URL = re.compile(r"\w+://\S+")


def badly_written(text: str) -> bool:
    """Whether `text` writes a number or a date otherwise than French does."""
    text = URL.sub("", text)
    long = [n for n in LONG_NUMBER.findall(text) if not (len(n) == 4 and YEAR.fullmatch(n))]
    return bool(long or DECIMAL_POINT.search(text) or ISO_DATE.search(text))
