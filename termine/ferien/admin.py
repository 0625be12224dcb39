"""The coordinators' back office for the Ferienkalender (imported by the termine.admin package)."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q
from django.db.models.functions import Greatest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netzwerk import entscheidungen
from netzwerk.models import Schulferien
from termine.ferien import services as ferien
from termine.models import (
    Anmeldung,
    Durchfuehrung,
    Einwilligung,
    Ferienangebot,
    Ferienwoche,
    Ferienzeitraum,
    Kind,
)


@admin.register(Ferienzeitraum)
class FerienzeitraumAdmin(admin.ModelAdmin):
    list_display = ["name", "beginn", "ende", "modus", "status", "anmeldung_ab", "links"]
    list_filter = ["status", "modus"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "beginn"
    # Wish-mode periods get buttons to the Verlosung (compute a preview, list of runs).
    change_form_template = "termine/ferien/admin/zeitraum_change_form.html"

    def get_changeform_initial_data(self, request):
        """A new period starts from the next school holidays."""
        initial = super().get_changeform_initial_data(request)
        naechste = Schulferien.objects.filter(beginn__gte=timezone.localdate()).first()
        if naechste and "schulferien" not in initial:
            initial.update(schulferien=naechste.pk, name=naechste.name)
        return initial

    @admin.display(description=_("Links"))
    def links(self, obj: Ferienzeitraum) -> str:
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            obj.get_absolute_url(),
            _("View"),
            reverse("ferien:statistik", kwargs={"zeitraum": obj.slug}),
            _("Statistics"),
            reverse("ferien:heft_pdf", kwargs={"zeitraum": obj.slug}),
            _("Leaflet (PDF)"),
            # The embed code for partner sites sits at the bottom of the public list.
            obj.get_absolute_url() + "#einbinden",
            _("Widget for websites"),
        )


@admin.register(Ferienwoche)
class FerienwocheAdmin(admin.ModelAdmin):
    list_display = ["titel", "zeitraum", "beginn", "ende"]
    list_filter = ["zeitraum"]
    prepopulated_fields = {"slug": ["titel"]}
    list_select_related = ["zeitraum"]


class DurchfuehrungInline(admin.TabularInline):
    model = Durchfuehrung
    fields = ["termin", "min_plaetze", "max_plaetze", "belegung"]
    readonly_fields = ["termin", "belegung"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        # Occasions are created with their Termin by the providers' form (service).
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("termin").mit_belegung()

    @admin.display(description=_("Confirmed / waiting"))
    def belegung(self, obj: Durchfuehrung) -> str:
        return f"{obj.belegt} / {obj.wartend}"


@admin.register(Ferienangebot)
class FerienangebotAdmin(admin.ModelAdmin):
    list_display = ["titel", "akteur", "zeitraum", "kategorie", "alter", "status", "geaendert"]
    list_filter = ["status", "zeitraum", "kategorie", "akteur"]
    list_select_related = ["akteur", "zeitraum"]
    search_fields = ["titel", "akteur__name"]
    inlines = [DurchfuehrungInline]
    actions = ["veroeffentlichen", "zuruecksetzen"]
    readonly_fields = ["kopiert_von", "erstellt", "geaendert", "erstellt_von"]
    autocomplete_fields = ["akteur"]

    @admin.display(description=_("Age"))
    def alter(self, obj: Ferienangebot) -> str:
        return f"{obj.alter_von}–{obj.alter_bis}"

    def save_model(self, request, obj, form, change) -> None:
        ferien.angebot_speichern(angebot=obj, von=request.user)

    @admin.action(description=_("Publish selected offers"))
    def veroeffentlichen(self, request: HttpRequest, queryset) -> None:
        anzahl = 0
        for angebot in queryset:
            ferien.angebot_veroeffentlichen(angebot=angebot, von=request.user)
            anzahl += 1
        self.message_user(
            request,
            ngettext("%(anzahl)d offer published.", "%(anzahl)d offers published.", anzahl)
            % {"anzahl": anzahl},
            messages.SUCCESS,
        )

    @admin.action(description=_("Back to draft"))
    def zuruecksetzen(self, request: HttpRequest, queryset) -> None:
        for angebot in queryset:
            ferien.angebot_zuruecksetzen(angebot=angebot, von=request.user)
        self.message_user(request, _("Back to draft."), messages.SUCCESS)


# An occasion this close with no or too few registrations needs a call to its provider.
LEER_TAGE = 14


def volle_durchfuehrungen(qs, jetzt):
    """Coming occasions (of `mit_belegung()`) whose places are all taken."""
    return qs.nicht_abgesagt().filter(
        termin__start__gte=jetzt, max_plaetze__isnull=False, belegt__gte=F("max_plaetze")
    )


def leere_durchfuehrungen(qs, jetzt):
    """Published occasions with registration starting within LEER_TAGE days that have fewer
    confirmed children than their minimum (at least one)."""
    return qs.nicht_abgesagt().filter(
        angebot__status=Ferienangebot.Status.VEROEFFENTLICHT,
        angebot__anmeldung_noetig=True,
        termin__start__gte=jetzt,
        termin__start__lt=jetzt + timedelta(days=LEER_TAGE),
        belegt__lt=Greatest(F("min_plaetze"), 1),
    )


class BelegungFilter(admin.SimpleListFilter):
    title = _("places")
    parameter_name = "belegung"

    def lookups(self, request, model_admin):
        return [
            ("voll", _("coming and full")),
            ("leer", _("starting soon with too few children")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "voll":
            return volle_durchfuehrungen(queryset, timezone.now())
        if self.value() == "leer":
            return leere_durchfuehrungen(queryset, timezone.now())
        return queryset


@admin.register(Durchfuehrung)
class DurchfuehrungAdmin(admin.ModelAdmin):
    list_display = ["__str__", "angebot", "max_plaetze", "belegung"]
    list_filter = [BelegungFilter, "angebot__zeitraum"]
    list_select_related = ["angebot", "termin"]
    search_fields = ["angebot__titel"]
    readonly_fields = ["angebot", "termin"]

    def get_queryset(self, request):
        return super().get_queryset(request).mit_belegung()

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("Confirmed / waiting"))
    def belegung(self, obj: Durchfuehrung) -> str:
        return f"{obj.belegt} / {obj.wartend}"


class EinwilligungInline(admin.TabularInline):
    model = Einwilligung
    extra = 0
    readonly_fields = ["art", "version", "erteilt_am", "erteilt_von"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Kind)
class KindAdmin(admin.ModelAdmin):
    list_display = ["__str__", "geburtsdatum", "eltern", "sorgeberechtigt_name", "anzahl"]
    search_fields = ["vorname", "nachname", "eltern__email", "sorgeberechtigt_name"]
    list_select_related = ["eltern"]
    inlines = [EinwilligungInline]
    readonly_fields = ["erstellt", "pseudonymisiert_am", "hinweise_einwilligung_am"]
    autocomplete_fields = ["eltern"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _anzahl=Count("anmeldungen", filter=Q(anmeldungen__status__in=Anmeldung.AKTIV))
            )
        )

    @admin.display(description=_("Active registrations"), ordering="_anzahl")
    def anzahl(self, obj: Kind) -> int:
        return obj._anzahl


class FuerFamilieForm(forms.Form):
    """A coordinator registers a child who came by phone or on paper."""

    durchfuehrung = forms.ModelChoiceField(
        label=_("Occasion"),
        queryset=Durchfuehrung.objects.none(),
    )
    kind = forms.ModelChoiceField(
        label=_("Child already known"),
        queryset=Kind.objects.filter(pseudonymisiert_am__isnull=True).select_related("eltern"),
        required=False,
        help_text=_("Or enter a new child below."),
    )
    vorname = forms.CharField(label=_("First name"), max_length=100, required=False)
    nachname = forms.CharField(label=_("Last name"), max_length=100, required=False)
    geburtsdatum = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sorgeberechtigt_name = forms.CharField(
        label=_("Guardian's name"), max_length=150, required=False
    )
    sorgeberechtigt_email = forms.EmailField(label=_("Guardian's e-mail"), required=False)
    notfall_telefon = forms.CharField(label=_("Phone in an emergency"), max_length=50)
    schwimmer = forms.BooleanField(label=_("Can swim"), required=False)
    bestaetigt = forms.BooleanField(
        label=_("The guardian confirmed parental responsibility (on paper or by phone)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["durchfuehrung"].queryset = (
            Durchfuehrung.objects.filter(
                angebot__status=Ferienangebot.Status.VEROEFFENTLICHT,
                termin__start__gte=timezone.now(),
            )
            .select_related("angebot", "termin")
            .order_by("termin__start")
        )

    def clean(self):
        daten = super().clean()
        if not daten.get("kind"):
            for feld in ["vorname", "nachname", "geburtsdatum", "sorgeberechtigt_name"]:
                if not daten.get(feld):
                    self.add_error(feld, _("Needed for a new child."))
        return daten


@admin.register(Anmeldung)
class AnmeldungAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "durchfuehrung",
        "status_text",
        "warteliste_position",
        "alter",
        "erstellt",
        "angemeldet_von",
    ]
    list_filter = ["status", "durchfuehrung__angebot__zeitraum"]
    list_select_related = [
        "kind",
        "durchfuehrung__angebot",
        "durchfuehrung__termin",
        "angemeldet_von",
    ]
    search_fields = ["kind__vorname", "kind__nachname", "durchfuehrung__angebot__titel"]
    readonly_fields = [
        "kind",
        "durchfuehrung",
        "status",
        "warteliste_position",
        "alter",
        "erstellt",
        "nachgerueckt_am",
        "storniert_am",
        "storniert_durch",
        "angemeldet_von",
    ]
    actions = ["stornieren"]

    @admin.display(description=_("status"), ordering="status")
    def status_text(self, obj: Anmeldung) -> str:
        return obj.status_text

    def has_add_permission(self, request) -> bool:
        # New registrations go through the service (checks, lock, mail): see "für Familie".
        return False

    def get_urls(self):
        return [
            path(
                "fuer-familie/",
                self.admin_site.admin_view(self.fuer_familie_view),
                name="termine_anmeldung_fuer_familie",
            ),
            *super().get_urls(),
        ]

    def darf_fuer_familie_anmelden(self, request: HttpRequest) -> bool:
        """The model permission "add registration" (the add button stays hidden: see above)."""
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.{get_permission_codename('add', opts)}")

    def fuer_familie_view(self, request: HttpRequest) -> HttpResponse:
        if not self.darf_fuer_familie_anmelden(request):
            raise PermissionDenied
        form = FuerFamilieForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            daten = form.cleaned_data
            neues_kind = None
            if daten["kind"] is None:
                neues_kind = Kind(
                    vorname=daten["vorname"],
                    nachname=daten["nachname"],
                    geburtsdatum=daten["geburtsdatum"],
                    sorgeberechtigt_name=daten["sorgeberechtigt_name"],
                    sorgeberechtigt_email=daten["sorgeberechtigt_email"],
                )
            try:
                anmeldung = ferien.fuer_familie_anmelden(
                    durchfuehrung=daten["durchfuehrung"],
                    von=request.user,
                    notfall_telefon=daten["notfall_telefon"],
                    kind=daten["kind"],
                    neues_kind=neues_kind,
                    schwimmer=daten["schwimmer"],
                )
            except ferien.AnmeldungNichtMoeglich as e:
                form.add_error("durchfuehrung", e.nachricht)
            else:
                self.message_user(
                    request,
                    _("%(kind)s registered: %(status)s.")
                    % {"kind": anmeldung.kind, "status": anmeldung.get_status_display()},
                    messages.SUCCESS,
                )
                return redirect("admin:termine_anmeldung_changelist")
        return TemplateResponse(
            request,
            "termine/ferien/admin_fuer_familie.html",
            {
                **self.admin_site.each_context(request),
                "form": form,
                "title": _("Register a child for a family"),
                "opts": self.model._meta,
            },
        )

    @admin.action(description=_("Cancel (the next child on the waiting list moves up)"))
    def stornieren(self, request: HttpRequest, queryset) -> None:
        anzahl = 0
        for anmeldung in queryset.filter(status__in=Anmeldung.AKTIV):
            ferien.stornieren(anmeldung=anmeldung, von=request.user)
            anzahl += 1
        self.message_user(
            request,
            ngettext(
                "%(anzahl)d registration cancelled.", "%(anzahl)d registrations cancelled.", anzahl
            )
            % {"anzahl": anzahl},
            messages.SUCCESS,
        )


@entscheidungen.quelle
def _eingereichte_angebote():
    yield entscheidungen.Offen(
        _("Holiday offers submitted for publication"),
        Ferienangebot.objects.filter(status=Ferienangebot.Status.EINGEREICHT).count(),
        reverse("admin:termine_ferienangebot_changelist") + "?status__exact=eingereicht",
    )


@entscheidungen.zu_tun
def _volle_und_leere_angebote():
    jetzt = timezone.now()
    alle = Durchfuehrung.objects.mit_belegung()
    liste = reverse("admin:termine_durchfuehrung_changelist")
    yield entscheidungen.ZuTun(
        _("Holiday calendar"),
        _("Coming holiday occasions that are full"),
        liste + "?belegung=voll",
        anzahl=volle_durchfuehrungen(alle, jetzt).count(),
    )
    yield entscheidungen.ZuTun(
        _("Holiday calendar"),
        _("Holiday occasions starting within two weeks with too few children"),
        liste + "?belegung=leer",
        anzahl=leere_durchfuehrungen(alle, jetzt).count(),
    )
