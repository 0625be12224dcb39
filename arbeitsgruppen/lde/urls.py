from django.urls import path

from arbeitsgruppen.lde import views

app_name = "lde"

urlpatterns = [
    path("", views.projekte, name="projekte"),
    path("bedarfe/", views.bedarfe, name="bedarfe"),
    path("bedarfe/neu/", views.bedarf_neu, name="bedarf_neu"),
    path("bedarfe/<int:pk>/", views.bedarf, name="bedarf"),
    path("bedarfe/<int:pk>/bearbeiten/", views.bedarf_bearbeiten, name="bedarf_bearbeiten"),
    path("projekte/neu/", views.projekt_neu, name="projekt_neu"),
    path("projekte/<int:pk>/", views.projekt, name="projekt"),
    path("projekte/<int:pk>/plan/", views.plan, name="plan"),
    path("projekte/<int:pk>/bearbeiten/", views.projekt_bearbeiten, name="projekt_bearbeiten"),
    path("projekte/<int:pk>/phasen/", views.phasen, name="phasen"),
    path("projekte/<int:pk>/standards/", views.standards, name="standards"),
    path("projekte/<int:pk>/reflexion/", views.reflexion, name="reflexion"),
    path("projekte/<int:pk>/abschliessen/", views.abschliessen, name="abschliessen"),
    path("projekte/<int:pk>/urkunde/", views.urkunde, name="urkunde"),
    path("auswertung/", views.auswertung, name="auswertung"),
    path("auswertung.csv", views.auswertung_csv, name="auswertung_csv"),
]
