from django.urls import path
from django.views.generic import TemplateView

app_name = "termine"

# Filled by the Termine and Ferienkalender issues.
urlpatterns = [
    path("", TemplateView.as_view(template_name="netzwerk/bald.html"), name="liste"),
    path(
        "ferienkalender/",
        TemplateView.as_view(template_name="netzwerk/bald.html"),
        name="ferienkalender",
    ),
]
