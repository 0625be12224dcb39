"""Group pages: list, detail, joining and leaving, members, requests, roles, invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from arbeitsgruppen import services
from arbeitsgruppen.berechtigungen import LEITEN, SCHREIBEN, Zugang, gruppen_zugang
from arbeitsgruppen.filters import GruppenFilter
from arbeitsgruppen.forms import (
    BeitrittForm,
    BenachrichtigungForm,
    EinladungForm,
    RolleForm,
)
from arbeitsgruppen.models import (
    Arbeitsgruppe,
    Beitrittsanfrage,
    DokumentVersion,
    Mitglied,
)
from netzwerk.berechtigungen import im_netzwerk
from netzwerk.seiten import blaettern


def _post(request: HttpRequest):
    """Bind a form on POST even when nothing was sent (an empty POST is falsy)."""
    return request.POST if request.method == "POST" else None


def _post_daten(request: HttpRequest) -> tuple:
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _ctx(zugang: Zugang, **extra) -> dict:
    return {
        "gruppe": zugang.gruppe,
        "zugang": zugang,
        "heute": timezone.localdate(),
        **extra,
    }


# --- Groups -----------------------------------------------------------------------------------


@require_safe
def liste(request: HttpRequest) -> HttpResponse:
    filter_ = GruppenFilter(
        request.GET or None,
        queryset=Arbeitsgruppe.objects.sichtbar_fuer(request.user).annotate(
            anzahl_mitglieder=Count("mitglieder", distinct=True)
        ),
        request=request,
    )
    form = filter_.form
    seite = blaettern(request, filter_.qs.order_by("name"))
    meine = (
        set(Mitglied.objects.filter(user=request.user).values_list("gruppe_id", flat=True))
        if request.user.is_authenticated
        else set()
    )
    return render(
        request,
        "arbeitsgruppen/liste.html",
        {"form": form, "seite": seite, "meine": meine},
    )


@gruppen_zugang()
@require_safe
def detail(request: HttpRequest, zugang: Zugang) -> HttpResponse:
    gruppe = zugang.gruppe
    heute = timezone.localdate()
    # Names of members are personal data: everyone in the network sees them, the public
    # sees only how many there are and who leads the group.
    alle_namen = zugang.mitglied is not None or im_netzwerk(request.user)
    mitglieder = list(
        gruppe.mitglieder.select_related("user").order_by("-rolle", "user__anzeigename")
    )
    aufgaben = list(
        gruppe.aufgaben.offen().select_related("zustaendig").order_by("faellig", "pk")[:10]
    )
    threads = list(gruppe.threads.all()[:5])
    dokumente = list(
        gruppe.dokumente.prefetch_related(
            Prefetch("versionen", queryset=DokumentVersion.objects.order_by("-hochgeladen", "-pk"))
        )[:5]
    )
    anfrage_offen = (
        request.user.is_authenticated
        and zugang.mitglied is None
        and gruppe.beitrittsanfragen.filter(
            user=request.user, status=Beitrittsanfrage.Status.OFFEN
        ).exists()
    )
    offene_anfragen = (
        gruppe.beitrittsanfragen.filter(status=Beitrittsanfrage.Status.OFFEN).count()
        if zugang.darf_leiten
        else 0
    )
    return render(
        request,
        "arbeitsgruppen/detail.html",
        _ctx(
            zugang,
            mitglieder=mitglieder,
            alle_namen=alle_namen,
            leitung=[m for m in mitglieder if m.ist_leitung],
            aufgaben=aufgaben,
            threads=threads,
            dokumente=dokumente,
            untergruppen=list(
                Arbeitsgruppe.objects.sichtbar_fuer(request.user).filter(uebergeordnet=gruppe)
            ),
            anfrage_offen=anfrage_offen,
            offene_anfragen=offene_anfragen,
            benachrichtigung_form=(
                BenachrichtigungForm(instance=zugang.mitglied) if zugang.mitglied else None
            ),
            heute=heute,
        ),
    )


@gruppen_zugang()
@require_http_methods(["GET", "POST"])
def beitreten(request: HttpRequest, zugang: Zugang) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    gruppe = zugang.gruppe
    if zugang.mitglied:
        messages.info(request, _("You are already a member of this group."))
        return redirect(gruppe)
    form = BeitrittForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.beitritt_anfragen(
                gruppe=gruppe, user=request.user, nachricht=form.cleaned_data["nachricht"]
            )
        except services.Abgelehnt as exc:
            messages.info(request, str(exc))
        else:
            messages.success(
                request,
                _("Thank you! The group's lead will answer your request by e-mail."),
            )
        return redirect(gruppe)
    return render(request, "arbeitsgruppen/beitreten.html", _ctx(zugang, form=form))


@gruppen_zugang(SCHREIBEN)
@require_http_methods(["GET", "POST"])
def austreten(request: HttpRequest, zugang: Zugang) -> HttpResponse:
    if zugang.mitglied is None:
        # A coordinator who is not a member has nothing to leave.
        raise Http404
    fehler = None
    if request.method == "POST":
        try:
            services.austreten(mitglied=zugang.mitglied)
        except services.Abgelehnt as exc:
            fehler = str(exc)
        else:
            messages.success(
                request,
                _("You have left the group %(name)s.") % {"name": zugang.gruppe.name},
            )
            return redirect("arbeitsgruppen:liste")
    return render(
        request,
        "arbeitsgruppen/austreten.html",
        _ctx(zugang, fehler=fehler),
        status=400 if fehler else 200,
    )


@gruppen_zugang(SCHREIBEN)
@require_POST
def benachrichtigung(request: HttpRequest, zugang: Zugang) -> HttpResponse:
    if zugang.mitglied is None:
        raise Http404
    form = BenachrichtigungForm(request.POST, instance=zugang.mitglied)
    if form.is_valid():
        form.save()
        messages.success(
            request,
            _("Saved: %(wahl)s.") % {"wahl": zugang.mitglied.get_benachrichtigung_display()},
        )
    else:
        messages.error(request, _("Please choose one of the options."))
    return redirect(zugang.gruppe.get_absolute_url() + "#benachrichtigungen")


@gruppen_zugang(LEITEN)
@require_http_methods(["GET", "POST"])
def mitglieder(request: HttpRequest, zugang: Zugang) -> HttpResponse:
    gruppe = zugang.gruppe
    einladung_form = EinladungForm(_post(request))
    if request.method == "POST" and einladung_form.is_valid():
        email = einladung_form.cleaned_data["email"]
        services.einladen(gruppe=gruppe, email=email, von=request.user)
        messages.success(request, _("We have sent an invitation to %(email)s.") % {"email": email})
        return redirect("arbeitsgruppen:mitglieder", gruppe.slug)
    return render(
        request,
        "arbeitsgruppen/mitglieder.html",
        _ctx(
            zugang,
            mitglieder=gruppe.mitglieder.select_related("user").order_by(
                "-rolle", "user__anzeigename"
            ),
            anfragen=gruppe.beitrittsanfragen.filter(
                status=Beitrittsanfrage.Status.OFFEN
            ).select_related("user"),
            einladungen=gruppe.einladungen.filter(angenommen_am__isnull=True)[:20],
            einladung_form=einladung_form,
            rollen=Mitglied.Rolle.choices,
        ),
        status=400 if request.method == "POST" else 200,
    )


@gruppen_zugang(LEITEN)
@require_POST
def anfrage_entscheiden(request: HttpRequest, zugang: Zugang, pk: int) -> HttpResponse:
    anfrage = get_object_or_404(zugang.gruppe.beitrittsanfragen.select_related("user"), pk=pk)
    annehmen = request.POST.get("entscheidung") == "annehmen"
    try:
        services.anfrage_entscheiden(anfrage=anfrage, von=request.user, annehmen=annehmen)
    except services.Abgelehnt as exc:
        messages.info(request, str(exc))
    else:
        text = (
            _("%(name)s is now a member.")
            if annehmen
            else _("You have declined %(name)s's request.")
        )
        messages.success(request, text % {"name": anfrage.user})
    return redirect("arbeitsgruppen:mitglieder", zugang.gruppe.slug)


@gruppen_zugang(LEITEN)
@require_POST
def rolle(request: HttpRequest, zugang: Zugang, pk: int) -> HttpResponse:
    mitglied = get_object_or_404(zugang.gruppe.mitglieder.select_related("user"), pk=pk)
    form = RolleForm(request.POST)
    if form.is_valid():
        try:
            services.rolle_setzen(mitglied=mitglied, rolle=form.cleaned_data["rolle"])
        except services.Abgelehnt as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s is now: %(rolle)s.")
                % {"name": mitglied.user, "rolle": mitglied.get_rolle_display()},
            )
    return redirect("arbeitsgruppen:mitglieder", zugang.gruppe.slug)


@login_required
@require_http_methods(["GET", "POST"])
def einladung(request: HttpRequest, token: str) -> HttpResponse:
    try:
        einladung = services.einladung_aus_token(token)
    except services.Abgelehnt as exc:
        return render(request, "arbeitsgruppen/einladung.html", {"fehler": str(exc)}, status=400)
    gruppe = einladung.gruppe
    schon_mitglied = gruppe.mitglieder.filter(user=request.user).exists()
    if request.method == "POST":
        services.einladung_annehmen(einladung=einladung, user=request.user)
        messages.success(request, _("Welcome to %(name)s!") % {"name": gruppe.name})
        return redirect(gruppe)
    return render(
        request,
        "arbeitsgruppen/einladung.html",
        {"einladung": einladung, "gruppe": gruppe, "schon_mitglied": schon_mitglied},
    )
