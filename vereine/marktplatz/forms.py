"""Forms of the Marktplatz. They validate input; the workflows live in services.py."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from netzwerk.eingaben import DatumFeld, IdMehrfachauswahl
from netzwerk.models import Ortsteil
from vereine.marktplatz.geldregel import kein_geld
from vereine.marktplatz.models import Art, Eintrag, Seite, Vereinbarung, seite_filter
from vereine.models import Akteur

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EintragForm(forms.ModelForm):
    """An offer or need; the actor always comes from the URL, the status from the service."""

    class Meta:
        model = Eintrag
        fields = [
            "typ",
            "art",
            "titel",
            "text",
            "umfang",
            "ortsteil",
            "themen",
            "gueltig_bis",
            "konkurrenz",
        ]
        field_classes = {"themen": IdMehrfachauswahl, "gueltig_bis": DatumFeld}
        widgets = {
            "typ": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 4}),
            "themen": forms.CheckboxSelectMultiple,
            "gueltig_bis": DATUM,
        }


class EintragFilter(django_filters.FilterSet):
    typ = django_filters.ChoiceFilter(
        label=_("Offers or needs"), choices=Eintrag.Typ.choices, empty_label=_("Both")
    )
    art = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Art.choices, empty_label=_("All kinds")
    )
    ortsteil = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=Ortsteil.objects.all(),
        to_field_name="slug",
        empty_label=_("All districts"),
    )
    seite = django_filters.ChoiceFilter(
        label=_("Side"),
        choices=Seite.choices,
        empty_label=_("Companies and non-profits"),
        method="der_seite",
    )

    class Meta:
        model = Eintrag
        fields: list[str] = []

    def der_seite(self, queryset, name, wert):
        return queryset.filter(seite_filter(wert, "akteur__")) if wert else queryset


class AnmeldenForm(forms.Form):
    akteur = forms.ModelChoiceField(label=_("Actor"), queryset=Akteur.objects.none())

    def __init__(self, *args, akteure, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["akteur"].queryset = akteure


class AkteurNamensfeld(forms.CharField):
    """A plain text input with a datalist of actor names (search as you type, no JS)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_length", 150)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"list": "akteure-liste", "autocomplete": "off"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, value):
        name = super().clean(value).strip()
        treffer = list(Akteur.objects.aktiv().filter(name__iexact=name)[:2])
        if not treffer:
            treffer = list(Akteur.objects.aktiv().filter(name__icontains=name)[:2])
        if len(treffer) != 1:
            raise forms.ValidationError(
                _("We do not know this actor. Please pick a name from the suggestions.")
                if not treffer
                else _("Several actors match. Please type the full name.")
            )
        return treffer[0]


class VereinbarungForm(forms.Form):
    """The live form: everything a deal needs, in the order people say it."""

    partner_a = AkteurNamensfeld(label=_("Actor"))
    gibt_a = forms.CharField(
        label=_("gives"),
        max_length=1000,
        validators=[kein_geld],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    art_a = forms.ChoiceField(label=_("Kind"), choices=Art.choices)
    kontakt_a = forms.CharField(label=_("Contact person"), max_length=150)
    partner_b = AkteurNamensfeld(label=_("Actor"))
    gibt_b = forms.CharField(
        label=_("gives"),
        max_length=1000,
        validators=[kein_geld],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    art_b = forms.ChoiceField(label=_("Kind"), choices=Art.choices)
    kontakt_b = forms.CharField(label=_("Contact person"), max_length=150)
    bis = DatumFeld(label=_("Done by"), widget=DATUM)
    stunden = forms.IntegerField(
        label=_("Hours of time given (estimate)"),
        required=False,
        min_value=0,
        max_value=10000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    vor_ort_a = forms.BooleanField(label=_("The first actor confirmed on the spot"), required=False)
    vor_ort_b = forms.BooleanField(
        label=_("The second actor confirmed on the spot"), required=False
    )

    def __init__(self, *args, makler: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not makler:
            del self.fields["vor_ort_a"]
            del self.fields["vor_ort_b"]

    def clean(self):
        daten = super().clean()
        a, b = daten.get("partner_a"), daten.get("partner_b")
        if a and b and a.pk == b.pk:
            self.add_error("partner_b", _("A deal needs two different actors."))
        return daten


class SeiteForm(forms.Form):
    gibt = forms.CharField(
        label=_("What you give"),
        max_length=1000,
        validators=[kein_geld],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    art = forms.ChoiceField(label=_("Kind"), choices=Art.choices)
    kontakt = forms.CharField(label=_("Contact person"), max_length=150)


class ErgebnisForm(forms.ModelForm):
    class Meta:
        model = Vereinbarung
        fields = ["status", "bericht", "foto", "foto_alt"]
        widgets = {"status": forms.RadioSelect, "bericht": forms.Textarea(attrs={"rows": 4})}
