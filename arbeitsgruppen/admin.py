"""Back office of the working groups for coordinators."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from arbeitsgruppen import services
from arbeitsgruppen.models import (
    Arbeitsgruppe,
    Aufgabe,
    Beitrag,
    Beitrittsanfrage,
    Dokument,
    DokumentVersion,
    Einladung,
    Mitglied,
    Thread,
    Vorhaben,
)
from netzwerk import entscheidungen


class MitgliedInline(admin.TabularInline):
    model = Mitglied
    extra = 1
    autocomplete_fields = ["user"]
    fields = ["user", "rolle", "benachrichtigung", "seit"]
    readonly_fields = ["seit"]


@admin.register(Arbeitsgruppe)
class ArbeitsgruppeAdmin(admin.ModelAdmin):
    list_display = ["name", "sichtbarkeit", "uebergeordnet", "anzahl_mitglieder", "offene_aufgaben"]
    list_filter = ["sichtbarkeit", "uebergeordnet"]
    list_select_related = ["uebergeordnet"]
    search_fields = ["name", "zweck", "mitglieder__user__email", "mitglieder__user__anzeigename"]
    prepopulated_fields = {"slug": ["name"]}
    # Not autocomplete: that would need the Akteur admin, which belongs to vereine.
    filter_horizontal = ["akteure"]
    autocomplete_fields = ["uebergeordnet"]
    inlines = [MitgliedInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "sichtbarkeit", "uebergeordnet"]}),
        (_("About the group"), {"fields": ["zweck", "ziele", "kontakt", "rhythmus", "akteure"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _mitglieder=Count("mitglieder", distinct=True),
                _offen=Count(
                    "aufgaben",
                    filter=~Q(aufgaben__status=Aufgabe.Status.ERLEDIGT),
                    distinct=True,
                ),
            )
        )

    @admin.display(description=_("members"), ordering="_mitglieder")
    def anzahl_mitglieder(self, obj) -> int:
        return obj._mitglieder

    @admin.display(description=_("open tasks"), ordering="_offen")
    def offene_aufgaben(self, obj) -> int:
        return obj._offen


@admin.register(Mitglied)
class MitgliedAdmin(admin.ModelAdmin):
    list_display = ["user", "gruppe", "rolle", "benachrichtigung", "seit"]
    list_filter = ["rolle", "benachrichtigung", "gruppe"]
    list_select_related = ["user", "gruppe"]
    search_fields = ["user__email", "user__anzeigename", "gruppe__name"]
    autocomplete_fields = ["user", "gruppe"]


class UeberfaelligFilter(admin.SimpleListFilter):
    title = _("due")
    parameter_name = "faelligkeit"

    def lookups(self, request, model_admin):
        return [("ueberfaellig", _("overdue")), ("woche", _("due within 7 days"))]

    def queryset(self, request, queryset):
        heute = timezone.localdate()
        if self.value() == "ueberfaellig":
            return queryset.ueberfaellig(heute)
        if self.value() == "woche":
            return queryset.faellig_bis(heute + timedelta(days=7))
        return queryset


@admin.register(Aufgabe)
class AufgabeAdmin(admin.ModelAdmin):
    list_display = ["titel", "gruppe", "zustaendig", "faellig", "status", "ist_ueberfaellig"]
    list_filter = ["status", UeberfaelligFilter, "gruppe"]
    list_select_related = ["gruppe", "zustaendig"]
    search_fields = ["titel", "notizen", "zustaendig__email", "zustaendig__anzeigename"]
    autocomplete_fields = ["gruppe", "vorhaben", "zustaendig"]
    date_hierarchy = "faellig"
    # Bookkeeping, shown last (as for dates and offers), not chosen by hand.
    readonly_fields = ["erstellt", "erstellt_von", "erledigt_am"]
    actions = ["als_erledigt"]

    @admin.display(description=_("overdue"), boolean=True)
    def ist_ueberfaellig(self, obj) -> bool:
        return obj.ueberfaellig

    def save_model(self, request, obj, form, change) -> None:
        services.aufgabe_speichern(aufgabe=obj)

    @admin.action(description=_("Mark as done"))
    def als_erledigt(self, request, queryset):
        jetzt = timezone.now()
        anzahl = 0
        for aufgabe in queryset.offen():
            services.aufgabe_status_setzen(
                aufgabe=aufgabe, status=Aufgabe.Status.ERLEDIGT, jetzt=jetzt
            )
            anzahl += 1
        self.message_user(
            request,
            ngettext("%(n)d task marked as done.", "%(n)d tasks marked as done.", anzahl)
            % {"n": anzahl},
            messages.SUCCESS,
        )


@admin.register(Vorhaben)
class VorhabenAdmin(admin.ModelAdmin):
    list_display = ["titel", "gruppe", "status", "verantwortlich", "beginn", "ende"]
    list_filter = ["status", "gruppe"]
    list_select_related = ["gruppe", "verantwortlich"]
    search_fields = ["titel", "beschreibung"]
    autocomplete_fields = ["gruppe", "verantwortlich"]


class DokumentVersionInline(admin.TabularInline):
    model = DokumentVersion
    extra = 0
    fields = ["dateiname", "mimetype", "groesse", "hochgeladen_von", "hochgeladen"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        # Files are uploaded on the group page, where their type is checked.
        return False


@admin.register(Dokument)
class DokumentAdmin(admin.ModelAdmin):
    list_display = ["titel", "gruppe", "art", "geaendert", "erstellt_von"]
    list_filter = ["art", "gruppe"]
    list_select_related = ["gruppe", "erstellt_von"]
    search_fields = ["titel", "beschreibung", "url"]
    autocomplete_fields = ["gruppe", "erstellt_von"]
    inlines = [DokumentVersionInline]


class BeitragInline(admin.StackedInline):
    model = Beitrag
    extra = 0
    fields = ["autor", "erstellt", "bearbeitet", "text"]
    readonly_fields = ["autor", "erstellt", "bearbeitet"]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["titel", "gruppe", "erstellt_von", "letzter_beitrag", "anzahl_beitraege"]
    list_filter = ["gruppe"]
    list_select_related = ["gruppe", "erstellt_von"]
    search_fields = ["titel", "beitraege__text"]
    autocomplete_fields = ["gruppe", "erstellt_von"]
    inlines = [BeitragInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_beitraege=Count("beitraege"))

    @admin.display(description=_("posts"), ordering="_beitraege")
    def anzahl_beitraege(self, obj) -> int:
        return obj._beitraege


@admin.register(Beitrittsanfrage)
class BeitrittsanfrageAdmin(admin.ModelAdmin):
    list_display = ["user", "gruppe", "status", "erstellt", "entschieden_von"]
    list_filter = ["status", "gruppe"]
    list_select_related = ["user", "gruppe", "entschieden_von"]
    search_fields = ["user__email", "user__anzeigename", "gruppe__name"]
    readonly_fields = [
        "gruppe",
        "user",
        "nachricht",
        "erstellt",
        "entschieden_von",
        "entschieden_am",
    ]
    fields = [
        "gruppe",
        "user",
        "nachricht",
        "status",
        "erstellt",
        "entschieden_von",
        "entschieden_am",
    ]
    actions = ["annehmen", "ablehnen"]

    def has_add_permission(self, request) -> bool:
        return False

    def _entscheiden(self, request, queryset, annehmen: bool) -> None:
        anzahl = 0
        for anfrage in queryset.filter(status=Beitrittsanfrage.Status.OFFEN).select_related(
            "user", "gruppe"
        ):
            services.anfrage_entscheiden(anfrage=anfrage, von=request.user, annehmen=annehmen)
            anzahl += 1
        self.message_user(
            request,
            ngettext("%(n)d request answered.", "%(n)d requests answered.", anzahl) % {"n": anzahl},
            messages.SUCCESS,
        )

    @admin.action(description=_("Accept (the person gets a mail)"))
    def annehmen(self, request, queryset):
        self._entscheiden(request, queryset, annehmen=True)

    @admin.action(description=_("Decline (the person gets a mail)"))
    def ablehnen(self, request, queryset):
        self._entscheiden(request, queryset, annehmen=False)


@admin.register(Einladung)
class EinladungAdmin(admin.ModelAdmin):
    list_display = ["email", "gruppe", "eingeladen_von", "erstellt", "angenommen_am"]
    list_filter = ["gruppe"]
    list_select_related = ["gruppe", "eingeladen_von"]
    search_fields = ["email", "gruppe__name"]
    readonly_fields = [
        "gruppe",
        "email",
        "eingeladen_von",
        "erstellt",
        "angenommen_von",
        "angenommen_am",
    ]

    def has_add_permission(self, request) -> bool:
        # Invitations are sent from the group's member page (which also mails the link).
        return False


@entscheidungen.quelle
def _offene_beitrittsanfragen():
    yield entscheidungen.Offen(
        _("Requests to join a working group"),
        Beitrittsanfrage.objects.filter(status=Beitrittsanfrage.Status.OFFEN).count(),
        reverse("admin:arbeitsgruppen_beitrittsanfrage_changelist") + "?status__exact=offen",
    )


@entscheidungen.zu_tun
def _ueberfaellige_aufgaben():
    yield entscheidungen.ZuTun(
        _("Working groups"),
        _("Overdue tasks of working groups"),
        reverse("admin:arbeitsgruppen_aufgabe_changelist") + "?faelligkeit=ueberfaellig",
        anzahl=Aufgabe.objects.ueberfaellig(timezone.localdate()).count(),
    )
