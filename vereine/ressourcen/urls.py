from django.urls import path

from vereine.ressourcen import views

app_name = "ressourcen"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("meine/", views.meine, name="meine"),
    path("neu/<slug:slug>/", views.neu, name="neu"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/anfragen/", views.anfragen, name="anfragen"),
    path("<int:pk>/bearbeiten/", views.bearbeiten, name="bearbeiten"),
    path("<int:pk>/zustand/", views.zustand, name="zustand"),
    path("ausleihe/<int:pk>/", views.ausleihe, name="ausleihe"),
    path("ausleihe/<int:pk>/zurueckziehen/", views.zurueckziehen, name="zurueckziehen"),
    path("ausleihe/<int:pk>/uebergabe/", views.uebergabe, name="uebergabe"),
    path("ical/<slug:slug>/<str:token>.ics", views.feed, name="feed"),
]
