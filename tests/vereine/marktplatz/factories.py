"""Factories of the Marktplatz tests. Dates are relative to the test clock."""

from datetime import timedelta

import factory
from django.utils import timezone

from tests.factories import AkteurFactory


class EintragFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "vereine.Eintrag"

    akteur = factory.SubFactory(AkteurFactory)
    typ = "angebot"
    art = "know_how"
    titel = factory.Sequence(lambda n: f"Beratung Nummer {n}")
    text = "Wir helfen bei der Buchhaltung."
    umfang = "2 Stunden im Monat"
    status = "oeffentlich"


def markt_anlegen(*, tage: int = 14, titel: str = "Markt der guten Geschäfte", makler=()):
    """A two-hour market that began half an hour ago, moved by `tage` days."""
    from vereine.marktplatz import services

    start = timezone.now().replace(second=0, microsecond=0) + timedelta(days=tage, minutes=-30)
    markt = services.markt_anlegen(titel=titel, start=start, ende=start + timedelta(hours=2))
    markt.makler.set(makler)
    return markt


class VereinbarungFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "vereine.Vereinbarung"

    markt = None
    nummer = factory.Sequence(lambda n: n + 1)
    partner_a = factory.SubFactory(AkteurFactory, art="unternehmen")
    partner_b = factory.SubFactory(AkteurFactory)
    gibt_a = "Zwei Tage Hilfe beim Streichen"
    art_a = "zeit"
    kontakt_a = "Frau Meier"
    gibt_b = "Eine Führung durch das Museum für die Belegschaft"
    art_b = "know_how"
    kontakt_b = "Herr Schulz"
    bis = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    stunden = 16
    bestaetigt_a_am = factory.LazyFunction(timezone.now)
    bestaetigt_b_am = factory.LazyFunction(timezone.now)
