"""Filters of the public lists (django-filter: one declaration gives form, validation and query).

The directory's search is :func:`vereine.suche.akteure_suchen`: whole words (full-text with
German stemming and ranking on PostgreSQL, word beginnings on SQLite), never letters inside
another word.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from netzwerk.models import Ortsteil
from vereine.models import Akteur, Gesuch, Thema
from vereine.suche import akteure_suchen

BUCHSTABEN = [chr(c) for c in range(ord("A"), ord("Z") + 1)]


class AkteurFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="suchen",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. choir, garden")}),
    )
    art = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Akteur.Art.choices, empty_label=_("All kinds")
    )
    ortsteil = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=Ortsteil.objects.all(),
        to_field_name="slug",
        empty_label=_("All districts"),
    )
    thema = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="themen",
        queryset=Thema.objects.all(),
        to_field_name="slug",
        empty_label=_("All topics"),
    )
    sucht = django_filters.BooleanFilter(
        label=_("Looking for help"),
        method="sucht_verstaerkung",
        widget=forms.CheckboxInput,
    )
    buchstabe = django_filters.ChoiceFilter(
        label=_("Initial letter"),
        choices=[(b, b) for b in BUCHSTABEN],
        method="anfangsbuchstabe",
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Akteur
        fields: list[str] = []

    def suchen(self, queryset: QuerySet, name: str, wert: str) -> QuerySet:
        if not wert.strip():
            return queryset
        return akteure_suchen(queryset, wert)

    def sucht_verstaerkung(self, queryset: QuerySet, name: str, wert: bool) -> QuerySet:
        return queryset.filter(sucht_verstaerkung=True) if wert else queryset

    def anfangsbuchstabe(self, queryset: QuerySet, name: str, wert: str) -> QuerySet:
        return queryset.filter(name__istartswith=wert) if wert else queryset


class GesuchFilter(django_filters.FilterSet):
    art = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Gesuch.Art.choices, empty_label=_("All kinds")
    )
    ortsteil = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=Ortsteil.objects.all(),
        to_field_name="slug",
        empty_label=_("All districts"),
    )
    thema = django_filters.ModelChoiceFilter(
        label=_("Topic of the actor"),
        queryset=Thema.objects.all(),
        to_field_name="slug",
        empty_label=_("All topics"),
        method="thema_des_akteurs",
    )
    alter = django_filters.NumberFilter(
        label=_("My age"),
        method="passt_fuer_alter",
        help_text=_("Shows what fits your age."),
        min_value=0,
        max_value=120,
        widget=forms.NumberInput(attrs={"min": 0, "max": 120}),
    )

    class Meta:
        model = Gesuch
        fields: list[str] = []

    def thema_des_akteurs(self, queryset: QuerySet, name: str, wert: Thema | None) -> QuerySet:
        if wert is None:
            return queryset
        return queryset.filter(
            Exists(Akteur.themen.through.objects.filter(akteur=OuterRef("akteur"), thema=wert))
        )

    def passt_fuer_alter(self, queryset: QuerySet, name: str, wert) -> QuerySet:
        if wert is None:
            return queryset
        return queryset.passend_fuer_alter(int(wert))
