"""Members write the minutes of their working group's meetings.

The minutes are the Stammtisch's :class:`~termine.models.Protokoll` (one model for every
Termin); reading stays on ``stammtisch:protokoll``, publishing is
:func:`termine.protokoll.protokoll_veroeffentlichen`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from termine import protokoll as protokolle
from termine.forms_protokoll import (
    FolgeaufgabenFormset,
    ProtokollForm,
    PunkteFormset,
    fuer_den_dienst,
)
from termine.models import Protokoll, Termin
from termine.views import termin_zum_aendern

VEROEFFENTLICHEN = "veroeffentlichen"


@login_required
@require_http_methods(["GET", "POST"])
def protokoll_bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    """Write or change the minutes of a group meeting; optionally publish them (mails
    the group's members once). Only for those who may edit the Termin (for a Stammtisch:
    the coordinators); see :func:`termine.views.termin_zum_aendern` for 403 and 404."""
    termin = termin_zum_aendern(
        request.user,
        pk,
        Termin.objects.filter(arbeitsgruppe__isnull=False).select_related("arbeitsgruppe"),
    )
    gruppe = termin.arbeitsgruppe
    protokoll = Protokoll.objects.filter(termin=termin).first() or Protokoll(termin=termin)
    daten = request.POST if request.method == "POST" else None
    form = ProtokollForm(daten, instance=protokoll, gruppe=gruppe)
    punkte = PunkteFormset(daten, instance=protokoll, prefix="punkte")
    folgeaufgaben = FolgeaufgabenFormset(daten, instance=protokoll, prefix="aufgaben")
    # Validate all three so that every mistake is marked at once.
    gueltig = daten is not None and all([f.is_valid() for f in (form, punkte, folgeaufgaben)])
    if gueltig:
        protokoll = protokolle.protokoll_speichern(**fuer_den_dienst(form, punkte, folgeaufgaben))
        if request.POST.get("aktion") == VEROEFFENTLICHEN and not protokoll.veroeffentlicht:
            try:
                anzahl = protokolle.protokoll_veroeffentlichen(protokoll=protokoll)
            except protokolle.ProtokollFehler:
                # Someone else published a moment ago: nothing more to send.
                messages.info(request, _("These minutes are already published."))
                return redirect(protokoll)
            messages.success(
                request,
                ngettext(
                    "The minutes are published and mailed to %(n)d person.",
                    "The minutes are published and mailed to %(n)d people.",
                    anzahl,
                )
                % {"n": anzahl},
            )
            return redirect(protokoll)
        messages.success(request, _("The minutes are saved."))
        return redirect("termine:protokoll_bearbeiten", pk=termin.pk)
    return render(
        request,
        "termine/protokoll_form.html",
        {
            "termin": termin,
            "gruppe": gruppe,
            "protokoll": protokoll,
            "form": form,
            "punkte": punkte,
            "folgeaufgaben": folgeaufgaben,
            "veroeffentlichen": VEROEFFENTLICHEN,
        },
        status=400 if daten is not None else 200,
    )
