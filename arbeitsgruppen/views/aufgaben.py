"""The task board, editing tasks and one's own tasks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from arbeitsgruppen import services
from arbeitsgruppen.berechtigungen import SCHREIBEN, Zugang, gruppen_zugang
from arbeitsgruppen.filters import BoardFilter, MeineAufgabenFilter, gewaehlt
from arbeitsgruppen.forms import (
    AufgabeForm,
    StatusForm,
)
from arbeitsgruppen.models import (
    Arbeitsgruppe,
    Aufgabe,
)
from arbeitsgruppen.views.gruppen import _ctx, _post
from netzwerk.eingaben import id_aus
from netzwerk.seiten import blaettern

# --- Tasks ------------------------------------------------------------------------------------

# The done column shows only the most recent ones; the board stays short.
ERLEDIGT_AUF_BOARD = 20


@gruppen_zugang()
@require_safe
def aufgaben(request: HttpRequest, zugang: Zugang) -> HttpResponse:
    filter_ = BoardFilter(
        request.GET,
        queryset=zugang.gruppe.aufgaben.select_related("zustaendig", "vorhaben"),
        request=request,
    )
    qs = filter_.qs
    nur_meine = bool(gewaehlt(filter_, "meine")) and request.user.is_authenticated
    vorhaben_id = str(id_aus(gewaehlt(filter_, "vorhaben")) or "")
    offen = list(qs.offen())
    erledigt = list(
        qs.filter(status=Aufgabe.Status.ERLEDIGT).order_by("-erledigt_am", "-pk")[
            :ERLEDIGT_AUF_BOARD
        ]
    )
    spalten = [
        (
            s,
            label,
            [a for a in offen if a.status == s] if s != Aufgabe.Status.ERLEDIGT else erledigt,
        )
        for s, label in Aufgabe.Status.choices
    ]
    return render(
        request,
        "arbeitsgruppen/aufgaben.html",
        _ctx(
            zugang,
            spalten=spalten,
            nur_meine=nur_meine,
            vorhaben_id=vorhaben_id,
            vorhaben_auswahl=list(zugang.gruppe.vorhaben.order_by("titel")),
            erledigt_max=ERLEDIGT_AUF_BOARD,
            status_auswahl=Aufgabe.Status.choices,
        ),
    )


@gruppen_zugang(SCHREIBEN)
@require_http_methods(["GET", "POST"])
def aufgabe_bearbeiten(request: HttpRequest, zugang: Zugang, pk: int | None = None) -> HttpResponse:
    gruppe = zugang.gruppe
    if pk:
        obj = get_object_or_404(gruppe.aufgaben, pk=pk)
    else:
        obj = Aufgabe(gruppe=gruppe, erstellt_von=request.user)
    initial = {}
    if not pk and (vorhaben_id := id_aus(request.GET.get("vorhaben"))):
        initial["vorhaben"] = vorhaben_id
    form = AufgabeForm(_post(request), instance=obj, gruppe=gruppe, initial=initial)
    if request.method == "POST" and form.is_valid():
        aufgabe = services.aufgabe_speichern(aufgabe=form.save(commit=False))
        messages.success(request, _("Task saved: %(titel)s") % {"titel": aufgabe.titel})
        return redirect("arbeitsgruppen:aufgaben", gruppe.slug)
    return render(
        request,
        "arbeitsgruppen/formular.html",
        _ctx(
            zugang,
            form=form,
            titel=_("Edit task") if pk else _("New task"),
            zurueck=None,
        ),
        status=400 if request.method == "POST" else 200,
    )


@gruppen_zugang(SCHREIBEN)
@require_POST
def aufgabe_status(request: HttpRequest, zugang: Zugang, pk: int) -> HttpResponse:
    aufgabe = get_object_or_404(zugang.gruppe.aufgaben, pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.aufgabe_status_setzen(aufgabe=aufgabe, status=form.cleaned_data["status"])
        messages.success(
            request,
            _("“%(titel)s” is now: %(status)s.")
            % {"titel": aufgabe.titel, "status": aufgabe.get_status_display()},
        )
    else:
        messages.error(request, _("This status does not exist. Please use the buttons."))
    ziel = request.POST.get("weiter", "")
    if ziel == "meine":
        return redirect("arbeitsgruppen:meine_aufgaben")
    return redirect("arbeitsgruppen:aufgaben", zugang.gruppe.slug)


@login_required
@require_safe
def meine_aufgaben(request: HttpRequest) -> HttpResponse:
    qs = (
        Aufgabe.objects.fuer(request.user)
        .filter(gruppe__in=Arbeitsgruppe.objects.von(request.user))
        .select_related("gruppe", "vorhaben", "zustaendig")
    )
    filter_ = MeineAufgabenFilter(request.GET, queryset=qs)
    qs, status = filter_.qs, gewaehlt(filter_, "status")
    return render(
        request,
        "arbeitsgruppen/meine_aufgaben.html",
        {
            "seite": blaettern(request, qs),
            "status": status,
            "status_auswahl": Aufgabe.Status.choices,
            "heute": timezone.localdate(),
        },
    )
