"""System checks of the portal's own settings (registered in `NetzwerkConfig.ready`)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

# The hosts of a developer's machine: mails from a server must never point there.
_LOKAL = {"127.0.0.1", "localhost", "::1", "0.0.0.0", ""}


def site_url_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`check --deploy`: SITE_URL still the default (this machine) while DEBUG is off.

    Pages build their links from the request, but mails and background jobs (invitations,
    reminders, answer links) have none and use SITE_URL; with the default every link in
    every mail points to 127.0.0.1:8000.
    """
    if settings.DEBUG:
        return []
    host = urlsplit(settings.SITE_URL).hostname or ""
    if host not in _LOKAL:
        return []
    return [
        checks.Warning(
            f"SITE_URL is {settings.SITE_URL!r}, an address of this machine (the default).",
            hint=(
                "Set SITE_URL to the portal's public address, e.g. "
                "https://portal.example.org: links in mails and from background jobs use it."
            ),
            id="netzwerk.W001",
        )
    ]
