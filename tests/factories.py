import factory
from allauth.account.models import EmailAddress

from netzwerk.models import User

PASSWORT = "ein-sicheres-passwort-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    anzeigename = factory.Faker("name", locale="de_DE")
    password = factory.django.Password(PASSWORT)

    @factory.post_generation
    def email_bestaetigt(self, create, extracted, **kwargs):
        """Users log in with a verified address unless a test says otherwise."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class KoordinationFactory(UserFactory):
    email = factory.Sequence(lambda n: f"koordination{n}@example.org")
    is_staff = True
    is_superuser = True


class AkteurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "vereine.Akteur"

    name = factory.Sequence(lambda n: f"Verein Nummer {n}")
    slug = factory.Sequence(lambda n: f"verein-{n}")
    kurzbeschreibung = "Ein Beispielverein."
    status = "aktiv"
    sichtbarkeit = "oeffentlich"
    kontakt_email = factory.Sequence(lambda n: f"kontakt{n}@verein.example.org")


class MitgliedschaftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "vereine.Mitgliedschaft"

    user = factory.SubFactory(UserFactory)
    akteur = factory.SubFactory(AkteurFactory)
    rolle = "leitung"


class ArbeitsgruppeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "arbeitsgruppen.Arbeitsgruppe"

    name = factory.Sequence(lambda n: f"Arbeitsgruppe {n}")
    slug = factory.Sequence(lambda n: f"ag-{n}")
    sichtbarkeit = "transparent"


class GesuchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "vereine.Gesuch"

    akteur = factory.SubFactory(AkteurFactory)
    titel = factory.Sequence(lambda n: f"Helfende Hände gesucht {n}")
    beschreibung = "Wir suchen Unterstützung beim Sommerfest."
    art = "einmalig"
    status = "offen"


class RueckmeldungFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "vereine.Rueckmeldung"

    gesuch = factory.SubFactory(GesuchFactory)
    name = factory.Sequence(lambda n: f"Helferin {n}")
    email = factory.Sequence(lambda n: f"helferin{n}@example.org")
    nachricht = "Ich habe samstags Zeit."
    einwilligung_am = factory.LazyFunction(lambda: _jetzt())


def _jetzt():
    from django.utils import timezone

    return timezone.now()


# --- Vereinsstammtisch (termine) --------------------------------------------------------


class StammtischreiheFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "termine.Stammtischreihe"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Vereinsstammtisch {n}")
    slug = factory.Sequence(lambda n: f"stammtisch-{n}")
    rhythmus = "monthly"
    intervall = 2
    wochentag = 1
    woche_im_monat = 3
    anker = factory.LazyFunction(lambda: _datum(2026, 1, 1))
    erinnerung_tage_vorher = 3

    @factory.post_generation
    def koordination(self, create, extracted, **kwargs):
        if create and extracted:
            self.koordination.set(extracted)


class TeilnahmeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "termine.Teilnahme"

    reihe = factory.SubFactory(StammtischreiheFactory)
    akteur = factory.SubFactory(AkteurFactory)
    kann_gastgeber = True


class StammtischTerminFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "termine.Termin"

    titel = "Vereinsstammtisch"
    start = factory.LazyFunction(lambda: _jetzt() + _dauer(days=14))
    ende = factory.LazyAttribute(lambda o: o.start + _dauer(hours=2))
    kategorie = "stammtisch"
    sichtbarkeit = "oeffentlich"
    status = "geplant"


class StammtischFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "termine.Stammtisch"

    termin = factory.SubFactory(StammtischTerminFactory)
    reihe = factory.SubFactory(StammtischreiheFactory)
    gastgeber = factory.SubFactory(AkteurFactory)
    gastgeber_status = "vorgeschlagen"


def _datum(*teile):
    from datetime import date

    return date(*teile)


def _dauer(**teile):
    from datetime import timedelta

    return timedelta(**teile)


# --- Ferienkalender ----------------------------------------------------------------------


def _ferien_heute():
    from django.utils import timezone

    return timezone.localdate()


def _ferien_mitternacht(tag):
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    return datetime.combine(tag, time.min, tzinfo=ZoneInfo("Europe/Berlin"))


def geburtsdatum_fuer(alter, am=None):
    """A birthday that makes a child exactly `alter` years old on the day `am` (default: the
    first day of a FerienzeitraumFactory period). Ages count on the occasion's day, which may
    lie in the next year (and on 1 January the child is already `alter`)."""
    from datetime import date

    am = am or _ferien_heute() + _dauer(days=30)
    return date(am.year - alter, 1, 1)


class FerienzeitraumFactory(factory.django.DjangoModelFactory):
    """A published period starting in 30 days, registration open since yesterday."""

    class Meta:
        model = "termine.Ferienzeitraum"

    name = factory.Sequence(lambda n: f"Sommerferien {2030 + n}")
    slug = factory.Sequence(lambda n: f"sommerferien-{2030 + n}")
    beginn = factory.LazyFunction(lambda: _ferien_heute() + _dauer(days=30))
    ende = factory.LazyAttribute(lambda o: o.beginn + _dauer(days=41))
    veroeffentlichung = factory.LazyFunction(
        lambda: _ferien_mitternacht(_ferien_heute() - _dauer(days=10))
    )
    anmeldung_ab = factory.LazyFunction(
        lambda: _ferien_mitternacht(_ferien_heute() - _dauer(days=1))
    )
    anmeldung_bis = factory.LazyAttribute(lambda o: _ferien_mitternacht(o.beginn))
    modus = "sofort"
    status = "veroeffentlicht"
    storno_frist_tage = 2


class FerienangebotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "termine.Ferienangebot"

    akteur = factory.SubFactory(AkteurFactory)
    zeitraum = factory.SubFactory(FerienzeitraumFactory)
    titel = factory.Sequence(lambda n: f"Ferienangebot {n}")
    beschreibung = "Wir spielen, basteln und haben Spaß."
    kategorie = "sport"
    alter_von = 6
    alter_bis = 12
    ort = "Sportplatz Ballenstedt"
    status = "veroeffentlicht"


def ferien_durchfuehrung(angebot, *, tag=0, von=9, bis=12, plaetze=10, tage=0):
    """An occasion on the period's day `tag` (0 = first day), von–bis o'clock, with its Termin."""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from termine.models import Durchfuehrung, Termin

    datum = angebot.zeitraum.beginn + _dauer(days=tag)
    berlin = ZoneInfo("Europe/Berlin")
    termin = Termin.objects.create(
        titel=angebot.titel,
        start=datetime.combine(datum, time(von), tzinfo=berlin),
        ende=datetime.combine(datum + _dauer(days=tage), time(bis), tzinfo=berlin),
        ort=angebot.ort,
        kategorie="kinder_jugend",
        sichtbarkeit="oeffentlich" if angebot.status == "veroeffentlicht" else "netzwerk",
        status="bestaetigt",
    )
    termin.veranstalter.add(angebot.akteur)
    return Durchfuehrung.objects.create(angebot=angebot, termin=termin, max_plaetze=plaetze)


class KindFactory(factory.django.DjangoModelFactory):
    """An eight-year-old (on the day of the test) in a family's account."""

    class Meta:
        model = "termine.Kind"

    eltern = factory.SubFactory(UserFactory)
    vorname = factory.Sequence(lambda n: f"Kind{n}")
    nachname = "Muster"
    geburtsdatum = factory.LazyFunction(
        lambda: _ferien_heute().replace(year=_ferien_heute().year - 8, day=1)
    )
    notfall_telefon = "0170 1234567"
