"""The coordinators' Terminabgleich overview."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import gettext as _

from netzwerk.berechtigungen import nur_koordination
from netzwerk.eingaben import datum
from termine import services
from termine.models import Termin

# ------------------------------------------------------------------- Koordination


@nur_koordination
def terminabgleich_uebersicht(request: HttpRequest) -> HttpResponse:
    """Coordinators: the clash days of the next months, printable, with a text export."""
    heute = timezone.localdate()
    von, bis = heute, heute + timedelta(days=92)
    fehler = None
    eingaben = {n: request.GET.get(n) for n in ("von", "bis") if request.GET.get(n)}
    if any(datum(w) is None for w in eingaben.values()):
        fehler = _("Please enter the days like 2026-05-22.")
    else:
        von = datum(eingaben.get("von")) or von
        bis = datum(eingaben.get("bis")) or bis
    if bis < von or (bis - von).days > 400:
        fehler = _("Please choose a period of at most one year, the end after the start.")
        von, bis = heute, heute + timedelta(days=92)
    tage = services.terminabgleich_fuer_zeitraum(von=von, bis=bis, sichtbar_fuer=request.user)
    text = services.terminabgleich_als_text(tage)
    if request.GET.get("format") == "md":
        antwort = HttpResponse(text, content_type="text/markdown; charset=utf-8")
        antwort["Content-Disposition"] = f'inline; filename="terminabgleich-{von}-{bis}.md"'
        return antwort
    ids = {t.id for tag in tage for t in tag.termine}
    termine = Termin.objects.in_bulk(ids)
    return render(
        request,
        "termine/terminabgleich.html",
        {
            "tage": [
                {
                    "tag": tag,
                    # Each entry with its own occurrence: a series' start is not the
                    # day it clashes on.
                    "termine": [
                        {"termin": termine[t.id], "start": t.start, "ende": t.end}
                        for t in tag.termine
                        if t.id in termine
                    ],
                    "gruende": services.gruende_texte(r for p in tag.pairs for r in p.reasons),
                }
                for tag in tage
            ],
            "von": von,
            "bis": bis,
            "fehler": fehler,
            "text": text,
            "stand": http_date(timezone.now().timestamp()),
        },
    )
