from django.urls import path

from netzwerk.koordination import views

app_name = "koordination"

urlpatterns = [
    path("herausforderungen/", views.liste, name="liste"),
    path("herausforderungen/<int:pk>/", views.detail, name="detail"),
    path("bericht/", views.bericht, name="bericht"),
    path("bericht.csv", views.bericht_csv, name="bericht_csv"),
    path("bericht.pdf", views.bericht_pdf, name="bericht_pdf"),
    path("ueber-uns/", views.ueber_uns, name="ueber_uns"),
]
