from django.conf import settings

from netzwerk.models import Netzwerkprofil


def netzwerk(request) -> dict:
    return {"netzwerk": Netzwerkprofil.aktuell(), "site_url": settings.SITE_URL}
