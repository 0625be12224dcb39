"""Pages for families: children, registrations, cancelling, data export."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from termine.ferien import services as ferien
from termine.ferien.forms import AnmeldungForm, KindForm
from termine.models import Anmeldung, Durchfuehrung, Ferienangebot, Ferienzeitraum, Kind

# ---------------------------------------------------------------------------- families


def _naechste_url(request: HttpRequest, standard: str) -> str:
    ziel = request.POST.get("next") or request.GET.get("next")
    if ziel and url_has_allowed_host_and_scheme(
        ziel, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ziel
    return standard


@login_required
def familie(request: HttpRequest) -> HttpResponse:
    kinder = Kind.objects.filter(eltern=request.user).prefetch_related(
        "anmeldungen__durchfuehrung__termin",
        "anmeldungen__durchfuehrung__angebot__zeitraum",
    )
    heute = timezone.localdate()
    eintraege = []
    for kind in kinder:
        anmeldungen = sorted(
            (a for a in kind.anmeldungen.all()),
            key=lambda a: a.durchfuehrung.termin.start,
        )
        eintraege.append(
            {
                "kind": kind,
                "alter": kind.alter_am(heute),
                "anmeldungen": [
                    {
                        "anmeldung": a,
                        "storno_bis": ferien.storno_moeglich_bis(a),
                        "storno_moeglich": a.aktiv and ferien.storno_moeglich_bis(a) >= heute,
                    }
                    for a in anmeldungen
                ],
            }
        )
    return render(
        request,
        "termine/ferien/familie.html",
        {"eintraege": eintraege, "zeitraum": Ferienzeitraum.objects.aktuell()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def kind_bearbeiten(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    kind = get_object_or_404(Kind, pk=pk, eltern=request.user) if pk else Kind()
    form = KindForm(request.POST or None, instance=kind)
    if request.method == "POST" and form.is_valid():
        ferien.kind_speichern(
            kind=form.save(commit=False),
            eltern=request.user,
            sorgeberechtigt=form.cleaned_data["sorgeberechtigt"],
            hinweise_teilen=form.cleaned_data["hinweise_teilen"],
        )
        messages.success(request, _("Saved."))
        return redirect(_naechste_url(request, reverse("ferien:familie")))
    return render(
        request,
        "termine/ferien/kind_form.html",
        {"form": form, "kind": kind if pk else None, "next": _naechste_url(request, "")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def kind_loeschen(request: HttpRequest, pk: int) -> HttpResponse:
    kind = get_object_or_404(Kind, pk=pk, eltern=request.user)
    if request.method == "POST":
        ferien.kind_loeschen(kind=kind)
        messages.success(request, _("The child and all its registrations have been deleted."))
        return redirect("ferien:familie")
    return render(request, "termine/ferien/kind_loeschen.html", {"kind": kind})


@login_required
@require_http_methods(["GET", "POST"])
def stornieren(request: HttpRequest, pk: int) -> HttpResponse:
    anmeldung = get_object_or_404(
        Anmeldung.objects.von_eltern(request.user).select_related(
            "kind", "durchfuehrung__termin", "durchfuehrung__angebot__zeitraum"
        ),
        pk=pk,
    )
    fehler = None
    if request.method == "POST":
        try:
            ferien.stornieren(anmeldung=anmeldung, von=request.user)
        except ferien.AnmeldungNichtMoeglich as e:
            fehler = e.nachricht
        else:
            messages.success(
                request,
                _("Cancelled: %(kind)s is no longer registered for “%(titel)s”.")
                % {"kind": anmeldung.kind.vorname, "titel": anmeldung.durchfuehrung.angebot.titel},
            )
            return redirect("ferien:familie")
    return render(
        request,
        "termine/ferien/stornieren.html",
        {
            "anmeldung": anmeldung,
            "fehler": fehler,
            "storno_bis": ferien.storno_moeglich_bis(anmeldung),
        },
    )


@login_required
def daten_export(request: HttpRequest) -> HttpResponse:
    daten = ferien.daten_export(user=request.user)
    antwort = HttpResponse(
        json.dumps(daten, ensure_ascii=False, indent=2), content_type="application/json"
    )
    antwort["Content-Disposition"] = 'attachment; filename="meine-daten-ferienkalender.json"'
    return antwort


@login_required
@require_http_methods(["GET", "POST"])
def anmelden(request: HttpRequest, pk: int) -> HttpResponse:
    durchfuehrung = get_object_or_404(
        Durchfuehrung.objects.filter(angebot__status=Ferienangebot.Status.VEROEFFENTLICHT)
        .select_related("termin", "angebot__akteur", "angebot__zeitraum", "angebot__ortsteil")
        .mit_belegung(),
        pk=pk,
    )
    angebot_obj = durchfuehrung.angebot
    auswahl = ferien.kinder_fuer_anmeldung(eltern=request.user, durchfuehrung=durchfuehrung)
    form = AnmeldungForm(request.POST or None, auswahl=auswahl, durchfuehrung=durchfuehrung)
    if request.method == "POST" and form.is_valid():
        fehler = []
        for kind in form.cleaned_data["kind"]:
            try:
                _anmelden_und_melden(request, kind, durchfuehrung, form.cleaned_data)
            except ferien.AnmeldungNichtMoeglich as e:
                fehler.append(e)
        if not fehler:
            return redirect("ferien:familie")
        if len(fehler) < len(form.cleaned_data["kind"]):
            # Some children are registered: say so there, and why the others are not.
            for e in fehler:
                messages.error(request, e.nachricht)
            return redirect("ferien:familie")
        for e in fehler:
            feld = "schwimmer" if e.code == "schwimmer" and "schwimmer" in form.fields else "kind"
            form.add_error(feld, e.nachricht)
    return render(
        request,
        "termine/ferien/anmelden.html",
        {
            "durchfuehrung": durchfuehrung,
            "angebot": angebot_obj,
            "zeitraum": angebot_obj.zeitraum,
            "form": form,
            "hat_kinder": bool(auswahl),
            "moegliche": [a for a in auswahl if a.moeglich],
            "andere": [a for a in auswahl if not a.moeglich],
            "anmeldung_offen": angebot_obj.zeitraum.anmeldung_offen(),
            "stand": ferien.anmeldestand(angebot_obj.zeitraum),
        },
    )


def _anmelden_und_melden(request: HttpRequest, kind: Kind, durchfuehrung, daten: dict) -> None:
    """Register one child through the service and put the result into the messages.

    The service stores the swimming confirmation and the emergency phone on the child, under
    its lock and only when the registration succeeds."""
    anmeldung = ferien.anmelden(
        kind=kind,
        durchfuehrung=durchfuehrung,
        von=request.user,
        notfall_telefon=(daten.get("notfall_telefon") or "").strip() or None,
        schwimmer=bool(daten.get("schwimmer")),
    )
    titel = durchfuehrung.angebot.titel
    if anmeldung.status == Anmeldung.Status.BESTAETIGT:
        messages.success(
            request,
            _("Done! %(kind)s is registered for “%(titel)s”. We have sent you an e-mail.")
            % {"kind": kind.vorname, "titel": titel},
        )
    else:
        messages.warning(
            request,
            _(
                "This occasion is full. %(kind)s is number %(position)s on the waiting "
                "list. If a place becomes free, %(kind)s moves up automatically and we "
                "tell you by e-mail."
            )
            % {"kind": kind.vorname, "position": anmeldung.warteliste_position},
        )
