"""Views of the calendar: public pages, iCal downloads and feeds, members' date forms and
the coordinators' Terminabgleich. Thin: querysets scope, services write, kalender reads."""

from __future__ import annotations

import calendar
import hashlib
from collections.abc import Callable
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_http_methods, require_POST

from arbeitsgruppen.models import Arbeitsgruppe
from netzwerk.eingaben import datum, datum_oder_404, id_aus
from netzwerk.models import Ortsteil, Schulferien, User
from termine import feeds, ical, services
from termine.forms import AbsagenForm, TerminFilter, TerminForm
from termine.kalender import eintraege_laden, nach_tagen, zeitpunkt
from termine.models import Termin
from termine.wiederholung import in_ferien, vorkommen
from vereine.models import Akteur, ist_koordination

PRO_SEITE = 20
VORSCHAU_TAGE = 365
# Feeds carry the recent past too, so that a date does not vanish from calendars the day after.
FEED_RUECKBLICK = timedelta(days=180)


def _gefiltert(request: HttpRequest) -> TerminFilter:
    return TerminFilter(request.GET or None, queryset=Termin.objects.sichtbar_fuer(request.user))


def _filter_query(request: HttpRequest) -> str:
    """The current filters as a query string, for links between list, month and day."""
    werte = request.GET.copy()
    werte.pop("seite", None)
    return werte.urlencode()


def liste(request: HttpRequest) -> HttpResponse:
    """Upcoming dates, paginated, with filters."""
    filter_ = _gefiltert(request)
    jetzt = timezone.now()
    eintraege, _ferien = eintraege_laden(
        filter_.qs, jetzt, jetzt + timedelta(days=VORSCHAU_TAGE), nur_ferien=filter_.nur_in_ferien
    )
    seite = Paginator(eintraege, PRO_SEITE).get_page(request.GET.get("seite"))
    heute = timezone.localdate()
    return render(
        request,
        "termine/liste.html",
        {
            "filter": filter_,
            "seite": seite,
            "filter_query": _filter_query(request),
            "heute": heute,
        },
    )


def monat(request: HttpRequest, jahr: int | None = None, monat: int | None = None) -> HttpResponse:
    """A month as a grid (a table; on small screens a list per day)."""
    heute = timezone.localdate()
    if jahr is None or monat is None:
        jahr, monat = heute.year, heute.month
    datum_oder_404(jahr, monat)
    wochen = calendar.Calendar(firstweekday=0).monthdatescalendar(jahr, monat)
    erster, letzter = wochen[0][0], wochen[-1][-1]
    filter_ = _gefiltert(request)
    eintraege, ferien = eintraege_laden(
        filter_.qs,
        zeitpunkt(erster),
        zeitpunkt(letzter + timedelta(days=1)),
        nur_ferien=filter_.nur_in_ferien,
    )
    pro_tag = nach_tagen(eintraege, erster, letzter)
    vorher = date(jahr, monat, 1) - timedelta(days=1)
    nachher = date(jahr, monat, 28) + timedelta(days=7)
    return render(
        request,
        "termine/monat.html",
        {
            "filter": filter_,
            "filter_query": _filter_query(request),
            "monat_erster": date(jahr, monat, 1),
            "wochen": [
                [
                    {
                        "tag": tag,
                        "eintraege": pro_tag[tag],
                        "im_monat": tag.month == monat,
                        "heute": tag == heute,
                        "ferien": in_ferien(tag, ferien),
                    }
                    for tag in woche
                ]
                for woche in wochen
            ],
            "wochentage": [calendar.day_name[i] for i in range(7)],
            "vorher": vorher,
            "nachher": nachher,
            "anzahl": len(eintraege),
        },
    )


def tag(request: HttpRequest, jahr: int, monat: int, tag: int) -> HttpResponse:
    """All dates of one day."""
    der_tag = datum_oder_404(jahr, monat, tag)
    filter_ = _gefiltert(request)
    eintraege, ferien = eintraege_laden(
        filter_.qs,
        zeitpunkt(der_tag),
        zeitpunkt(der_tag + timedelta(days=1)),
        nur_ferien=filter_.nur_in_ferien,
    )
    ferien_namen = list(Schulferien.objects.am(der_tag).values_list("name", flat=True))
    return render(
        request,
        "termine/tag.html",
        {
            "filter": filter_,
            "filter_query": _filter_query(request),
            "tag": der_tag,
            "eintraege": eintraege,
            "vorher": der_tag - timedelta(days=1),
            "nachher": der_tag + timedelta(days=1),
            "ferien_namen": ferien_namen,
            "feiertag": services.feiertage().get(der_tag),
        },
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One date; for a series, `?am=YYYY-MM-DD` picks the occurrence (default: the next)."""
    termin = get_object_or_404(Termin.objects.sichtbar_fuer(request.user).fuer_listen(), pk=pk)
    jetzt = timezone.now()
    ferien = [
        (f.beginn, f.ende)
        for f in Schulferien.objects.ueberschneidend(
            timezone.localdate(jetzt) - timedelta(days=400),
            timezone.localdate(jetzt) + timedelta(days=400),
        )
    ]
    serie = termin.als_serie()
    vorkommen_ = None
    naechste = []
    if termin.wiederkehrend:
        if gewaehlt := datum(request.GET.get("am")):
            treffer = vorkommen(
                serie,
                zeitpunkt(gewaehlt),
                zeitpunkt(gewaehlt + timedelta(days=1)),
                schulferien=ferien,
            )
            vorkommen_ = next((v for v in treffer if v.tag == gewaehlt), None)
        naechste = vorkommen(serie, jetzt, jetzt + timedelta(days=120), schulferien=ferien)[:6]
        if vorkommen_ is None and naechste:
            vorkommen_ = naechste[0]
    start = vorkommen_.start if vorkommen_ else termin.start
    ende = vorkommen_.ende if vorkommen_ else termin.ende
    return render(
        request,
        "termine/detail.html",
        {
            "termin": termin,
            "start": start,
            "ende": ende,
            "naechste": naechste,
            "darf_bearbeiten": Termin.objects.editable_by(request.user).filter(pk=pk).exists(),
            "ausnahmen": list(termin.ausnahmen.all()),
            "veranstalter": list(termin.veranstalter.all()),
            "absolute_url": ical.absolute_url(termin.get_absolute_url()),
        },
    )


# --------------------------------------------------------------------------- iCal


def _ical_antwort(inhalt: bytes, dateiname: str, *, anhang: bool) -> HttpResponse:
    antwort = HttpResponse(inhalt, content_type="text/calendar; charset=utf-8")
    art = "attachment" if anhang else "inline"
    antwort["Content-Disposition"] = f'{art}; filename="{dateiname}"'
    return antwort


def _termin_ics_etag(request, pk: int) -> str | None:
    werte = (
        Termin.objects.sichtbar_fuer(request.user)
        .filter(pk=pk)
        .values_list("uid", "sequence", "geaendert")
        .first()
    )
    if werte is None:
        return None
    return hashlib.sha256(repr((ical.FORMAT, werte)).encode()).hexdigest()[:32]


def _termin_ics_last_modified(request, pk: int):
    return (
        Termin.objects.sichtbar_fuer(request.user)
        .filter(pk=pk)
        .values_list("geaendert", flat=True)
        .first()
    )


@condition(etag_func=_termin_ics_etag, last_modified_func=_termin_ics_last_modified)
def termin_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The .ics download of one date (a series with its RRULE)."""
    termin = get_object_or_404(Termin.objects.sichtbar_fuer(request.user).fuer_listen(), pk=pk)
    ferien = _alle_ferien()
    inhalt = ical.kalender([termin], name=termin.titel, ferien=ferien)
    return _ical_antwort(inhalt, f"termin-{termin.pk}.ics", anhang=True)


def _alle_ferien() -> list[tuple[date, date]]:
    return list(Schulferien.objects.values_list("beginn", "ende"))


type FeedQuelle = Callable[..., tuple[object, str]]


def _feed_view(quelle: FeedQuelle, *, privat: bool = False):
    """A calendar feed (see `feeds.ical_feed`) of the Termine `quelle` selects.

    `quelle(request, **kwargs)` returns the Termin queryset of the feed and its name, or
    raises Http404. The feed changes when any of its dates changes, appears or goes, and
    with the school holidays (they become EXDATEs).
    """

    def _termine(request, **kwargs):
        qs, name = quelle(request, **kwargs)
        return qs.kommende(timezone.now() - FEED_RUECKBLICK), name

    def stand(request, **kwargs) -> feeds.Stand:
        qs, _name = _termine(request, **kwargs)
        termine = qs.aggregate(anzahl=Count("pk"), zuletzt=Max("geaendert"), summe=Sum("sequence"))
        ferien = Schulferien.objects.aggregate(anzahl=Count("pk"), zuletzt=Max("ende"))
        return feeds.Stand(
            (sorted(termine.items()), sorted(ferien.items())), termine["zuletzt"], privat=privat
        )

    def bauen(request, **kwargs) -> bytes:
        qs, name = _termine(request, **kwargs)
        return ical.kalender(qs.fuer_listen(), name=name, ferien=_alle_ferien())

    return feeds.ical_feed(stand, bauen, dateiname="termine.ics")


def _netzwerkname() -> str:
    from netzwerk.models import Netzwerkprofil

    return Netzwerkprofil.aktuell().name


def _quelle_alle(request):
    return Termin.objects.oeffentlich(), _("%(netz)s: all dates") % {"netz": _netzwerkname()}


def _quelle_akteur(request, slug: str):
    akteur = get_object_or_404(Akteur.objects.oeffentlich(), slug=slug)
    qs = Termin.objects.oeffentlich().filter(pk__in=Termin.objects.fuer_akteur(akteur).values("pk"))
    return qs, _("Dates: %(name)s") % {"name": akteur.name}


def _quelle_kategorie(request, kategorie: str):
    if kategorie not in Termin.Kategorie.values:
        raise Http404
    label = Termin.Kategorie(kategorie).label
    return Termin.objects.oeffentlich().filter(kategorie=kategorie), _("Dates: %(name)s") % {
        "name": label
    }


def _quelle_ortsteil(request, slug: str):
    ortsteil = get_object_or_404(Ortsteil, slug=slug)
    return Termin.objects.oeffentlich().filter(ortsteil=ortsteil), _("Dates: %(name)s") % {
        "name": ortsteil.name
    }


def _quelle_gruppe(request, slug: str):
    # Only groups whose work is open to read publish a feed, and only their public dates.
    gruppe = get_object_or_404(
        Arbeitsgruppe.objects.exclude(sichtbarkeit=Arbeitsgruppe.Sichtbarkeit.INTERN), slug=slug
    )
    return Termin.objects.oeffentlich().filter(arbeitsgruppe=gruppe), _("Dates: %(name)s") % {
        "name": gruppe.name
    }


def _quelle_persoenlich(request, token: str):
    user = get_object_or_404(User, feed_token=token, is_active=True)
    return Termin.objects.sichtbar_fuer(user), _("%(netz)s: my dates") % {"netz": _netzwerkname()}


feed_alle = _feed_view(_quelle_alle)
feed_akteur = _feed_view(_quelle_akteur)
feed_kategorie = _feed_view(_quelle_kategorie)
feed_ortsteil = _feed_view(_quelle_ortsteil)
feed_gruppe = _feed_view(_quelle_gruppe)
feed_persoenlich = _feed_view(_quelle_persoenlich, privat=True)


def webcal(url: str) -> str:
    return "webcal://" + url.split("://", 1)[-1]


def abonnieren(request: HttpRequest) -> HttpResponse:
    """Help page: how to subscribe in Google, Apple, Outlook and Thunderbird."""

    def eintrag(name: str, pfad: str) -> dict[str, str]:
        url = ical.absolute_url(pfad)
        return {"name": name, "url": url, "webcal": webcal(url)}

    feeds = [eintrag(_("All public dates"), reverse("termine:feed"))]
    feeds += [
        eintrag(label, reverse("termine:feed_kategorie", args=[wert]))
        for wert, label in Termin.Kategorie.choices
    ]
    ortsteile = [
        eintrag(o.name, reverse("termine:feed_ortsteil", args=[o.slug]))
        for o in Ortsteil.objects.all()
    ]
    persoenlich = None
    if request.user.is_authenticated:
        persoenlich = eintrag(
            _("My dates"), reverse("termine:feed_persoenlich", args=[request.user.feed_token])
        )
    return render(
        request,
        "termine/abonnieren.html",
        {"feeds": feeds, "ortsteile": ortsteile, "persoenlich": persoenlich},
    )


# ------------------------------------------------------------------- Mein Bereich


@login_required
def meine_termine(request: HttpRequest) -> HttpResponse:
    """The dates the member may edit, upcoming first, paginated."""
    qs = (
        Termin.objects.editable_by(request.user)
        .kommende()
        .select_related("ortsteil")
        .prefetch_related("veranstalter")
        .order_by("start", "pk")
    )
    seite = Paginator(qs, PRO_SEITE).get_page(request.GET.get("seite"))
    return render(request, "termine/meine_termine.html", {"seite": seite})


def _konflikte_fuer(form: TerminForm, user) -> list[services.Konflikt]:
    termin = form.instance
    return services.terminabgleich_pruefen(
        termin=termin,
        veranstalter_ids=[a.pk for a in form.cleaned_data.get("veranstalter") or []],
        sichtbar_fuer=user,
        ausnahmen=form.cleaned_data.get("ausnahmen_text") or [],
    )


def _formular(request: HttpRequest, termin: Termin | None) -> HttpResponse:
    neu = termin is None
    form = TerminForm(
        request.POST or None,
        request.FILES or None,
        instance=termin or Termin(),
        user=request.user,
    )
    if neu and request.method == "GET" and "gruppe" in request.GET:
        # "Plan a meeting" on a group page: the group organises it, for its members only.
        gruppe = (
            form.fields["arbeitsgruppe"].queryset.filter(pk=id_aus(request.GET["gruppe"])).first()
        )
        if gruppe is not None:
            form.initial.update(arbeitsgruppe=gruppe.pk, sichtbarkeit=Termin.Sichtbarkeit.GRUPPE)
    konflikte: list[services.Konflikt] = []
    if request.method == "POST" and form.is_valid():
        konflikte = _konflikte_fuer(form, request.user)
        if not konflikte or form.cleaned_data.get("trotzdem_speichern"):
            gespeichert = services.termin_speichern(
                termin=form.save(commit=False),
                von=request.user,
                veranstalter=form.cleaned_data["veranstalter"],
                ausnahmen=form.cleaned_data["ausnahmen_text"],
            )
            messages.success(
                request, _("Your date is saved.") if neu else _("Your changes are saved.")
            )
            return redirect(gespeichert)
    return render(
        request,
        "termine/termin_form.html",
        {
            "form": form,
            "termin": termin,
            "konflikte": konflikte,
            "geprueft": request.method == "POST" and form.is_valid(),
        },
        status=200,
    )


def termin_zum_aendern(user, pk: int, qs=None) -> Termin:
    """The Termin `pk` from `qs` if `user` may change it. The host's members of a Stammtisch
    see that it is theirs but may not change it: 403 with a hint; anyone else: 404, so the
    existence of other actors' dates does not leak."""
    qs = Termin.objects.all() if qs is None else qs
    termin = qs.filter(pk__in=Termin.objects.editable_by(user).values("pk"), pk=pk).first()
    if termin is not None:
        return termin
    if Termin.objects.eigene(user).filter(pk=pk, stammtisch__isnull=False).exists():
        raise PermissionDenied(
            _(
                "The coordinators look after the Stammtisch and its minutes. "
                "You can propose a topic on the meeting's page."
            )
        )
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def termin_neu(request: HttpRequest) -> HttpResponse:
    return _formular(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def termin_bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    termin = termin_zum_aendern(request.user, pk)
    return _formular(request, termin)


@login_required
@require_POST
def abgleich(request: HttpRequest) -> HttpResponse:
    """htmx: the clash list for the form as typed so far (empty while it is incomplete)."""
    form = TerminForm(request.POST, instance=Termin(), user=request.user)
    konflikte = _konflikte_fuer(form, request.user) if form.is_valid() else []
    return render(
        request,
        "termine/termin_form.html#konflikte",
        {"konflikte": konflikte, "live": True, "geprueft": form.is_valid()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def termin_absagen(request: HttpRequest, pk: int) -> HttpResponse:
    termin = termin_zum_aendern(request.user, pk)
    form = AbsagenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.termin_absagen(termin=termin, grund=form.cleaned_data["grund"], von=request.user)
        messages.success(request, _("The date is cancelled. It stays visible, struck through."))
        return redirect(termin)
    return render(request, "termine/absagen.html", {"form": form, "termin": termin})


@login_required
@require_POST
def feed_token_erneuern(request: HttpRequest) -> HttpResponse:
    """Draw a new secret for the personal feed; the old link stops working at once."""
    request.user.neuer_feed_token()
    messages.success(
        request,
        _("Your personal calendar link is renewed. The old link no longer works."),
    )
    return redirect("mein_bereich")


# ------------------------------------------------------------------- Koordination


@login_required
def terminabgleich_uebersicht(request: HttpRequest) -> HttpResponse:
    """Coordinators: the clash days of the next months, printable, with a text export."""
    if not ist_koordination(request.user):
        raise PermissionDenied
    heute = timezone.localdate()
    von, bis = heute, heute + timedelta(days=92)
    fehler = None
    eingaben = {n: request.GET.get(n) for n in ("von", "bis") if request.GET.get(n)}
    if any(datum(w) is None for w in eingaben.values()):
        fehler = _("Please enter the days like 2026-05-22.")
    else:
        von = datum(eingaben.get("von")) or von
        bis = datum(eingaben.get("bis")) or bis
    if bis < von or (bis - von).days > 400:
        fehler = _("Please choose a period of at most one year, the end after the start.")
        von, bis = heute, heute + timedelta(days=92)
    tage = services.terminabgleich_fuer_zeitraum(von=von, bis=bis, sichtbar_fuer=request.user)
    text = services.terminabgleich_als_text(tage)
    if request.GET.get("format") == "md":
        antwort = HttpResponse(text, content_type="text/markdown; charset=utf-8")
        antwort["Content-Disposition"] = f'inline; filename="terminabgleich-{von}-{bis}.md"'
        return antwort
    ids = {t.id for tag in tage for t in tag.termine}
    termine = Termin.objects.in_bulk(ids)
    return render(
        request,
        "termine/terminabgleich.html",
        {
            "tage": [
                {
                    "tag": tag,
                    # Each entry with its own occurrence: a series' start is not the
                    # day it clashes on.
                    "termine": [
                        {"termin": termine[t.id], "start": t.start, "ende": t.end}
                        for t in tag.termine
                        if t.id in termine
                    ],
                    "gruende": [
                        services.grund_text(g)
                        for g in sorted(
                            {r for p in tag.pairs for r in p.reasons},
                            key=list(services.ClashReason).index,
                        )
                    ],
                }
                for tag in tage
            ],
            "von": von,
            "bis": bis,
            "fehler": fehler,
            "text": text,
            "stand": http_date(timezone.now().timestamp()),
        },
    )
