"""Demo data of the pool: 15 items of the demo actors and lendings around today.

All dates are relative to today, so the month view and "Ausleihen" look alive on every day.
Lendings are written directly (no mails); units are chosen with the same pure function the
accepting service uses, so the demo never holds a unit twice.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from netzwerk.models import Ortsteil, User
from vereine.models import Akteur
from vereine.ressourcen.models import (
    Ausleihe,
    Belegung,
    Ressource,
    Uebergabe,
    Zustandseintrag,
)
from vereine.ressourcen.services import einheiten_abgleichen, termine_zur_wahl
from vereine.ressourcen.verfuegbarkeit import einheiten_waehlen

R = Ressource.Art

# (actor slug, name, kind, quantity, lead days, place, conditions, only for listed actors)
RESSOURCEN = [
    (
        "heimatverein",
        "Faltpavillon 3 × 6 m",
        R.ZELT,
        2,
        3,
        "Heimatmuseum, Scheune",
        "Rückgabe trocken und gereinigt.",
        [],
    ),
    (
        "heimatverein",
        "Vereinssaal im Heimatmuseum",
        R.RAUM,
        1,
        7,
        "Heimatmuseum, 1. Stock",
        "Nur mit Einweisung; bis 22 Uhr.",
        [],
    ),
    (
        "heimatverein",
        "Beamer mit Leinwand",
        R.TECHNIK,
        1,
        2,
        "Heimatmuseum, Büro",
        "Nur mit Einweisung.",
        [],
    ),
    (
        "sportverein",
        "Bierzeltgarnitur",
        R.MOEBEL,
        20,
        3,
        "Sportplatz, Geräteschuppen",
        "Selbst abholen, sauber zurück.",
        [],
    ),
    (
        "sportverein",
        "Vereinsbus (9 Sitze)",
        R.FAHRZEUG,
        1,
        5,
        "Sportplatz Badeborn",
        "Voll getankt zurück; Fahrer:in ab 25 Jahren.",
        ["heimatverein", "chor-asmusstedt"],
    ),
    (
        "sportverein",
        "Lautsprecheranlage",
        R.TECHNIK,
        1,
        2,
        "Vereinsheim",
        "Nur mit Einweisung.",
        [],
    ),
    (
        "feuerwehr-opperode",
        "Stromaggregat",
        R.TECHNIK,
        1,
        3,
        "Gerätehaus Opperode",
        "Nur mit Einweisung; Rückgabe voll getankt.",
        [],
    ),
    (
        "feuerwehr-opperode",
        "Festzelt 8 × 12 m",
        R.ZELT,
        1,
        14,
        "Gerätehaus Opperode",
        "Aufbau nur mit zwei Leuten der Feuerwehr.",
        [],
    ),
    ("chor-asmusstedt", "Notenständer", R.SONSTIGES, 12, 2, "Gemeindehaus Asmusstedt", "", []),
    (
        "gartenfreunde",
        "Häcksler",
        R.SONSTIGES,
        1,
        2,
        "Vereinsgarten Radisleben",
        "Gereinigt zurück.",
        [],
    ),
    (
        "kirchengemeinde",
        "Gemeindesaal",
        R.RAUM,
        1,
        10,
        "Kirchplatz 2",
        "Küche inklusive; bis 22 Uhr.",
        [],
    ),
    (
        "kirchengemeinde",
        "Mobile Küche (Gastro-Wagen)",
        R.KUECHE,
        1,
        7,
        "Pfarrhof",
        "Nur mit Einweisung; Rückgabe gereinigt.",
        [],
    ),
    (
        "stadt",
        "Absperrgitter",
        R.SONSTIGES,
        30,
        7,
        "Bauhof Ballenstedt",
        "Abholung Mo–Fr 7–15 Uhr.",
        [],
    ),
    (
        "gymnasium",
        "Aula",
        R.RAUM,
        1,
        14,
        "Gymnasium, Haus A",
        "Nur außerhalb der Unterrichtszeit.",
        [],
    ),
    ("tischlerei", "Stehtische", R.MOEBEL, 8, 2, "Tischlerei Radisleben", "", []),
]

# (item name, borrowing actor slug, first day, last day, quantity, status, days since request)
AUSLEIHEN = [
    ("Faltpavillon 3 × 6 m", "sportverein", 6, 7, 1, "angefragt", 1),
    ("Beamer mit Leinwand", "chor-asmusstedt", 4, 4, 1, "angefragt", 9),
    ("Vereinssaal im Heimatmuseum", "gartenfreunde", 12, 12, 1, "angenommen", 4),
    ("Faltpavillon 3 × 6 m", "feuerwehr-opperode", 1, 3, 2, "angenommen", 10),
    ("Bierzeltgarnitur", "heimatverein", 6, 7, 12, "angefragt", 2),
    ("Bierzeltgarnitur", "chor-asmusstedt", -1, 1, 8, "ausgegeben", 12),
    ("Lautsprecheranlage", "heimatverein", -2, 0, 1, "ausgegeben", 9),
    ("Vereinsbus (9 Sitze)", "heimatverein", 9, 10, 1, "angenommen", 3),
    ("Stromaggregat", "sportverein", -12, -10, 1, "zurueckgegeben", 20),
    ("Festzelt 8 × 12 m", "heimatverein", 20, 22, 1, "angenommen", 6),
    ("Gemeindesaal", "chor-asmusstedt", 15, 15, 1, "abgelehnt", 5),
    ("Absperrgitter", "sportverein", 2, 4, 20, "angenommen", 8),
    ("Stehtische", "gymnasium", -6, -5, 6, "zurueckgegeben", 15),
]


def _termin_verknuepfen(ausleihe: Ausleihe, user) -> None:
    """Link an accepted demo lending to a date it could be for: one of the borrower's dates or
    a joint event (e.g. the upcoming Markt der guten Geschäfte) that starts within its days."""
    if user is None:
        return
    for termin in termine_zur_wahl(akteure=[ausleihe.akteur], user=user):
        if ausleihe.von <= timezone.localdate(termin.start) <= ausleihe.bis:
            Ausleihe.objects.filter(pk=ausleihe.pk).update(termin=termin)
            return


def loeschen() -> None:
    for slug, name, *_ in RESSOURCEN:
        for ressource in Ressource.objects.filter(akteur__slug=slug, name=name):
            Belegung.objects.filter(einheit__ressource=ressource).delete()
            ressource.delete()


def erzeugen() -> dict[str, str]:
    akteure = {a.slug: a for a in Akteur.objects.filter(slug__in={r[0] for r in RESSOURCEN})}
    akteure.update({a.slug: a for a in Akteur.objects.filter(slug__in={a[1] for a in AUSLEIHEN})})
    if not akteure:
        return {}
    ortsteile = {o.pk: o for o in Ortsteil.objects.all()}
    ressourcen = {}
    for slug, name, art, menge, vorlauf, ort, bedingungen, nur_fuer in RESSOURCEN:
        akteur = akteure.get(slug)
        if akteur is None:
            continue
        ressource, neu = Ressource.objects.update_or_create(
            akteur=akteur,
            name=name,
            defaults={
                "art": art,
                "menge": menge,
                "vorlauf_tage": vorlauf,
                "ort": ort,
                "ortsteil": ortsteile.get(akteur.ortsteil_id),
                "bedingungen": bedingungen,
                "beschreibung": f"{name} – zum Ausleihen für alle im Netzwerk. (Beispiel)",
                "ausleihbar_fuer": (
                    Ressource.Ausleihbar.AUSGEWAEHLTE if nur_fuer else Ressource.Ausleihbar.ALLE
                ),
                "aktiv": True,
            },
        )
        ressource.freigegeben_fuer.set([akteure[s] for s in nur_fuer if s in akteure])
        einheiten_abgleichen(ressource=ressource)
        ressourcen[name] = ressource

    # Lendings anew on every run, so that they stay around today.
    Belegung.objects.filter(einheit__ressource__in=ressourcen.values()).delete()
    Ausleihe.objects.filter(ressource__in=ressourcen.values()).delete()
    Zustandseintrag.objects.filter(ressource__in=ressourcen.values()).delete()
    heute = timezone.localdate()
    jetzt = timezone.now()
    mitglied = User.objects.filter(email="mitglied@example.org").first()
    for ressource in ressourcen.values():
        Zustandseintrag.objects.create(
            ressource=ressource,
            zustand=Zustandseintrag.Zustand.EINSATZBEREIT,
            text="In den Pool aufgenommen.",
            erstellt=jetzt - timedelta(days=30),
        )
    for name, slug, von, bis, menge, status, alter in AUSLEIHEN:
        ressource, akteur = ressourcen.get(name), akteure.get(slug)
        if ressource is None or akteur is None:
            continue
        ausleihe = Ausleihe.objects.create(
            ressource=ressource,
            akteur=akteur,
            von=heute + timedelta(days=von),
            bis=heute + timedelta(days=bis),
            menge=menge,
            status=status,
            nachricht="Für unser Fest – danke! (Beispiel)",
            angefragt_von=mitglied if slug in ("heimatverein", "sportverein") else None,
            erstellt=jetzt - timedelta(days=alter),
        )
        if status != Ausleihe.Status.ANGEFRAGT:
            Ausleihe.objects.filter(pk=ausleihe.pk).update(
                antwort="Gern, meldet euch zur Abholung."
                if status != "abgelehnt"
                else "Da ist leider schon Gemeindefest.",
                beantwortet_am=jetzt - timedelta(days=max(alter - 1, 0)),
            )
        if status in Ausleihe.BELEGEND_ODER_ERLEDIGT:
            einheiten = list(ressource.einheiten.values_list("pk", flat=True))
            buchungen = list(
                Belegung.objects.filter(einheit__ressource=ressource).values_list(
                    "einheit", "von", "bis"
                )
            )
            gewaehlt = einheiten_waehlen(einheiten, buchungen, ausleihe.von, ausleihe.bis, menge)
            Belegung.objects.bulk_create(
                Belegung(ausleihe=ausleihe, einheit_id=e, von=ausleihe.von, bis=ausleihe.bis)
                for e in gewaehlt or []
            )
            _termin_verknuepfen(ausleihe, mitglied)
        if status in (Ausleihe.Status.AUSGEGEBEN, Ausleihe.Status.ZURUECKGEGEBEN):
            Uebergabe.objects.create(
                ausleihe=ausleihe,
                art=Uebergabe.Art.AUSGABE,
                notiz="Alles da.",
                erstellt=jetzt - timedelta(days=max(-von, 0)),
            )
            Zustandseintrag.objects.create(
                ressource=ressource,
                zustand=Zustandseintrag.Zustand.AUSGELIEHEN,
                ausleihe=ausleihe,
                erstellt=jetzt - timedelta(days=max(-von, 0)),
            )
        if status == Ausleihe.Status.ZURUECKGEGEBEN:
            schaden = name == "Stromaggregat"
            Uebergabe.objects.create(
                ausleihe=ausleihe,
                art=Uebergabe.Art.RUECKGABE,
                schaden=schaden,
                notiz="Tankdeckel gerissen." if schaden else "",
                erstellt=jetzt - timedelta(days=-bis),
            )
            Zustandseintrag.objects.create(
                ressource=ressource,
                zustand=(
                    Zustandseintrag.Zustand.BESCHAEDIGT
                    if schaden
                    else Zustandseintrag.Zustand.EINSATZBEREIT
                ),
                text="Tankdeckel gerissen." if schaden else "",
                ausleihe=ausleihe,
                erstellt=jetzt - timedelta(days=-bis),
            )
    return {}
