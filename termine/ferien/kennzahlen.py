"""The Ferienkalender's figures of the funder's report (netzwerk.kennzahlen).

Counted over the occasions (Durchführungen) of published offers that start in the period
and are not cancelled:

- Holiday offers: the offers with at least one such occasion.
- Places: the places of those occasions (occasions without a limit add none).
- Children reached: distinct children with a confirmed registration for one of them;
  registrations: the confirmed registrations.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netzwerk import kennzahlen
from netzwerk.kennzahlen import Kennzahl, aufschluesseln, zeitpunkte
from termine.models import Anmeldung, Durchfuehrung, Ferienangebot


@kennzahlen.quelle(gettext_lazy("Holiday calendar"), reihenfolge=50)
def ferien(von: date, bis: date) -> list[Kennzahl]:
    anfang, ende = zeitpunkte(von, bis)
    termine = (
        Durchfuehrung.objects.nicht_abgesagt()
        .filter(
            angebot__status=Ferienangebot.Status.VEROEFFENTLICHT,
            termin__start__gte=anfang,
            termin__start__lt=ende,
        )
        .order_by()
    )
    angebote = list(
        Ferienangebot.objects.filter(pk__in=termine.values("angebot"))
        .values_list("kategorie")
        .annotate(n=Count("pk"))
        .order_by()
    )
    plaetze = termine.aggregate(s=Sum("max_plaetze"))["s"] or 0
    bestaetigt = Anmeldung.objects.filter(
        status=Anmeldung.Status.BESTAETIGT, durchfuehrung__in=termine.values("pk")
    ).aggregate(anmeldungen=Count("pk"), kinder=Count("kind", distinct=True))
    return [
        Kennzahl(
            "ferien.angebote",
            _("Holiday offers"),
            sum(n for _k, n in angebote),
            aufschluesselung=aufschluesseln(angebote, dict(Ferienangebot.Kategorie.choices)),
        ),
        Kennzahl("ferien.termine", _("Occasions of holiday offers"), termine.count()),
        Kennzahl("ferien.plaetze", _("Places offered"), plaetze),
        Kennzahl("ferien.anmeldungen", _("Confirmed registrations"), bestaetigt["anmeldungen"]),
        Kennzahl("ferien.kinder", _("Children reached"), bestaetigt["kinder"]),
    ]
