"""Demo data of the shared challenges: six challenges raised at the demo's past Stammtisch
meetings, with follow-ups agreed at later ones, notes, one handed to a working group and one
closed with an outcome.

Runs after the Stammtisch demo; its meetings are found through the calendar core (Termine of
the category "Stammtisch" in the past), not through the room. All dates are relative to today
(those meetings are). Written through the services, so the history is the real one.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from arbeitsgruppen.models import Vorhaben
from netzwerk.koordination import services
from netzwerk.koordination.models import Herausforderung
from netzwerk.models import Ortsteil, User
from termine.models import Termin
from vereine.models import Akteur

MARKE = "(Beispiel)"
H = Herausforderung

# title, description, category, visibility, district slug, raised by (actor slugs),
# meeting index (0 = oldest past meeting), follow-ups [(text, actor slug, due in days after
# the meeting, done?)], notes [(meeting index, text)], hand over to Vorhaben (title start),
# outcome
HERAUSFORDERUNGEN = [
    (
        "Zu wenig junge Leute in den Vorständen",
        "Mehrere Vereine finden niemanden für Kasse und Vorsitz; die Jüngeren helfen gern bei "
        "Festen, wollen aber kein Amt.",
        H.Kategorie.NACHWUCHS,
        H.Sichtbarkeit.OEFFENTLICH,
        None,
        ["heimatverein", "chor-asmusstedt", "sportverein"],
        0,
        [
            ("Gymnasium nach einer Projektwoche „Ehrenamt“ fragen", "gymnasium", 30, True),
            ("Ämter in kleinere Aufgaben teilen: Beispiele sammeln", "heimatverein", 50, False),
            ("Infoabend „Vorstand leicht gemacht“ planen", "stadt", 75, False),
        ],
        [(1, "Die Jugendinitiative will mitmachen; die Schule hat Interesse signalisiert.")],
        "",
        "",
    ),
    (
        "Kein Bus abends zu den Treffen in die Ortsteile",
        "Wer kein Auto hat, kommt abends schlecht nach Rieder oder Radisleben.",
        H.Kategorie.MOBILITAET,
        H.Sichtbarkeit.OEFFENTLICH,
        "rieder",
        ["angelverein-rieder", "tafel"],
        1,
        [("Mitfahrbörse auf der Stammtisch-Einladung anbieten", None, 14, True)],
        [(2, "Mitfahrbörse läuft; zwei Fahrgemeinschaften haben sich gefunden.")],
        "",
        "Mitfahrbörse mit jeder Einladung; beim Stammtisch wird gefragt, wer wen mitnimmt.",
    ),
    (
        "Lagerplatz für Bänke und Zelte fehlt",
        "Das Material der Vereine liegt verstreut in Garagen; vieles wird doppelt gekauft.",
        H.Kategorie.RAEUME,
        H.Sichtbarkeit.OEFFENTLICH,
        "ballenstedt",
        ["feuerwehr-opperode", "heimatverein", "stadt"],
        1,
        [("Gemeinsame Liste des Materials anlegen", "heimatverein", 21, True)],
        [],
        "Markt der guten",
        "",
    ),
    (
        "Termine kollidieren bei großen Festen",
        "Zwei große Feste am selben Wochenende: beide hatten weniger Gäste.",
        H.Kategorie.ZUSAMMENARBEIT,
        H.Sichtbarkeit.OEFFENTLICH,
        None,
        ["sportverein", "kirchengemeinde"],
        2,
        [("Großveranstaltungen bis Januar in den Kalender eintragen", None, 40, False)],
        [],
        "",
        "",
    ),
    (
        "Versicherungsfragen bei gemeinsamen Aktionen",
        "Wer ist versichert, wenn Helfende eines Vereins beim anderen mit anpacken?",
        H.Kategorie.FINANZEN,
        H.Sichtbarkeit.NETZWERK,
        None,
        ["tafel", "repair-cafe"],
        2,
        [("Stadt fragt beim Versicherer des Landes nach", "stadt", 10, False)],
        [],
        "",
        "",
    ),
    (
        "Vereinsnachrichten erreichen die Neuzugezogenen nicht",
        "Wer neu in der Stadt ist, erfährt von den Vereinen nur zufällig.",
        H.Kategorie.KOMMUNIKATION,
        H.Sichtbarkeit.OEFFENTLICH,
        None,
        ["stadt"],
        -1,
        [("Begrüßungsmappe der Stadt um das Akteursverzeichnis ergänzen", "stadt", 30, False)],
        [],
        "",
        "",
    ),
]


def loeschen() -> None:
    Herausforderung.objects.filter(titel__endswith=MARKE).delete()


def erzeugen() -> dict[str, str]:
    jetzt = timezone.now()
    sitzungen = list(
        Termin.objects.filter(kategorie=Termin.Kategorie.STAMMTISCH, start__lt=jetzt)
        .nicht_abgesagt()
        .order_by("start")
    )
    if not sitzungen:
        return {}
    sitzungen = sitzungen[-4:]  # the last four past meetings carry the story
    koordination = User.objects.filter(is_staff=True, is_active=True).order_by("pk").first()
    akteure = {a.slug: a for a in Akteur.objects.all()}
    ortsteile = {o.slug: o for o in Ortsteil.objects.all()}
    for (
        titel,
        text,
        kategorie,
        sichtbarkeit,
        ortsteil,
        von_akteuren,
        index,
        schritte,
        notizen,
        vorhaben_titel,
        ergebnis,
    ) in HERAUSFORDERUNGEN:
        voller_titel = f"{titel} {MARKE}"
        if Herausforderung.objects.filter(titel=voller_titel).exists():
            continue
        sitzung = sitzungen[min(index, len(sitzungen) - 1)] if index >= 0 else None
        tag = (
            timezone.localdate(sitzung.start)
            if sitzung
            else timezone.localdate() - timedelta(days=7)
        )
        h = services.aufnehmen(
            titel=voller_titel,
            beschreibung=text,
            kategorie=kategorie,
            sichtbarkeit=sichtbarkeit,
            herkunft=H.Herkunft.STAMMTISCH if sitzung else H.Herkunft.KOORDINATION,
            termin=sitzung,
            aufgekommen_am=tag,
            akteure=[akteure[s] for s in von_akteuren if s in akteure],
            ortsteil=ortsteile.get(ortsteil) if ortsteil else None,
            von=koordination,
        )
        for schritt_text, akteur_slug, tage, erledigt in schritte:
            schritt = services.schritt_vereinbaren(
                herausforderung=h,
                text=schritt_text,
                akteur=akteure.get(akteur_slug) if akteur_slug else None,
                person=None if akteur_slug else koordination,
                faellig_am=tag + timedelta(days=tage),
                termin=sitzung,
                von=koordination,
            )
            if erledigt:
                am = min(tag + timedelta(days=tage - 3), timezone.localdate())
                services.schritt_erledigen(schritt=schritt, von=koordination, am=am)
        for spaeter, notiz in notizen:
            if spaeter < len(sitzungen) and sitzungen[spaeter].start > (sitzung or jetzt).start:
                services.besprechen(
                    herausforderung=h, text=notiz, termin=sitzungen[spaeter], von=koordination
                )
        if vorhaben_titel:
            vorhaben = Vorhaben.objects.filter(titel__startswith=vorhaben_titel).first()
            if vorhaben:
                services.uebergeben(herausforderung=h, vorhaben=vorhaben, von=koordination)
        if ergebnis:
            services.abschliessen(
                herausforderung=h,
                ergebnis=ergebnis,
                von=koordination,
                am=timezone.localdate(sitzungen[-1].start),
            )
    return {}


__all__ = ["erzeugen", "loeschen"]
