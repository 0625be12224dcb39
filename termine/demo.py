"""Demo data of the calendar: a realistic year around the day the command runs.

Includes the Stadtfest, the Tag des Ehrenamts, weekly training dates (one pausing in the
school holidays), a monthly meeting, a cancelled date and a few deliberate clashes for the
Terminabgleich. The year is written down as 2026 and moved by whole years, each date then to
the nearest day of its weekday (so a Friday stays a Friday): each single date into the half year
before or after today (a clash moves with the date it clashes with), each series so that it
began within the last year, its end and its exceptions into the year ahead.

Idempotent: single dates are found again by title and start, series by title. Actors come
from vereine's demo data when it exists (looked up by slug or name); missing ones are
created, marked as example.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from netzwerk.models import Ortsteil, User
from netzwerk.zeit import ortszeit, zone
from termine.models import Termin, TerminAusnahme
from vereine.models import Akteur, Mitgliedschaft

MARKE = "(Beispiel)"

AKTEURE = {
    "heimatverein": ("Heimatverein Ballenstedt", "verein", "ballenstedt"),
    "sportverein": ("Sportverein Badeborn", "verein", "badeborn"),
    "feuerwehr-opperode": ("Freiwillige Feuerwehr Opperode", "verein", "opperode"),
    "stadt": ("Stadt Ballenstedt – Bürgerbüro", "kommune", "ballenstedt"),
    "kirchengemeinde": ("Ev. Kirchengemeinde Ballenstedt", "kirche", "ballenstedt"),
    "chor-asmusstedt": ("Gemischter Chor Asmusstedt", "verein", "asmusstedt"),
}


def _t(monat: int, tag: int, stunde: int = 0, minute: int = 0) -> datetime:
    return datetime(2026, monat, tag, stunde, minute, tzinfo=zone())


def _tag_verschieben(tag: date, jahre: int) -> date:
    """`tag` moved by `jahre` years, then to the nearest day of the same weekday."""
    neu = tag.replace(year=tag.year + jahre)  # the 2026 dates hold no 29 February
    return neu + timedelta(days=(tag.weekday() - neu.weekday() + 3) % 7 - 3)


def _verschieben(wert, jahre: int):
    """`wert` (a date or an aware datetime) moved as :func:`_tag_verschieben`, same wall time."""
    if isinstance(wert, datetime):
        lokal = wert.astimezone(zone())
        tag = _tag_verschieben(lokal.date(), jahre)
        return ortszeit(tag, lokal.time())
    return _tag_verschieben(wert, jahre)


def _jahre(tag: date, frueheste: date) -> int:
    """How many years to move `tag` so that it is the first on or after `frueheste`."""
    jahre = frueheste.year - tag.year - 1
    while _tag_verschieben(tag, jahre) < frueheste:
        jahre += 1
    return jahre


def _ins_heute(eintrag: dict, heute: date) -> dict:
    """The 2026 entry moved around `heute` (see the module docstring)."""
    daten = dict(eintrag)
    anker = daten.pop("anker", daten["start"]).date()
    if daten.get("wiederholung"):
        jahre = _jahre(anker, heute - timedelta(days=363))
        if daten.get("wiederholen_bis"):
            daten["wiederholen_bis"] = _verschieben(
                daten["wiederholen_bis"],
                _jahre(daten["wiederholen_bis"], heute + timedelta(days=14)),
            )
        if daten.get("ausnahmen"):
            ausnahmen_jahre = _jahre(daten["ausnahmen"][0], heute - timedelta(days=7))
            daten["ausnahmen"] = [_verschieben(t, ausnahmen_jahre) for t in daten["ausnahmen"]]
    else:
        jahre = _jahre(anker, heute - timedelta(days=182))
    dauer = daten["ende"] - daten["start"]
    daten["start"] = _verschieben(daten["start"], jahre)
    daten["ende"] = daten["start"] + dauer
    return daten


def _akteur(slug: str) -> Akteur:
    name, art, ortsteil_slug = AKTEURE[slug]
    akteur = Akteur.objects.filter(slug=slug).first() or Akteur.objects.filter(name=name).first()
    if akteur is None:
        akteur = Akteur.objects.create(
            slug=slug,
            name=name,
            art=art,
            status=Akteur.Status.AKTIV,
            kurzbeschreibung=f"Beispielakteur für den Kalender {MARKE}",
            ortsteil=Ortsteil.objects.filter(slug=ortsteil_slug).first(),
        )
    return akteur


def _termine() -> list[dict]:
    """The year, as plain data (keyword arguments for Termin plus `veranstalter`)."""
    return [
        dict(
            titel="Neujahrsempfang der Vereine",
            start=_t(1, 16, 18),
            ende=_t(1, 16, 21),
            kategorie="treffen",
            ort="Rathaus, Ratssaal",
            ortsteil="ballenstedt",
            veranstalter=["stadt"],
            status="bestaetigt",
        ),
        dict(
            titel="Lauftreff",
            start=_t(1, 8, 18),
            ende=_t(1, 8, 19, 30),
            kategorie="sport",
            ort="Sportplatz Badeborn",
            ortsteil="badeborn",
            veranstalter=["sportverein"],
            wiederholung="woechentlich",
            wiederholen_bis=date(2026, 12, 17),
            pausiert_in_schulferien=True,
            status="bestaetigt",
            beschreibung="Für alle, die gern gemeinsam laufen. Jedes Tempo ist willkommen.",
        ),
        dict(
            titel="Jugendfeuerwehr: Übungsabend",
            start=_t(1, 13, 17),
            ende=_t(1, 13, 19),
            kategorie="kinder_jugend",
            ort="Gerätehaus Opperode",
            ortsteil="opperode",
            veranstalter=["feuerwehr-opperode"],
            wiederholung="woechentlich",
            intervall=2,
            status="bestaetigt",
        ),
        dict(
            titel="Chorprobe",
            start=_t(1, 7, 19, 30),
            ende=_t(1, 7, 21),
            kategorie="kultur",
            ort="Dorfgemeinschaftshaus Rieder",
            ortsteil="rieder",
            veranstalter=["chor-asmusstedt"],
            wiederholung="woechentlich",
            status="bestaetigt",
            ausnahmen=[date(2026, 12, 23), date(2026, 12, 30)],
        ),
        dict(
            titel="Heimatabend",
            start=_t(1, 27, 19),
            ende=_t(1, 27, 21),
            kategorie="vereinsleben",
            ort="Heimatstube",
            ortsteil="ballenstedt",
            veranstalter=["heimatverein"],
            wiederholung="monatlich",
            woche_im_monat=-1,
            status="bestaetigt",
        ),
        dict(
            titel="Osterfeuer",
            start=_t(4, 4, 18),
            ende=_t(4, 4, 23),
            kategorie="fest",
            ort="Festwiese Opperode",
            ortsteil="opperode",
            veranstalter=["feuerwehr-opperode"],
            status="bestaetigt",
        ),
        dict(
            titel="Tag des Ehrenamts mit Vereinsmeile",
            start=_t(5, 22),
            ende=_t(5, 23),
            ganztaegig=True,
            kategorie="aktionstag",
            grossveranstaltung=True,
            ort="Innenstadt, Vereinsmeile",
            ortsteil="ballenstedt",
            veranstalter=["stadt", "heimatverein"],
            status="bestaetigt",
            beschreibung="Alle Vereine stellen sich an ihren Ständen vor. Komm vorbei!",
        ),
        # A deliberate clash: a football tournament on the Tag des Ehrenamts.
        dict(
            titel="Pfingstturnier der Jugend",
            anker=_t(5, 22),
            start=_t(5, 22, 10),
            ende=_t(5, 22, 16),
            kategorie="sport",
            ort="Sportplatz Badeborn",
            ortsteil="badeborn",
            veranstalter=["sportverein"],
            status="geplant",
        ),
        dict(
            titel="Sommerkonzert",
            start=_t(6, 14, 17),
            ende=_t(6, 14, 19),
            kategorie="kultur",
            ort="Schlosskirche",
            ortsteil="ballenstedt",
            veranstalter=["kirchengemeinde", "chor-asmusstedt"],
            status="bestaetigt",
        ),
        dict(
            titel="Sportfest",
            start=_t(6, 27, 9),
            ende=_t(6, 27, 17),
            kategorie="sport",
            ortsteil="badeborn",
            ort="Sportplatz Badeborn",
            veranstalter=["sportverein"],
            status="abgesagt",
            absage_grund="Der Platz wird neu eingesät – wir holen das Fest im September nach.",
        ),
        dict(
            titel="Stadtfest Ballenstedt",
            start=_t(8, 28, 15),
            ende=_t(8, 30, 22),
            kategorie="fest",
            grossveranstaltung=True,
            ort="Schlossplatz und Altstadt",
            ortsteil="ballenstedt",
            veranstalter=["stadt"],
            status="bestaetigt",
            beschreibung="Drei Tage Musik, Markt und Mitmachen für die ganze Familie.",
        ),
        # Deliberate clashes with the Stadtfest.
        dict(
            titel="Feuerwehrfest Opperode",
            anker=_t(8, 28, 15),
            start=_t(8, 29, 11),
            ende=_t(8, 29, 22),
            kategorie="fest",
            ort="Gerätehaus Opperode",
            ortsteil="opperode",
            veranstalter=["feuerwehr-opperode"],
            status="geplant",
        ),
        dict(
            titel="Heimatverein: Historischer Stadtrundgang",
            anker=_t(8, 28, 15),
            start=_t(8, 29, 14),
            ende=_t(8, 29, 16),
            kategorie="kultur",
            ort="Treffpunkt Rathaus",
            ortsteil="ballenstedt",
            veranstalter=["heimatverein"],
            status="bestaetigt",
        ),
        dict(
            titel="Nachholtermin Sportfest",
            start=_t(9, 19, 9),
            ende=_t(9, 19, 17),
            kategorie="sport",
            ort="Sportplatz Badeborn",
            ortsteil="badeborn",
            veranstalter=["sportverein"],
            status="geplant",
        ),
        dict(
            titel="Erntedankfest",
            start=_t(10, 4, 10),
            ende=_t(10, 4, 14),
            kategorie="fest",
            ort="Kirche Rieder",
            ortsteil="rieder",
            veranstalter=["kirchengemeinde"],
            status="bestaetigt",
        ),
        dict(
            titel="Laternenumzug",
            start=_t(11, 11, 17),
            ende=_t(11, 11, 19),
            kategorie="kinder_jugend",
            ort="Marktplatz",
            ortsteil="ballenstedt",
            veranstalter=["kirchengemeinde", "feuerwehr-opperode"],
            status="bestaetigt",
        ),
        dict(
            titel="Weihnachtsmarkt",
            start=_t(12, 5, 14),
            ende=_t(12, 6, 20),
            kategorie="fest",
            grossveranstaltung=True,
            ort="Schlossplatz",
            ortsteil="ballenstedt",
            veranstalter=["stadt", "heimatverein"],
            status="geplant",
        ),
        dict(
            titel="Vorständetreffen der Vereine",
            start=_t(10, 14, 19),
            ende=_t(10, 14, 21),
            kategorie="treffen",
            sichtbarkeit="netzwerk",
            ort="Rathaus",
            ortsteil="ballenstedt",
            veranstalter=["stadt"],
            status="bestaetigt",
        ),
    ]


def erzeugen() -> dict[str, str]:
    ortsteile = {o.slug: o for o in Ortsteil.objects.all()}
    koordination = User.objects.filter(email="koordination@example.org").first()
    heute = timezone.localdate()
    for eintrag in _termine():
        daten = _ins_heute(eintrag, heute)
        veranstalter = [_akteur(slug) for slug in daten.pop("veranstalter")]
        ausnahmen = daten.pop("ausnahmen", [])
        ortsteil = ortsteile.get(daten.pop("ortsteil", ""))
        titel = f"{daten.pop('titel')} {MARKE}"
        # A series is one row whatever day the demo ran on; a single date is that year's.
        schluessel = {"titel": titel}
        if not daten.get("wiederholung"):
            schluessel["start"] = daten.pop("start")
        termin, _neu = Termin.objects.update_or_create(
            **schluessel,
            defaults={**daten, "ortsteil": ortsteil, "erstellt_von": koordination},
        )
        if termin.wiederkehrend and termin.wochentag is None:
            termin.wochentag = termin.start.astimezone(zone()).weekday()
            termin.save(update_fields=["wochentag"])
        termin.veranstalter.set(veranstalter)
        for tag in ausnahmen:
            TerminAusnahme.objects.get_or_create(termin=termin, datum=tag)
    # The member persona can try the date form with two actors.
    mitglied = User.objects.filter(email="mitglied@example.org").first()
    if mitglied is not None:
        for slug in ("heimatverein", "sportverein"):
            Mitgliedschaft.objects.get_or_create(
                user=mitglied, akteur=_akteur(slug), defaults={"rolle": "leitung"}
            )
    return {}


def loeschen() -> None:
    Termin.objects.filter(titel__endswith=MARKE).delete()


__all__ = ["erzeugen", "loeschen"]
