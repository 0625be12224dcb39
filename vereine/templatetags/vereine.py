"""Template tags of the Akteure app: the slots on the home page and in Mein Bereich, JSON-LD."""

from __future__ import annotations

import json
from datetime import timedelta

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from netzwerk.berechtigungen import ist_koordination
from vereine.models import (
    Akteur,
    Einladung,
    Gesuch,
    Mitgliedschaft,
    Rueckmeldung,
)
from vereine.services import EINLADUNG_GUELTIG_TAGE, einladung_token

register = template.Library()

# The same escapes as Django's json_script: no "</script>" or "<!--" can end the element early.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(daten: dict) -> str:
    """`<script type="application/ld+json">` with safely escaped JSON (CSP: not executable)."""
    inhalt = json.dumps(daten, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(inhalt))


@register.inclusion_tag("vereine/tags/mein_bereich.html", takes_context=True)
def meine_akteure(context) -> dict:
    """Mein Bereich: the user's actors, their role and what needs doing there."""
    user = context["request"].user
    mitgliedschaften = (
        Mitgliedschaft.objects.filter(user=user)
        .select_related("akteur")
        .annotate(
            offene_gesuche=Count(
                "akteur__gesuche",
                filter=Q(akteur__gesuche__status=Gesuch.Status.OFFEN),
                distinct=True,
            ),
            neue_rueckmeldungen=Count(
                "akteur__gesuche__rueckmeldungen",
                filter=Q(akteur__gesuche__rueckmeldungen__status=Rueckmeldung.Status.NEU),
                distinct=True,
            ),
        )
        .order_by("akteur__name")
    )
    koordination = ist_koordination(user)
    # Invitations to this address: after signing up (and confirming the address) the person
    # finds them here, even if the link from the mail got lost on the way.
    einladungen = [
        (e, reverse("vereine:einladung", kwargs={"token": einladung_token(e)}))
        for e in Einladung.objects.filter(
            email__iexact=user.email,
            angenommen_am__isnull=True,
            erstellt__gte=timezone.now() - timedelta(days=EINLADUNG_GUELTIG_TAGE),
        ).select_related("akteur")
    ]
    return {
        "einladungen": einladungen,
        "mitgliedschaften": mitgliedschaften,
        "vorschlaege": Akteur.objects.filter(
            vorgeschlagen_von=user, status=Akteur.Status.BEANTRAGT
        ),
        "koordination": koordination,
        "beantragt": (
            Akteur.objects.filter(status=Akteur.Status.BEANTRAGT).count() if koordination else 0
        ),
        "LEITUNG": Mitgliedschaft.Rolle.LEITUNG,
    }


@register.inclusion_tag("vereine/tags/startseite.html", takes_context=True)
def akteure_startseite(context) -> dict:
    """Home page: how many actors there are and the newest needs."""
    user = context["request"].user
    return {
        "anzahl": Akteur.objects.im_verzeichnis(user).count(),
        "gesuche": Gesuch.objects.sichtbar_fuer(user)
        .select_related("akteur")
        .order_by("-erstellt")[:3],
    }
