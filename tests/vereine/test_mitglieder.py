"""Members keep their own entry: profile and pictures, invitations, roles, Mein Bereich,
proposing a new actor."""

import re
from urllib.parse import unquote

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.urls import reverse

from tests.factories import PASSWORT, AkteurFactory, MitgliedschaftFactory, UserFactory
from tests.vereine.bilddateien import HTML_NUTZLAST, SVG, hochladen, png_bytes
from vereine.bilder import vorschau_name
from vereine.models import Akteur, Einladung, Mitgliedschaft

pytestmark = pytest.mark.django_db


def _formulardaten(html: str) -> dict:
    """The values the rendered form would send (inputs, selected options, textareas)."""
    daten: dict = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="file"' in tag or 'type="submit"' in tag:
            continue
        wert = re.search(r'value="([^"]*)"', tag)
        if 'type="checkbox"' in tag:
            if "checked" in tag:
                daten.setdefault(name.group(1), []).append(wert.group(1) if wert else "on")
            continue
        daten[name.group(1)] = wert.group(1) if wert else ""
    for name, inhalt in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        gewaehlt = re.search(r'<option value="([^"]*)"[^>]*selected', inhalt)
        daten[name] = gewaehlt.group(1) if gewaehlt else ""
    for name, inhalt in re.findall(
        r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S
    ):
        daten[name] = inhalt.strip()
    daten.pop("csrfmiddlewaretoken", None)
    return daten


@pytest.fixture
def profil_seite(client_fuer, mitglied_a, akteur_a):
    client = client_fuer(mitglied_a)
    url = reverse("vereine:bearbeiten", args=[akteur_a.slug])
    return client, url, _formulardaten(client.get(url).content.decode())


def test_mitglied_bearbeitet_profil(profil_seite, akteur_a):
    client, url, daten = profil_seite
    daten.update(kurzbeschreibung="Wir bewahren die Geschichte der Stadt.", telefon="039483 1")
    antwort = client.post(url, daten, follow=True)
    assert "Gespeichert." in antwort.content.decode()
    akteur_a.refresh_from_db()
    assert akteur_a.kurzbeschreibung == "Wir bewahren die Geschichte der Stadt."
    assert akteur_a.status == Akteur.Status.AKTIV


def test_status_laesst_sich_nicht_ueber_das_formular_aendern(profil_seite, akteur_a):
    client, url, daten = profil_seite
    client.post(url, {**daten, "status": "inaktiv", "slug": "neu"})
    akteur_a.refresh_from_db()
    assert akteur_a.status == Akteur.Status.AKTIV and akteur_a.slug == "heimatverein"


def test_logo_hochladen_wird_neu_kodiert(profil_seite, akteur_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client, url, daten = profil_seite
    logo = hochladen(png_bytes(300, 300) + HTML_NUTZLAST, "logo.png")
    client.post(url, {**daten, "logo": logo, "logo_alt": "Logo: ein Turm"})
    akteur_a.refresh_from_db()
    assert akteur_a.logo_alt == "Logo: ein Turm"
    with default_storage.open(akteur_a.logo.name) as fh:
        assert b"<html" not in fh.read()
    assert default_storage.exists(vorschau_name(akteur_a.logo.name, "klein"))
    html = client.get(akteur_a.get_absolute_url()).content.decode()
    assert f'src="{akteur_a.logo.url_klein}" alt="Logo: ein Turm"' in html

    # Replacing the logo removes the old file and its thumbnails.
    alt = akteur_a.logo.name
    client.post(url, {**daten, "logo": hochladen(png_bytes(), "neu.png"), "logo_alt": "Neu"})
    akteur_a.refresh_from_db()
    assert akteur_a.logo.name != alt
    assert not default_storage.exists(alt)
    assert not default_storage.exists(vorschau_name(alt, "mittel"))


def test_logo_ohne_alternativtext_wird_abgelehnt(profil_seite, akteur_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client, url, daten = profil_seite
    daten["kurzbeschreibung"] = "Geänderter Text"
    antwort = client.post(url, {**daten, "logo": hochladen(png_bytes()), "logo_alt": ""})
    html = antwort.content.decode()
    assert "Bitte beschreib das Logo in ein paar Worten" in html
    assert "Geänderter Text" in html
    akteur_a.refresh_from_db()
    assert not akteur_a.logo


def test_svg_upload_zeigt_meldung_am_feld(profil_seite, akteur_a):
    client, url, daten = profil_seite
    antwort = client.post(url, {**daten, "logo": hochladen(SVG, "x.svg", "image/svg+xml")})
    assert "SVG-Dateien können wir nicht annehmen" in antwort.content.decode()
    akteur_a.refresh_from_db()
    assert not akteur_a.logo


# --- Memberships ---------------------------------------------------------------------------


def _einladen(client, akteur, email="neu@example.org", rolle="redaktion"):
    return client.post(
        reverse("vereine:mitglieder", args=[akteur.slug]), {"email": email, "rolle": rolle}
    )


def _link(mail) -> str:
    return re.search(r"http://testserver(/akteure/einladung/[^/\s]+/)", mail.body).group(1)


def test_einladung_angemeldet_annehmen(client_fuer, mitglied_a, akteur_a, mailoutbox):
    _einladen(client_fuer(mitglied_a), akteur_a)
    (mail,) = mailoutbox
    assert mail.to == ["neu@example.org"] and "Heimatverein Ballenstedt" in mail.subject
    neu = UserFactory(email="neu@example.org")
    client = client_fuer(neu)
    link = _link(mail)
    assert "Einladung annehmen" in client.get(link).content.decode()
    antwort = client.post(link, follow=True)
    assert "Du bist jetzt Mitglied von Heimatverein Ballenstedt" in antwort.content.decode()
    assert Mitgliedschaft.objects.get(user=neu, akteur=akteur_a).rolle == "redaktion"
    # A used link does not work twice.
    assert "funktioniert nicht mehr" in client.get(link).content.decode()


def test_einladung_ohne_anmeldung_fuehrt_zum_login(
    client, client_fuer, mitglied_a, akteur_a, mailoutbox
):
    _einladen(client_fuer(mitglied_a), akteur_a)
    link = _link(mailoutbox[0])
    html = unquote(client.get(link).content.decode())
    assert f"/konto/login/?next={link}" in html
    assert f"/konto/signup/?next={link}" in html
    antwort = client.post(link)
    assert antwort.url.startswith("/konto/login/")
    assert not Mitgliedschaft.objects.filter(user__email="neu@example.org").exists()


def test_einladung_laeuft_nach_14_tagen_ab(client_fuer, mitglied_a, akteur_a, bewohner, mailoutbox):
    with time_machine.travel("2026-03-01 10:00 +01:00"):
        _einladen(client_fuer(mitglied_a), akteur_a)
    link = _link(mailoutbox[0])
    with time_machine.travel("2026-03-16 10:00 +01:00"):
        antwort = client_fuer(bewohner).post(link)
    assert antwort.status_code == 410
    assert not Mitgliedschaft.objects.filter(user=bewohner).exists()


def test_gefaelschter_link_wird_abgelehnt(client_fuer, bewohner, akteur_a):
    einladung = Einladung.objects.create(akteur=akteur_a, email="x@example.org")
    antwort = client_fuer(bewohner).post(f"/akteure/einladung/{einladung.pk}:falsch/")
    assert antwort.status_code == 410


def test_zurueckgezogene_einladung_gilt_nicht(
    client_fuer, mitglied_a, akteur_a, bewohner, mailoutbox
):
    client = client_fuer(mitglied_a)
    _einladen(client, akteur_a)
    einladung = Einladung.objects.get()
    client.post(reverse("vereine:einladung_zurueckziehen", args=[akteur_a.slug, einladung.pk]))
    assert client_fuer(bewohner).post(_link(mailoutbox[0])).status_code == 410


def test_einladung_fuer_vorhandenes_mitglied_zeigt_fehler(
    client_fuer, mitglied_a, akteur_a, mailoutbox
):
    antwort = _einladen(client_fuer(mitglied_a), akteur_a, email="MITGLIED-A@example.org")
    assert "schon Mitglied" in antwort.content.decode()
    assert not mailoutbox


def test_leitung_aendert_rolle_und_entfernt(client_fuer, mitglied_a, akteur_a):
    zweite = MitgliedschaftFactory(akteur=akteur_a, rolle="redaktion")
    client = client_fuer(mitglied_a)
    client.post(
        reverse("vereine:mitglied_rolle", args=[akteur_a.slug, zweite.pk]), {"rolle": "leitung"}
    )
    zweite.refresh_from_db()
    assert zweite.rolle == "leitung"
    client.post(reverse("vereine:mitglied_entfernen", args=[akteur_a.slug, zweite.pk]))
    assert not Mitgliedschaft.objects.filter(pk=zweite.pk).exists()


def test_letzte_leitung_kann_sich_nicht_entfernen_oder_herabstufen(
    client_fuer, mitglied_a, akteur_a
):
    eigene = Mitgliedschaft.objects.get(user=mitglied_a)
    client = client_fuer(mitglied_a)
    antwort = client.post(
        reverse("vereine:mitglied_entfernen", args=[akteur_a.slug, eigene.pk]), follow=True
    )
    assert "mindestens eine Person in der Leitung" in antwort.content.decode()
    antwort = client.post(
        reverse("vereine:mitglied_rolle", args=[akteur_a.slug, eigene.pk]),
        {"rolle": "redaktion"},
        follow=True,
    )
    assert "mindestens eine Person in der Leitung" in antwort.content.decode()
    eigene.refresh_from_db()
    assert eigene.rolle == "leitung"


def test_leitung_kann_gehen_wenn_eine_andere_bleibt(client_fuer, mitglied_a, akteur_a):
    MitgliedschaftFactory(akteur=akteur_a, rolle="leitung")
    eigene = Mitgliedschaft.objects.get(user=mitglied_a)
    antwort = client_fuer(mitglied_a).post(
        reverse("vereine:mitglied_entfernen", args=[akteur_a.slug, eigene.pk])
    )
    assert antwort.url == reverse("mein_bereich")
    assert not Mitgliedschaft.objects.filter(pk=eigene.pk).exists()


def test_redaktion_bearbeitet_profil_aber_keine_mitglieder(client_fuer, akteur_a):
    redaktion = MitgliedschaftFactory(akteur=akteur_a, rolle="redaktion").user
    client = client_fuer(redaktion)
    assert client.get(reverse("vereine:bearbeiten", args=[akteur_a.slug])).status_code == 200
    assert client.get(reverse("vereine:mitglieder", args=[akteur_a.slug])).status_code == 404
    html = client.get(reverse("mein_bereich")).content.decode()
    assert reverse("vereine:bearbeiten", args=[akteur_a.slug]) in html
    assert reverse("vereine:mitglieder", args=[akteur_a.slug]) not in html


# --- Mein Bereich and proposals ----------------------------------------------------------


def test_mein_bereich_zeigt_eigene_akteure(client_fuer, mitglied_a, akteur_a, akteur_b):
    html = client_fuer(mitglied_a).get(reverse("mein_bereich")).content.decode()
    assert "Heimatverein Ballenstedt" in html and "Deine Rolle: Leitung" in html
    assert "Sportverein Badeborn" not in html
    assert reverse("vereine:vorschlagen") in html
    assert "warten auf eure Entscheidung" not in html


def test_mein_bereich_koordination_sieht_wartende_vorschlaege(client_fuer, koordination):
    AkteurFactory(status="beantragt")
    html = client_fuer(koordination).get(reverse("mein_bereich")).content.decode()
    assert "1 vorgeschlagener Akteur wartet auf eure Entscheidung." in html
    assert "/admin/vereine/akteur/?status__exact=beantragt" in html


def test_vorschlagen_schickt_mail_an_koordination(
    client_fuer, bewohner, koordination, netzwerkprofil, ortsteile, mailoutbox
):
    antwort = client_fuer(bewohner).post(
        reverse("vereine:vorschlagen"),
        {
            "name": "Imkerverein Rieder",
            "art": "verein",
            "kurzbeschreibung": "Bienen und Honig.",
            "ortsteil": ortsteile["Rieder"].pk,
            "kontakt_email": "imker@example.org",
            "themen": [],
        },
        follow=True,
    )
    assert "Das Koordinationsteam schaut sich deinen Vorschlag an" in antwort.content.decode()
    akteur = Akteur.objects.get(name="Imkerverein Rieder")
    assert akteur.status == "beantragt" and akteur.vorgeschlagen_von == bewohner
    assert akteur.slug == "imkerverein-rieder"
    assert sorted(m.to[0] for m in mailoutbox) == [koordination.email, "team@example.org"]
    assert f"/admin/vereine/akteur/{akteur.pk}/change/" in mailoutbox[0].body
    # Not in the directory yet.
    assert "Imkerverein" not in client_fuer().get(reverse("vereine:liste")).content.decode()


def test_vorschlag_ohne_pflichtfelder(client_fuer, bewohner, mailoutbox):
    antwort = client_fuer(bewohner).post(reverse("vereine:vorschlagen"), {"name": "X"})
    assert "Dieses Feld ist zwingend erforderlich" in antwort.content.decode()
    assert not Akteur.objects.filter(name="X").exists() and not mailoutbox


def test_reservierte_slugs_werden_umgangen(client_fuer, bewohner):
    client_fuer(bewohner).post(
        reverse("vereine:vorschlagen"),
        {
            "name": "Mitmachen",
            "art": "initiative",
            "kurzbeschreibung": "x",
            "kontakt_email": "a@b.de",
        },
    )
    assert Akteur.objects.get(name="Mitmachen").slug == "mitmachen-2"


def test_einladung_nach_login_annehmen(client, client_fuer, mitglied_a, akteur_a, mailoutbox):
    """Not logged in: the login page sends the person back to the invitation."""
    _einladen(client_fuer(mitglied_a), akteur_a, email="spaeter@example.org")
    link = _link(mailoutbox[0])
    UserFactory(email="spaeter@example.org")
    antwort = client.post(
        f"{reverse('account_login')}?next={link}",
        {"login": "spaeter@example.org", "password": PASSWORT},
    )
    assert antwort.url == link
    client.post(link)
    assert Mitgliedschaft.objects.filter(
        akteur=akteur_a, user__email="spaeter@example.org"
    ).exists()


def test_mein_bereich_zeigt_offene_einladung(client_fuer, mitglied_a, akteur_a, mailoutbox):
    _einladen(client_fuer(mitglied_a), akteur_a, email="Neu@Example.org")
    neu = UserFactory(email="neu@example.org")
    client = client_fuer(neu)
    html = client.get(reverse("mein_bereich")).content.decode()
    assert "Du bist eingeladen, bei Heimatverein Ballenstedt mitzumachen." in html
    client.post(_link(mailoutbox[0]))
    html = client.get(reverse("mein_bereich")).content.decode()
    assert "Du bist eingeladen" not in html and "Deine Rolle: Redaktion" in html
