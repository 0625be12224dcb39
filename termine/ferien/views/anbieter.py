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
from netzwerk.eingaben import ganzzahl
from netzwerk.seiten import blaettern
from termine.ferien import services as ferien
from termine.ferien.forms import (
    AbsageForm,
    AngebotForm,
    DurchfuehrungForm,
    KopierenForm,
    TermineFormSet,
)
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


def _termin_initial(d: Durchfuehrung) -> dict:
    start = timezone.localtime(d.termin.start)
    ende = timezone.localtime(d.termin.ende)
    return {
        "pk": d.pk,
        "datum": start.date(),
        "beginn": start.time(),
        "ende": ende.time(),
        "letzter_tag": ende.date() if ende.date() != start.date() else None,
        "max_plaetze": d.max_plaetze,
        "min_plaetze": d.min_plaetze,
    }


def _termine_daten(request: HttpRequest):
    """The POSTed occasions; "Weiteren Termin hinzufügen" asks for one more empty row."""
    if request.method != "POST" or "termine-TOTAL_FORMS" not in request.POST:
        # A POST without the occasions (an older form, a script) changes only the offer.
        return None
    if "weiterer_termin" not in request.POST:
        return request.POST
    daten = request.POST.copy()
    anzahl = ganzzahl(daten.get("termine-TOTAL_FORMS"))
    if anzahl is not None and 0 <= anzahl < TermineFormSet.max_num:
        daten["termine-TOTAL_FORMS"] = str(anzahl + 1)
    return daten


def _zeilen_fuer_dienst(termine, nach_pk: dict[int, Durchfuehrung]) -> list:
    zeilen = []
    for f in termine.forms:
        daten = f.cleaned_data
        pk = daten.get("pk")
        durchfuehrung = nach_pk.get(pk) if pk else None
        if not daten or (pk and durchfuehrung is None):
            # An empty extra row, or an occasion that is not (or no longer) this offer's.
            zeilen.append(ferien.TerminZeile(start=None, ende=None, geaendert=False))
            continue
        zeilen.append(
            ferien.TerminZeile(
                start=daten.get("start"),
                ende=daten.get("schluss"),
                max_plaetze=daten.get("max_plaetze"),
                min_plaetze=daten.get("min_plaetze") or 0,
                durchfuehrung=durchfuehrung,
                loeschen=bool(daten.get("DELETE")),
                geaendert=f.has_changed(),
            )
        )
    return zeilen


def _abgleich(form, termine, angebot_obj, nach_pk, user) -> list[tuple]:
    """Per row: the form, its saved occasion (or None) and its Terminabgleich."""
    angebot = form.instance
    akteur = form.cleaned_data.get("akteur") if form.is_bound else None
    eigene = frozenset(d.termin_id for d in nach_pk.values())
    zeilen = []
    for f in termine.forms:
        pk = f.cleaned_data.get("pk") if f.is_bound else f.initial.get("pk")
        durchfuehrung = nach_pk.get(pk) if pk else None
        if f.is_bound:
            gueltig = not f.errors
            start = f.cleaned_data.get("start") if gueltig else None
            ende = f.cleaned_data.get("schluss") if gueltig else None
        elif durchfuehrung is not None:
            start, ende = durchfuehrung.termin.start, durchfuehrung.termin.ende
        else:
            start = ende = None
        konflikte = None
        if start and ende and angebot.titel:
            konflikte = ferien.durchfuehrung_abgleichen(
                angebot=angebot,
                start=start,
                ende=ende,
                von=user,
                akteur_id=akteur.pk if akteur else None,
                eigene_termin_ids=eigene,
            )
        zeilen.append((f, durchfuehrung, konflikte))
    return zeilen


@login_required
@require_http_methods(["GET", "POST"])
def angebot_bearbeiten(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """An offer with its occasions inline, each with its Terminabgleich."""
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
    gespeicherte = (
        list(angebot_obj.durchfuehrungen.select_related("termin").mit_belegung())
        if angebot_obj
        else []
    )
    nach_pk = {d.pk: d for d in gespeicherte if not d.abgesagt}
    form_gueltig = form.is_valid() if form.is_bound else False
    zeitraum = (form.cleaned_data.get("zeitraum") if form.is_bound else None) or (
        angebot_obj.zeitraum if angebot_obj else None
    )
    termine = TermineFormSet(
        _termine_daten(request),
        initial=[_termin_initial(d) for d in nach_pk.values()],
        prefix="termine",
        form_kwargs={"zeitraum": zeitraum},
    )
    termine_gueltig = termine.is_valid() if termine.is_bound else False
    speichern = request.method == "POST" and "weiterer_termin" not in request.POST
    if speichern and form_gueltig and (termine_gueltig or not termine.is_bound):
        try:
            gespeichert = ferien.angebot_mit_terminen_speichern(
                angebot=form.save(commit=False),
                zeilen=_zeilen_fuer_dienst(termine, nach_pk) if termine.is_bound else [],
                von=request.user,
            )
        except ferien.TerminFehler as e:
            termine.forms[e.index].add_error(None, e.nachricht)
        else:
            messages.success(request, _("Saved."))
            return redirect("ferien:angebot_bearbeiten", pk=gespeichert.pk)
    return render(
        request,
        "termine/ferien/angebot_form.html",
        {
            "form": form,
            "angebot": angebot_obj,
            "termine": termine,
            "zeilen": _abgleich(form, termine, angebot_obj, nach_pk, request.user),
            "abgesagte": [d for d in gespeicherte if d.abgesagt],
            "fehler": (form.is_bound and not form_gueltig)
            or (termine.is_bound and not termine_gueltig),
        },
    )


@login_required
@require_POST
def angebot_einreichen(request: HttpRequest, pk: int) -> HttpResponse:
    angebot_obj = get_object_or_404(Ferienangebot.objects.schreibbar_fuer(request.user), pk=pk)
    try:
        ferien.angebot_einreichen(angebot=angebot_obj, von=request.user)
    except ferien.AnmeldungNichtMoeglich as e:
        messages.error(request, e.nachricht)
    else:
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
