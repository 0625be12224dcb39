"""Documents: list, upload, versions, download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from arbeitsgruppen import services
from arbeitsgruppen.berechtigungen import SCHREIBEN, Zugang, gruppen_zugang
from arbeitsgruppen.filters import DokumentFilter, gewaehlt
from arbeitsgruppen.forms import (
    DokumentForm,
    ErsetzenForm,
)
from arbeitsgruppen.models import (
    Dokument,
    DokumentVersion,
)
from arbeitsgruppen.views.gruppen import _ctx, _post_daten
from netzwerk.seiten import blaettern

# --- Documents --------------------------------------------------------------------------------


def _mit_versionen(qs):
    return qs.prefetch_related(
        Prefetch("versionen", queryset=DokumentVersion.objects.order_by("-hochgeladen", "-pk"))
    )


@gruppen_zugang()
@require_safe
def dokumente(request: HttpRequest, zugang: Zugang) -> HttpResponse:
    filter_ = DokumentFilter(
        request.GET or None, queryset=zugang.gruppe.dokumente.select_related("erstellt_von")
    )
    return render(
        request,
        "arbeitsgruppen/dokumente.html",
        _ctx(
            zugang,
            seite=blaettern(request, _mit_versionen(filter_.qs)),
            art=gewaehlt(filter_, "art"),
            q=gewaehlt(filter_, "q"),
            art_auswahl=Dokument.Art.choices,
        ),
    )


@gruppen_zugang(SCHREIBEN)
@require_http_methods(["GET", "POST"])
def dokument_neu(request: HttpRequest, zugang: Zugang) -> HttpResponse:
    form = DokumentForm(*_post_daten(request))
    if request.method == "POST" and form.is_valid():
        daten = form.cleaned_data
        if daten["datei"]:
            try:
                dokument = services.dokument_hochladen(
                    gruppe=zugang.gruppe,
                    titel=daten["titel"],
                    beschreibung=daten["beschreibung"],
                    datei=daten["datei"],
                    dateiname=daten["datei"].name,
                    von=request.user,
                )
            except ValidationError as exc:
                form.add_error("datei", exc)
            else:
                messages.success(request, _("Document uploaded."))
                return redirect(dokument)
        else:
            dokument = services.link_anlegen(
                gruppe=zugang.gruppe,
                titel=daten["titel"],
                url=daten["url"],
                beschreibung=daten["beschreibung"],
                von=request.user,
            )
            messages.success(request, _("Link saved."))
            return redirect("arbeitsgruppen:dokumente", zugang.gruppe.slug)
    return render(
        request,
        "arbeitsgruppen/formular.html",
        _ctx(zugang, form=form, titel=_("Add a document"), mit_dateien=True, zurueck=None),
        status=400 if request.method == "POST" else 200,
    )


@gruppen_zugang()
@require_http_methods(["GET", "POST"])
def dokument(request: HttpRequest, zugang: Zugang, pk: int) -> HttpResponse:
    obj = get_object_or_404(_mit_versionen(zugang.gruppe.dokumente), pk=pk)
    form = None
    if zugang.darf_schreiben and obj.art == Dokument.Art.DATEI:
        form = ErsetzenForm(*_post_daten(request))
    if request.method == "POST":
        if form is None:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        if form.is_valid():
            datei = form.cleaned_data["datei"]
            try:
                services.dokument_ersetzen(
                    dokument=obj, datei=datei, dateiname=datei.name, von=request.user
                )
            except ValidationError as exc:
                form.add_error("datei", exc)
            else:
                messages.success(request, _("New version uploaded. Older versions stay below."))
                return redirect(obj)
    return render(
        request,
        "arbeitsgruppen/dokument.html",
        _ctx(zugang, dokument=obj, form=form),
        status=400 if request.method == "POST" else 200,
    )


@gruppen_zugang()
@require_safe
def herunterladen(request: HttpRequest, zugang: Zugang, pk: int) -> FileResponse:
    version = get_object_or_404(
        DokumentVersion.objects.filter(dokument__gruppe=zugang.gruppe), pk=pk
    )
    try:
        datei = version.datei.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    antwort = FileResponse(
        datei, as_attachment=True, filename=version.dateiname, content_type=version.mimetype
    )
    antwort["X-Content-Type-Options"] = "nosniff"
    antwort["Cache-Control"] = "private, no-store"
    # Should a browser still render it, it runs nothing and reaches nothing.
    antwort["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return antwort
