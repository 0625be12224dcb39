"""Admin of the Stammtisch series: rotation pool, planning the next meetings."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from netzwerk.zeit import kurzes_datum, uhrzeit
from termine.models import (
    Stammtischreihe,
    Teilnahme,
    Verhinderung,
)
from termine.stammtisch import services as dienste
from termine.stammtisch.admin.planen import GastgeberPlanung
from vereine.models import Akteur

MAX_PLANEN = 12


# ---------------------------------------------------------------------------- series


class TeilnahmeInline(admin.TabularInline):
    model = Teilnahme
    extra = 1
    autocomplete_fields = ["akteur"]
    fields = ["akteur", "kann_gastgeber", "notiz", "verhinderungen_text"]
    readonly_fields = ["verhinderungen_text"]
    show_change_link = True

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("akteur")
            .prefetch_related("verhinderungen")
        )

    @admin.display(description=gettext_lazy("cannot host"))
    def verhinderungen_text(self, obj: Teilnahme) -> str:
        perioden = [
            f"{kurzes_datum(v.von)}–{kurzes_datum(v.bis)}" for v in obj.verhinderungen.all()
        ]
        return ", ".join(perioden) or "–"


class VerhinderungInline(admin.TabularInline):
    model = Verhinderung
    extra = 1


@admin.register(Teilnahme)
class TeilnahmeAdmin(admin.ModelAdmin):
    """A pool member with the periods it cannot host (reached from the series' pool)."""

    list_display = ["akteur", "reihe", "kann_gastgeber"]
    list_filter = ["reihe", "kann_gastgeber"]
    list_select_related = ["akteur", "reihe"]
    search_fields = ["akteur__name", "reihe__name"]
    autocomplete_fields = ["akteur"]
    inlines = [VerhinderungInline]


@admin.register(Stammtischreihe)
class StammtischreiheAdmin(admin.ModelAdmin):
    change_form_template = "termine/stammtisch/admin/reihe_change_form.html"
    list_display = ["name", "rhythmus_text", "pool_groesse", "aktiv", "planen_link"]
    list_filter = ["aktiv"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["koordination"]
    inlines = [TeilnahmeInline]
    actions = ["naechste_termine_planen"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "beschreibung", "arbeitsgruppe", "aktiv"]}),
        (
            gettext_lazy("When it meets"),
            {
                "fields": [
                    "rhythmus",
                    "intervall",
                    "wochentag",
                    "woche_im_monat",
                    "uhrzeit",
                    "dauer_minuten",
                    "anker",
                    "oeffentlich",
                ]
            },
        ),
        (
            gettext_lazy("Invitations"),
            {"fields": ["koordination", "weitere_einladungen", "erinnerung_tage_vorher"]},
        ),
        (gettext_lazy("Agenda"), {"fields": ["wiederkehrende_themen"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_pool=Count("pool", distinct=True))

    @admin.display(description=gettext_lazy("cadence"))
    def rhythmus_text(self, obj: Stammtischreihe) -> str:
        if obj.rhythmus == Stammtischreihe.Rhythmus.MONATLICH:
            return _("every %(n)s. month, %(woche)s %(tag)s, %(zeit)s") % {
                "n": obj.intervall,
                "woche": obj.get_woche_im_monat_display(),
                "tag": obj.get_wochentag_display(),
                "zeit": uhrzeit(obj.uhrzeit),
            }
        return _("every %(n)s. week, %(tag)s, %(zeit)s") % {
            "n": obj.intervall,
            "tag": obj.get_wochentag_display(),
            "zeit": uhrzeit(obj.uhrzeit),
        }

    @admin.display(description=gettext_lazy("actors in the pool"), ordering="_pool")
    def pool_groesse(self, obj: Stammtischreihe) -> int:
        return obj._pool

    @admin.display(description=gettext_lazy("planning"))
    def planen_link(self, obj: Stammtischreihe) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:termine_stammtischreihe_planen", args=[obj.pk]),
            _("Plan next meetings"),
        )

    @admin.action(description=gettext_lazy("Plan next meetings"))
    def naechste_termine_planen(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Please select exactly one series to plan."), messages.WARNING
            )
            return None
        return HttpResponseRedirect(
            reverse("admin:termine_stammtischreihe_planen", args=[queryset.get().pk])
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/planen/",
                self.admin_site.admin_view(self.planen_view),
                name="termine_stammtischreihe_planen",
            ),
            *super().get_urls(),
        ]

    def planen_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The intermediate page: n proposals (date, host, reason), hosts adjustable, then
        the meetings are created."""
        reihe = get_object_or_404(Stammtischreihe, pk=pk)
        if not self.has_change_permission(request, reihe):
            raise PermissionDenied
        daten = request.POST if request.method == "POST" else request.GET
        try:
            anzahl = min(max(int(daten.get("anzahl", 3)), 1), MAX_PLANEN)
        except ValueError:
            anzahl = 3
        vorschlaege = dienste.termine_vorschlagen(reihe=reihe, anzahl=anzahl)
        auswahl = list(Akteur.objects.filter(stammtisch_teilnahmen__reihe=reihe).order_by("name"))
        anlegen = request.method == "POST" and "anlegen" in request.POST
        planung = GastgeberPlanung(
            request.POST if anlegen else None,
            vorschlaege=vorschlaege,
            pool=auswahl,
            prefix="gastgeber",
        )
        if anlegen and planung.is_valid():
            erstellt = dienste.naechste_termine_planen(
                reihe=reihe,
                anzahl=anzahl,
                gastgeber=planung.geaenderte_gastgeber(),
                von=request.user,
            )
            self.message_user(
                request,
                ngettext(
                    "%(n)d meeting planned. Now ask the hosts.",
                    "%(n)d meetings planned. Now ask the hosts.",
                    len(erstellt),
                )
                % {"n": len(erstellt)},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:termine_stammtisch_changelist") + f"?reihe__id__exact={reihe.pk}"
            )
        kontext = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "reihe": reihe,
            "anzahl": anzahl,
            "max_planen": MAX_PLANEN,
            "planung": planung,
            "title": _("Plan next meetings: %(reihe)s") % {"reihe": reihe},
        }
        return render(request, "termine/stammtisch/admin/planen.html", kontext)
