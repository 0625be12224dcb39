from django.urls import path

from vereine import views

app_name = "vereine"

# Fixed words come before `<slug>`; services.RESERVIERTE_SLUGS keeps actors from taking them.
urlpatterns = [
    path("", views.liste, name="liste"),
    path("mitmachen/", views.gesuche, name="gesuche"),
    path("mitmachen/<int:pk>/", views.gesuch, name="gesuch"),
    path("vorschlagen/", views.vorschlagen, name="vorschlagen"),
    path("einladung/<str:token>/", views.einladung, name="einladung"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/bearbeiten/", views.bearbeiten, name="bearbeiten"),
    path("<slug:slug>/mitglieder/", views.mitglieder, name="mitglieder"),
    path("<slug:slug>/mitglieder/<int:pk>/rolle/", views.mitglied_rolle, name="mitglied_rolle"),
    path(
        "<slug:slug>/mitglieder/<int:pk>/entfernen/",
        views.mitglied_entfernen,
        name="mitglied_entfernen",
    ),
    path(
        "<slug:slug>/einladungen/<int:pk>/zurueckziehen/",
        views.einladung_zurueckziehen,
        name="einladung_zurueckziehen",
    ),
    path("<slug:slug>/gesuche/", views.eigene_gesuche, name="eigene_gesuche"),
    path("<slug:slug>/gesuche/neu/", views.gesuch_bearbeiten, name="gesuch_neu"),
    path(
        "<slug:slug>/gesuche/<int:pk>/bearbeiten/",
        views.gesuch_bearbeiten,
        name="gesuch_bearbeiten",
    ),
    path(
        "<slug:slug>/gesuche/<int:pk>/rueckmeldungen/",
        views.rueckmeldungen,
        name="rueckmeldungen",
    ),
    path(
        "<slug:slug>/rueckmeldungen/<int:pk>/status/",
        views.rueckmeldung_status,
        name="rueckmeldung_status",
    ),
    path(
        "<slug:slug>/rueckmeldungen/<int:pk>/antworten/",
        views.rueckmeldung_antworten,
        name="rueckmeldung_antworten",
    ),
]
