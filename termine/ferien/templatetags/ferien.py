"""Template tags of the Ferienkalender."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from termine.models import Anmeldung, Ferienangebot, Ferienzeitraum
from vereine.models import Akteur

register = template.Library()


@register.filter
def kosten(wert: Decimal) -> str:
    """'kostenlos' or '5 €' / '7,50 €'."""
    if not wert:
        return _("free")
    if wert == wert.to_integral_value():
        return f"{int(wert)} €"
    return f"{formats.number_format(wert, 2)} €"


@register.filter
def altersspanne(angebot: Ferienangebot) -> str:
    return _("%(von)s–%(bis)s years") % {"von": angebot.alter_von, "bis": angebot.alter_bis}


@register.simple_tag
def karte_url(angebot: Ferienangebot) -> str:
    """A link to OpenStreetMap's search (maps as links only: nothing is loaded from there)."""
    teile = [angebot.ort, angebot.ortsteil.name if angebot.ortsteil_id else ""]
    return "https://www.openstreetmap.org/search?" + urlencode(
        {"query": ", ".join(t for t in teile if t)}
    )


@register.inclusion_tag("termine/ferien/_mein_bereich_inhalt.html", takes_context=True)
def ferien_mein_bereich(context) -> dict:
    """The Ferienkalender's part of Mein Bereich: children, registrations, own offers."""
    user = context["user"]
    anmeldungen = list(
        Anmeldung.objects.aktiv()
        .filter(kind__eltern=user)
        .select_related("kind", "durchfuehrung__termin", "durchfuehrung__angebot__zeitraum")
        .order_by("durchfuehrung__termin__start")[:5]
    )
    return {
        "anmeldungen": anmeldungen,
        "anbieter": Akteur.objects.schreibbar_fuer(user).exists(),
        "zeitraum": Ferienzeitraum.objects.aktuell(),
        "user": user,
    }


@register.inclusion_tag("termine/ferien/_startseite.html", takes_context=True)
def ferien_startseite(context) -> dict:
    """The running or next published holiday period, its registration state and, while
    registration is open, the next offers to register for (fitting the family's children)."""
    from termine.ferien import services as ferien
    from termine.models import Ferienzeitraum

    zeitraum = Ferienzeitraum.objects.aktuell()
    if zeitraum is None:
        return {"zeitraum": None}
    stand = ferien.anmeldestand(zeitraum)
    jetzt_anmelden, kinder = [], []
    if stand.phase == stand.OFFEN:
        jetzt_anmelden, kinder = ferien.angebote_zum_anmelden(
            zeitraum=zeitraum, eltern=context.get("user")
        )
    return {
        "zeitraum": zeitraum,
        "stand": stand,
        "angebote": zeitraum.angebote.veroeffentlicht().count(),
        "jetzt_anmelden": jetzt_anmelden,
        "kinder": [k.vorname for k in kinder],
    }
