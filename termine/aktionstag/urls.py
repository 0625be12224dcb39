from django.urls import path

from termine.aktionstag import koordination, views

app_name = "aktionstag"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("<int:pk>/", views.programm, name="programm"),
    path("<int:pk>/programm.pdf", views.programm_pdf, name="programm_pdf"),
    path("<int:pk>/stationen.ics", views.feed, name="feed"),
    path("<int:pk>/station/", views.station_neu, name="station_neu"),
    path("station/<int:pk>/bearbeiten/", views.station_bearbeiten, name="station_bearbeiten"),
    path("station/<int:pk>/helfer/", koordination.helferliste, name="helferliste"),
    path("station/<int:pk>/helfer.csv", koordination.helferliste_csv, name="helferliste_csv"),
    path("schicht/<int:pk>/", views.helfen, name="helfen"),
    path("einsatz/<int:pk>/absagen/", views.absagen, name="absagen"),
    path("einsatz/<int:pk>/zeugnis/", koordination.zeugnis, name="zeugnis"),
    path("bestaetigen/<str:token>/", views.gast_bestaetigen, name="gast_bestaetigen"),
    path("absagen/<str:token>/", views.gast_absagen, name="gast_absagen"),
    path("<int:pk>/koordination/", koordination.uebersicht, name="koordination"),
    path("<int:pk>/koordination/helfer.csv", koordination.helfer_csv, name="helfer_csv"),
]
