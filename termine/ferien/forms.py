"""Forms and list filters of the Ferienkalender. Validation only; the services write."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import django_filters
from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netzwerk.eingaben import DatumFeld, IdMehrfachauswahl
from netzwerk.models import Ortsteil
from netzwerk.zeit import ortszeit
from termine import schnellwahl
from termine.ferien.models import alter_am
from termine.models import Ferienangebot, Ferienwoche, Ferienzeitraum, Kind
from vereine.models import Akteur


def _tag_label(tag) -> str:
    return formats.date_format(tag, "D, j. N")


class ZahlEingabe(forms.NumberInput):
    """A number field that shows what was typed only if it is a number.

    `?alter=acht` would otherwise come back as `value="acht"`, which HTML forbids on a number
    input (and the browser shows an empty field anyway); the error message says what was wrong.
    """

    ZAHL = re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?")

    def format_value(self, value):
        wert = super().format_value(value)
        return wert if wert is None or self.ZAHL.fullmatch(str(wert)) else None


class AngebotFilter(django_filters.FilterSet):
    """The filters of the list, the day calendar and the widget (all optional)."""

    alter = django_filters.NumberFilter(
        label=_("For my child, aged"),
        method="nach_alter",
        widget=ZahlEingabe(attrs={"min": 0, "max": 21, "inputmode": "numeric"}),
    )
    kategorie = django_filters.ChoiceFilter(
        label=_("Category"),
        choices=Ferienangebot.Kategorie.choices,
        empty_label=pgettext_lazy("filter", "All"),
    )
    tag = django_filters.ChoiceFilter(
        label=_("Day"), method="nach_tag", empty_label=pgettext_lazy("filter", "All days")
    )
    ortsteil = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=Ortsteil.objects.all(),
        empty_label=pgettext_lazy("filter", "All"),
    )
    akteur = django_filters.ModelChoiceFilter(
        label=_("Provider"),
        queryset=Akteur.objects.none(),
        empty_label=pgettext_lazy("filter", "All"),
    )
    kostenlos = django_filters.BooleanFilter(
        label=_("Free of charge only"), method="nur_kostenlos", widget=forms.CheckboxInput
    )
    frei = django_filters.BooleanFilter(
        label=_("With free places only"), method="nur_frei", widget=forms.CheckboxInput
    )
    # Set by the chips (values of WANN); anything else is ignored, not an error nobody sees.
    wann = django_filters.CharFilter(label=_("When"), method="nach_wann", widget=forms.HiddenInput)

    # Behind the "Filter" button; "wann" is chosen by the chips.
    FELDER_IM_FILTER = ("alter", "kategorie", "tag", "ortsteil", "akteur", "kostenlos", "frei")

    class Meta:
        model = Ferienangebot
        fields = ["alter", "kategorie", "tag", "ortsteil", "akteur", "kostenlos", "frei", "wann"]

    def __init__(self, *args, zeitraum: Ferienzeitraum, mit_akteuren: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.zeitraum = zeitraum
        self.filters["tag"].extra["choices"] = [
            (t.isoformat(), _tag_label(t)) for t in zeitraum.tage()
        ]
        if mit_akteuren:
            self.filters["akteur"].queryset = Akteur.objects.filter(
                ferienangebote__zeitraum=zeitraum,
                ferienangebote__status=Ferienangebot.Status.VEROEFFENTLICHT,
            ).distinct()
        else:
            del self.filters["akteur"]
        for name, feld in self.form.fields.items():
            if isinstance(feld.widget, forms.HiddenInput):
                continue
            if isinstance(feld.widget, forms.CheckboxInput):
                feld.widget.attrs["class"] = "form-check-input"
            elif isinstance(feld.widget, forms.Select):
                feld.widget.attrs["class"] = "form-select"
            else:
                feld.widget.attrs["class"] = "form-control"
            if name == "alter":
                feld.widget.attrs["placeholder"] = _("e.g. 8")

    def nach_alter(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.fuer_alter(int(value))

    def nach_tag(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.am_tag(datetime.fromisoformat(value).date())

    def nach_wann(self, queryset, name, value):
        if not (tage := schnellwahl.tage(value, timezone.localdate())):
            return queryset
        return queryset.zwischen(*tage)

    def nur_kostenlos(self, queryset, name, value):
        return queryset.kostenlos() if value else queryset

    def nur_frei(self, queryset, name, value):
        return queryset.mit_freien_plaetzen() if value else queryset


class KindForm(forms.ModelForm):
    """A family's child. The guardian's confirmation is needed once per child."""

    sorgeberechtigt = forms.BooleanField(
        label=_(
            "I have parental responsibility for this child or act with the consent of "
            "those who have."
        ),
        required=False,
    )
    hinweise_teilen = forms.BooleanField(
        label=_(
            "The providers of the activities this child is registered for may read these notes."
        ),
        required=False,
        help_text=_(
            "Without this consent we do not store any notes. You can withdraw it at "
            "any time: then the notes are deleted."
        ),
    )

    class Meta:
        model = Kind
        fields = ["vorname", "nachname", "geburtsdatum", "notfall_telefon", "hinweise"]
        field_classes = {"geburtsdatum": DatumFeld}
        widgets = {
            "geburtsdatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notfall_telefon": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "hinweise": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["geburtsdatum"].required = True
        self.fields["vorname"].widget.attrs["autocomplete"] = "off"
        self.fields["nachname"].widget.attrs["autocomplete"] = "family-name"
        if self.instance.pk:
            self.fields["hinweise_teilen"].initial = bool(self.instance.hinweise_einwilligung_am)
            self.fields["sorgeberechtigt"].initial = True

    def clean_geburtsdatum(self):
        tag = self.cleaned_data["geburtsdatum"]
        heute = timezone.localdate()
        if tag and tag > heute:
            raise forms.ValidationError(_("The date of birth is in the future. Please check it."))
        if tag and alter_am(tag, heute) > 21:
            raise forms.ValidationError(
                _("The holiday programme is for children and young people up to 21.")
            )
        return tag

    def clean(self):
        daten = super().clean()
        if not daten.get("sorgeberechtigt"):
            self.add_error(
                "sorgeberechtigt",
                _("Please confirm that you may register this child."),
            )
        if daten.get("hinweise", "").strip() and not daten.get("hinweise_teilen"):
            self.add_error(
                "hinweise_teilen",
                _("Notes are only stored with this consent. Tick it or leave the notes empty."),
            )
        return daten


class AnmeldungForm(forms.Form):
    """Choose one or more children for one occasion; the swimming question only where needed.

    `auswahl` is the registration service's verdict per child of the family
    (:func:`termine.ferien.services.kinder_fuer_anmeldung`): only the children it allows are
    offered; a child it refuses gets its reason as the field's error. The service's
    :func:`anmelden` still has the final word."""

    kind = IdMehrfachauswahl(
        label=_("Which child?"),
        queryset=Kind.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose a child.")},
    )
    notfall_telefon = forms.CharField(
        label=_("Phone in an emergency"),
        max_length=50,
        required=False,
        help_text=_("Where the provider reaches you during the activity."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    schwimmer = forms.BooleanField(
        label=_("My child can swim safely (at least the “Seepferdchen” badge)."),
        required=False,
    )

    def __init__(self, *args, auswahl, durchfuehrung, **kwargs):
        super().__init__(*args, **kwargs)
        self.auswahl = {a.kind.pk: a for a in auswahl}
        moegliche = [a.kind for a in auswahl if a.moeglich]
        feld = self.fields["kind"]
        feld.queryset = Kind.objects.filter(pk__in=list(self.auswahl))
        feld.choices = [(k.pk, str(k)) for k in moegliche]
        if len(moegliche) > 1:
            feld.label = _("Which children?")
        if not any(a.schwimmer_fehlt for a in auswahl if a.moeglich):
            del self.fields["schwimmer"]
        if len(moegliche) == 1 and not self.is_bound:
            self.initial.setdefault("kind", [moegliche[0].pk])
        telefon = next((k.notfall_telefon for k in moegliche if k.notfall_telefon), "")
        self.initial.setdefault("notfall_telefon", telefon)

    def clean_kind(self):
        kinder = self.cleaned_data["kind"]
        for kind in kinder:
            eintrag = self.auswahl.get(kind.pk)
            if eintrag is not None and not eintrag.moeglich:
                raise forms.ValidationError(eintrag.nachricht)
        return kinder

    def clean(self):
        daten = super().clean()
        kinder = daten.get("kind") or []
        if (
            "schwimmer" in self.fields
            and not daten.get("schwimmer")
            and any(not k.schwimmer for k in kinder)
        ):
            self.add_error(
                "schwimmer",
                _(
                    "Children must be able to swim for this offer. Please confirm it, or "
                    "choose another offer."
                ),
            )
        if not daten.get("notfall_telefon", "").strip() and any(
            not k.notfall_telefon for k in kinder
        ):
            self.add_error("notfall_telefon", _("Please give a phone number for emergencies."))
        return daten


class AngebotForm(forms.ModelForm):
    class Meta:
        model = Ferienangebot
        fields = [
            "akteur",
            "zeitraum",
            "ferienwoche",
            "titel",
            "beschreibung",
            "kategorie",
            "alter_von",
            "alter_bis",
            "kosten",
            "ermaessigung_hinweis",
            "ort",
            "ortsteil",
            "mitbringen",
            "barrierefreiheit",
            "kontaktperson",
            "bild",
            "bild_alt",
            "schwimmfaehigkeit_noetig",
            "anmeldung_noetig",
        ]
        widgets = {
            "beschreibung": forms.Textarea(attrs={"rows": 5}),
            "mitbringen": forms.Textarea(attrs={"rows": 2}),
            "barrierefreiheit": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["akteur"].queryset = Akteur.objects.schreibbar_fuer(user).order_by("name")
        self.fields["akteur"].empty_label = None
        heute = timezone.localdate()
        zeitraeume = Ferienzeitraum.objects.filter(ende__gte=heute).exclude(
            status=Ferienzeitraum.Status.ABGESCHLOSSEN
        )
        if self.instance.pk:
            zeitraeume = zeitraeume | Ferienzeitraum.objects.filter(pk=self.instance.zeitraum_id)
        self.fields["zeitraum"].queryset = zeitraeume.order_by("beginn")
        self.fields["zeitraum"].empty_label = None
        self.fields["ferienwoche"].queryset = Ferienwoche.objects.filter(
            zeitraum__in=zeitraeume
        ).select_related("zeitraum")
        self.fields["ferienwoche"].label_from_instance = lambda w: f"{w} ({w.zeitraum})"

    def clean(self):
        daten = super().clean()
        woche = daten.get("ferienwoche")
        if woche and daten.get("zeitraum") and woche.zeitraum_id != daten["zeitraum"].pk:
            self.add_error("ferienwoche", _("This holiday week belongs to another holiday period."))
        return daten


class DurchfuehrungForm(forms.Form):
    """Date and time of one occasion (local time) and its places."""

    datum = DatumFeld(
        label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    beginn = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    ende = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    letzter_tag = DatumFeld(
        label=_("Last day (if it runs over several days)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    max_plaetze = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=999,
        required=False,
        help_text=_("Leave empty if there is no limit."),
    )
    min_plaetze = forms.IntegerField(
        label=_("Minimum participants"), min_value=0, max_value=999, initial=0, required=False
    )

    def __init__(self, *args, zeitraum: Ferienzeitraum | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.zeitraum = zeitraum

    def clean(self):
        daten = super().clean()
        datum, beginn, ende = daten.get("datum"), daten.get("beginn"), daten.get("ende")
        if not (datum and beginn and ende):
            return daten
        letzter = daten.get("letzter_tag") or datum
        if letzter < datum:
            self.add_error("letzter_tag", _("The last day is before the first day."))
            return daten
        if self.zeitraum and not (self.zeitraum.beginn <= datum <= self.zeitraum.ende):
            self.add_error(
                "datum",
                _("Please choose a day between %(von)s and %(bis)s.")
                % {
                    "von": formats.date_format(self.zeitraum.beginn, "SHORT_DATE_FORMAT"),
                    "bis": formats.date_format(self.zeitraum.ende, "SHORT_DATE_FORMAT"),
                },
            )
        start = ortszeit(datum, beginn)
        schluss = ortszeit(letzter, ende)
        if schluss <= start:
            self.add_error("ende", _("The end must be after the start."))
        if letzter - datum > timedelta(days=14):
            self.add_error("letzter_tag", _("An occasion can last two weeks at most."))
        daten["start"], daten["schluss"] = start, schluss
        return daten


class TerminZeileForm(DurchfuehrungForm):
    """One occasion as a row of the offer form; `pk` names a saved occasion of the offer."""

    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)


class _TermineBasis(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Delete this date")


TermineFormSet = forms.formset_factory(
    TerminZeileForm, formset=_TermineBasis, extra=1, can_delete=True, max_num=60, validate_max=True
)


class AbsageForm(forms.Form):
    grund = forms.CharField(
        label=_("Why is it cancelled?"),
        max_length=300,
        help_text=_("The families read this in their e-mail."),
        error_messages={"required": _("Please tell the families why.")},
    )


class KopierenForm(forms.Form):
    zeitraum = forms.ModelChoiceField(
        label=_("Copy into the holiday period"),
        queryset=Ferienzeitraum.objects.none(),
        empty_label=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zeitraum"].queryset = (
            Ferienzeitraum.objects.filter(ende__gte=timezone.localdate())
            .exclude(status=Ferienzeitraum.Status.ABGESCHLOSSEN)
            .order_by("beginn")
        )
