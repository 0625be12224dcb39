"""Uploaded images (logos, photos): checked, re-encoded, stored under generated names.

Reusable by every app that takes pictures (Termine, Ferienkalender):

    from vereine.bilder import BildFeld
    bild = BildFeld(_("image"), upload_to="termine/bilder/", blank=True)

`BildFeld` is a model field whose form field (`BildFormularfeld`) refuses anything but JPEG,
PNG and WebP up to `MAX_BYTES` and `MAX_PIXEL`, and re-encodes the picture on upload
(`bild_aufbereiten`). Re-encoding throws away EXIF (GPS positions, camera serials), colour
profiles and whatever else rides along in the file (appended HTML or ZIP payloads), so that the
bytes we serve are bytes Pillow wrote. Two thumbnails are stored beside the original
(`<name>-klein.<ext>`, `<name>-mittel.<ext>`) and reachable as `feld.url_klein` /
`feld.url_mittel` in templates.

Decompression bombs (a small file that claims a huge canvas) are refused from the header,
before any pixel is decoded: Pillow reads the size when it opens the file, and with
`Image.MAX_IMAGE_PIXELS` set to our limit its `DecompressionBombWarning` (escalated to an
error here) or `DecompressionBombError` fires right there.
"""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXEL = 25_000_000
# Pillow warns above MAX_IMAGE_PIXELS and raises above twice that; we escalate the warning too,
# so everything above our limit is refused while Pillow still only reads the header.
Image.MAX_IMAGE_PIXELS = MAX_PIXEL

FORMATE = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
MIME_TYPEN = "image/jpeg,image/png,image/webp"
# Longest edge in pixels.
VORSCHAUGROESSEN = {"klein": 160, "mittel": 640}

FEHLER = {
    "zu_gross": _("This file is larger than 5 MB. Please make it smaller and upload it again."),
    "svg": _(
        "SVG files cannot be uploaded. Please save your image as JPEG, PNG or WebP and try again."
    ),
    "format": _(
        "This is not a JPEG, PNG or WebP image. Please save your image in one of these formats "
        "and try again."
    ),
    "zu_viele_pixel": _(
        "This image has too many pixels (at most 25 megapixels). Please make it smaller and "
        "upload it again."
    ),
    "defekt": _("We could not read this image. Please save it again and upload it once more."),
}


@dataclass
class AufbereitetesBild:
    """A re-encoded image and its thumbnails, ready to be stored."""

    inhalt: bytes
    endung: str
    breite: int
    hoehe: int
    vorschauen: dict[str, bytes] = field(default_factory=dict)

    def als_datei(self) -> AufbereiteteDatei:
        return AufbereiteteDatei(self)


class AufbereiteteDatei(ContentFile):
    """The file object a `BildFeld` stores; carries its thumbnails along."""

    def __init__(self, bild: AufbereitetesBild) -> None:
        super().__init__(bild.inhalt, name=uuid.uuid4().hex + bild.endung)
        self.bild = bild


def _fehler(code: str) -> ValidationError:
    return ValidationError(FEHLER[code], code=code)


def _ist_svg(kopf: bytes) -> bool:
    anfang = kopf.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return anfang.startswith((b"<svg", b"<?xml", b"<!doctype svg")) or b"<svg" in kopf.lower()


def bild_oeffnen(datei, formate=FORMATE) -> Image.Image:
    """Open `datei` as an image in one of `formate`, reading only its header.

    ValidationError "zu_viele_pixel" for a decompression bomb (more than MAX_PIXEL), "format"
    for anything else Pillow cannot open. Also used for images among group documents.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            bild = Image.open(datei, formats=list(formate))
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise _fehler("zu_viele_pixel") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise _fehler("format") from None
    breite, hoehe = bild.size
    if breite * hoehe > MAX_PIXEL:
        bild.close()
        raise _fehler("zu_viele_pixel")
    return bild


def bild_pruefen(datei) -> Image.Image:
    """Open and fully decode `datei` if it is an acceptable image; raise ValidationError if not.

    Order matters: size in bytes, then the format and the pixel count from the header, and only
    then decoding. A bomb never gets as far as allocating its canvas.
    """
    groesse = getattr(datei, "size", None)
    if groesse is not None and groesse > MAX_BYTES:
        raise _fehler("zu_gross")
    datei.seek(0)
    kopf = datei.read(512)
    datei.seek(0)
    if _ist_svg(kopf):
        raise _fehler("svg")
    bild = bild_oeffnen(datei)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        # WeasyPrint switches Pillow to accepting truncated files process-wide when it is
        # imported; an upload must still be complete, so the check is strict for this load.
        nachsichtig = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            bild.load()
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise _fehler("zu_viele_pixel") from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise _fehler("defekt") from None
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = nachsichtig
    return bild


def _kodieren(bild: Image.Image, format_: str) -> bytes:
    puffer = io.BytesIO()
    if format_ == "JPEG":
        bild.convert("RGB").save(puffer, "JPEG", quality=85, optimize=True)
    elif format_ == "WEBP":
        bild.save(puffer, "WEBP", quality=85)
    else:
        bild.save(puffer, "PNG")
    return puffer.getvalue()


def bild_aufbereiten(datei) -> AufbereitetesBild:
    """Check `datei`, re-encode it without metadata and make the thumbnails.

    Raises ValidationError with a German message (via the catalogue) for bad files. Pure: reads
    the file, writes nothing.
    """
    bild = bild_pruefen(datei)
    format_ = bild.format or "PNG"
    # Turn the picture upright as the camera meant it, before the EXIF tag is dropped.
    bild = ImageOps.exif_transpose(bild)
    hat_alpha = bild.mode in ("RGBA", "LA", "PA") or "transparency" in bild.info
    bild = bild.convert("RGBA" if hat_alpha and format_ != "JPEG" else "RGB")
    vorschauen = {}
    for name, kante in VORSCHAUGROESSEN.items():
        klein = bild.copy()
        klein.thumbnail((kante, kante), Image.Resampling.LANCZOS, reducing_gap=3.0)
        vorschauen[name] = _kodieren(klein, format_)
    return AufbereitetesBild(
        inhalt=_kodieren(bild, format_),
        endung=FORMATE[format_],
        breite=bild.width,
        hoehe=bild.height,
        vorschauen=vorschauen,
    )


def vorschau_name(name: str, groesse: str) -> str:
    pfad = PurePosixPath(name)
    return str(pfad.with_name(f"{pfad.stem}-{groesse}{pfad.suffix}"))


class BildDatei(FieldFile):
    """A stored image with its thumbnails."""

    def save(self, name: str, content: File, save: bool = True) -> None:
        # Whatever reaches the storage has been re-encoded, also outside of forms (demo data).
        if not isinstance(content, AufbereiteteDatei):
            content = bild_aufbereiten(content).als_datei()
        super().save(content.name, content, save=save)
        for groesse, inhalt in content.bild.vorschauen.items():
            self.storage.save(vorschau_name(self.name, groesse), ContentFile(inhalt))

    save.alters_data = True

    def delete(self, save: bool = True) -> None:
        if self.name:
            bild_entfernen(self.storage, self.name)
        super().delete(save=save)

    delete.alters_data = True

    def _vorschau_url(self, groesse: str) -> str:
        return self.storage.url(vorschau_name(self.name, groesse)) if self.name else ""

    @property
    def url_klein(self) -> str:
        return self._vorschau_url("klein")

    @property
    def url_mittel(self) -> str:
        return self._vorschau_url("mittel")


def bild_entfernen(storage, name: str) -> None:
    """Delete the stored image `name` and its thumbnails (missing files are fine)."""
    for n in [name, *(vorschau_name(name, g) for g in VORSCHAUGROESSEN)]:
        storage.delete(n)


def ersetztes_bild_entfernen(datei: FieldFile, alter_name: str | None) -> None:
    """For services that save a row with an image: once the transaction commits, delete the
    image `alter_name` (and its thumbnails) when `datei` replaced or cleared it. Nothing is
    deleted when the transaction rolls back, so the row never points at a missing file."""
    if alter_name and alter_name != datei.name:
        storage = datei.storage
        transaction.on_commit(lambda: bild_entfernen(storage, alter_name))


class BildEingabe(forms.ClearableFileInput):
    """The upload field of a picture: the current one as a thumbnail with a "remove" box.

    Django's widget shows the stored (generated) file name and a box labelled "Clear"; people
    want to see their picture. Forms name the picture (`bild_benennen`), e.g. "Logo entfernen".
    The crispy layout `bootstrap5/layout/field_file.html` (templates/) draws `vorschau`.
    """

    initial_text = _("Current image")
    input_text = _("Upload a new image")
    clear_checkbox_label = _("Remove image")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.is_initial(value):
            context["widget"]["vorschau"] = getattr(value, "url_klein", "") or value.url
        return context


def bild_benennen(feld: forms.Field, *, aktuell: str, entfernen: str, neu: str) -> None:
    """Names the picture in the texts of its upload field ("Aktuelles Logo", "Logo entfernen")."""
    feld.widget.initial_text = aktuell
    feld.widget.clear_checkbox_label = entfernen
    feld.widget.input_text = neu


class BildFormularfeld(forms.FileField):
    """File input that accepts only safe images and hands on the re-encoded result."""

    widget = BildEingabe(attrs={"accept": MIME_TYPEN})

    def to_python(self, data):
        datei = super().to_python(data)
        if datei is None:
            return None
        return bild_aufbereiten(datei).als_datei()


class BildFeld(models.FileField):
    """Model field for uploaded pictures: see the module docstring."""

    attr_class = BildDatei

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_length", 150)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": BildFormularfeld, **kwargs})
