"""Read side of the calendar: Termine expanded into dated entries for a time range.

Views, feeds, template tags and the Terminabgleich all ask here for "what happens between
von and bis", so a recurring Termin shows up as its occurrences everywhere. Costs a fixed
number of queries however many Termine there are (the Termine with their organisers and
exceptions, and the school holidays). Inside the horizon of the materialised occurrences
(:mod:`termine.vorkommen`) ranges are read from that table, with LIMIT where a page or the
next few entries are wanted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q, prefetch_related_objects
from django.utils import timezone

from netzwerk.models import Schulferien
from termine.models import Termin, Vorkommen
from termine.vorkommen import stand as vorkommen_stand
from termine.wiederholung import in_ferien, vorkommen


@dataclass(frozen=True)
class Eintrag:
    """One occurrence of a Termin as shown in a calendar."""

    termin: Termin
    start: datetime
    ende: datetime

    @property
    def abgesagt(self) -> bool:
        return self.termin.abgesagt

    @property
    def ganztaegig(self) -> bool:
        return self.termin.ganztaegig

    @property
    def tag(self) -> date:
        return timezone.localdate(self.start)

    @property
    def letzter_tag(self) -> date:
        ende = timezone.localtime(self.ende)
        if self.ende > self.start and ende.time() == time(0):
            return ende.date() - timedelta(days=1)
        return ende.date()

    @property
    def mehrtaegig(self) -> bool:
        return self.letzter_tag > self.tag

    @property
    def tage(self) -> list[date]:
        return [self.tag + timedelta(days=i) for i in range((self.letzter_tag - self.tag).days + 1)]

    def get_absolute_url(self) -> str:
        url = self.termin.get_absolute_url()
        if self.termin.wiederkehrend:
            url += f"?am={self.tag.isoformat()}"
        return url


type Ferien = list[tuple[date, date]]


def schulferien(von: date, bis: date) -> Ferien:
    """School holiday periods touching [von, bis] as (first, last) day pairs (one query)."""
    return list(Schulferien.objects.ueberschneidend(von, bis).values_list("beginn", "ende"))


def eintraege(
    termine: Iterable[Termin],
    von: datetime,
    bis: datetime,
    *,
    ferien: Sequence[tuple[date, date]] = (),
) -> list[Eintrag]:
    """All occurrences of `termine` touching [von, bis), by start then title.

    `termine` should come from ``Termin.objects....im_zeitraum(von, bis).fuer_listen()``.
    """
    ergebnis = [
        Eintrag(termin, v.start, v.ende)
        for termin in termine
        for v in vorkommen(termin.als_serie(), von, bis, schulferien=ferien)
    ]
    ergebnis.sort(key=lambda e: (e.start, e.termin.titel, e.termin.pk))
    return ergebnis


class Eintraege(Sequence[Eintrag]):
    """Entries read from the materialised occurrences, lazily: ``count()`` and slices are
    queries (COUNT, LIMIT/OFFSET), so a paginator or "the next five" loads only what it
    shows; iterating or ``len()`` loads all (and keeps them)."""

    def __init__(self, zeilen) -> None:
        self._zeilen = zeilen
        self._alle: list[Eintrag] | None = None

    @staticmethod
    def _eintraege(zeilen) -> list[Eintrag]:
        zeilen = list(zeilen)
        # One instance per Termin (select_related gives each row its own), prefetched once.
        termine = {z.termin_id: z.termin for z in zeilen}
        prefetch_related_objects(list(termine.values()), "veranstalter", "ausnahmen")
        return [Eintrag(termine[z.termin_id], z.start, z.ende) for z in zeilen]

    def _liste(self) -> list[Eintrag]:
        if self._alle is None:
            self._alle = self._eintraege(self._zeilen)
        return self._alle

    def count(self) -> int:
        return len(self._alle) if self._alle is not None else self._zeilen.count()

    def __len__(self) -> int:
        return len(self._liste())

    def __iter__(self):
        return iter(self._liste())

    def __bool__(self) -> bool:
        return bool(self._liste())

    def __getitem__(self, index):
        negativ = index.start or 0 if isinstance(index, slice) else index
        if (
            self._alle is not None
            or negativ < 0
            or (isinstance(index, slice) and ((index.stop or 0) < 0 or index.step))
        ):
            return self._liste()[index]  # `|last` and other negative indices: load all
        if isinstance(index, slice):
            return self._eintraege(self._zeilen[index])
        zeilen = self._eintraege(self._zeilen[index : index + 1])
        if not zeilen:
            raise IndexError(index)
        return zeilen[0]


def _aus_der_tabelle(queryset, von: datetime, bis: datetime, nur_ferien: bool):
    """The entries from the Vorkommen table, or None when [von, bis) leaves its horizon."""
    horizont = vorkommen_stand()
    if horizont is None or von < horizont[0] or bis > horizont[1]:
        return None
    zeilen = (
        Vorkommen.objects.filter(
            termin__in=queryset.values("pk"),
            start__lt=bis,
        )
        .filter(Q(ende__gt=von) | Q(start__gte=von))
        .select_related("termin__ortsteil", "termin__veranstaltungsort", "termin__arbeitsgruppe")
        .order_by("start", "termin__titel", "termin__pk")
    )
    if nur_ferien:
        zeilen = zeilen.filter(
            Exists(
                Schulferien.objects.filter(
                    beginn__lte=OuterRef("letzter_tag"), ende__gte=OuterRef("tag")
                )
            )
        )
    return Eintraege(zeilen)


def eintraege_laden(
    queryset, von: datetime, bis: datetime, *, nur_ferien: bool = False
) -> tuple[Sequence[Eintrag], Ferien]:
    """Load and expand `queryset` for [von, bis); with `nur_ferien` keep only entries that
    touch a school holiday day. Returns the entries (by start, then title) and the
    holidays used.

    Inside the horizon of the materialised occurrences (:mod:`termine.vorkommen`) the
    entries are a lazy :class:`Eintraege` over an indexed range query; outside it the
    series are expanded here."""
    ferien = schulferien(timezone.localdate(von) - timedelta(days=1), timezone.localdate(bis))
    aus_tabelle = _aus_der_tabelle(queryset, von, bis, nur_ferien)
    if aus_tabelle is not None:
        return aus_tabelle, ferien
    termine = queryset.im_zeitraum(von, bis).fuer_listen()
    liste = eintraege(termine, von, bis, ferien=ferien)
    if nur_ferien:
        liste = [e for e in liste if any(in_ferien(tag, ferien) for tag in e.tage)]
    return liste, ferien


def naechste_eintraege(queryset, anzahl: int, *, tage: int = 365) -> list[Eintrag]:
    """The next `anzahl` entries from now (looking `tage` days ahead)."""
    jetzt = timezone.now()
    liste, _ferien = eintraege_laden(queryset, jetzt, jetzt + timedelta(days=tage))
    return list(liste[:anzahl])


def nach_tagen(liste: Iterable[Eintrag], von: date, bis: date) -> dict[date, list[Eintrag]]:
    """Entries per local day in [von, bis] (a multi-day entry appears on each of its days)."""
    tage: dict[date, list[Eintrag]] = {
        von + timedelta(days=i): [] for i in range((bis - von).days + 1)
    }
    for eintrag in liste:
        for tag in eintrag.tage:
            if tag in tage:
                tage[tag].append(eintrag)
    return tage
