"""One pagination for every list page.

Views cut their list with :func:`blaettern` and hand the page to the template as `seite`;
the partial `templates/_seiten.html` draws the links and keeps the other query parameters
(filters), so a list never builds page links by hand. The page number travels as `?seite=`.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PRO_SEITE = 20
PARAMETER = "seite"


def blaettern(request: HttpRequest, objekte, *, pro_seite: int = PRO_SEITE) -> Page:
    """The page of `objekte` that `?seite=` asks for; the first or last for a bad number."""
    return Paginator(objekte, pro_seite).get_page(request.GET.get(PARAMETER))


def letzte_seite(objekte, *, pro_seite: int = PRO_SEITE) -> int:
    """The number of the last page (e.g. to jump to a new post at the end of a thread)."""
    return Paginator(objekte, pro_seite).num_pages
