from django.urls import path
from django.views.generic import TemplateView

app_name = "vereine"

# Filled by the Akteure issue.
urlpatterns = [
    path("", TemplateView.as_view(template_name="netzwerk/bald.html"), name="liste"),
    path("mitmachen/", TemplateView.as_view(template_name="netzwerk/bald.html"), name="gesuche"),
]
