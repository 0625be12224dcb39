"""The coordinators' back office for the Verlosung: settings, wishes, groups and the runs.

A run's page is the result page: quality report, draw order, places and waiting lists per
occasion, the form for manual changes (logged) and "Bestätigen". "Add" on the runs' list is
"Vorschau berechnen". Imported by TermineConfig.ready(); every action calls
:mod:`termine.verlosung_dienste`.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from termine.ferien.verlosung import services as dienste
from termine.models import (
    Anpassung,
    Durchfuehrung,
    Ferienzeitraum,
    Gruppenmitglied,
    Kind,
    VerlosungsEinstellung,
    Verlosungslauf,
    Wunsch,
    Wunschgruppe,
)


def bestaetigt_text(ergebnis: dienste.Bestaetigung) -> str:
    """“Confirmed: 5 places and 1 waiting-list entry created, 2 families told …”."""
    return _(
        "Confirmed: %(plaetze)s and %(warteliste)s created, %(familien)s told by e-mail "
        "(one e-mail per child)."
    ) % {
        "plaetze": ngettext("%(n)d place", "%(n)d places", ergebnis.plaetze)
        % {"n": ergebnis.plaetze},
        "warteliste": ngettext(
            "%(n)d waiting-list entry", "%(n)d waiting-list entries", ergebnis.warteliste
        )
        % {"n": ergebnis.warteliste},
        "familien": ngettext("%(n)d family", "%(n)d families", ergebnis.familien)
        % {"n": ergebnis.familien},
    }


@admin.register(VerlosungsEinstellung)
class VerlosungsEinstellungAdmin(admin.ModelAdmin):
    list_display = [
        "zeitraum",
        "max_favoriten",
        "wuensche_ab",
        "wuensche_bis",
        "prioritaet_vorperiode",
    ]
    list_select_related = ["zeitraum"]
    search_fields = ["zeitraum__name"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "zeitraum":
            kwargs["queryset"] = Ferienzeitraum.objects.filter(modus=Ferienzeitraum.Modus.VERLOSUNG)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Wunsch)
class WunschAdmin(admin.ModelAdmin):
    list_display = ["kind", "angebot", "beginn", "favorit", "erstellt"]
    list_filter = ["durchfuehrung__angebot__zeitraum", "favorit"]
    list_select_related = ["kind", "durchfuehrung__angebot", "durchfuehrung__termin"]
    search_fields = ["kind__vorname", "kind__nachname", "durchfuehrung__angebot__titel"]
    raw_id_fields = ["kind", "durchfuehrung"]
    readonly_fields = ["erstellt"]

    @admin.display(description=gettext_lazy("Offer"), ordering="durchfuehrung__angebot__titel")
    def angebot(self, obj: Wunsch) -> str:
        return obj.durchfuehrung.angebot.titel

    @admin.display(description=gettext_lazy("Start"), ordering="durchfuehrung__termin__start")
    def beginn(self, obj: Wunsch):
        return obj.durchfuehrung.termin.start


class GruppenmitgliedInline(admin.TabularInline):
    model = Gruppenmitglied
    extra = 0
    fields = ["kind", "erstellt"]
    readonly_fields = ["kind", "erstellt"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # families join with the code


@admin.register(Wunschgruppe)
class WunschgruppeAdmin(admin.ModelAdmin):
    list_display = ["code", "zeitraum", "anzahl", "erstellt"]
    list_filter = ["zeitraum"]
    list_select_related = ["zeitraum"]
    search_fields = ["code", "mitglieder__kind__vorname", "mitglieder__kind__nachname"]
    readonly_fields = ["code", "zeitraum", "erstellt"]
    inlines = [GruppenmitgliedInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_anzahl=Count("mitglieder"))

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=gettext_lazy("Children"), ordering="_anzahl")
    def anzahl(self, obj: Wunschgruppe) -> int:
        return obj._anzahl


# --------------------------------------------------------------------------------- runs


class BerechnenForm(forms.Form):
    zeitraum = forms.ModelChoiceField(
        label=gettext_lazy("Holiday period"), queryset=Ferienzeitraum.objects.none()
    )
    seed = forms.IntegerField(
        label=gettext_lazy("Seed (optional)"),
        required=False,
        min_value=0,
        max_value=2**63 - 1,
        help_text=gettext_lazy(
            "Leave empty for a fresh random draw. Enter the seed of an earlier run to repeat it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zeitraum"].queryset = Ferienzeitraum.objects.filter(
            modus=Ferienzeitraum.Modus.VERLOSUNG
        ).exclude(verlosungslaeufe__status=Verlosungslauf.Status.BESTAETIGT)


class AnpassenForm(forms.Form):
    aktion = forms.ChoiceField(label=gettext_lazy("Change"), choices=Anpassung.Aktion.choices)
    kind = forms.ModelChoiceField(label=gettext_lazy("Child"), queryset=Kind.objects.none())
    durchfuehrung = forms.ModelChoiceField(
        label=gettext_lazy("Occasion"), queryset=Durchfuehrung.objects.none()
    )
    grund = forms.CharField(
        label=gettext_lazy("Reason (goes into the log)"),
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )
    ueber_kapazitaet = forms.BooleanField(
        label=gettext_lazy("Beyond the places (the provider agreed to take one more child)"),
        required=False,
    )

    def __init__(self, *args, lauf: Verlosungslauf, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = Kind.objects.filter(
            pk__in=[k[0] for k in lauf.eingabe.get("kinder", [])]
        ).order_by("vorname", "nachname", "pk")
        self.fields["kind"].label_from_instance = lambda k: f"{k} (#{k.pk})"
        self.fields["durchfuehrung"].queryset = (
            Durchfuehrung.objects.filter(
                pk__in=[d[0] for d in lauf.eingabe.get("durchfuehrungen", [])]
            )
            .select_related("angebot", "termin")
            .order_by("termin__start", "pk")
        )


@admin.register(Verlosungslauf)
class VerlosungslaufAdmin(admin.ModelAdmin):
    list_display = ["__str__", "zeitraum", "seed", "status", "kinder_mit_platz", "erstellt_von"]
    list_filter = ["status", "zeitraum"]
    list_select_related = ["zeitraum", "erstellt_von"]
    search_fields = ["zeitraum__name", "seed"]
    date_hierarchy = "erstellt"

    def has_delete_permission(self, request, obj=None) -> bool:
        # Previews may go; a confirmed run is the record of what families were told.
        return super().has_delete_permission(request, obj) and (obj is None or obj.ist_vorschau)

    @admin.display(description=gettext_lazy("Children with a place / possible"))
    def kinder_mit_platz(self, obj: Verlosungslauf) -> str:
        bericht = obj.ergebnis.get("bericht", {})
        return f"{bericht.get('mit_platz', 0)} / {bericht.get('max_mit_platz', 0)}"

    def get_urls(self):
        return [
            path(
                "<int:pk>/bestaetigen/",
                self.admin_site.admin_view(self.bestaetigen_view),
                name="termine_verlosungslauf_bestaetigen",
            ),
            *super().get_urls(),
        ]

    # "Add" = compute a preview.
    def add_view(self, request: HttpRequest, form_url="", extra_context=None) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        initial = {}
        if zeitraum := request.GET.get("zeitraum"):
            initial["zeitraum"] = zeitraum
        form = BerechnenForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                lauf = dienste.vorschau(
                    zeitraum=form.cleaned_data["zeitraum"],
                    seed=form.cleaned_data["seed"],
                    von=request.user,
                )
            except dienste.VerlosungNichtMoeglich as e:
                form.add_error("zeitraum", e.nachricht)
            else:
                self.message_user(
                    request,
                    _("Preview computed with seed %(seed)s.") % {"seed": lauf.seed},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:termine_verlosungslauf_change", args=[lauf.pk])
                )
        return TemplateResponse(
            request,
            "termine/verlosung/admin/berechnen.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "form": form,
                "title": _("Compute a preview"),
            },
        )

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        lauf = get_object_or_404(Verlosungslauf.objects.select_related("zeitraum"), pk=object_id)
        if not self.has_view_or_change_permission(request, lauf):
            raise PermissionDenied
        form = AnpassenForm(
            request.POST if request.method == "POST" and "anpassen" in request.POST else None,
            lauf=lauf,
        )
        if request.method == "POST":
            if not self.has_change_permission(request, lauf):
                raise PermissionDenied
            if "neu_berechnen" in request.POST:
                neu = dienste.vorschau(zeitraum=lauf.zeitraum, von=request.user)
                self.message_user(
                    request,
                    _("New preview computed with seed %(seed)s.") % {"seed": neu.seed},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:termine_verlosungslauf_change", args=[neu.pk])
                )
            if "nachrechnen" in request.POST:
                if dienste.nachrechnen(lauf):
                    self.message_user(
                        request,
                        _("Recomputed from the stored input and seed: identical draw and places."),
                        messages.SUCCESS,
                    )
                else:
                    self.message_user(request, _("Recomputed: the result differs!"), messages.ERROR)
                return HttpResponseRedirect(request.path)
            if form.is_valid():
                try:
                    anpassung = dienste.anpassen(
                        lauf=lauf,
                        kind=form.cleaned_data["kind"],
                        durchfuehrung=form.cleaned_data["durchfuehrung"],
                        aktion=form.cleaned_data["aktion"],
                        grund=form.cleaned_data["grund"],
                        ueber_kapazitaet=form.cleaned_data["ueber_kapazitaet"],
                        von=request.user,
                    )
                except dienste.VerlosungNichtMoeglich as e:
                    form.add_error(e.feld if e.feld in form.fields else None, e.nachricht)
                else:
                    self.message_user(
                        request,
                        " ".join(
                            t
                            for t in [
                                _("Change saved and logged: %(aenderung)s.")
                                % {"aenderung": anpassung},
                                anpassung.folgen,
                            ]
                            if t
                        ),
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(request.path)
        kontext = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "lauf": lauf,
            "original": lauf,
            "title": str(lauf),
            "form": form,
            "anpassungen": lauf.anpassungen.select_related(
                "kind", "durchfuehrung__angebot", "durchfuehrung__termin", "von"
            ),
            "eingabe_unveraendert": dienste.eingabe_unveraendert(lauf)
            if lauf.ist_vorschau
            else True,
            "darf_aendern": self.has_change_permission(request, lauf) and lauf.ist_vorschau,
            "darf_loeschen": self.has_delete_permission(request, lauf),
            **dienste.ansicht(lauf),
        }
        return TemplateResponse(request, "termine/verlosung/admin/lauf.html", kontext)

    def bestaetigen_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        lauf = get_object_or_404(Verlosungslauf.objects.select_related("zeitraum"), pk=pk)
        if not self.has_change_permission(request, lauf):
            raise PermissionDenied
        fehler = None
        if request.method == "POST":
            try:
                ergebnis = dienste.bestaetigen(lauf=lauf, von=request.user)
            except dienste.VerlosungNichtMoeglich as e:
                fehler = e.nachricht
            else:
                self.message_user(request, bestaetigt_text(ergebnis), messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse("admin:termine_verlosungslauf_change", args=[lauf.pk])
                )
        return TemplateResponse(
            request,
            "termine/verlosung/admin/bestaetigen.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "lauf": lauf,
                "original": lauf,
                "bericht": lauf.ergebnis.get("bericht", {}),
                "wunschphase_offen": dienste.wunschphase_offen(lauf.zeitraum),
                "fehler": fehler,
                "title": _("Confirm the lottery: %(zeitraum)s") % {"zeitraum": lauf.zeitraum},
            },
        )
