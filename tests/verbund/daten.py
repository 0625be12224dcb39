"""Data for the multi-server test, created inside the servers' own database by
``manage.py shell`` (the app servers run on the real clock, so the data is relative to it)."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import factory
from django.conf import settings
from django.test import Client
from django.utils import timezone

from netzwerk.models import User
from tests import factories
from tests.factories import (
    PASSWORT,
    FerienangebotFactory,
    FerienzeitraumFactory,
    KindFactory,
    UserFactory,
    ferien_durchfuehrung,
)
from tests.termine.factories import TerminFactory

# Each `manage.py shell` starts the factories' sequences anew: continue after the rows that
# earlier calls made, so slugs and e-mail addresses stay unique.
_WEITER = int(time.time() * 1000) % 1_000_000_000
for _fabrik in vars(factories).values():
    if isinstance(_fabrik, type) and issubclass(_fabrik, factory.django.DjangoModelFactory):
        _fabrik.reset_sequence(_WEITER, force=True)


def familien(anzahl: int, plaetze: int, titel: str) -> None:
    """One occasion with `plaetze` places and `anzahl` logged-in families (session keys)."""
    zeitraum = FerienzeitraumFactory()
    angebot = FerienangebotFactory(zeitraum=zeitraum, titel=titel)
    durchfuehrung = ferien_durchfuehrung(angebot, plaetze=plaetze)
    eintraege = []
    for nummer in range(anzahl):
        # No password: hashing 50 real passwords would dominate the test's time.
        eltern = User.objects.create(email=f"{titel.lower()}-{nummer}@example.org", password="!")
        kind = KindFactory(eltern=eltern)
        client = Client()
        client.force_login(eltern)
        eintraege.append((client.cookies[settings.SESSION_COOKIE_NAME].value, kind.pk))
    print("DATEN=" + json.dumps({"durchfuehrung": durchfuehrung.pk, "familien": eintraege}))


def konten() -> None:
    """Two accounts with a password: one for the login limit, one for the shared session."""
    UserFactory(email="gesperrt@example.org")
    UserFactory(email="unterwegs@example.org", anzeigename="Ulla")
    termin = TerminFactory(titel="Vereinsfest alt", start=timezone.now() + timedelta(days=7))
    print("DATEN=" + json.dumps({"passwort": PASSWORT, "termin": termin.pk}))


def mails(anzahl: int) -> None:
    """Queue `anzahl` mails for the task workers."""
    from netzwerk.mail import mail_zustellen

    for nummer in range(anzahl):
        mail_zustellen.enqueue(
            an=f"empfaenger-{nummer}@example.org",
            betreff=f"Nachricht {nummer}",
            text="Hallo",
            html="<p>Hallo</p>",
            anhaenge=[],
            antwort_an=None,
        )


def termin_umbenennen(pk: int, titel: str) -> None:
    from termine.models import Termin

    termin = Termin.objects.get(pk=pk)
    termin.titel = titel
    termin.save()
