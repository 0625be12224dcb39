from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from netzwerk.berechtigungen import ist_koordination


class KoordinationMfaMiddleware:
    """Send staff without TOTP to the setup page before the admin, if the setting says so."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.KOORDINATION_MFA_PFLICHT
            and request.path.startswith("/admin/")
            and ist_koordination(request.user)
        ):
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP
            ).exists():
                messages.warning(
                    request,
                    _("Please set up two-factor authentication before you use the admin."),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)


class SteuerzeichenMiddleware:
    """Refuse NUL bytes in the path, the query and form values with 400 Bad Request.

    No text field of the portal has a use for them, and PostgreSQL refuses them in every
    string ("A string literal cannot contain NUL"), which would otherwise be a 500 wherever a
    value reaches a query unvalidated (a search box, a token in the path). Checked once here
    instead of in every view; uploaded files are not touched, only their names.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if _enthaelt_nul(request):
            from netzwerk.views import fehler_400

            return fehler_400(request)
        return self.get_response(request)


def _enthaelt_nul(request) -> bool:
    if "\x00" in request.path_info:
        return True
    teile = [request.GET]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        teile.append(request.POST)
        teile.append({name: [d.name or ""] for name, d in request.FILES.items()})
    return any(
        "\x00" in schluessel or any("\x00" in wert for wert in werte)
        for teil in teile
        for schluessel, werte in (teil.lists() if hasattr(teil, "lists") else teil.items())
    )
