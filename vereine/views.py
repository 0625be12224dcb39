"""Pages of the Akteure app. Thin: look up through scoped querysets, validate, call services.

Ownership is never checked by hand: member pages fetch the actor through
`Akteur.objects.schreibbar_fuer(user)` (content) or `.geleitet_von(user)` (members), so another
actor's objects simply are not found (404).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Substr, Upper
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netzwerk.seiten import blaettern
from vereine import services
from vereine.bilder import bild_entfernen
from vereine.filters import BUCHSTABEN, AkteurFilter, GesuchFilter
from vereine.forms import (
    AkteurProfilForm,
    AkteurVorschlagForm,
    AntwortForm,
    EinladenForm,
    GesuchForm,
    HelfenForm,
    KontaktForm,
    RolleForm,
    RueckmeldungStatusForm,
)
from vereine.models import Akteur, Einladung, Gesuch, Mitgliedschaft, Rueckmeldung, Thema
from vereine.schutz import kontingent_verbrauchen


def _zur_meldung(objekt) -> HttpResponse:
    """Back to the page of `objekt`, scrolled to the messages at the top of the content.

    Without the anchor the browser keeps the form's anchor (#kontakt-titel) and the
    "Danke!" stays far above the view on a phone, so people send twice."""
    return redirect(objekt.get_absolute_url() + "#inhalt")


# --- Public pages -------------------------------------------------------------------------


def liste(request: HttpRequest) -> HttpResponse:
    """The directory: search, filters, A–Z, pages. htmx swaps only the results."""
    basis = (
        Akteur.objects.im_verzeichnis(request.user)
        .mit_offenen_gesuchen()
        .select_related("ortsteil")
        .prefetch_related(Prefetch("themen", queryset=Thema.objects.order_by("name")))
        .order_by("name")
    )
    filter_ = AkteurFilter(request.GET or None, queryset=basis, request=request)
    seite = blaettern(request, filter_.qs)
    vorhandene_buchstaben = set(
        Akteur.objects.im_verzeichnis(request.user)
        .annotate(b=Upper(Substr("name", 1, 1)))
        .values_list("b", flat=True)
        .distinct()
    )
    kontext = {
        "filter": filter_,
        "seite": seite,
        "buchstaben": [(b, b in vorhandene_buchstaben) for b in BUCHSTABEN],
        "aktueller_buchstabe": request.GET.get("buchstabe", ""),
    }
    vorlage = "vereine/liste.html#ergebnisse" if request.htmx else "vereine/liste.html"
    return render(request, vorlage, kontext)


@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An actor's page, with the contact relay form (the address is never shown)."""
    akteur = get_object_or_404(
        Akteur.objects.sichtbar_fuer(request.user).select_related("ortsteil"), slug=slug
    )
    form = KontaktForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["homepage"]:
            # A bot filled the honeypot: thank it and send nothing.
            messages.success(request, _("Thank you! Your message is on its way."))
            return _zur_meldung(akteur)
        if not kontingent_verbrauchen(request, "kontakt"):
            form.add_error(None, _("You have sent many messages. Please try again in an hour."))
        else:
            services.kontakt_weiterleiten(
                akteur=akteur,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                nachricht=form.cleaned_data["nachricht"],
            )
            messages.success(request, _("Thank you! Your message is on its way."))
            return _zur_meldung(akteur)
    gesuche = akteur.gesuche.offen().select_related("ortsteil")
    themen = list(akteur.themen.all())
    kontext = {
        "akteur": akteur,
        "themen": themen,
        "gesuche": gesuche,
        "form": form,
        "ist_mitglied": Akteur.objects.schreibbar_fuer(request.user).filter(pk=akteur.pk).exists(),
        "organisation": _organisation_json_ld(request, akteur, themen),
    }
    return render(request, "vereine/detail.html", kontext)


def _organisation_json_ld(request: HttpRequest, akteur: Akteur, themen: list[Thema]) -> dict:
    """schema.org Organization; the e-mail address is left out on purpose."""
    daten: dict = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": akteur.name,
        "url": request.build_absolute_uri(akteur.get_absolute_url()),
    }
    if akteur.kurzbeschreibung:
        daten["description"] = akteur.kurzbeschreibung
    if akteur.logo:
        daten["logo"] = request.build_absolute_uri(akteur.logo.url)
    if akteur.website:
        daten["sameAs"] = [akteur.website]
    if akteur.telefon:
        daten["telephone"] = akteur.telefon
    if akteur.gruendungsjahr:
        daten["foundingDate"] = str(akteur.gruendungsjahr)
    if akteur.strasse or akteur.ort:
        daten["address"] = {
            "@type": "PostalAddress",
            "streetAddress": akteur.strasse,
            "postalCode": akteur.plz,
            "addressLocality": akteur.ort,
            "addressCountry": "DE",
        }
    if themen:
        daten["knowsAbout"] = [t.name for t in themen]
    return daten


def gesuche(request: HttpRequest) -> HttpResponse:
    """The Mitmachen board: open needs of all actors, with filters."""
    basis = (
        Gesuch.objects.sichtbar_fuer(request.user)
        .select_related("akteur", "ortsteil")
        .order_by("-erstellt")
    )
    filter_ = GesuchFilter(request.GET or None, queryset=basis, request=request)
    kontext = {"filter": filter_, "seite": blaettern(request, filter_.qs)}
    vorlage = "vereine/gesuche.html#ergebnisse" if request.htmx else "vereine/gesuche.html"
    return render(request, vorlage, kontext)


@require_http_methods(["GET", "POST"])
def gesuch(request: HttpRequest, pk: int) -> HttpResponse:
    """One need with the “Ich möchte helfen” form."""
    gesuch = get_object_or_404(
        Gesuch.objects.sichtbar_fuer(request.user).select_related("akteur", "ortsteil"), pk=pk
    )
    form = HelfenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        danke = _("Thank you! We have passed on your offer. The actor will get back to you.")
        if form.cleaned_data["homepage"]:
            messages.success(request, danke)
            return _zur_meldung(gesuch)
        if not kontingent_verbrauchen(request, "helfen"):
            form.add_error(None, _("You have sent many messages. Please try again in an hour."))
        else:
            services.hilfe_anbieten(
                gesuch=gesuch,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                nachricht=form.cleaned_data["nachricht"],
            )
            messages.success(request, danke)
            return _zur_meldung(gesuch)
    return render(
        request,
        "vereine/gesuch.html",
        {"gesuch": gesuch, "form": form},
    )


# --- Proposing an actor -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def vorschlagen(request: HttpRequest) -> HttpResponse:
    form = AkteurVorschlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.akteur_vorschlagen(
            akteur=form.save(commit=False), themen=form.cleaned_data["themen"], von=request.user
        )
        messages.success(
            request,
            _(
                "Thank you! The coordination team will look at your proposal and let you know "
                "by e-mail."
            ),
        )
        return redirect("mein_bereich")
    return render(request, "vereine/vorschlagen.html", {"form": form})


# --- Member pages: profile ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def bearbeiten(request: HttpRequest, slug: str) -> HttpResponse:
    akteur = get_object_or_404(Akteur.objects.schreibbar_fuer(request.user), slug=slug)
    alte_bilder = {"logo": akteur.logo.name, "foto": akteur.foto.name}
    form = AkteurProfilForm(request.POST or None, request.FILES or None, instance=akteur)
    if request.method == "POST" and form.is_valid():
        akteur = form.save()
        # Replaced or removed pictures (and their thumbnails) leave the storage too.
        for feld, alter_name in alte_bilder.items():
            if alter_name and getattr(akteur, feld).name != alter_name:
                bild_entfernen(getattr(akteur, feld).storage, alter_name)
        messages.success(request, _("Saved. Your entry is up to date."))
        return redirect(akteur)
    return render(
        request,
        "vereine/bearbeiten.html",
        {"akteur": akteur, "form": form},
    )


# --- Member pages: memberships (Leitung only) ---------------------------------------------


def _geleitet(request: HttpRequest, slug: str) -> Akteur:
    return get_object_or_404(Akteur.objects.geleitet_von(request.user), slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def mitglieder(request: HttpRequest, slug: str) -> HttpResponse:
    """Members and open invitations; the form invites someone new."""
    akteur = _geleitet(request, slug)
    form = EinladenForm(request.POST or None, akteur=akteur)
    if request.method == "POST" and form.is_valid():
        services.mitglied_einladen(
            akteur=akteur,
            email=form.cleaned_data["email"],
            rolle=form.cleaned_data["rolle"],
            von=request.user,
        )
        messages.success(
            request,
            _("Invitation sent to %(email)s. The link is valid for 14 days.")
            % {"email": form.cleaned_data["email"]},
        )
        return redirect("vereine:mitglieder", slug=akteur.slug)
    kontext = {
        "akteur": akteur,
        "form": form,
        "mitgliedschaften": akteur.mitgliedschaften.select_related("user").order_by(
            "rolle", "user__email"
        ),
        "einladungen": akteur.einladungen.filter(angenommen_am__isnull=True),
        "rollen": Mitgliedschaft.Rolle.choices,
    }
    return render(request, "vereine/mitglieder.html", kontext)


@login_required
@require_POST
def mitglied_rolle(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    akteur = _geleitet(request, slug)
    mitgliedschaft = get_object_or_404(akteur.mitgliedschaften, pk=pk)
    form = RolleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a role."))
    else:
        try:
            services.rolle_aendern(mitgliedschaft=mitgliedschaft, rolle=form.cleaned_data["rolle"])
        except services.RegelVerletzt as fehler:
            messages.error(request, str(fehler))
        else:
            messages.success(request, _("Role changed."))
    return redirect("vereine:mitglieder", slug=akteur.slug)


@login_required
@require_POST
def mitglied_entfernen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    akteur = _geleitet(request, slug)
    mitgliedschaft = get_object_or_404(akteur.mitgliedschaften, pk=pk)
    try:
        services.mitglied_entfernen(mitgliedschaft=mitgliedschaft)
    except services.RegelVerletzt as fehler:
        messages.error(request, str(fehler))
        return redirect("vereine:mitglieder", slug=akteur.slug)
    messages.success(request, _("Member removed."))
    if mitgliedschaft.user_id == request.user.pk:
        return redirect("mein_bereich")
    return redirect("vereine:mitglieder", slug=akteur.slug)


@login_required
@require_POST
def einladung_zurueckziehen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    akteur = _geleitet(request, slug)
    get_object_or_404(akteur.einladungen.filter(angenommen_am__isnull=True), pk=pk).delete()
    messages.success(request, _("Invitation withdrawn. The link no longer works."))
    return redirect("vereine:mitglieder", slug=akteur.slug)


@require_http_methods(["GET", "POST"])
def einladung(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the invitation mail. Not logged in: sign up or log in, then come back."""
    try:
        einladung: Einladung | None = services.einladung_aus_token(token)
    except services.EinladungUngueltig:
        einladung = None
    if einladung is None:
        return render(request, "vereine/einladung.html", {"einladung": None}, status=410)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        services.einladung_annehmen(einladung=einladung, user=request.user)
        messages.success(
            request, _("Welcome! You are now a member of %(name)s.") % {"name": einladung.akteur}
        )
        return redirect("mein_bereich")
    return render(request, "vereine/einladung.html", {"einladung": einladung})


# --- Member pages: Gesuche and responses --------------------------------------------------


def _bearbeitbar(request: HttpRequest, slug: str) -> Akteur:
    return get_object_or_404(Akteur.objects.schreibbar_fuer(request.user), slug=slug)


@login_required
def eigene_gesuche(request: HttpRequest, slug: str) -> HttpResponse:
    """All needs of one actor (open and closed) with their response counts."""
    akteur = _bearbeitbar(request, slug)
    liste = akteur.gesuche.annotate(
        anzahl=Count("rueckmeldungen"),
        neue=Count("rueckmeldungen", filter=Q(rueckmeldungen__status=Rueckmeldung.Status.NEU)),
    ).order_by("status", "-erstellt")
    return render(
        request,
        "vereine/eigene_gesuche.html",
        {"akteur": akteur, "seite": blaettern(request, liste)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def gesuch_bearbeiten(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    akteur = _bearbeitbar(request, slug)
    gesuch = get_object_or_404(akteur.gesuche, pk=pk) if pk else Gesuch(akteur=akteur)
    form = GesuchForm(request.POST or None, instance=gesuch)
    if request.method == "POST" and form.is_valid():
        services.gesuch_speichern(gesuch=form.save(commit=False), akteur=akteur)
        messages.success(request, _("Saved."))
        return redirect("vereine:eigene_gesuche", slug=akteur.slug)
    return render(
        request,
        "vereine/gesuch_bearbeiten.html",
        {"akteur": akteur, "gesuch": gesuch, "form": form},
    )


@login_required
def rueckmeldungen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    akteur = _bearbeitbar(request, slug)
    gesuch = get_object_or_404(akteur.gesuche, pk=pk)
    return render(
        request,
        "vereine/rueckmeldungen.html",
        {
            "akteur": akteur,
            "gesuch": gesuch,
            "seite": blaettern(request, gesuch.rueckmeldungen.order_by("-erstellt")),
            "status_auswahl": Rueckmeldung.Status.choices,
        },
    )


def _rueckmeldung(request: HttpRequest, slug: str, pk: int) -> Rueckmeldung:
    akteur = _bearbeitbar(request, slug)
    return get_object_or_404(
        Rueckmeldung.objects.select_related("gesuch__akteur").filter(gesuch__akteur=akteur), pk=pk
    )


@login_required
@require_POST
def rueckmeldung_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    rueckmeldung = _rueckmeldung(request, slug, pk)
    form = RueckmeldungStatusForm(request.POST)
    if form.is_valid():
        services.rueckmeldung_markieren(
            rueckmeldung=rueckmeldung, status=form.cleaned_data["status"]
        )
        messages.success(request, _("Status saved."))
    else:
        messages.error(request, _("Please choose a status."))
    return redirect("vereine:rueckmeldungen", slug=slug, pk=rueckmeldung.gesuch_id)


@login_required
@require_http_methods(["GET", "POST"])
def rueckmeldung_antworten(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    rueckmeldung = _rueckmeldung(request, slug, pk)
    form = AntwortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rueckmeldung_beantworten(
                rueckmeldung=rueckmeldung, text=form.cleaned_data["text"], von=request.user
            )
        except services.RegelVerletzt as fehler:
            form.add_error(None, str(fehler))
        else:
            messages.success(request, _("Your answer has been sent."))
            return redirect("vereine:rueckmeldungen", slug=slug, pk=rueckmeldung.gesuch_id)
    return render(
        request,
        "vereine/antworten.html",
        {"rueckmeldung": rueckmeldung, "akteur": rueckmeldung.gesuch.akteur, "form": form},
    )
