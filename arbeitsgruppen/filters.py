"""Filters of the working groups' lists (django-filter, as the directory and the calendar: one
declaration gives the form, the validation and the query). A value that is not a choice is
dropped, so a tampered link shows the unfiltered list, never an error page."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arbeitsgruppen.models import Arbeitsgruppe, Aufgabe, Dokument, Thread, Vorhaben
from netzwerk.eingaben import id_aus


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


class BoardFilter(django_filters.FilterSet):
    """The group's task board: one project, only my tasks."""

    vorhaben = django_filters.CharFilter(method="nach_vorhaben")
    meine = django_filters.BooleanFilter(method="nur_meine", widget=forms.CheckboxInput)

    class Meta:
        model = Aufgabe
        fields = ["vorhaben", "meine"]

    def nach_vorhaben(self, queryset, name, wert):
        pk = id_aus(wert)
        return queryset if pk is None else queryset.filter(vorhaben_id=pk)

    def nur_meine(self, queryset, name, wert):
        user = self.request.user
        return queryset.filter(zustaendig=user) if wert and user.is_authenticated else queryset


class MeineAufgabenFilter(django_filters.FilterSet):
    """My tasks: the open ones unless a status (or "alle") is chosen."""

    ALLE = "alle"
    status = django_filters.ChoiceFilter(
        choices=[*Aufgabe.Status.choices, (ALLE, _("all"))], method="nach_status"
    )

    class Meta:
        model = Aufgabe
        fields = ["status"]

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.offen()
        return super().filter_queryset(queryset)

    def nach_status(self, queryset, name, wert):
        return queryset if wert == self.ALLE else queryset.filter(status=wert)


def gewaehlt(filterset: django_filters.FilterSet, name: str) -> str:
    """The valid value of filter `name`, for the page's own form ("" when none or invalid)."""
    filterset.is_valid()
    return (filterset.form.cleaned_data.get(name) or "") if filterset.is_bound else ""
