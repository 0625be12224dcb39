"""The form of the planning page "Nächste Termine planen": one host choice per proposed meeting,
as a formset (the proposals are computed again on every request, so the formset has exactly
one form per proposal, whatever the posted management form says)."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from netzwerk.zeit import zone
from termine.stammtisch.services import Planvorschlag
from vereine.models import Akteur


class GastgeberWahl(forms.Form):
    """The host of one proposed meeting: the rotation's proposal, another one from the pool,
    or nobody yet."""

    gastgeber = forms.ChoiceField(
        required=False,
        error_messages={"invalid_choice": _("Please choose a host from the pool.")},
    )

    def __init__(self, *args, vorschlag: Planvorschlag, pool: Sequence[Akteur], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.vorschlag = vorschlag
        self._pool = {str(a.pk): a for a in pool}
        feld = self.fields["gastgeber"]
        feld.choices = [("", _("– nobody yet –")), *((pk, a.name) for pk, a in self._pool.items())]
        feld.label = _("Host on %(datum)s") % {
            "datum": date_format(vorschlag.start.astimezone(zone()), "j.n.Y")
        }
        if vorschlag.gastgeber is not None:
            self.initial.setdefault("gastgeber", str(vorschlag.gastgeber.pk))

    def clean_gastgeber(self) -> Akteur | None:
        return self._pool.get(self.cleaned_data["gastgeber"])


class _GastgeberPlanung(forms.BaseFormSet):
    def __init__(self, *args, vorschlaege: Sequence[Planvorschlag], pool: Sequence[Akteur], **kw):
        self.vorschlaege, self.pool = list(vorschlaege), list(pool)
        super().__init__(*args, **kw)

    def total_form_count(self) -> int:
        return len(self.vorschlaege)

    def initial_form_count(self) -> int:
        return len(self.vorschlaege)

    def get_form_kwargs(self, index: int) -> dict:
        return {"vorschlag": self.vorschlaege[index], "pool": self.pool}

    def geaenderte_gastgeber(self) -> dict[int, Akteur | None]:
        """Index of a proposal -> the host chosen instead of the rotation's (valid formset)."""
        return {
            index: form.cleaned_data["gastgeber"]
            for index, form in enumerate(self.forms)
            if form.cleaned_data["gastgeber"] != form.vorschlag.gastgeber
        }


GastgeberPlanung = forms.formset_factory(GastgeberWahl, formset=_GastgeberPlanung, extra=0)
