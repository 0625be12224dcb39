"""The actors' figures of the funder's report (netzwerk.kennzahlen), registered in ready().

- New actors: actors now active whose entry was created in the period, by kind and by
  district (an actor proposed in March and approved in April counts in March).
- Volunteer needs answered: the Gesuche that received at least one response (“Ich möchte
  helfen”) in the period, and the number of those responses.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netzwerk import kennzahlen
from netzwerk.kennzahlen import Kennzahl, aufschluesseln, zeitpunkte
from netzwerk.models import Ortsteil
from vereine.models import Akteur, Rueckmeldung


def ortsteile() -> dict[int, str]:
    return dict(Ortsteil.objects.values_list("pk", "name"))


@kennzahlen.quelle(gettext_lazy("Actors"), reihenfolge=20)
def neue_akteure(von: date, bis: date) -> list[Kennzahl]:
    anfang, ende = zeitpunkte(von, bis)
    neu = Akteur.objects.aktiv().filter(erstellt__gte=anfang, erstellt__lt=ende)
    nach_art = neu.values_list("art").annotate(n=Count("pk")).order_by()
    nach_ortsteil = neu.values_list("ortsteil").annotate(n=Count("pk")).order_by()
    nach_ortsteil = list(nach_ortsteil)
    gesamt = sum(n for _k, n in nach_ortsteil)
    return [
        Kennzahl(
            "vereine.neue_akteure",
            _("New actors by kind"),
            gesamt,
            aufschluesselung=aufschluesseln(nach_art, dict(Akteur.Art.choices)),
        ),
        Kennzahl(
            "vereine.neue_akteure_ortsteil",
            _("New actors by district"),
            gesamt,
            aufschluesselung=aufschluesseln(
                nach_ortsteil, ortsteile(), ohne=_("whole town / no district")
            ),
        ),
    ]


@kennzahlen.quelle(gettext_lazy("Volunteering"), reihenfolge=25)
def gesuche(von: date, bis: date) -> list[Kennzahl]:
    anfang, ende = zeitpunkte(von, bis)
    antworten = Rueckmeldung.objects.filter(erstellt__gte=anfang, erstellt__lt=ende)
    zahlen = antworten.aggregate(rueckmeldungen=Count("pk"), gesuche=Count("gesuch", distinct=True))
    return [
        Kennzahl(
            "vereine.gesuche_beantwortet",
            _("Volunteer needs that found helpers"),
            zahlen["gesuche"],
        ),
        Kennzahl(
            "vereine.rueckmeldungen",
            _("Offers to help (responses to volunteer needs)"),
            zahlen["rueckmeldungen"],
        ),
    ]
