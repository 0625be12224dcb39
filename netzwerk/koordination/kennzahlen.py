"""The room's entries in netzwerk's registries: its report figures and its agenda proposals.

Figures: challenges raised in the period (by category) and challenges closed in it.
Agenda: every open challenge the network may see, and every overdue follow-up, for the next
Stammtisch's point "Offene Punkte aus dem Netzwerk".
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from netzwerk import kennzahlen, tagesordnung
from netzwerk.kennzahlen import Kennzahl, aufschluesseln
from netzwerk.koordination.models import Folgeschritt, Herausforderung
from netzwerk.zeit import kurzes_datum


@kennzahlen.quelle(gettext_lazy("Shared challenges"), reihenfolge=90)
def herausforderungen(von: date, bis: date) -> list[Kennzahl]:
    neu = list(
        Herausforderung.objects.filter(aufgekommen_am__gte=von, aufgekommen_am__lte=bis)
        .values_list("kategorie")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        Kennzahl(
            "koordination.herausforderungen",
            _("Shared challenges raised"),
            sum(n for _k, n in neu),
            aufschluesselung=aufschluesseln(neu, dict(Herausforderung.Kategorie.choices)),
        ),
        Kennzahl(
            "koordination.abgeschlossen",
            _("Shared challenges closed with an outcome"),
            Herausforderung.objects.filter(
                abgeschlossen_am__gte=von, abgeschlossen_am__lte=bis
            ).count(),
        ),
    ]


@tagesordnung.quelle
def offene_punkte(stichtag: date) -> list[tagesordnung.Vorschlag]:
    """Open challenges raised by the meeting's day (oldest first), then the follow-ups overdue
    on that day.

    The agenda reaches the public (a public series' page, the invitation mails), so network-only
    challenges are not named there: they are counted in one line that links to
    the list, where network members see them after logging in."""
    offen = Herausforderung.objects.offen().filter(aufgekommen_am__lte=stichtag)
    vorschlaege = [
        tagesordnung.Vorschlag(
            titel=h.titel,
            text=_("Open since %(datum)s") % {"datum": kurzes_datum(h.aufgekommen_am)},
            url=h.get_absolute_url(),
            art=_("Challenge"),
        )
        for h in offen.oeffentlich().order_by("aufgekommen_am", "pk")
    ]
    for s in (
        Folgeschritt.objects.ueberfaellig(stichtag)
        .filter(herausforderung__sichtbarkeit=Herausforderung.Sichtbarkeit.OEFFENTLICH)
        .select_related("herausforderung", "akteur", "person")
        .order_by("faellig_am", "pk")
    ):
        text = _("Due on %(datum)s") % {"datum": kurzes_datum(s.faellig_am)}
        if s.wer:
            text = f"{text} · {s.wer}"
        vorschlaege.append(
            tagesordnung.Vorschlag(
                titel=f"{s.herausforderung.titel}: {s.text}",
                text=text,
                url=s.herausforderung.get_absolute_url(),
                art=_("Overdue follow-up"),
            )
        )
    intern = offen.exclude(sichtbarkeit=Herausforderung.Sichtbarkeit.OEFFENTLICH).count()
    if intern:
        vorschlaege.append(
            tagesordnung.Vorschlag(
                titel=ngettext(
                    "%(anzahl)d more open challenge, for the network only",
                    "%(anzahl)d more open challenges, for the network only",
                    intern,
                )
                % {"anzahl": intern},
                url=reverse("koordination:liste"),
                art=_("Challenge"),
            )
        )
    return vorschlaege
