"""Discussion: threads and posts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from arbeitsgruppen import services
from arbeitsgruppen.berechtigungen import SCHREIBEN, Zugang, gruppen_zugang
from arbeitsgruppen.filters import ThreadFilter, gewaehlt
from arbeitsgruppen.forms import (
    BeitragForm,
    ThreadForm,
)
from arbeitsgruppen.models import (
    Beitrag,
)
from arbeitsgruppen.views.gruppen import _ctx, _post
from netzwerk.seiten import blaettern, letzte_seite

# --- Discussion -------------------------------------------------------------------------------


@gruppen_zugang()
@require_safe
def diskussion(request: HttpRequest, zugang: Zugang) -> HttpResponse:
    filter_ = ThreadFilter(
        request.GET or None,
        queryset=zugang.gruppe.threads.select_related("erstellt_von")
        .annotate(anzahl=Count("beitraege"))
        .order_by("-letzter_beitrag", "-pk"),
    )
    return render(
        request,
        "arbeitsgruppen/diskussion.html",
        _ctx(zugang, seite=blaettern(request, filter_.qs), q=gewaehlt(filter_, "q")),
    )


@gruppen_zugang(SCHREIBEN)
@require_http_methods(["GET", "POST"])
def thread_neu(request: HttpRequest, zugang: Zugang) -> HttpResponse:
    form = ThreadForm(_post(request))
    if request.method == "POST" and form.is_valid():
        thread = services.thread_anlegen(
            gruppe=zugang.gruppe,
            titel=form.cleaned_data["titel"],
            text=form.cleaned_data["text"],
            von=request.user,
        )
        return redirect(thread)
    return render(
        request,
        "arbeitsgruppen/formular.html",
        _ctx(zugang, form=form, titel=_("New topic"), zurueck=None),
        status=400 if request.method == "POST" else 200,
    )


@gruppen_zugang()
@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, zugang: Zugang, pk: int) -> HttpResponse:
    obj = get_object_or_404(zugang.gruppe.threads, pk=pk)
    form = BeitragForm(_post(request)) if zugang.darf_schreiben else None
    if request.method == "POST":
        if form is None:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        if form.is_valid():
            beitrag = services.beitrag_schreiben(
                thread=obj, text=form.cleaned_data["text"], von=request.user
            )
            seite = letzte_seite(obj.beitraege.all())
            return redirect(f"{obj.get_absolute_url()}?seite={seite}#beitrag-{beitrag.pk}")
    seite = blaettern(request, obj.beitraege.select_related("autor"))
    jetzt = timezone.now()
    bearbeitbar = (
        {b.pk for b in seite.object_list if b.bearbeitbar_von(request.user, jetzt)}
        if zugang.darf_schreiben
        else set()
    )
    return render(
        request,
        "arbeitsgruppen/thread.html",
        _ctx(zugang, thread=obj, seite=seite, form=form, bearbeitbar=bearbeitbar),
        status=400 if request.method == "POST" else 200,
    )


@gruppen_zugang(SCHREIBEN)
@require_http_methods(["GET", "POST"])
def beitrag_bearbeiten(request: HttpRequest, zugang: Zugang, pk: int) -> HttpResponse:
    beitrag = get_object_or_404(
        Beitrag.objects.filter(thread__gruppe=zugang.gruppe).select_related("thread"), pk=pk
    )
    if not beitrag.bearbeitbar_von(request.user):
        raise PermissionDenied
    form = BeitragForm(_post(request), instance=beitrag)
    if request.method == "POST" and form.is_valid():
        try:
            services.beitrag_bearbeiten(
                beitrag=beitrag, text=form.cleaned_data["text"], von=request.user
            )
        except services.Abgelehnt as exc:
            messages.error(request, str(exc))
        return redirect(f"{beitrag.thread.get_absolute_url()}#beitrag-{beitrag.pk}")
    return render(
        request,
        "arbeitsgruppen/formular.html",
        _ctx(
            zugang,
            form=form,
            titel=_("Edit your post"),
            zurueck=beitrag.thread.get_absolute_url(),
        ),
        status=400 if request.method == "POST" else 200,
    )
