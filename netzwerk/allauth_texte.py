"""allauth strings whose German wording we change to the network's voice.

Catalogues in LOCALE_PATHS win over allauth's own, but makemessages only keeps msgids that
occur in our sources; listing them here keeps them in netzwerk's catalogue.
"""

from django.utils.translation import gettext_noop

TEXTE = [
    gettext_noop("Sign In"),
    gettext_noop("Sign Up"),
    gettext_noop("Sign Out"),
    gettext_noop("Password Reset"),
    gettext_noop("Too many failed login attempts. Try again later."),
]
