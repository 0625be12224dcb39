"""The coordinators' view of an Aktionstag (stations by status with clash warnings, shifts
with gaps, counts, helper list CSV) and the helper lists per station, which the station's
own actor sees too (print page and CSV, with the child-protection note)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netzwerk.berechtigungen import nur_koordination
from netzwerk.csvexport import csv_antwort
from netzwerk.zeit import kurzes_datum, uhrzeit
from termine.aktionstag import services
from termine.aktionstag.forms import ZeugnisForm
from termine.models import Aktionstag, Helfereinsatz, Schicht, Station


def _bestaetigte():
    return Prefetch(
        "einsaetze",
        queryset=Helfereinsatz.objects.bestaetigt().select_related("user").order_by("erstellt"),
        to_attr="bestaetigte",
    )


@nur_koordination
def uebersicht(request: HttpRequest, pk: int) -> HttpResponse:
    """Stations by status (with clash warnings), shifts with gaps, the day's counts."""
    aktionstag = get_object_or_404(Aktionstag.objects.select_related("termin"), pk=pk)
    stationen = list(
        aktionstag.stationen.select_related("akteur").order_by("status", "start", "pk")
    )
    konflikte = services.kollisionen(stationen)
    nach_status = [
        (label, [s for s in stationen if s.status == wert])
        for wert, label in Station.Status.choices
    ]
    schichten = list(
        Schicht.objects.filter(aktionstag=aktionstag)
        .select_related("station__akteur")
        .mit_belegung()
        .order_by("start", "pk")
    )
    zahlen = Helfereinsatz.objects.bestaetigt().filter(schicht__aktionstag=aktionstag)
    zahlen = zahlen.aggregate(
        helfer=Count("pk"),
        gaeste=Count("pk", filter=Q(user__isnull=True)),
    )
    return render(
        request,
        "termine/aktionstag/koordination.html",
        {
            "aktionstag": aktionstag,
            "nach_status": nach_status,
            "konflikte": konflikte,
            "schichten": schichten,
            "luecken": [s for s in schichten if s.belegt < s.min_helfer],
            "akteure": len({s.akteur_id for s in stationen if s.status == "angenommen"}),
            "angenommen": sum(1 for s in stationen if s.status == "angenommen"),
            "stunden": sum(s.stunden * s.belegt for s in schichten),
            **zahlen,
        },
    )


def _zeilen(schichten) -> list[list[str]]:
    zeilen = []
    for schicht in schichten:
        for einsatz in schicht.bestaetigte:
            zeilen.append(
                [
                    schicht.station.titel if schicht.station_id else _("Whole day"),
                    schicht.titel,
                    f"{uhrzeit(schicht.start)}–{uhrzeit(schicht.ende)}",
                    einsatz.name,
                    einsatz.email,
                    _("guest") if not einsatz.user_id else _("account"),
                    kurzes_datum(einsatz.zeugnis_gueltig_bis)
                    if einsatz.zeugnis_gueltig_bis
                    else "",
                ]
            )
    return zeilen


KOPF = [
    "Station",
    "Schicht",
    "Zeit",
    "Name",
    "E-Mail",
    "Konto",
    "Führungszeugnis gültig bis",
]


@nur_koordination
def helfer_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Every confirmed helper of the day as CSV (stations and whole-day shifts)."""
    aktionstag = get_object_or_404(Aktionstag, pk=pk)
    schichten = (
        Schicht.objects.filter(aktionstag=aktionstag)
        .select_related("station")
        .prefetch_related(_bestaetigte())
        .order_by("start", "pk")
    )
    antwort, schreiber = csv_antwort(f"aktionstag-{aktionstag.pk}-helfer.csv")
    schreiber.writerow(KOPF)
    schreiber.writerows(_zeilen(schichten))
    return antwort


def _station(request: HttpRequest, pk: int) -> Station:
    return get_object_or_404(
        Station.objects.schreibbar_fuer(request.user).select_related(
            "akteur", "aktionstag__termin"
        ),
        pk=pk,
    )


def _schichten(station: Station):
    return (
        station.schichten.select_related("station")
        .prefetch_related(_bestaetigte())
        .order_by("start", "pk")
    )


@login_required
def helferliste(request: HttpRequest, pk: int) -> HttpResponse:
    """A station's helpers, to print (station's actor and coordinators; 404 otherwise)."""
    return _helferliste(request, _station(request, pk))


def _helferliste(request, station, *, form=None, fehler_fuer=None, status=200) -> HttpResponse:
    schichten = list(_schichten(station))
    for schicht in schichten:
        for einsatz in schicht.bestaetigte:
            # One form per helper, with ids of its own (labels stay unique on the page).
            einsatz.zeugnis_form = (
                form
                if einsatz.pk == fehler_fuer
                else ZeugnisForm(
                    auto_id=f"id_{einsatz.pk}_%s",
                    initial={"eingesehen_von": request.user.get_full_name()},
                )
            )
    return render(
        request,
        "termine/aktionstag/helferliste.html",
        {"station": station, "schichten": schichten, "fehler_fuer": fehler_fuer},
        status=status,
    )


@login_required
def helferliste_csv(request: HttpRequest, pk: int) -> HttpResponse:
    station = _station(request, pk)
    antwort, schreiber = csv_antwort(f"station-{station.pk}-helfer.csv")
    schreiber.writerow(KOPF)
    schreiber.writerows(_zeilen(_schichten(station)))
    return antwort


@login_required
@require_POST
def zeugnis(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the child-protection note for a helper of one of the user's stations."""
    einsatz = get_object_or_404(
        Helfereinsatz.objects.bestaetigt()
        .filter(schicht__station__in=Station.objects.schreibbar_fuer(request.user))
        .select_related("schicht__station"),
        pk=pk,
    )
    form = ZeugnisForm(request.POST, auto_id=f"id_{einsatz.pk}_%s")
    if form.is_valid():
        services.zeugnis_vermerken(
            einsatz=einsatz,
            eingesehen_am=form.cleaned_data["eingesehen_am"],
            eingesehen_von=form.cleaned_data["eingesehen_von"],
            gueltig_bis=form.cleaned_data["gueltig_bis"],
        )
        messages.success(request, _("The note is saved for %(name)s.") % {"name": einsatz.name})
        return redirect("aktionstag:helferliste", pk=einsatz.schicht.station_id)
    # The errors next to the fields, with what was typed.
    station = _station(request, einsatz.schicht.station_id)
    return _helferliste(request, station, form=form, fehler_fuer=einsatz.pk, status=400)
