"""Demo data of the core: the town, its districts, holidays, legal pages and persona logins."""

from datetime import date, timedelta

from dateutil.easter import easter
from django.utils import timezone
from django.utils.text import slugify

from netzwerk.models import Netzwerkprofil, Ortsteil, Schulferien, Seite, User

ORTSTEILE = ["Ballenstedt", "Asmusstedt", "Badeborn", "Opperode", "Radisleben", "Rieder"]

# Saxony-Anhalt school holidays (Kultusministerium); summer 2026/2027 and autumn 2026 as the
# issue gives them, the rest from the published calendar. Other years follow the rules of
# `_nach_regel` (close to how the Land sets them), so that the demo works in any year.
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


def _montag_ab(tag: date) -> date:
    return tag + timedelta(days=-tag.weekday() % 7)


def _nach_regel(jahr: int) -> list[tuple[str, date, date]]:
    """The holidays of `jahr` by rule (for years the published calendar above does not hold)."""
    ostern = easter(jahr)
    pfingsten = ostern + timedelta(days=49)
    sommer = date(jahr, 7, 4) + timedelta(days=(5 - date(jahr, 7, 4).weekday()) % 7)  # a Saturday
    winter = _montag_ab(date(jahr, 2, 1))
    herbst = _montag_ab(date(jahr, 10, 13))
    dez22 = date(jahr, 12, 22)  # holidays start in the week of 22 December (or the Monday after)
    weihnachten = _montag_ab(dez22) if dez22.weekday() >= 5 else dez22 - timedelta(dez22.weekday())
    return [
        (f"Winterferien {jahr}", winter, winter + timedelta(days=5)),
        (f"Osterferien {jahr}", ostern - timedelta(days=6), ostern - timedelta(days=1)),
        (f"Pfingstferien {jahr}", pfingsten + timedelta(days=2), pfingsten + timedelta(days=5)),
        (f"Sommerferien {jahr}", sommer, sommer + timedelta(days=41)),
        (f"Herbstferien {jahr}", herbst, herbst + timedelta(days=11)),
        (f"Weihnachtsferien {jahr}/{(jahr + 1) % 100:02d}", weihnachten, date(jahr + 1, 1, 2)),
    ]


def schulferien(jahr: int) -> list[tuple[str, date, date]]:
    """(name, first day, last day) of the holidays that begin in `jahr`: published dates
    where the table above has them, else by rule. Pure, sorted by first day."""
    bekannt = {name: (name, beginn, ende) for name, beginn, ende in SCHULFERIEN}
    return sorted(
        (bekannt.get(name, (name, beginn, ende)) for name, beginn, ende in _nach_regel(jahr)),
        key=lambda f: f[1],
    )


def schulferien_um(heute: date) -> list[tuple[str, date, date]]:
    """The holidays from two years before `heute` to two years after, sorted."""
    return [f for jahr in range(heute.year - 2, heute.year + 3) for f in schulferien(jahr)]


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
    # The published calendar plus the years around today, so that the demo's holiday
    # periods always find their school holidays.
    heute = timezone.localdate()
    vorhanden = {name for name, _, _ in SCHULFERIEN}
    for name, beginn, ende in SCHULFERIEN + [
        f
        for jahr in range(heute.year - 1, heute.year + 2)
        for f in schulferien(jahr)
        if f[0] not in vorhanden
    ]:
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
