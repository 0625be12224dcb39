"""The one loader of signed links: the answer, confirmation and invitation links in mails that
work without a login.

A link carries a small payload signed with Django's `signing.dumps(daten, salt=...)`; each kind
of link has its own salt (a link of one kind never passes for another) and its own validity.
:func:`link_laden` checks signature, age and shape in one place and raises the caller's
exception with the caller's message, so that each room words "expired" and "broken" for its
readers and its views keep catching their own exception.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core import signing


def link_laden(
    token: str,
    *,
    salt: str,
    gueltig: timedelta,
    fehler: Callable[[str], Exception],
    abgelaufen: str,
    ungueltig: str,
    form: type = dict,
) -> Any:
    """The payload of the signed link `token` (made with `signing.dumps(..., salt=salt)`).

    Raises ``fehler(abgelaufen)`` when the link is older than `gueltig`, ``fehler(ungueltig)``
    when it is incomplete, tampered with, signed for another salt or its payload is not of
    `form`. No side effects.
    """
    try:
        daten = signing.loads(token, salt=salt, max_age=gueltig)
    except signing.SignatureExpired as exc:
        raise fehler(abgelaufen) from exc
    except signing.BadSignature as exc:
        raise fehler(ungueltig) from exc
    if not isinstance(daten, form):
        raise fehler(ungueltig)
    return daten
