"""Registration: state of a period, the checks, Sofortanmeldung under the lock, family mail."""

from __future__ import annotations

from collections.abc import Iterable
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

    def __init__(self, code: str, nachricht: str, kurz: str = "") -> None:
        super().__init__(nachricht)
        self.code = code
        self.nachricht = nachricht
        # A few words for a list of children ("zu jung (7 Jahre, ab 9)").
        self.kurz = kurz or nachricht


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


def _alter_hindernis(kind: Kind, durchfuehrung: Durchfuehrung) -> AnmeldungNichtMoeglich | None:
    """The age rule: the child's age on the occasion's first day within the offer's range."""
    angebot = durchfuehrung.angebot
    alter = kind.alter_am(durchfuehrung.erster_tag)
    if alter is None:
        return AnmeldungNichtMoeglich(
            "alter",
            _("Please enter the child's date of birth first (under “My children”)."),
            kurz=_("date of birth missing"),
        )
    if angebot.alter_von <= alter <= angebot.alter_bis:
        return None
    werte = {
        "name": kind.vorname,
        "alter": alter,
        "von": angebot.alter_von,
        "bis": angebot.alter_bis,
    }
    if alter < angebot.alter_von:
        kurz = ngettext(
            "too young (%(alter)s year, from %(von)s)",
            "too young (%(alter)s years, from %(von)s)",
            alter,
        )
    else:
        kurz = ngettext(
            "too old (%(alter)s year, up to %(bis)s)",
            "too old (%(alter)s years, up to %(bis)s)",
            alter,
        )
    return AnmeldungNichtMoeglich(
        "alter",
        _(
            "%(name)s will be %(alter)s on that day; this offer is for children from "
            "%(von)s to %(bis)s. Have a look at the other offers for this age."
        )
        % werte,
        kurz=kurz % werte,
    )


def _alter_pruefen(kind: Kind, durchfuehrung: Durchfuehrung) -> int:
    if hindernis := _alter_hindernis(kind, durchfuehrung):
        raise hindernis
    return kind.alter_am(durchfuehrung.erster_tag)


def _familien_hindernis(
    kind: Kind, durchfuehrung: Durchfuehrung, aktive: Iterable[Anmeldung]
) -> AnmeldungNichtMoeglich | None:
    """The rules about the child's other active registrations (confirmed or waiting):
    no duplicate, no overlap in time, the period's per-child maximum.

    `aktive` are the child's active registrations with ``durchfuehrung__termin`` and
    ``durchfuehrung__angebot`` loaded; no queries here."""
    aktive = list(aktive)
    for a in aktive:
        if a.durchfuehrung_id == durchfuehrung.pk:
            if a.status == Anmeldung.Status.WARTELISTE:
                kurz = _("already on the waiting list (number %(pos)s)") % {
                    "pos": a.warteliste_position
                }
            else:
                kurz = _("already registered")
            return AnmeldungNichtMoeglich(
                "doppelt",
                _("%(name)s is already registered for this occasion.") % {"name": kind.vorname},
                kurz=kurz,
            )
    termin = durchfuehrung.termin
    ueberschneidend = sorted(
        (
            a
            for a in aktive
            if a.durchfuehrung.termin.start < termin.ende
            and a.durchfuehrung.termin.ende > termin.start
        ),
        key=lambda a: (a.durchfuehrung.termin.start, a.pk),
    )
    if ueberschneidend:
        titel = ueberschneidend[0].durchfuehrung.angebot.titel
        return AnmeldungNichtMoeglich(
            "ueberschneidung",
            _(
                "%(name)s is already registered for “%(titel)s” at the same time. Cancel that "
                "first or choose another occasion."
            )
            % {"name": kind.vorname, "titel": titel},
            kurz=_("at the same time at “%(titel)s”") % {"titel": titel},
        )
    zeitraum = durchfuehrung.angebot.zeitraum
    if zeitraum.max_anmeldungen_pro_kind is not None:
        anzahl = sum(1 for a in aktive if a.durchfuehrung.angebot.zeitraum_id == zeitraum.pk)
        if anzahl >= zeitraum.max_anmeldungen_pro_kind:
            return AnmeldungNichtMoeglich(
                "maximum",
                ngettext(
                    "%(name)s already has %(anzahl)d registration in this holiday period, the "
                    "most a child can have. Cancel it to choose another.",
                    "%(name)s already has %(anzahl)d registrations in this holiday period, the "
                    "most a child can have. Cancel one to choose another.",
                    anzahl,
                )
                % {"name": kind.vorname, "anzahl": anzahl},
                kurz=ngettext(
                    "already has %(anzahl)s registration, the most per child",
                    "already has %(anzahl)s registrations, the most per child",
                    anzahl,
                )
                % {"anzahl": anzahl},
            )
    return None


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


def _aktive_mit_terminen(kinder):
    return (
        Anmeldung.objects.aktiv()
        .filter(kind__in=kinder)
        .select_related("durchfuehrung__termin", "durchfuehrung__angebot")
    )


def _pruefen_unter_sperre(kind: Kind, durchfuehrung: Durchfuehrung) -> None:
    hindernis = _familien_hindernis(kind, durchfuehrung, _aktive_mit_terminen([kind]))
    if hindernis:
        raise hindernis


@dataclass(frozen=True)
class KindAuswahl:
    """One child of a family for one occasion: may it be registered, and if not, why.

    ``grund`` is a short German reason for a list of children ("zu jung (7 Jahre, ab 9)"),
    ``nachricht`` the full sentence for a form error; both None when the child can be
    registered. ``schwimmer_fehlt``: the offer asks for swimmers and the family has not
    confirmed it for this child yet (the form asks; it is no reason to leave the child out).
    """

    kind: Kind
    grund: str | None = None
    nachricht: str | None = None
    code: str | None = None
    schwimmer_fehlt: bool = False

    @property
    def moeglich(self) -> bool:
        return self.grund is None


def kinder_fuer_durchfuehrungen(
    *, eltern, durchfuehrungen: Iterable[Durchfuehrung]
) -> dict[int, list[KindAuswahl]]:
    """Per occasion id: which of `eltern`'s children can be registered, and why not.

    Applies the child-specific rules of :func:`anmelden` (age on the first day, duplicate,
    overlap with the child's other confirmed or waiting registrations, the period's
    per-child maximum) with the same code, without a lock: the final word stays with
    :func:`anmelden`. The rules about the occasion itself (registration open, cancelled,
    started) are the page's business and not repeated per child. The occasions need
    ``termin`` and ``angebot__zeitraum`` loaded.

    No side effects; two queries (children, their active registrations), however many
    occasions, children and registrations there are; none for an anonymous user.
    """
    durchfuehrungen = list(durchfuehrungen)
    if not getattr(eltern, "is_authenticated", False):
        return {d.pk: [] for d in durchfuehrungen}
    kinder = list(Kind.objects.filter(eltern=eltern).order_by("vorname", "pk"))
    aktive: dict[int, list[Anmeldung]] = {}
    if kinder:
        for a in _aktive_mit_terminen(kinder):
            aktive.setdefault(a.kind_id, []).append(a)
    ergebnis: dict[int, list[KindAuswahl]] = {}
    for d in durchfuehrungen:
        schwimmen = d.angebot.schwimmfaehigkeit_noetig
        liste = ergebnis[d.pk] = []
        for kind in kinder:
            hindernis = _alter_hindernis(kind, d) or _familien_hindernis(
                kind, d, aktive.get(kind.pk, [])
            )
            liste.append(
                KindAuswahl(
                    kind=kind,
                    grund=hindernis.kurz if hindernis else None,
                    nachricht=hindernis.nachricht if hindernis else None,
                    code=hindernis.code if hindernis else None,
                    schwimmer_fehlt=schwimmen and not kind.schwimmer,
                )
            )
    return ergebnis


def kinder_fuer_anmeldung(*, eltern, durchfuehrung: Durchfuehrung) -> list[KindAuswahl]:
    """:func:`kinder_fuer_durchfuehrungen` for one occasion (two queries, no side effects)."""
    return kinder_fuer_durchfuehrungen(eltern=eltern, durchfuehrungen=[durchfuehrung])[
        durchfuehrung.pk
    ]


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
