"""Pages of the Markt der guten Geschäfte. Thin: scoped lookups, forms, services.

Ownership is never checked by hand: member pages fetch the actor through
`Akteur.objects.schreibbar_fuer(user)`, deals through `Vereinbarung.objects.sichtbar_fuer(user)`
and the parties through `services.eigene_seiten`, so another actor's objects are not found.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from netzwerk.csvexport import csv_antwort
from netzwerk.models import Netzwerkprofil
from netzwerk.seiten import blaettern
from vereine.marktplatz import passung, services, statistik
from vereine.marktplatz.forms import (
    AnmeldenForm,
    EintragFilter,
    EintragForm,
    ErgebnisForm,
    SeiteForm,
    VereinbarungForm,
)
from vereine.marktplatz.models import (
    Art,
    Eintrag,
    Markt,
    MarktAnmeldung,
    Seite,
    Vereinbarung,
    seite_von,
)
from vereine.models import Akteur, Thema

LIVE_LETZTE = 8


def _grund(vorschlag: passung.Vorschlag) -> str:
    gemeinsam = [str(Art(vorschlag.art).label), *vorschlag.themen]
    if vorschlag.ortsteil:
        gemeinsam.append(_("district %(name)s") % {"name": vorschlag.ortsteil})
    return _("both: %(gemeinsam)s") % {"gemeinsam": ", ".join(gemeinsam)}


# ----------------------------------------------------------------------------- public pages


def start(request: HttpRequest) -> HttpResponse:
    """Offers and needs of all actors, with filters; the next markets above them."""
    basis = (
        Eintrag.objects.oeffentlich()
        .select_related("akteur", "ortsteil")
        .order_by("-erstellt", "-pk")
    )
    filter_ = EintragFilter(request.GET or None, queryset=basis, request=request)
    kontext = {"filter": filter_, "seite": blaettern(request, filter_.qs)}
    if request.htmx:
        return render(request, "marktplatz/start.html#ergebnisse", kontext)
    kontext["maerkte"] = (
        Markt.objects.sichtbar_fuer(request.user)
        .kommende()
        .select_related("termin")
        .order_by("termin__start")[:3]
    )
    kontext["eigene_akteure"] = (
        Akteur.objects.schreibbar_fuer(request.user).order_by("name")
        if request.user.is_authenticated
        else []
    )
    return render(request, "marktplatz/start.html", kontext)


def eintrag(request: HttpRequest, pk: int) -> HttpResponse:
    """One offer or need, with the entries on the other side that fit it and why."""
    eintrag = get_object_or_404(
        Eintrag.objects.sichtbar_fuer(request.user).select_related("akteur", "ortsteil"), pk=pk
    )
    themen = list(eintrag.themen.all())
    kandidaten = (
        Eintrag.objects.oeffentlich()
        .filter(art=eintrag.art)
        .exclude(typ=eintrag.typ)
        .exclude(akteur=eintrag.akteur_id)
        .select_related("akteur", "ortsteil")
        .prefetch_related(Prefetch("themen", queryset=Thema.objects.only("name")))
    )
    nach_pk = {k.pk: k for k in kandidaten}

    def daten(e: Eintrag, themen_namen) -> passung.Daten:
        return passung.Daten(
            pk=e.pk,
            typ=e.typ,
            art=e.art,
            akteur=e.akteur_id,
            ortsteil=e.ortsteil.name if e.ortsteil else None,
            themen=frozenset(themen_namen),
        )

    vorschlaege = passung.vorschlaege(
        daten(eintrag, [t.name for t in themen]),
        [daten(k, [t.name for t in k.themen.all()]) for k in nach_pk.values()],
    )
    kontext = {
        "eintrag": eintrag,
        "themen": themen,
        "vorschlaege": [(nach_pk[v.pk], _grund(v)) for v in vorschlaege],
        "ist_mitglied": Akteur.objects.schreibbar_fuer(request.user)
        .filter(pk=eintrag.akteur_id)
        .exists(),
    }
    return render(request, "marktplatz/eintrag.html", kontext)


def _markt(request: HttpRequest, pk: int) -> Markt:
    return get_object_or_404(
        Markt.objects.sichtbar_fuer(request.user).select_related("termin"), pk=pk
    )


@require_http_methods(["GET"])
def markt(request: HttpRequest, pk: int) -> HttpResponse:
    """The market event: date, who is registered (companies and non-profits), the deals."""
    markt = _markt(request, pk)
    anmeldungen = list(markt.anmeldungen.select_related("akteur").order_by("akteur__name"))
    unternehmen = [a.akteur for a in anmeldungen if seite_von(a.akteur.art) == Seite.UNTERNEHMEN]
    gemeinnuetzig = [a.akteur for a in anmeldungen if a.akteur not in unternehmen]
    eigene = (
        Akteur.objects.schreibbar_fuer(request.user).order_by("name")
        if request.user.is_authenticated
        else Akteur.objects.none()
    )
    angemeldete_pks = {a.akteur_id for a in anmeldungen}
    eigene = list(eigene)
    kontext = {
        "markt": markt,
        "unternehmen": unternehmen,
        "gemeinnuetzig": gemeinnuetzig,
        "eigene_angemeldet": [a for a in eigene if a.pk in angemeldete_pks],
        "anmelden_form": AnmeldenForm(
            akteure=Akteur.objects.filter(
                pk__in=[a.pk for a in eigene if a.pk not in angemeldete_pks]
            )
        )
        if not markt.vorbei
        else None,
        "vereinbarungen": Vereinbarung.objects.bestaetigt()
        .filter(markt=markt)
        .fuer_listen()
        .order_by("nummer"),
        "darf_erfassen": services.darf_erfassen(request.user, markt),
        "ist_makler": services.ist_makler(request.user, markt),
    }
    return render(request, "marktplatz/markt.html", kontext)


@login_required
@require_POST
def anmelden(request: HttpRequest, pk: int) -> HttpResponse:
    markt = _markt(request, pk)
    form = AnmeldenForm(request.POST, akteure=Akteur.objects.schreibbar_fuer(request.user))
    if not form.is_valid():
        raise Http404
    try:
        services.anmelden(markt=markt, akteur=form.cleaned_data["akteur"], von=request.user)
    except services.MarktFehler as fehler:
        messages.error(request, str(fehler))
    else:
        messages.success(
            request,
            _("%(name)s is registered. See you at the market!")
            % {"name": form.cleaned_data["akteur"]},
        )
    return redirect(markt)


@login_required
@require_POST
def abmelden(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    markt = _markt(request, pk)
    akteur = get_object_or_404(Akteur.objects.schreibbar_fuer(request.user), slug=slug)
    anmeldung = get_object_or_404(MarktAnmeldung, markt=markt, akteur=akteur)
    try:
        services.abmelden(markt=markt, akteur=anmeldung.akteur)
    except services.MarktFehler as fehler:
        messages.error(request, str(fehler))
    else:
        messages.success(request, _("Registration withdrawn."))
    return redirect(markt)


def live(request: HttpRequest, pk: int) -> HttpResponse:
    """The big screen: the running count of deals and the latest ones (htmx polls it)."""
    markt = _markt(request, pk)
    bestaetigt = Vereinbarung.objects.bestaetigt().filter(markt=markt)
    kontext = {
        "markt": markt,
        "anzahl": bestaetigt.count(),
        "letzte": bestaetigt.fuer_listen().order_by("-nummer")[:LIVE_LETZTE],
    }
    if request.htmx:
        return render(request, "marktplatz/live.html#zaehler", kontext)
    return render(request, "marktplatz/live.html", kontext)


@login_required
@require_http_methods(["GET", "POST"])
def erfassen(request: HttpRequest, pk: int) -> HttpResponse:
    """The phone form: a broker or a member of either party writes down a deal."""
    markt = _markt(request, pk)
    if not services.darf_erfassen(request.user, markt):
        raise PermissionDenied
    makler = services.ist_makler(request.user, markt)
    form = VereinbarungForm(request.POST or None, makler=makler)
    if request.method == "POST" and form.is_valid():
        daten = form.cleaned_data
        try:
            vereinbarung = services.vereinbarung_erfassen(
                markt=markt,
                partner_a=daten["partner_a"],
                partner_b=daten["partner_b"],
                gibt_a=daten["gibt_a"],
                art_a=daten["art_a"],
                kontakt_a=daten["kontakt_a"],
                gibt_b=daten["gibt_b"],
                art_b=daten["art_b"],
                kontakt_b=daten["kontakt_b"],
                bis=daten["bis"],
                stunden=daten["stunden"],
                vor_ort_a=daten.get("vor_ort_a", False),
                vor_ort_b=daten.get("vor_ort_b", False),
                von=request.user,
            )
        except services.MarktFehler as fehler:
            form.add_error(None, str(fehler))
        else:
            messages.success(
                request,
                _("Deal no. %(nummer)d is written down. Ring the gong!")
                % {"nummer": vereinbarung.nummer},
            )
            return redirect(vereinbarung)
    angemeldet = markt.anmeldungen.values("akteur")
    kontext = {
        "markt": markt,
        "form": form,
        "makler": makler,
        "akteure": Akteur.objects.aktiv()
        .annotate(
            angemeldet=Count(
                "marktplatz_anmeldungen", filter=Q(marktplatz_anmeldungen__markt=markt)
            )
        )
        .order_by("-angemeldet", "name")
        .values_list("name", flat=True),
        "anzahl_angemeldet": angemeldet.count(),
    }
    return render(request, "marktplatz/erfassen.html", kontext)


# ----------------------------------------------------------------------------- deals


def _vereinbarung(request: HttpRequest, pk: int) -> Vereinbarung:
    return get_object_or_404(Vereinbarung.objects.sichtbar_fuer(request.user).fuer_listen(), pk=pk)


def vereinbarung(request: HttpRequest, pk: int) -> HttpResponse:
    """The agreement, printable (A4), with both parties and a signature line."""
    v = _vereinbarung(request, pk)
    kontext = {
        "v": v,
        "eigene_seiten": services.eigene_seiten(request.user, v)
        if request.user.is_authenticated
        else [],
        "netzwerk": Netzwerkprofil.aktuell(),
    }
    return render(request, "marktplatz/vereinbarung.html", kontext)


def vereinbarung_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from vereine.marktplatz.pdf import vereinbarung_als_pdf

    v = _vereinbarung(request, pk)
    pdf = vereinbarung_als_pdf({"v": v, "netzwerk": Netzwerkprofil.aktuell()})
    antwort = HttpResponse(pdf, content_type="application/pdf")
    antwort["Content-Disposition"] = f'inline; filename="vereinbarung-{v.markt_id}-{v.nummer}.pdf"'
    return antwort


@login_required
@require_POST
def bestaetigen(request: HttpRequest, pk: int, seite: str) -> HttpResponse:
    v = _vereinbarung(request, pk)
    if seite not in services.eigene_seiten(request.user, v):
        raise Http404
    services.bestaetigen(vereinbarung=v, seite=seite)
    messages.success(request, _("Thank you! You confirmed the agreement."))
    return redirect(v)


@require_http_methods(["GET", "POST"])
def bestaetigen_link(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link from the mail: no login needed, expires."""
    try:
        v, seite = services.token_laden(token)
    except services.UngueltigerLink as fehler:
        return render(request, "marktplatz/bestaetigen.html", {"fehler": str(fehler)}, status=410)
    if request.method == "POST":
        services.bestaetigen(vereinbarung=v, seite=seite)
        messages.success(request, _("Thank you! You confirmed the agreement."))
        return render(
            request, "marktplatz/bestaetigen.html", {"v": v, "seite": seite, "fertig": True}
        )
    return render(request, "marktplatz/bestaetigen.html", {"v": v, "seite": seite})


@login_required
@require_http_methods(["GET", "POST"])
def seite_bearbeiten(request: HttpRequest, pk: int, seite: str) -> HttpResponse:
    """A party changes its own side; the other side's confirmation is asked again."""
    v = _vereinbarung(request, pk)
    if seite not in services.eigene_seiten(request.user, v):
        raise Http404
    partner = v.partner_a if seite == "a" else v.partner_b
    anfang = (
        {"gibt": v.gibt_a, "art": v.art_a, "kontakt": v.kontakt_a}
        if seite == "a"
        else {"gibt": v.gibt_b, "art": v.art_b, "kontakt": v.kontakt_b}
    )
    form = SeiteForm(request.POST or None, initial=anfang)
    if request.method == "POST" and form.is_valid():
        services.seite_aendern(vereinbarung=v, seite=seite, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(v)
    return render(
        request, "marktplatz/seite_bearbeiten.html", {"v": v, "partner": partner, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def ergebnis(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow-up: what became of the deal (either party)."""
    v = _vereinbarung(request, pk)
    if not services.eigene_seiten(request.user, v):
        raise Http404
    alter_foto = v.foto.name
    form = ErgebnisForm(request.POST or None, request.FILES or None, instance=v)
    if request.method == "POST" and form.is_valid():
        services.ergebnis_melden(
            vereinbarung=v,
            status=form.cleaned_data["status"],
            bericht=form.cleaned_data["bericht"],
            foto=form.cleaned_data["foto"] or None,
            foto_alt=form.cleaned_data["foto_alt"],
        )
        if alter_foto and v.foto.name != alter_foto:
            from vereine.bilder import bild_entfernen

            bild_entfernen(v.foto.storage, alter_foto)
        messages.success(request, _("Thank you for telling us!"))
        return redirect(v)
    return render(request, "marktplatz/ergebnis.html", {"v": v, "form": form})


# ----------------------------------------------------------------------------- members


def _bearbeitbar(request: HttpRequest, slug: str) -> Akteur:
    return get_object_or_404(Akteur.objects.schreibbar_fuer(request.user), slug=slug)


@login_required
def eigene(request: HttpRequest, slug: str) -> HttpResponse:
    """An actor's offers, needs and deals."""
    akteur = _bearbeitbar(request, slug)
    kontext = {
        "akteur": akteur,
        "seite": blaettern(request, akteur.marktplatz_eintraege.select_related("ortsteil")),
        "vereinbarungen": Vereinbarung.objects.filter(Q(partner_a=akteur) | Q(partner_b=akteur))
        .fuer_listen()
        .order_by("-erstellt")[:50],
    }
    return render(request, "marktplatz/eigene.html", kontext)


@login_required
@require_http_methods(["GET", "POST"])
def eintrag_bearbeiten(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    akteur = _bearbeitbar(request, slug)
    eintrag = (
        get_object_or_404(akteur.marktplatz_eintraege, pk=pk) if pk else Eintrag(akteur=akteur)
    )
    form = EintragForm(request.POST or None, instance=eintrag)
    if request.method == "POST" and form.is_valid():
        eintrag = services.eintrag_speichern(
            eintrag=form.save(commit=False), akteur=akteur, von=request.user
        )
        form.save_m2m()
        if eintrag.status == Eintrag.Status.PRUEFUNG:
            messages.success(
                request,
                _("Saved. The coordination team looks at it before it is shown to everyone."),
            )
        else:
            messages.success(request, _("Saved. Your entry is on the market."))
        return redirect("marktplatz:eigene", slug=akteur.slug)
    return render(
        request,
        "marktplatz/eintrag_bearbeiten.html",
        {"akteur": akteur, "eintrag": eintrag, "form": form},
    )


# ----------------------------------------------------------------------------- statistics


def _auswertung():
    maerkte = list(Markt.objects.select_related("termin").order_by("termin__start"))
    deals = [
        statistik.Deal(m, a, b, s, h)
        for m, a, b, s, h in Vereinbarung.objects.bestaetigt().values_list(
            "markt_id", "art_a", "art_b", "status", "stunden"
        )
    ]
    teilnahmen = [
        statistik.Teilnahme(m, seite_von(art).value)
        for m, art in MarktAnmeldung.objects.values_list("markt_id", "akteur__art")
    ]
    return maerkte, statistik.auswerten(deals, teilnahmen, [m.pk for m in maerkte])


def statistik_seite(request: HttpRequest) -> HttpResponse:
    """Figures for the press and the funder (confirmed deals only, no personal data)."""
    maerkte, auswertung = _auswertung()
    kontext = {
        "zeilen": [(m, auswertung.je_markt[m.pk]) for m in maerkte],
        "gesamt": auswertung.gesamt,
        "arten": [(label, auswertung.gesamt.arten.get(wert, 0)) for wert, label in Art.choices],
    }
    return render(request, "marktplatz/statistik.html", kontext)


def statistik_csv(request: HttpRequest) -> HttpResponse:
    maerkte, auswertung = _auswertung()
    # The shared writer keeps formulas out of every cell (titles are typed by people).
    antwort, schreiber = csv_antwort("marktplatz-statistik.csv")
    schreiber.writerow(
        [
            _("Market"),
            _("Date"),
            _("Deals"),
            pgettext("deal result", "Done"),
            _("Did not happen"),
            _("Open"),
            _("Realised share (%)"),
            _("Hours of time given"),
            _("Companies registered"),
            _("Non-profits registered"),
            *[label for _wert, label in Art.choices],
        ]
    )
    for m, z in [*((m, auswertung.je_markt[m.pk]) for m in maerkte), (None, auswertung.gesamt)]:
        schreiber.writerow(
            [
                m.termin.titel if m else _("All markets"),
                timezone.localtime(m.termin.start).date().isoformat() if m else "",
                z.deals,
                z.umgesetzt,
                z.nicht_zustande,
                z.offen,
                "" if z.quote is None else round(z.quote * 100),
                z.stunden,
                z.unternehmen,
                z.gemeinnuetzig,
                *[z.arten.get(wert, 0) for wert, _label in Art.choices],
            ]
        )
    return antwort
