"""Pages for providers: offers, occasions, participants, attendance."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from netzwerk.csvexport import csv_antwort
from netzwerk.seiten import blaettern
from termine.ferien import services as ferien
from termine.ferien.forms import AbsageForm, AngebotForm, DurchfuehrungForm, KopierenForm
from termine.models import Anmeldung, Durchfuehrung, Ferienangebot

# ---------------------------------------------------------------------------- providers


@login_required
def anbieter(request: HttpRequest) -> HttpResponse:
    angebote = (
        Ferienangebot.objects.schreibbar_fuer(request.user)
        .select_related("akteur", "zeitraum")
        .annotate(
            anzahl_durchfuehrungen=Count("durchfuehrungen", distinct=True),
            anzahl_anmeldungen=Count(
                "durchfuehrungen__anmeldungen",
                filter=Q(durchfuehrungen__anmeldungen__status__in=Anmeldung.AKTIV),
                distinct=True,
            ),
        )
        .order_by("-zeitraum__beginn", "titel", "pk")
    )
    seite = blaettern(request, angebote)
    return render(
        request,
        "termine/ferien/anbieter.html",
        {"seite": seite, "kann_anbieten": _kann_anbieten(request.user)},
    )


def _kann_anbieten(user) -> bool:
    from vereine.models import Akteur

    return Akteur.objects.schreibbar_fuer(user).exists()


@login_required
@require_http_methods(["GET", "POST"])
def angebot_bearbeiten(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    angebot_obj = (
        get_object_or_404(Ferienangebot.objects.schreibbar_fuer(request.user), pk=pk)
        if pk
        else None
    )
    if angebot_obj is None and not _kann_anbieten(request.user):
        raise Http404
    form = AngebotForm(
        request.POST or None, request.FILES or None, instance=angebot_obj, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        gespeichert = ferien.angebot_speichern(angebot=form.save(commit=False), von=request.user)
        messages.success(request, _("Saved."))
        return redirect("ferien:angebot_bearbeiten", pk=gespeichert.pk)
    durchfuehrungen = (
        angebot_obj.durchfuehrungen.select_related("termin").mit_belegung() if angebot_obj else []
    )
    return render(
        request,
        "termine/ferien/angebot_form.html",
        {"form": form, "angebot": angebot_obj, "durchfuehrungen": durchfuehrungen},
    )


@login_required
@require_POST
def angebot_einreichen(request: HttpRequest, pk: int) -> HttpResponse:
    angebot_obj = get_object_or_404(Ferienangebot.objects.schreibbar_fuer(request.user), pk=pk)
    if not angebot_obj.durchfuehrungen.exists():
        messages.error(request, _("Please add at least one date before you submit the offer."))
    else:
        ferien.angebot_einreichen(angebot=angebot_obj, von=request.user)
        messages.success(
            request, _("Thank you! The coordinators will check the offer and publish it.")
        )
    return redirect("ferien:angebot_bearbeiten", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def angebot_kopieren(request: HttpRequest, pk: int) -> HttpResponse:
    angebot_obj = get_object_or_404(Ferienangebot.objects.schreibbar_fuer(request.user), pk=pk)
    form = KopierenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kopie = ferien.angebot_kopieren(
            angebot=angebot_obj, zeitraum=form.cleaned_data["zeitraum"], von=request.user
        )
        messages.success(request, _("Copied. Please check the dates, then submit the offer."))
        return redirect("ferien:angebot_bearbeiten", pk=kopie.pk)
    return render(
        request, "termine/ferien/angebot_kopieren.html", {"form": form, "angebot": angebot_obj}
    )


@login_required
@require_http_methods(["GET", "POST"])
def durchfuehrung_bearbeiten(
    request: HttpRequest, pk: int | None = None, angebot_pk: int | None = None
) -> HttpResponse:
    if pk:
        durchfuehrung = get_object_or_404(
            Durchfuehrung.objects.schreibbar_fuer(request.user).select_related(
                "termin", "angebot__zeitraum"
            ),
            pk=pk,
        )
        angebot_obj = durchfuehrung.angebot
        start = timezone.localtime(durchfuehrung.termin.start)
        ende = timezone.localtime(durchfuehrung.termin.ende)
        initial = {
            "datum": start.date(),
            "beginn": start.time(),
            "ende": ende.time(),
            "letzter_tag": ende.date() if ende.date() != start.date() else None,
            "max_plaetze": durchfuehrung.max_plaetze,
            "min_plaetze": durchfuehrung.min_plaetze,
        }
    else:
        durchfuehrung = None
        angebot_obj = get_object_or_404(
            Ferienangebot.objects.schreibbar_fuer(request.user).select_related("zeitraum"),
            pk=angebot_pk,
        )
        initial = {"min_plaetze": 0}
    form = DurchfuehrungForm(request.POST or None, initial=initial, zeitraum=angebot_obj.zeitraum)
    if request.method == "POST" and form.is_valid():
        ferien.durchfuehrung_speichern(
            angebot=angebot_obj,
            start=form.cleaned_data["start"],
            ende=form.cleaned_data["schluss"],
            max_plaetze=form.cleaned_data["max_plaetze"],
            min_plaetze=form.cleaned_data["min_plaetze"] or 0,
            von=request.user,
            durchfuehrung=durchfuehrung,
        )
        messages.success(request, _("Saved."))
        return redirect("ferien:angebot_bearbeiten", pk=angebot_obj.pk)
    return render(
        request,
        "termine/ferien/durchfuehrung_form.html",
        {"form": form, "angebot": angebot_obj, "durchfuehrung": durchfuehrung},
    )


@login_required
@require_http_methods(["GET", "POST"])
def durchfuehrung_absagen(request: HttpRequest, pk: int) -> HttpResponse:
    durchfuehrung = get_object_or_404(
        Durchfuehrung.objects.schreibbar_fuer(request.user).select_related("termin", "angebot"),
        pk=pk,
    )
    form = AbsageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        anzahl = ferien.durchfuehrung_absagen(
            durchfuehrung=durchfuehrung, von=request.user, grund=form.cleaned_data["grund"]
        )
        messages.success(
            request,
            # The service counts registrations (children), not families.
            ngettext(
                "The occasion is cancelled. We have told the family of the %(anzahl)d "
                "registered child.",
                "The occasion is cancelled. We have told the families of the %(anzahl)d "
                "registered children.",
                anzahl,
            )
            % {"anzahl": anzahl}
            if anzahl
            else _("The occasion is cancelled. Nobody was registered."),
        )
        return redirect("ferien:angebot_bearbeiten", pk=durchfuehrung.angebot_id)
    return render(
        request,
        "termine/ferien/durchfuehrung_absagen.html",
        {"form": form, "durchfuehrung": durchfuehrung},
    )


def _teilnehmende(request: HttpRequest, pk: int):
    durchfuehrung = get_object_or_404(
        Durchfuehrung.objects.schreibbar_fuer(request.user)
        .select_related("termin", "angebot__akteur", "angebot__zeitraum")
        .mit_belegung(),
        pk=pk,
    )
    anmeldungen = list(
        Anmeldung.objects.filter(durchfuehrung=durchfuehrung, status__in=Anmeldung.AKTIV)
        .select_related("kind")
        .order_by("status", "warteliste_position", "kind__nachname", "kind__vorname", "pk")
    )
    bestaetigt = [a for a in anmeldungen if a.status == Anmeldung.Status.BESTAETIGT]
    wartend = [a for a in anmeldungen if a.status == Anmeldung.Status.WARTELISTE]
    return durchfuehrung, bestaetigt, wartend


@login_required
def teilnehmende(request: HttpRequest, pk: int) -> HttpResponse:
    durchfuehrung, bestaetigt, wartend = _teilnehmende(request, pk)
    heute = timezone.localdate()
    return render(
        request,
        "termine/ferien/teilnehmende.html",
        {
            "durchfuehrung": durchfuehrung,
            "angebot": durchfuehrung.angebot,
            "bestaetigt": bestaetigt,
            "wartend": wartend,
            "am_tag": durchfuehrung.termin.erster_tag <= heute <= durchfuehrung.termin.letzter_tag,
        },
    )


@login_required
def teilnehmende_csv(request: HttpRequest, pk: int) -> HttpResponse:
    durchfuehrung, bestaetigt, wartend = _teilnehmende(request, pk)
    # Parents typed these names and notes: the shared writer keeps formulas out.
    antwort, schreiber = csv_antwort(f"teilnehmende-{durchfuehrung.pk}.csv")
    schreiber.writerow(
        [
            _("Status"),
            _("Waiting list"),
            _("First name"),
            _("Last name"),
            _("Age"),
            _("Phone in an emergency"),
            _("Notes"),
            _("Present"),
        ]
    )
    for a in [*bestaetigt, *wartend]:
        schreiber.writerow(
            [
                a.get_status_display(),
                a.warteliste_position or "",
                a.kind.vorname if a.kind else "",
                a.kind.nachname if a.kind else "",
                a.alter,
                a.notfall_telefon,
                a.hinweise,
                {True: _("yes"), False: _("no")}.get(a.anwesend, ""),
            ]
        )
    return antwort


@login_required
@require_POST
def anwesenheit(request: HttpRequest, pk: int) -> HttpResponse:
    durchfuehrung, bestaetigt, _wartend = _teilnehmende(request, pk)
    anwesend = set(request.POST.getlist("anwesend"))
    for a in bestaetigt:
        ferien.anwesenheit_setzen(anmeldung=a, anwesend=str(a.pk) in anwesend)
    messages.success(request, _("Attendance saved."))
    return redirect("ferien:teilnehmende", pk=durchfuehrung.pk)
