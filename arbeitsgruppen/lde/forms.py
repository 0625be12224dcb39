"""Forms of Lernen durch Engagement. They validate input; the workflows live in services.py."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arbeitsgruppen.lde.models import (
    Engagementbedarf,
    Klassenprojekt,
    Projektphase,
    Qualitaetsstandard,
)
from netzwerk.eingaben import DatumFeld, IdMehrfachauswahl
from netzwerk.models import Ortsteil
from vereine.models import Akteur


class DatumEingabe(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


# ------------------------------------------------------------------------------ needs


class BedarfFilter(django_filters.FilterSet):
    """The board's filters; a value that is not a choice is dropped (no error page)."""

    q = django_filters.CharFilter(label=_("Search"), method="suchen", max_length=100)
    ortsteil = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=Ortsteil.objects.all(), empty_label=_("all")
    )
    akteur__art = django_filters.ChoiceFilter(
        label=_("Kind of actor"), choices=Akteur.Art.choices, empty_label=_("all")
    )

    class Meta:
        model = Engagementbedarf
        fields = ["q", "ortsteil", "akteur__art"]

    def suchen(self, queryset, name, wert):
        wert = (wert or "").strip()
        if not wert:
            return queryset
        return queryset.filter(
            Q(titel__icontains=wert) | Q(beschreibung__icontains=wert) | Q(ort__icontains=wert)
        )


class BedarfForm(forms.ModelForm):
    """A need for the board, posted by a member for one of the own actors."""

    von = DatumFeld(label=_("from"), required=False, widget=DatumEingabe())
    bis = DatumFeld(label=_("until"), required=False, widget=DatumEingabe())

    class Meta:
        model = Engagementbedarf
        fields = ["akteur", "titel", "beschreibung", "von", "bis", "ortsteil", "ort", "kontakt"]
        widgets = {"beschreibung": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, akteure, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["akteur"].queryset = akteure
        self.fields["akteur"].empty_label = None
        self.fields["von"].help_text = _("When the class could help (leave empty if open).")


class BedarfStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=Engagementbedarf.Status.choices)


# ------------------------------------------------------------------------------ projects


class ProjektForm(forms.ModelForm):
    """The class project's plan: class, subject, curriculum, partners and needs taken up."""

    class Meta:
        model = Klassenprojekt
        fields = [
            "titel",
            "klasse",
            "fach",
            "lehrplanbezug",
            "schuljahr",
            "partner",
            "bedarfe",
            "veroeffentlicht",
        ]
        widgets = {
            "lehrplanbezug": forms.Textarea(attrs={"rows": 3}),
            "partner": forms.CheckboxSelectMultiple,
            "bedarfe": forms.CheckboxSelectMultiple,
        }
        field_classes = {"partner": IdMehrfachauswahl, "bedarfe": IdMehrfachauswahl}

    def __init__(self, *args, schule: Akteur, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.schule = schule
        self.fields["partner"].queryset = Akteur.objects.aktiv().exclude(pk=schule.pk)
        self.fields["partner"].help_text = _("The actors the class works with.")
        bisher = (
            self.instance.bedarfe.all() if self.instance.pk else Engagementbedarf.objects.none()
        )
        self.fields["bedarfe"].queryset = (
            Engagementbedarf.objects.filter(
                Q(pk__in=Engagementbedarf.objects.offen().values("pk"))
                | Q(pk__in=bisher.values("pk"))
            )
            .select_related("akteur")
            .order_by("titel", "pk")
        )
        self.fields["bedarfe"].required = False
        self.fields["bedarfe"].label_from_instance = lambda b: f"{b.titel} ({b.akteur.name})"

    def clean(self) -> dict:
        daten = super().clean()
        # Taking up a need makes its actor a partner, without a second tick.
        partner = set(daten.get("partner") or [])
        for bedarf in daten.get("bedarfe") or []:
            if bedarf.akteur_id != self.instance.schule_id:
                partner.add(bedarf.akteur)
        if "partner" in daten or partner:
            daten["partner"] = sorted(partner, key=lambda a: a.name)
        if not daten.get("partner") and "partner" not in self.errors:
            self.add_error("partner", _("Please choose at least one partner actor."))
        return daten


class PhasenForm(forms.Form):
    """First and last day of each of the four phases."""

    def __init__(self, *args, phasen: list[Projektphase], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.phasen = phasen
        for phase in phasen:
            self.fields[f"{phase.art}_von"] = DatumFeld(
                label=_("%(phase)s: first day") % {"phase": phase.get_art_display()},
                required=False,
                widget=DatumEingabe(),
                initial=phase.von,
            )
            self.fields[f"{phase.art}_bis"] = DatumFeld(
                label=_("%(phase)s: last day") % {"phase": phase.get_art_display()},
                required=False,
                widget=DatumEingabe(),
                initial=phase.bis,
            )

    def clean(self) -> dict:
        daten = super().clean()
        for phase in self.phasen:
            von, bis = daten.get(f"{phase.art}_von"), daten.get(f"{phase.art}_bis")
            if bis and not von:
                self.add_error(f"{phase.art}_von", _("Please enter the first day too."))
            elif von and bis and bis < von:
                self.add_error(
                    f"{phase.art}_bis", _("The last day is before the first. Please check it.")
                )
        return daten

    def zeitraeume(self) -> dict:
        return {
            p.art: (self.cleaned_data.get(f"{p.art}_von"), self.cleaned_data.get(f"{p.art}_bis"))
            for p in self.phasen
        }


class StandardsForm(forms.Form):
    """The six quality standards: met or not, with a short note each."""

    def __init__(self, *args, standards: list[Qualitaetsstandard], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.standards = standards
        for s in standards:
            self.fields[f"{s.standard}_erfuellt"] = forms.BooleanField(
                label=_("%(standard)s: met") % {"standard": s.get_standard_display()},
                required=False,
                initial=s.erfuellt,
            )
            self.fields[f"{s.standard}_notiz"] = forms.CharField(
                label=_("%(standard)s: note") % {"standard": s.get_standard_display()},
                required=False,
                max_length=300,
                initial=s.notiz,
            )

    def werte(self) -> dict:
        d = self.cleaned_data
        return {
            s.standard: (d[f"{s.standard}_erfuellt"], d[f"{s.standard}_notiz"])
            for s in self.standards
        }


class ReflexionForm(forms.Form):
    phase = forms.ChoiceField(label=_("phase"), choices=Projektphase.Art.choices)
    text = forms.CharField(
        label=_("reflection"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("How did the phase go for the class? Please no names of pupils."),
    )


class AbschlussForm(forms.Form):
    ergebnis = forms.CharField(
        label=_("what the class achieved"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown on the public page. Please no names of pupils."),
    )
    stunden = forms.IntegerField(
        label=_("hours of engagement"),
        min_value=0,
        max_value=5000,
        help_text=_("Lessons and hours the class spent on the project, all together."),
    )


class UrkundeForm(forms.Form):
    """What the certificate says. The names are printed and forgotten, never stored."""

    namen = forms.CharField(
        label=_("names of the pupils (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off"}),
        help_text=_(
            "One name a line gives one certificate per pupil. The names are only printed, "
            "never stored. Leave empty for one certificate for the whole class."
        ),
    )

    def namensliste(self) -> list[str]:
        return [n.strip() for n in self.cleaned_data.get("namen", "").splitlines() if n.strip()][
            :60
        ]


class UebersichtFilter(forms.Form):
    schuljahr = forms.ChoiceField(label=_("school year"), required=False)

    def __init__(self, *args, schuljahre: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["schuljahr"].choices = [("", _("all")), *((j, j) for j in schuljahre)]
