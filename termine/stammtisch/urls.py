from django.urls import path

from termine.stammtisch import views

app_name = "stammtisch"

urlpatterns = [
    path("", views.uebersicht, name="uebersicht"),
    path("treffen/<int:pk>/", views.detail, name="detail"),
    path("treffen/<int:pk>/antwort/", views.antworten, name="antworten"),
    path("treffen/<int:pk>/thema/", views.thema, name="thema"),
    path("treffen/<int:pk>/tagesordnung/", views.tagesordnung, name="tagesordnung"),
    path("treffen/<int:pk>/kalender.ics", views.ics, name="ics"),
    path("antwort/<str:token>/", views.antwort_per_link, name="antwort"),
    path("gastgeber/<str:token>/", views.gastgeber, name="gastgeber"),
    path("protokoll/<int:pk>/", views.protokoll, name="protokoll"),
    path("<slug:slug>/", views.reihe, name="reihe"),
    path("<slug:slug>/geschichte/", views.geschichte, name="geschichte"),
]
