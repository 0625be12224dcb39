"""Pages of the Ferienkalender: public browsing, families, providers, coordinators.

Views stay thin: they pick the objects with scoped querysets (another Akteur's occasion or
another family's child is a 404), validate with forms and call :mod:`termine.ferien`.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods, require_POST

from netzwerk.csvexport import csv_antwort
from netzwerk.eingaben import datum
from netzwerk.models import Netzwerkprofil
from termine.feeds import Stand, ical_feed
from termine.ferien import ical
from termine.ferien import services as ferien
from termine.ferien.forms import (
    AbsageForm,
    AngebotFilter,
    AngebotForm,
    AnmeldungForm,
    DurchfuehrungForm,
    KindForm,
    KopierenForm,
)
from termine.ferien.models import lokale_mitternacht
from termine.ferien.statistik import statistik as statistik_berechnen
from termine.models import (
    Anmeldung,
    Durchfuehrung,
    Ferienangebot,
    Ferienwoche,
    Ferienzeitraum,
    Kind,
)
from vereine.models import ist_koordination

PRO_SEITE = 20


def _zeitraum(request: HttpRequest, slug: str) -> Ferienzeitraum:
    """A public period; coordinators may also look at drafts."""
    if ist_koordination(request.user):
        return get_object_or_404(Ferienzeitraum, slug=slug)
    return get_object_or_404(Ferienzeitraum.objects.oeffentlich(), slug=slug)


def _angebote(zeitraum: Ferienzeitraum):
    return Ferienangebot.objects.veroeffentlicht().im_zeitraum(zeitraum)


def _filter(request: HttpRequest, zeitraum: Ferienzeitraum, **kwargs) -> AngebotFilter:
    return AngebotFilter(
        request.GET or None, queryset=_angebote(zeitraum).fuer_listen(), zeitraum=zeitraum, **kwargs
    )


def _filter_ohne_seite(request: HttpRequest) -> str:
    parameter = request.GET.copy()
    parameter.pop("seite", None)
    return parameter.urlencode()


# ---------------------------------------------------------------------------- public


def kalender(request: HttpRequest) -> HttpResponse:
    """The landing page: the list of the running or next period."""
    zeitraum = Ferienzeitraum.objects.aktuell()
    if zeitraum is None:
        return render(request, "termine/ferien/kein_zeitraum.html")
    return liste(request, zeitraum.slug, startseite=True)


def liste(request: HttpRequest, zeitraum: str, startseite: bool = False) -> HttpResponse:
    zeitraum_obj = _zeitraum(request, zeitraum)
    filterset = _filter(request, zeitraum_obj)
    angebote = filterset.qs
    seite = Paginator(angebote, PRO_SEITE).get_page(request.GET.get("seite"))
    kontext = {
        "zeitraum": zeitraum_obj,
        "filter": filterset,
        "seite": seite,
        "parameter": _filter_ohne_seite(request),
        "startseite": startseite,
        "stand": ferien.anmeldestand(zeitraum_obj),
        "andere_zeitraeume": Ferienzeitraum.objects.oeffentlich().exclude(pk=zeitraum_obj.pk)[:4],
    }
    vorlage = "termine/ferien/liste.html"
    if request.htmx:
        vorlage += "#ergebnisse"
    return render(request, vorlage, kontext)


def _montag(tag: date) -> date:
    return tag - timedelta(days=tag.weekday())


def tage(request: HttpRequest, zeitraum: str) -> HttpResponse:
    """The period day by day, one week per page (phones scroll a week, not six)."""
    zeitraum_obj = _zeitraum(request, zeitraum)
    filterset = _filter(request, zeitraum_obj)
    angebote = filterset.qs
    if gewaehlt := datum(request.GET.get("woche")):
        woche = _montag(gewaehlt)
    else:
        heute = timezone.localdate()
        start = heute if zeitraum_obj.beginn <= heute <= zeitraum_obj.ende else zeitraum_obj.beginn
        woche = _montag(start)
    woche = min(max(woche, _montag(zeitraum_obj.beginn)), _montag(zeitraum_obj.ende))
    von = max(woche, zeitraum_obj.beginn)
    bis = min(woche + timedelta(days=6), zeitraum_obj.ende)
    durchfuehrungen = list(
        Durchfuehrung.objects.filter(angebot__in=angebote.order_by().values("pk"))
        .filter(
            termin__start__lt=lokale_mitternacht(bis + timedelta(days=1)),
            termin__ende__gt=lokale_mitternacht(von),
        )
        .select_related("termin", "angebot__akteur", "angebot__ortsteil", "angebot__zeitraum")
        .mit_belegung()
        .order_by("termin__start", "pk")
    )
    parameter = request.GET.copy()
    parameter.pop("woche", None)
    vorherige = woche - timedelta(days=7)
    naechste = woche + timedelta(days=7)
    kontext = {
        "zeitraum": zeitraum_obj,
        "filter": filterset,
        "tage": ferien.tage_mit_durchfuehrungen(durchfuehrungen, von, bis),
        "woche": woche,
        "von": von,
        "bis": bis,
        "vorherige": vorherige if vorherige >= _montag(zeitraum_obj.beginn) else None,
        "naechste": naechste if naechste <= zeitraum_obj.ende else None,
        "parameter": parameter.urlencode(),
        "stand": ferien.anmeldestand(zeitraum_obj),
    }
    return render(request, "termine/ferien/tage.html", kontext)


def angebot(request: HttpRequest, zeitraum: str, pk: int) -> HttpResponse:
    zeitraum_obj = _zeitraum(request, zeitraum)
    angebote = _angebote(zeitraum_obj)
    if request.user.is_authenticated:
        # Providers preview their own drafts.
        angebote = angebote | Ferienangebot.objects.editable_by(request.user).im_zeitraum(
            zeitraum_obj
        )
    angebot_obj = get_object_or_404(angebote.fuer_listen(), pk=pk)
    eigene = ferien.aktive_anmeldungen_der_familie(request.user)
    durchfuehrungen = [(d, eigene.get(d.pk, [])) for d in angebot_obj.durchfuehrungen.all()]
    return render(
        request,
        "termine/ferien/angebot.html",
        {
            "zeitraum": zeitraum_obj,
            "angebot": angebot_obj,
            "durchfuehrungen": durchfuehrungen,
            "anmeldung_offen": zeitraum_obj.anmeldung_offen() and angebot_obj.veroeffentlicht,
            "stand": ferien.anmeldestand(zeitraum_obj),
            "jetzt": timezone.now(),
        },
    )


def _ics_antwort(inhalt: bytes, dateiname: str) -> HttpResponse:
    antwort = HttpResponse(inhalt, content_type="text/calendar; charset=utf-8")
    antwort["Content-Disposition"] = f'attachment; filename="{dateiname}"'
    return antwort


def angebot_ics(request: HttpRequest, zeitraum: str, pk: int) -> HttpResponse:
    zeitraum_obj = _zeitraum(request, zeitraum)
    angebot_obj = get_object_or_404(_angebote(zeitraum_obj), pk=pk)
    durchfuehrungen = angebot_obj.durchfuehrungen.select_related(
        "termin", "angebot__akteur", "angebot__ortsteil", "angebot__zeitraum"
    )
    return _ics_antwort(
        ical.kalender(durchfuehrungen, name=angebot_obj.titel),
        f"{slugify(angebot_obj.titel) or 'angebot'}.ics",
    )


def _feed_durchfuehrungen(zeitraum: Ferienzeitraum):
    return Durchfuehrung.objects.filter(angebot__in=_angebote(zeitraum).values("pk"))


def _feed_stand(request: HttpRequest, zeitraum: str) -> Stand:
    # Changes with any occasion (its Termin), offer or provider in the feed, and with the
    # period's name (the calendar's name).
    zeitraum_obj = _zeitraum(request, zeitraum)
    stand = _feed_durchfuehrungen(zeitraum_obj).aggregate(
        anzahl=Count("pk"),
        summe=Sum("pk"),
        sequenzen=Sum("termin__sequence"),
        termine=Max("termin__geaendert"),
        angebote=Max("angebot__geaendert"),
        akteure=Max("angebot__akteur__geaendert"),
    )
    zeiten = [stand["termine"], stand["angebote"], stand["akteure"]]
    return Stand(
        (sorted(stand.items()), zeitraum_obj.name),
        max((z for z in zeiten if z is not None), default=None),
        # Coordinators may look at a draft period's feed: no shared cache may keep it.
        privat=not zeitraum_obj.ist_oeffentlich(),
    )


def _feed_bauen(request: HttpRequest, zeitraum: str) -> bytes:
    zeitraum_obj = _zeitraum(request, zeitraum)
    durchfuehrungen = _feed_durchfuehrungen(zeitraum_obj).select_related(
        "termin", "angebot__akteur", "angebot__ortsteil", "angebot__zeitraum"
    )
    return ical.kalender(durchfuehrungen, name=f"{zeitraum_obj.name} – Ferienkalender")


# Subscribable iCal feed of all published occasions of the period.
feed = ical_feed(_feed_stand, _feed_bauen, dateiname="ferienkalender-{zeitraum}.ics")


class ZeitraumRss(Feed):
    """RSS of the period's offers, newest changes first."""

    def get_object(self, request, zeitraum):
        return _zeitraum(request, zeitraum)

    def title(self, obj):
        return _("Holiday calendar: %(name)s") % {"name": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return obj.beschreibung or obj.name

    def items(self, obj):
        return _angebote(obj).select_related("akteur", "zeitraum").order_by("-geaendert")[:50]

    def item_title(self, item):
        return item.titel

    def item_description(self, item):
        return f"{item.akteur.name}: {item.beschreibung}"

    def item_pubdate(self, item):
        return item.erstellt

    def item_updateddate(self, item):
        return item.geaendert


def woche(request: HttpRequest, zeitraum: str, woche: str, druck: bool = False) -> HttpResponse:
    zeitraum_obj = _zeitraum(request, zeitraum)
    woche_obj = get_object_or_404(Ferienwoche, zeitraum=zeitraum_obj, slug=woche)
    angebote = list(_angebote(zeitraum_obj).filter(ferienwoche=woche_obj).fuer_listen())
    durchfuehrungen = sorted(
        (d for a in angebote for d in a.durchfuehrungen.all()), key=lambda d: d.termin.start
    )
    kontext = {
        "zeitraum": zeitraum_obj,
        "woche": woche_obj,
        "angebote": angebote,
        "tage": ferien.tage_mit_durchfuehrungen(durchfuehrungen, woche_obj.beginn, woche_obj.ende),
        "druck": druck,
    }
    return render(request, "termine/ferien/woche.html", kontext)


def _heft_kontext(zeitraum: Ferienzeitraum) -> dict:
    angebote = list(_angebote(zeitraum).fuer_listen().order_by("kategorie", "titel", "pk"))
    gruppen: dict[str, list[Ferienangebot]] = {}
    for a in angebote:
        gruppen.setdefault(a.get_kategorie_display(), []).append(a)
    # The PDF is rendered without a request, so the context processor's values come here.
    return {
        "zeitraum": zeitraum,
        "gruppen": gruppen,
        "anzahl": len(angebote),
        "netzwerk": Netzwerkprofil.aktuell(),
    }


def heft(request: HttpRequest, zeitraum: str) -> HttpResponse:
    """The leaflet as a web page with a print stylesheet."""
    zeitraum_obj = _zeitraum(request, zeitraum)
    return render(request, "termine/ferien/heft.html", _heft_kontext(zeitraum_obj))


def heft_pdf(request: HttpRequest, zeitraum: str) -> HttpResponse:
    """The leaflet as an A4 PDF, made on the server (WeasyPrint)."""
    from termine.ferien.heft import heft_als_pdf

    zeitraum_obj = _zeitraum(request, zeitraum)
    pdf = heft_als_pdf(_heft_kontext(zeitraum_obj))
    antwort = HttpResponse(pdf, content_type="application/pdf")
    antwort["Content-Disposition"] = f'inline; filename="ferienkalender-{zeitraum_obj.slug}.pdf"'
    return antwort


# Partner sites (school, town) may frame the widget; everything else stays unframeable.
WIDGET_CSP = {
    **settings.SECURE_CSP,
    "frame-ancestors": list(getattr(settings, "FERIEN_WIDGET_FRAME_ANCESTORS", ["*"])),
    "form-action": [CSP.SELF],
}


@xframe_options_exempt
@csp_override(WIDGET_CSP)
def widget(request: HttpRequest, zeitraum: str) -> HttpResponse:
    zeitraum_obj = _zeitraum(request, zeitraum)
    filterset = _filter(request, zeitraum_obj, mit_akteuren=False)
    angebote = filterset.qs
    seite = Paginator(angebote, PRO_SEITE).get_page(request.GET.get("seite"))
    return render(
        request,
        "termine/ferien/widget.html",
        {
            "zeitraum": zeitraum_obj,
            "seite": seite,
            "parameter": _filter_ohne_seite(request),
            "site_url": settings.SITE_URL,
        },
    )


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
    kinder = Kind.objects.filter(eltern=request.user)
    form = AnmeldungForm(request.POST or None, kinder=kinder, durchfuehrung=durchfuehrung)
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        if "schwimmer" in form.cleaned_data and not kind.schwimmer:
            kind.schwimmer = True
            kind.save(update_fields=["schwimmer"])
        if not kind.notfall_telefon:
            kind.notfall_telefon = form.cleaned_data["notfall_telefon"]
            kind.save(update_fields=["notfall_telefon"])
        try:
            anmeldung = ferien.anmelden(
                kind=kind,
                durchfuehrung=durchfuehrung,
                von=request.user,
                notfall_telefon=form.cleaned_data["notfall_telefon"],
            )
        except ferien.AnmeldungNichtMoeglich as e:
            feld = "schwimmer" if e.code == "schwimmer" and "schwimmer" in form.fields else "kind"
            form.add_error(feld, e.nachricht)
        else:
            if anmeldung.status == Anmeldung.Status.BESTAETIGT:
                messages.success(
                    request,
                    _("Done! %(kind)s is registered for “%(titel)s”. We have sent you an e-mail.")
                    % {"kind": kind.vorname, "titel": angebot_obj.titel},
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
            return redirect("ferien:familie")
    return render(
        request,
        "termine/ferien/anmelden.html",
        {
            "durchfuehrung": durchfuehrung,
            "angebot": angebot_obj,
            "zeitraum": angebot_obj.zeitraum,
            "form": form,
            "hat_kinder": kinder.exists(),
            "anmeldung_offen": angebot_obj.zeitraum.anmeldung_offen(),
            "stand": ferien.anmeldestand(angebot_obj.zeitraum),
        },
    )


# ---------------------------------------------------------------------------- providers


@login_required
def anbieter(request: HttpRequest) -> HttpResponse:
    angebote = (
        Ferienangebot.objects.editable_by(request.user)
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
    seite = Paginator(angebote, PRO_SEITE).get_page(request.GET.get("seite"))
    return render(
        request,
        "termine/ferien/anbieter.html",
        {"seite": seite, "kann_anbieten": _kann_anbieten(request.user)},
    )


def _kann_anbieten(user) -> bool:
    from vereine.models import Akteur

    return Akteur.objects.editable_by(user).exists()


@login_required
@require_http_methods(["GET", "POST"])
def angebot_bearbeiten(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    angebot_obj = (
        get_object_or_404(Ferienangebot.objects.editable_by(request.user), pk=pk) if pk else None
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
    angebot_obj = get_object_or_404(Ferienangebot.objects.editable_by(request.user), pk=pk)
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
    angebot_obj = get_object_or_404(Ferienangebot.objects.editable_by(request.user), pk=pk)
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
            Durchfuehrung.objects.editable_by(request.user).select_related(
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
            Ferienangebot.objects.editable_by(request.user).select_related("zeitraum"),
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
        Durchfuehrung.objects.editable_by(request.user).select_related("termin", "angebot"),
        pk=pk,
    )
    form = AbsageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        anzahl = ferien.durchfuehrung_absagen(
            durchfuehrung=durchfuehrung, von=request.user, grund=form.cleaned_data["grund"]
        )
        messages.success(
            request,
            _("The occasion is cancelled. We have told %(anzahl)s families.") % {"anzahl": anzahl},
        )
        return redirect("ferien:angebot_bearbeiten", pk=durchfuehrung.angebot_id)
    return render(
        request,
        "termine/ferien/durchfuehrung_absagen.html",
        {"form": form, "durchfuehrung": durchfuehrung},
    )


def _teilnehmende(request: HttpRequest, pk: int):
    durchfuehrung = get_object_or_404(
        Durchfuehrung.objects.editable_by(request.user)
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


# ---------------------------------------------------------------------------- coordinators


@staff_member_required
def statistik(request: HttpRequest, zeitraum: str) -> HttpResponse:
    zeitraum_obj = get_object_or_404(Ferienzeitraum, slug=zeitraum)
    return render(
        request,
        "termine/ferien/statistik.html",
        {"zeitraum": zeitraum_obj, "statistik": statistik_berechnen(zeitraum_obj)},
    )


@staff_member_required
def statistik_csv(request: HttpRequest, zeitraum: str) -> HttpResponse:
    zeitraum_obj = get_object_or_404(Ferienzeitraum, slug=zeitraum)
    daten = statistik_berechnen(zeitraum_obj)
    antwort, schreiber = csv_antwort(f"statistik-{zeitraum_obj.slug}.csv")
    schreiber.writerow(
        [
            _("Grouped by"),
            _("Group"),
            _("Offers"),
            _("Occasions"),
            _("Places"),
            _("Confirmed"),
            _("Waiting list"),
            _("Fill rate in %"),
        ]
    )
    for gruppe, titel in [
        ("akteure", _("Provider")),
        ("kategorien", _("Category")),
        ("alter", _("Age")),
    ]:
        for zeile in daten[gruppe]:
            schreiber.writerow(
                [
                    titel,
                    zeile.name,
                    zeile.angebote,
                    zeile.durchfuehrungen,
                    zeile.plaetze,
                    zeile.bestaetigt,
                    zeile.warteliste,
                    "" if zeile.auslastung is None else zeile.auslastung,
                ]
            )
    return antwort
