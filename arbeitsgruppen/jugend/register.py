"""The room's entries in the portal's registries (called from ArbeitsgruppenConfig.ready):
privacy rules, report figures and proposals for the next Stammtisch's agenda. The admin
start page's "Wartet auf deine Entscheidung" entry is in admin.py, like the others."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arbeitsgruppen.jugend import datenschutz
from netzwerk import datenschutz as netzwerk_datenschutz
from netzwerk import kennzahlen, tagesordnung
from netzwerk.kennzahlen import Kennzahl
from netzwerk.tagesordnung import Vorschlag
from netzwerk.zeit import kurzes_datum, zone


def _tage(von: date, bis: date) -> tuple[datetime, datetime]:
    """The local days von..bis (both inclusive) as an aware half-open interval."""
    anfang = datetime.combine(von, time.min, tzinfo=zone())
    ende = datetime.combine(bis + timedelta(days=1), time.min, tzinfo=zone())
    return anfang, ende


def kennzahlen_jugend(von: date, bis: date) -> list[Kennzahl]:
    """Ideas received, answered (any answer step) and implemented, supports given."""
    from arbeitsgruppen.jugend.models import Idee, Statusschritt, Unterstuetzung

    anfang, ende = _tage(von, bis)
    schritte = Statusschritt.objects.filter(am__gte=anfang, am__lt=ende)
    antworten = (Idee.Status.BEANTWORTET, Idee.Status.UMGESETZT, Idee.Status.ABGELEHNT)
    return [
        Kennzahl(
            "jugend.ideen",
            _("Youth ideas received"),
            Idee.objects.filter(erstellt__gte=anfang, erstellt__lt=ende).count(),
        ),
        Kennzahl(
            "jugend.beantwortet",
            _("Youth ideas answered"),
            schritte.filter(status__in=antworten).values("idee").distinct().count(),
        ),
        Kennzahl(
            "jugend.umgesetzt",
            _("Youth ideas implemented"),
            schritte.filter(status=Idee.Status.UMGESETZT).values("idee").distinct().count(),
        ),
        Kennzahl(
            "jugend.unterstuetzungen",
            _("Supports of youth ideas"),
            Unterstuetzung.objects.filter(erstellt__gte=anfang, erstellt__lt=ende).count(),
        ),
    ]


def ueberfaellige_antworten(stichtag: date) -> list[Vorschlag]:
    """Every public idea whose answer is overdue on the meeting's day."""
    from arbeitsgruppen.jugend.models import Idee

    ideen = (
        Idee.objects.oeffentlich()
        .antwort_ueberfaellig(stichtag)
        .select_related("zustaendig_gruppe", "zustaendig_akteur")
        .order_by("antwort_bis", "pk")
    )
    return [
        Vorschlag(
            titel=idee.titel,
            text=_("Answer owed by %(wer)s since %(datum)s.")
            % {"wer": idee.zustaendig or _("the network"), "datum": kurzes_datum(idee.antwort_bis)},
            url=idee.get_absolute_url(),
            art="Jugendidee",
        )
        for idee in ideen
    ]


def registrieren() -> None:
    netzwerk_datenschutz.bereich(
        netzwerk_datenschutz.Bereich(
            "jugend",
            regeln=datenschutz.REGELN,
            register=datenschutz.REGISTER,
            vollstaendig=datenschutz.VOLLSTAENDIG,
            anwenden=datenschutz.anwenden,
        )
    )
    kennzahlen.quelle(gettext_lazy("Youth participation"), reihenfolge=80)(kennzahlen_jugend)
    tagesordnung.quelle(ueberfaellige_antworten)
