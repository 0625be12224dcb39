"""The members' form for the minutes of a working group's meeting.

It edits the same :class:`~termine.models.Protokoll` as the Stammtisch (one minutes
model for every Termin); saving goes through :func:`termine.protokoll.protokoll_speichern`,
which takes what :func:`fuer_den_dienst` reads out of the valid forms.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from netzwerk.eingaben import IdMehrfachauswahl
from termine.forms import DatumInput
from termine.models import Folgeaufgabe, Protokoll, ProtokollPunkt
from vereine.models import Akteur


class ProtokollForm(forms.ModelForm):
    """Head count, actors present and decisions. The group's linked actors are ticked in a
    checkbox list; any other actor can be added in a second list."""

    weitere = IdMehrfachauswahl(
        label=_("Other actors present"),
        queryset=Akteur.objects.none(),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )

    class Meta:
        model = Protokoll
        fields = ["personenzahl", "anwesende", "beschluesse"]
        field_classes = {"anwesende": IdMehrfachauswahl}
        widgets = {
            "anwesende": forms.CheckboxSelectMultiple,
            "beschluesse": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"anwesende": _("Actors of the group present")}

    def __init__(self, *args, gruppe, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        eigene = list(gruppe.akteure.order_by("name").values_list("pk", flat=True))
        schon = (
            list(self.instance.anwesende.values_list("pk", flat=True)) if self.instance.pk else []
        )
        self.fields["anwesende"].queryset = Akteur.objects.filter(pk__in=eigene).order_by("name")
        self.fields["anwesende"].required = False
        self.fields["weitere"].queryset = (
            Akteur.objects.filter(Q(status=Akteur.Status.AKTIV) | Q(pk__in=schon))
            .exclude(pk__in=eigene)
            .order_by("name")
        )
        if self.instance.pk:
            self.initial["anwesende"] = [pk for pk in schon if pk in eigene]
            self.initial["weitere"] = [pk for pk in schon if pk not in eigene]
        self.fields["personenzahl"].widget.attrs["min"] = 0

    def alle_anwesenden(self) -> list[Akteur]:
        return [*self.cleaned_data["anwesende"], *self.cleaned_data["weitere"]]


class FolgeaufgabeForm(forms.ModelForm):
    class Meta:
        model = Folgeaufgabe
        fields = ["text", "verantwortlich", "faellig_am", "erledigt"]
        widgets = {"faellig_am": DatumInput}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["verantwortlich"].queryset = Akteur.objects.filter(
            Q(status=Akteur.Status.AKTIV) | Q(pk=self.instance.verantwortlich_id)
        ).order_by("name")
        # Django 6.1's "- Select an option -" has no German translation yet.
        self.fields["verantwortlich"].empty_label = _("– not decided yet –")


PunkteFormset = forms.inlineformset_factory(
    Protokoll,
    ProtokollPunkt,
    fields=["titel", "notizen"],
    widgets={"notizen": forms.Textarea(attrs={"rows": 3})},
    extra=3,
    can_delete=True,
)

FolgeaufgabenFormset = forms.inlineformset_factory(
    Protokoll, Folgeaufgabe, form=FolgeaufgabeForm, extra=2, can_delete=True
)


def _zeilen(formset) -> list:
    """The rows a valid formset keeps, in order: not marked for deletion, not an empty extra."""
    return [
        form.save(commit=False)
        for form in formset.forms
        if not form.cleaned_data.get("DELETE") and (form.instance.pk or form.has_changed())
    ]


def fuer_den_dienst(form: ProtokollForm, punkte, folgeaufgaben) -> dict:
    """The valid forms as the keyword arguments of :func:`termine.protokoll.protokoll_speichern`."""
    return {
        "protokoll": form.save(commit=False),
        "anwesende": form.alle_anwesenden(),
        "punkte": _zeilen(punkte),
        "folgeaufgaben": _zeilen(folgeaufgaben),
    }
