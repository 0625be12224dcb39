"""Answers (RSVP) by login or signed link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from netzwerk.signierte_links import link_laden
from termine.models import Rueckmeldung, Stammtisch
from termine.stammtisch.services.planung import (
    RUECKMELDUNG_GUELTIG,
    SALT_RUECKMELDUNG,
    StammtischFehler,
    UngueltigerLink,
)
from vereine.models import Akteur

# ------------------------------------------------------------------------------- RSVP


@dataclass(frozen=True)
class LinkDaten:
    """What a signed answer link stands for."""

    stammtisch: Stammtisch
    email: str
    akteur: Akteur | None


def rueckmeldung_link_laden(token: str) -> LinkDaten:
    """Check a signed answer link; raises UngueltigerLink. No side effects."""
    daten = link_laden(
        token,
        salt=SALT_RUECKMELDUNG,
        gueltig=RUECKMELDUNG_GUELTIG,
        fehler=UngueltigerLink,
        abgelaufen=_(
            "This link has expired. Please log in to answer, or ask the coordination team."
        ),
        ungueltig=_("This link is not valid. Please copy it completely from the e-mail."),
    )
    stammtisch = Stammtisch.objects.fuer_listen().filter(pk=daten.get("s")).first()
    if stammtisch is None:
        raise UngueltigerLink(_("This meeting no longer exists."))
    akteur = Akteur.objects.filter(pk=daten.get("a")).first() if daten.get("a") else None
    return LinkDaten(stammtisch, daten["e"], akteur)


def antworten_moeglich(stammtisch: Stammtisch, jetzt: datetime | None = None) -> bool:
    """Answers are open from the invitation until the meeting ends (not when cancelled)."""
    return stammtisch.phase_am(jetzt) == Stammtisch.Phase.EINGELADEN


def themen_moeglich(stammtisch: Stammtisch, jetzt: datetime | None = None) -> bool:
    """Topics may be submitted while the meeting is planned and after the invitation."""
    return stammtisch.phase_am(jetzt) in (Stammtisch.Phase.PLANUNG, Stammtisch.Phase.EINGELADEN)


def antworten_geschlossen_grund(stammtisch: Stammtisch, jetzt: datetime | None = None) -> str:
    """Why nobody can answer now, as people read it ("" while answers are open)."""
    phase = stammtisch.phase_am(jetzt)
    if phase == Stammtisch.Phase.PLANUNG:
        return _("This meeting is still being planned; you can answer once the invitation is out.")
    if phase in (Stammtisch.Phase.VORBEI, Stammtisch.Phase.ABGESAGT):
        return _("This meeting is over or cancelled; answers are closed.")
    return ""


def rsvp_setzen(
    *,
    stammtisch: Stammtisch,
    email: str,
    antwort: str,
    user=None,
    akteur: Akteur | None = None,
) -> Rueckmeldung:
    """Record (or change) the answer of `email` for `stammtisch`.

    Side effects: writes one Rueckmeldung per meeting and address (an existing one is
    updated). A known user is linked by address; without `akteur` their first Akteur in
    the rotation pool is taken.
    """
    if antwort not in Rueckmeldung.Antwort.values:
        raise StammtischFehler(_("Please choose yes, maybe or no."))
    if not antworten_moeglich(stammtisch):
        raise StammtischFehler(antworten_geschlossen_grund(stammtisch))
    email = email.strip().lower()
    if user is None:
        user = get_user_model().objects.filter(email__iexact=email).first()
    if akteur is None and user is not None:
        akteur = (
            Akteur.objects.filter(
                mitgliedschaften__user=user, stammtisch_teilnahmen__reihe=stammtisch.reihe_id
            )
            .order_by("name")
            .first()
        )
    rueckmeldung, _neu = Rueckmeldung.objects.update_or_create(
        stammtisch=stammtisch,
        email=email,
        defaults={"antwort": antwort, "user": user, "akteur": akteur},
    )
    return rueckmeldung


def rsvp_per_link(*, token: str, antwort: str) -> Rueckmeldung:
    """Record the answer given through a signed mail link (no login needed).

    Side effects: see :func:`rsvp_setzen`; raises UngueltigerLink for a bad link.
    """
    daten = rueckmeldung_link_laden(token)
    return rsvp_setzen(
        stammtisch=daten.stammtisch, email=daten.email, antwort=antwort, akteur=daten.akteur
    )


def rueckmeldungen_zaehlen(stammtisch: Stammtisch) -> dict[str, int]:
    """How many said yes, maybe and no (one query)."""
    zahlen = stammtisch.rueckmeldungen.aggregate(
        **{wert: Count("pk", filter=Q(antwort=wert)) for wert in Rueckmeldung.Antwort.values}
    )
    return {wert: zahlen[wert] or 0 for wert in Rueckmeldung.Antwort.values}
