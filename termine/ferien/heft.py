"""The printed leaflet as an A4 PDF, rendered from HTML and CSS by WeasyPrint.

WeasyPrint (and Pango below it) is imported here only, when a PDF is asked for, so the rest
of the portal runs on machines without Pango. The leaflet carries no images: schools print
it in black and white, and it stays small and fast (see benchmarks/ferien.py). WeasyPrint
may only read our own static files; any other URL is refused, so no request leaves the
server while the PDF is made.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

STYLESHEET = "termine/ferien-heft.css"


def _nur_eigene_dateien(url: str, *args, **kwargs):
    from weasyprint.urls import URLFetchingError

    raise URLFetchingError(f"external resource refused: {url}")


def heft_als_pdf(kontext: dict) -> bytes:
    """Render termine/ferien/heft_pdf.html to PDF bytes."""
    import weasyprint

    html = render_to_string("termine/ferien/heft_pdf.html", kontext)
    css_pfad = finders.find(STYLESHEET)
    css = weasyprint.CSS(filename=str(Path(css_pfad)), url_fetcher=_nur_eigene_dateien)
    dokument = weasyprint.HTML(
        string=html, base_url=settings.SITE_URL, url_fetcher=_nur_eigene_dateien
    )
    return dokument.write_pdf(stylesheets=[css])
