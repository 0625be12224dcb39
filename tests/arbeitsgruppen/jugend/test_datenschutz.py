"""Privacy: every field is classified, the retention rules act on schedule, and no page a
visitor can reach shows a minor's name or birth year (a crawl over the demo data)."""

import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from arbeitsgruppen.jugend import datenschutz, services
from arbeitsgruppen.jugend.demo import JUGENDLICHE
from arbeitsgruppen.jugend.models import Idee, Jugendprofil, Meldung, Unterstuetzung
from netzwerk import datenschutz as netzwerk_datenschutz
from netzwerk.models import User
from tests.arbeitsgruppen.jugend.factories import IdeeFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_der_bereich_ist_registriert_und_vollstaendig():
    bereich = next(b for b in netzwerk_datenschutz.bereiche() if b.name == "jugend")
    assert bereich.anwenden is datenschutz.anwenden
    modelle = [apps.get_model(label) for label in bereich.vollstaendig]
    assert netzwerk_datenschutz.pruefen([bereich], modelle=modelle) == []
    # A field left out is reported.
    weniger = dict(datenschutz.REGISTER)
    del weniger["arbeitsgruppen.Unterstuetzung.user"]
    fehler = netzwerk_datenschutz.pruefen(
        [netzwerk_datenschutz.Bereich("jugend", datenschutz.REGELN, weniger, bereich.vollstaendig)],
        modelle=modelle,
    )
    assert [f.id for f in fehler] == ["netzwerk.E901"]


def _abschliessen(idee, tage_her):
    services.status_setzen(idee=idee, status="abgelehnt", text="Geht leider nicht.")
    idee.schritte.filter(status="abgelehnt").update(am=timezone.now() - timedelta(days=tage_her))


def test_anwenden_nach_fristen(bewohner, jugendliche, junge, ag_leitung):
    jetzt = timezone.now()
    Jugendprofil.objects.filter(user=junge).update(
        bestaetigung_angefragt_am=jetzt - timedelta(days=31)
    )
    alt = IdeeFactory(autor=jugendliche)
    jung = IdeeFactory(autor=jugendliche)
    sehr_alt = IdeeFactory(autor=jugendliche)
    for idee in (alt, jung, sehr_alt):
        services.unterstuetzen(idee=idee, user=bewohner)
        services.unterstuetzen(idee=idee, user=UserFactory())
    _abschliessen(alt, 200)
    _abschliessen(jung, 20)
    _abschliessen(sehr_alt, 400)
    services.melden(idee=jung, von=bewohner, grund="x")
    Meldung.objects.update(erledigt_am=jetzt - timedelta(days=91))

    probe = datenschutz.anwenden(jetzt=jetzt, dry_run=True)
    assert (probe.adressen_geloescht, probe.unterstuetzungen_geloescht) == (1, 4)
    assert (probe.meldungen_geloescht, probe.autoren_geloest) == (1, 1)
    assert all(z.startswith("would ") for z in probe.zeilen())
    assert Unterstuetzung.objects.count() == 6  # dry run changed nothing

    bericht = datenschutz.anwenden(jetzt=jetzt)
    assert "delete 4 supports" in " ".join(bericht.zeilen())
    assert Jugendprofil.objects.get(user=junge).sorgeberechtigt_email == ""
    assert Unterstuetzung.objects.filter(idee=jung).count() == 2
    assert not Unterstuetzung.objects.filter(idee__in=[alt, sehr_alt]).exists()
    # The public number stays.
    assert Idee.objects.mit_unterstuetzung().get(pk=alt.pk).anzahl_unterstuetzungen == 2
    assert Idee.objects.get(pk=sehr_alt.pk).autor is None
    assert Idee.objects.get(pk=alt.pk).autor == jugendliche
    assert not Meldung.objects.exists()
    # A second run finds nothing more to do.
    zweiter = datenschutz.anwenden(jetzt=jetzt)
    assert (zweiter.unterstuetzungen_geloescht, zweiter.autoren_geloest) == (0, 0)
    assert "jugend" in netzwerk_datenschutz.alles_anwenden(jetzt=jetzt, dry_run=True)


def test_konto_loeschen_loescht_profil_und_loest_die_idee(idee, jugendliche):
    jugendliche.delete()
    assert not Jugendprofil.objects.exists()
    idee.refresh_from_db()
    assert idee.autor is None and idee.von == "ein junger Mensch"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links += [w for k, w in attrs if k == "href" and w]


AUSSEN_VOR = ("/static/", "/media/", "/admin/", "/konto/", "/i18n/")


def _crawl(client, starts, hoechstens=400):
    """Every internal page reachable from `starts` (HTML only), at most `hoechstens`."""
    gesehen, offen, seiten = set(), list(starts), {}
    while offen and len(seiten) < hoechstens:
        pfad = offen.pop(0)
        if pfad in gesehen:
            continue
        gesehen.add(pfad)
        antwort = client.get(pfad)
        if antwort.status_code != 200 or "text/html" not in antwort.get("Content-Type", ""):
            continue
        html = antwort.content.decode()
        seiten[pfad] = html
        parser = _Links()
        parser.feed(html)
        for link in parser.links:
            teile = urlsplit(urljoin(pfad, link))
            if teile.netloc or teile.scheme not in ("", "http", "https"):
                continue
            ziel = teile.path + (f"?{teile.query}" if teile.query else "")
            if teile.path.startswith(AUSSEN_VOR) or teile.path.endswith((".ics", ".pdf", ".csv")):
                continue
            if ziel not in gesehen:
                offen.append(ziel)
    return seiten


def test_keine_namen_oder_geburtsjahre_minderjaehriger_auf_oeffentlichen_seiten(client):
    call_command("demodaten")
    heute = timezone.localdate()
    verboten = []
    for email, (name, alter, _spitzname, eltern, _bestaetigt) in JUGENDLICHE.items():
        vorname, nachname = name.replace(" (Beispiel)", "").split()
        verboten += [f"{vorname} {nachname}", nachname, email, email.split("@")[0]]
        if eltern:
            verboten.append(eltern)
        # The birth year as data ("Jahrgang 2011", "geboren 2011", a year input's value).
        verboten.append(
            re.compile(rf"(Jahrgang|geboren|Geburtsjahr)\D{{0,20}}{heute.year - alter}")
        )
    # The names exist (in the accounts), so not finding them means something.
    assert User.objects.filter(anzeigename__in=[n for n, *_ in JUGENDLICHE.values()]).count() == 3
    seiten = _crawl(client, ["/", reverse("jugend:liste")])
    ideen = [p for p in seiten if re.fullmatch(r"/jugend/\d+/", p)]
    assert len(ideen) == Idee.objects.oeffentlich().count() >= 6
    assert "Skatefan" in seiten[reverse("jugend:liste")]
    funde = []
    for pfad, html in seiten.items():
        for muster in verboten:
            if muster.search(html) if isinstance(muster, re.Pattern) else muster in html:
                funde.append((pfad, str(muster)))
    assert funde == []


def test_demo_hat_jeden_status_und_eine_ueberfaellige_antwort():
    call_command("demodaten")
    call_command("demodaten")
    assert set(Idee.objects.values_list("status", flat=True)) == set(Idee.Status.values)
    assert Idee.objects.antwort_ueberfaellig(timezone.localdate()).count() == 1
    assert Idee.objects.exclude(jugendgruppe="").exists()
    assert Idee.objects.filter(vorhaben__isnull=False).exists()
    call_command("demodaten", "--reset")
    assert Idee.objects.count() == 6
