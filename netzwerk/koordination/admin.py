"""The coordinators' back office for the shared challenges (imported by netzwerk's ready()).

The change form is also how minutes update a challenge: below the fields, “What the meeting
said” takes a note and the meeting it was said at (a history line dated on that meeting),
“Hand to a working group” a Vorhaben, “Close with an outcome” the outcome. Follow-ups are an
inline; ticking “done” marks one done. Every change goes through the services, so the history
stays complete.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from arbeitsgruppen.models import Vorhaben
from netzwerk import entscheidungen
from netzwerk.koordination import services
from netzwerk.koordination.models import Folgeschritt, Herausforderung, Verlaufseintrag
from termine.models import Termin


class UeberfaelligFilter(admin.SimpleListFilter):
    title = _("follow-ups")
    parameter_name = "schritte"

    def lookups(self, request, model_admin):
        return [("ueberfaellig", _("overdue")), ("offen", _("not done"))]

    def queryset(self, request, queryset):
        heute = timezone.localdate()
        if self.value() == "ueberfaellig":
            schritte = Folgeschritt.objects.ueberfaellig(heute)
        elif self.value() == "offen":
            schritte = Folgeschritt.objects.offen()
        else:
            return queryset
        if queryset.model is Folgeschritt:
            return queryset.filter(pk__in=schritte.values("pk"))
        return queryset.filter(pk__in=schritte.values("herausforderung"))


class FolgeschrittForm(forms.ModelForm):
    erledigt = forms.BooleanField(label=_("done"), required=False)

    class Meta:
        model = Folgeschritt
        fields = ["text", "akteur", "person", "faellig_am"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["erledigt"].initial = self.instance.erledigt
        if self.instance.erledigt:
            self.fields["erledigt"].disabled = True


class FolgeschrittInline(admin.TabularInline):
    model = Folgeschritt
    form = FolgeschrittForm
    extra = 1
    fields = ["text", "akteur", "person", "faellig_am", "erledigt", "erledigt_am"]
    readonly_fields = ["erledigt_am"]
    autocomplete_fields = ["akteur", "person"]


class VerlaufInline(admin.TabularInline):
    model = Verlaufseintrag
    extra = 0
    fields = readonly_fields = ["datum", "art", "text", "termin", "erstellt_von"]
    can_delete = False
    verbose_name_plural = _("History")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


def _sitzungen():
    """Meetings a note can be dated on: Stammtische and group meetings of the last year."""
    seit = timezone.now() - timedelta(days=365)
    return (
        Termin.objects.filter(start__gte=seit, start__lte=timezone.now() + timedelta(days=1))
        .filter(kategorie__in=[Termin.Kategorie.STAMMTISCH, Termin.Kategorie.TREFFEN])
        .order_by("-start")
    )


class HerausforderungForm(forms.ModelForm):
    notiz = forms.CharField(
        label=_("What the meeting said"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Written into the history, dated on the meeting chosen below (or today)."),
    )
    besprochen_bei = forms.ModelChoiceField(
        label=_("Discussed at"), queryset=Termin.objects.none(), required=False
    )
    uebergeben_an = forms.ModelChoiceField(
        label=_("Hand to a working group (project)"),
        queryset=Vorhaben.objects.none(),
        required=False,
        help_text=_("The working group follows it up as this project."),
    )
    ergebnis_neu = forms.CharField(
        label=_("Close with this outcome"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only when it is settled: what came of it."),
    )

    class Meta:
        model = Herausforderung
        fields = [
            "titel",
            "beschreibung",
            "kategorie",
            "sichtbarkeit",
            "aufgekommen_am",
            "herkunft",
            "termin",
            "arbeitsgruppe",
            "akteure",
            "ortsteil",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["besprochen_bei"].queryset = _sitzungen()
        self.fields["uebergeben_an"].queryset = Vorhaben.objects.select_related("gruppe").exclude(
            status=Vorhaben.Status.ABGESCHLOSSEN
        )
        self.fields["uebergeben_an"].label_from_instance = lambda v: f"{v.gruppe}: {v}"
        if self.instance.pk and not self.instance.offen:
            for name in ("uebergeben_an", "ergebnis_neu"):
                self.fields[name].disabled = True


@admin.register(Herausforderung)
class HerausforderungAdmin(admin.ModelAdmin):
    form = HerausforderungForm
    list_display = [
        "titel",
        "status",
        "kategorie",
        "aufgekommen_am",
        "herkunft",
        "ortsteil",
        "sichtbarkeit",
        "offene_schritte_anzahl",
    ]
    list_filter = [
        "status",
        UeberfaelligFilter,
        "kategorie",
        "herkunft",
        "sichtbarkeit",
        "ortsteil",
    ]
    search_fields = ["titel", "beschreibung"]
    date_hierarchy = "aufgekommen_am"
    autocomplete_fields = ["termin", "arbeitsgruppe", "akteure"]
    readonly_fields = ["status", "vorhaben", "ergebnis", "abgeschlossen_am"]
    inlines = [FolgeschrittInline, VerlaufInline]
    actions = ["wieder_oeffnen"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "titel",
                    "beschreibung",
                    "kategorie",
                    "sichtbarkeit",
                    ("aufgekommen_am", "herkunft"),
                    "termin",
                    "arbeitsgruppe",
                    "akteure",
                    "ortsteil",
                ]
            },
        ),
        (
            _("Where it stands"),
            {"fields": ["status", "vorhaben", "ergebnis", "abgeschlossen_am"]},
        ),
        (
            _("Update from a meeting"),
            {"fields": ["notiz", "besprochen_bei", "uebergeben_an", "ergebnis_neu"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).fuer_listen()

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        # The link from a meeting's page: the challenges raised there.
        return lookup == "termin__id__exact" or super().lookup_allowed(lookup, value, request)

    @admin.display(description=_("open follow-ups"), ordering="offene_schritte")
    def offene_schritte_anzahl(self, obj: Herausforderung) -> int:
        return obj.offene_schritte

    def save_model(self, request, obj, form, change) -> None:
        neu = obj.pk is None
        if neu:
            obj.erstellt_von = request.user
        super().save_model(request, obj, form, change)
        if neu:
            services.aufgenommen(obj, von=request.user)
        daten = form.cleaned_data
        if daten.get("notiz"):
            services.besprechen(
                herausforderung=obj,
                text=daten["notiz"],
                termin=daten.get("besprochen_bei"),
                von=request.user,
            )
        if daten.get("uebergeben_an") and daten["uebergeben_an"] != obj.vorhaben and obj.offen:
            services.uebergeben(
                herausforderung=obj, vorhaben=daten["uebergeben_an"], von=request.user
            )
        if daten.get("ergebnis_neu") and obj.offen:
            # Closed after the inlines are saved (save_related), so follow-ups added in the
            # same submit are still allowed.
            request._herausforderung_abschliessen = daten["ergebnis_neu"]

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not Folgeschritt:
            return super().save_formset(request, form, formset, change)
        termin = form.cleaned_data.get("besprochen_bei")
        schritte = formset.save()
        for schritt in schritte:
            if schritt in formset.new_objects:
                services.geplant(schritt, von=request.user, termin=termin)
        for f in formset.forms:
            if f.cleaned_data.get("erledigt") and f.instance.pk and not f.instance.erledigt:
                services.schritt_erledigen(schritt=f.instance, von=request.user)
        return None

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        ergebnis = getattr(request, "_herausforderung_abschliessen", "")
        if ergebnis:
            services.abschliessen(
                herausforderung=form.instance, ergebnis=ergebnis, von=request.user
            )

    @admin.action(description=_("Reopen"))
    def wieder_oeffnen(self, request, queryset):
        anzahl = 0
        for h in queryset.filter(status=Herausforderung.Status.ABGESCHLOSSEN):
            services.wieder_oeffnen(herausforderung=h, von=request.user)
            anzahl += 1
        self.message_user(
            request,
            ngettext("%(n)d challenge reopened.", "%(n)d challenges reopened.", anzahl)
            % {"n": anzahl},
            messages.SUCCESS,
        )


@admin.register(Folgeschritt)
class FolgeschrittAdmin(admin.ModelAdmin):
    """All follow-ups across challenges (the to-do page links the overdue ones here); they
    are added on their challenge's page, so the history records them."""

    list_display = ["text", "herausforderung", "akteur", "person", "faellig_am", "erledigt_am"]
    list_filter = [UeberfaelligFilter]
    list_select_related = ["herausforderung", "akteur", "person"]
    search_fields = ["text", "herausforderung__titel"]
    fields = readonly_fields = [
        "herausforderung",
        "text",
        "akteur",
        "person",
        "faellig_am",
        "erledigt_am",
    ]
    actions = ["als_erledigt"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Mark as done"))
    def als_erledigt(self, request, queryset):
        anzahl = 0
        for schritt in queryset.offen().select_related("herausforderung"):
            services.schritt_erledigen(schritt=schritt, von=request.user)
            anzahl += 1
        self.message_user(
            request,
            ngettext("%(n)d follow-up marked as done.", "%(n)d follow-ups marked as done.", anzahl)
            % {"n": anzahl},
            messages.SUCCESS,
        )


@entscheidungen.zu_tun
def _ueberfaellige_schritte():
    yield entscheidungen.ZuTun(
        _("Shared challenges"),
        _("Overdue follow-ups of shared challenges"),
        reverse("admin:netzwerk_folgeschritt_changelist") + "?schritte=ueberfaellig",
        anzahl=Folgeschritt.objects.ueberfaellig(timezone.localdate()).count(),
    )
