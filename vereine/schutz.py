"""Spam protection for the public forms: a honeypot field and a per-IP rate limit."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from django import forms
from django.core.cache import cache
from django.http import HttpRequest

# Messages per IP address and hour, per form (contact relay, “Ich möchte helfen”).
MAX_PRO_STUNDE = 5
FENSTER_SEKUNDEN = 60 * 60


class HonigtopfFeld(forms.CharField):
    """Invisible to people, filled by bots: a non-empty value means “pretend and drop”."""

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, widget=forms.HiddenInput, **kwargs)


def client_ip(request: HttpRequest) -> str:
    """The client's IP as allauth sees it (honours ALLAUTH_TRUSTED_PROXY_COUNT behind a proxy)."""
    return get_adapter(request).get_client_ip(request)


def kontingent_verbrauchen(
    request: HttpRequest, zweck: str, *, maximum: int = MAX_PRO_STUNDE
) -> bool:
    """Count one use of `zweck` for the client's IP; False once the hourly quota is used up.

    Uses the shared cache (database cache in production), so the limit holds across workers.
    """
    schluessel = f"vereine:limit:{zweck}:{client_ip(request)}"
    cache.add(schluessel, 0, timeout=FENSTER_SEKUNDEN)
    try:
        anzahl = cache.incr(schluessel)
    except ValueError:  # expired between add and incr
        cache.set(schluessel, 1, timeout=FENSTER_SEKUNDEN)
        anzahl = 1
    return anzahl <= maximum
