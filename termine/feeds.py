"""Feeds: how every subscribable iCal feed is served, and RSS/Atom of new public dates.

`ical_feed` is the one mechanism behind all iCal feeds (the calendar's under /termine/ical/,
the personal one, the Ferienkalender's): ETag and Last-Modified for conditional GET, and the
finished text cached under its ETag. A feed only says what its state is made of and how
its calendar is built.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from netzwerk.models import Netzwerkprofil
from netzwerk.zeit import kurzes_datum
from termine import ical
from termine.models import Termin

ANZAHL = 30
ICAL_CACHE_SEKUNDEN = 24 * 60 * 60
# The texts this process served last, by ETag: a big feed (ten times the demo data: 700 KB)
# is read from the shared cache once per change, not once per request.
_ZULETZT: OrderedDict[str, bytes] = OrderedDict()
ZULETZT_ANZAHL = 8


@dataclass(frozen=True)
class Stand:
    """What an iCal feed's ETag and Last-Modified are made of.

    `fingerabdruck` is anything whose repr changes whenever anything in the feed changes,
    appears or goes (usually a few aggregates); `zuletzt` the latest change (Last-Modified);
    `privat` keeps shared caches from storing the feed (personal feeds, previews).
    """

    fingerabdruck: object
    zuletzt: datetime | None
    privat: bool = False


def ical_feed(
    stand: Callable[..., Stand], bauen: Callable[..., bytes], *, dateiname: str
) -> Callable[..., HttpResponse]:
    """A subscribable iCal feed view: ETag/Last-Modified (304 on conditional GET), cached text.

    `stand(request, **kwargs)` gives the feed's `Stand` or raises Http404; it runs once per
    request. `bauen(request, **kwargs)` gives the calendar's bytes; it runs only when neither
    the client nor the cache holds the current text. `dateiname` may name the URL's
    arguments: "ferienkalender-{zeitraum}.ics".
    """

    def _stand(request: HttpRequest, **kwargs) -> Stand:
        # ETag, Last-Modified and the view all need it: computed once per request.
        if not hasattr(request, "_ical_feed_stand"):
            request._ical_feed_stand = stand(request, **kwargs)
        return request._ical_feed_stand

    def etag(request: HttpRequest, **kwargs) -> str:
        fingerabdruck = _stand(request, **kwargs).fingerabdruck
        roh = repr((ical.FORMAT, fingerabdruck, request.path, get_language()))
        return hashlib.sha256(roh.encode()).hexdigest()[:32]

    def last_modified(request: HttpRequest, **kwargs) -> datetime | None:
        return _stand(request, **kwargs).zuletzt

    @condition(etag_func=etag, last_modified_func=last_modified)
    def view(request: HttpRequest, **kwargs) -> HttpResponse:
        # Building a big calendar costs seconds; the ETag already says whether anything in it
        # changed, so the finished text is cached under it (first subscribers after a change
        # pay once, everybody else gets it from the cache or a 304).
        schluessel = "ical-feed:" + etag(request, **kwargs)
        inhalt = _ZULETZT.get(schluessel) or cache.get(schluessel)
        if inhalt is None:
            inhalt = bauen(request, **kwargs)
            cache.set(schluessel, inhalt, ICAL_CACHE_SEKUNDEN)
        _ZULETZT[schluessel] = inhalt
        _ZULETZT.move_to_end(schluessel)
        while len(_ZULETZT) > ZULETZT_ANZAHL:
            _ZULETZT.popitem(last=False)
        antwort = HttpResponse(inhalt, content_type="text/calendar; charset=utf-8")
        antwort["Content-Disposition"] = f'inline; filename="{dateiname.format(**kwargs)}"'
        privat = _stand(request, **kwargs).privat
        antwort["Cache-Control"] = "private, max-age=300" if privat else "public, max-age=300"
        return antwort

    return view


class NeueTermineRss(Feed):
    """The newest public dates, newest first (by when they were entered)."""

    def title(self) -> str:
        return _("New dates – %(netz)s") % {"netz": Netzwerkprofil.aktuell().name}

    def link(self) -> str:
        return reverse("termine:liste")

    def description(self) -> str:
        return _("Dates newly entered in the shared calendar of the network.")

    def items(self):
        return (
            Termin.objects.oeffentlich()
            .select_related("ortsteil")
            .prefetch_related("veranstalter")
            .order_by("-erstellt", "-pk")[:ANZAHL]
        )

    def item_title(self, item: Termin) -> str:
        titel = f"{kurzes_datum(item.start)}: {item.titel}"
        if item.abgesagt:
            titel = _("Cancelled: %(titel)s") % {"titel": titel}
        return titel

    def item_description(self, item: Termin) -> str:
        teile = []
        if item.abgesagt and item.absage_grund:
            teile.append(item.absage_grund)
        if item.beschreibung:
            teile.append(item.beschreibung)
        veranstalter = ", ".join(a.name for a in item.veranstalter.all())
        if veranstalter:
            teile.append(veranstalter)
        return "\n\n".join(teile)

    def item_pubdate(self, item: Termin):
        return item.erstellt

    def item_updateddate(self, item: Termin):
        return item.geaendert

    def item_guid(self, item: Termin) -> str:
        return f"urn:uuid:{item.uid}"

    item_guid_is_permalink = False

    def item_categories(self, item: Termin):
        return [item.get_kategorie_display()]


class NeueTermineAtom(NeueTermineRss):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()
