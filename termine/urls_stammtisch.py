from django.urls import path
from django.views.generic import TemplateView

app_name = "stammtisch"

# Filled by the Vereinsstammtisch issue.
urlpatterns = [
    path("", TemplateView.as_view(template_name="netzwerk/bald.html"), name="uebersicht"),
]
