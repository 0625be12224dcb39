"""Pages of the Aktionstag: the public programme (page, print, PDF, iCal), stations of the
members, the helpers' sign-up (account or guest) and cancelling.

Ownership is never checked by hand: days come from `Aktionstag.objects.sichtbar_fuer`,
stations from `Station.objects.schreibbar_fuer`, sign-ups from the user's own; whatever is
not found is a 404.
"""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netzwerk.berechtigungen import ist_koordination
from netzwerk.seiten import blaettern
from termine import ical
from termine.aktionstag import services
from termine.aktionstag.forms import EintragenForm, StationForm
from termine.models import Aktionstag, Helfereinsatz, Schicht, Station
from vereine.models import Akteur


def _sichtbar(request: HttpRequest, pk: int) -> Aktionstag:
    return get_object_or_404(
        Aktionstag.objects.sichtbar_fuer(request.user).select_related("termin"), pk=pk
    )


def liste(request: HttpRequest) -> HttpResponse:
    """All action days the visitor may see, the coming ones first."""
    jetzt = timezone.now()
    qs = Aktionstag.objects.sichtbar_fuer(request.user).select_related("termin")
    kommende = list(qs.filter(termin__ende__gte=jetzt).order_by("termin__start", "pk"))
    seite = blaettern(request, qs.filter(termin__ende__lt=jetzt).order_by("-termin__start", "pk"))
    return render(request, "termine/aktionstag/liste.html", {"kommende": kommende, "seite": seite})


def _programm(aktionstag: Aktionstag) -> dict:
    """The accepted stations and the shifts, in a fixed number of queries."""
    stationen = list(
        aktionstag.stationen.angenommen().select_related("akteur").order_by("start", "titel")
    )
    schichten = list(
        Schicht.objects.filter(aktionstag=aktionstag)
        .filter(Q(station__isnull=True) | Q(station__status=Station.Status.ANGENOMMEN))
        .select_related("station__akteur")
        .mit_belegung()
        .order_by("start", "titel", "pk")
    )
    nach_ort = [
        (ort, list(gruppe))
        for ort, gruppe in groupby(
            sorted(stationen, key=lambda s: (s.platz or 10_000, s.ort.casefold(), s.start)),
            key=lambda s: s.wo,
        )
    ]
    return {"stationen": stationen, "schichten": schichten, "nach_ort": nach_ort}


def programm(request: HttpRequest, pk: int) -> HttpResponse:
    """The day's public programme: by time (default) or by place (`?nach=ort`), the site
    plan, the shifts with free places, and the way in for stations and helpers."""
    aktionstag = _sichtbar(request, pk)
    nach = "ort" if request.GET.get("nach") == "ort" else "zeit"
    eigene = set()
    if request.user.is_authenticated:
        eigene = set(
            Helfereinsatz.objects.filter(
                user=request.user, schicht__aktionstag=aktionstag
            ).values_list("schicht_id", flat=True)
        )
    return render(
        request,
        "termine/aktionstag/programm.html",
        {
            "aktionstag": aktionstag,
            "nach": nach,
            "eigene": eigene,
            "helfen_offen": services.eintragen_moeglich_am(aktionstag),
            "koordination": ist_koordination(request.user),
            **_programm(aktionstag),
        },
    )


def programm_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme as an A4 PDF (WeasyPrint), by time."""
    from termine.aktionstag.pdf import programm_als_pdf

    aktionstag = _sichtbar(request, pk)
    pdf = programm_als_pdf({"aktionstag": aktionstag, **_programm(aktionstag)})
    antwort = HttpResponse(pdf, content_type="application/pdf")
    antwort["Content-Disposition"] = f'inline; filename="aktionstag-{aktionstag.pk}.pdf"'
    return antwort


def feed(request: HttpRequest, pk: int) -> HttpResponse:
    """The day's accepted stations as a subscribable iCal feed (one VEVENT per station)."""
    aktionstag = _sichtbar(request, pk)
    stationen = aktionstag.stationen.angenommen().select_related("akteur")
    inhalt = ical.kalender_aus(
        [services.station_vevent(s, aktionstag) for s in stationen], name=str(aktionstag)
    )
    antwort = HttpResponse(inhalt, content_type="text/calendar; charset=utf-8")
    antwort["Content-Disposition"] = f'inline; filename="aktionstag-{aktionstag.pk}.ics"'
    return antwort


# ------------------------------------------------------------------------------ stations


@login_required
@require_http_methods(["GET", "POST"])
def station_neu(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply with a station: members of any actor (for one of their actors)."""
    aktionstag = _sichtbar(request, pk)
    if not Akteur.objects.aktiv().filter(mitgliedschaften__user=request.user).exists():
        raise PermissionDenied
    if not aktionstag.stationen_moeglich():
        messages.error(request, _("Applications for stations are closed."))
        return redirect(aktionstag)
    form = StationForm(request.POST or None, aktionstag=aktionstag, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            station = services.station_einreichen(
                aktionstag=aktionstag,
                akteur=form.cleaned_data["akteur"],
                von=request.user,
                daten=form.cleaned_data,
            )
        except services.NichtMoeglich as fehler:
            form.add_error(None, fehler.nachricht)
        else:
            messages.success(
                request,
                _("Thank you! “%(titel)s” is submitted; the coordinators will get back to you.")
                % {"titel": station.titel},
            )
            return redirect("mein_bereich")
    return render(
        request,
        "termine/aktionstag/station_form.html",
        {"form": form, "aktionstag": aktionstag, "station": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def station_bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a station of one of the user's actors (404 for anybody else's)."""
    station = get_object_or_404(
        Station.objects.schreibbar_fuer(request.user).select_related("aktionstag__termin"),
        pk=pk,
    )
    if station.status == Station.Status.ABGELEHNT:
        raise PermissionDenied
    aktionstag = station.aktionstag
    form = StationForm(
        request.POST or None, instance=station, aktionstag=aktionstag, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        services.station_aendern(station=station, daten=form.cleaned_data)
        messages.success(request, _("Your changes are saved."))
        return redirect("mein_bereich")
    return render(
        request,
        "termine/aktionstag/station_form.html",
        {"form": form, "aktionstag": aktionstag, "station": station},
    )


# ------------------------------------------------------------------------------- helpers


@require_http_methods(["GET", "POST"])
def helfen(request: HttpRequest, pk: int) -> HttpResponse:
    """Sign up for a shift: with an account in one step, as a guest with name and e-mail
    (then a confirmation link by mail)."""
    schicht = get_object_or_404(
        Schicht.objects.filter(
            aktionstag__in=Aktionstag.objects.sichtbar_fuer(request.user)
        ).select_related("aktionstag__termin", "station__akteur"),
        pk=pk,
    )
    gast = not request.user.is_authenticated
    # A logged-in helper's POST may carry no field at all: bind the form to every POST.
    daten = request.POST if request.method == "POST" else None
    form = EintragenForm(daten, schicht=schicht, gast=gast)
    if request.method == "POST" and form.is_valid():
        try:
            services.eintragen(
                schicht=schicht,
                user=None if gast else request.user,
                gast_name=form.cleaned_data.get("gast_name", ""),
                gast_email=form.cleaned_data.get("gast_email", ""),
                alter_bestaetigt=form.cleaned_data.get("alter_bestaetigt", False),
            )
        except services.NichtMoeglich as fehler:
            form.add_error(None, fehler.nachricht)
        else:
            if gast:
                return render(
                    request,
                    "termine/aktionstag/gast_mail_gesendet.html",
                    {"schicht": schicht, "email": form.cleaned_data["gast_email"]},
                )
            messages.success(
                request,
                _("Thank you! You are signed up for “%(titel)s”. We have sent you an e-mail.")
                % {"titel": schicht.titel},
            )
            return redirect(schicht.aktionstag)
    belegt = Helfereinsatz.objects.bestaetigt().filter(schicht=schicht).count()
    return render(
        request,
        "termine/aktionstag/helfen.html",
        {
            "schicht": schicht,
            "form": form,
            "frei": max(schicht.max_helfer - belegt, 0),
            "offen": services.eintragen_moeglich(schicht),
        },
    )


@require_http_methods(["GET", "POST"])
def gast_bestaetigen(request: HttpRequest, token: str) -> HttpResponse:
    """The guest's confirmation link: GET shows a button (mail scanners open links), POST
    confirms."""
    try:
        einsatz = services.gast_einsatz(token)
        if request.method == "POST":
            einsatz = services.gast_bestaetigen(token=token)
            return render(request, "termine/aktionstag/gast_bestaetigt.html", {"einsatz": einsatz})
    except services.NichtMoeglich as fehler:
        return render(
            request, "termine/aktionstag/link_fehler.html", {"fehler": fehler.nachricht}, status=400
        )
    return render(request, "termine/aktionstag/gast_bestaetigen.html", {"einsatz": einsatz})


@require_http_methods(["GET", "POST"])
def gast_absagen(request: HttpRequest, token: str) -> HttpResponse:
    """The cancel link of a guest's confirmation mail: GET asks, POST cancels."""
    try:
        einsatz = services.gast_absage_einsatz(token)
        if request.method == "POST":
            aktionstag = einsatz.schicht.aktionstag
            services.absagen(einsatz=einsatz)
            messages.success(request, _("You have cancelled. Thank you for letting us know!"))
            return redirect(aktionstag)
    except services.NichtMoeglich as fehler:
        return render(
            request, "termine/aktionstag/link_fehler.html", {"fehler": fehler.nachricht}, status=400
        )
    return render(
        request,
        "termine/aktionstag/absagen.html",
        {"einsatz": einsatz, "moeglich": services.absagen_moeglich(einsatz)},
    )


@login_required
@require_POST
def absagen(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel one of the user's own sign-ups (404 for anybody else's)."""
    einsatz = get_object_or_404(
        Helfereinsatz.objects.filter(user=request.user).select_related(
            "schicht__aktionstag__termin"
        ),
        pk=pk,
    )
    try:
        services.absagen(einsatz=einsatz)
    except services.NichtMoeglich as fehler:
        messages.error(request, fehler.nachricht)
    else:
        messages.success(request, _("You have cancelled. Thank you for letting us know!"))
    return redirect("mein_bereich")
