"""Demo data of Jugendbeteiligung: three young people (one still waiting for the guardian),
a youth club entered by the working group's lead, and ideas in every status, dated relative
to today – one of them with an overdue answer, so that the admin's start page and the next
Stammtisch's agenda show it.

Written directly (no mails). The young people's names exist only in their accounts; the
pages show nicknames (tests/arbeitsgruppen/jugend/test_datenschutz.py crawls them).
"""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from arbeitsgruppen.jugend.models import Idee, Jugendprofil, Statusschritt, Unterstuetzung
from arbeitsgruppen.models import Arbeitsgruppe, Vorhaben
from netzwerk.demo import DEMO_PASSWORT
from netzwerk.models import Ortsteil, User

S = Idee.Status

# email → (name, age this year, nickname, guardian's address, confirmed)
JUGENDLICHE = {
    "jana.jugend@example.org": (
        "Jana Krüger (Beispiel)",
        15,
        "Skatefan",
        "eltern.krueger@example.org",
        True,
    ),
    "tom.jugend@example.org": ("Tom Becker (Beispiel)", 17, "Grünfink", "", False),
    "mia.jugend@example.org": (
        "Mia Schulz (Beispiel)",
        13,
        "Pixelkönigin",
        "eltern.schulz@example.org",
        False,
    ),
}
GRUPPENLEITUNG = "jugend@example.org"  # Jonas Jung, lead of the working group (arbeitsgruppen.demo)
JUGENDCLUB = "Jugendclub Badeborn (Beispiel)"

# (title, author email or None for the youth club, district slug, what, why, days ago,
#  supporters, steps as (status, days ago, text), answer due in days or None, project)
IDEEN = [
    (
        "Skateanlage am Schlosspark erneuern",
        "jana.jugend@example.org",
        "ballenstedt",
        "Die Rampen sind kaputt. Wir wünschen uns eine neue Miniramp und zwei Rails. (Beispiel)",
        "Viele von uns fahren Skateboard und BMX, aber es gibt keinen sicheren Platz. (Beispiel)",
        140,
        9,
        [
            (
                S.IN_PRUEFUNG,
                120,
                "Die AG Jugendbeteiligung antwortet bis Ende des Monats. (Beispiel)",
            ),
            (
                S.BEANTWORTET,
                95,
                "Die Stadt gibt 4.000 € aus dem Bürgerbudget, wir bauen im Frühjahr. (Beispiel)",
            ),
            (
                S.UMGESETZT,
                10,
                "Die neue Miniramp steht! Danke an alle, die mitgebaut haben. (Beispiel)",
            ),
        ],
        None,
        True,
    ),
    (
        "WLAN im Jugendclub",
        None,
        "badeborn",
        "Im Jugendclub gibt es kein Internet. Wir möchten einen WLAN-Zugang. (Beispiel)",
        "Für Hausaufgaben und gemeinsame Projekte brauchen wir Internet. (Beispiel)",
        60,
        6,
        [
            (S.IN_PRUEFUNG, 50, "Die AG fragt beim Träger nach. (Beispiel)"),
            (
                S.BEANTWORTET,
                20,
                "Der Träger richtet bis zu den Ferien einen Zugang ein. (Beispiel)",
            ),
        ],
        None,
        False,
    ),
    (
        "Dach für die Bushaltestelle in Rieder",
        "tom.jugend@example.org",
        "rieder",
        "An der Haltestelle Schulweg gibt es kein Dach und keine Bank. (Beispiel)",
        "Morgens warten wir im Regen auf den Schulbus. (Beispiel)",
        70,
        12,
        [(S.IN_PRUEFUNG, 48, "Die Stadt Ballenstedt antwortet bis zur Frist. (Beispiel)")],
        -6,
        False,
    ),
    (
        "Kinoabend im Sommer auf dem Marktplatz",
        "tom.jugend@example.org",
        "ballenstedt",
        "Einmal im Monat ein Film unter freiem Himmel. (Beispiel)",
        "Im Sommer ist abends nichts los – ein Kino bringt alle zusammen. (Beispiel)",
        5,
        4,
        [],
        None,
        False,
    ),
    (
        "Graffiti-Wand am Bahnhof",
        None,
        "ballenstedt",
        "Eine Wand, an der legal gesprüht werden darf. (Beispiel)",
        "Dann gibt es weniger Schmierereien und schönere Bilder. (Beispiel)",
        90,
        3,
        [
            (S.IN_PRUEFUNG, 80, "Die AG bespricht die Idee beim nächsten Treffen. (Beispiel)"),
            (
                S.ABGELEHNT,
                40,
                "Die Wand gehört der Bahn, die einer Nutzung nicht zustimmt. Wir suchen mit euch "
                "eine andere Fläche. (Beispiel)",
            ),
        ],
        None,
        False,
    ),
    (
        "Mehr Mülleimer am Badesee",
        "jana.jugend@example.org",
        "opperode",
        "Am Badesee stehen nur zwei Mülleimer. (Beispiel)",
        "Im Sommer liegt überall Müll herum. (Beispiel)",
        15,
        2,
        [(S.IN_PRUEFUNG, 3, "Die AG Jugendbeteiligung antwortet bis zur Frist. (Beispiel)")],
        39,
        False,
    ),
]


def _nutzer(email: str, name: str) -> User:
    user, neu = User.objects.get_or_create(email=email, defaults={"anzeigename": name})
    if neu:
        user.set_password(DEMO_PASSWORT)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def loeschen() -> None:
    Idee.objects.filter(titel__in=[i[0] for i in IDEEN]).delete()
    Vorhaben.objects.filter(titel__in=[i[0] for i in IDEEN]).delete()
    User.objects.filter(email__in=JUGENDLICHE).delete()


def erzeugen() -> dict[str, str]:
    """Create the young people and the ideas anew (idempotent); returns their logins."""
    jetzt = timezone.now()
    heute = timezone.localdate()
    gruppe = Arbeitsgruppe.objects.filter(slug="jugendbeteiligung").first()
    leitung = User.objects.filter(email=GRUPPENLEITUNG).first()
    if gruppe is None or leitung is None:
        return {}
    logins = {}
    jugendliche = {}
    for email, (name, alter, spitzname, eltern, bestaetigt) in JUGENDLICHE.items():
        user = _nutzer(email, name)
        Jugendprofil.objects.update_or_create(
            user=user,
            defaults={
                "spitzname": spitzname,
                "geburtsjahr": heute.year - alter,
                "sorgeberechtigt_email": eltern,
                "bestaetigung_angefragt_am": jetzt - timedelta(days=150) if eltern else None,
                "bestaetigt_am": jetzt - timedelta(days=149) if bestaetigt else None,
            },
        )
        jugendliche[email] = user
        logins[email] = f"Jugendliche:r ({spitzname})"
    ortsteile = {o.slug: o for o in Ortsteil.objects.all()}
    unterstuetzer = list(
        User.objects.filter(is_active=True, email__endswith="@example.org")
        .exclude(email__in=JUGENDLICHE)
        .order_by("pk")
    )
    Idee.objects.filter(titel__in=[i[0] for i in IDEEN]).delete()
    Vorhaben.objects.filter(gruppe=gruppe, titel__in=[i[0] for i in IDEEN]).delete()
    for titel, autor, ort, was, warum, vor, anzahl, schritte, frist, vorhaben in IDEEN:
        idee = Idee.objects.create(
            titel=titel,
            was=was,
            warum=warum,
            ortsteil=ortsteile.get(ort),
            autor=jugendliche[autor] if autor else leitung,
            jugendgruppe="" if autor else JUGENDCLUB,
            status=schritte[-1][0] if schritte else S.EINGEGANGEN,
        )
        eingang = jetzt - timedelta(days=vor)
        Idee.objects.filter(pk=idee.pk).update(erstellt=eingang, geaendert=eingang)
        Statusschritt.objects.create(
            idee=idee,
            status=S.EINGEGANGEN,
            text="Die Idee ist eingegangen. Die Arbeitsgruppe schaut sie sich an.",
            am=eingang,
        )
        for status, tage, text in schritte:
            Statusschritt.objects.create(
                idee=idee, status=status, text=text, am=jetzt - timedelta(days=tage), von=leitung
            )
        if schritte:
            beginn = timezone.localdate(jetzt - timedelta(days=schritte[0][1]))
            Idee.objects.filter(pk=idee.pk).update(
                anlass=Idee.Anlass.TAGESORDNUNG,
                zustaendig_gruppe=gruppe,
                antwort_bis=heute + timedelta(days=frist)
                if frist is not None
                else beginn + timedelta(days=42),
            )
        for user in unterstuetzer[:anzahl]:
            if user.pk != idee.autor_id:
                eintrag = Unterstuetzung.objects.create(
                    idee=idee, user=user, benachrichtigen=user.pk % 2 == 0
                )
                Unterstuetzung.objects.filter(pk=eintrag.pk).update(
                    erstellt=eingang + timedelta(days=1)
                )
        if vorhaben:
            projekt = Vorhaben.objects.create(
                gruppe=gruppe,
                titel=titel,
                beschreibung=f"{was}\n\n{warum}",
                status=Vorhaben.Status.ABGESCHLOSSEN,
                verantwortlich=leitung,
            )
            Idee.objects.filter(pk=idee.pk).update(vorhaben=projekt)
    return logins
