"""Ids, numbers and dates from a request: read in one place, strictly, never a 500.

Everything a visitor sends is text, and the obvious ways to read it fail in odd places:
`"²".isdigit()` is true but `int("²")` raises; `int()` accepts " 12", "1_000" and "٣"; a
database stores 64-bit integers only (SQLite raises OverflowError beyond, in an `IN` or a
foreign-key filter, where Django does not catch it); and Python's dates end at the years 1 and
9999, so `date ± one day` at either end overflows.

So the portal accepts

- ids and counts: ASCII digits only, at most 2**63 - 1 (the size of a database id);
- dates: ISO days (YYYY-MM-DD) from 1900-01-01 to 2200-12-31 (`FRUEHESTER_TAG`,
  `SPAETESTER_TAG`): older than any birthday of a living person, later than any plan; far
  enough from the calendar's ends that a view may add a year on either side.

Views use `ganzzahl()`/`datum()` (None for anything else) or `*_oder_404()`; forms use
`DatumFeld` or the validator `tag_im_bereich`, which give a field error instead.
NUL bytes never get this far: `netzwerk.middleware.SteuerzeichenMiddleware` refuses them.
"""

import re
from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

GROESSTE_ID = 2**63 - 1
FRUEHESTER_TAG = date(1900, 1, 1)
SPAETESTER_TAG = date(2200, 12, 31)

_ZIFFERN = re.compile(r"[0-9]{1,19}")
_ISO_TAG = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def ganzzahl(wert: object, *, minimum: int = 0, maximum: int = GROESSTE_ID) -> int | None:
    """The integer in `wert` (ASCII digits, within the bounds), or None."""
    if isinstance(wert, int) and not isinstance(wert, bool):
        zahl = wert
    elif isinstance(wert, str) and _ZIFFERN.fullmatch(wert):
        zahl = int(wert)
    else:
        return None
    return zahl if minimum <= zahl <= maximum else None


def id_aus(wert: object) -> int | None:
    """A database id (a positive integer that fits the id column), or None."""
    return ganzzahl(wert, minimum=1)


def id_oder_404(wert: object) -> int:
    zahl = id_aus(wert)
    if zahl is None:
        raise Http404
    return zahl


def im_bereich(tag: date) -> bool:
    if isinstance(tag, datetime):
        tag = tag.date()
    return FRUEHESTER_TAG <= tag <= SPAETESTER_TAG


def datum(wert: object) -> date | None:
    """The ISO day (YYYY-MM-DD) in `wert`, within the portal's range, or None."""
    if not isinstance(wert, str) or not _ISO_TAG.fullmatch(wert):
        return None
    try:
        tag = date.fromisoformat(wert)
    except ValueError:
        return None
    return tag if im_bereich(tag) else None


def datum_oder_404(jahr: int, monat: int, tag: int = 1) -> date:
    """The day of a calendar URL (/2026/11/25/), or 404 outside the calendar or the range."""
    try:
        ergebnis = date(jahr, monat, tag)
    except (ValueError, OverflowError) as exc:
        raise Http404 from exc
    if not im_bereich(ergebnis):
        raise Http404
    return ergebnis


def tag_im_bereich(wert: date | datetime | None) -> None:
    """Form validator: a day within the portal's range."""
    if wert is not None and not im_bereich(wert):
        raise ValidationError(
            _("Please enter a date between %(von)s and %(bis)s."),
            code="datum_ausser_bereich",
            params={
                "von": date_format(FRUEHESTER_TAG, "SHORT_DATE_FORMAT"),
                "bis": date_format(SPAETESTER_TAG, "SHORT_DATE_FORMAT"),
            },
        )


class DatumFeld(forms.DateField):
    """A day within the portal's range (1900–2200)."""

    default_validators = [tag_im_bereich]


class DatumZeitFeld(forms.DateTimeField):
    """A moment within the portal's range (1900–2200)."""

    default_validators = [tag_im_bereich]


class IdMehrfachauswahl(forms.ModelMultipleChoiceField):
    """Several objects to tick; a value that cannot be an id is an invalid choice.

    Django looks the values up with `pk__in`, which SQLite refuses with OverflowError for
    integers beyond 64 bits (a 500) instead of finding nothing.
    """

    def _check_values(self, value):
        if (self.to_field_name or "pk") == "pk":
            for wert in value:
                if id_aus(str(wert)) is None:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": wert},
                    )
        return super()._check_values(value)
