"""Pages of the room: the shared challenges (public ones for everyone, network-only ones for
the network), the funder's report (coordinators only) and the public "About us" timeline."""

from __future__ import annotations

from datetime import date

from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from arbeitsgruppen.models import Arbeitsgruppe
from netzwerk.berechtigungen import im_netzwerk, nur_koordination
from netzwerk.csvexport import csv_antwort
from netzwerk.koordination import bericht as bericht_
from netzwerk.koordination import diagramm
from netzwerk.koordination.forms import HerausforderungFilter, ZeitraumForm
from netzwerk.koordination.models import Folgeschritt, Herausforderung, Verlaufseintrag
from netzwerk.models import Netzwerkprofil, Seite
from netzwerk.seiten import blaettern
from termine.models import Termin

# ------------------------------------------------------------------------- challenges


@require_safe
def liste(request: HttpRequest) -> HttpResponse:
    filter_ = HerausforderungFilter(
        request.GET or None,
        queryset=Herausforderung.objects.sichtbar_fuer(request.user).fuer_listen(),
    )
    seite = blaettern(request, filter_.qs.order_by("-aufgekommen_am", "-pk"))
    return render(
        request,
        "koordination/liste.html",
        {"form": filter_.form, "seite": seite, "im_netzwerk": im_netzwerk(request.user)},
    )


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    herausforderung = get_object_or_404(
        Herausforderung.objects.sichtbar_fuer(request.user)
        .select_related("ortsteil", "arbeitsgruppe", "vorhaben__gruppe", "termin")
        .prefetch_related(
            "akteure",
            Prefetch(
                "folgeschritte", queryset=Folgeschritt.objects.select_related("akteur", "person")
            ),
            Prefetch("verlauf", queryset=Verlaufseintrag.objects.select_related("termin")),
        ),
        pk=pk,
    )
    sichtbare_gruppen = Arbeitsgruppe.objects.sichtbar_fuer(request.user)
    vorhaben = herausforderung.vorhaben
    if vorhaben and not sichtbare_gruppen.filter(pk=vorhaben.gruppe_id).exists():
        vorhaben = None
    gruppe = herausforderung.arbeitsgruppe
    if gruppe and not sichtbare_gruppen.filter(pk=gruppe.pk).exists():
        gruppe = None
    # Meetings are named only where the user may see them (a group's internal meeting is not).
    termin_ids = {herausforderung.termin_id} | {e.termin_id for e in herausforderung.verlauf.all()}
    sichtbare_termine = set(
        Termin.objects.sichtbar_fuer(request.user)
        .filter(pk__in=termin_ids - {None})
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "koordination/detail.html",
        {
            "h": herausforderung,
            "sichtbare_termine": sichtbare_termine,
            "vorhaben": vorhaben,
            "gruppe": gruppe,
            # Names of people who took on a follow-up stay within the network.
            "personen_zeigen": im_netzwerk(request.user),
            "heute": timezone.localdate(),
        },
    )


# ----------------------------------------------------------------------------- report

SCHNELLWAHL = {
    diagramm.QUARTAL: gettext_lazy("This quarter"),
    diagramm.VORQUARTAL: gettext_lazy("Last quarter"),
    diagramm.JAHR: gettext_lazy("This year"),
    diagramm.VORJAHR: gettext_lazy("Last year"),
}


def _zeitraum(request: HttpRequest) -> tuple[ZeitraumForm, date, date]:
    """The period from `?zeitraum=` (a quick choice) or `?von=&bis=`; this year otherwise
    (also when the dates are invalid: the form shows the message next to the field)."""
    heute = timezone.localdate()
    von, bis = diagramm.zeitraum(diagramm.JAHR, heute)
    wahl = diagramm.zeitraum(request.GET.get("zeitraum", ""), heute)
    if wahl:
        von, bis = wahl
        return ZeitraumForm(initial={"von": von, "bis": bis}), von, bis
    if "von" in request.GET or "bis" in request.GET:
        form = ZeitraumForm(request.GET)
        if form.is_valid():
            return form, form.cleaned_data["von"], form.cleaned_data["bis"]
        return form, von, bis
    return ZeitraumForm(initial={"von": von, "bis": bis}), von, bis


def _schnellwahl(von: date, bis: date) -> list[dict]:
    heute = timezone.localdate()
    return [
        {
            "label": label,
            "query": f"zeitraum={wahl}",
            "an": diagramm.zeitraum(wahl, heute) == (von, bis),
        }
        for wahl, label in SCHNELLWAHL.items()
    ]


def _kontext(request: HttpRequest) -> dict:
    form, von, bis = _zeitraum(request)
    return {
        "form": form,
        "von": von,
        "bis": bis,
        "abschnitte": bericht_.bericht(von, bis),
        "schnellwahl": _schnellwahl(von, bis),
        "query": f"von={von.isoformat()}&bis={bis.isoformat()}",
        "netzwerk_profil": Netzwerkprofil.aktuell(),
    }


@nur_koordination
@require_safe
def bericht(request: HttpRequest) -> HttpResponse:
    return render(request, "koordination/bericht.html", _kontext(request))


@nur_koordination
@require_safe
def bericht_csv(request: HttpRequest) -> HttpResponse:
    kontext = _kontext(request)
    von, bis = kontext["von"], kontext["bis"]
    antwort, schreiber = csv_antwort(f"bericht-{von.isoformat()}-{bis.isoformat()}.csv")
    schreiber.writerow(
        [
            _("From"),
            _("Until"),
            _("Group"),
            _("Key"),
            _("Figure"),
            _("Breakdown"),
            _("Value"),
            _("Unit"),
        ]
    )
    schreiber.writerows(bericht_.csv_zeilen(von, bis, kontext["abschnitte"]))
    return antwort


def _nichts_laden(url: str, *args, **kwargs):
    from weasyprint.urls import URLFetchingError

    raise URLFetchingError(f"external resource refused: {url}")


@nur_koordination
@require_safe
def bericht_pdf(request: HttpRequest) -> HttpResponse:
    """The report as an A4 PDF (WeasyPrint, imported only here; it may load nothing)."""
    import weasyprint
    from django.conf import settings

    kontext = _kontext(request)
    html = render_to_string("koordination/bericht_pdf.html", kontext, request=request)
    css = weasyprint.CSS(
        filename=finders.find("koordination/bericht-pdf.css"), url_fetcher=_nichts_laden
    )
    pdf = weasyprint.HTML(
        string=html, base_url=settings.SITE_URL, url_fetcher=_nichts_laden
    ).write_pdf(stylesheets=[css])
    antwort = HttpResponse(pdf, content_type="application/pdf")
    name = f"bericht-{kontext['von'].isoformat()}-{kontext['bis'].isoformat()}.pdf"
    antwort["Content-Disposition"] = f'attachment; filename="{name}"'
    return antwort


# ------------------------------------------------------------------------------ about us


@require_safe
def ueber_uns(request: HttpRequest) -> HttpResponse:
    """The public "About us" page: the coordinators' text (a Seite of that kind, if they
    wrote one) above the network's yearly timeline."""
    return render(
        request,
        "koordination/ueber_uns.html",
        {
            "seite": Seite.objects.filter(art=Seite.Art.UEBER_UNS).first(),
            "zeitleiste": bericht_.zeitleiste(),
        },
    )
