"""Workflows of the core: accounts and barrier reports."""

from django.db import transaction

from netzwerk.mail import mail_senden
from netzwerk.models import Netzwerkprofil, User


@transaction.atomic
def konto_loeschen(*, user: User) -> None:
    """Delete the user's account and everything that cascades from it, immediately.

    Side effects: deletes the User row; related rows go by their on_delete rules (memberships,
    children, wishes...). Content that belongs to an Akteur stays with the Akteur.
    """
    user.delete()


def barriere_melden(*, seite: str, beschreibung: str, email: str, sprache: str) -> None:
    """Mail a barrier report to the coordination contact.

    Side effects: queues one mail to Netzwerkprofil.kontakt_email (none if it is empty).
    """
    profil = Netzwerkprofil.aktuell()
    if not profil.kontakt_email:
        return
    mail_senden(
        an=[profil.kontakt_email],
        vorlage="mail/barriere_gemeldet",
        kontext={"seite": seite, "beschreibung": beschreibung, "email": email},
        antwort_an=email or None,
    )
