"""Demo data of the working groups: the network's six groups with members, projects, tasks
and discussions. Everything is marked as an example."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from arbeitsgruppen.models import (
    Arbeitsgruppe,
    Aufgabe,
    Beitrag,
    Dokument,
    Mitglied,
    Thread,
    Vorhaben,
)
from netzwerk.demo import DEMO_PASSWORT
from netzwerk.models import User

# Extra logins of this app (e-mail → (display name, role shown by `demodaten`)).
DEMO_NUTZER = {
    "gaerten@example.org": ("Gerda Garten (Beispiel)", "AG-Mitglied Garten, Jugend"),
    "jugend@example.org": ("Jonas Jung (Beispiel)", "AG-Leitung Jugendbeteiligung"),
    "stammtisch@example.org": ("Sabine Stamm (Beispiel)", "AG-Leitung Stammtisch-Gruppen"),
    "firma@example.org": ("Uwe Unternehmer (Beispiel)", "AG-Leitung Unternehmen"),
}

GRUPPEN = [
    # slug, name, visibility, purpose, goals, rhythm
    (
        "steuerungsgruppe",
        "Steuerungsgruppe",
        Arbeitsgruppe.Sichtbarkeit.INTERN,
        "Die Steuerungsgruppe hält die Fäden des Netzwerks zusammen und plant die großen "
        "Vorhaben des Jahres. (Beispiel)",
        "Ferienkalender, Aktionstag und Markt der guten Geschäfte gut vorbereiten. (Beispiel)",
        "jeden zweiten Dienstag im Monat, 18 Uhr",
    ),
    (
        "gemeinschaftsgarten",
        "Gemeinschaftsgarten",
        Arbeitsgruppe.Sichtbarkeit.OEFFENTLICH,
        "Wir gärtnern gemeinsam im Garten am Schlosspark – für alle Generationen. (Beispiel)",
        "Hochbeete für die Kita bauen, eine Saatgutbörse im Frühjahr. (Beispiel)",
        "samstags ab 10 Uhr im Garten",
    ),
    (
        "jugendbeteiligung",
        "Jugendbeteiligung",
        Arbeitsgruppe.Sichtbarkeit.OEFFENTLICH,
        "Junge Menschen bringen ihre Ideen ein, wir helfen bei der Umsetzung. (Beispiel)",
        "Jede Idee bekommt eine Antwort. (Beispiel)",
        "jeden ersten Freitag im Monat, 17 Uhr",
    ),
    (
        "stammtisch-gruppe-1",
        "Stammtisch-Gruppe 1",
        Arbeitsgruppe.Sichtbarkeit.TRANSPARENT,
        "Bereitet den Vereinsstammtisch der ersten Reihe vor. (Beispiel)",
        "",
        "vor jedem Stammtisch",
    ),
    (
        "stammtisch-gruppe-2",
        "Stammtisch-Gruppe 2",
        Arbeitsgruppe.Sichtbarkeit.TRANSPARENT,
        "Bereitet den Vereinsstammtisch der zweiten Reihe vor. (Beispiel)",
        "",
        "vor jedem Stammtisch",
    ),
    (
        "unternehmenskooperationen",
        "Unternehmenskooperationen",
        Arbeitsgruppe.Sichtbarkeit.TRANSPARENT,
        "Bringt Vereine und Unternehmen zusammen. (Beispiel)",
        "Der Markt der guten Geschäfte findet jedes Jahr statt. (Beispiel)",
        "alle sechs Wochen",
    ),
]

MITGLIEDER = [
    # group slug, e-mail, role, notification
    ("steuerungsgruppe", "koordination@example.org", "leitung", "woechentlich"),
    ("steuerungsgruppe", "mitglied@example.org", "mitglied", "woechentlich"),
    ("steuerungsgruppe", "jugend@example.org", "mitglied", "taeglich"),
    ("gemeinschaftsgarten", "mitglied@example.org", "leitung", "sofort"),
    ("gemeinschaftsgarten", "gaerten@example.org", "mitglied", "woechentlich"),
    ("jugendbeteiligung", "jugend@example.org", "leitung", "sofort"),
    ("jugendbeteiligung", "gaerten@example.org", "mitglied", "aus"),
    ("stammtisch-gruppe-1", "stammtisch@example.org", "leitung", "woechentlich"),
    ("stammtisch-gruppe-2", "stammtisch@example.org", "leitung", "woechentlich"),
    ("stammtisch-gruppe-2", "mitglied@example.org", "mitglied", "woechentlich"),
    ("unternehmenskooperationen", "firma@example.org", "leitung", "woechentlich"),
    ("unternehmenskooperationen", "koordination@example.org", "mitglied", "woechentlich"),
]

VORHABEN = [
    # group slug, title ({jahr}: the year of the coming summer holidays), status, responsible,
    # start offset days, end offset days, description
    (
        "steuerungsgruppe",
        "Ferienkalender {jahr}",
        Vorhaben.Status.LAEUFT,
        "koordination@example.org",
        -30,
        120,
        "Alle Ferienangebote der Vereine in einem Kalender und einem Faltblatt. (Beispiel)",
    ),
    (
        "steuerungsgruppe",
        "Aktionstag",
        Vorhaben.Status.PLANUNG,
        "mitglied@example.org",
        60,
        60,
        "Tag des Ehrenamts mit Vereinsmeile auf dem Marktplatz. (Beispiel)",
    ),
    (
        "unternehmenskooperationen",
        "Markt der guten Geschäfte",
        Vorhaben.Status.IDEE,
        "firma@example.org",
        None,
        None,
        "Vereine und Unternehmen tauschen alles außer Geld. (Beispiel)",
    ),
]

AUFGABEN = [
    # group slug, title, assignee, due offset days, status, project title
    (
        "steuerungsgruppe",
        "Angebote der Vereine einsammeln (Beispiel)",
        "mitglied@example.org",
        -2,
        "in_arbeit",
        "Ferienkalender {jahr}",
    ),
    (
        "steuerungsgruppe",
        "Druckerei anfragen (Beispiel)",
        "koordination@example.org",
        5,
        "offen",
        "Ferienkalender {jahr}",
    ),
    (
        "steuerungsgruppe",
        "Stände für die Vereinsmeile planen (Beispiel)",
        "mitglied@example.org",
        30,
        "offen",
        "Aktionstag",
    ),
    (
        "gemeinschaftsgarten",
        "Hochbeet-Holz besorgen (Beispiel)",
        "gaerten@example.org",
        3,
        "offen",
        None,
    ),
    (
        "gemeinschaftsgarten",
        "Gießplan für den Sommer (Beispiel)",
        "mitglied@example.org",
        -1,
        "offen",
        None,
    ),
    (
        "gemeinschaftsgarten",
        "Saatgut sortieren (Beispiel)",
        "gaerten@example.org",
        -10,
        "erledigt",
        None,
    ),
    (
        "jugendbeteiligung",
        "Ideen-Box in der Schule aufstellen (Beispiel)",
        "jugend@example.org",
        7,
        "offen",
        None,
    ),
    (
        "unternehmenskooperationen",
        "Firmen für den Markt ansprechen (Beispiel)",
        "firma@example.org",
        14,
        "offen",
        "Markt der guten Geschäfte",
    ),
]

THREADS = [
    # group slug, title, [(author, text, minutes ago)]
    (
        "gemeinschaftsgarten",
        "Hochbeete für die Kita (Beispiel)",
        [
            (
                "mitglied@example.org",
                "Die Kita freut sich über zwei Hochbeete. Wer hat am Samstag Zeit? (Beispiel)",
                2 * 24 * 60,
            ),
            (
                "gaerten@example.org",
                "Ich bin dabei und bringe Werkzeug mit. "
                "Bauanleitung: https://example.org/hochbeet (Beispiel)",
                24 * 60,
            ),
        ],
    ),
    (
        "steuerungsgruppe",
        "Termin für den Aktionstag (Beispiel)",
        [
            (
                "koordination@example.org",
                "Wir schlagen den 5. Dezember vor, den Tag des Ehrenamts. "
                "Passt das allen? (Beispiel)",
                3 * 24 * 60,
            ),
            ("mitglied@example.org", "Passt gut, der Heimatverein ist dabei. (Beispiel)", 60),
        ],
    ),
    (
        "jugendbeteiligung",
        "Skateranlage am Sportplatz (Beispiel)",
        [
            (
                "jugend@example.org",
                "Drei Klassen wünschen sich eine Skateranlage. "
                "Wer kennt sich mit Förderung aus? (Beispiel)",
                5 * 24 * 60,
            )
        ],
    ),
]


def loeschen() -> None:
    Arbeitsgruppe.objects.filter(slug__in=[g[0] for g in GRUPPEN]).delete()
    User.objects.filter(email__in=DEMO_NUTZER).delete()


def _nutzer(email: str, name: str) -> User:
    user, neu = User.objects.get_or_create(email=email, defaults={"anzeigename": name})
    if neu:
        user.set_password(DEMO_PASSWORT)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def erzeugen() -> dict[str, str]:
    """Create or update the groups; returns the extra logins (e-mail → role)."""
    heute = timezone.localdate()
    jetzt = timezone.now()
    for email, (name, _rolle) in DEMO_NUTZER.items():
        _nutzer(email, name)
    nutzer = {u.email: u for u in User.objects.filter(email__in=[m[1] for m in MITGLIEDER])}

    gruppen = {}
    for slug, name, sichtbarkeit, zweck, ziele, rhythmus in GRUPPEN:
        gruppen[slug], _neu = Arbeitsgruppe.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "sichtbarkeit": sichtbarkeit,
                "zweck": zweck,
                "ziele": ziele,
                "rhythmus": rhythmus,
                "kontakt": "koordination@example.org",
                "uebergeordnet": None,
            },
        )
    for slug, gruppe in gruppen.items():
        if slug != "steuerungsgruppe":
            gruppe.uebergeordnet = gruppen["steuerungsgruppe"]
            gruppe.save(update_fields=["uebergeordnet"])

    for slug, email, rolle, benachrichtigung in MITGLIEDER:
        if email in nutzer:
            Mitglied.objects.update_or_create(
                gruppe=gruppen[slug],
                user=nutzer[email],
                defaults={"rolle": rolle, "benachrichtigung": benachrichtigung},
            )

    # The holiday calendar being prepared is that of the coming summer.
    jahr = heute.year if heute.month < 9 else heute.year + 1
    vorhaben = {}
    for slug, titel, status, verantwortlich, beginn, ende, beschreibung in VORHABEN:
        vorhaben[titel], _neu = Vorhaben.objects.update_or_create(
            gruppe=gruppen[slug],
            titel=titel.format(jahr=jahr),
            defaults={
                "status": status,
                "verantwortlich": nutzer.get(verantwortlich),
                "beginn": heute + timedelta(days=beginn) if beginn is not None else None,
                "ende": heute + timedelta(days=ende) if ende is not None else None,
                "beschreibung": beschreibung,
            },
        )

    for slug, titel, zustaendig, faellig, status, vorhaben_titel in AUFGABEN:
        Aufgabe.objects.update_or_create(
            gruppe=gruppen[slug],
            titel=titel,
            defaults={
                "zustaendig": nutzer.get(zustaendig),
                "faellig": heute + timedelta(days=faellig),
                "status": status,
                "vorhaben": vorhaben.get(vorhaben_titel) if vorhaben_titel else None,
                "erledigt_am": jetzt if status == "erledigt" else None,
            },
        )

    for slug, titel, beitraege in THREADS:
        thread, _neu = Thread.objects.get_or_create(
            gruppe=gruppen[slug],
            titel=titel,
            defaults={
                "erstellt_von": nutzer.get(beitraege[0][0]),
                "erstellt": jetzt - timedelta(minutes=beitraege[0][2]),
            },
        )
        for autor, text, vor_minuten in beitraege:
            Beitrag.objects.get_or_create(
                thread=thread,
                text=text,
                defaults={
                    "autor": nutzer.get(autor),
                    "erstellt": jetzt - timedelta(minutes=vor_minuten),
                },
            )
        thread.letzter_beitrag = jetzt - timedelta(minutes=beitraege[-1][2])
        thread.save(update_fields=["letzter_beitrag"])

    Dokument.objects.get_or_create(
        gruppe=gruppen["gemeinschaftsgarten"],
        titel="Gießplan (gemeinsames Pad, Beispiel)",
        defaults={
            "art": Dokument.Art.LINK,
            "url": "https://pad.example.org/giessplan",
            "erstellt_von": nutzer.get("mitglied@example.org"),
        },
    )
    return {email: rolle for email, (_name, rolle) in DEMO_NUTZER.items()}
