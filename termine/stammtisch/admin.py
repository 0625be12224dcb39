"""The coordinators' back office for the Vereinsstammtisch.

Series with their rotation pool; the planning page "Nächste Termine planen" (dates from
the cadence, hosts from the rotation, adjustable before they are created); meetings with
answers, topics and host requests; minutes with checklist, items and follow-ups. Every
action calls a workflow of :mod:`termine.stammtisch`.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from netzwerk import entscheidungen
from netzwerk.eingaben import id_aus
from termine import protokoll as protokolle
from termine.models import (
    Folgeaufgabe,
    GastgeberAnfrage,
    Protokoll,
    ProtokollPunkt,
    Rueckmeldung,
    Stammtisch,
    Stammtischreihe,
    Teilnahme,
    Termin,
    Thema,
    Verhinderung,
)
from termine.stammtisch import services as dienste
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
        perioden = [f"{v.von:%d.%m.%Y}–{v.bis:%d.%m.%Y}" for v in obj.verhinderungen.all()]
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
                "zeit": obj.uhrzeit.strftime("%H:%M"),
            }
        return _("every %(n)s. week, %(tag)s, %(zeit)s") % {
            "n": obj.intervall,
            "tag": obj.get_wochentag_display(),
            "zeit": obj.uhrzeit.strftime("%H:%M"),
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
        nach_pk = {str(a.pk): a for a in auswahl}
        fehler = None
        if request.method == "POST" and "anlegen" in request.POST:
            gewaehlt: dict[int, Akteur | None] = {}
            for index, vorschlag in enumerate(vorschlaege):
                wert = request.POST.get(f"gastgeber_{index}", "")
                if wert and wert not in nach_pk:
                    fehler = _("Please choose a host from the pool.")
                    break
                akteur = nach_pk.get(wert)
                if akteur != vorschlag.gastgeber:
                    gewaehlt[index] = akteur
            if fehler is None:
                erstellt = dienste.naechste_termine_planen(
                    reihe=reihe, anzahl=anzahl, gastgeber=gewaehlt, von=request.user
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
        zeilen = [
            {
                "index": index,
                "vorschlag": vorschlag,
                "gewaehlt": str(vorschlag.gastgeber.pk) if vorschlag.gastgeber else "",
            }
            for index, vorschlag in enumerate(vorschlaege)
        ]
        kontext = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "reihe": reihe,
            "anzahl": anzahl,
            "max_planen": MAX_PLANEN,
            "zeilen": zeilen,
            "auswahl": auswahl,
            "fehler": fehler,
            "title": _("Plan next meetings: %(reihe)s") % {"reihe": reihe},
        }
        return render(request, "termine/stammtisch/admin/planen.html", kontext)


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
            _("Host request sent for %(n)d meeting(s)."),
        )

    @admin.action(description=gettext_lazy("Confirm and send invitations"))
    def bestaetigen_und_einladen(self, request, queryset):
        self._fuer_alle(
            request,
            queryset,
            lambda s: dienste.bestaetigen(stammtisch=s),
            _("%(n)d meeting(s) confirmed; the invitations are on their way."),
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
                _("%(n)d meeting(s) cancelled."),
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
        return timezone.localtime(obj.termin.start).strftime("%d.%m.%Y")

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

    @admin.action(description=gettext_lazy("Publish and mail to the participants"))
    def veroeffentlichen(self, request, queryset):
        for protokoll in queryset.select_related("termin"):
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
