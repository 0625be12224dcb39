"""Pages of the Vereinsstammtisch: series, meetings, answers, topics, agenda, minutes.

Views stay thin: they scope with querysets (``sichtbar_fuer``), call the workflows in
:mod:`termine.stammtisch` and render. Signed-link pages work without a login; GET never
changes anything (mail scanners open links), the answer is a POST from the page.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from netzwerk.berechtigungen import im_netzwerk
from netzwerk.seiten import blaettern
from termine.models import (
    GastgeberAnfrage,
    Protokoll,
    Rueckmeldung,
    Stammtisch,
    Stammtischreihe,
    Thema,
)
from termine.stammtisch import services as dienste
from vereine.models import Akteur


class ThemaForm(forms.Form):
    titel = forms.CharField(
        label=gettext_lazy("Your topic"),
        max_length=200,
        help_text=gettext_lazy("A short title, e.g. “Shared tent for the summer fair”."),
    )
    beschreibung = forms.CharField(
        label=gettext_lazy("What it is about"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("A few sentences help the others prepare."),
    )
    akteur = forms.ModelChoiceField(
        label=gettext_lazy("For which actor?"),
        queryset=Akteur.objects.none(),
        required=False,
        empty_label=gettext_lazy("just me"),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["akteur"].queryset = Akteur.objects.filter(mitgliedschaften__user=user)


class AntwortForm(forms.Form):
    antwort = forms.ChoiceField(choices=Rueckmeldung.Antwort.choices)
    akteur = forms.ModelChoiceField(queryset=Akteur.objects.none(), required=False)

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["akteur"].queryset = Akteur.objects.filter(mitgliedschaften__user=user)


# ----------------------------------------------------------------------------- pages


def uebersicht(request: HttpRequest) -> HttpResponse:
    """All active series with their next meeting (a fixed number of queries)."""
    seite = blaettern(request, Stammtischreihe.objects.aktiv().order_by("name"))
    reihen = list(seite.object_list)
    naechste: dict[int, Stammtisch] = {}
    for stammtisch in (
        Stammtisch.objects.sichtbar_fuer(request.user)
        .kommende()
        .filter(reihe__in=reihen)
        .fuer_listen()
        .order_by("termin__start")
    ):
        naechste.setdefault(stammtisch.reihe_id, stammtisch)
    eintraege = [(reihe, naechste.get(reihe.pk)) for reihe in reihen]
    return render(
        request, "termine/stammtisch/uebersicht.html", {"seite": seite, "eintraege": eintraege}
    )


def reihe(request: HttpRequest, slug: str) -> HttpResponse:
    reihe = get_object_or_404(Stammtischreihe.objects.aktiv(), slug=slug)
    kommende = list(
        Stammtisch.objects.sichtbar_fuer(request.user)
        .filter(reihe=reihe)
        .kommende()
        .fuer_listen()
        .order_by("termin__start")[:6]
    )
    pool = reihe.pool.select_related("akteur", "akteur__ortsteil").order_by("akteur__name")
    return render(
        request,
        "termine/stammtisch/reihe.html",
        {"reihe": reihe, "kommende": kommende, "pool": pool},
    )


def geschichte(request: HttpRequest, slug: str) -> HttpResponse:
    """Past meetings with host, attendance and minutes; the actors that never hosted."""
    reihe = get_object_or_404(Stammtischreihe.objects.aktiv(), slug=slug)
    vergangene = (
        Stammtisch.objects.sichtbar_fuer(request.user)
        .filter(reihe=reihe)
        .vergangene()
        .fuer_listen()
        .annotate(
            zusagen=Count(
                "rueckmeldungen", filter=Q(rueckmeldungen__antwort="zusage"), distinct=True
            ),
            anwesende_akteure=Count("termin__protokoll__anwesende", distinct=True),
            protokoll_pk=F("termin__protokoll__pk"),
            personenzahl=F("termin__protokoll__personenzahl"),
            protokoll_veroeffentlicht=F("termin__protokoll__veroeffentlicht_am"),
        )
        .order_by("-termin__start")
    )
    seite = blaettern(request, vergangene)
    sichtbare_protokolle = set(
        Protokoll.objects.sichtbar_fuer(request.user)
        .filter(termin__stammtisch__in=list(seite.object_list))
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "termine/stammtisch/geschichte.html",
        {
            "reihe": reihe,
            "seite": seite,
            "sichtbare_protokolle": sichtbare_protokolle,
            "nie_gastgeber": dienste.nie_gastgeber(reihe),
        },
    )


def _stammtisch(request: HttpRequest, pk: int) -> Stammtisch:
    return get_object_or_404(Stammtisch.objects.sichtbar_fuer(request.user).fuer_listen(), pk=pk)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    stammtisch = _stammtisch(request, pk)
    user = request.user
    darf_teilnehmende_sehen = (
        Stammtisch.objects.teilnehmende_sichtbar_fuer(user).filter(pk=stammtisch.pk).exists()
    )
    eigene = None
    if user.is_authenticated:
        eigene = stammtisch.rueckmeldungen.filter(email__iexact=user.email).first()
    protokoll = Protokoll.objects.sichtbar_fuer(user).filter(termin=stammtisch.termin).first()
    eigene_akteure = (
        list(Akteur.objects.filter(mitgliedschaften__user=user).order_by("name"))
        if user.is_authenticated
        else []
    )
    kontext = {
        "stammtisch": stammtisch,
        "termin": stammtisch.termin,
        "phase": stammtisch.phase,
        "phasen": Stammtisch.Phase,
        "tagesordnung": dienste.tagesordnung(stammtisch=stammtisch, fuer=request.user),
        "zahlen": dienste.rueckmeldungen_zaehlen(stammtisch),
        "eigene": eigene,
        # With several actors the answer names the one it is for.
        "antwort_fuer": eigene.akteur if eigene and len(eigene_akteure) > 1 else None,
        "antworten_moeglich": dienste.antworten_moeglich(stammtisch),
        "themen_moeglich": dienste.themen_moeglich(stammtisch),
        "antworten": Rueckmeldung.Antwort,
        "eigene_akteure": eigene_akteure,
        "darf_themen_einreichen": im_netzwerk(user),
        "protokoll": protokoll,
        "teilnehmende": (
            stammtisch.rueckmeldungen.select_related("akteur").order_by("antwort", "akteur__name")
            if darf_teilnehmende_sehen
            else None
        ),
    }
    return render(request, "termine/stammtisch/detail.html", kontext)


@require_POST
@login_required
def antworten(request: HttpRequest, pk: int) -> HttpResponse:
    """A logged-in person answers with a button on the meeting page."""
    stammtisch = _stammtisch(request, pk)
    form = AntwortForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Please choose yes, maybe or no."))
        return redirect(stammtisch)
    try:
        dienste.rsvp_setzen(
            stammtisch=stammtisch,
            email=request.user.email,
            antwort=form.cleaned_data["antwort"],
            user=request.user,
            akteur=form.cleaned_data["akteur"],
        )
    except dienste.StammtischFehler as fehler:
        messages.error(request, str(fehler))
    else:
        messages.success(request, _("Thank you, your answer is saved."))
    return redirect(stammtisch)


@login_required
def thema(request: HttpRequest, pk: int) -> HttpResponse:
    """Network members submit a topic for the agenda."""
    stammtisch = _stammtisch(request, pk)
    if not im_netzwerk(request.user):
        raise PermissionDenied(
            _("Only members of the network's actors can submit topics. Ask your association.")
        )
    form = ThemaForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            neu = dienste.thema_einreichen(
                stammtisch=stammtisch,
                titel=form.cleaned_data["titel"],
                beschreibung=form.cleaned_data["beschreibung"],
                von=request.user,
                akteur=form.cleaned_data["akteur"],
            )
        except dienste.StammtischFehler as fehler:
            form.add_error(None, str(fehler))
        else:
            messages.success(
                request,
                _("Your topic is on the agenda.")
                if neu.status == Thema.Status.ANGENOMMEN
                else _("Thank you! The coordinators will put your topic on the agenda."),
            )
            return redirect(stammtisch)
    return render(
        request, "termine/stammtisch/thema.html", {"stammtisch": stammtisch, "form": form}
    )


def tagesordnung(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda on one page, made for printing."""
    stammtisch = _stammtisch(request, pk)
    return render(
        request,
        "termine/stammtisch/tagesordnung.html",
        {
            "stammtisch": stammtisch,
            "termin": stammtisch.termin,
            "tagesordnung": dienste.tagesordnung(stammtisch=stammtisch, fuer=request.user),
        },
    )


def ics(request: HttpRequest, pk: int) -> HttpResponse:
    stammtisch = _stammtisch(request, pk)
    antwort = HttpResponse(dienste.ics_fuer(stammtisch), content_type="text/calendar")
    antwort["Content-Disposition"] = 'attachment; filename="stammtisch.ics"'
    return antwort


def antwort_per_link(request: HttpRequest, token: str) -> HttpResponse:
    """Landing page of the personal answer link from the invitation (no login needed)."""
    try:
        daten = dienste.rueckmeldung_link_laden(token)
    except dienste.UngueltigerLink as fehler:
        return render(
            request, "termine/stammtisch/link_ungueltig.html", {"fehler": fehler}, status=400
        )
    stammtisch = daten.stammtisch
    gespeichert = False
    fehler = None
    if request.method == "POST":
        form = AntwortForm(request.POST)
        if form.is_valid():
            try:
                dienste.rsvp_per_link(token=token, antwort=form.cleaned_data["antwort"])
                gespeichert = True
            except dienste.StammtischFehler as exc:
                fehler = str(exc)
        else:
            fehler = _("Please choose yes, maybe or no.")
    eigene = stammtisch.rueckmeldungen.filter(email__iexact=daten.email).first()
    vorschlag = request.GET.get("antwort", "")
    return render(
        request,
        "termine/stammtisch/antwort.html",
        {
            "stammtisch": stammtisch,
            "termin": stammtisch.termin,
            "email": daten.email,
            "eigene": eigene,
            "gespeichert": gespeichert,
            "fehler": fehler,
            "vorschlag": vorschlag if vorschlag in Rueckmeldung.Antwort.values else "",
            "antworten": Rueckmeldung.Antwort,
            "antworten_moeglich": dienste.antworten_moeglich(stammtisch),
            "geschlossen_grund": dienste.antworten_geschlossen_grund(stammtisch),
        },
        status=400 if fehler else 200,
    )


def gastgeber(request: HttpRequest, token: str) -> HttpResponse:
    """Landing page of the host request link: the host says yes or no (no login needed)."""
    try:
        anfrage = dienste.gastgeber_anfrage_laden(token)
    except dienste.UngueltigerLink as fehler:
        return render(
            request, "termine/stammtisch/link_ungueltig.html", {"fehler": fehler}, status=400
        )
    fehler = None
    if request.method == "POST":
        antwort = request.POST.get("antwort")
        if antwort not in ("ja", "nein"):
            fehler = _("Please choose yes or no.")
        else:
            try:
                anfrage = dienste.gastgeber_antwort(token=token, zusage=antwort == "ja")
            except dienste.StammtischFehler as exc:
                fehler = str(exc)
            else:
                return redirect("stammtisch:gastgeber", token=token)
    return render(
        request,
        "termine/stammtisch/gastgeber.html",
        {
            "anfrage": anfrage,
            "stammtisch": anfrage.stammtisch,
            "termin": anfrage.stammtisch.termin,
            "offen": anfrage.antwort == GastgeberAnfrage.Antwort.OFFEN,
            "antworten": GastgeberAnfrage.Antwort,
            "vorschlag": request.GET.get("antwort", ""),
            "fehler": fehler,
        },
        status=400 if fehler else 200,
    )


def protokoll(request: HttpRequest, pk: int) -> HttpResponse:
    """Published minutes, for members of the network (any Termin, not only Stammtische)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    protokoll = (
        Protokoll.objects.sichtbar_fuer(request.user)
        .select_related("termin", "termin__stammtisch__gastgeber", "termin__arbeitsgruppe")
        .filter(pk=pk)
        .first()
    )
    if protokoll is None:
        raise Http404
    return render(
        request,
        "termine/stammtisch/protokoll.html",
        {
            "protokoll": protokoll,
            "termin": protokoll.termin,
            "stammtisch": getattr(protokoll.termin, "stammtisch", None),
            "punkte": protokoll.punkte.all(),
            "folgeaufgaben": protokoll.folgeaufgaben.select_related("verantwortlich"),
            "anwesende": protokoll.anwesende.order_by("name"),
            "heute": timezone.localdate(),
        },
    )
