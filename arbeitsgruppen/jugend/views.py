"""Pages of Jugendbeteiligung. The ideas and their trails are public (nickname or group,
never a name); posting, supporting and reporting need a login; moderation pages are for the
working group's leaders and the coordinators (anyone else logged in: 403). A hidden idea is
not found (404) except by its author and the moderators.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from arbeitsgruppen.jugend import rechte, services
from arbeitsgruppen.jugend.forms import (
    IdeeFilter,
    IdeeForm,
    MeldenForm,
    ProfilForm,
    StatusForm,
    UnterstuetzenForm,
    VersteckenForm,
    ZustaendigForm,
)
from arbeitsgruppen.jugend.models import Idee, Jugendprofil, Meldung
from netzwerk.seiten import blaettern


def nur_moderation(view):
    """Login first; then only the working group's leaders and the coordinators."""

    @login_required
    @wraps(view)
    def innen(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not rechte.ist_moderation(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return innen


def _idee(request: HttpRequest, pk: int) -> Idee:
    return get_object_or_404(
        Idee.objects.sichtbar_fuer(request.user).select_related(
            "ortsteil",
            "autor__jugendprofil",
            "zustaendig_gruppe",
            "zustaendig_akteur",
            "vorhaben__gruppe",
        ),
        pk=pk,
    )


def liste(request: HttpRequest) -> HttpResponse:
    """All public ideas, newest first, with status and district filters and their supports."""
    basis = (
        Idee.objects.oeffentlich()
        .mit_unterstuetzung()
        .select_related("ortsteil", "autor__jugendprofil")
        .order_by("-erstellt", "-pk")
    )
    filter_ = IdeeFilter(request.GET or None, queryset=basis)
    return render(
        request,
        "jugend/liste.html",
        {"filter": filter_, "seite": blaettern(request, filter_.qs)},
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    idee = _idee(request, pk)
    kontext = {
        "idee": idee,
        "schritte": idee.schritte.all(),
        "anzahl": services.anzahl_unterstuetzungen(idee),
        "schwelle": rechte.schwelle(),
        "ueberfaellig": idee.ist_ueberfaellig(),
        "meine": None,
        "moderation": rechte.ist_moderation(request.user),
    }
    if request.user.is_authenticated:
        kontext["meine"] = idee.unterstuetzungen.filter(user=request.user).first()
        kontext["unterstuetzen_form"] = UnterstuetzenForm(
            initial={"benachrichtigen": getattr(kontext["meine"], "benachrichtigen", False)}
        )
    if kontext["moderation"]:
        kontext["status_form"] = StatusForm(idee=idee)
        kontext["verstecken_form"] = VersteckenForm()
        kontext["offene_meldungen"] = idee.meldungen.filter(erledigt_am__isnull=True)
    return render(request, "jugend/detail.html", kontext)


@login_required
@require_http_methods(["GET", "POST"])
def neu(request: HttpRequest) -> HttpResponse:
    """Post an idea: young people with a (confirmed) profile, youth-group leaders for a group."""
    user = request.user
    if not services.darf_einreichen(user):
        profil = Jugendprofil.objects.filter(user=user).first()
        if profil is None:
            messages.info(request, _("First choose a nickname – it is shown instead of your name."))
            return redirect("jugend:profil")
        return render(request, "jugend/warten.html", {"profil": profil}, status=403)
    gruppenleitung = rechte.ist_gruppenleitung(user)
    form = IdeeForm(request.POST or None, request.FILES or None, gruppenleitung=gruppenleitung)
    if request.method == "POST" and form.is_valid():
        daten = form.cleaned_data
        try:
            idee = services.idee_einreichen(
                autor=user,
                titel=daten["titel"],
                was=daten["was"],
                warum=daten["warum"],
                ortsteil=daten["ortsteil"],
                foto=daten.get("foto") or None,
                foto_alt=daten["foto_alt"],
                jugendgruppe=daten.get("jugendgruppe", ""),
                markiert=form.markiert,
            )
        except ValidationError as fehler:
            form.add_error(None, fehler)
        else:
            messages.success(request, _("Thank you! Your idea is online."))
            return redirect(idee)
    return render(request, "jugend/neu.html", {"form": form, "gruppenleitung": gruppenleitung})


@login_required
@require_http_methods(["GET", "POST"])
def profil(request: HttpRequest) -> HttpResponse:
    """The young person's nickname, birth year and guardian's address."""
    vorhanden = Jugendprofil.objects.filter(user=request.user).first()
    form = ProfilForm(request.POST or None, instance=vorhanden, user=request.user)
    if request.method == "POST" and form.is_valid():
        neues = services.profil_speichern(
            user=request.user,
            spitzname=form.cleaned_data["spitzname"],
            geburtsjahr=form.cleaned_data["geburtsjahr"],
            sorgeberechtigt_email=form.cleaned_data["sorgeberechtigt_email"],
        )
        if neues.darf_posten():
            messages.success(request, _("Saved. You can post your idea now."))
            return redirect("jugend:neu")
        messages.success(
            request,
            _("Saved. We sent a mail to your parent or guardian: once they confirm, you can post."),
        )
        return redirect("jugend:profil")
    return render(request, "jugend/profil.html", {"form": form, "profil": vorhanden})


@require_http_methods(["GET", "POST"])
def bestaetigen(request: HttpRequest, token: str) -> HttpResponse:
    """The guardian's link (no login): GET shows what is confirmed, POST confirms."""
    try:
        profil = services.bestaetigung_laden(token)
    except services.LinkUngueltig as fehler:
        return render(request, "jugend/bestaetigen.html", {"fehler": str(fehler)}, status=400)
    if request.method == "POST":
        services.bestaetigen(profil=profil)
        return render(request, "jugend/bestaetigen.html", {"profil": profil, "fertig": True})
    return render(request, "jugend/bestaetigen.html", {"profil": profil})


@login_required
@require_POST
def unterstuetzen(request: HttpRequest, pk: int) -> HttpResponse:
    idee = _idee(request, pk)
    form = UnterstuetzenForm(request.POST)
    form.is_valid()
    try:
        services.unterstuetzen(
            idee=idee, user=request.user, benachrichtigen=form.cleaned_data["benachrichtigen"]
        )
    except ValidationError as fehler:
        messages.error(request, " ".join(fehler.messages))
    else:
        messages.success(request, _("Thank you for your support!"))
    return redirect(idee)


@login_required
@require_POST
def zurueckziehen(request: HttpRequest, pk: int) -> HttpResponse:
    idee = _idee(request, pk)
    if services.zurueckziehen(idee=idee, user=request.user):
        messages.success(request, _("Your support is withdrawn."))
    return redirect(idee)


@login_required
@require_http_methods(["GET", "POST"])
def melden(request: HttpRequest, pk: int) -> HttpResponse:
    idee = _idee(request, pk)
    form = MeldenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.melden(idee=idee, von=request.user, grund=form.cleaned_data["grund"])
        messages.success(request, _("Thank you. The moderators will look at it."))
        return redirect(idee)
    return render(request, "jugend/melden.html", {"idee": idee, "form": form})


# ----------------------------------------------------------------------------- moderation


@nur_moderation
def moderation(request: HttpRequest) -> HttpResponse:
    """What waits for the moderators: reported, flagged, hidden and overdue ideas."""
    heute = timezone.localdate()
    gemeldet = (
        Idee.objects.gemeldet_oder_markiert()
        .annotate(
            offene_meldungen=Count("meldungen", filter=Q(meldungen__erledigt_am__isnull=True))
        )
        .order_by("-erstellt")
    )
    return render(
        request,
        "jugend/moderation.html",
        {
            "gemeldet": gemeldet,
            "meldungen": Meldung.objects.filter(erledigt_am__isnull=True).select_related("idee"),
            "ueberfaellig": Idee.objects.oeffentlich()
            .antwort_ueberfaellig(heute)
            .select_related("zustaendig_gruppe", "zustaendig_akteur")
            .order_by("antwort_bis"),
            "versteckt": Idee.objects.filter(versteckt_am__isnull=False).order_by("-versteckt_am"),
            "offen": Idee.objects.oeffentlich().offen().filter(anlass="").order_by("erstellt"),
        },
    )


@nur_moderation
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest, pk: int) -> HttpResponse:
    idee = _idee(request, pk)
    form = StatusForm(request.POST or None, idee=idee)
    if request.method == "POST" and form.is_valid():
        services.status_setzen(
            idee=idee,
            status=form.cleaned_data["status"],
            text=form.cleaned_data["text"],
            von=request.user,
        )
        messages.success(request, _("The step is on the idea's trail; we told the author."))
        return redirect(idee)
    return render(request, "jugend/status.html", {"idee": idee, "form": form})


@nur_moderation
@require_POST
def verstecken(request: HttpRequest, pk: int) -> HttpResponse:
    """Hide with a reason (``aktion=verstecken``) or show again / clear the reports."""
    idee = _idee(request, pk)
    form = VersteckenForm(request.POST)
    form.is_valid()
    if request.POST.get("aktion") == "freigeben":
        services.freigeben(idee=idee)
        messages.success(request, _("The idea is visible; its reports are closed."))
        return redirect(idee)
    try:
        services.verstecken(idee=idee, grund=form.cleaned_data.get("grund", ""), von=request.user)
    except ValidationError as fehler:
        messages.error(request, " ".join(fehler.messages))
    else:
        messages.success(request, _("The idea is hidden."))
    return redirect(idee)


@nur_moderation
@require_http_methods(["GET", "POST"])
def zustaendig(request: HttpRequest, pk: int) -> HttpResponse:
    """Put the idea on the working group's agenda: who answers, and from now the deadline."""
    idee = _idee(request, pk)
    form = ZustaendigForm(
        request.POST or None,
        initial={
            "gruppe": idee.zustaendig_gruppe or rechte.arbeitsgruppe(),
            "akteur": idee.zustaendig_akteur,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.verpflichten(
            idee=idee,
            anlass=idee.anlass or Idee.Anlass.TAGESORDNUNG,
            gruppe=form.cleaned_data["gruppe"],
            akteur=form.cleaned_data["akteur"],
            von=request.user,
        )
        messages.success(request, _("The idea now has someone who answers, and a deadline."))
        return redirect(idee)
    return render(
        request,
        "jugend/zustaendig.html",
        {"idee": idee, "form": form, "frist": rechte.antwortfrist_tage()},
    )


@nur_moderation
@require_POST
def vorhaben(request: HttpRequest, pk: int) -> HttpResponse:
    idee = _idee(request, pk)
    try:
        neues = services.vorhaben_anlegen(idee=idee, von=request.user)
    except ValidationError as fehler:
        messages.error(request, " ".join(fehler.messages))
        return redirect(idee)
    messages.success(request, _("The idea is now a project of the working group."))
    return redirect(neues)
