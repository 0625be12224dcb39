"""Security headers, CSP without inline code, HSTS in production mode."""

import re

import pytest
from django.urls import reverse

SEITEN = ["startseite", "account_login", "account_signup", "account_reset_password"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", SEITEN)
def test_sicherheitsheader(client, name):
    antwort = client.get(reverse(name))
    csp = antwort["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert antwort["X-Content-Type-Options"] == "nosniff"
    assert antwort["Referrer-Policy"] == "same-origin"
    assert antwort["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@pytest.mark.parametrize("name", SEITEN)
def test_kein_inline_skript_oder_stil(client, name):
    html = antwort_html = client.get(reverse(name)).content.decode()
    skripte = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", html)
    assert not skripte, skripte
    assert "<style" not in antwort_html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


@pytest.mark.django_db
def test_hsts_und_sichere_cookies_in_produktion(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = True
    antwort = client.get(reverse("startseite"))
    assert antwort.status_code == 301
    assert antwort["Location"].startswith("https://")
    antwort = client.get(reverse("startseite"), secure=True)
    assert antwort["Strict-Transport-Security"].startswith("max-age=31536000")
