from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _


class KoordinationMfaMiddleware:
    """Send staff without TOTP to the setup page before the admin, if the setting says so."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.KOORDINATION_MFA_PFLICHT
            and request.path.startswith("/admin/")
            and request.user.is_authenticated
            and request.user.is_staff
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
