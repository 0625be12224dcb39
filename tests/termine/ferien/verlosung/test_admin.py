"""The coordinators' admin for the Verlosung: compute a preview (with and without seed), the
result page, a logged manual change, confirmation; and who may do it."""

import pytest
from django.urls import reverse

from termine.models import Anmeldung, Anpassung, Verlosungslauf, Wunsch
from tests.factories import (
    FerienangebotFactory,
    KindFactory,
    UserFactory,
    ferien_durchfuehrung,
    geburtsdatum_fuer,
)
from tests.termine.formulare import formular_daten

pytestmark = pytest.mark.django_db

ADD = reverse("admin:termine_verlosungslauf_add")


@pytest.fixture
def zeitraum(zeitraum):
    z = zeitraum
    kanu = ferien_durchfuehrung(
        FerienangebotFactory(zeitraum=z, titel="Kanutour", kontaktperson="Herr Kahn"),
        plaetze=1,
    )
    toepfern = ferien_durchfuehrung(FerienangebotFactory(zeitraum=z, titel="Töpfern"), tag=1)
    for vorname in ("Mia", "Ben", "Ida"):
        kind = KindFactory(
            vorname=vorname,
            geburtsdatum=geburtsdatum_fuer(8, kanu.erster_tag),
            eltern=UserFactory(email=f"{vorname.lower()}@example.org"),
        )
        Wunsch.objects.create(kind=kind, durchfuehrung=kanu, favorit=True)
        Wunsch.objects.create(kind=kind, durchfuehrung=toepfern)
    return z


def test_nur_koordination_kommt_in_den_verlosungs_admin(persona, client_fuer, zeitraum):
    name, user = persona
    antwort = client_fuer(user).get(ADD)
    if name == "koordination":
        assert "Vorschau berechnen" in antwort.content.decode()
    else:
        assert antwort.status_code == 302 and "/admin/login/" in antwort["Location"]


def test_vorschau_mit_seed_ergebnisseite_anpassen_und_bestaetigen(
    client_fuer, koordination, zeitraum, mailoutbox
):
    c = client_fuer(koordination)
    seite = c.get(ADD)
    antwort = c.post(ADD, formular_daten(seite, zeitraum=str(zeitraum.pk), seed="4711"))
    lauf = Verlosungslauf.objects.get()
    assert antwort["Location"] == reverse("admin:termine_verlosungslauf_change", args=[lauf.pk])
    assert lauf.seed == 4711 and lauf.erstellt_von == koordination

    html = c.get(antwort["Location"]).content.decode()
    assert "Qualitätsbericht" in html and "4711" in html
    assert "Kinder mit Platz / theoretisches Maximum" in html
    assert "<td>3 / 3</td>" in html  # all three children got a place, the maximum
    assert "Ziehungsreihenfolge" in html and "Kanutour" in html
    # Exactly one child has the canoe place (a favourite); two wait in the order of the draw.
    kanu_id = next(d[0] for d in lauf.eingabe["durchfuehrungen"] if d[4] == 1)
    inhaber = next(k for k, d, *_r in lauf.ergebnis["plaetze"] if d == kanu_id)
    wartend = lauf.ergebnis["wartelisten"][str(kanu_id)]
    assert len(wartend) == 2

    # Manual change through the rendered form: take the canoe place away.
    seite = c.get(reverse("admin:termine_verlosungslauf_change", args=[lauf.pk]))
    daten = formular_daten(
        seite,
        aktion="entfernen",
        kind=str(inhaber),
        durchfuehrung=str(kanu_id),
        grund="Familie verreist",
        anpassen="1",
    )
    daten.pop("neu_berechnen", None)
    daten.pop("nachrechnen", None)
    antwort = c.post(
        reverse("admin:termine_verlosungslauf_change", args=[lauf.pk]), daten, follow=True
    )
    html = antwort.content.decode()
    assert "rückt von der Warteliste nach" in html
    assert "Familie verreist" in html  # the log
    anpassung = Anpassung.objects.get()
    assert anpassung.von == koordination and anpassung.kind_id == inhaber
    lauf.refresh_from_db()
    assert (wartend[0], kanu_id) in {(k, d) for k, d, *_r in lauf.ergebnis["plaetze"]}

    # A change without a reason: a German message next to the field, nothing logged.
    antwort = c.post(
        reverse("admin:termine_verlosungslauf_change", args=[lauf.pk]),
        {
            "aktion": "entfernen",
            "kind": str(wartend[0]),
            "durchfuehrung": str(kanu_id),
            "grund": "",
            "anpassen": "1",
        },
    )
    assert "Dieses Feld ist zwingend erforderlich." in antwort.content.decode()
    assert Anpassung.objects.count() == 1

    url = reverse("admin:termine_verlosungslauf_bestaetigen", args=[lauf.pk])
    html = c.get(url).content.decode()
    assert "Wunschphase ist noch offen" in html
    antwort = c.post(url, follow=True)
    assert "Bestätigt:" in antwort.content.decode()
    lauf.refresh_from_db()
    assert lauf.status == "bestaetigt" and lauf.bestaetigt_von == koordination
    assert Anmeldung.objects.bestaetigt().count() == 4  # 1 canoe + 3 pottery
    assert Anmeldung.objects.warteliste().count() == 1
    assert len(mailoutbox) == 3
    # A confirmed run cannot be deleted, changed or computed again for the period.
    assert c.get(reverse("admin:termine_verlosungslauf_delete", args=[lauf.pk])).status_code == 403
    seite = c.get(ADD)
    assert f'value="{zeitraum.pk}"' not in seite.content.decode()


def test_vorschau_ohne_seed_zieht_einen_und_neu_berechnen(client_fuer, koordination, zeitraum):
    c = client_fuer(koordination)
    c.post(ADD, {"zeitraum": zeitraum.pk, "seed": ""})
    erster = Verlosungslauf.objects.get()
    url = reverse("admin:termine_verlosungslauf_change", args=[erster.pk])
    antwort = c.post(url, {"nachrechnen": "1"}, follow=True)
    assert "identische Ziehung und Plätze" in antwort.content.decode()
    c.post(url, {"neu_berechnen": "1"})
    assert Verlosungslauf.objects.count() == 2
    liste = c.get(reverse("admin:termine_verlosungslauf_changelist")).content.decode()
    assert str(erster.seed) in liste and "3 / 3" in liste


def test_seed_muss_eine_zahl_sein(client_fuer, koordination, zeitraum):
    antwort = client_fuer(koordination).post(ADD, {"zeitraum": zeitraum.pk, "seed": "abc"})
    assert "Bitte eine ganze Zahl eingeben." in antwort.content.decode()
    assert not Verlosungslauf.objects.exists()
