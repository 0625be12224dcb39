"""Outgoing mail: rendered in the request (in the user's language), sent by the task worker.

Every mail of the portal goes through `mail_senden` so that a slow or failing SMTP server never
slows down or breaks a page, and tests can assert on `django.core.mail.outbox`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string

from netzwerk.models import Netzwerkprofil


@dataclass(frozen=True)
class Anhang:
    dateiname: str
    inhalt: str
    mimetype: str


def mail_senden(
    *,
    an: Iterable[str],
    vorlage: str,
    kontext: Mapping | None = None,
    anhaenge: Iterable[Anhang] = (),
    antwort_an: str | None = None,
) -> None:
    """Render `<vorlage>_betreff.txt`, `.txt` and `.html` and queue one mail per recipient.

    Side effects: enqueues one `mail_zustellen` task per address (with the immediate backend
    in tests: sends at once).
    """
    ctx = {"netzwerk": Netzwerkprofil.aktuell(), "site_url": settings.SITE_URL, **(kontext or {})}
    betreff = " ".join(render_to_string(f"{vorlage}_betreff.txt", ctx).split())
    text = render_to_string(f"{vorlage}.txt", ctx)
    html = render_to_string(f"{vorlage}.html", ctx)
    daten = [(a.dateiname, a.inhalt, a.mimetype) for a in anhaenge]
    for adresse in an:
        mail_zustellen.enqueue(
            an=adresse,
            betreff=betreff,
            text=text,
            html=html,
            anhaenge=daten,
            antwort_an=antwort_an,
        )


@task()
def mail_zustellen(
    *,
    an: str,
    betreff: str,
    text: str,
    html: str | None,
    anhaenge: list[list[str]] | list[tuple[str, str, str]] = (),
    antwort_an: str | None = None,
) -> None:
    """Deliver one pre-rendered mail (runs in the task worker)."""
    message = EmailMultiAlternatives(
        subject=betreff,
        body=text,
        to=[an],
        reply_to=[antwort_an] if antwort_an else None,
    )
    if html:
        message.attach_alternative(html, "text/html")
    for dateiname, inhalt, mimetype in anhaenge:
        message.attach(dateiname, inhalt, mimetype)
    message.send()
