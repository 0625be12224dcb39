from django.urls import path

from arbeitsgruppen import views

app_name = "arbeitsgruppen"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("meine-aufgaben/", views.meine_aufgaben, name="meine_aufgaben"),
    path("einladung/<str:token>/", views.einladung, name="einladung"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/beitreten/", views.beitreten, name="beitreten"),
    path("<slug:slug>/austreten/", views.austreten, name="austreten"),
    path("<slug:slug>/benachrichtigungen/", views.benachrichtigung, name="benachrichtigung"),
    path("<slug:slug>/mitglieder/", views.mitglieder, name="mitglieder"),
    path(
        "<slug:slug>/anfragen/<int:pk>/",
        views.anfrage_entscheiden,
        name="anfrage_entscheiden",
    ),
    path("<slug:slug>/mitglieder/<int:pk>/rolle/", views.rolle, name="rolle"),
    path("<slug:slug>/vorhaben/", views.vorhaben_liste, name="vorhaben_liste"),
    path("<slug:slug>/vorhaben/neu/", views.vorhaben_bearbeiten, name="vorhaben_neu"),
    path("<slug:slug>/vorhaben/<int:pk>/", views.vorhaben, name="vorhaben"),
    path(
        "<slug:slug>/vorhaben/<int:pk>/bearbeiten/",
        views.vorhaben_bearbeiten,
        name="vorhaben_bearbeiten",
    ),
    path("<slug:slug>/aufgaben/", views.aufgaben, name="aufgaben"),
    path("<slug:slug>/aufgaben/neu/", views.aufgabe_bearbeiten, name="aufgabe_neu"),
    path(
        "<slug:slug>/aufgaben/<int:pk>/bearbeiten/",
        views.aufgabe_bearbeiten,
        name="aufgabe_bearbeiten",
    ),
    path("<slug:slug>/aufgaben/<int:pk>/status/", views.aufgabe_status, name="aufgabe_status"),
    path("<slug:slug>/dokumente/", views.dokumente, name="dokumente"),
    path("<slug:slug>/dokumente/neu/", views.dokument_neu, name="dokument_neu"),
    path("<slug:slug>/dokumente/<int:pk>/", views.dokument, name="dokument"),
    path(
        "<slug:slug>/dokumente/datei/<int:pk>/",
        views.herunterladen,
        name="herunterladen",
    ),
    path("<slug:slug>/diskussion/", views.diskussion, name="diskussion"),
    path("<slug:slug>/diskussion/neu/", views.thread_neu, name="thread_neu"),
    path("<slug:slug>/diskussion/<int:pk>/", views.thread, name="thread"),
    path(
        "<slug:slug>/diskussion/beitrag/<int:pk>/bearbeiten/",
        views.beitrag_bearbeiten,
        name="beitrag_bearbeiten",
    ),
]
