"""Workflows of the Aktionstag: stations, decisions, helper sign-ups, reminders.

Every function here is the one place where its rows are written; views, forms, admin
actions and commands call them. Each docstring lists the side effects.

Sign-ups and concurrency
========================
:func:`eintragen` (and :func:`gast_bestaetigen`, which turns a guest's sign-up into a
confirmed one) count the shift's confirmed helpers and write the sign-up in one transaction
that first locks the shift's row (``select_for_update``), the same discipline as the
Ferienkalender's registration: everybody who signs up for the same shift queues on that row,
so a full shift refuses more helpers however many press the button at once. On SQLite the
IMMEDIATE transactions serialise writers instead. ``AKTIONSTAG_OHNE_SPERRE = True`` (test
settings only) switches the lock off for the parallel test's control run.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from netzwerk.berechtigungen import ist_koordination
from netzwerk.mail import Anhang, mail_senden
from netzwerk.signierte_links import link_laden
from netzwerk.zeit import ortszeit
from termine import ical
from termine.aktionstag.datenschutz import GAST_LINK_GUELTIG
from termine.aktionstag.kollisionen import Platzwunsch
from termine.aktionstag.kollisionen import kollisionen as _kollisionen
from termine.models import Aktionstag, Helfereinsatz, Schicht, Station
from vereine.models import Akteur

SALZ_BESTAETIGEN = "aktionstag.gast-bestaetigen"
SALZ_ABSAGEN = "aktionstag.absagen"
ABSAGEN_GUELTIG = timedelta(days=400)


class NichtMoeglich(Exception):
    """A station or sign-up was refused; `nachricht` says why and what to do next."""

    def __init__(self, nachricht: str, code: str = "") -> None:
        super().__init__(nachricht)
        self.nachricht = nachricht
        self.code = code


def _gesperrt(queryset):
    if getattr(settings, "AKTIONSTAG_OHNE_SPERRE", False):
        return queryset
    return queryset.select_for_update()


# ------------------------------------------------------------------------------ stations

STATIONSFELDER = (
    "titel",
    "beschreibung",
    "zielgruppe",
    "start",
    "ende",
    "platz",
    "ort",
    "strom",
    "zelt",
    "tische",
    "wasser",
    "mit_kindern",
)


def station_einreichen(
    *, aktionstag: Aktionstag, akteur: Akteur, von, daten: dict, jetzt: datetime | None = None
) -> Station:
    """Apply with a station of `akteur` (of which `von` is a member, or a coordinator).

    Side effects: writes one Station (status "waiting for a decision").
    """
    if not aktionstag.stationen_moeglich(jetzt):
        raise NichtMoeglich(
            _("Applications for stations are closed. Please ask the coordinators."), "zu"
        )
    if not ist_koordination(von) and not akteur.mitgliedschaften.filter(user=von).exists():
        raise NichtMoeglich(_("You can only apply for your own actors."), "fremd")
    return Station.objects.create(
        aktionstag=aktionstag,
        akteur=akteur,
        eingereicht_von=von,
        **{feld: daten[feld] for feld in STATIONSFELDER if feld in daten},
    )


def station_aendern(*, station: Station, daten: dict) -> Station:
    """Change a station before or after the coordinators asked for changes.

    Side effects: updates the Station; a station with changes requested goes back to
    "waiting for a decision". A declined station cannot be changed."""
    if station.status == Station.Status.ABGELEHNT:
        raise NichtMoeglich(_("This station was declined and cannot be changed."), "abgelehnt")
    for feld in STATIONSFELDER:
        if feld in daten:
            setattr(station, feld, daten[feld])
    if station.status == Station.Status.AENDERUNG:
        station.status = Station.Status.EINGEREICHT
    station.save()
    return station


def station_entscheiden(
    *, station: Station, status: str, rueckmeldung: str = "", von=None
) -> Station:
    """Accept, decline or ask for changes (`status` one of Station.Status except
    "waiting").

    Side effects: updates status and message of the Station; one mail to the member who
    submitted it (if the account still exists)."""
    if status not in {
        Station.Status.ANGENOMMEN,
        Station.Status.ABGELEHNT,
        Station.Status.AENDERUNG,
    }:
        raise ValueError(status)
    station.status = status
    if rueckmeldung:
        station.rueckmeldung = rueckmeldung
    station.save(update_fields=["status", "rueckmeldung", "geaendert"])
    if station.eingereicht_von_id and station.eingereicht_von.email:
        mail_senden(
            an=[station.eingereicht_von.email],
            vorlage="termine/aktionstag/mail/entscheidung",
            kontext={"station": station, "aktionstag": station.aktionstag},
        )
    return station


def kollisionen(stationen) -> dict[int, list[Station]]:
    """Per station id, the other stations of `stationen` that want the same spot at an
    overlapping time (declined stations left out). No queries beyond loading `stationen`."""
    liste = [s for s in stationen if s.status != Station.Status.ABGELEHNT]
    nach_id = {s.pk: s for s in liste}
    ergebnis = _kollisionen([Platzwunsch(s.pk, s.platz, s.ort, s.start, s.ende) for s in liste])
    return {k: [nach_id[i] for i in v] for k, v in ergebnis.items()}


# ------------------------------------------------------------------------ helper shifts


def eintragen_moeglich_am(aktionstag: Aktionstag, jetzt: datetime | None = None) -> bool:
    """Sign-ups (and cancelling) are open until the day before the Aktionstag (local date)."""
    jetzt = jetzt or timezone.now()
    termin = aktionstag.termin
    return not termin.abgesagt and timezone.localdate(jetzt) < termin.erster_tag


def eintragen_moeglich(schicht: Schicht, jetzt: datetime | None = None) -> bool:
    return eintragen_moeglich_am(schicht.aktionstag, jetzt)


def _pruefen(schicht: Schicht, *, alter_bestaetigt: bool, jetzt: datetime) -> None:
    if not eintragen_moeglich(schicht, jetzt):
        raise NichtMoeglich(
            _("Sign-ups for this day are closed. Please ask the coordinators."), "zu"
        )
    if schicht.station_id and schicht.station.status != Station.Status.ANGENOMMEN:
        raise NichtMoeglich(_("This station is not part of the programme (yet)."), "station")
    if schicht.mindestalter and not alter_bestaetigt:
        raise NichtMoeglich(
            _("Please confirm that you are at least %(alter)s years old.")
            % {"alter": schicht.mindestalter},
            "alter",
        )


def _voll() -> NichtMoeglich:
    return NichtMoeglich(
        _("This shift is full. Please choose another shift – there is plenty to do!"), "voll"
    )


def _bestaetigen_unter_sperre(einsatz: Helfereinsatz, jetzt: datetime) -> Helfereinsatz:
    """Inside a transaction: lock the shift, count, confirm or refuse."""
    schicht = _gesperrt(Schicht.objects.filter(pk=einsatz.schicht_id)).get()
    belegt = Helfereinsatz.objects.bestaetigt().filter(schicht=schicht).count()
    if belegt >= schicht.max_helfer:
        raise _voll()
    einsatz.bestaetigt_am = jetzt
    einsatz.save()
    return einsatz


def eintragen(
    *,
    schicht: Schicht,
    user=None,
    gast_name: str = "",
    gast_email: str = "",
    alter_bestaetigt: bool = False,
    jetzt: datetime | None = None,
) -> Helfereinsatz:
    """Sign `user` (logged in) or a guest (name and e-mail) up for `schicht`.

    Checks (NichtMoeglich otherwise): sign-up open (until the day before), the station
    accepted, the minimum age confirmed, no double sign-up, a free place.
    Side effects: with an account, one transaction locking the shift's row writes a
    confirmed Helfereinsatz, then one confirmation mail with an .ics file. As a guest,
    writes an unconfirmed Helfereinsatz (it holds no place yet) and sends the mail with the
    signed confirmation link (:func:`gast_bestaetigen`).
    """
    jetzt = jetzt or timezone.now()
    _pruefen(schicht, alter_bestaetigt=alter_bestaetigt, jetzt=jetzt)
    if user is not None and user.is_authenticated:
        try:
            with transaction.atomic():
                if Helfereinsatz.objects.filter(schicht=schicht, user=user).exists():
                    raise NichtMoeglich(_("You have already signed up for this shift."), "doppelt")
                einsatz = Helfereinsatz(schicht=schicht, user=user)
                _bestaetigen_unter_sperre(einsatz, jetzt)
        except IntegrityError:
            raise NichtMoeglich(
                _("You have already signed up for this shift."), "doppelt"
            ) from None
        einsatz.schicht = schicht
        bestaetigung_senden(einsatz)
        return einsatz
    gast_email = gast_email.strip().lower()
    if Helfereinsatz.objects.filter(
        schicht=schicht, gast_email=gast_email, bestaetigt_am__isnull=False
    ).exists():
        raise NichtMoeglich(
            _("This e-mail address is already signed up for this shift."), "doppelt"
        )
    if Helfereinsatz.objects.bestaetigt().filter(schicht=schicht).count() >= schicht.max_helfer:
        raise _voll()
    einsatz = Helfereinsatz.objects.create(
        schicht=schicht, gast_name=gast_name.strip(), gast_email=gast_email
    )
    token = signing.dumps({"e": einsatz.pk}, salt=SALZ_BESTAETIGEN)
    mail_senden(
        an=[gast_email],
        vorlage="termine/aktionstag/mail/gast_bestaetigen",
        kontext={
            "einsatz": einsatz,
            "schicht": schicht,
            "aktionstag": schicht.aktionstag,
            "link": reverse("aktionstag:gast_bestaetigen", args=[token]),
        },
    )
    return einsatz


def _link_laden(token: str, salt: str, gueltig: timedelta) -> Helfereinsatz:
    daten = link_laden(
        token,
        salt=salt,
        gueltig=gueltig,
        fehler=NichtMoeglich,
        abgelaufen=_("This link has expired. Please sign up again."),
        ungueltig=_("This link is incomplete or broken. Please copy it fully from the e-mail."),
    )
    einsatz = (
        Helfereinsatz.objects.select_related("schicht__aktionstag__termin", "schicht__station")
        .filter(pk=daten.get("e"))
        .first()
    )
    if einsatz is None:
        raise NichtMoeglich(_("This sign-up no longer exists. Please sign up again."), "weg")
    return einsatz


def gast_einsatz(token: str) -> Helfereinsatz:
    """The guest's sign-up of a confirmation link (no side effects)."""
    return _link_laden(token, SALZ_BESTAETIGEN, GAST_LINK_GUELTIG)


def gast_bestaetigen(*, token: str, jetzt: datetime | None = None) -> Helfereinsatz:
    """Confirm a guest's sign-up by its signed link (double opt-in).

    Side effects: one transaction locking the shift's row sets ``bestaetigt_am`` if a place
    is free (a confirmed sign-up stays as it is); then the confirmation mail with .ics. A full
    shift refuses and deletes the unconfirmed sign-up."""
    jetzt = jetzt or timezone.now()
    einsatz = gast_einsatz(token)
    if einsatz.bestaetigt_am:
        return einsatz
    if not eintragen_moeglich(einsatz.schicht, jetzt):
        raise NichtMoeglich(_("Sign-ups for this day are closed."), "zu")
    try:
        with transaction.atomic():
            _bestaetigen_unter_sperre(einsatz, jetzt)
    except NichtMoeglich:
        einsatz.delete()
        raise
    bestaetigung_senden(einsatz)
    return einsatz


def station_vevent(station: Station, aktionstag: Aktionstag):
    """One station of the programme as a VEVENT (its own UID, the day's page as URL)."""
    from icalendar import Event

    event = Event()
    event.add("uid", f"station-{station.pk}@{ical.uid(aktionstag.termin)}")
    geaendert = station.geaendert.astimezone(UTC).replace(microsecond=0)
    event.add("dtstamp", geaendert)
    event.add("last-modified", geaendert)
    event.add("summary", f"{station.titel} ({station.akteur.name})")
    event.add("dtstart", timezone.localtime(station.start))
    event.add("dtend", timezone.localtime(station.ende))
    event.add("location", ", ".join(t for t in [str(station.wo), aktionstag.gelaende] if t))
    event.add("description", station.beschreibung)
    event.add("url", ical.absolute_url(aktionstag.get_absolute_url()))
    return event


def absage_link(einsatz: Helfereinsatz) -> str:
    return reverse(
        "aktionstag:gast_absagen",
        args=[signing.dumps({"e": einsatz.pk}, salt=SALZ_ABSAGEN)],
    )


def gast_absage_einsatz(token: str) -> Helfereinsatz:
    """The sign-up of a cancel link in a confirmation mail (no side effects)."""
    return _link_laden(token, SALZ_ABSAGEN, ABSAGEN_GUELTIG)


def bestaetigung_senden(einsatz: Helfereinsatz) -> None:
    """Side effects: one mail to the helper with the shift as .ics and the cancel link."""
    schicht = einsatz.schicht
    mail_senden(
        an=[einsatz.email],
        vorlage="termine/aktionstag/mail/bestaetigt",
        kontext={
            "einsatz": einsatz,
            "schicht": schicht,
            "aktionstag": schicht.aktionstag,
            "absagen": absage_link(einsatz) if not einsatz.user_id else "",
        },
        anhaenge=[
            Anhang(
                dateiname="schicht.ics",
                inhalt=schicht_ical(schicht).decode(),
                mimetype="text/calendar",
            )
        ],
    )


def schicht_ical(schicht: Schicht) -> bytes:
    """The shift as a one-event calendar (its own UID per shift; times of the shift)."""
    from icalendar import Event

    aktionstag = schicht.aktionstag
    event = Event()
    event.add("uid", f"schicht-{schicht.pk}@{ical.uid(aktionstag.termin)}")
    event.add("dtstamp", timezone.now().replace(microsecond=0))
    event.add("summary", f"{schicht.titel} – {aktionstag}")
    event.add("dtstart", timezone.localtime(schicht.start))
    event.add("dtend", timezone.localtime(schicht.ende))
    event.add("location", aktionstag.gelaende)
    event.add("url", ical.absolute_url(aktionstag.get_absolute_url()))
    return ical.kalender_aus([event], name=str(aktionstag))


def absagen_moeglich(einsatz: Helfereinsatz, jetzt: datetime | None = None) -> bool:
    """Helpers cancel until the day before (local date)."""
    return eintragen_moeglich(einsatz.schicht, jetzt)


def absagen(*, einsatz: Helfereinsatz, jetzt: datetime | None = None) -> None:
    """Cancel a sign-up (until the day before; NichtMoeglich after).

    Side effects: deletes the Helfereinsatz (its place is free again)."""
    if not absagen_moeglich(einsatz, jetzt):
        raise NichtMoeglich(
            _("From the day before, please cancel by telling the coordinators directly."), "spaet"
        )
    einsatz.delete()


def zeugnis_vermerken(
    *, einsatz: Helfereinsatz, eingesehen_am, eingesehen_von: str, gueltig_bis
) -> Helfereinsatz:
    """Record that the organiser has seen the helper's extended police certificate (only
    the note, never the document).

    Side effects: updates the three note fields of the Helfereinsatz."""
    einsatz.zeugnis_eingesehen_am = eingesehen_am
    einsatz.zeugnis_eingesehen_von = eingesehen_von
    einsatz.zeugnis_gueltig_bis = gueltig_bis
    einsatz.save(
        update_fields=["zeugnis_eingesehen_am", "zeugnis_eingesehen_von", "zeugnis_gueltig_bis"]
    )
    return einsatz


def erinnerungen_senden(*, jetzt: datetime | None = None) -> list[Helfereinsatz]:
    """Remind every confirmed helper of tomorrow's shifts (each sign-up once).

    Side effects: one mail per sign-up due; sets ``erinnert_am``."""
    jetzt = jetzt or timezone.now()
    morgen = timezone.localdate(jetzt) + timedelta(days=1)
    faellig = list(
        Helfereinsatz.objects.bestaetigt()
        .filter(
            erinnert_am__isnull=True,
            anonymisiert=False,
            schicht__start__gte=ortszeit(morgen),
            schicht__start__lt=ortszeit(morgen + timedelta(days=1)),
        )
        .exclude(schicht__aktionstag__termin__status="abgesagt")
        .select_related("schicht__aktionstag__termin", "schicht__station", "user")
    )
    for einsatz in faellig:
        mail_senden(
            an=[einsatz.email],
            vorlage="termine/aktionstag/mail/erinnerung",
            kontext={
                "einsatz": einsatz,
                "schicht": einsatz.schicht,
                "aktionstag": einsatz.schicht.aktionstag,
            },
        )
        Helfereinsatz.objects.filter(pk=einsatz.pk).update(erinnert_am=jetzt)
    return faellig
