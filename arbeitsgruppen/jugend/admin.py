"""Back office of Jugendbeteiligung for coordinators; the moderators' own page is
/jugend/moderation/. Status changes go through the services (mails, trail)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from arbeitsgruppen.jugend import services
from arbeitsgruppen.jugend.models import Idee, Jugendprofil, Meldung, Statusschritt
from netzwerk import entscheidungen


class StatusschrittInline(admin.TabularInline):
    model = Statusschritt
    extra = 0
    fields = ["am", "status", "text", "von"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        # Steps are added on the idea's page, where the author and supporters get their mail.
        return False


class MeldungInline(admin.TabularInline):
    model = Meldung
    extra = 0
    fields = ["erstellt", "von", "grund", "erledigt_am"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class UeberfaelligFilter(admin.SimpleListFilter):
    title = _("answer")
    parameter_name = "antwort"

    def lookups(self, request, model_admin):
        return [("ueberfaellig", _("overdue")), ("gemeldet", _("reported or flagged"))]

    def queryset(self, request, queryset):
        if self.value() == "ueberfaellig":
            return queryset.antwort_ueberfaellig(timezone.localdate())
        if self.value() == "gemeldet":
            return queryset.gemeldet_oder_markiert()
        return queryset


@admin.register(Idee)
class IdeeAdmin(admin.ModelAdmin):
    list_display = ["titel", "oeffentlich_von", "status", "anzahl", "antwort_bis", "ist_sichtbar"]
    list_filter = ["status", UeberfaelligFilter, "ortsteil"]
    list_select_related = ["autor__jugendprofil", "ortsteil"]
    search_fields = ["titel", "was", "jugendgruppe", "autor__jugendprofil__spitzname"]
    autocomplete_fields = ["zustaendig_gruppe", "vorhaben"]
    readonly_fields = [
        "autor",
        "status",
        "anlass",
        "erstellt",
        "geaendert",
        "unterstuetzungen_archiv",
        "versteckt_am",
        "versteckt_von",
    ]
    inlines = [StatusschrittInline, MeldungInline]
    actions = ["freigeben"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_anzahl=Count("unterstuetzungen"))

    @admin.display(description=_("shown as"))
    def oeffentlich_von(self, obj) -> str:
        return obj.von

    @admin.display(description=_("supports"), ordering="_anzahl")
    def anzahl(self, obj) -> int:
        return obj._anzahl + obj.unterstuetzungen_archiv

    @admin.display(description=_("visible"), boolean=True)
    def ist_sichtbar(self, obj) -> bool:
        return not obj.versteckt

    @admin.action(description=_("Show again and close the reports"))
    def freigeben(self, request, queryset):
        anzahl = 0
        for idee in queryset:
            services.freigeben(idee=idee)
            anzahl += 1
        self.message_user(
            request,
            ngettext("%(n)d idea released.", "%(n)d ideas released.", anzahl) % {"n": anzahl},
            messages.SUCCESS,
        )


@admin.register(Jugendprofil)
class JugendprofilAdmin(admin.ModelAdmin):
    list_display = ["spitzname", "geburtsjahr", "bestaetigt_am"]
    search_fields = ["spitzname", "user__email"]
    list_select_related = ["user"]
    readonly_fields = ["user", "erstellt", "bestaetigung_angefragt_am", "bestaetigt_am"]

    def has_add_permission(self, request) -> bool:
        # The young person creates the profile; the guardian confirms by the mail's link.
        return False


@admin.register(Meldung)
class MeldungAdmin(admin.ModelAdmin):
    list_display = ["idee", "grund", "erstellt", "erledigt_am"]
    list_filter = [("erledigt_am", admin.EmptyFieldListFilter)]
    list_select_related = ["idee"]
    readonly_fields = ["idee", "von", "grund", "erstellt"]

    def has_add_permission(self, request) -> bool:
        return False


@entscheidungen.quelle
def _jugendideen():
    yield entscheidungen.Offen(
        _("Youth ideas whose answer is overdue"),
        Idee.objects.oeffentlich().antwort_ueberfaellig(timezone.localdate()).count(),
        reverse("admin:arbeitsgruppen_idee_changelist") + "?antwort=ueberfaellig",
    )
    yield entscheidungen.Offen(
        _("Reported or flagged youth ideas"),
        Idee.objects.gemeldet_oder_markiert().count(),
        reverse("jugend:moderation"),
    )
