"""Workflows of the Ferienkalender: offers and occasions, children, Sofortanmeldung, waiting list.

Every function here is the one place where its rows are written; views, forms and admin
actions call them. Each docstring lists the side effects.

Registration and concurrency
============================
:func:`anmelden` decides "confirmed or waiting list" in one transaction that first locks the
child's row and then the occasion's row (``select_for_update``; PostgreSQL). Everybody who
registers for the same occasion therefore queues on that row, counts the confirmed places
after the one before them committed, and waiting positions come out gapless. On SQLite
``select_for_update`` is a no-op; there the database's IMMEDIATE transaction mode (settings)
serialises all writers, which gives the same guarantee. The lock order (child, then occasion)
is the same everywhere, so two registrations cannot deadlock. The unique constraint
``anmeldung_einmal_pro_kind`` is the last line against a duplicate.

``FERIEN_ANMELDUNG_OHNE_SPERRE = True`` (test settings only) switches the row lock off, so
that the concurrency test's control run can show the overbooking the lock prevents: 50 real
parallel HTTP requests overbook without it (tests/termine/ferien/test_parallel.py). The hot
path itself has no test-only pause.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from netzwerk.mail import Anhang, mail_senden
from netzwerk.models import Netzwerkprofil
from termine.ferien import ical
from termine.ferien.datenschutz import DATENSCHUTZ_VERSION
from termine.models import (
    Anmeldung,
    Durchfuehrung,
    Einwilligung,
    Ferienangebot,
    Ferienzeitraum,
    Kind,
    Termin,
)
from vereine.models import ist_koordination


class AnmeldungNichtMoeglich(Exception):
    """A registration or cancellation was refused; `nachricht` says why and what to do."""

    def __init__(self, code: str, nachricht: str) -> None:
        super().__init__(nachricht)
        self.code = code
        self.nachricht = nachricht


def _ohne_sperre() -> bool:
    return bool(getattr(settings, "FERIEN_ANMELDUNG_OHNE_SPERRE", False))


def _gesperrt(queryset):
    return queryset if _ohne_sperre() else queryset.select_for_update()


# ------------------------------------------------------------------- state of registration


@dataclass(frozen=True)
class Anmeldestand:
    """What the public pages say about registering for a period right now.

    ``phase`` is one of the constants below; ``ab``/``bis`` are the times to show (or None).
    """

    OFFEN = "offen"  # first come, now
    KOMMT_NOCH = "kommt_noch"  # first come, from `ab` (in wish mode: lottery confirmed)
    GESCHLOSSEN = "geschlossen"
    WUENSCHE = "wuensche"  # wish phase open (until `bis`, or until the lottery if None)
    WUENSCHE_KOMMEN = "wuensche_kommen"  # wish phase opens at `ab`
    VERLOSUNG = "verlosung"  # wish phase over, lottery not confirmed yet

    phase: str
    ab: datetime | None = None
    bis: datetime | None = None

    @property
    def wuensche_offen(self) -> bool:
        return self.phase == self.WUENSCHE


def anmeldestand(zeitraum: Ferienzeitraum, jetzt: datetime | None = None) -> Anmeldestand:
    """The state of registration of `zeitraum` for the public pages (no side effects).

    Sofortanmeldung costs no query; wish mode a few (confirmed run, wish-phase settings).
    """
    jetzt = jetzt or timezone.now()
    if zeitraum.anmeldung_offen(jetzt):
        return Anmeldestand(Anmeldestand.OFFEN, bis=zeitraum.anmeldung_bis)
    if zeitraum.anmeldung_kommt_noch(jetzt):
        return Anmeldestand(Anmeldestand.KOMMT_NOCH, ab=zeitraum.anmeldung_ab)
    if (
        zeitraum.modus != Ferienzeitraum.Modus.VERLOSUNG
        or zeitraum.status != Ferienzeitraum.Status.VEROEFFENTLICHT
        or zeitraum.verlosung_bestaetigt()
    ):
        return Anmeldestand(Anmeldestand.GESCHLOSSEN)
    # Imported here: the wish phase builds on this module, not the other way round.
    from termine.ferien.verlosung import services as verlosung_dienste

    einstellung = verlosung_dienste.einstellung(zeitraum)
    if verlosung_dienste.wunschphase_offen(zeitraum, jetzt):
        return Anmeldestand(Anmeldestand.WUENSCHE, bis=einstellung.wuensche_bis)
    beginn = einstellung.wuensche_ab or zeitraum.veroeffentlichung
    if jetzt < beginn:
        return Anmeldestand(Anmeldestand.WUENSCHE_KOMMEN, ab=beginn)
    return Anmeldestand(Anmeldestand.VERLOSUNG)


# --------------------------------------------------------------------------- registration


def _alter_pruefen(kind: Kind, durchfuehrung: Durchfuehrung) -> int:
    angebot = durchfuehrung.angebot
    alter = kind.alter_am(durchfuehrung.erster_tag)
    if alter is None:
        raise AnmeldungNichtMoeglich(
            "alter", _("Please enter the child's date of birth first (under “My children”).")
        )
    if not angebot.alter_von <= alter <= angebot.alter_bis:
        raise AnmeldungNichtMoeglich(
            "alter",
            _(
                "%(name)s will be %(alter)s on that day; this offer is for children from "
                "%(von)s to %(bis)s. Have a look at the other offers for this age."
            )
            % {
                "name": kind.vorname,
                "alter": alter,
                "von": angebot.alter_von,
                "bis": angebot.alter_bis,
            },
        )
    return alter


def anmeldung_pruefen(*, kind: Kind, durchfuehrung: Durchfuehrung, jetzt: datetime) -> int:
    """The checks that need no lock; returns the child's age on the first day."""
    angebot = durchfuehrung.angebot
    zeitraum = angebot.zeitraum
    if not angebot.anmeldung_noetig:
        raise AnmeldungNichtMoeglich(
            "keine_anmeldung", _("No registration needed here: just come along!")
        )
    if not angebot.veroeffentlicht or not zeitraum.anmeldung_offen(jetzt):
        if zeitraum.anmeldung_kommt_noch(jetzt):
            nachricht = _("Registration opens on %(datum)s. Please come back then.") % {
                "datum": timezone.localtime(zeitraum.anmeldung_ab).strftime("%d.%m.%Y %H:%M")
            }
        elif (
            zeitraum.modus == Ferienzeitraum.Modus.VERLOSUNG and not zeitraum.verlosung_bestaetigt()
        ):
            nachricht = _(
                "Places for this period are allocated by lottery. Enter your wishes on the "
                "wish page; after the lottery, remaining places are first come."
            )
        else:
            nachricht = _(
                "Registration for this holiday period is closed. Please ask the provider directly."
            )
        raise AnmeldungNichtMoeglich("geschlossen", nachricht)
    if durchfuehrung.abgesagt:
        raise AnmeldungNichtMoeglich(
            "abgesagt", _("This occasion has been cancelled. Please choose another one.")
        )
    if durchfuehrung.termin.start <= jetzt:
        raise AnmeldungNichtMoeglich(
            "vorbei", _("This occasion has already started. Please choose another one.")
        )
    alter = _alter_pruefen(kind, durchfuehrung)
    if angebot.schwimmfaehigkeit_noetig and not kind.schwimmer:
        raise AnmeldungNichtMoeglich(
            "schwimmer",
            _("Children must be able to swim for this offer. Please confirm that %(name)s can.")
            % {"name": kind.vorname},
        )
    return alter


def _pruefen_unter_sperre(kind: Kind, durchfuehrung: Durchfuehrung) -> None:
    aktive = Anmeldung.objects.aktiv().filter(kind=kind)
    if aktive.filter(durchfuehrung=durchfuehrung).exists():
        raise AnmeldungNichtMoeglich(
            "doppelt",
            _("%(name)s is already registered for this occasion.") % {"name": kind.vorname},
        )
    termin = durchfuehrung.termin
    ueberschneidung = (
        aktive.filter(
            durchfuehrung__termin__start__lt=termin.ende,
            durchfuehrung__termin__ende__gt=termin.start,
        )
        .select_related("durchfuehrung__angebot")
        .first()
    )
    if ueberschneidung:
        raise AnmeldungNichtMoeglich(
            "ueberschneidung",
            _(
                "%(name)s is already registered for “%(titel)s” at the same time. Cancel that "
                "first or choose another occasion."
            )
            % {"name": kind.vorname, "titel": ueberschneidung.durchfuehrung.angebot.titel},
        )
    zeitraum = durchfuehrung.angebot.zeitraum
    if zeitraum.max_anmeldungen_pro_kind is not None:
        anzahl = aktive.filter(durchfuehrung__angebot__zeitraum=zeitraum).count()
        if anzahl >= zeitraum.max_anmeldungen_pro_kind:
            raise AnmeldungNichtMoeglich(
                "maximum",
                _(
                    "%(name)s already has %(anzahl)s registrations in this holiday period, the "
                    "most a child can have. Cancel one to choose another."
                )
                % {"name": kind.vorname, "anzahl": anzahl},
            )


def anmelden(
    *,
    kind: Kind,
    durchfuehrung: Durchfuehrung,
    von,
    notfall_telefon: str | None = None,
    jetzt: datetime | None = None,
) -> Anmeldung:
    """Register `kind` for `durchfuehrung`: confirmed if a place is free, else waiting list.

    Checks (AnmeldungNichtMoeglich with a German message otherwise): registration open,
    occasion not cancelled or started, age on the first day within the offer's range,
    swimming ability where needed, no duplicate, no overlap with the child's other active
    registrations, the period's per-child maximum. `von` is the guardian or a coordinator.

    Side effects: one transaction locking the child's and the occasion's rows, writes one
    Anmeldung (status bestätigt or warteliste with the next gapless position), copies the
    emergency phone and the notes the family agreed to share; after the commit one mail to
    the guardian (with an .ics for a confirmed place).
    """
    jetzt = jetzt or timezone.now()
    if kind.eltern_id != getattr(von, "pk", None) and not ist_koordination(von):
        raise AnmeldungNichtMoeglich("fremd", _("You can only register your own children."))
    alter = anmeldung_pruefen(kind=kind, durchfuehrung=durchfuehrung, jetzt=jetzt)
    try:
        with transaction.atomic():
            # Lock order everywhere: child, then occasion (no deadlocks).
            _gesperrt(Kind.objects.filter(pk=kind.pk)).get()
            gesperrt = _gesperrt(Durchfuehrung.objects.filter(pk=durchfuehrung.pk)).get()
            _pruefen_unter_sperre(kind, durchfuehrung)
            belegt = Anmeldung.objects.bestaetigt().filter(durchfuehrung=gesperrt).count()
            frei = gesperrt.max_plaetze is None or belegt < gesperrt.max_plaetze
            position = None
            if not frei:
                letzte = Anmeldung.objects.filter(
                    durchfuehrung=gesperrt, status=Anmeldung.Status.WARTELISTE
                ).aggregate(m=Max("warteliste_position"))["m"]
                position = (letzte or 0) + 1
            anmeldung = Anmeldung.objects.create(
                kind=kind,
                durchfuehrung=gesperrt,
                status=Anmeldung.Status.BESTAETIGT if frei else Anmeldung.Status.WARTELISTE,
                warteliste_position=position,
                alter=alter,
                notfall_telefon=notfall_telefon
                if notfall_telefon is not None
                else kind.notfall_telefon,
                hinweise=kind.hinweise if kind.hinweise_teilbar else "",
                angemeldet_von=von if von.is_authenticated else None,
            )
    except IntegrityError:
        # The unique constraint caught a duplicate that slipped past the check.
        raise AnmeldungNichtMoeglich(
            "doppelt",
            _("%(name)s is already registered for this occasion.") % {"name": kind.vorname},
        ) from None
    anmeldung.durchfuehrung = durchfuehrung
    _mail_an_familie(anmeldung, "anmeldung")
    return anmeldung


def storno_moeglich_bis(anmeldung: Anmeldung) -> date:
    """The last day on which the family itself may cancel."""
    zeitraum = anmeldung.durchfuehrung.angebot.zeitraum
    return anmeldung.durchfuehrung.erster_tag - timedelta(days=zeitraum.storno_frist_tage)


def stornieren(*, anmeldung: Anmeldung, von, jetzt: datetime | None = None) -> list[Anmeldung]:
    """Cancel a registration (family until the deadline, coordinators always).

    Side effects: one transaction locking the occasion; the Anmeldung becomes storniert; a
    waiting entry's followers move one position up; a freed place goes to the first child
    on the waiting list (bestätigt, nachgerückt_am). Mails: a confirmation to the family and
    one to each guardian whose child moved up. Returns the registrations that moved up.
    """
    jetzt = jetzt or timezone.now()
    if not anmeldung.aktiv:
        raise AnmeldungNichtMoeglich("inaktiv", _("This registration is no longer active."))
    if not ist_koordination(von):
        if anmeldung.kind is None or anmeldung.kind.eltern_id != von.pk:
            raise AnmeldungNichtMoeglich("fremd", _("You can only cancel your own registrations."))
        frist = storno_moeglich_bis(anmeldung)
        if timezone.localdate(jetzt) > frist:
            raise AnmeldungNichtMoeglich(
                "frist",
                _(
                    "The deadline for cancelling online has passed. Please tell the provider "
                    "directly: %(kontakt)s"
                )
                % {"kontakt": anmeldung.durchfuehrung.angebot.kontaktperson or "–"},
            )
    with transaction.atomic():
        durchfuehrung = _gesperrt(Durchfuehrung.objects.filter(pk=anmeldung.durchfuehrung_id)).get()
        anmeldung.refresh_from_db()
        if not anmeldung.aktiv:
            raise AnmeldungNichtMoeglich("inaktiv", _("This registration is no longer active."))
        war_wartend = anmeldung.status == Anmeldung.Status.WARTELISTE
        anmeldung.status = Anmeldung.Status.STORNIERT
        anmeldung.warteliste_position = None
        anmeldung.storniert_am = jetzt
        anmeldung.save(update_fields=["status", "warteliste_position", "storniert_am"])
        nachgerueckt = [] if war_wartend else _nachruecken(durchfuehrung, jetzt)
        _positionen_schliessen(durchfuehrung)
    _mail_an_familie(anmeldung, "storniert")
    for anm in nachgerueckt:
        _mail_an_familie(anm, "nachgerueckt")
    return nachgerueckt


def _nachruecken(durchfuehrung: Durchfuehrung, jetzt: datetime) -> list[Anmeldung]:
    """Give free places to the waiting list in order (caller holds the occasion's lock)."""
    if durchfuehrung.abgesagt or durchfuehrung.termin.start <= jetzt:
        return []
    wartend = Anmeldung.objects.warteliste().filter(durchfuehrung=durchfuehrung)
    if durchfuehrung.max_plaetze is None:
        frei = wartend.count()
    else:
        frei = (
            durchfuehrung.max_plaetze
            - Anmeldung.objects.bestaetigt().filter(durchfuehrung=durchfuehrung).count()
        )
    nachgerueckt = []
    for anmeldung in wartend.select_related("kind__eltern")[: max(frei, 0)]:
        anmeldung.status = Anmeldung.Status.BESTAETIGT
        anmeldung.warteliste_position = None
        anmeldung.nachgerueckt_am = jetzt
        anmeldung.save(update_fields=["status", "warteliste_position", "nachgerueckt_am"])
        anmeldung.durchfuehrung = durchfuehrung
        nachgerueckt.append(anmeldung)
    return nachgerueckt


def _positionen_schliessen(durchfuehrung: Durchfuehrung) -> None:
    """Renumber the waiting list 1..n in its order (caller holds the occasion's lock)."""
    for nummer, anmeldung in enumerate(
        Anmeldung.objects.warteliste().filter(durchfuehrung=durchfuehrung), start=1
    ):
        if anmeldung.warteliste_position != nummer:
            anmeldung.warteliste_position = nummer
            anmeldung.save(update_fields=["warteliste_position"])


def durchfuehrung_absagen(*, durchfuehrung: Durchfuehrung, von, grund: str) -> int:
    """The provider cancels an occasion; everybody registered is told.

    Side effects: the Termin becomes abgesagt (with the reason, sequence + 1 for calendar
    apps); every active Anmeldung becomes abgesagt; one mail per registered child's family.
    Returns the number of registrations concerned.
    """
    with transaction.atomic():
        durchfuehrung = _gesperrt(
            Durchfuehrung.objects.select_related("termin", "angebot").filter(pk=durchfuehrung.pk)
        ).get()
        Termin.objects.filter(pk=durchfuehrung.termin_id).update(
            status=Termin.Status.ABGESAGT,
            absage_grund=grund,
            sequence=F("sequence") + 1,
            geaendert=timezone.now(),
        )
        betroffen = list(
            Anmeldung.objects.aktiv()
            .filter(durchfuehrung=durchfuehrung)
            .select_related("kind__eltern")
        )
        Anmeldung.objects.filter(pk__in=[a.pk for a in betroffen]).update(
            status=Anmeldung.Status.ABGESAGT, warteliste_position=None
        )
    durchfuehrung.termin.refresh_from_db()
    for anmeldung in betroffen:
        anmeldung.durchfuehrung = durchfuehrung
        _mail_an_familie(anmeldung, "abgesagt", {"grund": grund})
    return len(betroffen)


def anwesenheit_setzen(*, anmeldung: Anmeldung, anwesend: bool | None) -> None:
    """Tick a child present or absent on the day. Side effects: writes Anmeldung.anwesend."""
    Anmeldung.objects.filter(pk=anmeldung.pk).update(anwesend=anwesend)
    anmeldung.anwesend = anwesend


def _mail_an_familie(anmeldung: Anmeldung, vorlage: str, extra: dict | None = None) -> None:
    kind = anmeldung.kind
    if kind is None or not kind.mail_an:
        return
    durchfuehrung = anmeldung.durchfuehrung
    anhaenge = []
    if anmeldung.status == Anmeldung.Status.BESTAETIGT:
        anhaenge.append(
            Anhang(
                dateiname="ferienangebot.ics",
                inhalt=ical.kalender([durchfuehrung], name=durchfuehrung.angebot.titel).decode(),
                mimetype="text/calendar",
            )
        )
    mail_senden(
        an=[kind.mail_an],
        vorlage=f"termine/ferien/mail/{vorlage}",
        kontext={
            "anmeldung": anmeldung,
            "kind": kind,
            "durchfuehrung": durchfuehrung,
            "angebot": durchfuehrung.angebot,
            "start": timezone.localtime(durchfuehrung.termin.start),
            "ende": timezone.localtime(durchfuehrung.termin.ende),
            **(extra or {}),
        },
        anhaenge=anhaenge,
    )


# ------------------------------------------------------------------------------ children


@transaction.atomic
def kind_speichern(
    *,
    kind: Kind,
    eltern,
    sorgeberechtigt: bool,
    hinweise_teilen: bool,
    jetzt: datetime | None = None,
) -> Kind:
    """Create or update a child of `eltern` with the family's confirmations.

    A new child needs the confirmation "Ich bin sorgeberechtigt oder handle mit
    Einverständnis". Notes are only stored with the separate consent; withdrawing it erases
    them here and in the child's active registrations.

    Side effects: writes the Kind; one Einwilligung row per confirmation newly given (with
    DATENSCHUTZ_VERSION); clears shared notes on withdrawal.
    """
    jetzt = jetzt or timezone.now()
    neu = kind.pk is None
    if neu and not sorgeberechtigt:
        raise ValueError("A new child needs the guardian's confirmation.")
    kind.eltern = eltern
    hatte_einwilligung = kind.hinweise_einwilligung_am is not None
    if hinweise_teilen and kind.hinweise.strip():
        kind.hinweise_einwilligung_am = kind.hinweise_einwilligung_am or jetzt
    else:
        kind.hinweise = ""
        kind.hinweise_einwilligung_am = None
    kind.save()
    if sorgeberechtigt and (
        neu
        or not kind.einwilligungen.filter(
            art=Einwilligung.Art.SORGEBERECHTIGT, version=DATENSCHUTZ_VERSION
        ).exists()
    ):
        Einwilligung.objects.create(
            kind=kind,
            art=Einwilligung.Art.SORGEBERECHTIGT,
            version=DATENSCHUTZ_VERSION,
            erteilt_am=jetzt,
            erteilt_von=eltern,
        )
    if kind.hinweise_einwilligung_am and not hatte_einwilligung:
        Einwilligung.objects.create(
            kind=kind,
            art=Einwilligung.Art.HINWEISE,
            version=DATENSCHUTZ_VERSION,
            erteilt_am=jetzt,
            erteilt_von=eltern,
        )
    if kind.hinweise_einwilligung_am is None:
        Anmeldung.objects.aktiv().filter(kind=kind).update(hinweise="")
    return kind


def kind_loeschen(*, kind: Kind) -> None:
    """Delete a child and all its registrations at once (the family's right, any time).

    Side effects: frees its places (see :func:`plaetze_freigeben`), deletes the Kind, its
    consents and registrations.
    """
    with transaction.atomic():
        kind.delete()


def plaetze_freigeben(*, kind: Kind, jetzt: datetime | None = None) -> None:
    """Before a child disappears: its confirmed places go to the waiting lists.

    Side effects: for each active registration of the child, the occasion is locked, the
    registration cancelled, the waiting list moves up; mails to the families who move up.
    """
    jetzt = jetzt or timezone.now()
    nachgerueckt = []
    with transaction.atomic():
        for anmeldung in (
            Anmeldung.objects.aktiv().filter(kind=kind).select_related("durchfuehrung")
        ):
            durchfuehrung = _gesperrt(
                Durchfuehrung.objects.select_related("termin").filter(pk=anmeldung.durchfuehrung_id)
            ).get()
            Anmeldung.objects.filter(pk=anmeldung.pk).update(
                status=Anmeldung.Status.STORNIERT, warteliste_position=None, storniert_am=jetzt
            )
            nachgerueckt += _nachruecken(durchfuehrung, jetzt)
            _positionen_schliessen(durchfuehrung)
    for anm in nachgerueckt:
        _mail_an_familie(anm, "nachgerueckt")


def vor_dem_loeschen_eines_kindes(sender, instance: Kind, **kwargs) -> None:
    """pre_delete receiver (connected in TermineConfig.ready): frees the child's places.

    Also when the family deletes the whole account (netzwerk.services.konto_loeschen):
    nobody should keep waiting for a place held by a child that no longer exists."""
    plaetze_freigeben(kind=instance)


def daten_export(*, user) -> dict[str, Any]:
    """Everything the Ferienkalender stores about `user`'s family, as JSON-ready data.

    Side effects: none (reads).
    """
    kinder = []
    for kind in Kind.objects.filter(eltern=user).prefetch_related(
        "einwilligungen",
        "anmeldungen__durchfuehrung__termin",
        "anmeldungen__durchfuehrung__angebot",
    ):
        kinder.append(
            {
                "vorname": kind.vorname,
                "nachname": kind.nachname,
                "geburtsdatum": kind.geburtsdatum.isoformat() if kind.geburtsdatum else None,
                "notfall_telefon": kind.notfall_telefon,
                "hinweise": kind.hinweise,
                "hinweise_einwilligung_am": _iso(kind.hinweise_einwilligung_am),
                "schwimmer": kind.schwimmer,
                "erstellt": _iso(kind.erstellt),
                "einwilligungen": [
                    {"art": e.art, "version": e.version, "erteilt_am": _iso(e.erteilt_am)}
                    for e in kind.einwilligungen.all()
                ],
                "anmeldungen": [
                    {
                        "angebot": a.durchfuehrung.angebot.titel,
                        "beginn": _iso(a.durchfuehrung.termin.start),
                        "status": a.status,
                        "warteliste_position": a.warteliste_position,
                        "alter": a.alter,
                        "notfall_telefon": a.notfall_telefon,
                        "hinweise": a.hinweise,
                        "anwesend": a.anwesend,
                        "erstellt": _iso(a.erstellt),
                    }
                    for a in kind.anmeldungen.all()
                ],
            }
        )
    return {
        "exportiert_am": _iso(timezone.now()),
        "konto": {"email": user.email, "anzeigename": user.anzeigename},
        "datenschutz_version": DATENSCHUTZ_VERSION,
        "kinder": kinder,
    }


def _iso(wert: datetime | None) -> str | None:
    return timezone.localtime(wert).isoformat() if wert else None


# -------------------------------------------------------------------- offers and occasions


def _termin_sichtbarkeit(angebot: Ferienangebot) -> str:
    # Occasions of unpublished offers stay out of the public calendar.
    if angebot.veroeffentlicht:
        return Termin.Sichtbarkeit.OEFFENTLICH
    return Termin.Sichtbarkeit.NETZWERK


def _termine_angleichen(angebot: Ferienangebot) -> None:
    Termin.objects.filter(durchfuehrung__angebot=angebot).update(
        titel=angebot.titel,
        beschreibung=angebot.beschreibung,
        ort=angebot.ort,
        ortsteil=angebot.ortsteil,
        sichtbarkeit=_termin_sichtbarkeit(angebot),
        sequence=F("sequence") + 1,
        geaendert=timezone.now(),
    )


@transaction.atomic
def angebot_speichern(*, angebot: Ferienangebot, von) -> Ferienangebot:
    """Create or update an offer (already validated by its form).

    Side effects: writes the Ferienangebot; its occasions' Termine take over title, place and
    visibility (sequence + 1 so subscribed calendars update).
    """
    if angebot.pk is None:
        angebot.erstellt_von = von
    angebot.save()
    _termine_angleichen(angebot)
    return angebot


@transaction.atomic
def durchfuehrung_speichern(
    *,
    angebot: Ferienangebot,
    start: datetime,
    ende: datetime,
    max_plaetze: int | None,
    min_plaetze: int = 0,
    von,
    durchfuehrung: Durchfuehrung | None = None,
) -> Durchfuehrung:
    """Create or change an occasion and its Termin (category "Kinder und Jugend").

    Side effects: writes the Termin (organiser: the offer's Akteur) and the Durchfuehrung;
    when places were added, children on the waiting list move up (mails to their families).
    """
    jetzt = timezone.now()
    if durchfuehrung is None:
        termin = Termin.objects.create(
            titel=angebot.titel,
            beschreibung=angebot.beschreibung,
            start=start,
            ende=ende,
            ort=angebot.ort,
            ortsteil=angebot.ortsteil,
            kategorie=Termin.Kategorie.KINDER_JUGEND,
            sichtbarkeit=_termin_sichtbarkeit(angebot),
            status=Termin.Status.BESTAETIGT,
            erstellt_von=von if getattr(von, "is_authenticated", False) else None,
        )
        termin.veranstalter.add(angebot.akteur)
        return Durchfuehrung.objects.create(
            angebot=angebot, termin=termin, min_plaetze=min_plaetze, max_plaetze=max_plaetze
        )
    durchfuehrung = _gesperrt(Durchfuehrung.objects.filter(pk=durchfuehrung.pk)).get()
    Termin.objects.filter(pk=durchfuehrung.termin_id).update(
        start=start, ende=ende, sequence=F("sequence") + 1, geaendert=jetzt
    )
    durchfuehrung.min_plaetze = min_plaetze
    durchfuehrung.max_plaetze = max_plaetze
    durchfuehrung.save(update_fields=["min_plaetze", "max_plaetze"])
    durchfuehrung.termin.refresh_from_db()
    nachgerueckt = _nachruecken(durchfuehrung, jetzt)
    _positionen_schliessen(durchfuehrung)
    transaction.on_commit(lambda: [_mail_an_familie(anm, "nachgerueckt") for anm in nachgerueckt])
    return durchfuehrung


@transaction.atomic
def durchfuehrung_loeschen(*, durchfuehrung: Durchfuehrung) -> None:
    """Delete an occasion nobody registered for, with its Termin.

    Side effects: deletes the Durchfuehrung and its Termin. Raises AnmeldungNichtMoeglich
    when registrations exist (then cancel it instead, so families are told).
    """
    if durchfuehrung.anmeldungen.exists():
        raise AnmeldungNichtMoeglich(
            "hat_anmeldungen",
            _("Children are registered for this occasion. Cancel it instead, then they are told."),
        )
    termin = durchfuehrung.termin
    durchfuehrung.delete()
    termin.delete()


def angebot_einreichen(*, angebot: Ferienangebot, von) -> None:
    """The provider asks the coordinators to publish the offer.

    Side effects: status eingereicht; one mail to the coordination contact (if set).
    """
    if angebot.status != Ferienangebot.Status.ENTWURF:
        return
    angebot.status = Ferienangebot.Status.EINGEREICHT
    angebot.save(update_fields=["status", "geaendert"])
    profil = Netzwerkprofil.aktuell()
    if profil.kontakt_email:
        mail_senden(
            an=[profil.kontakt_email],
            vorlage="termine/ferien/mail/eingereicht",
            kontext={"angebot": angebot, "von": von},
        )


@transaction.atomic
def angebot_veroeffentlichen(*, angebot: Ferienangebot, von) -> None:
    """A coordinator publishes an offer. Side effects: status veröffentlicht; its Termine
    become public."""
    angebot.status = Ferienangebot.Status.VEROEFFENTLICHT
    angebot.save(update_fields=["status", "geaendert"])
    _termine_angleichen(angebot)


@transaction.atomic
def angebot_zuruecksetzen(*, angebot: Ferienangebot, von) -> None:
    """Back to draft (e.g. when the text needs work). Side effects: status Entwurf; its
    Termine leave the public calendar."""
    angebot.status = Ferienangebot.Status.ENTWURF
    angebot.save(update_fields=["status", "geaendert"])
    _termine_angleichen(angebot)


@transaction.atomic
def angebot_kopieren(*, angebot: Ferienangebot, zeitraum: Ferienzeitraum, von) -> Ferienangebot:
    """Copy an offer of an earlier period into `zeitraum` as a draft.

    Occasions are copied too, moved by whole weeks so that they keep their weekday and time
    and land as close as possible to the same place in the new period.

    Side effects: writes a new Ferienangebot (kopiert_von), its Durchfuehrungen and Termine,
    and a re-encoded copy of the image.
    """
    alt_id = angebot.pk
    original = Ferienangebot.objects.get(pk=alt_id)
    neu = Ferienangebot.objects.get(pk=alt_id)
    neu.pk = None
    neu.zeitraum = zeitraum
    neu.ferienwoche = None
    neu.status = Ferienangebot.Status.ENTWURF
    neu.kopiert_von = original
    neu.erstellt_von = von
    neu.bild = None
    neu.save()
    if original.bild:
        try:
            with original.bild.open("rb") as datei:
                neu.bild.save("bild", ContentFile(datei.read()), save=True)
        except (OSError, ValueError):
            neu.bild_alt = ""
            neu.save(update_fields=["bild_alt"])
    wochen = round((zeitraum.beginn - original.zeitraum.beginn).days / 7)
    verschiebung = timedelta(weeks=wochen)
    for durchfuehrung in original.durchfuehrungen.select_related("termin"):
        durchfuehrung_speichern(
            angebot=neu,
            start=_gleiche_uhrzeit(durchfuehrung.termin.start, verschiebung),
            ende=_gleiche_uhrzeit(durchfuehrung.termin.ende, verschiebung),
            max_plaetze=durchfuehrung.max_plaetze,
            min_plaetze=durchfuehrung.min_plaetze,
            von=von,
        )
    return neu


def _gleiche_uhrzeit(zeitpunkt: datetime, verschiebung: timedelta) -> datetime:
    """Move by whole days keeping the local wall-clock time (across DST changes)."""
    lokal = timezone.localtime(zeitpunkt)
    return (lokal.replace(tzinfo=None) + verschiebung).replace(tzinfo=lokal.tzinfo)


# ------------------------------------------------------------------------------- read side


@dataclass(frozen=True)
class Tag:
    """One day of the day-by-day calendar with its occasions."""

    datum: date
    durchfuehrungen: list[Durchfuehrung]


def tage_mit_durchfuehrungen(
    durchfuehrungen: list[Durchfuehrung], von: date, bis: date
) -> list[Tag]:
    """Group occasions by local day (an occasion over several days shows on each)."""
    tage: dict[date, list[Durchfuehrung]] = {
        von + timedelta(days=i): [] for i in range((bis - von).days + 1)
    }
    for durchfuehrung in durchfuehrungen:
        tag = max(durchfuehrung.termin.erster_tag, von)
        while tag <= min(durchfuehrung.termin.letzter_tag, bis):
            tage[tag].append(durchfuehrung)
            tag += timedelta(days=1)
    return [Tag(datum=d, durchfuehrungen=liste) for d, liste in tage.items()]


def aktive_anmeldungen_der_familie(user) -> dict[int, list[Anmeldung]]:
    """Per occasion id, the family's active registrations (one query)."""
    ergebnis: dict[int, list[Anmeldung]] = {}
    if not user.is_authenticated:
        return ergebnis
    for anmeldung in Anmeldung.objects.aktiv().filter(kind__eltern=user).select_related("kind"):
        ergebnis.setdefault(anmeldung.durchfuehrung_id, []).append(anmeldung)
    return ergebnis
