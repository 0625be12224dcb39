from django.urls import path
from django.views.generic import TemplateView

app_name = "ferien"

# Filled by the Ferienkalender issue.
urlpatterns = [
    path("", TemplateView.as_view(template_name="netzwerk/bald.html"), name="kalender"),
]
