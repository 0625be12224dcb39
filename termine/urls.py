from django.urls import path

from termine import feeds, views, views_protokoll

app_name = "termine"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("monat/", views.monat, name="monat_aktuell"),
    path("monat/<int:jahr>/<int:monat>/", views.monat, name="monat"),
    path("tag/<int:jahr>/<int:monat>/<int:tag>/", views.tag, name="tag"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>.ics", views.termin_ics, name="ics"),
    # iCal feeds and the help page for subscribing
    path("abonnieren/", views.abonnieren, name="abonnieren"),
    path("ical/termine.ics", views.feed_alle, name="feed"),
    path("ical/akteur/<slug:slug>.ics", views.feed_akteur, name="feed_akteur"),
    path("ical/kategorie/<slug:kategorie>.ics", views.feed_kategorie, name="feed_kategorie"),
    path("ical/ortsteil/<slug:slug>.ics", views.feed_ortsteil, name="feed_ortsteil"),
    path("ical/gruppe/<slug:slug>.ics", views.feed_gruppe, name="feed_gruppe"),
    path("feed/<str:token>.ics", views.feed_persoenlich, name="feed_persoenlich"),
    path("rss/", feeds.NeueTermineRss(), name="rss"),
    path("atom/", feeds.NeueTermineAtom(), name="atom"),
    # Mein Bereich
    path("mein/", views.meine_termine, name="meine"),
    path("neu/", views.termin_neu, name="neu"),
    path("<int:pk>/bearbeiten/", views.termin_bearbeiten, name="bearbeiten"),
    path("<int:pk>/absagen/", views.termin_absagen, name="absagen"),
    path(
        "<int:pk>/protokoll/",
        views_protokoll.protokoll_bearbeiten,
        name="protokoll_bearbeiten",
    ),
    path("abgleich/", views.abgleich, name="abgleich"),
    path("feed-link/erneuern/", views.feed_token_erneuern, name="feed_token_erneuern"),
    # Koordination
    path("terminabgleich/", views.terminabgleich_uebersicht, name="terminabgleich"),
]
