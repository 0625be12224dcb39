"""The pool in the coordinators' back office: items (most lent first on a click), lendings,
and requests nobody answered for a week in "Wartet auf deine Entscheidung".

Lendings are read-only here: accepting goes through the locked service only (members' pages),
so the admin can never book a unit twice.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk import entscheidungen
from vereine.ressourcen.models import Ausleihe, Belegung, Ressource, Uebergabe, Zustandseintrag
from vereine.ressourcen.services import UNBEANTWORTET_TAGE, einheiten_abgleichen, menge_fehler


class ZustandInline(admin.TabularInline):
    model = Zustandseintrag
    extra = 0
    fields = ["erstellt", "zustand", "text", "ausleihe", "erfasst_von"]
    readonly_fields = ["erstellt", "ausleihe", "erfasst_von"]
    show_change_link = False


class RessourceAdminForm(forms.ModelForm):
    class Meta:
        model = Ressource
        fields = "__all__"  # noqa: DJ007 (the admin picks the fields)

    def clean_menge(self):
        menge = self.cleaned_data.get("menge")
        fehler = menge_fehler(self.instance, menge)
        if fehler:
            raise forms.ValidationError(fehler)
        return menge


@admin.register(Ressource)
class RessourceAdmin(admin.ModelAdmin):
    form = RessourceAdminForm
    list_display = [
        "name",
        "akteur",
        "art",
        "ortsteil",
        "menge",
        "ausleihbar_fuer",
        "anzahl_ausleihen",
        "aktiv",
    ]
    list_filter = ["art", "ortsteil", "aktiv", "ausleihbar_fuer"]
    list_select_related = ["akteur", "ortsteil"]
    search_fields = ["name", "beschreibung", "ort", "akteur__name"]
    autocomplete_fields = ["akteur"]
    filter_horizontal = ["freigegeben_fuer"]
    readonly_fields = ["erstellt", "geaendert"]
    inlines = [ZustandInline]

    def get_queryset(self, request):
        return super().get_queryset(request).mit_ausleihzahl()

    @admin.display(description=_("times lent"), ordering="-anzahl_ausleihen")
    def anzahl_ausleihen(self, obj: Ressource) -> int:
        return obj.anzahl_ausleihen

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        einheiten_abgleichen(ressource=form.instance)


class WartetFilter(admin.SimpleListFilter):
    title = _("waiting")
    parameter_name = "wartet"

    def lookups(self, request, model_admin):
        return [("ja", _("Unanswered for more than a week"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.unbeantwortet_seit(UNBEANTWORTET_TAGE)
        return queryset


class BelegungInline(admin.TabularInline):
    model = Belegung
    extra = 0
    fields = ["einheit", "von", "bis"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class UebergabeInline(admin.StackedInline):
    model = Uebergabe
    extra = 0
    fields = ["art", "vollstaendig", "schaden", "notiz", "foto", "erfasst_von", "erstellt"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Ausleihe)
class AusleiheAdmin(admin.ModelAdmin):
    list_display = ["ressource", "verleiher", "akteur", "von", "bis", "menge", "status", "erstellt"]
    list_filter = [WartetFilter, "status", "ressource__art"]
    list_select_related = ["ressource", "ressource__akteur", "akteur"]
    search_fields = ["ressource__name", "akteur__name", "ressource__akteur__name"]
    date_hierarchy = "von"
    readonly_fields = [
        "ressource",
        "akteur",
        "angefragt_von",
        "von",
        "bis",
        "menge",
        "nachricht",
        "status",
        "antwort",
        "beantwortet_am",
        "beantwortet_von",
        "erinnert_am",
        "erstellt",
    ]
    inlines = [BelegungInline, UebergabeInline]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("lent by"), ordering="ressource__akteur__name")
    def verleiher(self, obj: Ausleihe) -> str:
        return obj.ressource.akteur.name


@entscheidungen.quelle
def _unbeantwortete_anfragen():
    grenze = timezone.now() - timedelta(days=UNBEANTWORTET_TAGE)
    yield entscheidungen.Offen(
        _("Requests for shared items unanswered for more than a week"),
        Ausleihe.objects.offen().filter(erstellt__lt=grenze).count(),
        reverse("admin:vereine_ausleihe_changelist") + "?wartet=ja",
    )
