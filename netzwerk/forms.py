from django import forms
from django.utils.translation import gettext_lazy as _


class SignupForm(forms.Form):
    """Extra field on allauth's signup form."""

    anzeigename = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_("How others in the network see you, e.g. “Anna M.”."),
    )

    def signup(self, request, user) -> None:
        user.anzeigename = self.cleaned_data["anzeigename"]
        user.save(update_fields=["anzeigename"])


class KontoLoeschenForm(forms.Form):
    passwort = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_passwort(self) -> str:
        passwort = self.cleaned_data["passwort"]
        if not self.user.check_password(passwort):
            raise forms.ValidationError(
                _("That is not your password. Please try again."), code="falsches_passwort"
            )
        return passwort


class BarriereMeldenForm(forms.Form):
    seite = forms.CharField(label=_("Which page?"), max_length=300, required=False)
    beschreibung = forms.CharField(
        label=_("What does not work for you?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional, if you want an answer)"), required=False
    )
    # Honeypot: people do not see this field; bots fill it.
    website = forms.CharField(required=False, widget=forms.HiddenInput)
