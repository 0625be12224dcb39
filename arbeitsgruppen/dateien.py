"""Upload checks for group documents: the type is read from the content, never the name.

Pure functions over a file-like object, so that they can be tested with a few bytes.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import UnidentifiedImageError

from vereine.bilder import bild_oeffnen

MAX_GROESSE = 20 * 1024 * 1024  # 20 MB

ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"

# The type decides the extension of the served file name, whatever the upload was called.
ENDUNGEN = {
    PDF: "pdf",
    ODT: "odt",
    ODS: "ods",
    DOCX: "docx",
    XLSX: "xlsx",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
}
_BILDFORMATE = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
# The main part of a Word or Excel file, as its [Content_Types].xml declares it.
_OOXML = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}

FEHLER_TYP = _(
    "We can only take PDF, ODT, ODS, DOCX, XLSX, PNG, JPEG or WebP files. Please save your "
    "file in one of these formats and try again."
)
FEHLER_GROESSE = _("The file is larger than 20 MB. Please make it smaller and try again.")


def dateityp_erkennen(datei: IO[bytes]) -> str:
    """Return the MIME type of `datei`, read from its content; raise ValidationError if it is
    not one of the allowed types or too large. The file position is reset afterwards."""
    datei.seek(0, 2)
    groesse = datei.tell()
    datei.seek(0)
    if groesse > MAX_GROESSE:
        raise ValidationError(FEHLER_GROESSE, code="zu_gross")
    try:
        kopf = datei.read(8)
        datei.seek(0)
        if kopf.startswith(b"%PDF-"):
            return PDF
        if kopf.startswith(b"PK\x03\x04"):
            typ = _zip_typ(datei)
            if typ:
                return typ
        else:
            typ = _bild_typ(datei)
            if typ:
                return typ
    finally:
        datei.seek(0)
    raise ValidationError(FEHLER_TYP, code="typ")


def _zip_typ(datei: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(datei) as archiv:
            namen = set(archiv.namelist())
            if "mimetype" in namen:
                # ODF: the first entry "mimetype" holds the type as plain text.
                typ = archiv.read("mimetype")[:100].decode("ascii", "replace").strip()
                return typ if typ in (ODT, ODS) else None
            if "[Content_Types].xml" in namen:
                inhalt = archiv.read("[Content_Types].xml")[:200_000].decode("utf-8", "replace")
                for teil, typ in _OOXML.items():
                    if f'ContentType="{teil}"' in inhalt:
                        return typ
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return None
    return None


def _bild_typ(datei: IO[bytes]) -> str | None:
    """The image type, or None if it is no image we take; a picture with more pixels than
    the logo upload allows is refused with the logo upload's message (it is a PNG after all,
    only too large)."""
    try:
        bild = bild_oeffnen(datei, formate=_BILDFORMATE)
    except ValidationError as fehler:
        if fehler.code == "zu_viele_pixel":
            raise
        return None
    try:
        with bild:
            format_ = bild.format
            bild.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    return _BILDFORMATE.get(format_ or "")


def dateiname_bereinigen(name: str, mimetype: str) -> str:
    """A safe download name: ASCII letters, digits, dot, dash and underscore, at most 100
    characters, with the extension that belongs to the detected type."""
    stamm = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    if "." in stamm:
        stamm = stamm.rsplit(".", 1)[0]
    ersetzt = stamm.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    ersetzt = ersetzt.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    ascii_ = unicodedata.normalize("NFKD", ersetzt).encode("ascii", "ignore").decode()
    sauber = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_).strip(".-_")[:100] or "dokument"
    return f"{sauber}.{ENDUNGEN.get(mimetype, 'bin')}"
