"""Admin of the minutes: checklist, items and follow-up tasks."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy, ngettext

from netzwerk.eingaben import id_aus
from netzwerk.zeit import kurzes_datum
from termine import protokoll as protokolle
from termine.models import (
    Folgeaufgabe,
    Protokoll,
    ProtokollPunkt,
    Stammtisch,
    Termin,
)
from termine.stammtisch import services as dienste
from vereine.models import Akteur

# --------------------------------------------------------------------------- minutes


class ProtokollPunktInline(admin.StackedInline):
    model = ProtokollPunkt
    extra = 1
    fields = [("titel", "reihenfolge"), "notizen"]
    formfield_overrides = {
        ProtokollPunkt._meta.get_field("notizen").__class__: {
            "widget": forms.Textarea(attrs={"rows": 3, "cols": 80})
        }
    }

    def _vorbelegung(self, request) -> list[str]:
        termin = _termin_aus_anfrage(request)
        return dienste.protokoll_vorbelegen(termin)["punkte"] if termin else []

    def get_extra(self, request, obj=None, **kwargs) -> int:
        if obj is None:
            return max(len(self._vorbelegung(request)), 1)
        return 1


class FolgeaufgabeInline(admin.TabularInline):
    model = Folgeaufgabe
    extra = 1
    autocomplete_fields = ["verantwortlich"]


def _termin_aus_anfrage(request) -> Termin | None:
    wert = id_aus(request.GET.get("termin"))
    return Termin.objects.filter(pk=wert).first() if wert else None


class ProtokollForm(forms.ModelForm):
    class Meta:
        model = Protokoll
        fields = ["termin", "anwesende", "personenzahl", "beschluesse"]
        widgets = {"anwesende": forms.CheckboxSelectMultiple}


@admin.register(Protokoll)
class ProtokollAdmin(admin.ModelAdmin):
    form = ProtokollForm
    # Adds "Save and publish" to the form: writing and publishing in one step.
    change_form_template = "termine/stammtisch/admin/protokoll_change_form.html"
    list_display = ["termin", "datum", "personenzahl", "ist_veroeffentlicht", "offene_aufgaben"]
    list_filter = [("veroeffentlicht_am", admin.EmptyFieldListFilter), "termin__kategorie"]
    list_select_related = ["termin"]
    search_fields = ["termin__titel", "beschluesse"]
    raw_id_fields = ["termin"]
    readonly_fields = ["veroeffentlicht_am"]
    inlines = [ProtokollPunktInline, FolgeaufgabeInline]
    actions = ["veroeffentlichen"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_offen=Count("folgeaufgaben", filter=Q(folgeaufgaben__erledigt=False)))
        )

    @admin.display(description=gettext_lazy("date"), ordering="termin__start")
    def datum(self, obj: Protokoll) -> str:
        return kurzes_datum(obj.termin.start)

    @admin.display(description=gettext_lazy("published"), boolean=True)
    def ist_veroeffentlicht(self, obj: Protokoll) -> bool:
        return obj.veroeffentlicht

    @admin.display(description=gettext_lazy("open follow-ups"), ordering="_offen")
    def offene_aufgaben(self, obj: Protokoll) -> int:
        return obj._offen

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "anwesende":
            # A Stammtisch's checklist shows its pool; other meetings all active actors.
            termin = _termin_aus_anfrage(request)
            stammtisch = Stammtisch.objects.filter(termin=termin).first() if termin else None
            if stammtisch is not None:
                kwargs["queryset"] = Akteur.objects.filter(
                    Q(stammtisch_teilnahmen__reihe=stammtisch.reihe_id)
                ).order_by("name")
            else:
                kwargs["queryset"] = Akteur.objects.aktiv().order_by("name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        # New minutes: one item per agenda point of the meeting.
        if isinstance(inline, ProtokollPunktInline) and obj.pk is None and request.method == "GET":
            kwargs["initial"] = [
                {"titel": titel, "reihenfolge": i}
                for i, titel in enumerate(inline._vorbelegung(request), start=1)
            ]
        return kwargs

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        termin = _termin_aus_anfrage(request)
        if termin is not None:
            vorbelegung = dienste.protokoll_vorbelegen(termin)
            initial["anwesende"] = vorbelegung["anwesende"]
            if vorbelegung["personenzahl"]:
                initial["personenzahl"] = vorbelegung["personenzahl"]
        return initial

    def response_add(self, request, obj, post_url_continue=None):
        # The inlines are saved by now, so the mail carries the whole minutes.
        if "_veroeffentlichen" in request.POST:
            self._veroeffentlichen(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_veroeffentlichen" in request.POST:
            self._veroeffentlichen(request, obj)
        return super().response_change(request, obj)

    @admin.action(description=gettext_lazy("Publish and mail to the participants"))
    def veroeffentlichen(self, request, queryset):
        for protokoll in queryset.select_related("termin"):
            self._veroeffentlichen(request, protokoll)

    def _veroeffentlichen(self, request, protokoll: Protokoll) -> None:
        try:
            anzahl = protokolle.protokoll_veroeffentlichen(protokoll=protokoll)
        except protokolle.ProtokollFehler as fehler:
            self.message_user(request, f"{protokoll}: {fehler}", messages.WARNING)
        else:
            self.message_user(
                request,
                ngettext(
                    "%(protokoll)s published and mailed to %(n)d person.",
                    "%(protokoll)s published and mailed to %(n)d people.",
                    anzahl,
                )
                % {"protokoll": protokoll, "n": anzahl},
                messages.SUCCESS,
            )
