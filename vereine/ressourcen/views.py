"""Pages of the pool. Not public: anonymous visitors are sent to the login, logged-in users
outside the network see a 403 page (the pool's existence is no secret, its content is).

Ownership is never checked by hand: items come from `Ressource.objects.schreibbar_fuer(user)`,
lendings from `Ausleihe.objects.fuer_nutzer(user)` / `.eingehend_fuer(user)`, so another
actor's objects simply are not found (404).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netzwerk.berechtigungen import im_netzwerk
from netzwerk.eingaben import id_aus
from netzwerk.seiten import blaettern
from vereine.models import Akteur
from vereine.ressourcen import services
from vereine.ressourcen.forms import (
    AnfrageForm,
    AntwortForm,
    FilterForm,
    RessourceForm,
    UebergabeForm,
    ZustandForm,
    akteure_fuer,
)
from vereine.ressourcen.kalender import feed_pruefen, feed_url, kalender_fuer
from vereine.ressourcen.models import Ausleihe, Belegung, Ressource, Uebergabe
from vereine.ressourcen.verfuegbarkeit import monat_grenzen, monatsraster


def netzwerk_noetig(view):
    """Login first; then only members of the network (the portal's one rule, im_netzwerk)."""

    @login_required
    @wraps(view)
    def innen(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not im_netzwerk(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return innen


# ---------------------------------------------------------------------------- browsing


def _termin_fuer_anfrage(request: HttpRequest):
    """The date from `?termin=` (the way in from a date's page) if the user may borrow for it."""
    termin_id = id_aus(request.GET.get("termin"))
    if termin_id is None:
        return None
    akteure = Akteur.objects.filter(mitgliedschaften__user=request.user).aktiv()
    return (
        services.termine_zur_wahl(akteure=akteure, user=request.user).filter(pk=termin_id).first()
    )


@netzwerk_noetig
def liste(request: HttpRequest) -> HttpResponse:
    """The pool: every item on offer, filtered by kind and district, in pages; coming from a
    date's page (`?termin=`), the item links carry the date on to the request form."""
    filter_form = FilterForm(request.GET or None)
    qs = Ressource.objects.aktiv().select_related("akteur", "ortsteil").order_by("name", "pk")
    if filter_form.is_valid():
        if filter_form.cleaned_data["art"]:
            qs = qs.filter(art=filter_form.cleaned_data["art"])
        if filter_form.cleaned_data["ortsteil"]:
            qs = qs.filter(ortsteil=filter_form.cleaned_data["ortsteil"])
    return render(
        request,
        "ressourcen/liste.html",
        {
            "filter_form": filter_form,
            "seite": blaettern(request, qs),
            "termin": _termin_fuer_anfrage(request),
        },
    )


def _monat(request: HttpRequest) -> tuple[int, int]:
    heute = timezone.localdate()
    try:
        jahr, monat = (int(t) for t in request.GET.get("monat", "").split("-"))
        date(jahr, monat, 1)
    except ValueError:
        return heute.year, heute.month
    if abs((jahr - heute.year) * 12 + monat - heute.month) > 36:
        return heute.year, heute.month
    return jahr, monat


def _nachbarmonat(jahr: int, monat: int, schritt: int) -> str:
    index = jahr * 12 + (monat - 1) + schritt
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@netzwerk_noetig
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One item: what it is, its conditions, and a month view of the booked days.

    Members of other actors see only how many units are held on each day, never who holds
    them; the owner's members also see the lendings with the borrowers' names.
    """
    ressource = get_object_or_404(
        Ressource.objects.sichtbar_fuer(request.user).select_related("akteur", "ortsteil"), pk=pk
    )
    jahr, monat = _monat(request)
    anfang, ende = monat_grenzen(jahr, monat)
    buchungen = Belegung.objects.filter(
        einheit__ressource=ressource, von__lte=ende, bis__gte=anfang
    ).values_list("einheit", "von", "bis")
    heute = timezone.localdate()
    eigen = Ressource.objects.schreibbar_fuer(request.user).filter(pk=ressource.pk).exists()
    kontext = {
        "ressource": ressource,
        "eigen": eigen,
        "wochen": monatsraster(
            jahr, monat, menge=ressource.menge, buchungen=buchungen, heute=heute
        ),
        "monat_erster": date(jahr, monat, 1),
        "monat_vorher": _nachbarmonat(jahr, monat, -1),
        "monat_nachher": _nachbarmonat(jahr, monat, 1),
        "darf_anfragen": ressource.aktiv and akteure_fuer(ressource, request.user).exists(),
        "frueheste": ressource.frueheste_abholung(heute),
        # Passed on to the request form, which checks it against its own choices.
        "termin_id": id_aus(request.GET.get("termin")),
    }
    if eigen:
        kontext["ausleihen"] = (
            ressource.ausleihen.filter(bis__gte=heute - timedelta(days=30))
            .exclude(status__in=[Ausleihe.Status.ABGELEHNT, Ausleihe.Status.ZURUECKGEZOGEN])
            .select_related("akteur")
            .order_by("von", "pk")
        )
        kontext["zustaende"] = ressource.zustaende.select_related("erfasst_von")[:20]
        kontext["zustand_form"] = ZustandForm()
    return render(request, "ressourcen/detail.html", kontext)


@netzwerk_noetig
@require_http_methods(["GET", "POST"])
def anfragen(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for an item for one of the user's actors."""
    ressource = get_object_or_404(Ressource.objects.aktiv().select_related("akteur"), pk=pk)
    form = AnfrageForm(
        request.POST or None,
        ressource=ressource,
        user=request.user,
        initial={"termin": id_aus(request.GET.get("termin"))},
    )
    if not form.fields["akteur"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            ausleihe = services.ausleihe_anfragen(
                ressource=ressource,
                angefragt_von=request.user,
                **form.cleaned_data,
            )
        except ValidationError as fehler:
            for feld, meldungen in fehler.message_dict.items():
                for meldung in meldungen:
                    form.add_error(feld if feld in form.fields else None, meldung)
        else:
            messages.success(
                request,
                _("Your request has been sent. You will get an e-mail when %(name)s answers.")
                % {"name": ressource.akteur.name},
            )
            return redirect(ausleihe)
    return render(request, "ressourcen/anfragen.html", {"ressource": ressource, "form": form})


# ----------------------------------------------------------------------- member pages


@netzwerk_noetig
def meine(request: HttpRequest) -> HttpResponse:
    """What the user's actors lend and borrow: open requests first, then the items."""
    akteure = list(Akteur.objects.filter(mitgliedschaften__user=request.user).order_by("name"))
    heute = timezone.localdate()
    eingehend = (
        Ausleihe.objects.filter(ressource__akteur__in=akteure)
        .filter(status__in=[Ausleihe.Status.ANGEFRAGT, *Ausleihe.BELEGEND])
        .fuer_listen()
        .order_by("status", "von", "pk")
    )
    ausgehend = (
        Ausleihe.objects.filter(akteur__in=akteure, bis__gte=heute - timedelta(days=30))
        .fuer_listen()
        .order_by("von", "pk")
    )
    ressourcen = (
        Ressource.objects.filter(akteur__in=akteure)
        .select_related("akteur")
        .order_by("akteur__name", "name")
    )
    return render(
        request,
        "ressourcen/meine.html",
        {
            "akteure": [(a, feed_url(a, request)) for a in akteure],
            "eingehend": eingehend,
            "ausgehend": blaettern(request, ausgehend),
            "ressourcen": ressourcen,
        },
    )


def _ressource_formular(request: HttpRequest, ressource: Ressource, akteur: Akteur):
    form = RessourceForm(request.POST or None, request.FILES or None, instance=ressource)
    if request.method == "POST" and form.is_valid():
        ressource = form.save(commit=False)
        ressource.akteur = akteur
        services.ressource_speichern(
            ressource=ressource,
            freigegeben_fuer=form.cleaned_data["freigegeben_fuer"],
            von=request.user,
        )
        messages.success(request, _("Saved. The item is in the pool."))
        return redirect(ressource)
    return render(
        request,
        "ressourcen/bearbeiten.html",
        {"form": form, "ressource": ressource, "akteur": akteur},
    )


@netzwerk_noetig
@require_http_methods(["GET", "POST"])
def neu(request: HttpRequest, slug: str) -> HttpResponse:
    akteur = get_object_or_404(Akteur.objects.schreibbar_fuer(request.user), slug=slug)
    return _ressource_formular(request, Ressource(akteur=akteur), akteur)


@netzwerk_noetig
@require_http_methods(["GET", "POST"])
def bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    ressource = get_object_or_404(
        Ressource.objects.schreibbar_fuer(request.user).select_related("akteur"), pk=pk
    )
    return _ressource_formular(request, ressource, ressource.akteur)


@netzwerk_noetig
@require_POST
def zustand(request: HttpRequest, pk: int) -> HttpResponse:
    """Note the item's state outside a lending (repaired, damaged while stored)."""
    ressource = get_object_or_404(Ressource.objects.schreibbar_fuer(request.user), pk=pk)
    form = ZustandForm(request.POST)
    if form.is_valid():
        services.zustand_erfassen(
            ressource=ressource,
            zustand=form.cleaned_data["zustand"],
            text=form.cleaned_data["text"],
            von=request.user,
        )
        messages.success(request, _("Noted in the item's history."))
    else:
        messages.error(request, _("Please choose a state."))
    return redirect(ressource)


# --------------------------------------------------------------------------- lendings


def _ausleihe(request: HttpRequest, pk: int) -> Ausleihe:
    return get_object_or_404(
        Ausleihe.objects.fuer_nutzer(request.user).select_related(
            "ressource", "ressource__akteur", "akteur", "angefragt_von", "termin"
        ),
        pk=pk,
    )


@netzwerk_noetig
@require_http_methods(["GET", "POST"])
def ausleihe(request: HttpRequest, pk: int) -> HttpResponse:
    """One lending for both sides; the owner's members answer it here (POST)."""
    eintrag = _ausleihe(request, pk)
    verleiher = Ausleihe.objects.eingehend_fuer(request.user).filter(pk=eintrag.pk).exists()
    ausleiher = Akteur.objects.schreibbar_fuer(request.user).filter(pk=eintrag.akteur_id).exists()
    form = None
    if verleiher and eintrag.status == Ausleihe.Status.ANGEFRAGT:
        form = AntwortForm(request.POST or None)
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                if form.cleaned_data["entscheidung"] == AntwortForm.ANNEHMEN:
                    services.ausleihe_annehmen(
                        ausleihe=eintrag, von=request.user, antwort=form.cleaned_data["antwort"]
                    )
                    messages.success(request, _("Accepted. Both sides got an e-mail."))
                else:
                    services.ausleihe_ablehnen(
                        ausleihe=eintrag, von=request.user, antwort=form.cleaned_data["antwort"]
                    )
                    messages.success(request, _("Declined. Both sides got an e-mail."))
                return redirect(eintrag)
            except services.NichtVerfuegbar:
                form.add_error(
                    None,
                    _(
                        "Not enough of them are free on these days any more (another request "
                        "was accepted meanwhile). Decline with a message, or suggest other days."
                    ),
                )
            except ValidationError as fehler:
                form.add_error(None, fehler)
    return render(
        request,
        "ressourcen/ausleihe.html",
        {
            "ausleihe": eintrag,
            "verleiher": verleiher,
            "ausleiher": ausleiher,
            "form": form,
            "uebergaben": eintrag.uebergaben.all(),
        },
        status=200,
    )


@netzwerk_noetig
@require_POST
def zurueckziehen(request: HttpRequest, pk: int) -> HttpResponse:
    eintrag = get_object_or_404(
        Ausleihe.objects.filter(akteur__in=Akteur.objects.schreibbar_fuer(request.user)), pk=pk
    )
    try:
        services.ausleihe_zurueckziehen(ausleihe=eintrag, von=request.user)
    except ValidationError:
        messages.error(request, _("This lending cannot be withdrawn any more."))
    else:
        messages.success(request, _("Withdrawn. The owner got an e-mail."))
    return redirect(eintrag)


@netzwerk_noetig
@require_http_methods(["GET", "POST"])
def uebergabe(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner's checklist at handover (accepted) or return (handed over)."""
    eintrag = get_object_or_404(
        Ausleihe.objects.eingehend_fuer(request.user).select_related(
            "ressource", "ressource__akteur", "akteur"
        ),
        pk=pk,
    )
    art = {
        Ausleihe.Status.ANGENOMMEN: Uebergabe.Art.AUSGABE,
        Ausleihe.Status.AUSGEGEBEN: Uebergabe.Art.RUECKGABE,
    }.get(eintrag.status)
    if art is None:
        messages.info(request, _("There is nothing to hand over for this lending."))
        return redirect(eintrag)
    form = UebergabeForm(
        request.POST or None, request.FILES or None, instance=Uebergabe(ausleihe=eintrag, art=art)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.uebergabe_erfassen(uebergabe=form.save(commit=False), von=request.user)
        except ValidationError:
            messages.error(request, _("This step has already been recorded."))
        else:
            messages.success(request, _("Recorded."))
        return redirect(eintrag)
    return render(
        request,
        "ressourcen/uebergabe.html",
        {"ausleihe": eintrag, "form": form, "art": art, "ARTEN": Uebergabe.Art},
    )


# ------------------------------------------------------------------------------ feed


def feed(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """An actor's lendings (both directions) as iCal; the private URL is the permission."""
    akteur = get_object_or_404(Akteur, slug=slug)
    if not feed_pruefen(akteur, token):
        raise Http404
    antwort = HttpResponse(kalender_fuer(akteur), content_type="text/calendar; charset=utf-8")
    antwort["Cache-Control"] = "private, max-age=300"
    antwort["Content-Disposition"] = f'inline; filename="ausleihen-{akteur.slug}.ics"'
    return antwort
