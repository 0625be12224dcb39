"""Topics, the agenda, the minutes' prefill and the hosting history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from netzwerk import tagesordnung as netzwerk_tagesordnung
from netzwerk.mail import mail_senden
from termine import terminabgleich
from termine.models import Rueckmeldung, Stammtisch, Stammtischreihe, Termin, Thema
from termine.services import terminabgleich_fuer_zeitraum
from termine.stammtisch.services.antworten import themen_moeglich
from termine.stammtisch.services.gastgeber import _koordination_adressen
from termine.stammtisch.services.planung import ABGLEICH_TAGE, MAIL, StammtischFehler
from vereine.models import Akteur

# ------------------------------------------------------------------- topics and agenda


def thema_einreichen(
    *,
    stammtisch: Stammtisch,
    titel: str,
    beschreibung: str = "",
    von=None,
    akteur: Akteur | None = None,
) -> Thema:
    """Submit a topic for the meeting's agenda; coordinators accept and order it.

    A topic the coordinators add themselves needs nobody's decision: it is accepted at once
    and shows on the agenda. Side effects: writes a Thema (placed after the others; status
    angenommen when `von` coordinates the series – staff or named in the series – else
    eingereicht and a mail to the series' coordinators).
    """
    von_koordination = (
        getattr(von, "is_authenticated", False)
        and Stammtischreihe.objects.koordiniert_von(von).filter(pk=stammtisch.reihe_id).exists()
    )
    if not themen_moeglich(stammtisch):
        raise StammtischFehler(_("This meeting is over or cancelled; topics are closed."))
    letzte = stammtisch.themen.order_by("-reihenfolge").values_list("reihenfolge", flat=True)
    thema = Thema.objects.create(
        stammtisch=stammtisch,
        titel=titel.strip(),
        beschreibung=beschreibung.strip(),
        eingereicht_von=von if getattr(von, "is_authenticated", False) else None,
        akteur=akteur,
        reihenfolge=(letzte.first() or 0) + 1,
        status=Thema.Status.ANGENOMMEN if von_koordination else Thema.Status.EINGEREICHT,
    )
    adressen = [] if von_koordination else _koordination_adressen(stammtisch.reihe)
    if adressen:
        mail_senden(
            an=adressen,
            vorlage=f"{MAIL}/thema_eingereicht",
            kontext={
                "stammtisch": stammtisch,
                "termin": stammtisch.termin,
                "thema": thema,
                "admin_link": settings.SITE_URL
                + reverse("admin:termine_stammtisch_change", args=[stammtisch.pk]),
            },
        )
    return thema


@dataclass(frozen=True)
class Tagesordnungspunkt:
    """One item of the agenda, in the network's fixed running order."""

    nummer: int
    art: str
    titel: str
    text: str = ""
    themen: tuple[Thema, ...] = ()
    punkte: tuple[str, ...] = ()
    terminabgleich: tuple[terminabgleich.ClashDay, ...] = field(default_factory=tuple)


def tagesordnung(*, stammtisch: Stammtisch, fuer) -> list[Tagesordnungspunkt]:
    """The agenda in the network's running order: the host presents itself, a round of
    introductions, the accepted topics (in the coordinators' order), the items the rooms
    propose (:mod:`netzwerk.tagesordnung`: open shared challenges, overdue answers; only
    when there are any), the series' recurring topics, and the Terminabgleich for the
    coming months.

    The Terminabgleich lists only dates `fuer` (the reader) may see: the visitor of a
    page, ``AnonymousUser()`` for mails (invitations also go to addresses outside the
    network); ``None`` only in the coordinators' back office. No side effects."""
    tag = timezone.localdate(stammtisch.termin.start)
    gastgeber = stammtisch.gastgeber
    punkte = [
        (
            "gastgeber",
            _("The host introduces itself"),
            str(gastgeber) if gastgeber else _("Host still open"),
            {},
        ),
        ("vorstellung", _("Round of introductions"), _("Who is here, and what is new?"), {}),
        (
            "themen",
            _("Topics from the actors"),
            "",
            {"themen": tuple(stammtisch.themen.angenommen().select_related("akteur"))},
        ),
        *(
            [
                (
                    "netzwerk",
                    _("Open items from the network"),
                    "",
                    {"punkte": tuple(_vorschlag_text(v) for v in vorschlaege)},
                )
            ]
            if (vorschlaege := netzwerk_tagesordnung.vorschlaege(tag))
            else []
        ),
        (
            "wiederkehrend",
            _("Recurring topics"),
            "",
            {"punkte": tuple(stammtisch.reihe.wiederkehrende_themen_liste)},
        ),
        (
            "terminabgleich",
            _("Terminabgleich"),
            _("Dates that clash in the coming months (until %(datum)s).")
            % {
                "datum": formats.date_format(
                    tag + timedelta(days=ABGLEICH_TAGE), "SHORT_DATE_FORMAT"
                )
            },
            {
                "terminabgleich": tuple(
                    terminabgleich_fuer_zeitraum(
                        von=tag, bis=tag + timedelta(days=ABGLEICH_TAGE), sichtbar_fuer=fuer
                    )
                )
            },
        ),
    ]
    return [
        Tagesordnungspunkt(nummer=i, art=art, titel=titel, text=text, **extra)
        for i, (art, titel, text, extra) in enumerate(punkte, start=1)
    ]


def _vorschlag_text(vorschlag: netzwerk_tagesordnung.Vorschlag) -> str:
    text = f"{vorschlag.art}: {vorschlag.titel}" if vorschlag.art else vorschlag.titel
    return f"{text} – {vorschlag.text}" if vorschlag.text else text


# ------------------------------------------------------------------------------ minutes


def protokoll_vorbelegen(termin: Termin) -> dict:
    """Initial values for new minutes of `termin`: the Akteure and the head count from
    the RSVP yeses, and one item per agenda point. No side effects."""
    stammtisch = Stammtisch.objects.filter(termin=termin).first()
    if stammtisch is None:
        return {"anwesende": [], "personenzahl": None, "punkte": []}
    zusagen = stammtisch.rueckmeldungen.filter(antwort=Rueckmeldung.Antwort.ZUSAGE)
    akteure = sorted({r.akteur_id for r in zusagen if r.akteur_id})
    punkte = []
    # Filled in by the coordinators in the back office.
    for punkt in tagesordnung(stammtisch=stammtisch, fuer=None):
        if punkt.art == "themen":
            punkte += [thema.titel for thema in punkt.themen]
        elif punkt.art in ("wiederkehrend", "netzwerk"):
            punkte += list(punkt.punkte)
        else:
            punkte.append(punkt.titel)
    return {"anwesende": akteure, "personenzahl": zusagen.count() or None, "punkte": punkte}


# --------------------------------------------------------------------------- history


def nie_gastgeber(reihe: Stammtischreihe) -> list[Akteur]:
    """Pool Akteure that have never hosted a (not cancelled, not declined) meeting of the
    series, by name. One query."""
    gastgeber = (
        Stammtisch.objects.filter(reihe=reihe, gastgeber__isnull=False)
        .nicht_abgesagt()
        .vergangene()
        .exclude(gastgeber_status=Stammtisch.GastgeberStatus.ABGELEHNT)
        .values("gastgeber_id")
    )
    return list(
        Akteur.objects.filter(stammtisch_teilnahmen__reihe=reihe)
        .exclude(pk__in=gastgeber)
        .order_by("name")
    )
