"""Pages of a group's projects (Vorhaben)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from arbeitsgruppen.berechtigungen import SCHREIBEN, Zugang, gruppen_zugang
from arbeitsgruppen.filters import VorhabenFilter, gewaehlt
from arbeitsgruppen.forms import (
    VorhabenForm,
)
from arbeitsgruppen.models import (
    Aufgabe,
    Vorhaben,
)
from arbeitsgruppen.views.gruppen import _ctx, _post
from netzwerk.seiten import blaettern

# --- Projects ---------------------------------------------------------------------------------


@gruppen_zugang()
@require_safe
def vorhaben_liste(request: HttpRequest, zugang: Zugang) -> HttpResponse:
    filter_ = VorhabenFilter(
        request.GET or None,
        queryset=zugang.gruppe.vorhaben.select_related("verantwortlich").annotate(
            offene_aufgaben=Count("aufgaben", filter=~Q(aufgaben__status=Aufgabe.Status.ERLEDIGT))
        ),
    )
    return render(
        request,
        "arbeitsgruppen/vorhaben_liste.html",
        _ctx(
            zugang,
            seite=blaettern(request, filter_.qs.order_by("titel")),
            status=gewaehlt(filter_, "status"),
            status_auswahl=Vorhaben.Status.choices,
        ),
    )


@gruppen_zugang()
@require_safe
def vorhaben(request: HttpRequest, zugang: Zugang, pk: int) -> HttpResponse:
    obj = get_object_or_404(zugang.gruppe.vorhaben.select_related("verantwortlich"), pk=pk)
    return render(
        request,
        "arbeitsgruppen/vorhaben.html",
        _ctx(
            zugang,
            vorhaben=obj,
            aufgaben=obj.aufgaben.select_related("zustaendig").order_by("status", "faellig"),
        ),
    )


@gruppen_zugang(SCHREIBEN)
@require_http_methods(["GET", "POST"])
def vorhaben_bearbeiten(
    request: HttpRequest, zugang: Zugang, pk: int | None = None
) -> HttpResponse:
    obj = get_object_or_404(zugang.gruppe.vorhaben, pk=pk) if pk else Vorhaben(gruppe=zugang.gruppe)
    form = VorhabenForm(_post(request), instance=obj, gruppe=zugang.gruppe)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Project saved."))
        return redirect(obj)
    return render(
        request,
        "arbeitsgruppen/formular.html",
        _ctx(
            zugang,
            form=form,
            titel=_("Edit project") if pk else _("New project"),
            zurueck=obj.get_absolute_url() if pk else None,
        ),
        status=400 if request.method == "POST" else 200,
    )
