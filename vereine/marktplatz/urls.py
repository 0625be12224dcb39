from django.urls import path

from vereine.marktplatz import views

app_name = "marktplatz"

urlpatterns = [
    path("", views.start, name="start"),
    path("eintrag/<int:pk>/", views.eintrag, name="eintrag"),
    path("statistik/", views.statistik_seite, name="statistik"),
    path("statistik.csv", views.statistik_csv, name="statistik_csv"),
    path("maerkte/<int:pk>/", views.markt, name="markt"),
    path("maerkte/<int:pk>/anmelden/", views.anmelden, name="anmelden"),
    path("maerkte/<int:pk>/abmelden/<slug:slug>/", views.abmelden, name="abmelden"),
    path("maerkte/<int:pk>/erfassen/", views.erfassen, name="erfassen"),
    path("maerkte/<int:pk>/live/", views.live, name="live"),
    path("vereinbarungen/<int:pk>/", views.vereinbarung, name="vereinbarung"),
    path("vereinbarungen/<int:pk>/pdf/", views.vereinbarung_pdf, name="vereinbarung_pdf"),
    path(
        "vereinbarungen/<int:pk>/bestaetigen/<str:seite>/",
        views.bestaetigen,
        name="bestaetigen",
    ),
    path(
        "vereinbarungen/<int:pk>/seite/<str:seite>/",
        views.seite_bearbeiten,
        name="seite_bearbeiten",
    ),
    path("vereinbarungen/<int:pk>/ergebnis/", views.ergebnis, name="ergebnis"),
    path("bestaetigen/<str:token>/", views.bestaetigen_link, name="bestaetigen_link"),
    path("akteur/<slug:slug>/", views.eigene, name="eigene"),
    path("akteur/<slug:slug>/neu/", views.eintrag_bearbeiten, name="eintrag_neu"),
    path(
        "akteur/<slug:slug>/<int:pk>/bearbeiten/",
        views.eintrag_bearbeiten,
        name="eintrag_bearbeiten",
    ),
]
