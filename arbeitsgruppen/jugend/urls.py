from django.urls import path

from arbeitsgruppen.jugend import views

app_name = "jugend"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("neu/", views.neu, name="neu"),
    path("profil/", views.profil, name="profil"),
    path("bestaetigen/<str:token>/", views.bestaetigen, name="bestaetigen"),
    path("moderation/", views.moderation, name="moderation"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/unterstuetzen/", views.unterstuetzen, name="unterstuetzen"),
    path("<int:pk>/zurueckziehen/", views.zurueckziehen, name="zurueckziehen"),
    path("<int:pk>/melden/", views.melden, name="melden"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/verstecken/", views.verstecken, name="verstecken"),
    path("<int:pk>/zustaendig/", views.zustaendig, name="zustaendig"),
    path("<int:pk>/vorhaben/", views.vorhaben, name="vorhaben"),
]
