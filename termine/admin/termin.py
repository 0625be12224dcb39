"""Back office for Termine: upcoming by default, clash column, cancel and duplicate actions."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netzwerk.zeit import kurzer_zeitpunkt, kurzes_datum
from termine import services
from termine.forms import AbsagenForm
from termine.models import Termin, TerminAusnahme


class ZeitFilter(admin.SimpleListFilter):
    """Upcoming dates unless the coordinator asks for past or all ones."""

    title = _("time")
    parameter_name = "zeit"

    def lookups(self, request, model_admin):
        return [
            ("kommende", _("Upcoming")),
            ("vergangene", _("Past")),
            ("alle", _("All")),
        ]

    def choices(self, changelist):
        # Without a parameter "Upcoming" is active, so mark it (and not "All") as selected.
        for wert, titel in self.lookup_choices:
            yield {
                "selected": (self.value() or "kommende") == wert,
                "query_string": changelist.get_query_string({self.parameter_name: wert}),
                "display": titel,
            }

    def queryset(self, request, queryset):
        wert = self.value() or "kommende"
        if wert == "kommende":
            return queryset.kommende()
        if wert == "vergangene":
            return queryset.exclude(pk__in=Termin.objects.kommende().values("pk"))
        return queryset


class TerminAusnahmeInline(admin.TabularInline):
    model = TerminAusnahme
    extra = 0


@admin.register(Termin)
class TerminAdmin(admin.ModelAdmin):
    list_display = [
        "titel",
        "beginn",
        "kategorie",
        "status",
        "sichtbarkeit",
        "veranstalter_liste",
        "konflikte",
    ]
    list_filter = [
        ZeitFilter,
        ("start", admin.DateFieldListFilter),
        "kategorie",
        "status",
        "sichtbarkeit",
        "grossveranstaltung",
        "ortsteil",
    ]
    date_hierarchy = "start"
    search_fields = ["titel", "beschreibung", "ort", "veranstalter__name", "arbeitsgruppe__name"]
    list_select_related = ["ortsteil", "arbeitsgruppe"]
    autocomplete_fields = []
    filter_horizontal = ["veranstalter"]
    readonly_fields = ["uid", "sequence", "erstellt", "geaendert", "erstellt_von"]
    inlines = [TerminAusnahmeInline]
    actions = ["absagen", "duplizieren"]
    ordering = ["start", "pk"]
    fieldsets = [
        (None, {"fields": ["titel", "beschreibung", "kategorie", "grossveranstaltung"]}),
        (_("Time"), {"fields": ["start", "ende", "ganztaegig"]}),
        (
            _("Recurrence"),
            {
                "fields": [
                    "wiederholung",
                    "intervall",
                    "wochentag",
                    "woche_im_monat",
                    "wiederholen_bis",
                    "pausiert_in_schulferien",
                ]
            },
        ),
        (_("Place"), {"fields": ["ort", "veranstaltungsort", "ortsteil"]}),
        (_("Organisers"), {"fields": ["veranstalter", "arbeitsgruppe", "sichtbarkeit"]}),
        (_("Status"), {"fields": ["status", "absage_grund"]}),
        (
            _("Registration and image"),
            {"fields": ["anmeldung_info", "anmeldung_link", "bild", "bild_alt"]},
        ),
        (_("Record"), {"fields": readonly_fields}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Termin]:
        return super().get_queryset(request).prefetch_related("veranstalter")

    def get_changelist_instance(self, request: HttpRequest):
        changelist = super().get_changelist_instance(request)
        # One Terminabgleich for the whole page instead of one per row.
        seite = list(changelist.result_list)
        zahlen = services.konflikte_zaehlen(termine=seite)
        for termin in seite:
            termin.konflikt_anzahl = zahlen.get(termin.pk, 0)
        changelist.result_list = seite
        return changelist

    @admin.display(description=_("start"), ordering="start")
    def beginn(self, obj: Termin) -> str:
        if obj.ganztaegig:
            return kurzes_datum(obj.start)
        return kurzer_zeitpunkt(obj.start)

    @admin.display(description=_("organisers"))
    def veranstalter_liste(self, obj: Termin) -> str:
        namen = [a.name for a in obj.veranstalter.all()]
        if obj.arbeitsgruppe_id:
            namen.append(obj.arbeitsgruppe.name)
        return ", ".join(namen)

    @admin.display(description=_("clashes"))
    def konflikte(self, obj: Termin) -> int | str:
        return getattr(obj, "konflikt_anzahl", "–")

    def save_model(self, request, obj, form, change) -> None:
        # Through the service, so the revision (iCal SEQUENCE) is raised on every change.
        services.termin_speichern(termin=obj, von=request.user)

    @admin.action(description=_("Cancel selected dates (with a reason)"))
    def absagen(self, request: HttpRequest, queryset: QuerySet[Termin]) -> HttpResponse | None:
        form = AbsagenForm(request.POST if "grund" in request.POST else None)
        if form.is_bound and form.is_valid():
            anzahl = 0
            for termin in queryset:
                services.termin_absagen(
                    termin=termin, grund=form.cleaned_data["grund"], von=request.user
                )
                anzahl += 1
            self.message_user(
                request,
                ngettext("%(n)d date cancelled.", "%(n)d dates cancelled.", anzahl) % {"n": anzahl},
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/termine/termin/absagen.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Cancel dates"),
                "termine": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=_("Duplicate selected dates"))
    def duplizieren(self, request: HttpRequest, queryset: QuerySet[Termin]) -> None:
        anzahl = 0
        for termin in queryset:
            services.termin_duplizieren(termin=termin, von=request.user)
            anzahl += 1
        self.message_user(
            request,
            ngettext(
                "%(n)d date duplicated (as planned).",
                "%(n)d dates duplicated (as planned).",
                anzahl,
            )
            % {"n": anzahl},
            messages.SUCCESS,
        )
