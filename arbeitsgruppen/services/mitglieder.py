"""Joining and leaving a group: requests, invitations, roles."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arbeitsgruppen.models import (
    Arbeitsgruppe,
    Beitrittsanfrage,
    Einladung,
    Mitglied,
)
from netzwerk.mail import mail_senden
from netzwerk.models import User
from netzwerk.signierte_links import link_laden

EINLADUNG_SALT = "arbeitsgruppen.einladung"
# An invitation link is valid for two weeks.
EINLADUNG_GUELTIG = timedelta(days=14)


class Abgelehnt(Exception):
    """A workflow refused a step; the message is meant for the user."""


def _absolut(pfad: str) -> str:
    return settings.SITE_URL + pfad


# --- Joining and leaving ----------------------------------------------------------------------


@transaction.atomic
def beitritt_anfragen(
    *, gruppe: Arbeitsgruppe, user: User, nachricht: str = ""
) -> Beitrittsanfrage:
    """Ask to join `gruppe`.

    Side effects: creates a Beitrittsanfrage (status offen); mails every Leitung of the group.
    Raises Abgelehnt if `user` is already a member or has an open request.
    """
    if gruppe.mitglieder.filter(user=user).exists():
        raise Abgelehnt(_("You are already a member of this group."))
    if gruppe.beitrittsanfragen.filter(user=user, status=Beitrittsanfrage.Status.OFFEN).exists():
        raise Abgelehnt(_("You have already asked to join. The group's lead will answer soon."))
    anfrage = Beitrittsanfrage.objects.create(gruppe=gruppe, user=user, nachricht=nachricht)
    leitung = [m.user.email for m in gruppe.mitglieder.leitung().select_related("user")]
    if leitung:
        mail_senden(
            an=leitung,
            vorlage="arbeitsgruppen/mail/anfrage_neu",
            kontext={
                "gruppe": gruppe,
                "anfrage": anfrage,
                "link": _absolut(reverse("arbeitsgruppen:mitglieder", args=[gruppe.slug])),
            },
        )
    return anfrage


@transaction.atomic
def anfrage_entscheiden(
    *, anfrage: Beitrittsanfrage, von: User, annehmen: bool, jetzt: datetime | None = None
) -> Mitglied | None:
    """Accept or decline an open join request.

    Side effects: sets the request's status, decider and time; when accepted, creates the
    Mitglied row; mails the person who asked. Raises Abgelehnt if the request is not open.
    """
    anfrage = Beitrittsanfrage.objects.select_for_update().get(pk=anfrage.pk)
    if anfrage.status != Beitrittsanfrage.Status.OFFEN:
        raise Abgelehnt(_("This request has already been answered."))
    anfrage.status = (
        Beitrittsanfrage.Status.ANGENOMMEN if annehmen else Beitrittsanfrage.Status.ABGELEHNT
    )
    anfrage.entschieden_von = von
    anfrage.entschieden_am = jetzt or timezone.now()
    anfrage.save(update_fields=["status", "entschieden_von", "entschieden_am"])
    mitglied = None
    if annehmen:
        mitglied, _neu = Mitglied.objects.get_or_create(gruppe=anfrage.gruppe, user=anfrage.user)
    mail_senden(
        an=[anfrage.user.email],
        vorlage="arbeitsgruppen/mail/anfrage_entschieden",
        kontext={
            "gruppe": anfrage.gruppe,
            "angenommen": annehmen,
            "link": _absolut(anfrage.gruppe.get_absolute_url()),
        },
    )
    return mitglied


def einladung_token(einladung: Einladung) -> str:
    return signing.dumps({"e": einladung.pk}, salt=EINLADUNG_SALT, compress=True)


def einladung_aus_token(token: str) -> Einladung:
    """The open invitation behind `token`; raises Abgelehnt if the link is broken, expired
    or already used."""
    daten = link_laden(
        token,
        salt=EINLADUNG_SALT,
        gueltig=EINLADUNG_GUELTIG,
        fehler=Abgelehnt,
        abgelaufen=_("This invitation has expired. Please ask the group's lead for a new one."),
        ungueltig=_(
            "This invitation link is incomplete. Please copy the whole link from the mail."
        ),
    )
    einladung = Einladung.objects.select_related("gruppe").filter(pk=daten.get("e")).first()
    if einladung is None:
        raise Abgelehnt(_("This invitation has been withdrawn."))
    if einladung.angenommen_am:
        raise Abgelehnt(_("This invitation has already been accepted."))
    return einladung


@transaction.atomic
def einladen(*, gruppe: Arbeitsgruppe, email: str, von: User) -> Einladung:
    """Invite `email` to join `gruppe`.

    Side effects: creates an Einladung; mails the address a signed link valid for 14 days.
    """
    einladung = Einladung.objects.create(gruppe=gruppe, email=email, eingeladen_von=von)
    link = _absolut(reverse("arbeitsgruppen:einladung", args=[einladung_token(einladung)]))
    mail_senden(
        an=[email],
        vorlage="arbeitsgruppen/mail/einladung",
        kontext={"gruppe": gruppe, "von": von, "link": link, "tage": EINLADUNG_GUELTIG.days},
        antwort_an=von.email,
    )
    return einladung


@transaction.atomic
def einladung_annehmen(
    *, einladung: Einladung, user: User, jetzt: datetime | None = None
) -> Mitglied:
    """Make `user` (whoever holds the link and is logged in) a member of the invited group.

    Side effects: creates the Mitglied row (if not yet a member); marks the invitation as
    accepted; an open join request of the user for that group is marked accepted as well.
    """
    einladung = Einladung.objects.select_for_update().get(pk=einladung.pk)
    if einladung.angenommen_am:
        raise Abgelehnt(_("This invitation has already been accepted."))
    jetzt = jetzt or timezone.now()
    mitglied, _neu = Mitglied.objects.get_or_create(gruppe=einladung.gruppe, user=user)
    einladung.angenommen_von = user
    einladung.angenommen_am = jetzt
    einladung.save(update_fields=["angenommen_von", "angenommen_am"])
    einladung.gruppe.beitrittsanfragen.filter(
        user=user, status=Beitrittsanfrage.Status.OFFEN
    ).update(status=Beitrittsanfrage.Status.ANGENOMMEN, entschieden_am=jetzt)
    return mitglied


@transaction.atomic
def austreten(*, mitglied: Mitglied) -> None:
    """Leave a group.

    Side effects: deletes the Mitglied row; the member's tasks in that group lose their
    assignee (they go back to the group). Raises Abgelehnt for the last Leitung.
    """
    gruppe = mitglied.gruppe
    # Lock the group's Leitung rows so that two leads cannot both leave at the same moment.
    leitung = list(gruppe.mitglieder.leitung().select_for_update().values_list("pk", flat=True))
    if mitglied.ist_leitung and leitung == [mitglied.pk]:
        raise Abgelehnt(
            _(
                "You are the group's only lead. Please make another member lead first, "
                "then you can leave."
            )
        )
    gruppe.aufgaben.filter(zustaendig=mitglied.user).offen().update(zustaendig=None)
    mitglied.delete()


@transaction.atomic
def rolle_setzen(*, mitglied: Mitglied, rolle: str) -> None:
    """Change a member's role.

    Side effects: updates the Mitglied row. Raises Abgelehnt when the last Leitung would be
    demoted.
    """
    leitung = list(
        mitglied.gruppe.mitglieder.leitung().select_for_update().values_list("pk", flat=True)
    )
    if rolle != Mitglied.Rolle.LEITUNG and leitung == [mitglied.pk]:
        raise Abgelehnt(_("A group needs at least one lead. Please make someone else lead first."))
    mitglied.rolle = rolle
    mitglied.save(update_fields=["rolle"])
