"""Image files for upload tests, made with Pillow or by hand (fast, no big buffers)."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def png_bytes(breite: int = 40, hoehe: int = 30, farbe=(200, 30, 30)) -> bytes:
    puffer = io.BytesIO()
    Image.new("RGB", (breite, hoehe), farbe).save(puffer, "PNG")
    return puffer.getvalue()


def jpeg_mit_exif() -> bytes:
    puffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "GeheimeKamera"  # Make
    exif[0x0131] = "Standortsoftware 1.0"  # Software
    Image.new("RGB", (50, 40), (10, 120, 60)).save(puffer, "JPEG", exif=exif)
    return puffer.getvalue()


def _chunk(art: bytes, daten: bytes) -> bytes:
    return (
        struct.pack(">I", len(daten))
        + art
        + daten
        + struct.pack(">I", zlib.crc32(art + daten) & 0xFFFFFFFF)
    )


def png_bombe(breite: int = 20_000, hoehe: int = 20_000) -> bytes:
    """A few dozen bytes whose header claims a huge canvas (built by hand: instant)."""
    ihdr = struct.pack(">IIBBBBB", breite, hoehe, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)
HTML_NUTZLAST = b"<html><script>alert('hallo')</script></html>"


def hochladen(inhalt: bytes, name: str = "bild.png", typ: str = "image/png"):
    return SimpleUploadedFile(name, inhalt, content_type=typ)
