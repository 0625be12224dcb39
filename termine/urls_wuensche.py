from django.urls import path
from django.views.generic import TemplateView

app_name = "wuensche"

# Filled by the Verlosung issue (wish phase).
urlpatterns = [
    path("", TemplateView.as_view(template_name="netzwerk/bald.html"), name="uebersicht"),
]
