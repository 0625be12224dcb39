"""Registration: state of a period, the checks, Sofortanmeldung under the lock, family mail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netzwerk.berechtigungen import ist_koordination
from netzwerk.mail import Anhang, mail_senden
from netzwerk.zeit import kurzer_zeitpunkt
from termine.ferien import ical
from termine.models import (
    Anmeldung,
    Durchfuehrung,
    Ferienzeitraum,
    Kind,
)


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


def anmeldung_pruefen(
    *, kind: Kind, durchfuehrung: Durchfuehrung, jetzt: datetime, schwimmer: bool = False
) -> int:
    """The checks that need no lock; returns the child's age on the first day.

    `schwimmer=True`: the guardian confirms the swimming ability with this registration."""
    angebot = durchfuehrung.angebot
    zeitraum = angebot.zeitraum
    if not angebot.anmeldung_noetig:
        raise AnmeldungNichtMoeglich(
            "keine_anmeldung", _("No registration needed here: just come along!")
        )
    if not angebot.veroeffentlicht or not zeitraum.anmeldung_offen(jetzt):
        if zeitraum.anmeldung_kommt_noch(jetzt):
            nachricht = _("Registration opens on %(datum)s. Please come back then.") % {
                "datum": kurzer_zeitpunkt(zeitraum.anmeldung_ab)
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
    if angebot.schwimmfaehigkeit_noetig and not (kind.schwimmer or schwimmer):
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
                ngettext(
                    "%(name)s already has %(anzahl)d registration in this holiday period, the "
                    "most a child can have. Cancel it to choose another.",
                    "%(name)s already has %(anzahl)d registrations in this holiday period, the "
                    "most a child can have. Cancel one to choose another.",
                    anzahl,
                )
                % {"name": kind.vorname, "anzahl": anzahl},
            )


def _kind_ergaenzen(kind: Kind, *, schwimmer: bool, notfall_telefon: str | None) -> dict:
    """What the registration form tells about the child, stored on the (locked) child row;
    returns the changed fields."""
    felder = {}
    if schwimmer and not kind.schwimmer:
        felder["schwimmer"] = True
    if notfall_telefon and not kind.notfall_telefon:
        felder["notfall_telefon"] = notfall_telefon
    if felder:
        Kind.objects.filter(pk=kind.pk).update(**felder)
    return felder


def anmelden(
    *,
    kind: Kind,
    durchfuehrung: Durchfuehrung,
    von,
    notfall_telefon: str | None = None,
    schwimmer: bool = False,
    jetzt: datetime | None = None,
) -> Anmeldung:
    """Register `kind` for `durchfuehrung`: confirmed if a place is free, else waiting list.

    Checks (AnmeldungNichtMoeglich with a German message otherwise): registration open,
    occasion not cancelled or started, age on the first day within the offer's range,
    swimming ability where needed (`schwimmer=True`: the guardian confirms it now), no
    duplicate, no overlap with the child's other active registrations, the period's
    per-child maximum. `von` is the guardian or a coordinator.

    Side effects: one transaction locking the child's and the occasion's rows, writes one
    Anmeldung (status bestätigt or warteliste with the next gapless position) with the
    emergency phone (`notfall_telefon`, else the child's) and the notes the family agreed to
    share; on the child it records a confirmed swimming ability and `notfall_telefon` when
    the child has no number yet (nothing changes on the child when the registration is
    refused); after the commit one mail to the guardian (with an .ics for a confirmed place).
    """
    jetzt = jetzt or timezone.now()
    if kind.eltern_id != getattr(von, "pk", None) and not ist_koordination(von):
        raise AnmeldungNichtMoeglich("fremd", _("You can only register your own children."))
    alter = anmeldung_pruefen(
        kind=kind, durchfuehrung=durchfuehrung, jetzt=jetzt, schwimmer=schwimmer
    )
    try:
        with transaction.atomic():
            # Lock order everywhere: child, then occasion (no deadlocks).
            gesperrtes_kind = _gesperrt(Kind.objects.filter(pk=kind.pk)).get()
            gesperrt = _gesperrt(Durchfuehrung.objects.filter(pk=durchfuehrung.pk)).get()
            _pruefen_unter_sperre(kind, durchfuehrung)
            ergaenzt = _kind_ergaenzen(
                gesperrtes_kind, schwimmer=schwimmer, notfall_telefon=notfall_telefon
            )
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
    for feld, wert in ergaenzt.items():
        setattr(kind, feld, wert)
    anmeldung.durchfuehrung = durchfuehrung
    _mail_an_familie(anmeldung, "anmeldung")
    return anmeldung
