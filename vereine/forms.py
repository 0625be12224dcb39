"""Forms of the Akteure app. They validate input; the workflows live in services.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from netzwerk.eingaben import DatumFeld, IdMehrfachauswahl
from vereine.bilder import bild_benennen
from vereine.models import Akteur, Gesuch, Mitgliedschaft, Rueckmeldung
from vereine.schutz import HonigtopfFeld

_PROFILFELDER = [
    "name",
    "art",
    "kurzbeschreibung",
    "beschreibung",
    "themen",
    "ortsteil",
    "strasse",
    "plz",
    "ort",
    "kontakt_email",
    "telefon",
    "website",
    "gruendungsjahr",
    "nimmt_mitglieder_auf",
    "sichtbarkeit",
    "logo",
    "logo_alt",
    "foto",
    "foto_alt",
]


class AkteurProfilForm(forms.ModelForm):
    """What the members of an actor maintain themselves (status and slug stay with coordinators)."""

    class Meta:
        model = Akteur
        fields = _PROFILFELDER
        field_classes = {"themen": IdMehrfachauswahl}
        widgets = {
            "themen": forms.CheckboxSelectMultiple,
            "beschreibung": forms.Textarea(attrs={"rows": 6}),
            "kurzbeschreibung": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gruendungsjahr"].widget.attrs.update({"min": 800, "max": 2100})
        self.fields["kontakt_email"].widget.attrs["autocomplete"] = "email"
        self.fields["telefon"].widget.attrs["autocomplete"] = "tel"
        bild_benennen(
            self.fields["logo"],
            aktuell=_("Current logo"),
            entfernen=_("Remove logo"),
            neu=_("Upload a new logo"),
        )
        bild_benennen(
            self.fields["foto"],
            aktuell=_("Current photo"),
            entfernen=_("Remove photo"),
            neu=_("Upload a new photo"),
        )

    def clean_gruendungsjahr(self):
        jahr = self.cleaned_data.get("gruendungsjahr")
        if jahr is not None and not 800 <= jahr <= 2100:
            raise forms.ValidationError(_("Please enter a year like 1990."))
        return jahr


class AkteurVorschlagForm(forms.ModelForm):
    """The short form for proposing a new actor; the rest is filled in after approval."""

    class Meta:
        model = Akteur
        fields = [
            "name",
            "art",
            "kurzbeschreibung",
            "ortsteil",
            "kontakt_email",
            "website",
            "themen",
        ]
        field_classes = {"themen": IdMehrfachauswahl}
        widgets = {
            "themen": forms.CheckboxSelectMultiple,
            "kurzbeschreibung": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kontakt_email"].required = True
        self.fields["kurzbeschreibung"].required = True


class KontaktForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The actor answers you at this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    nachricht = forms.CharField(
        label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    homepage = HonigtopfFeld()


class HelfenForm(forms.Form):
    """“Ich möchte helfen”: just enough for the actor to answer."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("Only the portal sees it. The actor answers you through the portal."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    nachricht = forms.CharField(
        label=_("Message (optional)"),
        required=False,
        max_length=3000,
        help_text=_("e.g. when you have time or what you can do"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    einwilligung = forms.BooleanField(
        label=_(
            "I agree that the portal stores my name, e-mail address and message and passes them "
            "on to the actor. They are deleted six months after the need has ended."
        ),
        error_messages={
            "required": _("Please agree so that we may pass on your offer to the actor."),
        },
    )
    homepage = HonigtopfFeld()


class GesuchForm(forms.ModelForm):
    """A Gesuch; it has no actor field: the actor always comes from the URL."""

    class Meta:
        model = Gesuch
        fields = [
            "titel",
            "beschreibung",
            "art",
            "zeitaufwand",
            "ortsteil",
            "zielgruppe",
            "mindestalter",
            "von",
            "bis",
            "ansprechperson",
            "status",
        ]
        field_classes = {"von": DatumFeld, "bis": DatumFeld}
        widgets = {
            "beschreibung": forms.Textarea(attrs={"rows": 5}),
            "von": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "bis": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mindestalter"].widget.attrs.update({"min": 0, "max": 120})

    def clean_mindestalter(self):
        alter = self.cleaned_data.get("mindestalter")
        if alter is not None and alter > 120:
            raise forms.ValidationError(_("Please enter an age between 0 and 120."))
        return alter


class EinladenForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person you invite"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    rolle = forms.ChoiceField(
        label=_("Role"),
        choices=Mitgliedschaft.Rolle.choices,
        initial=Mitgliedschaft.Rolle.REDAKTION,
        help_text=_("Management may also invite and remove members; editors maintain content."),
    )

    def __init__(self, *args, akteur: Akteur, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.akteur = akteur

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if self.akteur.mitgliedschaften.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(
                _("This person is already a member. You can change their role in the list below.")
            )
        return email


class RolleForm(forms.Form):
    rolle = forms.ChoiceField(label=_("Role"), choices=Mitgliedschaft.Rolle.choices)


class RueckmeldungStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Rueckmeldung.Status.choices)


class AntwortForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("We send it to the helper. Their reply goes to your actor's contact address."),
    )
