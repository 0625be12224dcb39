"""Scheduled jobs that stay safe when cron starts them on several machines at once.

Each run claims its time slot (the local day, or the ISO week) by inserting a
:class:`~netzwerk.models.Joblauf` row; a unique constraint lets exactly one machine win, the
others find the slot taken and do nothing. A run that fails gives its slot back, so the next
cron run (on any machine) tries again. ``--nochmal`` runs a job once more on purpose.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.utils import timezone

from netzwerk.models import Joblauf

AUFBEWAHREN = timedelta(days=90)


def zeitfenster(art: str, jetzt: datetime | None = None) -> str:
    """The slot a run at `jetzt` belongs to: ``"2026-12-06"`` (tag) or ``"2026-W49"`` (woche)."""
    heute = timezone.localdate(jetzt or timezone.now())
    if art == "woche":
        jahr, woche, _tag = heute.isocalendar()
        return f"{jahr}-W{woche:02d}"
    return heute.isoformat()


@contextmanager
def einmal(name: str, fenster: str) -> Iterator[Joblauf | None]:
    """Claim `fenster` for the job `name`: yields the run, or None when another machine (or an
    earlier run) has it. Side effects: writes the Joblauf row, marks it finished, deletes it
    again when the body raises, and forgets runs older than 90 days."""
    try:
        with transaction.atomic():
            lauf = Joblauf.objects.create(
                name=name, zeitfenster=fenster, rechner=f"{socket.gethostname()}:{os.getpid()}"
            )
    except IntegrityError:
        yield None
        return
    try:
        yield lauf
    except BaseException:
        lauf.delete()
        raise
    Joblauf.objects.filter(pk=lauf.pk).update(beendet=timezone.now())
    Joblauf.objects.filter(gestartet__lt=timezone.now() - AUFBEWAHREN).delete()


class GeplanterBefehl(BaseCommand):
    """Base of the commands cron runs: :meth:`ausfuehren` runs once per slot and job."""

    zeitfenster_art = "tag"

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--nochmal",
            action="store_true",
            help="Run even if this job already ran in this time slot (here or elsewhere).",
        )

    def jobname(self, **options) -> str:
        return self.__module__.rsplit(".", 1)[-1]

    def fenster(self, **options) -> str:
        return zeitfenster(self.zeitfenster_art)

    def handle(self, *args, nochmal: bool = False, **options) -> None:
        if nochmal or options.get("dry_run"):
            self.ausfuehren(**options)
            return
        name, fenster = self.jobname(**options), self.fenster(**options)
        with einmal(name, fenster) as lauf:
            if lauf is None:
                self.stdout.write(f"{name} already ran for {fenster}: nothing to do.")
                return
            self.ausfuehren(**options)

    def ausfuehren(self, **options) -> None:
        raise NotImplementedError
