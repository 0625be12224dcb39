"""The pool in the coordinators' back office: items (most lent first on a click), lendings,
and requests nobody answered for a week in "Wartet auf deine Entscheidung".

Lendings are read-only here. Coordinators answer open requests with the actions "accept" and
"decline" (an intermediate page asks for the message); both call the same services as the
members' page, so accepting takes the same lock and can never book a unit twice: a request
that no longer fits is refused with a message.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netzwerk import entscheidungen
from vereine.ressourcen.models import Ausleihe, Belegung, Ressource, Uebergabe, Zustandseintrag
from vereine.ressourcen.services import (
    UNBEANTWORTET_TAGE,
    NichtVerfuegbar,
    ausleihe_ablehnen,
    ausleihe_annehmen,
    einheiten_abgleichen,
    menge_fehler,
)


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


class AntwortAdminForm(forms.Form):
    antwort = forms.CharField(
        label=_("Your message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("e.g. when and where to pick it up, or why it does not work this time"),
    )

    def __init__(self, *args, pflicht: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["antwort"].required = pflicht
        self.fields["antwort"].error_messages["required"] = _(
            "Please say in a few words why, so they can plan something else."
        )


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
        "termin",
        "status",
        "antwort",
        "beantwortet_am",
        "beantwortet_von",
        "erinnert_am",
        "erstellt",
    ]
    inlines = [BelegungInline, UebergabeInline]
    actions = ["annehmen", "ablehnen"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Accept selected requests (with a message)"))
    def annehmen(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return self._antworten(request, queryset, annehmen=True)

    @admin.action(description=_("Decline selected requests (with a message)"))
    def ablehnen(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return self._antworten(request, queryset, annehmen=False)

    def _antworten(
        self, request: HttpRequest, queryset: QuerySet, *, annehmen: bool
    ) -> HttpResponse | None:
        """Intermediate page: first the message, then (“bestaetigt”) the service per request."""
        offen = list(queryset.offen().fuer_listen().order_by("erstellt", "pk"))
        if not offen:
            self.message_user(
                request, _("None of the selected lendings is an open request."), messages.WARNING
            )
            return None
        form = AntwortAdminForm(
            request.POST if "bestaetigt" in request.POST else None, pflicht=not annehmen
        )
        if not (form.is_bound and form.is_valid()):
            return TemplateResponse(
                request,
                "ressourcen/admin/antworten.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Accept requests") if annehmen else _("Decline requests"),
                    "ausleihen": offen,
                    "form": form,
                    "aktion": "annehmen" if annehmen else "ablehnen",
                    "annehmen": annehmen,
                    "opts": self.model._meta,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        antwort = form.cleaned_data["antwort"]
        erledigt, belegt, beantwortet = 0, [], []
        for ausleihe in offen:
            try:
                if annehmen:
                    ausleihe_annehmen(ausleihe=ausleihe, von=request.user, antwort=antwort)
                else:
                    ausleihe_ablehnen(ausleihe=ausleihe, von=request.user, antwort=antwort)
            except NichtVerfuegbar:
                belegt.append(str(ausleihe))
            except ValidationError:
                beantwortet.append(str(ausleihe))
            else:
                erledigt += 1
        if erledigt:
            text = (
                ngettext("%(n)d request accepted.", "%(n)d requests accepted.", erledigt)
                if annehmen
                else ngettext("%(n)d request declined.", "%(n)d requests declined.", erledigt)
            )
            self.message_user(request, text % {"n": erledigt}, messages.SUCCESS)
        if belegt:
            self.message_user(
                request,
                _(
                    "Not accepted, too few of them are free on these days (another lending "
                    "was accepted): %(liste)s. Decline them with a message instead."
                )
                % {"liste": "; ".join(belegt)},
                messages.ERROR,
            )
        if beantwortet:
            self.message_user(
                request,
                _("Already answered meanwhile: %(liste)s.") % {"liste": "; ".join(beantwortet)},
                messages.WARNING,
            )
        return None

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
