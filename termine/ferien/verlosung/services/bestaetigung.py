"""Confirmation (Anmeldungen and per-child mails) and the read side of a run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netzwerk.mail import Anhang, mail_senden
from termine.ferien import ical
from termine.ferien.verlosung.services.eingabe import eingabe_laden
from termine.ferien.verlosung.services.ergebnis import aufbereiten
from termine.ferien.verlosung.services.gemeinsam import Grund, VerlosungNichtMoeglich
from termine.ferien.verlosung.services.vorschau import (
    _alle_durchfuehrung_ids,
    anpassen,
    eingabe_unveraendert,
    nachrechnen,
    vorschau,
)
from termine.ferien.verlosung.services.wunschphase import (
    favoriten_setzen,
    gruppe_beitreten,
    gruppe_gruenden,
    gruppe_verlassen,
    wunsch_entfernen,
    wunsch_hinzufuegen,
    wunschphase_offen,
    zeitraeume_mit_offener_wunschphase,
)
from termine.models import (
    Anmeldung,
    Durchfuehrung,
    Kind,
    Verlosungslauf,
)

# ---------------------------------------------------------------------------- confirmation


@dataclass(frozen=True)
class Bestaetigung:
    plaetze: int
    warteliste: int
    mails: int  # one per child with wishes
    familien: int  # the distinct addresses those mails went to


def bestaetigen(*, lauf: Verlosungslauf, von, jetzt: datetime | None = None) -> Bestaetigung:
    """Confirm a preview: create the Anmeldungen and tell every family.

    Refused (VerlosungNichtMoeglich) when the run is not a preview, another run of the
    period is confirmed, or wishes, places or registrations changed since the preview (then
    compute a new one). Side effects: one transaction that locks the period's occasions,
    creates one Anmeldung (bestätigt) per place and one (warteliste, positions after any
    existing ones, in the order of the draw) per waiting entry, and marks the run
    bestätigt; afterwards one mail per child with wishes (places with an .ics, and the
    reason for every unfulfilled wish). From then on the period's remaining places are
    open for registration (Ferienzeitraum.anmeldung_offen).
    """
    jetzt = jetzt or timezone.now()
    zeitraum = lauf.zeitraum
    with transaction.atomic():
        # Lock the occasions first (the order Sofortanmeldung uses after the child).
        list(
            Durchfuehrung.objects.select_for_update(of=("self",))
            .filter(angebot__zeitraum=zeitraum)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        lauf = Verlosungslauf.objects.select_for_update().get(pk=lauf.pk)
        if not lauf.ist_vorschau:
            raise VerlosungNichtMoeglich(_("This run is already confirmed."))
        if zeitraum.verlosungslaeufe.bestaetigt().exists():
            raise VerlosungNichtMoeglich(
                _("Another run of this holiday period is already confirmed.")
            )
        if not eingabe_unveraendert(lauf):
            raise VerlosungNichtMoeglich(
                _(
                    "Wishes or places have changed since this preview. Please compute a new "
                    "preview and confirm that one."
                )
            )
        ergebnis = lauf.ergebnis
        kind_ids = {k[0] for k in lauf.eingabe["kinder"]}
        kinder = Kind.objects.in_bulk(kind_ids)
        durchfuehrungen = Durchfuehrung.objects.select_related(
            "termin", "angebot__akteur", "angebot__ortsteil", "angebot__zeitraum"
        ).in_bulk(_alle_durchfuehrung_ids(lauf))
        neu = []
        for k, d, *_rest in ergebnis["plaetze"]:
            neu.append(_anmeldung(kinder[k], durchfuehrungen[d], von, Anmeldung.Status.BESTAETIGT))
        wartend = 0
        for k, d, _fav, grund, _mit, position in ergebnis["absagen"]:
            if grund == Grund.AUSGEBUCHT:
                neu.append(
                    _anmeldung(
                        kinder[k], durchfuehrungen[d], von, Anmeldung.Status.WARTELISTE, position
                    )
                )
                wartend += 1
        Anmeldung.objects.bulk_create(neu)
        lauf.status = Verlosungslauf.Status.BESTAETIGT
        lauf.bestaetigt_am = jetzt
        lauf.bestaetigt_von = von
        lauf.save(update_fields=["status", "bestaetigt_am", "bestaetigt_von"])
    adressen = _ergebnis_mailen(lauf, kinder, durchfuehrungen)
    return Bestaetigung(
        plaetze=len(neu) - wartend,
        warteliste=wartend,
        mails=len(adressen),
        familien=len({a.casefold() for a in adressen}),
    )


def _anmeldung(kind: Kind, d: Durchfuehrung, von, status: str, position=None) -> Anmeldung:
    return Anmeldung(
        kind=kind,
        durchfuehrung=d,
        status=status,
        warteliste_position=position,
        alter=kind.alter_am(d.erster_tag) or 0,
        notfall_telefon=kind.notfall_telefon,
        hinweise=kind.hinweise if kind.hinweise_teilbar else "",
        angemeldet_von=von if getattr(von, "is_authenticated", False) else None,
    )


def grund_text(
    grund: str, *, position: int | None, mit: Iterable[Durchfuehrung], kind: Kind | None
) -> str:
    """The reason in plain German (or the active language) for families and coordinators."""
    name = kind.vorname if kind else _("the child")
    titel = ", ".join(_("“%(titel)s”") % {"titel": d.angebot.titel} for d in mit)
    texte = {
        Grund.AUSGEBUCHT: _("full – number %(position)s on the waiting list"),
        Grund.UEBERSCHNEIDUNG: _("overlaps with %(titel)s"),
        Grund.GLEICHES_ANGEBOT: _("same offer: %(name)s already has the date %(titel)s"),
        Grund.HOECHSTZAHL: _("maximum number of places per child reached"),
        Grund.UEBERSCHNEIDUNG_WARTELISTE: _(
            "full, and overlaps with %(titel)s, where %(name)s is on the waiting list"
        ),
        Grund.GLEICHES_ANGEBOT_WARTELISTE: _(
            "full, and %(name)s is already on the waiting list of another date of this offer"
        ),
        Grund.HOECHSTZAHL_WARTELISTE: _(
            "full; maximum number per child reached (places on waiting lists count too)"
        ),
        Grund.ALTER: _("age does not fit"),
        Grund.GEBURTSDATUM: _("date of birth missing, so the age could not be checked"),
        Grund.SCHWIMMER: _("only for children who can swim"),
        Grund.ANGEMELDET: _("%(name)s was already registered"),
        Grund.NICHT_VERFUEGBAR: _("the occasion was cancelled or is no longer offered"),
        Grund.MANUELL: _("the coordinators gave the place differently"),
        Grund.FREI: _("a place is still free: you can register now"),
    }
    return texte.get(grund, grund) % {"position": position, "titel": titel, "name": name}


def _ergebnis_mailen(lauf: Verlosungslauf, kinder: dict, durchfuehrungen: dict) -> list[str]:
    """One mail per child with wishes: its places and the reason for every other wish.

    Returns the address of every mail sent (a family with three children appears thrice)."""
    plaetze: dict[int, list[Durchfuehrung]] = {}
    for k, d, *_rest in lauf.ergebnis["plaetze"]:
        plaetze.setdefault(k, []).append(durchfuehrungen[d])
    absagen: dict[int, list[dict]] = {}
    for k, d, fav, grund, mit, position in lauf.ergebnis["absagen"]:
        absagen.setdefault(k, []).append(
            {
                "durchfuehrung": durchfuehrungen[d],
                "favorit": fav,
                "grund": grund,
                "text": grund_text(
                    grund,
                    position=position,
                    mit=[durchfuehrungen[m] for m in mit if m in durchfuehrungen],
                    kind=kinder.get(k),
                ),
            }
        )
    zeitraum = lauf.zeitraum
    restplaetze_ab = zeitraum.anmeldung_ab if zeitraum.anmeldung_ab > timezone.now() else None
    adressen: list[str] = []
    for k in sorted(kinder):
        kind = kinder[k]
        if not kind.mail_an:
            continue
        eigene = sorted(plaetze.get(k, []), key=lambda d: d.termin.start)
        anhaenge = []
        if eigene:
            anhaenge.append(
                Anhang(
                    dateiname="ferienangebote.ics",
                    inhalt=ical.kalender(eigene, name=lauf.zeitraum.name).decode(),
                    mimetype="text/calendar",
                )
            )
        mail_senden(
            an=[kind.mail_an],
            vorlage="termine/verlosung/mail/ergebnis",
            kontext={
                "kind": kind,
                "zeitraum": lauf.zeitraum,
                "restplaetze_ab": restplaetze_ab,
                "plaetze": eigene,
                "absagen": sorted(
                    absagen.get(k, []), key=lambda a: a["durchfuehrung"].termin.start
                ),
            },
            anhaenge=anhaenge,
        )
        adressen.append(kind.mail_an)
    return adressen


# ------------------------------------------------------------------------------- read side


@dataclass(frozen=True)
class Zeile:
    """One occasion of a run as the admin shows it."""

    durchfuehrung: Durchfuehrung
    frei: int
    vergeben: list[tuple[Kind | None, int, bool]]  # child, round (0 = by hand), favourite
    warteliste: list[tuple[Kind | None, int]]  # child, position

    @property
    def noch_frei(self) -> int:
        """Places of the draw that nobody got (`frei` is what the draw had to give)."""
        return max(self.frei - len(self.vergeben), 0)


def ansicht(lauf: Verlosungslauf) -> dict[str, Any]:
    """Everything the admin's result page shows, with names loaded in three queries."""
    eingabe, ergebnis = lauf.eingabe, lauf.ergebnis
    kinder = Kind.objects.select_related("eltern").in_bulk([k[0] for k in eingabe["kinder"]])
    durchfuehrungen = Durchfuehrung.objects.select_related("termin", "angebot").in_bulk(
        [d[0] for d in eingabe["durchfuehrungen"]]
    )
    frei = {d[0]: d[4] for d in eingabe["durchfuehrungen"]}
    wartend_vorher = {d[0]: d[7] for d in eingabe["durchfuehrungen"]}
    vergeben: dict[int, list] = {}
    for k, d, runde, fav in ergebnis["plaetze"]:
        vergeben.setdefault(d, []).append((kinder.get(k), runde, fav))
    zeilen = []
    for d_id in sorted(durchfuehrungen, key=lambda pk: (durchfuehrungen[pk].termin.start, pk)):
        warte = ergebnis["wartelisten"].get(str(d_id), [])
        basis = wartend_vorher[d_id]
        zeilen.append(
            Zeile(
                durchfuehrung=durchfuehrungen[d_id],
                frei=frei[d_id],
                vergeben=vergeben.get(d_id, []),
                warteliste=[(kinder.get(k), basis + i) for i, k in enumerate(warte, start=1)],
            )
        )
    prio = {k[0] for k in eingabe["kinder"] if k[2]}
    gruppe = {k[0]: k[3] for k in eingabe["kinder"]}
    zahl = {k[0]: 0 for k in eingabe["kinder"]}
    for k, *_rest in ergebnis["plaetze"]:
        zahl[k] = zahl.get(k, 0) + 1
    ziehung = [
        {
            "nummer": i,
            "kind": kinder.get(k),
            "kind_id": k,
            "prioritaet": k in prio,
            "gruppe": gruppe.get(k),
            "plaetze": zahl.get(k, 0),
        }
        for i, k in enumerate(ergebnis["ziehung"], start=1)
    ]
    unter_minimum = [
        (durchfuehrungen.get(d), belegt, minimum)
        for d, belegt, minimum in ergebnis["bericht"]["unter_minimum"]
    ]
    return {
        "zeilen": zeilen,
        "ziehung": ziehung,
        "bericht": ergebnis["bericht"],
        "unter_minimum": unter_minimum,
        "kinder": sorted((k for k in kinder.values()), key=lambda k: (k.vorname, k.nachname, k.pk)),
        "durchfuehrungen": [z.durchfuehrung for z in zeilen],
    }


__all__ = [
    "Grund",
    "VerlosungNichtMoeglich",
    "anpassen",
    "aufbereiten",
    "bestaetigen",
    "eingabe_laden",
    "favoriten_setzen",
    "gruppe_beitreten",
    "gruppe_gruenden",
    "gruppe_verlassen",
    "nachrechnen",
    "vorschau",
    "wunsch_entfernen",
    "wunsch_hinzufuegen",
    "wunschphase_offen",
    "zeitraeume_mit_offener_wunschphase",
]
