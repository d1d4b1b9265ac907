from django.urls import path

from . import views

app_name = "safety"

urlpatterns = [
    path("check/", views.compose_check, name="compose-check"),
]
