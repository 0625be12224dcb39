"""Forms of the calendar: the member's date form, the cancel form and the filter form.

Dates and times are separate inputs (type=date/time work well on phones); the form turns
them into aware datetimes in Europe/Berlin. Organisers are limited to the actors and
groups the user may act for, so a forged POST with someone else's id is a field error.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from arbeitsgruppen.models import Arbeitsgruppe
from netzwerk.berechtigungen import ist_koordination
from netzwerk.eingaben import DatumFeld, IdMehrfachauswahl, tag_im_bereich
from netzwerk.models import Ortsteil
from netzwerk.zeit import ortszeit
from termine import schnellwahl
from termine.models import Termin
from vereine.models import Akteur


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ZeitInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


_DATUM_TRENNER = re.compile(r"[\s,;]+")


def _ausnahmen_lesen(text: str) -> list[date]:
    """Days in German (24.12.2026) or ISO (2026-12-24) notation, separated by commas."""
    tage = []
    for teil in _DATUM_TRENNER.split(text.strip()):
        if not teil:
            continue
        for muster in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
            try:
                tag = datetime.strptime(teil, muster).date()
            except ValueError:
                continue
            tag_im_bereich(tag)
            tage.append(tag)
            break
        else:
            raise forms.ValidationError(
                _("“%(wert)s” is not a day we understand. Please write it like 24.12.2026."),
                params={"wert": teil},
                code="ungueltig",
            )
    return sorted(set(tage))


class TerminForm(forms.ModelForm):
    """Create or edit a date; clean() produces aware ``start``/``ende``."""

    start_datum = DatumFeld(label=_("Day"), widget=DatumInput)
    start_zeit = forms.TimeField(label=_("From"), required=False, widget=ZeitInput)
    ende_datum = DatumFeld(
        label=_("Last day"),
        required=False,
        widget=DatumInput,
        help_text=_("Only if the date lasts several days."),
    )
    ende_zeit = forms.TimeField(label=_("Until"), required=False, widget=ZeitInput)
    letzter_wochentag = forms.BooleanField(
        label=_("On the last such weekday of the month"),
        required=False,
        help_text=_("For monthly dates, e.g. “every last Friday”."),
    )
    ausnahmen_text = forms.CharField(
        label=_("Not on these days"),
        required=False,
        help_text=_(
            "For repeating dates: days it does not take place, e.g. 24.12.2026, 31.12.2026"
        ),
    )
    trotzdem_speichern = forms.BooleanField(
        label=_("Save anyway, I have looked at the other dates"), required=False
    )

    class Meta:
        model = Termin
        fields = [
            "titel",
            "beschreibung",
            "veranstalter",
            "arbeitsgruppe",
            "kategorie",
            "sichtbarkeit",
            "status",
            "grossveranstaltung",
            "ganztaegig",
            "ort",
            "veranstaltungsort",
            "ortsteil",
            "wiederholung",
            "intervall",
            "wiederholen_bis",
            "pausiert_in_schulferien",
            "anmeldung_info",
            "anmeldung_link",
            "bild",
            "bild_alt",
        ]
        field_classes = {"veranstalter": IdMehrfachauswahl, "wiederholen_bis": DatumFeld}
        widgets = {
            "veranstalter": forms.CheckboxSelectMultiple,
            "beschreibung": forms.Textarea(attrs={"rows": 5}),
            "anmeldung_info": forms.Textarea(attrs={"rows": 2}),
            "wiederholen_bis": DatumInput,
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["veranstalter"].queryset = Akteur.objects.schreibbar_fuer(user).order_by("name")
        self.fields["veranstalter"].required = False
        self.fields["veranstalter"].help_text = _("Your actors that organise this date.")
        gruppen = Arbeitsgruppe.objects.all()
        if not ist_koordination(user):
            gruppen = gruppen.filter(mitglieder__user=user).distinct()
        self.fields["arbeitsgruppe"].queryset = gruppen
        self.fields["arbeitsgruppe"].help_text = _("Or a working group you belong to.")
        self.fields["veranstaltungsort"].queryset = Akteur.objects.aktiv().only("pk", "name")
        self.fields["ortsteil"].queryset = Ortsteil.objects.all()
        # Cancelling has its own page with a reason; here only planned or confirmed.
        self.fields["status"].choices = [
            c for c in Termin.Status.choices if c[0] != Termin.Status.ABGESAGT
        ]
        self.fields["intervall"].widget.attrs["min"] = 1
        if self.instance.pk:
            start = timezone.localtime(self.instance.start)
            self.initial.setdefault("start_datum", start.date())
            if not self.instance.ganztaegig:
                self.initial.setdefault("start_zeit", start.time())
                ende = timezone.localtime(self.instance.ende)
                if ende.date() != start.date():
                    self.initial.setdefault("ende_datum", ende.date())
                if self.instance.ende != self.instance.start:
                    self.initial.setdefault("ende_zeit", ende.time())
            elif self.instance.letzter_tag != self.instance.erster_tag:
                self.initial.setdefault("ende_datum", self.instance.letzter_tag)
            self.initial.setdefault(
                "letzter_wochentag",
                self.instance.woche_im_monat == Termin.WocheImMonat.LETZTE,
            )
            # The notation _ausnahmen_lesen reads back, whatever the language: not a display.
            self.initial.setdefault(
                "ausnahmen_text",
                ", ".join(f"{a.datum:%d.%m.%Y}" for a in self.instance.ausnahmen.all()),
            )

    def clean_ausnahmen_text(self) -> list[date]:
        return _ausnahmen_lesen(self.cleaned_data.get("ausnahmen_text") or "")

    def clean(self) -> dict:
        daten = super().clean()
        start_datum = daten.get("start_datum")
        if start_datum is None:
            return daten
        ganztaegig = daten.get("ganztaegig")
        ende_datum = daten.get("ende_datum") or start_datum
        if ende_datum < start_datum:
            self.add_error("ende_datum", _("The last day is before the first. Please check it."))
            return daten
        if ganztaegig:
            start = ortszeit(start_datum)
            ende = ortszeit(ende_datum + timedelta(days=1))
        else:
            start_zeit = daten.get("start_zeit")
            if start_zeit is None:
                if "start_zeit" not in self.errors:
                    self.add_error(
                        "start_zeit",
                        _("Please enter a start time, or tick “all day”."),
                    )
                return daten
            start = ortszeit(start_datum, start_zeit)
            ende_zeit = daten.get("ende_zeit")
            ende = ortszeit(ende_datum, ende_zeit or start_zeit)
            if ende < start:
                self.add_error(
                    "ende_zeit",
                    _("The end is before the start. Please check the time (or the last day)."),
                )
                return daten
        self.instance.start, self.instance.ende = start, ende
        if not daten.get("veranstalter") and not daten.get("arbeitsgruppe"):
            self.add_error(
                "veranstalter", _("Please choose who organises the date: an actor or a group.")
            )
        self.instance.woche_im_monat = (
            Termin.WocheImMonat.LETZTE if daten.get("letzter_wochentag") else None
        )
        return daten


class AbsagenForm(forms.Form):
    grund = forms.CharField(
        label=_("Why is it cancelled?"),
        max_length=300,
        help_text=_("People see this next to the struck-through date, e.g. “Due to rain”."),
    )


# The quick choices ("chips") above the calendar lists; the Ferienkalender offers the same.
WANN = [
    (schnellwahl.HEUTE, pgettext_lazy("quick choice", "Today")),
    (schnellwahl.WOCHENENDE, _("This weekend")),
    (schnellwahl.NAECHSTE_WOCHE, _("Next week")),
]


class TerminFilter(django_filters.FilterSet):
    """Filters of the public calendar; everything is optional and bookmarkable."""

    kategorie = django_filters.ChoiceFilter(
        label=_("Category"),
        choices=Termin.Kategorie.choices,
        empty_label=_("All categories"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    ortsteil = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=Ortsteil.objects.all(),
        to_field_name="slug",
        empty_label=_("All districts"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    akteur = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("filter", "Actor"),
        queryset=Akteur.objects.oeffentlich().only("pk", "name", "slug"),
        to_field_name="slug",
        field_name="veranstalter",
        empty_label=_("All actors"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    ferien = django_filters.BooleanFilter(
        label=_("Only in the school holidays"),
        method="nur_ferien",
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    # Set by the chips (values of WANN); anything else is ignored, not an error nobody sees.
    wann = django_filters.CharFilter(label=_("When"), method="nur_ferien", widget=forms.HiddenInput)

    # Behind the "Filter" button; "wann" is chosen by the chips.
    FELDER_IM_FILTER = ("kategorie", "ortsteil", "akteur", "ferien")

    class Meta:
        model = Termin
        fields = ["kategorie", "ortsteil", "akteur", "ferien", "wann"]

    def nur_ferien(self, queryset, name, value):
        # "ferien" and "wann" are applied to the expanded occurrences (see views), not in SQL.
        return queryset

    @property
    def tage(self) -> tuple[date, date] | None:
        """The days of the chosen quick choice (Europe/Berlin), or None."""
        if not self.form.is_valid() or not self.form.cleaned_data.get("wann"):
            return None
        return schnellwahl.tage(self.form.cleaned_data["wann"], timezone.localdate())

    @property
    def nur_in_ferien(self) -> bool:
        return bool(self.form.is_valid() and self.form.cleaned_data.get("ferien"))
