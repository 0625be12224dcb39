"""Filters of the working groups' lists (django-filter, as the directory and the calendar: one
declaration gives the form, the validation and the query). A value that is not a choice is
dropped, so a tampered link shows the unfiltered list, never an error page."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arbeitsgruppen.models import Arbeitsgruppe, Dokument, Thread, Vorhaben


class _Suche(django_filters.CharFilter):
    """A search term, at most 100 characters, over `felder` (icontains)."""

    def __init__(self, *felder: str, **kwargs) -> None:
        self.felder = felder
        kwargs.setdefault("label", _("Search"))
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        bedingung = Q()
        for feld in self.felder:
            bedingung |= Q(**{f"{feld}__icontains": value})
        return qs.filter(bedingung)


class GruppenFilter(django_filters.FilterSet):
    q = _Suche("name", "zweck")
    sichtbarkeit = django_filters.ChoiceFilter(
        label=_("Visibility"), choices=Arbeitsgruppe.Sichtbarkeit.choices, empty_label=_("all")
    )
    meine = django_filters.BooleanFilter(
        label=_("Only my groups"), method="nur_meine", widget=forms.CheckboxInput
    )

    class Meta:
        model = Arbeitsgruppe
        fields = ["q", "sichtbarkeit", "meine"]

    def nur_meine(self, queryset, name, wert):
        if not wert:
            return queryset
        return queryset.filter(pk__in=Arbeitsgruppe.objects.von(self.request.user).values("pk"))


class DokumentFilter(django_filters.FilterSet):
    q = _Suche("titel", "beschreibung")
    art = django_filters.ChoiceFilter(choices=Dokument.Art.choices)

    class Meta:
        model = Dokument
        fields = ["q", "art"]


class VorhabenFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Vorhaben.Status.choices)

    class Meta:
        model = Vorhaben
        fields = ["status"]


class ThreadFilter(django_filters.FilterSet):
    q = _Suche("titel")

    class Meta:
        model = Thread
        fields = ["q"]


def gewaehlt(filterset: django_filters.FilterSet, name: str) -> str:
    """The valid value of filter `name`, for the page's own form ("" when none or invalid)."""
    filterset.is_valid()
    return (filterset.form.cleaned_data.get(name) or "") if filterset.is_bound else ""
