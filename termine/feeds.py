"""RSS and Atom feeds of newly published public dates (for news readers and websites)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from netzwerk.models import Netzwerkprofil
from termine.models import Termin

ANZAHL = 30


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
        start = timezone.localtime(item.start)
        titel = f"{start:%d.%m.%Y}: {item.titel}"
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
