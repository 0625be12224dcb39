"""The word list against insults: which listed words a text contains (pure, no Django).

Words match whole words, case-insensitively, also inside compounds that start or end with them
("Vollidiot" contains "idiot"); the list itself is configured (settings.JUGEND_WORTLISTE).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

STANDARD = (
    "arschloch",
    "idiot",
    "wichser",
    "hurensohn",
    "spast",
    "missgeburt",
    "fotze",
    "schlampe",
)


def treffer(text: str, woerter: Iterable[str]) -> list[str]:
    """The listed words found in `text`, in list order, each once."""
    klein = text.casefold()
    gefunden = []
    for wort in woerter:
        wort = wort.strip().casefold()
        if not wort:
            continue
        if re.search(rf"(?<!\w){re.escape(wort)}|{re.escape(wort)}(?!\w)", klein):
            gefunden.append(wort)
    return gefunden
