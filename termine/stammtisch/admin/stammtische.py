"""Admin of the meetings: answers, topics, host requests, cancelling; open decisions."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from netzwerk import entscheidungen
from termine.models import (
    GastgeberAnfrage,
    Protokoll,
    Rueckmeldung,
    Stammtisch,
    Thema,
)
from termine.stammtisch import services as dienste

# -------------------------------------------------------------------------- meetings


class ThemaInline(admin.TabularInline):
    model = Thema
    extra = 0
    fields = ["titel", "beschreibung", "akteur", "eingereicht_von", "status", "reihenfolge"]
    readonly_fields = ["eingereicht_von"]
    autocomplete_fields = ["akteur"]
    formfield_overrides = {
        Thema._meta.get_field("beschreibung").__class__: {
            "widget": forms.Textarea(attrs={"rows": 2, "cols": 40})
        }
    }

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A topic the coordinators add here is on the agenda at once (no self-approval).
        formset.form.base_fields["status"].initial = Thema.Status.ANGENOMMEN
        return formset


class RueckmeldungInline(admin.TabularInline):
    model = Rueckmeldung
    extra = 0
    fields = ["email", "akteur", "antwort", "geaendert"]
    readonly_fields = ["geaendert"]
    autocomplete_fields = ["akteur"]


class GastgeberAnfrageInline(admin.TabularInline):
    model = GastgeberAnfrage
    extra = 0
    fields = ["akteur", "angefragt_am", "antwort", "beantwortet_am"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ZeitraumFilter(admin.SimpleListFilter):
    """Upcoming meetings by default: that is where the work is."""

    title = gettext_lazy("period")
    parameter_name = "zeitraum"

    def lookups(self, request, model_admin):
        return [
            ("alle", _("All")),
            ("vergangen", _("Past")),
        ]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("Upcoming"),
        }
        for wert, titel in self.lookup_choices:
            yield {
                "selected": self.value() == wert,
                "query_string": changelist.get_query_string({self.parameter_name: wert}),
                "display": titel,
            }

    def queryset(self, request, queryset):
        if self.value() == "alle":
            return queryset
        if self.value() == "vergangen":
            return queryset.vergangene()
        return queryset.kommende()


class AbsageForm(forms.Form):
    grund = forms.CharField(
        label=gettext_lazy("Reason (people will read it)"),
        max_length=300,
        widget=forms.TextInput(attrs={"size": 60}),
    )


@admin.register(Stammtisch)
class StammtischAdmin(admin.ModelAdmin):
    change_form_template = "termine/stammtisch/admin/stammtisch_change_form.html"
    list_display = [
        "datum",
        "reihe",
        "gastgeber",
        "gastgeber_status",
        "termin_status",
        "zusagen",
        "neue_themen",
    ]
    list_filter = [ZeitraumFilter, "reihe", "gastgeber_status", "termin__status"]
    list_select_related = ["termin", "reihe", "gastgeber"]
    search_fields = ["reihe__name", "gastgeber__name"]
    ordering = ["termin__start"]
    autocomplete_fields = ["gastgeber"]
    fields = [
        "reihe",
        "termin_info",
        "gastgeber",
        "gastgeber_status",
        "vorschlag",
        "eingeladen_am",
        "erinnert_am",
        "antworten_zahlen",
        "tagesordnung_html",
    ]
    readonly_fields = [
        "reihe",
        "termin_info",
        "gastgeber_status",
        "vorschlag",
        "eingeladen_am",
        "erinnert_am",
        "antworten_zahlen",
        "tagesordnung_html",
    ]
    inlines = [ThemaInline, RueckmeldungInline, GastgeberAnfrageInline]
    actions = ["gastgeber_anfragen", "bestaetigen_und_einladen", "absagen"]

    def has_add_permission(self, request) -> bool:
        # Meetings come from "Plan next meetings" on the series.
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _zusagen=Count(
                    "rueckmeldungen",
                    filter=Q(rueckmeldungen__antwort=Rueckmeldung.Antwort.ZUSAGE),
                    distinct=True,
                ),
                _neue_themen=Count(
                    "themen", filter=Q(themen__status=Thema.Status.EINGEREICHT), distinct=True
                ),
            )
        )

    @admin.display(description=gettext_lazy("date"), ordering="termin__start")
    def datum(self, obj: Stammtisch) -> str:
        return timezone.localtime(obj.termin.start).strftime("%d.%m.%Y %H:%M")

    @admin.display(description=gettext_lazy("status"), ordering="termin__status")
    def termin_status(self, obj: Stammtisch) -> str:
        return obj.termin.get_status_display()

    @admin.display(description=gettext_lazy("coming"), ordering="_zusagen")
    def zusagen(self, obj: Stammtisch) -> int:
        return obj._zusagen

    @admin.display(description=gettext_lazy("new topics"), ordering="_neue_themen")
    def neue_themen(self, obj: Stammtisch) -> int:
        return obj._neue_themen

    @admin.display(description=gettext_lazy("date"))
    def termin_info(self, obj: Stammtisch) -> str:
        termin = obj.termin
        text = f"{timezone.localtime(termin.start):%d.%m.%Y %H:%M} · {termin.get_status_display()}"
        if termin.ort:
            text += f" · {termin.ort}"
        if termin.abgesagt:
            text += f" ({termin.absage_grund})"
        return format_html(
            '{} · <a href="{}">{}</a>', text, obj.get_absolute_url(), _("View on site")
        )

    @admin.display(description=gettext_lazy("why this host"))
    def vorschlag(self, obj: Stammtisch) -> str:
        return dienste.grund_text(obj.vorschlagsgrund, obj.zuletzt_gastgeber) or "–"

    @admin.display(description=gettext_lazy("answers"))
    def antworten_zahlen(self, obj: Stammtisch) -> str:
        zahlen = dienste.rueckmeldungen_zaehlen(obj)
        return _("%(ja)s coming, %(vielleicht)s maybe, %(nein)s not coming") % {
            "ja": zahlen["zusage"],
            "vielleicht": zahlen["vielleicht"],
            "nein": zahlen["absage"],
        }

    @admin.display(description=gettext_lazy("agenda"))
    def tagesordnung_html(self, obj: Stammtisch) -> str:
        # Rendered by an autoescaping template, so safe to embed.
        return mark_safe(
            render_to_string(
                "termine/stammtisch/_tagesordnung.html",
                # The back office is for coordinators, who see every date.
                {"tagesordnung": dienste.tagesordnung(stammtisch=obj, fuer=None)},
            )
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "protokoll_pk": Protokoll.objects.filter(termin__stammtisch=object_id)
            .values_list("pk", flat=True)
            .first(),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj: Stammtisch, form, change) -> None:
        if change and "gastgeber" in form.changed_data:
            dienste.gastgeber_waehlen(stammtisch=obj, gastgeber=obj.gastgeber)
            return
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is Thema:
            for thema_form in formset.extra_forms:
                if thema_form.has_changed():
                    thema_form.instance.eingereicht_von = request.user
        super().save_formset(request, form, formset, change)

    def _fuer_alle(self, request, queryset, funktion, erfolg: str) -> None:
        ok = 0
        for stammtisch in queryset.select_related("termin", "reihe", "gastgeber"):
            try:
                funktion(stammtisch)
            except dienste.StammtischFehler as fehler:
                self.message_user(request, f"{stammtisch}: {fehler}", messages.ERROR)
            else:
                ok += 1
        if ok:
            self.message_user(request, erfolg % {"n": ok}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Ask the host (mail with yes/no links)"))
    def gastgeber_anfragen(self, request, queryset):
        self._fuer_alle(
            request,
            queryset,
            lambda s: dienste.gastgeber_anfragen(stammtisch=s),
            ngettext_lazy(
                "Host request sent for %(n)d meeting.", "Host request sent for %(n)d meetings.", "n"
            ),
        )

    @admin.action(description=gettext_lazy("Confirm and send invitations"))
    def bestaetigen_und_einladen(self, request, queryset):
        self._fuer_alle(
            request,
            queryset,
            lambda s: dienste.bestaetigen(stammtisch=s),
            ngettext_lazy(
                "%(n)d meeting confirmed; the invitations are on their way.",
                "%(n)d meetings confirmed; the invitations are on their way.",
                "n",
            ),
        )

    @admin.action(description=gettext_lazy("Cancel (mail to everyone invited)"))
    def absagen(self, request, queryset):
        form = AbsageForm(request.POST if "absagen_bestaetigt" in request.POST else None)
        if form.is_valid():
            grund = form.cleaned_data["grund"]
            self._fuer_alle(
                request,
                queryset,
                lambda s: dienste.absagen(stammtisch=s, grund=grund),
                ngettext_lazy("%(n)d meeting cancelled.", "%(n)d meetings cancelled.", "n"),
            )
            return None
        return render(
            request,
            "termine/stammtisch/admin/absagen.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Cancel meetings"),
                "stammtische": queryset.select_related("termin", "reihe"),
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


@entscheidungen.quelle
def _stammtisch_offen():
    kommende = Stammtisch.objects.filter(termin__start__gte=timezone.now())
    yield entscheidungen.Offen(
        gettext_lazy("Upcoming Stammtische with submitted topics"),
        kommende.filter(themen__status=Thema.Status.EINGEREICHT).distinct().count(),
        reverse("admin:termine_stammtisch_changelist"),
    )
    yield entscheidungen.Offen(
        gettext_lazy("Upcoming Stammtische whose host declined"),
        kommende.filter(gastgeber_status=Stammtisch.GastgeberStatus.ABGELEHNT).count(),
        reverse("admin:termine_stammtisch_changelist") + "?gastgeber_status__exact=abgelehnt",
    )
