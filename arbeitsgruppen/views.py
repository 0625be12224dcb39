"""Pages of the working groups. Thin: look up with scoped querysets, validate, call services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from arbeitsgruppen import services
from arbeitsgruppen.berechtigungen import LEITEN, SCHREIBEN, Zugang, gruppen_zugang
from arbeitsgruppen.forms import (
    AufgabeForm,
    BeitragForm,
    BeitrittForm,
    BenachrichtigungForm,
    DokumentForm,
    EinladungForm,
    ErsetzenForm,
    GruppenFilterForm,
    RolleForm,
    StatusForm,
    ThreadForm,
    VorhabenForm,
)
from arbeitsgruppen.models import (
    Arbeitsgruppe,
    Aufgabe,
    Beitrag,
    Beitrittsanfrage,
    Dokument,
    DokumentVersion,
    Mitglied,
    Vorhaben,
    im_netzwerk,
)
from netzwerk.eingaben import id_aus

PRO_SEITE = 20


def _seite(request: HttpRequest, qs, pro_seite: int = PRO_SEITE):
    return Paginator(qs, pro_seite).get_page(request.GET.get("seite"))


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
    form = GruppenFilterForm(request.GET or None)
    gruppen = Arbeitsgruppe.objects.sichtbar_fuer(request.user).annotate(
        anzahl_mitglieder=Count("mitglieder", distinct=True)
    )
    if form.is_valid():
        if form.cleaned_data["sichtbarkeit"]:
            gruppen = gruppen.filter(sichtbarkeit=form.cleaned_data["sichtbarkeit"])
        if form.cleaned_data["meine"]:
            gruppen = gruppen.filter(pk__in=Arbeitsgruppe.objects.von(request.user).values("pk"))
        if form.cleaned_data["q"]:
            q = form.cleaned_data["q"]
            gruppen = gruppen.filter(Q(name__icontains=q) | Q(zweck__icontains=q))
    seite = _seite(request, gruppen.order_by("name"))
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


# --- Projects ---------------------------------------------------------------------------------


@gruppen_zugang()
@require_safe
def vorhaben_liste(request: HttpRequest, zugang: Zugang) -> HttpResponse:
    qs = zugang.gruppe.vorhaben.select_related("verantwortlich").annotate(
        offene_aufgaben=Count("aufgaben", filter=~Q(aufgaben__status=Aufgabe.Status.ERLEDIGT))
    )
    status = request.GET.get("status", "")
    if status in Vorhaben.Status.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "arbeitsgruppen/vorhaben_liste.html",
        _ctx(
            zugang,
            seite=_seite(request, qs.order_by("titel")),
            status=status,
            status_auswahl=Vorhaben.Status.choices,
        ),
    )


@gruppen_zugang()
@require_safe
def vorhaben(request: HttpRequest, zugang: Zugang, pk: int) -> HttpResponse:
    obj = get_object_or_404(zugang.gruppe.vorhaben.select_related("verantwortlich"), pk=pk)
    return render(
        request,
        "arbeitsgruppen/vorhaben.html",
        _ctx(
            zugang,
            vorhaben=obj,
            aufgaben=obj.aufgaben.select_related("zustaendig").order_by("status", "faellig"),
        ),
    )


@gruppen_zugang(SCHREIBEN)
@require_http_methods(["GET", "POST"])
def vorhaben_bearbeiten(
    request: HttpRequest, zugang: Zugang, pk: int | None = None
) -> HttpResponse:
    obj = get_object_or_404(zugang.gruppe.vorhaben, pk=pk) if pk else Vorhaben(gruppe=zugang.gruppe)
    form = VorhabenForm(_post(request), instance=obj, gruppe=zugang.gruppe)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Project saved."))
        return redirect(obj)
    return render(
        request,
        "arbeitsgruppen/formular.html",
        _ctx(
            zugang,
            form=form,
            titel=_("Edit project") if pk else _("New project"),
            zurueck=obj.get_absolute_url() if pk else None,
        ),
        status=400 if request.method == "POST" else 200,
    )


# --- Tasks ------------------------------------------------------------------------------------

# The done column shows only the most recent ones; the board stays short.
ERLEDIGT_AUF_BOARD = 20


@gruppen_zugang()
@require_safe
def aufgaben(request: HttpRequest, zugang: Zugang) -> HttpResponse:
    qs = zugang.gruppe.aufgaben.select_related("zustaendig", "vorhaben")
    nur_meine = request.GET.get("meine") == "1" and request.user.is_authenticated
    if nur_meine:
        qs = qs.filter(zustaendig=request.user)
    vorhaben_id = id_aus(request.GET.get("vorhaben"))
    if vorhaben_id is not None:
        qs = qs.filter(vorhaben_id=vorhaben_id)
    offen = list(qs.offen())
    erledigt = list(
        qs.filter(status=Aufgabe.Status.ERLEDIGT).order_by("-erledigt_am", "-pk")[
            :ERLEDIGT_AUF_BOARD
        ]
    )
    spalten = [
        (
            s,
            label,
            [a for a in offen if a.status == s] if s != Aufgabe.Status.ERLEDIGT else erledigt,
        )
        for s, label in Aufgabe.Status.choices
    ]
    return render(
        request,
        "arbeitsgruppen/aufgaben.html",
        _ctx(
            zugang,
            spalten=spalten,
            nur_meine=nur_meine,
            vorhaben_id=vorhaben_id,
            vorhaben_auswahl=list(zugang.gruppe.vorhaben.order_by("titel")),
            erledigt_max=ERLEDIGT_AUF_BOARD,
            status_auswahl=Aufgabe.Status.choices,
        ),
    )


@gruppen_zugang(SCHREIBEN)
@require_http_methods(["GET", "POST"])
def aufgabe_bearbeiten(request: HttpRequest, zugang: Zugang, pk: int | None = None) -> HttpResponse:
    gruppe = zugang.gruppe
    if pk:
        obj = get_object_or_404(gruppe.aufgaben, pk=pk)
    else:
        obj = Aufgabe(gruppe=gruppe, erstellt_von=request.user)
    initial = {}
    if not pk and (vorhaben_id := id_aus(request.GET.get("vorhaben"))):
        initial["vorhaben"] = vorhaben_id
    form = AufgabeForm(_post(request), instance=obj, gruppe=gruppe, initial=initial)
    if request.method == "POST" and form.is_valid():
        aufgabe = form.save(commit=False)
        aufgabe.erledigt_am = (
            aufgabe.erledigt_am or timezone.now()
            if aufgabe.status == Aufgabe.Status.ERLEDIGT
            else None
        )
        aufgabe.save()
        messages.success(request, _("Task saved: %(titel)s") % {"titel": aufgabe.titel})
        return redirect("arbeitsgruppen:aufgaben", gruppe.slug)
    return render(
        request,
        "arbeitsgruppen/formular.html",
        _ctx(
            zugang,
            form=form,
            titel=_("Edit task") if pk else _("New task"),
            zurueck=None,
        ),
        status=400 if request.method == "POST" else 200,
    )


@gruppen_zugang(SCHREIBEN)
@require_POST
def aufgabe_status(request: HttpRequest, zugang: Zugang, pk: int) -> HttpResponse:
    aufgabe = get_object_or_404(zugang.gruppe.aufgaben, pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.aufgabe_status_setzen(aufgabe=aufgabe, status=form.cleaned_data["status"])
        messages.success(
            request,
            _("“%(titel)s” is now: %(status)s.")
            % {"titel": aufgabe.titel, "status": aufgabe.get_status_display()},
        )
    else:
        messages.error(request, _("This status does not exist. Please use the buttons."))
    ziel = request.POST.get("weiter", "")
    if ziel == "meine":
        return redirect("arbeitsgruppen:meine_aufgaben")
    return redirect("arbeitsgruppen:aufgaben", zugang.gruppe.slug)


@login_required
@require_safe
def meine_aufgaben(request: HttpRequest) -> HttpResponse:
    qs = (
        Aufgabe.objects.fuer(request.user)
        .filter(gruppe__in=Arbeitsgruppe.objects.von(request.user))
        .select_related("gruppe", "vorhaben", "zustaendig")
    )
    status = request.GET.get("status", "")
    if status == "alle":
        pass
    elif status in Aufgabe.Status.values:
        qs = qs.filter(status=status)
    else:
        status = ""
        qs = qs.offen()
    return render(
        request,
        "arbeitsgruppen/meine_aufgaben.html",
        {
            "seite": _seite(request, qs),
            "status": status,
            "status_auswahl": Aufgabe.Status.choices,
            "heute": timezone.localdate(),
        },
    )


# --- Documents --------------------------------------------------------------------------------


def _mit_versionen(qs):
    return qs.prefetch_related(
        Prefetch("versionen", queryset=DokumentVersion.objects.order_by("-hochgeladen", "-pk"))
    )


@gruppen_zugang()
@require_safe
def dokumente(request: HttpRequest, zugang: Zugang) -> HttpResponse:
    qs = zugang.gruppe.dokumente.select_related("erstellt_von")
    art = request.GET.get("art", "")
    if art in Dokument.Art.values:
        qs = qs.filter(art=art)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(Q(titel__icontains=q) | Q(beschreibung__icontains=q))
    return render(
        request,
        "arbeitsgruppen/dokumente.html",
        _ctx(
            zugang,
            seite=_seite(request, _mit_versionen(qs)),
            art=art,
            q=q,
            art_auswahl=Dokument.Art.choices,
        ),
    )


@gruppen_zugang(SCHREIBEN)
@require_http_methods(["GET", "POST"])
def dokument_neu(request: HttpRequest, zugang: Zugang) -> HttpResponse:
    form = DokumentForm(*_post_daten(request))
    if request.method == "POST" and form.is_valid():
        daten = form.cleaned_data
        if daten["datei"]:
            try:
                dokument = services.dokument_hochladen(
                    gruppe=zugang.gruppe,
                    titel=daten["titel"],
                    beschreibung=daten["beschreibung"],
                    datei=daten["datei"],
                    dateiname=daten["datei"].name,
                    von=request.user,
                )
            except ValidationError as exc:
                form.add_error("datei", exc)
            else:
                messages.success(request, _("Document uploaded."))
                return redirect(dokument)
        else:
            dokument = services.link_anlegen(
                gruppe=zugang.gruppe,
                titel=daten["titel"],
                url=daten["url"],
                beschreibung=daten["beschreibung"],
                von=request.user,
            )
            messages.success(request, _("Link saved."))
            return redirect("arbeitsgruppen:dokumente", zugang.gruppe.slug)
    return render(
        request,
        "arbeitsgruppen/formular.html",
        _ctx(zugang, form=form, titel=_("Add a document"), mit_dateien=True, zurueck=None),
        status=400 if request.method == "POST" else 200,
    )


@gruppen_zugang()
@require_http_methods(["GET", "POST"])
def dokument(request: HttpRequest, zugang: Zugang, pk: int) -> HttpResponse:
    obj = get_object_or_404(_mit_versionen(zugang.gruppe.dokumente), pk=pk)
    form = None
    if zugang.darf_schreiben and obj.art == Dokument.Art.DATEI:
        form = ErsetzenForm(*_post_daten(request))
    if request.method == "POST":
        if form is None:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        if form.is_valid():
            datei = form.cleaned_data["datei"]
            try:
                services.dokument_ersetzen(
                    dokument=obj, datei=datei, dateiname=datei.name, von=request.user
                )
            except ValidationError as exc:
                form.add_error("datei", exc)
            else:
                messages.success(request, _("New version uploaded. Older versions stay below."))
                return redirect(obj)
    return render(
        request,
        "arbeitsgruppen/dokument.html",
        _ctx(zugang, dokument=obj, form=form),
        status=400 if request.method == "POST" else 200,
    )


@gruppen_zugang()
@require_safe
def herunterladen(request: HttpRequest, zugang: Zugang, pk: int) -> FileResponse:
    version = get_object_or_404(
        DokumentVersion.objects.filter(dokument__gruppe=zugang.gruppe), pk=pk
    )
    try:
        datei = version.datei.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    antwort = FileResponse(
        datei, as_attachment=True, filename=version.dateiname, content_type=version.mimetype
    )
    antwort["X-Content-Type-Options"] = "nosniff"
    antwort["Cache-Control"] = "private, no-store"
    # Should a browser still render it, it runs nothing and reaches nothing.
    antwort["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return antwort


# --- Discussion -------------------------------------------------------------------------------


@gruppen_zugang()
@require_safe
def diskussion(request: HttpRequest, zugang: Zugang) -> HttpResponse:
    qs = (
        zugang.gruppe.threads.select_related("erstellt_von")
        .annotate(anzahl=Count("beitraege"))
        .order_by("-letzter_beitrag", "-pk")
    )
    q = request.GET.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(titel__icontains=q)
    return render(
        request,
        "arbeitsgruppen/diskussion.html",
        _ctx(zugang, seite=_seite(request, qs), q=q),
    )


@gruppen_zugang(SCHREIBEN)
@require_http_methods(["GET", "POST"])
def thread_neu(request: HttpRequest, zugang: Zugang) -> HttpResponse:
    form = ThreadForm(_post(request))
    if request.method == "POST" and form.is_valid():
        thread = services.thread_anlegen(
            gruppe=zugang.gruppe,
            titel=form.cleaned_data["titel"],
            text=form.cleaned_data["text"],
            von=request.user,
        )
        return redirect(thread)
    return render(
        request,
        "arbeitsgruppen/formular.html",
        _ctx(zugang, form=form, titel=_("New topic"), zurueck=None),
        status=400 if request.method == "POST" else 200,
    )


@gruppen_zugang()
@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, zugang: Zugang, pk: int) -> HttpResponse:
    obj = get_object_or_404(zugang.gruppe.threads, pk=pk)
    form = BeitragForm(_post(request)) if zugang.darf_schreiben else None
    if request.method == "POST":
        if form is None:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        if form.is_valid():
            beitrag = services.beitrag_schreiben(
                thread=obj, text=form.cleaned_data["text"], von=request.user
            )
            seite = Paginator(obj.beitraege.all(), PRO_SEITE).num_pages
            return redirect(f"{obj.get_absolute_url()}?seite={seite}#beitrag-{beitrag.pk}")
    seite = _seite(request, obj.beitraege.select_related("autor"))
    jetzt = timezone.now()
    bearbeitbar = (
        {b.pk for b in seite.object_list if b.bearbeitbar_von(request.user, jetzt)}
        if zugang.darf_schreiben
        else set()
    )
    return render(
        request,
        "arbeitsgruppen/thread.html",
        _ctx(zugang, thread=obj, seite=seite, form=form, bearbeitbar=bearbeitbar),
        status=400 if request.method == "POST" else 200,
    )


@gruppen_zugang(SCHREIBEN)
@require_http_methods(["GET", "POST"])
def beitrag_bearbeiten(request: HttpRequest, zugang: Zugang, pk: int) -> HttpResponse:
    beitrag = get_object_or_404(
        Beitrag.objects.filter(thread__gruppe=zugang.gruppe).select_related("thread"), pk=pk
    )
    if not beitrag.bearbeitbar_von(request.user):
        raise PermissionDenied
    form = BeitragForm(_post(request), instance=beitrag)
    if request.method == "POST" and form.is_valid():
        try:
            services.beitrag_bearbeiten(
                beitrag=beitrag, text=form.cleaned_data["text"], von=request.user
            )
        except services.Abgelehnt as exc:
            messages.error(request, str(exc))
        return redirect(f"{beitrag.thread.get_absolute_url()}#beitrag-{beitrag.pk}")
    return render(
        request,
        "arbeitsgruppen/formular.html",
        _ctx(
            zugang,
            form=form,
            titel=_("Edit your post"),
            zurueck=beitrag.thread.get_absolute_url(),
        ),
        status=400 if request.method == "POST" else 200,
    )
