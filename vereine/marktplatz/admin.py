"""The coordinators' back office for the Markt der guten Geschäfte.

Offers that might compete with local businesses wait here for a decision; markets are
created together with their Termin; brokers are appointed on the market; overdue deals are
one filter away (and listed in “Wartet auf deine Entscheidung”).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from netzwerk import entscheidungen
from netzwerk.models import Ortsteil
from vereine.marktplatz import services
from vereine.marktplatz.models import Eintrag, Markt, MarktAnmeldung, Vereinbarung


@admin.register(Eintrag)
class EintragAdmin(admin.ModelAdmin):
    list_display = ["titel", "akteur", "typ", "art", "ortsteil", "status", "konkurrenz", "erstellt"]
    list_filter = ["status", "typ", "art", "konkurrenz", "ortsteil"]
    list_select_related = ["akteur", "ortsteil"]
    search_fields = ["titel", "text", "akteur__name"]
    autocomplete_fields = ["akteur"]
    filter_horizontal = ["themen"]
    readonly_fields = ["erstellt_von", "erstellt", "geaendert"]
    actions = ["freigeben", "ablehnen"]

    @admin.action(description=_("Publish selected entries"))
    def freigeben(self, request: HttpRequest, queryset: QuerySet) -> None:
        for eintrag in queryset:
            services.eintrag_freigeben(eintrag=eintrag)
        self.message_user(
            request,
            ngettext("%(n)d entry published.", "%(n)d entries published.", len(queryset))
            % {"n": len(queryset)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Do not publish selected entries"))
    def ablehnen(self, request: HttpRequest, queryset: QuerySet) -> None:
        for eintrag in queryset:
            services.eintrag_ablehnen(eintrag=eintrag)
        self.message_user(
            request,
            ngettext("%(n)d entry not published.", "%(n)d entries not published.", len(queryset))
            % {"n": len(queryset)},
            messages.SUCCESS,
        )


class MarktAnlegenForm(forms.ModelForm):
    """Adding a market creates its Termin in the shared calendar as well."""

    titel = forms.CharField(label=_("title"), max_length=200, initial="Markt der guten Geschäfte")
    start = forms.SplitDateTimeField(label=_("start"), widget=admin.widgets.AdminSplitDateTime)
    ende = forms.SplitDateTimeField(label=_("end"), widget=admin.widgets.AdminSplitDateTime)
    ort = forms.CharField(label=_("place"), max_length=200, required=False)
    ortsteil = forms.ModelChoiceField(
        label=_("district"), queryset=Ortsteil.objects.all(), required=False
    )
    beschreibung = forms.CharField(label=_("description"), widget=forms.Textarea, required=False)

    class Meta:
        model = Markt
        fields = ["makler"]

    def clean(self):
        daten = super().clean()
        if daten.get("start") and daten.get("ende") and daten["ende"] <= daten["start"]:
            self.add_error("ende", _("The end is before the start. Please check the end."))
        return daten


class AnmeldungInline(admin.TabularInline):
    model = MarktAnmeldung
    extra = 0
    autocomplete_fields = ["akteur"]
    fields = ["akteur", "angemeldet_von", "erstellt"]
    readonly_fields = ["angemeldet_von", "erstellt"]


@admin.register(Markt)
class MarktAdmin(admin.ModelAdmin):
    list_display = ["__str__", "beginn", "anzahl_unternehmen", "anzahl_gemeinnuetzig", "deals"]
    list_select_related = ["termin"]
    search_fields = ["termin__titel"]
    autocomplete_fields = ["makler"]
    readonly_fields = ["termin"]
    inlines = [AnmeldungInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(
                _unternehmen=Count(
                    "anmeldungen",
                    filter=Q(anmeldungen__akteur__art="unternehmen"),
                    distinct=True,
                ),
                _gemeinnuetzig=Count(
                    "anmeldungen",
                    filter=~Q(anmeldungen__akteur__art="unternehmen"),
                    distinct=True,
                ),
                _deals=Count("vereinbarungen", distinct=True),
            )
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = MarktAnlegenForm
            kwargs["fields"] = None
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["titel", "start", "ende", "ort", "ortsteil", "beschreibung", "makler"]
        return ["termin", "makler"]

    def get_readonly_fields(self, request, obj=None):
        return ["termin"] if obj else []

    def save_model(self, request, obj: Markt, form, change: bool) -> None:
        if change:
            obj.save()
            return
        daten = form.cleaned_data
        neu = services.markt_anlegen(
            titel=daten["titel"],
            start=daten["start"],
            ende=daten["ende"],
            ort=daten["ort"],
            ortsteil=daten["ortsteil"],
            beschreibung=daten["beschreibung"],
            von=request.user,
        )
        obj.pk, obj.termin, obj.erstellt = neu.pk, neu.termin, neu.erstellt

    @admin.display(description=_("start"), ordering="termin__start")
    def beginn(self, obj: Markt):
        return timezone.localtime(obj.termin.start)

    @admin.display(description=_("companies"), ordering="_unternehmen")
    def anzahl_unternehmen(self, obj: Markt) -> int:
        return obj._unternehmen

    @admin.display(description=_("non-profits"), ordering="_gemeinnuetzig")
    def anzahl_gemeinnuetzig(self, obj: Markt) -> int:
        return obj._gemeinnuetzig

    @admin.display(description=_("deals"), ordering="_deals")
    def deals(self, obj: Markt) -> int:
        return obj._deals


class NachverfolgungFilter(admin.SimpleListFilter):
    title = pgettext_lazy("marketplace admin filter", "follow-up")
    parameter_name = "nachverfolgung"

    def lookups(self, request, model_admin):
        return [
            ("ueberfaellig", _("overdue")),
            ("unbestaetigt", _("not confirmed by both")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "ueberfaellig":
            return queryset.ueberfaellig()
        if self.value() == "unbestaetigt":
            return queryset.unbestaetigt()
        return queryset


@admin.register(Vereinbarung)
class VereinbarungAdmin(admin.ModelAdmin):
    list_display = [
        "nummer",
        "partner_a",
        "partner_b",
        "markt",
        "bis",
        "ist_bestaetigt",
        "status",
        "nachgefragt_am",
    ]
    list_filter = [NachverfolgungFilter, "status", "markt", "art_a", "art_b"]
    list_select_related = ["partner_a", "partner_b", "markt__termin"]
    search_fields = ["partner_a__name", "partner_b__name", "gibt_a", "gibt_b"]
    autocomplete_fields = ["partner_a", "partner_b"]
    readonly_fields = ["nummer", "erfasst_von", "erstellt", "ergebnis_am", "nachgefragt_am"]
    date_hierarchy = "bis"

    @admin.display(description=_("confirmed"), boolean=True)
    def ist_bestaetigt(self, obj: Vereinbarung) -> bool:
        return obj.bestaetigt


@entscheidungen.quelle
def _marktplatz_entscheidungen():
    yield entscheidungen.Offen(
        _("Marketplace offers to review (might compete with local businesses)"),
        Eintrag.objects.warten_auf_pruefung().count(),
        reverse("admin:vereine_eintrag_changelist") + "?status__exact=pruefung",
    )
    yield entscheidungen.Offen(
        _("Marketplace agreements overdue (ask what became of them)"),
        Vereinbarung.objects.ueberfaellig().count(),
        reverse("admin:vereine_vereinbarung_changelist") + "?nachverfolgung=ueberfaellig",
    )
