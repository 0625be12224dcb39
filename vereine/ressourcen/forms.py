"""Forms of the pool. They validate input; the workflows live in services.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from netzwerk.eingaben import IdMehrfachauswahl
from netzwerk.models import Ortsteil
from netzwerk.zeit import kurzes_datum
from termine.models import Termin
from vereine.models import Akteur
from vereine.ressourcen import services
from vereine.ressourcen.models import Ressource, Uebergabe, Zustandseintrag


class DatumEingabe(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class RessourceForm(forms.ModelForm):
    """What the members of an actor say about an item they lend."""

    class Meta:
        model = Ressource
        fields = [
            "name",
            "art",
            "beschreibung",
            "foto",
            "foto_alt",
            "menge",
            "ortsteil",
            "ort",
            "bedingungen",
            "vorlauf_tage",
            "ausleihbar_fuer",
            "freigegeben_fuer",
            "aktiv",
        ]
        widgets = {
            "beschreibung": forms.Textarea(attrs={"rows": 4}),
            "bedingungen": forms.Textarea(attrs={"rows": 3}),
            "ausleihbar_fuer": forms.RadioSelect,
            "freigegeben_fuer": forms.CheckboxSelectMultiple,
        }
        field_classes = {"freigegeben_fuer": IdMehrfachauswahl}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["freigegeben_fuer"].queryset = Akteur.objects.aktiv().exclude(
            pk=self.instance.akteur_id
        )
        self.fields["freigegeben_fuer"].required = False
        self.fields["menge"].widget.attrs.update({"min": 1, "max": 500})
        self.fields["vorlauf_tage"].widget.attrs.update({"min": 0, "max": 365})

    def clean_menge(self):
        menge = self.cleaned_data.get("menge")
        fehler = services.menge_fehler(self.instance, menge)
        if fehler:
            raise forms.ValidationError(fehler)
        return menge

    def clean(self):
        daten = super().clean()
        if daten.get("ausleihbar_fuer") == Ressource.Ausleihbar.AUSGEWAEHLTE and not daten.get(
            "freigegeben_fuer"
        ):
            self.add_error(
                "freigegeben_fuer",
                _("Tick at least one actor, or let all actors of the network borrow it."),
            )
        return daten


class FilterForm(forms.Form):
    art = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *Ressource.Art.choices],
    )
    ortsteil = forms.ModelChoiceField(
        label=_("District"),
        required=False,
        queryset=Ortsteil.objects.all(),
        empty_label=_("All districts"),
        to_field_name="slug",
    )


def akteure_fuer(ressource: Ressource, user):
    """The user's active actors that could ask for `ressource` (not its owner)."""
    return (
        Akteur.objects.filter(mitgliedschaften__user=user)
        .aktiv()
        .exclude(pk=ressource.akteur_id)
        .distinct()
        .order_by("name")
    )


class TerminAuswahl(forms.ModelChoiceField):
    def label_from_instance(self, obj: Termin) -> str:
        # A series' first start may lie in the past: name its rhythm instead.
        wann = obj.get_wiederholung_display() if obj.wiederkehrend else kurzes_datum(obj.start)
        return f"{obj.titel} ({wann})"


class AnfrageForm(forms.Form):
    """A member asks for an item for one of their actors (and, if they like, for a date)."""

    akteur = forms.ModelChoiceField(label=_("For"), queryset=Akteur.objects.none())
    von = forms.DateField(label=_("First day (pick-up)"), widget=DatumEingabe())
    bis = forms.DateField(label=_("Last day (return)"), widget=DatumEingabe())
    menge = forms.IntegerField(label=_("How many"), min_value=1, max_value=500, initial=1)
    termin = TerminAuswahl(
        label=_("For which date"),
        required=False,
        queryset=Termin.objects.none(),
        empty_label=_("No particular date"),
        error_messages={"invalid_choice": services.TERMIN_FEHLER},
        help_text=_(
            "Your actor's upcoming dates and the network's joint events, e.g. the Markt der "
            "guten Geschäfte. The date's page then shows what was lent for it."
        ),
    )
    nachricht = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What for? e.g. “for our summer fair”"),
    )

    def __init__(self, *args, ressource: Ressource, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.ressource = ressource
        self.user = user
        akteure = akteure_fuer(ressource, user)
        self.fields["akteur"].queryset = akteure
        if len(akteure) == 1:
            self.fields["akteur"].initial = akteure[0].pk
        if ressource.menge == 1:
            self.fields["menge"].widget = forms.HiddenInput()
        else:
            self.fields["menge"].max_value = ressource.menge
            self.fields["menge"].widget.attrs.update({"min": 1, "max": ressource.menge})
        self.fields["von"].widget.attrs["min"] = ressource.frueheste_abholung().isoformat()
        termine = services.termine_zur_wahl(akteure=akteure, user=user)
        if termine.exists():
            self.fields["termin"].queryset = termine
        else:
            del self.fields["termin"]  # nothing to choose: no empty select

    def clean(self):
        daten = super().clean()
        if all(daten.get(f) is not None for f in ("von", "bis", "menge")):
            fehler = services.anfrage_pruefen(
                ressource=self.ressource,
                akteur=daten.get("akteur"),
                von=daten["von"],
                bis=daten["bis"],
                menge=daten["menge"],
                termin=daten.get("termin"),
                user=self.user,
            )
            for feld, meldung in fehler.items():
                self.add_error(feld, meldung)
        return daten


class AntwortForm(forms.Form):
    """Accept or decline (the button decides); a decline needs a word why."""

    ANNEHMEN = "annehmen"
    ABLEHNEN = "ablehnen"

    antwort = forms.CharField(
        label=_("Your message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. when and where to pick it up, or why it does not work this time"),
    )
    entscheidung = forms.ChoiceField(
        choices=[(ANNEHMEN, _("Accept")), (ABLEHNEN, _("Decline"))], widget=forms.HiddenInput
    )

    def clean(self):
        daten = super().clean()
        if daten.get("entscheidung") == self.ABLEHNEN and not daten.get("antwort", "").strip():
            self.add_error(
                "antwort", _("Please say in a few words why, so they can plan something else.")
            )
        return daten


class UebergabeForm(forms.ModelForm):
    """The short checklist at handover and return."""

    class Meta:
        model = Uebergabe
        fields = ["vollstaendig", "schaden", "notiz", "foto", "foto_alt"]
        widgets = {"notiz": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "vollstaendig": _("Everything is there"),
            "schaden": _("Something is damaged"),
        }

    def clean(self):
        daten = super().clean()
        if (daten.get("schaden") or daten.get("vollstaendig") is False) and not daten.get(
            "notiz", ""
        ).strip():
            self.add_error("notiz", _("Please note what is missing or damaged."))
        if daten.get("foto") and not daten.get("foto_alt", "").strip():
            self.add_error("foto_alt", _("Please describe the photo in a few words."))
        return daten


class ZustandForm(forms.ModelForm):
    class Meta:
        model = Zustandseintrag
        fields = ["zustand", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
