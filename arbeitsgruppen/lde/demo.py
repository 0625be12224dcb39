"""Demo data of Lernen durch Engagement: needs on the board, one finished class project and
one running, all dates relative to today, and a teacher of the Gymnasium to log in with.

Idempotent: `erzeugen()` first removes what it created before (the projects with their
Termine through the service) and writes everything anew. No pupil appears anywhere.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from arbeitsgruppen.lde import services
from arbeitsgruppen.lde.models import Engagementbedarf, Klassenprojekt, schuljahr_zu
from netzwerk.demo import DEMO_PASSWORT
from netzwerk.models import User
from vereine.models import Akteur, Mitgliedschaft

LEHRKRAFT = ("lehrerin@example.org", "Lea Lehrerin (Beispiel)")
SCHULE = "gymnasium"

# actor slug, title, description, from/until (days from today), place, contact
BEDARFE = [
    (
        "gartenfreunde",
        "Insektenhotel für den Gemeinschaftsgarten",
        "Unser Gemeinschaftsgarten braucht Nistplätze für Wildbienen. Die Klasse kann "
        "erforschen, welche Insekten hier leben, ein Insektenhotel planen und bauen.",
        (-30, 90),
        "Gemeinschaftsgarten Radisleben",
        "Gartenfreunde, Herr Krause (Beispiel), 039483 1111",
    ),
    (
        "kita-sonnenschein",
        "Vorlesen in der Kita",
        "Einmal in der Woche Bilderbücher vorlesen und dazu basteln, für die Drei- bis "
        "Sechsjährigen.",
        (0, 150),
        "Kita Sonnenschein, Opperode",
        "Kita-Leitung (Beispiel), 039483 2222",
    ),
    (
        "stadt",
        "Plakate für den Aktionstag",
        "Plakate und Wegweiser für die Vereinsmeile am Tag des Ehrenamts, gemalt und "
        "aufgehängt von einer Klasse.",
        (10, 120),
        "Rathaus Ballenstedt",
        "Stadtverwaltung, Frau Sommer (Beispiel), 039483 3333",
    ),
    (
        "heimatverein",
        "Ortsgeschichte als Audioguide",
        "Alte Bilder und Geschichten aus Badeborn sammeln und als kurze Hörstücke für "
        "den Rundgang aufnehmen.",
        (-120, -20),
        "Heimatmuseum",
        "Heimatverein (Beispiel), 039483 4444",
    ),
]


def _tag(tage: int):
    return timezone.localdate() + timedelta(days=tage)


def loeschen() -> None:
    for projekt in Klassenprojekt.objects.filter(schule__slug=SCHULE):
        services.projekt_loeschen(projekt=projekt)
    Engagementbedarf.objects.filter(titel__in=[b[1] for b in BEDARFE]).delete()
    User.objects.filter(email=LEHRKRAFT[0]).delete()


def _lehrkraft(schule: Akteur) -> User:
    from allauth.account.models import EmailAddress

    user, neu = User.objects.get_or_create(
        email=LEHRKRAFT[0], defaults={"anzeigename": LEHRKRAFT[1]}
    )
    if neu:
        user.set_password(DEMO_PASSWORT)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    Mitgliedschaft.objects.update_or_create(
        user=user, akteur=schule, defaults={"rolle": Mitgliedschaft.Rolle.REDAKTION}
    )
    return user


def erzeugen() -> dict[str, str]:
    akteure = {a.slug: a for a in Akteur.objects.filter(status=Akteur.Status.AKTIV)}
    schule = akteure.get(SCHULE)
    if schule is None:
        return {}
    for projekt in Klassenprojekt.objects.filter(schule=schule):
        services.projekt_loeschen(projekt=projekt)
    Engagementbedarf.objects.filter(titel__in=[b[1] for b in BEDARFE]).delete()
    lehrkraft = _lehrkraft(schule)
    bedarfe = {}
    for slug, titel, text, (von, bis), ort, kontakt in BEDARFE:
        if slug not in akteure:
            continue
        bedarfe[titel] = Engagementbedarf.objects.create(
            akteur=akteure[slug],
            titel=titel,
            beschreibung=text,
            von=_tag(von),
            bis=_tag(bis),
            ortsteil=akteure[slug].ortsteil,
            ort=ort,
            kontakt=kontakt,
        )

    # A finished project: the audio guide with the Heimatverein, closed six weeks ago.
    fertig = services.projekt_anlegen(
        schule=schule,
        von=lehrkraft,
        daten={
            "titel": "Ortsgeschichte zum Hören",
            "klasse": "6a",
            "fach": "Geschichte",
            "lehrplanbezug": "Leben in der Region früher und heute; Arbeiten mit Quellen.",
            "schuljahr": schuljahr_zu(_tag(-150)),
            "veroeffentlicht": True,
        },
        partner=[akteure["heimatverein"]],
        bedarfe=[b for t, b in bedarfe.items() if t == "Ortsgeschichte als Audioguide"],
    )
    services.phasen_speichern(
        projekt=fertig,
        daten={
            "recherche": (_tag(-150), _tag(-130)),
            "planung": (_tag(-129), _tag(-110)),
            "aktion": (_tag(-109), _tag(-60)),
            "abschluss": (_tag(-59), _tag(-42)),
        },
        von=lehrkraft,
    )
    services.standards_speichern(
        projekt=fertig,
        werte={
            "realer_bedarf": (True, "Der Heimatverein wollte seinen Rundgang hörbar machen."),
            "curriculum": (True, "Geschichte: Quellenarbeit, Leben früher."),
            "partizipation": (True, "Die Klasse hat die Stationen selbst ausgewählt."),
            "reflexion": (True, "Nach jeder Phase eine Reflexionsstunde."),
            "ausserschulisch": (True, "Interviews im Heimatmuseum und im Ort."),
            "anerkennung": (True, "Vorstellung beim Stammtisch, Urkunden für alle."),
        },
    )
    for art, text in [
        ("recherche", "Die Klasse war überrascht, wie viel im Museumsarchiv liegt."),
        ("aktion", "Die Aufnahmen im Museum haben allen Spaß gemacht; Technik war knapp."),
    ]:
        services.reflexion_schreiben(
            phase=fertig.phasen.get(art=art), text=f"{text} (Beispiel)", von=lehrkraft
        )
    services.projekt_abschliessen(
        projekt=fertig,
        ergebnis="Acht Hörstationen zur Ortsgeschichte, abrufbar über QR-Codes am Rundgang "
        "des Heimatvereins. (Beispiel)",
        stunden=36,
        am=_tag(-42),
    )

    # A running project: the insect hotel, in its action phase now.
    laufend = services.projekt_anlegen(
        schule=schule,
        von=lehrkraft,
        daten={
            "titel": "Ein Insektenhotel für den Gemeinschaftsgarten",
            "klasse": "6b",
            "fach": "Biologie",
            "lehrplanbezug": "Lebensräume und Artenvielfalt; Insekten und ihre Entwicklung.",
            "schuljahr": schuljahr_zu(_tag(0)),
            "veroeffentlicht": True,
        },
        partner=[akteure["gartenfreunde"]],
        bedarfe=[b for t, b in bedarfe.items() if t.startswith("Insektenhotel")],
    )
    services.phasen_speichern(
        projekt=laufend,
        daten={
            "recherche": (_tag(-28), _tag(-15)),
            "planung": (_tag(-14), _tag(-3)),
            "aktion": (_tag(-2), _tag(20)),
            "abschluss": (_tag(21), _tag(35)),
        },
        von=lehrkraft,
    )
    services.standards_speichern(
        projekt=laufend,
        werte={
            "realer_bedarf": (True, "Die Gartenfreunde brauchen Nistplätze."),
            "curriculum": (True, "Biologie: Lebensräume."),
            "partizipation": (True, "Die Klasse hat über Bauart und Standort abgestimmt."),
        },
    )
    services.reflexion_schreiben(
        phase=laufend.phasen.get(art="recherche"),
        text="Die Insektenzählung im Garten war ein guter Einstieg. (Beispiel)",
        von=lehrkraft,
    )
    return {LEHRKRAFT[0]: "Lehrerin (Gymnasium)"}
