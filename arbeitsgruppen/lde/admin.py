"""Lernen durch Engagement in the coordinators' back office: the needs board and the class
projects with their phases and standards. The phases' Termine are written by the teachers'
page (services.phasen_speichern), so they are read-only here."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from arbeitsgruppen.lde import services
from arbeitsgruppen.lde.models import (
    Engagementbedarf,
    Klassenprojekt,
    Projektphase,
    Qualitaetsstandard,
    Reflexion,
)


@admin.register(Engagementbedarf)
class EngagementbedarfAdmin(admin.ModelAdmin):
    list_display = ["titel", "akteur", "ortsteil", "von", "bis", "status"]
    list_filter = ["status", "ortsteil", "akteur__art"]
    list_select_related = ["akteur", "ortsteil"]
    search_fields = ["titel", "beschreibung", "akteur__name"]
    autocomplete_fields = ["akteur"]
    readonly_fields = ["erstellt", "geaendert", "erstellt_von"]
    actions = ["zurueckziehen"]

    @admin.action(description=_("Take the selected needs off the board"))
    def zurueckziehen(self, request, queryset) -> None:
        anzahl = queryset.filter(status=Engagementbedarf.Status.OFFEN).update(
            status=Engagementbedarf.Status.ZURUECKGEZOGEN
        )
        self.message_user(
            request,
            ngettext("%(n)d need taken off the board.", "%(n)d needs taken off the board.", anzahl)
            % {"n": anzahl},
            messages.SUCCESS,
        )


class PhaseInline(admin.TabularInline):
    model = Projektphase
    extra = 0
    can_delete = False
    max_num = 4
    fields = ["art", "von", "bis", "termin"]
    readonly_fields = ["art", "von", "bis", "termin"]


class StandardInline(admin.TabularInline):
    model = Qualitaetsstandard
    extra = 0
    can_delete = False
    max_num = 6
    fields = ["standard", "erfuellt", "notiz"]
    readonly_fields = ["standard"]


@admin.register(Klassenprojekt)
class KlassenprojektAdmin(admin.ModelAdmin):
    list_display = ["titel", "schule", "klasse", "schuljahr", "status", "anzahl_partner", "stunden"]
    list_filter = ["schuljahr", "status", "schule"]
    list_select_related = ["schule"]
    search_fields = ["titel", "klasse", "fach", "schule__name"]
    autocomplete_fields = ["schule", "partner"]
    filter_horizontal = ["bedarfe"]
    readonly_fields = ["erstellt", "geaendert", "erstellt_von"]
    inlines = [PhaseInline, StandardInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_partner=Count("partner", distinct=True))

    def delete_model(self, request, obj) -> None:
        services.projekt_loeschen(projekt=obj)

    def delete_queryset(self, request, queryset) -> None:
        for projekt in queryset:
            services.projekt_loeschen(projekt=projekt)

    @admin.display(description=_("partners"), ordering="_partner")
    def anzahl_partner(self, obj) -> int:
        return obj._partner


@admin.register(Reflexion)
class ReflexionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "phase", "projekt", "erstellt"]
    list_select_related = ["phase__projekt"]
    readonly_fields = ["phase", "erstellt", "geaendert", "erstellt_von"]
    search_fields = ["text", "phase__projekt__titel"]

    @admin.display(description=_("class project"), ordering="phase__projekt__titel")
    def projekt(self, obj):
        return obj.phase.projekt
