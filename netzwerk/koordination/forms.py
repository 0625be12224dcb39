"""Forms of the room: the challenges' list filter and the report's period."""

from __future__ import annotations

from datetime import timedelta

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from netzwerk.koordination.models import Herausforderung
from netzwerk.models import Ortsteil

# A report over more than this is refused (and would be slow): ten years and a bit.
LAENGSTER_ZEITRAUM = timedelta(days=3700)


class HerausforderungFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Herausforderung.Status.choices, empty_label=_("all")
    )
    kategorie = django_filters.ChoiceFilter(
        label=_("Category"), choices=Herausforderung.Kategorie.choices, empty_label=_("all")
    )
    ortsteil = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=Ortsteil.objects.all(), empty_label=_("all")
    )

    class Meta:
        model = Herausforderung
        fields = ["status", "kategorie", "ortsteil"]


class ZeitraumForm(forms.Form):
    # ISO dates: what a browser's date field reads and sends.
    von = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    bis = forms.DateField(
        label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        daten = super().clean()
        von, bis = daten.get("von"), daten.get("bis")
        if von and bis:
            if bis < von:
                self.add_error("bis", _("The end is before the start. Please check both days."))
            elif bis - von > LAENGSTER_ZEITRAUM:
                self.add_error("bis", _("Please choose at most ten years."))
        return daten
