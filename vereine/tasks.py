"""Scheduled jobs of the Akteure app (enqueue daily, e.g. from cron or the task worker)."""

from django.tasks import task

from vereine.services import rueckmeldungen_aufraeumen


@task()
def aufraeumen() -> int:
    """Retention: anonymise expired responses; returns how many."""
    return rueckmeldungen_aufraeumen().rueckmeldungen
