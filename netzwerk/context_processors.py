from netzwerk.models import Netzwerkprofil


def netzwerk(request) -> dict:
    # No SITE_URL here: pages build absolute links from the request (the address the
    # visitor used); SITE_URL is for mails and background jobs only (netzwerk.mail).
    return {"netzwerk": Netzwerkprofil.aktuell()}
