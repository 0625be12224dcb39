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
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from netzwerk import entscheidungen
from netzwerk.zeit import kurzer_zeitpunkt
from termine.models import (
    GastgeberAnfrage,
    Protokoll,
    Rueckmeldung,
    Stammtisch,
    StammtischEinladung,
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


class EinladungInline(admin.TabularInline):
    """Who got an invitation (read only: "Confirm and send invitations" writes them)."""

    model = StammtischEinladung
    extra = 0
    fields = ["email", "akteur", "verschickt_am"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


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
        "zustand",
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
    inlines = [ThemaInline, RueckmeldungInline, GastgeberAnfrageInline, EinladungInline]
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
        return kurzer_zeitpunkt(obj.termin.start)

    @admin.display(description=gettext_lazy("state"))
    def zustand(self, obj: Stammtisch) -> str:
        # The same state the meeting's page shows (planning, invited, over, cancelled).
        return obj.phase.label

    @admin.display(description=gettext_lazy("coming"), ordering="_zusagen")
    def zusagen(self, obj: Stammtisch) -> int:
        return obj._zusagen

    @admin.display(description=gettext_lazy("new topics"), ordering="_neue_themen")
    def neue_themen(self, obj: Stammtisch) -> int:
        return obj._neue_themen

    @admin.display(description=gettext_lazy("date"))
    def termin_info(self, obj: Stammtisch) -> str:
        termin = obj.termin
        text = f"{kurzer_zeitpunkt(termin.start)} · {termin.get_status_display()}"
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
        """Invite for the selected meetings. A host who has not agreed yet needs the
        coordinator's explicit word (a page in between); inviting again sends only to
        addresses without an invitation, and the message says how many had one."""
        stammtische = list(queryset.select_related("termin", "reihe", "gastgeber"))
        unsicher = [
            s
            for s in stammtische
            if s.gastgeber
            and s.gastgeber_status
            in (Stammtisch.GastgeberStatus.VORGESCHLAGEN, Stammtisch.GastgeberStatus.ANGEFRAGT)
            and s.phase == Stammtisch.Phase.PLANUNG
        ]
        zugesagt = "gastgeber_zugesagt" in request.POST
        if unsicher and not zugesagt:
            return render(
                request,
                "termine/stammtisch/admin/einladen.html",
                {
                    **self.admin_site.each_context(request),
                    "opts": self.model._meta,
                    "title": _("Has the host agreed?"),
                    "stammtische": stammtische,
                    "unsicher": unsicher,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        for stammtisch in stammtische:
            try:
                runde = dienste.bestaetigen(stammtisch=stammtisch, gastgeber_hat_zugesagt=zugesagt)
            except dienste.StammtischFehler as fehler:
                self.message_user(request, f"{stammtisch}: {fehler}", messages.ERROR)
            else:
                self.message_user(
                    request, f"{stammtisch}: {einladungen_text(runde)}", messages.SUCCESS
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


def einladungen_text(runde: dienste.Einladungsrunde) -> str:
    """ "12 Einladungen verschickt, 3 hatten schon eine." """
    if not runde.neu:
        return ngettext(
            "No new invitations: the one address on the list already had one.",
            "No new invitations: all %(schon)d addresses on the list already had one.",
            runde.schon,
        ) % {"schon": runde.schon}
    verschickt = ngettext("%(neu)d invitation sent", "%(neu)d invitations sent", runde.neu) % {
        "neu": runde.neu
    }
    if not runde.schon:
        return _("%(verschickt)s.") % {"verschickt": verschickt}
    schon = ngettext("%(schon)d already had one", "%(schon)d already had one", runde.schon) % {
        "schon": runde.schon
    }
    return _("%(verschickt)s, %(schon)s.") % {"verschickt": verschickt, "schon": schon}


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


@entscheidungen.zu_tun
def _naechster_stammtisch():
    """For the next meeting of each active series: host confirmed? invitations sent? agenda
    ready (no submitted topic waiting)?"""
    naechste = (
        Stammtisch.objects.nicht_abgesagt()
        .kommende()
        .filter(reihe__aktiv=True)
        .select_related("reihe", "termin", "gastgeber")
        .annotate(eingereicht=Count("themen", filter=Q(themen__status=Thema.Status.EINGEREICHT)))
        .order_by("termin__start", "pk")
    )
    gesehen = set()
    for st in naechste:
        if st.reihe_id in gesehen:
            continue
        gesehen.add(st.reihe_id)
        bereich = _("Next Stammtisch: %(reihe)s, %(wann)s") % {
            "reihe": st.reihe,
            "wann": kurzer_zeitpunkt(st.termin.start),
        }
        url = reverse("admin:termine_stammtisch_change", args=[st.pk])
        yield entscheidungen.ZuTun(
            bereich,
            _("Host confirmed: %(gastgeber)s") % {"gastgeber": st.gastgeber}
            if st.gastgeber_steht
            else _("Confirm a host"),
            url,
            erledigt=st.gastgeber_steht,
        )
        yield entscheidungen.ZuTun(
            bereich,
            _("Invitations sent") if st.eingeladen_am else _("Send the invitations"),
            url,
            erledigt=st.eingeladen_am is not None,
        )
        yield entscheidungen.ZuTun(
            bereich,
            _("Agenda ready")
            if not st.eingereicht
            else ngettext(
                "Agenda: %(n)d submitted topic to accept or decline",
                "Agenda: %(n)d submitted topics to accept or decline",
                st.eingereicht,
            )
            % {"n": st.eingereicht},
            url,
            erledigt=not st.eingereicht,
        )
