"""Forms of the working groups. They validate input; the services do the work."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from arbeitsgruppen.dateien import dateityp_erkennen
from arbeitsgruppen.models import Arbeitsgruppe, Aufgabe, Beitrag, Mitglied, Vorhaben
from netzwerk.eingaben import DatumFeld
from netzwerk.models import User


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _mitglieder_auswahl(gruppe: Arbeitsgruppe):
    return User.objects.filter(ag_mitgliedschaften__gruppe=gruppe).order_by("anzeigename", "email")


class MitgliedFeld(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class AufgabeForm(forms.ModelForm):
    class Meta:
        model = Aufgabe
        fields = ["titel", "notizen", "zustaendig", "faellig", "vorhaben", "status"]
        widgets = {"faellig": DatumInput(), "notizen": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"zustaendig": MitgliedFeld, "faellig": DatumFeld}
        error_messages = {
            "titel": {"required": _("Please give the task a title.")},
        }

    def __init__(self, *args, gruppe: Arbeitsgruppe, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.gruppe = gruppe
        self.fields["zustaendig"].queryset = _mitglieder_auswahl(gruppe)
        self.fields["zustaendig"].help_text = _("Only members of the group can take on tasks.")
        self.fields["zustaendig"].error_messages["invalid_choice"] = _(
            "Please choose a member of the group."
        )
        self.fields["vorhaben"].queryset = gruppe.vorhaben.order_by("titel")
        self.fields["vorhaben"].error_messages["invalid_choice"] = _(
            "Please choose one of the group's projects."
        )
        self.fields["faellig"].error_messages["invalid"] = _(
            "Please enter a date such as 31.12.2026."
        )


class VorhabenForm(forms.ModelForm):
    class Meta:
        model = Vorhaben
        fields = ["titel", "status", "verantwortlich", "beginn", "ende", "beschreibung"]
        widgets = {
            "beginn": DatumInput(),
            "ende": DatumInput(),
            "beschreibung": forms.Textarea(attrs={"rows": 5}),
        }
        field_classes = {"verantwortlich": MitgliedFeld, "beginn": DatumFeld, "ende": DatumFeld}
        error_messages = {"titel": {"required": _("Please give the project a title.")}}

    def __init__(self, *args, gruppe: Arbeitsgruppe, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["verantwortlich"].queryset = _mitglieder_auswahl(gruppe)
        self.fields["verantwortlich"].error_messages["invalid_choice"] = _(
            "Please choose a member of the group."
        )
        for name in ("beginn", "ende"):
            self.fields[name].error_messages["invalid"] = _(
                "Please enter a date such as 31.12.2026."
            )

    def clean(self):
        daten = super().clean()
        beginn, ende = daten.get("beginn"), daten.get("ende")
        if beginn and ende and ende < beginn:
            self.add_error(
                "ende", _("The end cannot be before the start. Please check both dates.")
            )
        return daten


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Aufgabe.Status.choices)


class DateiFeld(forms.FileField):
    def clean(self, data, initial=None):
        datei = super().clean(data, initial)
        if datei:
            # The type is read from the content; a renamed .exe stays an .exe.
            datei.content_type_erkannt = dateityp_erkennen(datei)
        return datei


class DokumentForm(forms.Form):
    titel = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Please give the document a title.")},
    )
    datei = DateiFeld(
        label=_("File"),
        required=False,
        help_text=_("PDF, ODT, ODS, DOCX, XLSX, PNG, JPEG or WebP, at most 20 MB."),
    )
    url = forms.URLField(
        label=_("… or a link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("For example a shared pad or a folder in a cloud."),
        error_messages={"invalid": _("Please enter a full web address such as https://…")},
    )
    beschreibung = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        daten = super().clean()
        datei, url = daten.get("datei"), daten.get("url")
        if "datei" in self.errors or "url" in self.errors:
            return daten
        if datei and url:
            raise ValidationError(_("Please choose either a file or a link, not both."))
        if not datei and not url:
            self.add_error("datei", _("Please choose a file or enter a link."))
        return daten


class ErsetzenForm(forms.Form):
    datei = DateiFeld(
        label=_("New version"),
        help_text=_("PDF, ODT, ODS, DOCX, XLSX, PNG, JPEG or WebP, at most 20 MB."),
        error_messages={"required": _("Please choose the file to upload.")},
    )


class ThreadForm(forms.Form):
    titel = forms.CharField(
        label=_("Topic"),
        max_length=200,
        error_messages={"required": _("Please give the topic a title.")},
    )
    text = forms.CharField(
        label=_("Your post"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text. Links become clickable."),
        error_messages={"required": _("Please write something.")},
    )


class BeitragForm(forms.ModelForm):
    class Meta:
        model = Beitrag
        fields = ["text"]
        labels = {"text": _("Your post")}
        help_texts = {"text": _("Plain text. Links become clickable.")}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"text": {"required": _("Please write something.")}}


class BenachrichtigungForm(forms.ModelForm):
    class Meta:
        model = Mitglied
        fields = ["benachrichtigung"]
        widgets = {"benachrichtigung": forms.RadioSelect}
        labels = {"benachrichtigung": _("Mails about new posts")}


class BeitrittForm(forms.Form):
    nachricht = forms.CharField(
        label=_("A few words to the group (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EinladungForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        error_messages={
            "required": _("Please enter the e-mail address of the person you want to invite."),
            "invalid": _("Please enter a valid e-mail address, e.g. name@example.org."),
        },
    )


class RolleForm(forms.Form):
    rolle = forms.ChoiceField(label=_("Role"), choices=Mitglied.Rolle.choices)
