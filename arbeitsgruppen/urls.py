from django.urls import path
from django.views.generic import TemplateView

app_name = "arbeitsgruppen"

# Filled by the Arbeitsgruppen issue.
urlpatterns = [
    path("", TemplateView.as_view(template_name="netzwerk/bald.html"), name="liste"),
]
