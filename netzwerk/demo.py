"""Demo data of the core: the town, its districts, holidays, legal pages and persona logins."""

from datetime import date

from django.utils.text import slugify

from netzwerk.models import Netzwerkprofil, Ortsteil, Schulferien, Seite, User

ORTSTEILE = ["Ballenstedt", "Asmusstedt", "Badeborn", "Opperode", "Radisleben", "Rieder"]

# Saxony-Anhalt school holidays (Kultusministerium); summer 2026/2027 and autumn 2026 as the
# issue gives them, the rest from the published calendar.
SCHULFERIEN = [
    ("Herbstferien 2025", date(2025, 10, 13), date(2025, 10, 25)),
    ("Weihnachtsferien 2025/26", date(2025, 12, 22), date(2026, 1, 2)),
    ("Winterferien 2026", date(2026, 1, 31), date(2026, 2, 6)),
    ("Osterferien 2026", date(2026, 3, 30), date(2026, 4, 4)),
    ("Pfingstferien 2026", date(2026, 5, 26), date(2026, 5, 29)),
    ("Sommerferien 2026", date(2026, 7, 4), date(2026, 8, 14)),
    ("Herbstferien 2026", date(2026, 10, 19), date(2026, 10, 30)),
    ("Weihnachtsferien 2026/27", date(2026, 12, 21), date(2027, 1, 2)),
    ("Winterferien 2027", date(2027, 2, 1), date(2027, 2, 6)),
    ("Osterferien 2027", date(2027, 3, 22), date(2027, 3, 27)),
    ("Sommerferien 2027", date(2027, 7, 10), date(2027, 8, 20)),
]

DEMO_PASSWORT = "demo-passwort-2026"

# One login per persona; later apps give them memberships and children.
PERSONEN = {
    "koordination": ("koordination@example.org", "Kim Koordination"),
    "mitglied": ("mitglied@example.org", "Maria Mitglied"),
    "eltern": ("eltern@example.org", "Paul Eltern"),
    "bewohner": ("bewohner@example.org", "Rita Bewohnerin"),
}

RECHTSTEXTE = {
    Seite.Art.IMPRESSUM: (
        "Impressum",
        "<p><strong>Beispieltext.</strong> Angaben gemäß § 5 DDG: Engagementnetzwerk "
        "Ballenstedt, vertreten durch das Koordinationsteam, Musterstraße 1, "
        "06493 Ballenstedt.</p>",
    ),
    Seite.Art.DATENSCHUTZ: (
        "Datenschutzerklärung",
        "<p><strong>Beispieltext.</strong> Wir verarbeiten personenbezogene Daten nur, soweit "
        "es für den Betrieb des Portals nötig ist. Daten von Kindern werden nach festen Fristen "
        "gelöscht.</p>",
    ),
    Seite.Art.BARRIEREFREIHEIT: (
        "Erklärung zur Barrierefreiheit",
        "<p><strong>Beispieltext.</strong> Wir bemühen uns, dieses Portal nach der BITV 2.0 "
        "barrierefrei zu gestalten. Wenn dir eine Barriere auffällt, melde sie uns bitte.</p>",
    ),
}


def loeschen() -> None:
    User.objects.filter(email__in=[email for email, _ in PERSONEN.values()]).delete()


def erzeugen() -> dict[str, str]:
    """Create or update the core demo data; returns the persona logins (e-mail → role)."""
    Netzwerkprofil.objects.update_or_create(
        pk=1,
        defaults={
            "name": "Engagementnetzwerk Ballenstedt",
            "ort": "Ballenstedt",
            "bundesland": "ST",
            "kurzbeschreibung": "Vereine, Stadt, Kirche, Schulen, Kitas und Unternehmen – "
            "gemeinsam "
            "für Ballenstedt und seine Ortsteile.",
            "begruessung": "Hier findest du, wer in Ballenstedt etwas bewegt, alle Termine, "
            "den Ferienkalender und Möglichkeiten, mitzumachen. (Beispielinhalt)",
            "kontakt_name": "Koordinationsteam (Beispiel)",
            "kontakt_email": "koordination@example.org",
            "kontakt_telefon": "039483 0000",
            "kontakt_adresse": "Musterstraße 1, 06493 Ballenstedt",
        },
    )
    for i, name in enumerate(ORTSTEILE):
        Ortsteil.objects.update_or_create(
            slug=slugify(name), defaults={"name": name, "reihenfolge": i}
        )
    for name, beginn, ende in SCHULFERIEN:
        Schulferien.objects.update_or_create(name=name, beginn=beginn, defaults={"ende": ende})
    for art, (titel, inhalt) in RECHTSTEXTE.items():
        Seite.objects.get_or_create(art=art, defaults={"titel": titel, "inhalt": inhalt})

    logins = {}
    for rolle, (email, name) in PERSONEN.items():
        user, created = User.objects.get_or_create(email=email, defaults={"anzeigename": name})
        if created:
            user.set_password(DEMO_PASSWORT)
        user.is_staff = user.is_superuser = rolle == "koordination"
        user.save()
        _email_bestaetigen(user)
        logins[email] = rolle
    return logins


def _email_bestaetigen(user: User) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
