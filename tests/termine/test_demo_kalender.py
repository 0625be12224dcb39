"""The demo is current on any day: `demodaten` under clocks spread over the year.

Whatever day the command runs, the demo has a holiday period open for registration, one in
its wish phase (no lottery run yet), a past one with registrations, statistics and
participant lists, an upcoming Stammtisch of each series with invitations and answers, past
ones with published minutes, and dates, projects and tasks around today.
"""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from arbeitsgruppen.models import Aufgabe, Vorhaben
from netzwerk.models import Schulferien, User
from termine.ferien import demo_zeit
from termine.ferien.verlosung import services as dienste
from termine.models import (
    Anmeldung,
    Durchfuehrung,
    Ferienzeitraum,
    Protokoll,
    Rueckmeldung,
    Stammtisch,
    Stammtischreihe,
    Termin,
    Verlosungslauf,
    Wunsch,
)
from tests.conftest import UHREN
from vereine.models import Gesuch

pytestmark = pytest.mark.django_db

# The clocks of the suite (tests/conftest.py) plus one late in a year with a leap day.
UHRZEITEN = [*UHREN.values(), "2028-12-27T18:00:00+01:00"]

JAHRESZEITEN = ("Winterferien", "Osterferien", "Pfingstferien", "Sommerferien", "Herbstferien")


def _passt_zur_jahreszeit(zeitraum: Ferienzeitraum) -> bool:
    """The name is that of the school holidays the period lies in, with its year."""
    name, jahr = zeitraum.name.rsplit(" ", 1)
    if name == "Weihnachtsferien":
        return jahr == f"{zeitraum.beginn.year}/{(zeitraum.beginn.year + 1) % 100:02d}"
    return name in JAHRESZEITEN and jahr == str(zeitraum.beginn.year)


def _anmelden(client, email: str):
    client.force_login(User.objects.get(email=email))
    return client


@pytest.mark.parametrize("uhr", UHRZEITEN)
def test_demo_ist_an_jedem_tag_lebendig(uhr, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(datetime.fromisoformat(uhr), tick=False):
        call_command("demodaten")
        zaehlen = (
            Ferienzeitraum.objects.count(),
            Anmeldung.objects.count(),
            Wunsch.objects.count(),
            Termin.objects.count(),
            Stammtisch.objects.count(),
            Protokoll.objects.count(),
        )
        call_command("demodaten")
        assert (
            Ferienzeitraum.objects.count(),
            Anmeldung.objects.count(),
            Wunsch.objects.count(),
            Termin.objects.count(),
            Stammtisch.objects.count(),
            Protokoll.objects.count(),
        ) == zaehlen
        jetzt, heute = timezone.now(), timezone.localdate()

        # Every period is named after the school holidays it lies in.
        assert Ferienzeitraum.objects.count() == 3
        for zeitraum in Ferienzeitraum.objects.all():
            assert _passt_zur_jahreszeit(zeitraum), zeitraum.name
            assert zeitraum.schulferien == Schulferien.objects.get(
                name=zeitraum.name, beginn=zeitraum.beginn
            )

        # A period open for registration, shown first on the Ferienkalender.
        offen = [z for z in Ferienzeitraum.objects.all() if z.anmeldung_offen(jetzt)]
        assert len(offen) == 1
        offen = offen[0]
        assert offen.beginn > heute and offen.modus == Ferienzeitraum.Modus.SOFORT
        seite = client.get("/ferienkalender/")
        assert seite.context["zeitraum"] == offen
        assert "Anmeldung ist offen" in seite.content.decode()
        assert Durchfuehrung.objects.filter(angebot__zeitraum=offen, termin__start__gt=jetzt)
        eltern = Anmeldung.objects.filter(
            kind__eltern__email="eltern@example.org", durchfuehrung__angebot__zeitraum=offen
        )
        assert sorted(eltern.values_list("kind__vorname", "status")) == [
            ("Emma", "bestaetigt"),
            ("Emma", "warteliste"),
            ("Jonas", "bestaetigt"),
        ]

        # A period in its wish phase: families can wish, a coordinator can run the lottery.
        wunsch = dienste.zeitraeume_mit_offener_wunschphase(jetzt).get()
        assert wunsch.beginn > offen.ende
        assert not Verlosungslauf.objects.filter(zeitraum=wunsch).exists()
        assert Wunsch.objects.filter(durchfuehrung__angebot__zeitraum=wunsch).count() > 60
        assert dienste.einstellung(wunsch).wuensche_bis > jetzt + timedelta(days=6)
        wunschseite = _anmelden(client, "eltern@example.org").get("/ferienkalender/wuensche/")
        assert wunsch.name in wunschseite.content.decode()
        lauf = dienste.vorschau(
            zeitraum=wunsch, von=User.objects.get(email="koordination@example.org")
        )
        assert lauf.ergebnis["bericht"]["mit_platz"] > 0

        # A past period with registrations, statistics and participant lists.
        vergangen = Ferienzeitraum.objects.get(ende__lt=heute)
        assert vergangen.name.startswith("Sommerferien")
        assert vergangen.angebote.count() == 40 and vergangen.ferienwochen.exists()
        koordination = _anmelden(client, "koordination@example.org")
        statistik = koordination.get(f"/ferienkalender/{vergangen.slug}/statistik/")
        gesamt = statistik.context["statistik"]["gesamt"]
        assert gesamt.bestaetigt > 100 and gesamt.warteliste > 0
        voll = (
            Durchfuehrung.objects.filter(angebot__zeitraum=vergangen)
            .filter(anmeldungen__status="warteliste")
            .first()
        )
        liste = koordination.get(f"/ferienkalender/anbieten/termin/{voll.pk}/teilnehmende/")
        assert "Beispielkind" in liste.content.decode()
        assert voll.termin.ende < jetzt

        # Each Stammtisch series: an upcoming meeting with invitations and answers, past ones
        # with published minutes.
        for reihe in Stammtischreihe.objects.all():
            naechster = (
                Stammtisch.objects.filter(reihe=reihe).kommende().order_by("termin__start").first()
            )
            assert naechster.termin.start > jetzt - timedelta(hours=3)
            assert naechster.termin.status == Termin.Status.BESTAETIGT
            assert naechster.eingeladen_am is not None and naechster.gastgeber is not None
            assert set(
                Rueckmeldung.objects.filter(stammtisch=naechster).values_list("antwort", flat=True)
            ) == {"zusage", "vielleicht", "absage"}
            seite = client.get(f"/stammtisch/treffen/{naechster.pk}/")
            assert naechster.gastgeber.name in seite.content.decode()
            protokolle = Protokoll.objects.filter(
                termin__stammtisch__reihe=reihe, veroeffentlicht_am__lte=jetzt
            ).veroeffentlicht()
            assert protokolle.filter(termin__ende__gt=jetzt - timedelta(days=200)).exists()
            protokoll = protokolle.order_by("-termin__start").first()
            seite = koordination.get(f"/stammtisch/protokoll/{protokoll.pk}/")
            assert "Gemeinsames Festzelt" in seite.content.decode()

        # Dates, projects, tasks and needs around today.
        bald = Termin.objects.oeffentlich().filter(
            start__gt=jetzt, start__lt=jetzt + timedelta(days=190), titel__endswith="(Beispiel)"
        )
        assert bald.exclude(kategorie="stammtisch").count() >= 3
        assert Termin.objects.filter(start__lt=jetzt - timedelta(days=7)).count() >= 3
        for serie in Termin.objects.wiederkehrend().exclude(kategorie="stammtisch"):
            assert serie.erster_tag <= heute
            assert serie.wiederholen_bis is None or serie.wiederholen_bis > heute
        assert Vorhaben.objects.filter(beginn__lte=heute, ende__gte=heute).exists()
        assert Aufgabe.objects.filter(faellig__gte=heute).exists()
        assert Gesuch.objects.offen().count() >= 5


def test_ein_spaeterer_lauf_bringt_die_demo_auf_den_neuen_tag(settings, tmp_path):
    """Run again months later without --reset: the Ferienkalender demo moves to the new day
    (the periods of the earlier day are gone), the Stammtisch history grows."""
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(datetime.fromisoformat(UHREN["standard"]), tick=False):
        call_command("demodaten")
        frueher = set(Ferienzeitraum.objects.values_list("slug", flat=True))
    with time_machine.travel(datetime.fromisoformat(UHREN["sommerferien"]), tick=False):
        call_command("demodaten")
        plan = demo_zeit.plan(timezone.localdate())
        assert set(Ferienzeitraum.objects.values_list("slug", flat=True)) == plan.slugs != frueher
        assert dienste.zeitraeume_mit_offener_wunschphase().get().slug == plan.wunsch.slug
        for reihe in Stammtischreihe.objects.all():
            naechster = Stammtisch.objects.filter(reihe=reihe).kommende().first()
            assert naechster.eingeladen_am and naechster.rueckmeldungen.exists()
        call_command("demodaten", "--reset")
        assert set(Ferienzeitraum.objects.values_list("slug", flat=True)) == plan.slugs
