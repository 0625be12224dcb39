"""The coordinators' admin for the Stammtisch: planning page, meeting actions, minutes."""

from __future__ import annotations

from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils.text import slugify

from termine.models import Protokoll, Rueckmeldung, Stammtisch
from termine.stammtisch import services as dienste
from tests.factories import (
    AkteurFactory,
    MitgliedschaftFactory,
    StammtischreiheFactory,
    TeilnahmeFactory,
    UserFactory,
)

BERLIN = ZoneInfo("Europe/Berlin")

pytestmark = pytest.mark.django_db


class _Formular(HTMLParser):
    """The fields of the form with `id` (or the first POST form) as a browser would send them."""

    def __init__(self, form_id: str | None) -> None:
        super().__init__()
        self.form_id = form_id
        self.drin = False
        self.daten: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if (
            tag == "form"
            and a.get("id") == self.form_id
            or (tag == "form" and self.form_id is None)
        ) and a.get("method", "get").lower() == "post":
            self.drin = True
        if not self.drin:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.daten.setdefault(name, []).append(a.get("value", "on"))
            else:
                self.daten.setdefault(name, []).append(a.get("value", ""))
        elif tag == "select" and name:
            self._select = name
            self.daten.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.daten[self._select].append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.daten[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.daten[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self.drin:
            self.drin = False
            self.form_id = "__fertig__"


def formular(html: str, form_id: str | None = None) -> dict[str, list[str]]:
    parser = _Formular(form_id)
    parser.feed(html)
    return parser.daten


@pytest.fixture
def jetzt():
    with time_machine.travel(datetime(2026, 6, 1, 9, tzinfo=BERLIN), tick=False) as reise:
        yield reise


@pytest.fixture
def reihe(db):
    reihe = StammtischreiheFactory(name="Vereinsstammtisch Süd", slug="sued")
    for name in ["Angelverein", "Bürgerverein", "Chor Harmonie"]:
        akteur = AkteurFactory(name=name, slug=slugify(name))
        TeilnahmeFactory(reihe=reihe, akteur=akteur)
        MitgliedschaftFactory(akteur=akteur, user=UserFactory(email=f"{akteur.slug}@example.org"))
    return reihe


@pytest.fixture
def admin_client(client_fuer, koordination):
    return client_fuer(koordination)


def test_reihe_hat_knopf_zum_planen(admin_client, reihe):
    inhalt = admin_client.get(
        reverse("admin:termine_stammtischreihe_change", args=[reihe.pk])
    ).content.decode()
    assert reverse("admin:termine_stammtischreihe_planen", args=[reihe.pk]) in inhalt
    assert "Nächste Termine planen" in inhalt
    assert "Rotations-Pool" in inhalt


def test_liste_der_reihen(admin_client, reihe):
    inhalt = admin_client.get(reverse("admin:termine_stammtischreihe_changelist")).content.decode()
    assert "alle 2 Monate am dritten Dienstag, 18:00" in inhalt


def test_planen_zeigt_vorschlaege_und_legt_mit_anpassung_an(jetzt, admin_client, reihe):
    url = reverse("admin:termine_stammtischreihe_planen", args=[reihe.pk])
    seite = admin_client.get(url, {"anzahl": 3}).content.decode()
    assert seite.count('class="planen-zeile"') == 3
    assert "Di 21.7.2026 18:00" in seite
    assert "noch nie Gastgeber" in seite

    daten = formular(seite.split("</form>", 1)[1])  # the second form creates
    chor = reihe.pool.get(akteur__name="Chor Harmonie").akteur
    daten["gastgeber-0-gastgeber"] = [str(chor.pk)]
    daten["anlegen"] = ["1"]
    antwort = admin_client.post(url, daten, follow=True)

    assert "3 Termine geplant" in antwort.content.decode()
    stammtische = list(Stammtisch.objects.order_by("termin__start"))
    assert [s.gastgeber.name for s in stammtische] == [
        "Chor Harmonie",
        "Bürgerverein",
        "Chor Harmonie",
    ]
    assert stammtische[0].vorschlagsgrund == "gewaehlt"
    assert stammtische[1].vorschlagsgrund == "never_hosted"


def test_planen_per_aktion_nur_eine_reihe(admin_client, reihe):
    andere = StammtischreiheFactory()
    url = reverse("admin:termine_stammtischreihe_changelist")
    antwort = admin_client.post(
        url,
        {"action": "naechste_termine_planen", "_selected_action": [reihe.pk, andere.pk]},
        follow=True,
    )
    assert "Bitte wähle genau eine Reihe zum Planen aus." in antwort.content.decode()
    antwort = admin_client.post(
        url, {"action": "naechste_termine_planen", "_selected_action": [reihe.pk]}
    )
    assert antwort.url == reverse("admin:termine_stammtischreihe_planen", args=[reihe.pk])


def test_planen_nur_fuer_koordination(client_fuer, mitglied_a, reihe):
    url = reverse("admin:termine_stammtischreihe_planen", args=[reihe.pk])
    antwort = client_fuer(mitglied_a).get(url)
    assert antwort.status_code == 302 and "login" in antwort.url


@pytest.fixture
def geplant(jetzt, reihe):
    return dienste.naechste_termine_planen(reihe=reihe, anzahl=2)


def _aktion(client, aktion, stammtische, **extra):
    return client.post(
        reverse("admin:termine_stammtisch_changelist"),
        {"action": aktion, "_selected_action": [s.pk for s in stammtische], **extra},
        follow=True,
    )


def test_treffenliste_zeigt_kommende_mit_zahlen(admin_client, geplant):
    dienste.bestaetigen(stammtisch=geplant[0], gastgeber_hat_zugesagt=True)
    geplant[0].refresh_from_db()
    dienste.rsvp_setzen(stammtisch=geplant[0], email="x@example.org", antwort="zusage")
    inhalt = admin_client.get(reverse("admin:termine_stammtisch_changelist")).content.decode()
    assert "21.07.2026 18:00" in inhalt and "15.09.2026 18:00" in inhalt
    assert "Kommende" in inhalt


def test_aktion_gastgeber_anfragen(admin_client, geplant, mailoutbox):
    antwort = _aktion(admin_client, "gastgeber_anfragen", geplant[:1])
    assert "Gastgeber-Anfrage für 1 Termin verschickt." in antwort.content.decode()
    empfaenger = sorted(m.to[0] for m in mailoutbox)
    assert len(empfaenger) == 2 and empfaenger[0] == "angelverein@example.org"


def test_aktion_bestaetigen_und_einladen(admin_client, geplant, mailoutbox):
    dienste.gastgeber_anfragen(stammtisch=geplant[0])
    dienste.gastgeber_antwort(token=dienste.gastgeber_token(geplant[0].anfragen.get()), zusage=True)
    mailoutbox.clear()

    antwort = _aktion(admin_client, "bestaetigen_und_einladen", geplant[:1])

    assert "Vereinsstammtisch Süd – 21.07.2026: 3 Einladungen verschickt." in (
        antwort.content.decode()
    )
    assert len(mailoutbox) == 3
    assert all(m.subject.startswith("Einladung: Vereinsstammtisch Süd") for m in mailoutbox)
    # Twice: a clear message, no second round of mails.
    antwort = _aktion(admin_client, "bestaetigen_und_einladen", geplant[:1])
    assert "Keine neuen Einladungen: alle 3 Adressen der Liste hatten schon eine." in (
        antwort.content.decode()
    )
    assert len(mailoutbox) == 3


def test_aktion_absagen_mit_zwischenseite(admin_client, geplant, mailoutbox):
    dienste.bestaetigen(stammtisch=geplant[0], gastgeber_hat_zugesagt=True)
    mailoutbox.clear()

    zwischen = _aktion(admin_client, "absagen", geplant[:1])
    inhalt = zwischen.content.decode()
    assert "Diese Treffen werden abgesagt." in inhalt
    daten = formular(inhalt.split('id="content-main"', 1)[1])
    daten["grund"] = ["Krankheit im Team"]
    antwort = admin_client.post(reverse("admin:termine_stammtisch_changelist"), daten, follow=True)

    assert "1 Termin abgesagt." in antwort.content.decode()
    geplant[0].termin.refresh_from_db()
    assert geplant[0].termin.absage_grund == "Krankheit im Team"
    assert len(mailoutbox) == 3


def test_absagen_ohne_grund_bleibt_auf_der_zwischenseite(admin_client, geplant):
    zwischen = _aktion(admin_client, "absagen", geplant[:1])
    daten = formular(zwischen.content.decode().split('id="content-main"', 1)[1])
    antwort = admin_client.post(reverse("admin:termine_stammtisch_changelist"), daten)
    assert "Dieses Feld ist zwingend erforderlich." in antwort.content.decode()
    geplant[0].termin.refresh_from_db()
    assert not geplant[0].termin.abgesagt


def test_gastgeber_im_formular_aendern_verlegt_den_ort(admin_client, geplant):
    stammtisch = geplant[0]
    url = reverse("admin:termine_stammtisch_change", args=[stammtisch.pk])
    seite = admin_client.get(url).content.decode()
    assert "Vorstellung des Gastgebers" in seite  # the agenda
    assert "noch nie Gastgeber" in seite
    daten = formular(seite, "stammtisch_form")
    chor = stammtisch.reihe.pool.get(akteur__name="Chor Harmonie").akteur
    chor.strasse, chor.plz, chor.ort = "Am Markt 3", "06493", "Ballenstedt"
    chor.save()
    daten["gastgeber"] = [str(chor.pk)]

    antwort = admin_client.post(url, daten)

    assert antwort.status_code == 302, antwort.content.decode()[:3000]
    stammtisch.refresh_from_db()
    assert stammtisch.gastgeber == chor
    assert stammtisch.vorschlagsgrund == "gewaehlt"
    assert stammtisch.termin.ort == "Am Markt 3, 06493 Ballenstedt"


def test_protokoll_vorbelegt_aus_zusagen(admin_client, geplant):
    stammtisch = geplant[0]
    dienste.bestaetigen(stammtisch=stammtisch, gastgeber_hat_zugesagt=True)
    stammtisch.refresh_from_db()
    angel = stammtisch.reihe.pool.get(akteur__name="Angelverein").akteur
    dienste.rsvp_setzen(stammtisch=stammtisch, email=f"{angel.slug}@example.org", antwort="zusage")
    dienste.rsvp_setzen(stammtisch=stammtisch, email="gast@example.org", antwort="zusage")
    url = reverse("admin:termine_protokoll_add") + f"?termin={stammtisch.termin_id}"

    seite = admin_client.get(url).content.decode()
    daten = formular(seite, "protokoll_form")

    assert daten["anwesende"] == [str(angel.pk)]
    assert daten["personenzahl"] == ["2"]
    assert daten["punkte-0-titel"] == ["Vorstellung des Gastgebers"]
    assert daten["punkte-1-titel"] == ["Vorstellungsrunde"]
    daten["punkte-0-notizen"] = ["Der Angelverein zeigt seinen Teich."]
    daten["beschluesse"] = ["Nächstes Mal grillen wir."]
    daten["_save"] = ["Sichern"]

    antwort = admin_client.post(url, daten)

    assert antwort.status_code == 302, antwort.content.decode()[:2000]
    protokoll = Protokoll.objects.get()
    assert list(protokoll.anwesende.all()) == [angel]
    assert protokoll.punkte.first().notizen == "Der Angelverein zeigt seinen Teich."
    assert protokoll.beschluesse == "Nächstes Mal grillen wir."
    assert not protokoll.veroeffentlicht


def test_protokoll_veroeffentlichen_aktion(admin_client, geplant, mailoutbox):
    protokoll = Protokoll.objects.create(termin=geplant[0].termin)
    protokoll.anwesende.set([geplant[0].gastgeber])
    antwort = admin_client.post(
        reverse("admin:termine_protokoll_changelist"),
        {"action": "veroeffentlichen", "_selected_action": [protokoll.pk]},
        follow=True,
    )
    assert "veröffentlicht und an 1 Person gemailt" in antwort.content.decode()
    assert [m.to for m in mailoutbox] == [["angelverein@example.org"]]


def test_stammtisch_seite_zeigt_antworten_inline(admin_client, geplant):
    dienste.bestaetigen(stammtisch=geplant[0], gastgeber_hat_zugesagt=True)
    geplant[0].refresh_from_db()
    dienste.rsvp_setzen(stammtisch=geplant[0], email="gast@example.org", antwort="vielleicht")
    seite = admin_client.get(
        reverse("admin:termine_stammtisch_change", args=[geplant[0].pk])
    ).content.decode()
    assert "gast@example.org" in seite
    assert "Zusagen: 0, vielleicht: 1, Absagen: 0" in seite
    assert Rueckmeldung.objects.count() == 1
    assert reverse("admin:termine_protokoll_add") + f"?termin={geplant[0].termin_id}" in seite
