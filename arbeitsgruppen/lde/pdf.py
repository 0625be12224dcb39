"""The class's certificate as an A4 PDF, rendered from HTML and CSS by WeasyPrint.

As for the Marktplatz agreement: WeasyPrint is imported only when a PDF is asked for, and it
may read no URL at all, so no request leaves the server. The pupils' names (if any) exist
only in the template context of this one call.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

STYLESHEET = "lde/urkunde-pdf.css"


def _nichts_laden(url: str, *args, **kwargs):
    from weasyprint.urls import URLFetchingError

    raise URLFetchingError(f"external resource refused: {url}")


def urkunde_als_pdf(kontext: dict) -> bytes:
    """Render lde/urkunde_pdf.html to PDF bytes: one page per name (or one for the class)."""
    import weasyprint

    html = render_to_string("lde/urkunde_pdf.html", kontext)
    css = weasyprint.CSS(filename=str(Path(finders.find(STYLESHEET))), url_fetcher=_nichts_laden)
    dokument = weasyprint.HTML(string=html, base_url=settings.SITE_URL, url_fetcher=_nichts_laden)
    return dokument.write_pdf(stylesheets=[css])
