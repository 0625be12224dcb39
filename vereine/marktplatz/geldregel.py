"""The one rule of the market: everything may be traded except money.

A pure check over text (no ORM), used as a model field validator so that forms show the
message next to the field and keep what was typed.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Amounts ("50 €", "€ 20", "100 EUR", "5 Euro") and the words for giving or asking money.
# "kostenlos" stays allowed: it says that no money flows.
_MUSTER = re.compile(
    r"€"
    r"|\b\d+(?:[.,]\d+)?\s*(?:eur|euro|euros|tsd)\b"
    r"|\beuro?s?\b"
    r"|\bspende\w*|\w*spende\b|\w*spenden\w*"
    r"|sponsor\w*"
    r"|\w*geld\w*"
    r"|\w*bezahl\w*|\w*zahlung\w*"
    r"|\bhonorar\w*|\bentgelt\w*|\bvergütung\w*|\büberweis\w*"
    r"|\bfinanziell\w*|\bcash\b|\bmoney\b|\bdonation\w*",
    re.IGNORECASE,
)


def geld_erwaehnt(text: str) -> str | None:
    """The first word or amount in `text` that speaks of money, or None."""
    treffer = _MUSTER.search(text or "")
    return treffer.group(0).strip() if treffer else None


def kein_geld(text: str) -> None:
    """Validator: refuse text that offers or asks for money, with a friendly explanation."""
    wort = geld_erwaehnt(text)
    if wort:
        raise ValidationError(
            _(
                "At the Markt der guten Geschäfte everything is traded – except money. Please "
                "describe what you give or need as time, know-how, materials, rooms, transport "
                "or contacts (we found “%(wort)s”)."
            ),
            code="geld",
            params={"wort": wort},
        )
