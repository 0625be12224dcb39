"""The coordinators' back office for Akteure, Gesuche and responses.

Approving and rejecting proposals goes through an intermediate page where the coordinator
writes the message the proposer receives; both actions call the services.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netzwerk import entscheidungen
from vereine import services
from vereine.models import (
    Akteur,
    Einladung,
    Gesuch,
    Mitgliedschaft,
    Rueckmeldung,
    Thema,
)


class MitgliedschaftInline(admin.TabularInline):
    model = Mitgliedschaft
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "rolle", "seit"]
    readonly_fields = ["seit"]


class EntscheidungForm(forms.Form):
    nachricht = forms.CharField(
        label=_("Message to the proposer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
    )

    def __init__(self, *args, pflicht: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nachricht"].required = pflicht
        if pflicht:
            self.fields["nachricht"].help_text = _(
                "Required: say why, and what the proposer can do instead."
            )


@admin.register(Akteur)
class AkteurAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "art",
        "ortsteil",
        "status",
        "sichtbarkeit",
        "anzahl_mitglieder",
        "vorgeschlagen_von",
        "geaendert",
    ]
    list_filter = ["status", "art", "ortsteil", "sichtbarkeit", "themen"]
    list_select_related = ["ortsteil", "vorgeschlagen_von"]
    search_fields = ["name", "kurzbeschreibung", "kontakt_email", "ort"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["themen"]
    autocomplete_fields = ["vorgeschlagen_von"]
    readonly_fields = ["erstellt", "geaendert"]
    inlines = [MitgliedschaftInline]
    actions = ["freigeben", "ablehnen"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "art", "status", "sichtbarkeit", "vorgeschlagen_von"]}),
        (_("Profile"), {"fields": ["kurzbeschreibung", "beschreibung", "themen", "ortsteil"]}),
        (
            _("Contact"),
            {"fields": ["strasse", "plz", "ort", "kontakt_email", "telefon", "website"]},
        ),
        (
            _("More"),
            {
                "fields": [
                    "gruendungsjahr",
                    "nimmt_mitglieder_auf",
                    "logo",
                    "logo_alt",
                    "foto",
                    "foto_alt",
                    "erstellt",
                    "geaendert",
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(_mitglieder=Count("mitgliedschaften"))

    @admin.display(description=_("members"), ordering="_mitglieder")
    def anzahl_mitglieder(self, obj: Akteur) -> int:
        return obj._mitglieder

    @admin.action(description=_("Approve selected proposals (with a message)"))
    def freigeben(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return self._entscheiden(request, queryset, freigeben=True)

    @admin.action(description=_("Reject selected proposals (with a message)"))
    def ablehnen(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return self._entscheiden(request, queryset, freigeben=False)

    def _entscheiden(
        self, request: HttpRequest, queryset: QuerySet, *, freigeben: bool
    ) -> HttpResponse | None:
        """Intermediate page: first show the form, then (“bestaetigt”) call the service."""
        offen = queryset.filter(status=Akteur.Status.BEANTRAGT).select_related("vorgeschlagen_von")
        if not offen:
            self.message_user(
                request,
                _("None of the selected actors is waiting for a decision."),
                messages.WARNING,
            )
            return None
        form = EntscheidungForm(
            request.POST if "bestaetigt" in request.POST else None, pflicht=not freigeben
        )
        if form.is_bound and form.is_valid():
            nachricht = form.cleaned_data["nachricht"]
            for akteur in offen:
                if freigeben:
                    services.akteur_freigeben(akteur=akteur, von=request.user, nachricht=nachricht)
                else:
                    services.akteur_ablehnen(akteur=akteur, von=request.user, nachricht=nachricht)
            anzahl = len(offen)
            text = (
                ngettext("%(n)d actor approved.", "%(n)d actors approved.", anzahl)
                if freigeben
                else ngettext("%(n)d actor rejected.", "%(n)d actors rejected.", anzahl)
            )
            self.message_user(request, text % {"n": anzahl}, messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            "admin/vereine/akteur/entscheiden.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Approve proposals") if freigeben else _("Reject proposals"),
                "akteure": offen,
                "form": form,
                "aktion": "freigeben" if freigeben else "ablehnen",
                "freigeben": freigeben,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Thema)
class ThemaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "reihenfolge"]
    list_editable = ["reihenfolge"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Mitgliedschaft)
class MitgliedschaftAdmin(admin.ModelAdmin):
    list_display = ["user", "akteur", "rolle", "seit"]
    list_filter = ["rolle"]
    list_select_related = ["user", "akteur"]
    search_fields = ["user__email", "user__anzeigename", "akteur__name"]
    autocomplete_fields = ["user", "akteur"]


@admin.register(Einladung)
class EinladungAdmin(admin.ModelAdmin):
    list_display = ["email", "akteur", "rolle", "eingeladen_von", "erstellt", "angenommen_am"]
    list_filter = ["rolle", ("angenommen_am", admin.EmptyFieldListFilter)]
    list_select_related = ["akteur", "eingeladen_von"]
    search_fields = ["email", "akteur__name"]
    readonly_fields = ["erstellt", "angenommen_am", "angenommen_von", "eingeladen_von"]
    autocomplete_fields = ["akteur"]


class RueckmeldungInline(admin.TabularInline):
    model = Rueckmeldung
    extra = 0
    fields = ["name", "status", "erstellt", "beantwortet_am", "anonymisiert_am"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Gesuch)
class GesuchAdmin(admin.ModelAdmin):
    list_display = [
        "titel",
        "akteur",
        "art",
        "ortsteil",
        "status",
        "bis",
        "anzahl_rueckmeldungen",
        "erstellt",
    ]
    list_filter = ["status", "art", "ortsteil"]
    list_select_related = ["akteur", "ortsteil"]
    search_fields = ["titel", "beschreibung", "akteur__name"]
    autocomplete_fields = ["akteur"]
    date_hierarchy = "erstellt"
    readonly_fields = ["beendet_am", "erstellt", "geaendert"]
    inlines = [RueckmeldungInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(
                _rueckmeldungen=Count("rueckmeldungen"),
                _neue=Count("rueckmeldungen", filter=Q(rueckmeldungen__status="neu")),
            )
        )

    @admin.display(description=_("responses"), ordering="_rueckmeldungen")
    def anzahl_rueckmeldungen(self, obj: Gesuch) -> str:
        return _("%(alle)d (%(neu)d new)") % {"alle": obj._rueckmeldungen, "neu": obj._neue}

    def save_model(self, request: HttpRequest, obj: Gesuch, form, change: bool) -> None:
        services.gesuch_speichern(gesuch=obj, akteur=obj.akteur)


@admin.register(Rueckmeldung)
class RueckmeldungAdmin(admin.ModelAdmin):
    list_display = ["name", "gesuch", "akteur", "status", "erstellt", "anonymisiert_am"]
    list_filter = ["status", ("anonymisiert_am", admin.EmptyFieldListFilter)]
    list_select_related = ["gesuch__akteur"]
    search_fields = ["name", "email", "gesuch__titel", "gesuch__akteur__name"]
    readonly_fields = ["gesuch", "einwilligung_am", "erstellt", "beantwortet_am", "anonymisiert_am"]
    fields = [
        "gesuch",
        "name",
        "email",
        "nachricht",
        "status",
        "einwilligung_am",
        "erstellt",
        "beantwortet_am",
        "anonymisiert_am",
    ]

    @admin.display(description=_("actor"), ordering="gesuch__akteur__name")
    def akteur(self, obj: Rueckmeldung) -> str:
        return obj.gesuch.akteur.name

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Responses come from residents through the public form only.
        return False


@entscheidungen.quelle
def _beantragte_akteure():
    yield entscheidungen.Offen(
        _("Proposed actors to approve or reject"),
        Akteur.objects.filter(status=Akteur.Status.BEANTRAGT).count(),
        reverse("admin:vereine_akteur_changelist") + "?status__exact=beantragt",
    )
