"""Scheduled jobs of the working groups, for a scheduler that enqueues Django tasks.

Cron can run the management command `arbeitsgruppen_ueberblick` instead; both call the same
services.
"""

from django.tasks import task
from django.utils import timezone

from arbeitsgruppen import services


@task()
def wochenueberblick() -> int:
    return services.wochenueberblick_senden(jetzt=timezone.now())


@task()
def tagesueberblick() -> int:
    return services.tagesueberblick_senden(jetzt=timezone.now())
