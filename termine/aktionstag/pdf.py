"""The programme as an A4 PDF, rendered from HTML and CSS by WeasyPrint (imported only when
a PDF is asked for, like the Ferienkalender's leaflet). WeasyPrint may only read our own
static files; any other URL is refused."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

STYLESHEET = "termine/aktionstag-programm.css"


def _nur_eigene_dateien(url: str, *args, **kwargs):
    from weasyprint.urls import URLFetchingError

    raise URLFetchingError(f"external resource refused: {url}")


def programm_als_pdf(kontext: dict) -> bytes:
    """Render termine/aktionstag/programm_pdf.html to PDF bytes."""
    import weasyprint

    html = render_to_string("termine/aktionstag/programm_pdf.html", kontext)
    css = weasyprint.CSS(
        filename=str(Path(finders.find(STYLESHEET))), url_fetcher=_nur_eigene_dateien
    )
    dokument = weasyprint.HTML(
        string=html, base_url=settings.SITE_URL, url_fetcher=_nur_eigene_dateien
    )
    return dokument.write_pdf(stylesheets=[css])
