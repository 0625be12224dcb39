"""Strings of Django and allauth whose German we set ourselves.

Catalogues in LOCALE_PATHS win over those of Django and allauth, but makemessages only keeps
msgids that occur in our sources; listing them here keeps them in netzwerk's catalogue.
"""

from django.utils.translation import gettext_noop

TEXTE = [
    # Django 6.1's new empty choice of every select has no German translation yet.
    gettext_noop("- Select an option -"),
    # allauth, in the network's voice.
    gettext_noop("Sign In"),
    gettext_noop("Sign Up"),
    gettext_noop("Sign Out"),
    gettext_noop("Password Reset"),
    gettext_noop("Too many failed login attempts. Try again later."),
]
