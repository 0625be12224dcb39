"""The Stammtisch's figures of the funder's report (netzwerk.kennzahlen).

- Meetings held: Stammtische not cancelled that started in the period and before now,
  by series.
- Attending actors: the actors listed as present in the minutes (Protokoll.anwesende) of
  those meetings, each actor once, by kind and by district. The minutes are the record of
  who was there; RSVPs only say who meant to come, so they are not counted.
- Attendances: the sum over the meetings of the actors present (an actor at three meetings
  counts three times).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netzwerk import kennzahlen
from netzwerk.kennzahlen import Kennzahl, aufschluesseln, zeitpunkte
from netzwerk.models import Ortsteil
from termine.models import Protokoll, Stammtisch, Stammtischreihe
from vereine.models import Akteur


def gehaltene(von: date, bis: date):
    anfang, ende = zeitpunkte(von, bis)
    return Stammtisch.objects.nicht_abgesagt().filter(
        termin__start__gte=anfang, termin__start__lt=min(ende, timezone.now())
    )


@kennzahlen.quelle(gettext_lazy("Stammtisch"), reihenfolge=10)
def stammtische(von: date, bis: date) -> list[Kennzahl]:
    treffen = gehaltene(von, bis)
    nach_reihe = list(treffen.values_list("reihe").annotate(n=Count("pk")).order_by())
    anwesend = Protokoll.anwesende.through.objects.filter(
        protokoll__termin__stammtisch__in=treffen.values("pk")
    )
    akteure = Akteur.objects.filter(pk__in=anwesend.values("akteur"))
    nach_art = akteure.values_list("art").annotate(n=Count("pk")).order_by()
    nach_ortsteil = list(akteure.values_list("ortsteil").annotate(n=Count("pk")).order_by())
    return [
        Kennzahl(
            "stammtisch.treffen",
            _("Stammtisch meetings held"),
            sum(n for _r, n in nach_reihe),
            aufschluesselung=aufschluesseln(
                nach_reihe, dict(Stammtischreihe.objects.values_list("pk", "name"))
            ),
        ),
        Kennzahl(
            "stammtisch.akteure",
            _("Actors at the Stammtisch, by kind"),
            sum(n for _o, n in nach_ortsteil),
            aufschluesselung=aufschluesseln(nach_art, dict(Akteur.Art.choices)),
        ),
        Kennzahl(
            "stammtisch.akteure_ortsteil",
            _("Actors at the Stammtisch, by district"),
            sum(n for _o, n in nach_ortsteil),
            aufschluesselung=aufschluesseln(
                nach_ortsteil,
                dict(Ortsteil.objects.values_list("pk", "name")),
                ohne=_("whole town / no district"),
            ),
        ),
        Kennzahl("stammtisch.teilnahmen", _("Attendances of actors"), anwesend.count()),
    ]
