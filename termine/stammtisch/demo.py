"""Demo data of the Vereinsstammtisch: two series (Nord, Süd) with two years of history up to
the day the command runs, minutes for some past meetings and, per series, a confirmed upcoming
meeting with invitations sent, submitted topics and answers.

Idempotent: series by slug, meetings by series and start, minutes by Termin. Everything is
marked "(Beispiel)". Uses the demo Akteure of vereine/demo.py by slug (created minimal if
that module has not run).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from arbeitsgruppen.models import Arbeitsgruppe
from termine.models import (
    Folgeaufgabe,
    Protokoll,
    ProtokollPunkt,
    Rueckmeldung,
    Stammtisch,
    StammtischEinladung,
    Stammtischreihe,
    Teilnahme,
    Termin,
    Thema,
    Verhinderung,
)
from termine.stammtisch import rotation
from termine.stammtisch import services as dienste
from vereine.models import Akteur

MARKE = "(Beispiel)"

REIHEN = [
    {
        "slug": "vereinsstammtisch-nord",
        "name": f"Vereinsstammtisch Nord {MARKE}",
        "beschreibung": "Das Netzwerktreffen für Ballenstedt, Opperode und Rieder – jedes Mal "
        "bei einem anderen Akteur. (Beispiel)",
        "arbeitsgruppe": "stammtisch-gruppe-1",
        "wochentag": 1,  # Tuesday
        "woche_im_monat": 3,
        "anker": date(2024, 1, 1),
        "weitere": "buergerbuero@ballenstedt.example.org",
        "pool": [
            "heimatverein",
            "kirchengemeinde",
            "feuerwehr-opperode",
            "kita-sonnenschein",
            "jugendinitiative",
            "pflegedienst",
            "repair-cafe",
            "gymnasium",
            "kita-zwergenland",
        ],
        "nie_gastgeber": ["gymnasium", "kita-zwergenland"],
    },
    {
        "slug": "vereinsstammtisch-sued",
        "name": f"Vereinsstammtisch Süd {MARKE}",
        "beschreibung": "Das Netzwerktreffen für Badeborn, Asmusstedt und Radisleben. (Beispiel)",
        "arbeitsgruppe": "stammtisch-gruppe-2",
        "wochentag": 3,  # Thursday
        "woche_im_monat": 2,
        "anker": date(2024, 2, 1),
        "weitere": "ortsbuergermeister@badeborn.example.org",
        "pool": [
            "sportverein",
            "chor-asmusstedt",
            "gartenfreunde",
            "angelverein-rieder",
            "grundschule-badeborn",
            "baeckerei",
            "autohaus",
            "tischlerei",
            "tafel",
        ],
        "nie_gastgeber": ["autohaus"],
    },
]

WIEDERKEHRENDE_THEMEN = (
    "Neues aus der Stadtverwaltung\nRückblick: Was ist aus den Beschlüssen geworden?"
)

THEMEN = [
    (
        "Gemeinsames Festzelt für den Sommer",
        "Wer braucht es wann? Wir könnten teilen.",
        "angenommen",
    ),
    ("Tag des Ehrenamts: Vereinsmeile", "Wer macht mit, wer braucht Strom?", "angenommen"),
    ("Fahrdienst zu den Treffen", "Einige kommen ohne Auto schlecht hin.", "eingereicht"),
]


def _akteur(slug: str) -> Akteur:
    akteur, _neu = Akteur.objects.get_or_create(
        slug=slug,
        defaults={
            "name": f"{slug.replace('-', ' ').title()} {MARKE}",
            "status": Akteur.Status.AKTIV,
            "kontakt_email": f"{slug}@example.org",
        },
    )
    return akteur


def _termin(reihe: Stammtischreihe, start, gastgeber: Akteur | None, status: str) -> Termin:
    termin = Termin(
        titel=f"{reihe.name.removesuffix(MARKE).strip()} {MARKE}",
        beschreibung=reihe.beschreibung,
        start=start,
        ende=start + timedelta(minutes=reihe.dauer_minuten),
        kategorie=Termin.Kategorie.STAMMTISCH,
        sichtbarkeit=Termin.Sichtbarkeit.OEFFENTLICH,
        status=status,
        arbeitsgruppe=reihe.arbeitsgruppe,
        veranstaltungsort=gastgeber,
        ort=gastgeber.adresse if gastgeber else "",
        ortsteil=gastgeber.ortsteil if gastgeber else None,
    )
    termin.save()
    if gastgeber:
        termin.veranstalter.set([gastgeber])
    return termin


def _protokoll(stammtisch: Stammtisch, pool: list[Akteur], nummer: int) -> None:
    termin = stammtisch.termin
    protokoll, neu = Protokoll.objects.get_or_create(
        termin=termin,
        defaults={
            "personenzahl": 11 + nummer % 7,
            "beschluesse": "Wir teilen uns ein Festzelt. (Beispiel)\n"
            "Das nächste Treffen bereitet die Stammtisch-Gruppe vor.",
            # Three days after the meeting, or now if the meeting was only yesterday.
            "veroeffentlicht_am": min(termin.ende + timedelta(days=3), timezone.now()),
        },
    )
    if not neu:
        return
    anwesend = {stammtisch.gastgeber, *pool[nummer % 3 :: 2]}
    protokoll.anwesende.set([a for a in anwesend if a])
    punkte = [
        ("Vorstellung des Gastgebers", f"{stammtisch.gastgeber} hat durch seine Räume geführt."),
        ("Vorstellungsrunde", "Alle haben kurz erzählt, was bei ihnen gerade los ist."),
        ("Gemeinsames Festzelt", "Drei Vereine brauchen im Sommer ein Zelt."),
        ("Terminabgleich", "Zwei Sommerfeste lagen am selben Samstag; eins wird verschoben."),
    ]
    ProtokollPunkt.objects.bulk_create(
        ProtokollPunkt(
            protokoll=protokoll, titel=titel, notizen=f"{text} (Beispiel)", reihenfolge=i
        )
        for i, (titel, text) in enumerate(punkte, start=1)
    )
    Folgeaufgabe.objects.create(
        protokoll=protokoll,
        text="Angebote für ein Festzelt einholen (Beispiel)",
        verantwortlich=pool[nummer % len(pool)],
        faellig_am=timezone.localdate(termin.start) + timedelta(days=30),
        erledigt=termin.start < timezone.now() - timedelta(days=60),
    )


def erzeugen() -> dict[str, str]:
    """Create or update the demo series; returns no extra logins."""
    User = get_user_model()
    koordination = User.objects.filter(email="koordination@example.org").first()
    mitglied = User.objects.filter(email="mitglied@example.org").first()
    jetzt = timezone.now()
    for daten in REIHEN:
        reihe, _neu = Stammtischreihe.objects.update_or_create(
            slug=daten["slug"],
            defaults={
                "name": daten["name"],
                "beschreibung": daten["beschreibung"],
                "arbeitsgruppe": Arbeitsgruppe.objects.filter(slug=daten["arbeitsgruppe"]).first(),
                "rhythmus": Stammtischreihe.Rhythmus.MONATLICH,
                "intervall": 2,
                "wochentag": daten["wochentag"],
                "woche_im_monat": daten["woche_im_monat"],
                "anker": daten["anker"],
                "weitere_einladungen": daten["weitere"],
                "wiederkehrende_themen": WIEDERKEHRENDE_THEMEN,
            },
        )
        if koordination:
            reihe.koordination.add(koordination)
        pool = [_akteur(slug) for slug in daten["pool"]]
        for akteur in pool:
            Teilnahme.objects.get_or_create(reihe=reihe, akteur=akteur)
        # One pool member cannot host next summer (building works).
        baustelle, _neu = Teilnahme.objects.get_or_create(reihe=reihe, akteur=pool[2])
        sommer = date(timezone.localdate().year + 1, 6, 1)
        Verhinderung.objects.get_or_create(
            teilnahme=baustelle,
            von=sommer,
            defaults={"bis": sommer + timedelta(days=90), "grund": "Umbau (Beispiel)"},
        )

        if not Stammtisch.objects.filter(reihe=reihe).exists():
            _geschichte(reihe, pool, daten["nie_gastgeber"], jetzt)
        if not Stammtisch.objects.filter(reihe=reihe).kommende().exists():
            dienste.naechste_termine_planen(reihe=reihe, anzahl=3)
        _naechste(reihe, mitglied)
    return {}


def _geschichte(reihe, pool, nie_gastgeber, jetzt) -> None:
    """Two years of past meetings, hosts from the rotation, minutes for every second one."""
    gastgebende = [a for a in pool if a.slug not in nie_gastgeber]
    termine = [
        t
        for t in rotation.termine_nach_rhythmus(
            reihe.cadence, after=timezone.localdate(jetzt) - timedelta(days=730), count=13
        )
        if t < jetzt
    ]
    vorschlaege = rotation.propose_hosts(
        [rotation.Candidate(a.pk, a.name, a.ortsteil_id) for a in gastgebende], [], termine
    )
    for nummer, vorschlag in enumerate(vorschlaege):
        gastgeber = next((a for a in gastgebende if a.pk == vorschlag.akteur_id), None)
        stammtisch = Stammtisch.objects.create(
            termin=_termin(reihe, vorschlag.date, gastgeber, Termin.Status.BESTAETIGT),
            reihe=reihe,
            gastgeber=gastgeber,
            gastgeber_status=Stammtisch.GastgeberStatus.ZUGESAGT,
            vorschlagsgrund=vorschlag.reason.value,
            zuletzt_gastgeber=vorschlag.last_hosted,
            mal_gastgeber=vorschlag.times_hosted,
            eingeladen_am=vorschlag.date - timedelta(days=21),
            erinnert_am=vorschlag.date - timedelta(days=3),
        )
        if nummer % 2 == 0:
            _protokoll(stammtisch, pool, nummer)


def _naechste(reihe, mitglied) -> None:
    """The upcoming meetings marked as examples; the first confirmed and its invitations
    sent (no mails: only the date is recorded), with topics and answers."""
    kommende = list(
        Stammtisch.objects.filter(reihe=reihe)
        .kommende()
        .select_related("termin", "gastgeber")
        .order_by("termin__start")
    )
    for stammtisch in kommende:
        titel = f"{stammtisch.termin.titel.removesuffix(MARKE).strip()} {MARKE}"
        if stammtisch.termin.titel != titel:
            stammtisch.termin.titel = titel
            stammtisch.termin.save(update_fields=["titel"])
    erster = kommende[0]
    if erster.gastgeber is None:
        return
    Termin.objects.filter(pk=erster.termin_id).update(status=Termin.Status.BESTAETIGT)
    erster.gastgeber_status = Stammtisch.GastgeberStatus.ZUGESAGT
    erster.eingeladen_am = erster.eingeladen_am or timezone.now()
    erster.save()
    # Recorded as sent, so "Bestätigen & einladen" in the demo sends nothing twice.
    for person in dienste.einladungsliste(reihe):
        StammtischEinladung.objects.get_or_create(
            stammtisch=erster,
            email=person.email.lower(),
            defaults={"akteur_id": person.akteur_id, "verschickt_am": erster.eingeladen_am},
        )
    for i, (titel, text, status) in enumerate(THEMEN, start=1):
        Thema.objects.get_or_create(
            stammtisch=erster,
            titel=f"{titel} (Beispiel)",
            defaults={
                "beschreibung": text,
                "status": status,
                "reihenfolge": i,
                "eingereicht_von": mitglied,
                "akteur": erster.reihe.pool.first().akteur,
            },
        )
    antworten = [
        ("mitglied@example.org", Rueckmeldung.Antwort.ZUSAGE),
        ("vorstand@heimatverein.example.org", Rueckmeldung.Antwort.ZUSAGE),
        ("kasse@chor.example.org", Rueckmeldung.Antwort.VIELLEICHT),
        ("info@tafel.example.org", Rueckmeldung.Antwort.ABSAGE),
    ]
    for email, antwort in antworten:
        Rueckmeldung.objects.update_or_create(
            stammtisch=erster, email=email, defaults={"antwort": antwort}
        )


def loeschen() -> None:
    slugs = [daten["slug"] for daten in REIHEN]
    Termin.objects.filter(stammtisch__reihe__slug__in=slugs).delete()
    Stammtischreihe.objects.filter(slug__in=slugs).delete()


__all__ = ["erzeugen", "loeschen"]
