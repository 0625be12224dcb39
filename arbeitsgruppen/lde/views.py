"""Pages of Lernen durch Engagement.

* The needs board is for the network (anonymous → login, residents → 403, like the pool).
* A project has three faces: the public page (what the class achieved, no names: everyone,
  if the school publishes it), the plan with its dates (the school's teachers, the partner
  actors' members, coordinators) and the teachers' pages that change it (the school's members
  and coordinators). Others get 404 for what they may not see and 403 where they may read but
  not write. Ownership is never checked by hand: the querysets ``sichtbar_fuer`` and
  ``schreibbar_fuer`` decide.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from arbeitsgruppen.lde import services
from arbeitsgruppen.lde.forms import (
    AbschlussForm,
    BedarfFilter,
    BedarfForm,
    PhasenForm,
    ProjektForm,
    ReflexionForm,
    StandardsForm,
    UebersichtFilter,
    UrkundeForm,
)
from arbeitsgruppen.lde.models import (
    Engagementbedarf,
    Klassenprojekt,
    Projektphase,
    Reflexion,
    schulen_von,
)
from netzwerk.berechtigungen import im_netzwerk, ist_koordination
from netzwerk.csvexport import csv_antwort
from netzwerk.eingaben import id_aus
from netzwerk.models import Netzwerkprofil
from netzwerk.seiten import blaettern
from vereine.models import Akteur


def netzwerk_noetig(view):
    """Login first; then only members of the network."""

    @login_required
    @wraps(view)
    def innen(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not im_netzwerk(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return innen


# ------------------------------------------------------------------------------ needs board


@netzwerk_noetig
def bedarfe(request: HttpRequest) -> HttpResponse:
    """The needs board: open needs of all actors, filtered, in pages."""
    qs = (
        Engagementbedarf.objects.offen()
        .select_related("akteur", "ortsteil")
        .order_by("bis", "-erstellt", "pk")
    )
    filter_ = BedarfFilter(request.GET or None, queryset=qs)
    return render(
        request,
        "lde/bedarfe.html",
        {
            "filter": filter_,
            "seite": blaettern(request, filter_.qs),
            "ist_lehrkraft": schulen_von(request.user).exists(),
            "eigene": Engagementbedarf.objects.schreibbar_fuer(request.user)
            .exclude(pk__in=Engagementbedarf.objects.offen().values("pk"))
            .filter(status__in=["offen", "uebernommen"])
            .select_related("akteur")[:20]
            if not ist_koordination(request.user)
            else [],
        },
    )


@netzwerk_noetig
@require_http_methods(["GET", "POST"])
def bedarf_neu(request: HttpRequest) -> HttpResponse:
    """Post a need for one of the own actors."""
    akteure = Akteur.objects.schreibbar_fuer(request.user).aktiv().order_by("name")
    if not akteure.exists():
        raise PermissionDenied
    form = BedarfForm(request.POST or None, akteure=akteure)
    if request.method == "POST" and form.is_valid():
        bedarf = services.bedarf_speichern(bedarf=form.save(commit=False), von=request.user)
        messages.success(request, _("Your need is on the board. Teachers can find it now."))
        return redirect(bedarf)
    return render(request, "lde/bedarf_bearbeiten.html", {"form": form})


@netzwerk_noetig
def bedarf(request: HttpRequest, pk: int) -> HttpResponse:
    """One need: what, when, where, whom to ask, and which classes took it up."""
    b = get_object_or_404(
        Engagementbedarf.objects.sichtbar_fuer(request.user).select_related("akteur", "ortsteil"),
        pk=pk,
    )
    return render(
        request,
        "lde/bedarf.html",
        {
            "bedarf": b,
            "eigen": Engagementbedarf.objects.schreibbar_fuer(request.user)
            .filter(pk=b.pk)
            .exists(),
            "ist_lehrkraft": schulen_von(request.user).exists(),
            "projekte": b.projekte.filter(
                pk__in=Klassenprojekt.objects.oeffentlich().values("pk")
            ).select_related("schule"),
        },
    )


@netzwerk_noetig
@require_http_methods(["GET", "POST"])
def bedarf_bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    """Change or withdraw a need of the own actor."""
    b = get_object_or_404(Engagementbedarf.objects.schreibbar_fuer(request.user), pk=pk)
    akteure = Akteur.objects.schreibbar_fuer(request.user).filter(
        Q(status="aktiv") | Q(pk=b.akteur_id)
    )
    form = BedarfForm(request.POST or None, instance=b, akteure=akteure)
    if request.method == "POST" and "zurueckziehen" in request.POST:
        b.status = Engagementbedarf.Status.ZURUECKGEZOGEN
        services.bedarf_speichern(bedarf=b, von=request.user)
        messages.success(request, _("The need is off the board."))
        return redirect("lde:bedarfe")
    if request.method == "POST" and form.is_valid():
        services.bedarf_speichern(bedarf=form.save(commit=False), von=request.user)
        messages.success(request, _("Saved."))
        return redirect(b)
    return render(request, "lde/bedarf_bearbeiten.html", {"form": form, "bedarf": b})


# ------------------------------------------------------------------------------ projects


def _oeffentlich_oder_sichtbar(user):
    return Klassenprojekt.objects.filter(
        Q(pk__in=Klassenprojekt.objects.oeffentlich().values("pk"))
        | Q(pk__in=Klassenprojekt.objects.sichtbar_fuer(user).values("pk"))
    )


def projekte(request: HttpRequest) -> HttpResponse:
    """Public list of the classes' projects (no names), newest school year first."""
    qs = (
        Klassenprojekt.objects.oeffentlich()
        .select_related("schule")
        .prefetch_related(Prefetch("partner", queryset=Akteur.objects.order_by("name")))
        .order_by("-schuljahr", "schule__name", "klasse", "pk")
    )
    schuljahre = list(
        Klassenprojekt.objects.oeffentlich()
        .order_by("-schuljahr")
        .values_list("schuljahr", flat=True)
        .distinct()
    )
    filter_form = UebersichtFilter(request.GET or None, schuljahre=schuljahre)
    if filter_form.is_valid() and filter_form.cleaned_data["schuljahr"]:
        qs = qs.im_schuljahr(filter_form.cleaned_data["schuljahr"])
    return render(
        request,
        "lde/projekte.html",
        {
            "filter_form": filter_form,
            "seite": blaettern(request, qs),
            "ist_lehrkraft": request.user.is_authenticated and schulen_von(request.user).exists(),
        },
    )


def projekt(request: HttpRequest, pk: int) -> HttpResponse:
    """The public page: what the class achieved, its partners and the standards it met."""
    p = get_object_or_404(_oeffentlich_oder_sichtbar(request.user).select_related("schule"), pk=pk)
    return render(
        request,
        "lde/projekt.html",
        {
            "projekt": p,
            "partner": p.partner.order_by("name"),
            "standards": p.standards.all(),
            "darf_plan": Klassenprojekt.objects.sichtbar_fuer(request.user)
            .filter(pk=p.pk)
            .exists(),
        },
    )


def _schule_waehlen(request: HttpRequest):
    schulen = schulen_von(request.user).order_by("name")
    gewaehlt = request.GET.get("schule") or request.POST.get("schule")
    if gewaehlt:
        return get_object_or_404(schulen, slug=gewaehlt), schulen
    if len(schulen) == 1:
        return schulen[0], schulen
    return None, schulen


@login_required
@require_http_methods(["GET", "POST"])
def projekt_neu(request: HttpRequest) -> HttpResponse:
    """A teacher starts a class project (`?bedarf=` ticks a need from the board)."""
    schule, schulen = _schule_waehlen(request)
    if not schulen:
        raise PermissionDenied
    if schule is None:
        return render(
            request,
            "lde/schule_waehlen.html",
            {"schulen": schulen, "bedarf": id_aus(request.GET.get("bedarf"))},
        )
    initial = {"schuljahr": services.aktuelles_schuljahr()}
    bedarf_id = id_aus(request.GET.get("bedarf"))
    if bedarf_id:
        gewaehlt = Engagementbedarf.objects.offen().filter(pk=bedarf_id).first()
        if gewaehlt:
            initial.update(bedarfe=[gewaehlt], partner=[gewaehlt.akteur], titel=gewaehlt.titel)
    form = ProjektForm(request.POST or None, schule=schule, initial=initial)
    if request.method == "POST" and form.is_valid():
        daten = {f: form.cleaned_data[f] for f in services.PROJEKT_FELDER}
        p = services.projekt_anlegen(
            schule=schule,
            von=request.user,
            daten=daten,
            partner=form.cleaned_data["partner"],
            bedarfe=form.cleaned_data["bedarfe"],
        )
        messages.success(request, _("The project is created. Now plan the four phases."))
        return redirect("lde:phasen", pk=p.pk)
    return render(
        request, "lde/projekt_bearbeiten.html", {"form": form, "schule": schule, "neu": True}
    )


def _plan_projekt(request: HttpRequest, pk: int) -> Klassenprojekt:
    return get_object_or_404(
        Klassenprojekt.objects.sichtbar_fuer(request.user).select_related("schule"), pk=pk
    )


def _eigenes_projekt(request: HttpRequest, pk: int) -> Klassenprojekt:
    """The project if `request.user` teaches at its school (404 unseen, 403 partner)."""
    p = _plan_projekt(request, pk)
    if not Klassenprojekt.objects.schreibbar_fuer(request.user).filter(pk=p.pk).exists():
        raise PermissionDenied
    return p


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The project's plan and dates: for the school's teachers and the partners. Only the
    teachers also see the reflections."""
    p = _plan_projekt(request, pk)
    lehrkraft = Klassenprojekt.objects.schreibbar_fuer(request.user).filter(pk=p.pk).exists()
    return _plan_zeigen(request, p, lehrkraft=lehrkraft)


def _plan_zeigen(request, p, *, lehrkraft: bool, reflexion_form=None, status: int = 200):
    """The plan page; reflections (and the form to write one) only for the teachers."""
    phasen = p.phasen.select_related("termin")
    if lehrkraft:
        phasen = phasen.prefetch_related(
            Prefetch("reflexionen", queryset=Reflexion.objects.order_by("erstellt", "pk"))
        )
    return render(
        request,
        "lde/plan.html",
        {
            "projekt": p,
            "lehrkraft": lehrkraft,
            "phasen": phasen,
            "partner": p.partner.order_by("name"),
            "bedarfe": p.bedarfe.select_related("akteur"),
            "standards": p.standards.all(),
            "reflexion_form": (reflexion_form or ReflexionForm()) if lehrkraft else None,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def projekt_bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    p = _eigenes_projekt(request, pk)
    form = ProjektForm(request.POST or None, instance=p, schule=p.schule)
    if request.method == "POST" and form.is_valid():
        services.projekt_aendern(
            projekt=form.save(commit=False),
            von=request.user,
            partner=form.cleaned_data["partner"],
            bedarfe=form.cleaned_data["bedarfe"],
        )
        messages.success(request, _("Saved."))
        return redirect("lde:plan", pk=p.pk)
    return render(
        request, "lde/projekt_bearbeiten.html", {"form": form, "schule": p.schule, "projekt": p}
    )


@login_required
@require_http_methods(["GET", "POST"])
def phasen(request: HttpRequest, pk: int) -> HttpResponse:
    """The four phases' dates; each phase with a first day is a Termin of the school."""
    p = _eigenes_projekt(request, pk)
    liste = list(p.phasen.all())
    form = PhasenForm(request.POST or None, phasen=liste)
    if request.method == "POST" and form.is_valid():
        services.phasen_speichern(projekt=p, daten=form.zeitraeume(), von=request.user)
        messages.success(request, _("Saved. The phases are in the shared calendar."))
        return redirect("lde:plan", pk=p.pk)
    felder = [(ph, form[f"{ph.art}_von"], form[f"{ph.art}_bis"]) for ph in liste]
    return render(request, "lde/phasen.html", {"projekt": p, "form": form, "felder": felder})


@login_required
@require_http_methods(["GET", "POST"])
def standards(request: HttpRequest, pk: int) -> HttpResponse:
    """The six quality standards as a checklist with a note each."""
    p = _eigenes_projekt(request, pk)
    liste = list(p.standards.all())
    form = StandardsForm(request.POST or None, standards=liste)
    if request.method == "POST" and form.is_valid():
        services.standards_speichern(projekt=p, werte=form.werte())
        messages.success(request, _("Saved."))
        return redirect("lde:plan", pk=p.pk)
    felder = [(s, form[f"{s.standard}_erfuellt"], form[f"{s.standard}_notiz"]) for s in liste]
    return render(request, "lde/standards.html", {"projekt": p, "form": form, "felder": felder})


@login_required
@require_http_methods(["POST"])
def reflexion(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a teacher's reflection to a phase (from the plan page)."""
    p = _eigenes_projekt(request, pk)
    form = ReflexionForm(request.POST)
    if form.is_valid():
        phase = get_object_or_404(Projektphase, projekt=p, art=form.cleaned_data["phase"])
        services.reflexion_schreiben(phase=phase, text=form.cleaned_data["text"], von=request.user)
        messages.success(request, _("Your reflection is saved."))
        return redirect("lde:plan", pk=p.pk)
    return _plan_zeigen(request, p, lehrkraft=True, reflexion_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def abschliessen(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the project: what the class achieved (public) and the hours."""
    p = _eigenes_projekt(request, pk)
    form = AbschlussForm(
        request.POST or None, initial={"ergebnis": p.ergebnis, "stunden": p.stunden or None}
    )
    if request.method == "POST" and form.is_valid():
        services.projekt_abschliessen(
            projekt=p, ergebnis=form.cleaned_data["ergebnis"], stunden=form.cleaned_data["stunden"]
        )
        messages.success(request, _("Congratulations! The project is finished."))
        return redirect("lde:plan", pk=p.pk)
    return render(request, "lde/abschliessen.html", {"projekt": p, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def urkunde(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate as PDF: one for the class, or one per pupil whose names are typed in.

    The names go straight into the PDF and are forgotten: no row, no log, no session.
    """
    p = _eigenes_projekt(request, pk)
    form = UrkundeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        from arbeitsgruppen.lde.pdf import urkunde_als_pdf

        pdf = urkunde_als_pdf(
            {
                "projekt": p,
                "partner": list(p.partner.order_by("name")),
                "namen": form.namensliste() or [None],
                "netzwerk": Netzwerkprofil.aktuell(),
            }
        )
        antwort = HttpResponse(pdf, content_type="application/pdf")
        antwort["Content-Disposition"] = f'inline; filename="urkunde-{p.pk}.pdf"'
        antwort["Cache-Control"] = "no-store"
        return antwort
    return render(request, "lde/urkunde.html", {"projekt": p, "form": form})


# ------------------------------------------------------------------------------ overview


def _auswertung_projekte(request: HttpRequest):
    if not (ist_koordination(request.user) or schulen_von(request.user).exists()):
        raise PermissionDenied
    return Klassenprojekt.objects.schreibbar_fuer(request.user)


@login_required
def auswertung(request: HttpRequest) -> HttpResponse:
    """For coordinators and the schools: projects per school year, partners, needs, hours."""
    alle = _auswertung_projekte(request)
    schuljahre = list(alle.order_by("-schuljahr").values_list("schuljahr", flat=True).distinct())
    filter_form = UebersichtFilter(request.GET or None, schuljahre=schuljahre)
    qs = alle
    if filter_form.is_valid() and filter_form.cleaned_data["schuljahr"]:
        qs = qs.im_schuljahr(filter_form.cleaned_data["schuljahr"])
    liste = (
        qs.select_related("schule")
        .prefetch_related(
            Prefetch("partner", queryset=Akteur.objects.order_by("name")),
            Prefetch("bedarfe", queryset=Engagementbedarf.objects.order_by("titel")),
        )
        .order_by("-schuljahr", "schule__name", "klasse", "pk")
    )
    return render(
        request,
        "lde/auswertung.html",
        {
            "filter_form": filter_form,
            "jahre": services.uebersicht(qs),
            "seite": blaettern(request, liste),
        },
    )


@login_required
def auswertung_csv(request: HttpRequest) -> HttpResponse:
    """The overview as CSV for the funder's report: one row per project."""
    qs = (
        _auswertung_projekte(request)
        .select_related("schule")
        .prefetch_related("partner", "bedarfe")
        .order_by("-schuljahr", "schule__name", "klasse", "pk")
    )
    schuljahr = request.GET.get("schuljahr", "")
    if schuljahr:
        qs = qs.im_schuljahr(schuljahr[:7])
    antwort, schreiber = csv_antwort("lernen-durch-engagement.csv")
    schreiber.writerow(
        [
            _("School year"),
            _("School"),
            _("Class"),
            _("Subject"),
            _("Class project"),
            _("Partners"),
            _("Needs taken up"),
            _("Hours"),
            _("Status"),
        ]
    )
    for p in qs:
        schreiber.writerow(
            [
                p.schuljahr,
                p.schule.name,
                p.klasse,
                p.fach,
                p.titel,
                ", ".join(sorted(a.name for a in p.partner.all())),
                ", ".join(sorted(b.titel for b in p.bedarfe.all())),
                p.stunden,
                p.get_status_display(),
            ]
        )
    return antwort
