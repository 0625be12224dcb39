"""The Aktionstag in the coordinators' back office: days (with their shifts), stations
(decided with actions that call the services; a clash warning when two stations want the
same spot at the same time), shifts with their helpers and the child-protection note, and
the stations waiting in "Wartet auf deine Entscheidung"."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netzwerk import entscheidungen
from termine.aktionstag import services
from termine.models import Aktionstag, Helfereinsatz, Schicht, Station


def _kollidierend():
    """Exists(): another station of the same day wants the same spot at an overlapping time
    (the database form of termine/aktionstag/kollisionen.py, for the list's column)."""
    andere = (
        Station.objects.filter(
            aktionstag=OuterRef("aktionstag"),
            start__lt=OuterRef("ende"),
            ende__gt=OuterRef("start"),
        )
        .exclude(pk=OuterRef("pk"))
        .exclude(status=Station.Status.ABGELEHNT)
    )
    gleicher_platz = Q(platz__isnull=False, platz=OuterRef("platz")) | Q(
        platz__isnull=True, ort__iexact=OuterRef("ort")
    )
    return Exists(andere.filter(gleicher_platz).exclude(ort="", platz__isnull=True))


class SchichtInline(admin.TabularInline):
    model = Schicht
    extra = 0
    fields = ["titel", "station", "start", "ende", "min_helfer", "max_helfer", "mindestalter"]
    show_change_link = True


@admin.register(Aktionstag)
class AktionstagAdmin(admin.ModelAdmin):
    list_display = ["__str__", "tag_anzeige", "gelaende", "stationen_offen", "stationen_bis"]
    list_select_related = ["termin"]
    search_fields = ["termin__titel", "gelaende"]
    autocomplete_fields = ["termin"]
    inlines = [SchichtInline]
    fieldsets = [
        (None, {"fields": ["termin", "gelaende", "lageplan", "lageplan_alt", "plaetze"]}),
        (_("Stations"), {"fields": ["stationen_offen", "stationen_bis"]}),
    ]

    @admin.display(description=_("day"), ordering="termin__start")
    def tag_anzeige(self, obj: Aktionstag):
        return obj.tag

    def view_on_site(self, obj: Aktionstag) -> str:
        return reverse("aktionstag:koordination", args=[obj.pk])


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["titel", "akteur", "aktionstag", "zeit", "wo", "status", "konflikt"]
    list_filter = ["status", "aktionstag", "mit_kindern"]
    list_select_related = ["akteur", "aktionstag__termin"]
    search_fields = ["titel", "akteur__name", "ort"]
    autocomplete_fields = ["akteur"]
    readonly_fields = ["konflikte", "eingereicht_von", "erstellt", "geaendert"]
    actions = ["annehmen", "ablehnen", "aenderung_erbitten"]
    fieldsets = [
        (None, {"fields": ["aktionstag", "akteur", "titel", "beschreibung", "zielgruppe"]}),
        (_("When and where"), {"fields": ["start", "ende", "platz", "ort", "konflikte"]}),
        (_("Needs"), {"fields": ["strom", "zelt", "tische", "wasser", "mit_kindern"]}),
        (_("Decision"), {"fields": ["status", "rueckmeldung", "eingereicht_von"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(_konflikt=_kollidierend())

    @admin.display(description=_("time"), ordering="start")
    def zeit(self, obj: Station) -> str:
        from netzwerk.zeit import uhrzeit

        return f"{uhrzeit(obj.start)}–{uhrzeit(obj.ende)}"

    @admin.display(description=_("spot free"), boolean=True, ordering="_konflikt")
    def konflikt(self, obj: Station) -> bool:
        # Shown as a warning sign: True means "another station wants this spot then".
        return not obj._konflikt

    @admin.display(description=_("same spot at the same time"))
    def konflikte(self, obj: Station):
        if not obj.pk:
            return "–"
        andere = services.kollisionen(obj.aktionstag.stationen.select_related("akteur")).get(
            obj.pk, []
        )
        if not andere:
            return _("No clash.")
        return format_html(
            "<strong>{}</strong><ul>{}</ul>",
            _("Warning: these stations want the same spot at the same time:"),
            format_html_join(
                "",
                "<li><a href='{}'>{}</a></li>",
                ((reverse("admin:termine_station_change", args=[s.pk]), s) for s in andere),
            ),
        )

    def _entscheiden(self, request: HttpRequest, queryset: QuerySet, status: str) -> None:
        anzahl = 0
        for station in queryset.select_related("eingereicht_von", "aktionstag__termin"):
            services.station_entscheiden(station=station, status=status, von=request.user)
            anzahl += 1
        self.message_user(
            request,
            ngettext("%(anzahl)d station updated.", "%(anzahl)d stations updated.", anzahl)
            % {"anzahl": anzahl},
            messages.SUCCESS,
        )

    @admin.action(description=_("Accept selected stations"))
    def annehmen(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._entscheiden(request, queryset, Station.Status.ANGENOMMEN)

    @admin.action(description=_("Decline selected stations"))
    def ablehnen(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._entscheiden(request, queryset, Station.Status.ABGELEHNT)

    @admin.action(description=_("Ask for changes (write the message in the station first)"))
    def aenderung_erbitten(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._entscheiden(request, queryset, Station.Status.AENDERUNG)


class HelfereinsatzInline(admin.TabularInline):
    model = Helfereinsatz
    extra = 0
    fields = [
        "name_anzeige",
        "bestaetigt_am",
        "zeugnis_eingesehen_am",
        "zeugnis_eingesehen_von",
        "zeugnis_gueltig_bis",
    ]
    readonly_fields = ["name_anzeige", "bestaetigt_am"]

    @admin.display(description=_("helper"))
    def name_anzeige(self, obj: Helfereinsatz) -> str:
        return obj.name

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # helpers sign up themselves (the lock lives in the service)


@admin.register(Schicht)
class SchichtAdmin(admin.ModelAdmin):
    list_display = ["titel", "aktionstag", "station", "start", "ende", "belegung"]
    list_filter = ["aktionstag"]
    list_select_related = ["aktionstag__termin", "station__akteur"]
    search_fields = ["titel", "station__titel"]
    inlines = [HelfereinsatzInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).mit_belegung()

    @admin.display(description=_("helpers (min–max)"), ordering="belegt")
    def belegung(self, obj: Schicht) -> str:
        return f"{obj.belegt} ({obj.min_helfer}–{obj.max_helfer})"


@entscheidungen.quelle
def _wartende_stationen():
    yield entscheidungen.Offen(
        _("Stations for an action day waiting for a decision"),
        Station.objects.wartend().count(),
        reverse("admin:termine_station_changelist") + "?status__exact=eingereicht",
    )
