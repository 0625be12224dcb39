"""Workflows of the Akteure app: proposing and approving actors, memberships and invitations,
the contact relay, Gesuche and the responses to them, and the retention of personal data.

Views, forms and admin actions call these functions; they hold the rules (the last Leitung
stays, addresses are relayed, not shown) and list their side effects in the docstrings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from netzwerk.berechtigungen import KOORDINATION
from netzwerk.mail import mail_senden
from netzwerk.models import Netzwerkprofil, User
from netzwerk.signierte_links import link_laden
from vereine.models import Akteur, Einladung, Gesuch, Mitgliedschaft, Rueckmeldung, Thema

EINLADUNG_SALT = "vereine.einladung"
EINLADUNG_GUELTIG_TAGE = 14
# Responses are kept this long after their need ended, then their personal data goes.
AUFBEWAHRUNG = relativedelta(months=6)
# Path segments under /akteure/ that are pages, not actors.
RESERVIERTE_SLUGS = {"mitmachen", "vorschlagen", "einladung", "gesuch", "neu"}


class RegelVerletzt(Exception):
    """A workflow rule forbids the change; the message is shown to the user."""


class EinladungUngueltig(Exception):
    """The invitation link is broken, expired, withdrawn or already used."""


# --- Actors -------------------------------------------------------------------------------------


def freier_slug(name: str, *, ausser: int | None = None) -> str:
    """A unique slug for `name` that does not collide with other actors or our own pages."""
    basis = slugify(name)[:150] or "akteur"
    kandidat, n = basis, 1
    andere = Akteur.objects.exclude(pk=ausser) if ausser else Akteur.objects.all()
    while kandidat in RESERVIERTE_SLUGS or andere.filter(slug=kandidat).exists():
        n += 1
        kandidat = f"{basis}-{n}"
    return kandidat


def koordination_adressen() -> list[str]:
    """Where coordinators are reached: active staff users and the network's contact address."""
    adressen = list(
        User.objects.filter(KOORDINATION).order_by("email").values_list("email", flat=True)
    )
    profil = Netzwerkprofil.aktuell()
    if profil.kontakt_email and profil.kontakt_email not in adressen:
        adressen.append(profil.kontakt_email)
    return adressen


def empfaenger(akteur: Akteur) -> list[str]:
    """Addresses that receive relayed messages: the contact address, else the Leitung."""
    if akteur.kontakt_email:
        return [akteur.kontakt_email]
    return list(
        akteur.mitgliedschaften.filter(rolle=Mitgliedschaft.Rolle.LEITUNG)
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )


@transaction.atomic
def akteur_vorschlagen(*, akteur: Akteur, themen: list[Thema], von: User) -> Akteur:
    """Store `akteur` (unsaved, from the proposal form) as “beantragt” and tell coordinators.

    Side effects: writes the Akteur row (status beantragt, `vorgeschlagen_von`, generated slug)
    and its topics; queues one mail per coordinator address (`koordination_adressen`).
    """
    akteur.status = Akteur.Status.BEANTRAGT
    akteur.vorgeschlagen_von = von
    akteur.slug = freier_slug(akteur.name)
    akteur.save()
    akteur.themen.set(themen)
    adressen = koordination_adressen()
    if adressen:
        mail_senden(
            an=adressen,
            vorlage="vereine/mail/vorschlag_eingegangen",
            kontext={
                "akteur": akteur,
                "von": von,
                "admin_url": reverse("admin:vereine_akteur_change", args=[akteur.pk]),
            },
        )
    return akteur


@transaction.atomic
def akteur_freigeben(*, akteur: Akteur, von: User, nachricht: str = "") -> None:
    """Approve a proposed actor: it goes live and the proposer becomes its Leitung.

    Side effects: sets the status to aktiv; creates (or upgrades to) a Leitung membership for
    the proposer; queues one mail to the proposer with `nachricht`.
    """
    akteur.status = Akteur.Status.AKTIV
    akteur.save(update_fields=["status", "geaendert"])
    antragsteller = akteur.vorgeschlagen_von
    if antragsteller is None:
        return
    Mitgliedschaft.objects.update_or_create(
        akteur=akteur, user=antragsteller, defaults={"rolle": Mitgliedschaft.Rolle.LEITUNG}
    )
    mail_senden(
        an=[antragsteller.email],
        vorlage="vereine/mail/freigegeben",
        kontext={"akteur": akteur, "nachricht": nachricht},
    )


@transaction.atomic
def akteur_ablehnen(*, akteur: Akteur, von: User, nachricht: str) -> None:
    """Reject a proposed actor with a message to the proposer.

    Side effects: sets the status to abgelehnt; queues one mail to the proposer.
    """
    akteur.status = Akteur.Status.ABGELEHNT
    akteur.save(update_fields=["status", "geaendert"])
    if akteur.vorgeschlagen_von is not None:
        mail_senden(
            an=[akteur.vorgeschlagen_von.email],
            vorlage="vereine/mail/abgelehnt",
            kontext={"akteur": akteur, "nachricht": nachricht},
        )


def kontakt_weiterleiten(*, akteur: Akteur, name: str, email: str, nachricht: str) -> None:
    """Relay a message from the public contact form; the actor's address stays hidden.

    Side effects: queues one mail to each `empfaenger(akteur)` with reply-to the sender.
    """
    mail_senden(
        an=empfaenger(akteur),
        vorlage="vereine/mail/kontakt",
        kontext={"akteur": akteur, "name": name, "email": email, "nachricht": nachricht},
        antwort_an=email,
    )


# --- Memberships and invitations ----------------------------------------------------------


def _leitungen(akteur: Akteur) -> int:
    return akteur.mitgliedschaften.filter(rolle=Mitgliedschaft.Rolle.LEITUNG).count()


@transaction.atomic
def rolle_aendern(*, mitgliedschaft: Mitgliedschaft, rolle: str) -> None:
    """Change a member's role. The last Leitung of an actor cannot be demoted.

    Side effects: updates the Mitgliedschaft row. Raises RegelVerletzt.
    """
    mitgliedschaft = Mitgliedschaft.objects.select_for_update().get(pk=mitgliedschaft.pk)
    if (
        mitgliedschaft.rolle == Mitgliedschaft.Rolle.LEITUNG
        and rolle != Mitgliedschaft.Rolle.LEITUNG
        and _leitungen(mitgliedschaft.akteur) <= 1
    ):
        raise RegelVerletzt(
            _("Every actor needs at least one person in charge. Appoint someone else first.")
        )
    mitgliedschaft.rolle = rolle
    mitgliedschaft.save(update_fields=["rolle"])


@transaction.atomic
def mitglied_entfernen(*, mitgliedschaft: Mitgliedschaft) -> None:
    """Remove a member. The last Leitung cannot be removed (not even by itself).

    Side effects: deletes the Mitgliedschaft row. Raises RegelVerletzt.
    """
    mitgliedschaft = Mitgliedschaft.objects.select_for_update().get(pk=mitgliedschaft.pk)
    if (
        mitgliedschaft.rolle == Mitgliedschaft.Rolle.LEITUNG
        and _leitungen(mitgliedschaft.akteur) <= 1
    ):
        raise RegelVerletzt(
            _("Every actor needs at least one person in charge. Appoint someone else first.")
        )
    mitgliedschaft.delete()


def einladung_token(einladung: Einladung) -> str:
    return signing.dumps(einladung.pk, salt=EINLADUNG_SALT)


def einladung_aus_token(token: str) -> Einladung:
    """The open invitation behind `token`; raises EinladungUngueltig otherwise."""
    # The page says "no longer valid" for every case, so both messages are the same.
    pk = link_laden(
        token,
        salt=EINLADUNG_SALT,
        gueltig=timedelta(days=EINLADUNG_GUELTIG_TAGE),
        fehler=EinladungUngueltig,
        abgelaufen="",
        ungueltig="",
        form=int,
    )
    einladung = (
        Einladung.objects.select_related("akteur").filter(pk=pk, angenommen_am__isnull=True).first()
    )
    if einladung is None:
        raise EinladungUngueltig
    return einladung


@transaction.atomic
def mitglied_einladen(*, akteur: Akteur, email: str, rolle: str, von: User) -> Einladung:
    """Invite `email` to join `akteur` in `rolle`.

    Side effects: writes an Einladung row; queues one mail to `email` with a signed link that
    expires after EINLADUNG_GUELTIG_TAGE days.
    """
    einladung = Einladung.objects.create(
        akteur=akteur, email=email, rolle=rolle, eingeladen_von=von
    )
    mail_senden(
        an=[email],
        vorlage="vereine/mail/einladung",
        kontext={
            "akteur": akteur,
            "von": von,
            "rolle": einladung.get_rolle_display(),
            "pfad": reverse("vereine:einladung", kwargs={"token": einladung_token(einladung)}),
            "tage": EINLADUNG_GUELTIG_TAGE,
        },
    )
    return einladung


@transaction.atomic
def einladung_annehmen(*, einladung: Einladung, user: User) -> Mitgliedschaft:
    """Link `user` to the invitation's actor. An existing membership keeps the higher role.

    Side effects: creates or updates a Mitgliedschaft; marks the Einladung as accepted.
    """
    mitgliedschaft, neu = Mitgliedschaft.objects.get_or_create(
        akteur=einladung.akteur, user=user, defaults={"rolle": einladung.rolle}
    )
    if not neu and einladung.rolle == Mitgliedschaft.Rolle.LEITUNG:
        mitgliedschaft.rolle = Mitgliedschaft.Rolle.LEITUNG
        mitgliedschaft.save(update_fields=["rolle"])
    einladung.angenommen_am = timezone.now()
    einladung.angenommen_von = user
    einladung.save(update_fields=["angenommen_am", "angenommen_von"])
    return mitgliedschaft


# --- Gesuche and responses ----------------------------------------------------------------


@transaction.atomic
def gesuch_speichern(*, gesuch: Gesuch, akteur: Akteur) -> Gesuch:
    """Save a Gesuch for `akteur` (always the actor from the URL, never from the form).

    Side effects: writes the Gesuch row; records the day it was closed (`beendet_am`), from
    which the retention period of its responses runs.
    """
    gesuch.akteur = akteur
    if gesuch.status == Gesuch.Status.BEENDET and gesuch.beendet_am is None:
        gesuch.beendet_am = timezone.localdate()
    elif gesuch.status == Gesuch.Status.OFFEN:
        gesuch.beendet_am = None
    gesuch.save()
    return gesuch


@transaction.atomic
def hilfe_anbieten(*, gesuch: Gesuch, name: str, email: str, nachricht: str) -> Rueckmeldung:
    """“Ich möchte helfen”: store the response and tell the actor, without the helper's address.

    The actor answers from Mein Bereich (`rueckmeldung_beantworten`); only then does the helper
    learn the actor's address, and the actor never sees the helper's until the helper replies.

    Side effects: writes a Rueckmeldung row (status neu, consent time now); queues one mail to
    each `empfaenger(gesuch.akteur)`.
    """
    rueckmeldung = Rueckmeldung.objects.create(
        gesuch=gesuch, name=name, email=email, nachricht=nachricht, einwilligung_am=timezone.now()
    )
    mail_senden(
        an=empfaenger(gesuch.akteur),
        vorlage="vereine/mail/rueckmeldung",
        kontext={
            "gesuch": gesuch,
            "rueckmeldung": rueckmeldung,
            "pfad": reverse(
                "vereine:rueckmeldungen",
                kwargs={"slug": gesuch.akteur.slug, "pk": gesuch.pk},
            ),
        },
    )
    return rueckmeldung


@transaction.atomic
def rueckmeldung_beantworten(*, rueckmeldung: Rueckmeldung, text: str, von: User) -> None:
    """Mail the actor's answer to the helper, replies going to the actor's contact address.

    Side effects: queues one mail to the helper (reply-to the actor's contact address, else
    `von`'s address); sets `beantwortet_am` and moves a new response to “kontaktiert”.
    """
    if rueckmeldung.anonymisiert_am:
        raise RegelVerletzt(_("The helper's data has already been deleted."))
    akteur = rueckmeldung.gesuch.akteur
    mail_senden(
        an=[rueckmeldung.email],
        vorlage="vereine/mail/antwort",
        kontext={"akteur": akteur, "gesuch": rueckmeldung.gesuch, "text": text},
        antwort_an=akteur.kontakt_email or von.email,
    )
    rueckmeldung.beantwortet_am = timezone.now()
    if rueckmeldung.status == Rueckmeldung.Status.NEU:
        rueckmeldung.status = Rueckmeldung.Status.KONTAKTIERT
    rueckmeldung.save(update_fields=["beantwortet_am", "status"])


def rueckmeldung_markieren(*, rueckmeldung: Rueckmeldung, status: str) -> None:
    """Side effects: updates the response's status."""
    rueckmeldung.status = status
    rueckmeldung.save(update_fields=["status"])


# --- Retention ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Aufraeumergebnis:
    rueckmeldungen: int
    stichtag: date


def loeschfrist_stichtag(jetzt: datetime | None = None) -> date:
    """Needs that ended before this day have responses whose personal data must go."""
    heute = timezone.localdate(jetzt) if jetzt else timezone.localdate()
    return heute - AUFBEWAHRUNG


@transaction.atomic
def rueckmeldungen_aufraeumen(
    *, jetzt: datetime | None = None, probelauf: bool = False
) -> Aufraeumergebnis:
    """Delete the personal data of responses to needs that ended more than 6 months ago.

    A need ends on its `bis` date or on the day it was closed, whichever comes first. The
    response rows stay (anonymised) so the network can still count how many people offered
    help (reports to the funder).

    Side effects (unless `probelauf`): blanks name, e-mail and message of those responses and
    sets `anonymisiert_am`.
    """
    stichtag = loeschfrist_stichtag(jetzt)
    faellig = Rueckmeldung.objects.filter(
        anonymisiert_am__isnull=True,
        gesuch__in=Gesuch.objects.beendet_vor(stichtag),
    )
    if probelauf:
        return Aufraeumergebnis(rueckmeldungen=faellig.count(), stichtag=stichtag)
    anzahl = faellig.update(
        name="", email="", nachricht="", anonymisiert_am=jetzt or timezone.now()
    )
    return Aufraeumergebnis(rueckmeldungen=anzahl, stichtag=stichtag)
