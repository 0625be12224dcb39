"""Public pages of the Ferienkalender: periods, lists, weeks, offers, feeds, leaflet, widget."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Count, Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from netzwerk.berechtigungen import ist_koordination
from netzwerk.eingaben import datum
from netzwerk.models import Netzwerkprofil
from netzwerk.seiten import blaettern
from termine import schnellwahl
from termine.feeds import Stand, ical_feed
from termine.ferien import ical
from termine.ferien import services as ferien
from termine.ferien.forms import AngebotFilter
from termine.ferien.models import lokale_mitternacht
from termine.forms import WANN
from termine.models import Durchfuehrung, Ferienangebot, Ferienwoche, Ferienzeitraum


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


def _paare(request: HttpRequest) -> list[tuple[str, str]]:
    return [(k, v) for k, werte in request.GET.lists() for v in werte]


def _filter_anzahl(request: HttpRequest) -> int:
    """How many filters behind the "Filter" button are set (the button shows it)."""
    return schnellwahl.anzahl_aktiv(_paare(request), AngebotFilter.FELDER_IM_FILTER)


def _schnellwahl(request: HttpRequest, zeitraum: Ferienzeitraum) -> list[dict]:
    """The chips Heute, Dieses Wochenende, Nächste Woche, as far as they meet the period."""
    heute = timezone.localdate()
    wahlen = [
        ("wann", wert, label)
        for wert, label in WANN
        if schnellwahl.ueberschneidet(schnellwahl.tage(wert, heute), zeitraum.beginn, zeitraum.ende)
    ]
    return schnellwahl.chips(_paare(request), wahlen)


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
    seite = blaettern(request, angebote)
    kontext = {
        "zeitraum": zeitraum_obj,
        "filter": filterset,
        "seite": seite,
        "filter_anzahl": _filter_anzahl(request),
        "schnellwahl": _schnellwahl(request, zeitraum_obj),
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
        "filter_anzahl": _filter_anzahl(request),
        "stand": ferien.anmeldestand(zeitraum_obj),
    }
    return render(request, "termine/ferien/tage.html", kontext)


def angebot(request: HttpRequest, zeitraum: str, pk: int) -> HttpResponse:
    zeitraum_obj = _zeitraum(request, zeitraum)
    angebote = _angebote(zeitraum_obj)
    if request.user.is_authenticated:
        # Providers preview their own drafts.
        angebote = angebote | Ferienangebot.objects.schreibbar_fuer(request.user).im_zeitraum(
            zeitraum_obj
        )
    angebot_obj = get_object_or_404(angebote.fuer_listen(), pk=pk)
    eigene = ferien.aktive_anmeldungen_der_familie(request.user)
    anmeldung_offen = zeitraum_obj.anmeldung_offen() and angebot_obj.veroeffentlicht
    jetzt = timezone.now()
    alle = list(angebot_obj.durchfuehrungen.all())
    # Which children may take part is the registration service's call, asked once for all
    # occasions that still take registrations.
    offen = [d for d in alle if anmeldung_offen and not d.abgesagt and d.termin.start > jetzt]
    auswahl = (
        ferien.kinder_fuer_durchfuehrungen(eltern=request.user, durchfuehrungen=offen)
        if angebot_obj.anmeldung_noetig and offen
        else {}
    )
    durchfuehrungen = [
        (d, eigene.get(d.pk, []), _schnellanmeldung(auswahl.get(d.pk, []))) for d in alle
    ]
    return render(
        request,
        "termine/ferien/angebot.html",
        {
            "zeitraum": zeitraum_obj,
            "angebot": angebot_obj,
            "durchfuehrungen": durchfuehrungen,
            "anmeldung_offen": anmeldung_offen,
            "stand": ferien.anmeldestand(zeitraum_obj),
            "jetzt": jetzt,
        },
    )


def _schnellanmeldung(auswahl: list) -> dict | None:
    """What the offer page needs to register the family's children in one step."""
    if not auswahl:
        return None
    moegliche = [a for a in auswahl if a.moeglich]
    return {
        "moegliche": moegliche,
        "andere": [a for a in auswahl if not a.moeglich],
        "telefon_fehlt": any(not a.kind.notfall_telefon for a in moegliche),
        "schwimmer_fehlt": any(a.schwimmer_fehlt for a in moegliche),
    }


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
    seite = blaettern(request, angebote)
    return render(
        request,
        "termine/ferien/widget.html",
        {
            "zeitraum": zeitraum_obj,
            "seite": seite,
            # The widget sits on other sites: its links need the full address, taken from
            # the request that loaded the widget (the portal's own host), not SITE_URL.
            "basis_url": request.build_absolute_uri("/").rstrip("/"),
        },
    )
