"""Forms of the Aktionstag. They validate input; the workflows live in services.py."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.zeit import ortszeit, uhrzeit
from termine.models import Aktionstag, Schicht, Station
from vereine.models import Akteur


class UhrzeitEingabe(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%H:%M", **kwargs)


class DatumEingabe(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class StationForm(forms.ModelForm):
    """A station: what, for whom, when (times of the day), where, what it needs."""

    von = forms.TimeField(label=_("From"), widget=UhrzeitEingabe())
    bis = forms.TimeField(label=_("Until"), widget=UhrzeitEingabe())

    class Meta:
        model = Station
        fields = [
            "akteur",
            "titel",
            "beschreibung",
            "zielgruppe",
            "platz",
            "ort",
            "strom",
            "zelt",
            "tische",
            "wasser",
            "mit_kindern",
        ]
        widgets = {"beschreibung": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, aktionstag: Aktionstag, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.aktionstag = aktionstag
        if self.instance.pk:
            del self.fields["akteur"]
            self.initial.setdefault("von", timezone.localtime(self.instance.start).time())
            self.initial.setdefault("bis", timezone.localtime(self.instance.ende).time())
        else:
            self.fields["akteur"].queryset = (
                Akteur.objects.aktiv().filter(mitgliedschaften__user=user).distinct()
            )
            self.fields["akteur"].empty_label = None
        if aktionstag.plaetze:
            self.fields["platz"].widget.attrs.update({"min": 1, "max": aktionstag.plaetze})
        else:
            del self.fields["platz"]
        self.fields["tische"].widget.attrs.update({"min": 0, "max": 50})
        termin = aktionstag.termin
        self.fields["von"].help_text = _("The day runs from %(von)s to %(bis)s.") % {
            "von": uhrzeit(termin.start),
            "bis": uhrzeit(termin.ende),
        }

    def clean_platz(self):
        platz = self.cleaned_data.get("platz")
        if platz is not None and not 1 <= platz <= self.aktionstag.plaetze:
            raise forms.ValidationError(
                _("The plan has spots 1 to %(anzahl)s. Please choose one of them.")
                % {"anzahl": self.aktionstag.plaetze}
            )
        return platz

    def clean(self):
        daten = super().clean()
        von, bis = daten.get("von"), daten.get("bis")
        if von and bis:
            tag = self.aktionstag.termin.erster_tag
            start, ende = ortszeit(tag, von), ortszeit(tag, bis)
            termin = self.aktionstag.termin
            if ende <= start:
                self.add_error("bis", _("The end must be after the start."))
            elif start < termin.start or ende > termin.ende:
                self.add_error(
                    "von",
                    _("Please choose a time within the day (%(von)s–%(bis)s).")
                    % {"von": uhrzeit(termin.start), "bis": uhrzeit(termin.ende)},
                )
            daten["start"], daten["ende"] = start, ende
        if not daten.get("platz") and not daten.get("ort", "").strip():
            self.add_error("ort", _("Please say where the station should be."))
        return daten


class EintragenForm(forms.Form):
    """Sign-up for a shift: guests give name and e-mail; the minimum age is confirmed."""

    gast_name = forms.CharField(label=_("Your name"), max_length=150)
    gast_email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send you a link to confirm your sign-up."),
    )
    alter_bestaetigt = forms.BooleanField(required=False)

    def __init__(self, *args, schicht: Schicht, gast: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not gast:
            del self.fields["gast_name"]
            del self.fields["gast_email"]
        if schicht.mindestalter:
            self.fields["alter_bestaetigt"].required = True
            self.fields["alter_bestaetigt"].label = _(
                "I am at least %(alter)s years old on the day."
            ) % {"alter": schicht.mindestalter}
            self.fields["alter_bestaetigt"].error_messages["required"] = _(
                "Please confirm your age: this shift is for helpers from %(alter)s years."
            ) % {"alter": schicht.mindestalter}
        else:
            del self.fields["alter_bestaetigt"]


class ZeugnisForm(forms.Form):
    """The child-protection note: only seen on, by, valid until — never the document."""

    eingesehen_am = forms.DateField(label=_("Seen on"), widget=DatumEingabe())
    eingesehen_von = forms.CharField(label=_("Seen by"), max_length=150)
    gueltig_bis = forms.DateField(label=_("Valid until"), widget=DatumEingabe())

    def clean(self):
        daten = super().clean()
        am, bis = daten.get("eingesehen_am"), daten.get("gueltig_bis")
        if am and am > timezone.localdate():
            self.add_error("eingesehen_am", _("This date is in the future. Please check it."))
        if am and bis and bis < am:
            self.add_error("gueltig_bis", _("“Valid until” is before “seen on”. Please check it."))
        if am and bis and bis - am > timedelta(days=5 * 366):
            self.add_error("gueltig_bis", _("That is a long validity. Please check the date."))
        return daten
