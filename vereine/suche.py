"""Searching the directory of Akteure: whole words, not letters inside other words.

"Sport" finds the SV with the topic Sport and the Sportverein, but not the Autohaus that
lends a "Transporter": a search word must match the beginning of a word.

- **PostgreSQL**: full-text search with the German dictionary (stemming: "Chöre" finds
  "Chor", stop words such as "und" are ignored), each search word as a prefix
  (``'sport':*`` finds "Sportverein"), over name (weight A), topics and short description
  (B) and description (C); results ordered by :class:`SearchRank`, then by name. The
  vector is computed per query: for a directory of a few hundred Akteure that takes
  milliseconds and needs no index or extension.
- **SQLite** (development, small installations): every search word must start a word in
  name, short description, description or a topic name (a regular expression with a word
  boundary, case-insensitive also for umlauts); Akteure with a hit in the name come first.
  No stemming there.

Several words narrow the search (all must match). Punctuation is ignored; a search without
any letter or digit finds nothing.
"""

from __future__ import annotations

import re

from django.db import connections
from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    StringAgg,
    Subquery,
    Value,
    When,
)

from vereine.models import Akteur

# Letters and digits only: nothing that means something in a tsquery or a pattern.
WORT = re.compile(r"[^\W_]+")
HOECHSTENS_WOERTER = 8


def suchwoerter(text: str) -> list[str]:
    """The words of a search, lower case, at most :data:`HOECHSTENS_WOERTER`."""
    return [w.lower() for w in WORT.findall(text or "")][:HOECHSTENS_WOERTER]


def akteure_suchen(queryset: QuerySet, text: str) -> QuerySet:
    """Akteure of `queryset` that match every word of `text`, best first. No side effects."""
    woerter = suchwoerter(text)
    if not woerter:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        return _volltext(queryset, woerter)
    return _wortanfang(queryset, woerter)


def _themen_text() -> Subquery:
    """The names of an Akteur's topics as one text (a subquery: no join, no repeated rows)."""
    return Subquery(
        Akteur.themen.through.objects.filter(akteur=OuterRef("pk"))
        .order_by()
        .values("akteur")
        .annotate(text=StringAgg("thema__name", delimiter=Value(" ")))
        .values("text")
    )


def _volltext(queryset: QuerySet, woerter: list[str]) -> QuerySet:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vektor = (
        SearchVector("name", weight="A", config="german")
        + SearchVector(_themen_text(), weight="B", config="german")
        + SearchVector("kurzbeschreibung", weight="B", config="german")
        + SearchVector("beschreibung", weight="C", config="german")
    )
    # Each word quoted and as a prefix; to_tsquery stems it with the German dictionary.
    anfrage = SearchQuery(
        " & ".join(f"'{wort}':*" for wort in woerter), config="german", search_type="raw"
    )
    return (
        queryset.annotate(suchtext=vektor)
        .filter(suchtext=anfrage)
        .annotate(suchrang=SearchRank(F("suchtext"), anfrage))
        .order_by("-suchrang", "name")
    )


def _wortanfang(queryset: QuerySet, woerter: list[str]) -> QuerySet:
    im_namen = Q()
    for wort in woerter:
        muster = r"\b" + re.escape(wort)
        thema_passt = Exists(
            Akteur.themen.through.objects.filter(akteur=OuterRef("pk"), thema__name__iregex=muster)
        )
        queryset = queryset.filter(
            Q(name__iregex=muster)
            | Q(kurzbeschreibung__iregex=muster)
            | Q(beschreibung__iregex=muster)
            | thema_passt
        )
        im_namen &= Q(name__iregex=muster)
    return queryset.annotate(
        suchrang=Case(When(im_namen, then=Value(1)), default=Value(0))
    ).order_by("-suchrang", "name")
