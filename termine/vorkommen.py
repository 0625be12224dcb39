"""The materialised occurrences (:class:`termine.models.Vorkommen`): building and keeping
them current.

Every occurrence touching the horizon [von, bis) (from 400 days before the day of the build
to 800 days after it) has a row; :mod:`termine.kalender` answers ranges inside the horizon
from the table (an indexed range query, LIMIT for "the next few") and falls back to
expanding the series in Python outside it. Kept current by signals (a Termin saved, an
exception added or removed, school holidays changed: only the Termine concerned are
rebuilt, within the same transaction) and by the daily job ``manage.py vorkommen_aufbauen``,
which moves the horizon on and rebuilds everything (also after bulk updates that bypass
the signals).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from netzwerk.models import Schulferien
from netzwerk.zeit import ortszeit
from termine.models import Termin, TerminAusnahme, Vorkommen, VorkommenStand
from termine.wiederholung import vorkommen

RUECKBLICK = timedelta(days=400)
VORAUS = timedelta(days=800)


def horizont(jetzt: datetime | None = None) -> tuple[datetime, datetime]:
    """The horizon a full build at `jetzt` (default: now) covers."""
    heute = timezone.localdate(jetzt or timezone.now())
    return ortszeit(heute - RUECKBLICK), ortszeit(heute + VORAUS)


def stand() -> tuple[datetime, datetime] | None:
    """The horizon the table covers, or None before the first build (one query)."""
    zeile = VorkommenStand.objects.filter(pk=1).values_list("von", "bis").first()
    return tuple(zeile) if zeile else None


def _letzter_tag(start: datetime, ende: datetime):
    lokal = timezone.localtime(ende)
    if ende > start and lokal.time() == time(0):
        return lokal.date() - timedelta(days=1)
    return lokal.date()


def _zeilen(termine: Iterable[Termin], von: datetime, bis: datetime) -> Iterable[Vorkommen]:
    ferien = list(
        Schulferien.objects.ueberschneidend(
            timezone.localdate(von) - timedelta(days=1), timezone.localdate(bis)
        ).values_list("beginn", "ende")
    )
    for termin in termine:
        for v in vorkommen(termin.als_serie(), von, bis, schulferien=ferien):
            yield Vorkommen(
                termin=termin,
                start=v.start,
                ende=v.ende,
                tag=timezone.localdate(v.start),
                letzter_tag=_letzter_tag(v.start, v.ende),
            )


@transaction.atomic
def aufbauen(*, termin_ids: Iterable[int] | None = None, jetzt: datetime | None = None) -> int:
    """Rebuild the rows of the Termine `termin_ids`, or of all Termine (moving the horizon
    to the one of `jetzt`, default now). Returns the number of rows written.

    Side effects: deletes and inserts Vorkommen rows; a full build (or the first build of
    all) writes the VorkommenStand row.
    """
    horizont_jetzt = stand()
    if termin_ids is None or horizont_jetzt is None:
        von, bis = horizont(jetzt)
        VorkommenStand.objects.update_or_create(pk=1, defaults={"von": von, "bis": bis})
        alte = Vorkommen.objects.all()
        termine = Termin.objects.all()
    else:
        von, bis = horizont_jetzt
        ids = list(termin_ids)
        alte = Vorkommen.objects.filter(termin_id__in=ids)
        termine = Termin.objects.filter(pk__in=ids)
    alte._raw_delete(alte.db)
    zeilen = Vorkommen.objects.bulk_create(
        _zeilen(termine.prefetch_related("ausnahmen").order_by("pk").iterator(2000), von, bis),
        batch_size=2000,
    )
    return len(zeilen)


def termin_gespeichert(sender, instance: Termin, raw: bool = False, **kwargs) -> None:
    if not raw:
        aufbauen(termin_ids=[instance.pk])


def ausnahme_geaendert(sender, instance: TerminAusnahme, origin=None, **kwargs) -> None:
    # When the Termin itself is being deleted its rows go with it (CASCADE).
    if isinstance(origin, Termin) or getattr(origin, "model", None) is Termin:
        return
    if kwargs.get("raw"):
        return
    aufbauen(termin_ids=[instance.termin_id])


def schulferien_geaendert(sender, instance: Schulferien, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    pausierende = Termin.objects.filter(pausiert_in_schulferien=True).wiederkehrend()
    aufbauen(termin_ids=pausierende.values_list("pk", flat=True))


def verbinden() -> None:
    """Connect the signals (from TermineConfig.ready)."""
    from django.db.models.signals import post_delete, post_save

    post_save.connect(termin_gespeichert, sender=Termin, dispatch_uid="vorkommen_termin")
    for signal in (post_save, post_delete):
        signal.connect(ausnahme_geaendert, sender=TerminAusnahme, dispatch_uid="vorkommen_ausn")
        signal.connect(schulferien_geaendert, sender=Schulferien, dispatch_uid="vorkommen_ferien")
