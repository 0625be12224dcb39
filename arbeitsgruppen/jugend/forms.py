"""Forms of Jugendbeteiligung. They validate input (German messages next to the field);
the workflows live in services.py."""

from __future__ import annotations

import django_filters
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arbeitsgruppen.jugend import services
from arbeitsgruppen.jugend.models import (
    ALTER_BIS,
    ALTER_VON,
    BESTAETIGUNG_UNTER,
    Idee,
    Jugendprofil,
)
from arbeitsgruppen.jugend.wortliste import STANDARD, treffer
from arbeitsgruppen.models import Arbeitsgruppe
from netzwerk.models import Ortsteil
from vereine.models import Akteur

WORTLISTE_MELDUNG = _(
    "Please write this without insults (“%(wort)s”). Say what bothers you – that is fine."
)


def wortliste() -> tuple[str, ...]:
    return tuple(getattr(settings, "JUGEND_WORTLISTE", STANDARD))


def wortliste_sperrt() -> bool:
    """ "sperren" (default): the form refuses the text; "markieren": it is posted and flagged
    for the moderators."""
    return getattr(settings, "JUGEND_WORTLISTE_MODUS", "sperren") != "markieren"


class _MitWortliste:
    """Checks `wortliste_felder` against the word list; sets `self.markiert` when flagging."""

    wortliste_felder: tuple[str, ...] = ()
    markiert = False

    def _wortliste_pruefen(self, daten: dict) -> None:
        for feld in self.wortliste_felder:
            gefunden = treffer(str(daten.get(feld) or ""), wortliste())
            if not gefunden:
                continue
            if wortliste_sperrt():
                self.add_error(feld, WORTLISTE_MELDUNG % {"wort": gefunden[0]})
            else:
                self.markiert = True


class ProfilForm(_MitWortliste, forms.ModelForm):
    wortliste_felder = ("spitzname",)

    class Meta:
        model = Jugendprofil
        fields = ["spitzname", "geburtsjahr", "sorgeberechtigt_email"]

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        jahr = timezone.localdate().year
        self.fields["geburtsjahr"].widget = forms.NumberInput(
            attrs={"min": jahr - ALTER_BIS, "max": jahr - ALTER_VON, "inputmode": "numeric"}
        )
        self.fields["geburtsjahr"].help_text = _("Only the year, e.g. 2011.")

    def clean_geburtsjahr(self):
        jahr = self.cleaned_data["geburtsjahr"]
        alter = timezone.localdate().year - jahr
        if not ALTER_VON <= alter <= ALTER_BIS:
            raise forms.ValidationError(
                _(
                    "The ideas are for young people from %(von)s to %(bis)s years. Please check "
                    "the year."
                )
                % {"von": ALTER_VON, "bis": ALTER_BIS}
            )
        return jahr

    def clean_spitzname(self):
        spitzname = self.cleaned_data["spitzname"].strip()
        teile = {t.casefold() for t in str(self.user.anzeigename or "").split() if len(t) > 2}
        teile |= {self.user.email.split("@")[0].casefold()}
        if any(t in spitzname.casefold() for t in teile):
            raise forms.ValidationError(
                _(
                    "Please choose a nickname that does not contain your name: it is shown in "
                    "public."
                )
            )
        return spitzname

    def clean(self):
        daten = super().clean()
        self._wortliste_pruefen(daten)
        jahr = daten.get("geburtsjahr")
        # The same rule as Jugendprofil.braucht_bestaetigung (the year only: the safe side).
        jung = jahr and timezone.localdate().year - jahr <= BESTAETIGUNG_UNTER
        if jung and not daten.get("sorgeberechtigt_email"):
            self.add_error(
                "sorgeberechtigt_email",
                _(
                    "You are younger than 16: please give the e-mail address of a parent or "
                    "guardian. They confirm with one click."
                ),
            )
        if daten.get("sorgeberechtigt_email", "").casefold() == self.user.email.casefold():
            self.add_error(
                "sorgeberechtigt_email",
                _("This is your own address. Please give the address of a parent or guardian."),
            )
        return daten


class IdeeForm(_MitWortliste, forms.ModelForm):
    wortliste_felder = ("titel", "was", "warum", "jugendgruppe")

    class Meta:
        model = Idee
        fields = ["titel", "was", "warum", "ortsteil", "foto", "foto_alt", "jugendgruppe"]
        widgets = {
            "was": forms.Textarea(attrs={"rows": 4}),
            "warum": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, gruppenleitung: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ortsteil"].queryset = Ortsteil.objects.all()
        self.fields["ortsteil"].empty_label = _("the whole town")
        self.fields["ortsteil"].label = _("Where?")
        if gruppenleitung:
            self.fields["jugendgruppe"].label = _("For which youth group?")
            self.fields["jugendgruppe"].required = True
        else:
            del self.fields["jugendgruppe"]

    def clean(self):
        daten = super().clean()
        self._wortliste_pruefen(daten)
        return daten


class UnterstuetzenForm(forms.Form):
    benachrichtigen = forms.BooleanField(
        label=_("Send me an e-mail when something happens"), required=False
    )


class MeldenForm(forms.Form):
    grund = forms.CharField(
        label=_("What is wrong with this idea?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. an insult, a person's name or phone number"),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Next step"))
    text = forms.CharField(
        label=_("Short text (public)"),
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What happened, what comes next. When you decline: the reason."),
    )

    def __init__(self, *args, idee: Idee, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.idee = idee
        self.fields["status"].choices = [
            (s.value, s.label) for s in services.NAECHSTE.get(Idee.Status(idee.status), [])
        ]

    def clean(self):
        daten = super().clean()
        for feld, meldung in services.status_fehler(
            self.idee, daten.get("status", ""), daten.get("text", "")
        ).items():
            if feld not in self.errors:
                self.add_error(feld, meldung)
        return daten


class VersteckenForm(forms.Form):
    grund = forms.CharField(
        label=_("Why is it hidden? (the author reads this)"), max_length=300, required=False
    )


class ZustaendigForm(forms.Form):
    gruppe = forms.ModelChoiceField(
        label=_("Responsible working group"),
        queryset=Arbeitsgruppe.objects.all(),
        required=False,
    )
    akteur = forms.ModelChoiceField(
        label=_("or responsible actor (e.g. the town)"),
        queryset=Akteur.objects.aktiv(),
        required=False,
    )

    def clean(self):
        daten = super().clean()
        if daten.get("gruppe") and daten.get("akteur"):
            self.add_error("akteur", _("Please choose either a working group or an actor."))
        return daten


class IdeeFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Idee.Status.choices, empty_label=_("all")
    )
    ortsteil = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=Ortsteil.objects.all(), empty_label=_("all")
    )

    class Meta:
        model = Idee
        fields = ["status", "ortsteil"]
