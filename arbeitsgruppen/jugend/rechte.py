"""Who may do what in the room, and the settings it reads.

* **Moderators**: the leaders (Leitung) of the working group "Jugendbeteiligung" (slug in
  ``JUGEND_ARBEITSGRUPPE``) and the coordinators.
* **Youth-group leaders**: every member of that working group. They enter ideas for a youth
  group (the idea shows the group's name) without accounts for the young people; the group's
  lead adds youth workers, teachers and club leaders as members.
* **Young people** post with a Jugendprofil (under 16 only after the guardian confirmed).
"""

from __future__ import annotations

from django.conf import settings

from arbeitsgruppen.models import Arbeitsgruppe, Mitglied
from netzwerk.berechtigungen import ist_koordination


def schwelle() -> int:
    """Supports after which an idea is owed an answer."""
    return int(getattr(settings, "JUGEND_SCHWELLE", 25))


def antwortfrist_tage() -> int:
    return int(getattr(settings, "JUGEND_ANTWORTFRIST_TAGE", 42))


def gruppen_slug() -> str:
    return getattr(settings, "JUGEND_ARBEITSGRUPPE", "jugendbeteiligung")


def arbeitsgruppe() -> Arbeitsgruppe | None:
    """The working group that looks after the ideas (None if it does not exist)."""
    return Arbeitsgruppe.objects.filter(slug=gruppen_slug()).first()


def ist_moderation(user) -> bool:
    if ist_koordination(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return Mitglied.objects.filter(
        user=user, gruppe__slug=gruppen_slug(), rolle=Mitglied.Rolle.LEITUNG
    ).exists()


def ist_gruppenleitung(user) -> bool:
    """May enter ideas for a youth group: members of the working group (and coordinators)."""
    if ist_koordination(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return Mitglied.objects.filter(user=user, gruppe__slug=gruppen_slug()).exists()


def moderations_adressen() -> list[str]:
    """Whom to tell about a report: the working group's leaders."""
    return list(
        Mitglied.objects.filter(gruppe__slug=gruppen_slug(), rolle=Mitglied.Rolle.LEITUNG)
        .filter(user__is_active=True)
        .values_list("user__email", flat=True)
    )
