"""Planning a series: host proposals from the pure rotation, the next meetings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from termine.models import Stammtisch, Stammtischreihe, Teilnahme, Termin
from termine.stammtisch import rotation
from termine.stammtisch.models import zuletzt_text
from vereine.models import Akteur

SALT_RUECKMELDUNG = "termine.stammtisch.rueckmeldung"
SALT_GASTGEBER = "termine.stammtisch.gastgeber"
RUECKMELDUNG_GUELTIG = timedelta(days=120)
GASTGEBER_GUELTIG = timedelta(days=30)
# The agenda item "Terminabgleich" looks this far ahead from the meeting.
ABGLEICH_TAGE = 92
MAIL = "termine/stammtisch/mail"


class StammtischFehler(Exception):
    """A workflow step that cannot be done now; the message says why (translated)."""


class UngueltigerLink(StammtischFehler):
    """A signed link that is forged, expired, used up or meant for something else."""


# ------------------------------------------------------------------------------ planning


@dataclass(frozen=True)
class Planvorschlag:
    """One proposed meeting: its start, the proposed host and why."""

    start: datetime
    gastgeber: Akteur | None
    grund: str
    zuletzt_gastgeber: date | None = None
    mal_gastgeber: int = 0

    @property
    def grund_text(self) -> str:
        return grund_text(self.grund, self.zuletzt_gastgeber)


def grund_text(grund: str, zuletzt: date | None, heute: date | None = None) -> str:
    """A host proposal reason as people read it ("zuletzt Gastgeber am …" for a past day,
    "schon als Gastgeber geplant am …" for a meeting still ahead)."""
    if grund == Stammtisch.Vorschlagsgrund.ZULETZT and zuletzt:
        return zuletzt_text(zuletzt, heute)
    if grund == Stammtisch.Vorschlagsgrund.NIE:
        return _("never hosted")
    if grund == Stammtisch.Vorschlagsgrund.KEINER:
        return _("nobody available – please choose a host")
    if grund == Stammtisch.Vorschlagsgrund.GEWAEHLT:
        return _("chosen by the coordinators")
    return ""


def _pool(reihe: Stammtischreihe) -> tuple[list[rotation.Candidate], dict[int, Akteur]]:
    """The rotation pool as plain data, and the Akteure by id (two queries)."""
    teilnahmen = list(
        Teilnahme.objects.filter(reihe=reihe)
        .select_related("akteur")
        .prefetch_related("verhinderungen")
    )
    kandidaten = [
        rotation.Candidate(
            akteur_id=t.akteur_id,
            name=t.akteur.name,
            ortsteil_id=t.akteur.ortsteil_id,
            # An Akteur that left the network no longer hosts.
            can_host=t.kann_gastgeber and t.akteur.status == Akteur.Status.AKTIV,
            unavailable=[(v.von, v.bis) for v in t.verhinderungen.all()],
        )
        for t in teilnahmen
    ]
    return kandidaten, {t.akteur_id: t.akteur for t in teilnahmen}


def _historie(reihe: Stammtischreihe, vor: datetime) -> list[rotation.PastHosting]:
    """Who hosted the series' meetings before `vor` (cancelled ones and declines don't count)."""
    zeilen = (
        Stammtisch.objects.filter(reihe=reihe, termin__start__lt=vor, gastgeber__isnull=False)
        .nicht_abgesagt()
        .exclude(gastgeber_status=Stammtisch.GastgeberStatus.ABGELEHNT)
        .values_list("termin__start", "gastgeber_id")
    )
    return [rotation.PastHosting(date=start, akteur_id=akteur_id) for start, akteur_id in zeilen]


def _planungsbeginn(reihe: Stammtischreihe, jetzt: datetime) -> datetime:
    letzter = (
        Stammtisch.objects.filter(reihe=reihe)
        .order_by("-termin__start")
        .values_list("termin__start", flat=True)
        .first()
    )
    return max(jetzt, letzter) if letzter else jetzt


def termine_vorschlagen(
    *, reihe: Stammtischreihe, anzahl: int, jetzt: datetime | None = None
) -> list[Planvorschlag]:
    """Propose the next `anzahl` meetings of `reihe`: dates from its cadence (after now and
    after its latest meeting), hosts from the rotation with the series' history.

    No side effects.
    """
    beginn = _planungsbeginn(reihe, jetzt or timezone.now())
    termine = rotation.termine_nach_rhythmus(reihe.cadence, after=beginn, count=anzahl)
    if not termine:
        return []
    kandidaten, akteure = _pool(reihe)
    vorschlaege = rotation.propose_hosts(kandidaten, _historie(reihe, termine[0]), termine)
    return [
        Planvorschlag(
            start=v.date,
            gastgeber=akteure.get(v.akteur_id) if v.akteur_id else None,
            grund=v.reason.value,
            zuletzt_gastgeber=v.last_hosted,
            mal_gastgeber=v.times_hosted,
        )
        for v in vorschlaege
    ]


def _ort_vom_gastgeber(termin: Termin, gastgeber: Akteur | None) -> None:
    """The host's address is the meeting's default place."""
    termin.veranstaltungsort = gastgeber
    termin.ort = gastgeber.adresse if gastgeber else ""
    termin.ortsteil = gastgeber.ortsteil if gastgeber else None


@transaction.atomic
def naechste_termine_planen(
    *,
    reihe: Stammtischreihe,
    anzahl: int,
    gastgeber: Mapping[int, Akteur | None] | None = None,
    von=None,
    jetzt: datetime | None = None,
) -> list[Stammtisch]:
    """Create the next `anzahl` meetings of `reihe` as proposed by
    :func:`termine_vorschlagen`; `gastgeber` maps a proposal's index to the host the
    coordinators chose instead.

    Side effects: writes one Termin (category Stammtisch, status geplant, place = the
    host's address) and one Stammtisch (host status vorgeschlagen, reason stored) per
    meeting. Sends no mail (see :func:`gastgeber_anfragen`).
    """
    gastgeber = gastgeber or {}
    vorschlaege = termine_vorschlagen(reihe=reihe, anzahl=anzahl, jetzt=jetzt)
    dauer = timedelta(minutes=reihe.dauer_minuten)
    sichtbarkeit = (
        Termin.Sichtbarkeit.OEFFENTLICH if reihe.oeffentlich else Termin.Sichtbarkeit.NETZWERK
    )
    erstellt = []
    for index, vorschlag in enumerate(vorschlaege):
        host, grund = vorschlag.gastgeber, vorschlag.grund
        zuletzt, mal = vorschlag.zuletzt_gastgeber, vorschlag.mal_gastgeber
        if index in gastgeber and gastgeber[index] != host:
            host, grund, zuletzt, mal = (
                gastgeber[index],
                Stammtisch.Vorschlagsgrund.GEWAEHLT,
                None,
                0,
            )
            if host is None:
                grund = Stammtisch.Vorschlagsgrund.KEINER
        termin = Termin(
            titel=reihe.name,
            beschreibung=reihe.beschreibung,
            start=vorschlag.start,
            ende=vorschlag.start + dauer,
            kategorie=Termin.Kategorie.STAMMTISCH,
            sichtbarkeit=sichtbarkeit,
            arbeitsgruppe=reihe.arbeitsgruppe,
            status=Termin.Status.GEPLANT,
            erstellt_von=von if getattr(von, "is_authenticated", False) else None,
        )
        _ort_vom_gastgeber(termin, host)
        termin.save()
        if host:
            termin.veranstalter.set([host])
        erstellt.append(
            Stammtisch.objects.create(
                termin=termin,
                reihe=reihe,
                gastgeber=host,
                gastgeber_status=Stammtisch.GastgeberStatus.VORGESCHLAGEN,
                vorschlagsgrund=grund,
                zuletzt_gastgeber=zuletzt,
                mal_gastgeber=mal,
            )
        )
    return erstellt
