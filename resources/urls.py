from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("", views.resource_list, name="resource-list"),
    path("<slug:slug>/", views.resource_detail, name="resource-detail"),
    path("<slug:slug>/visit/", views.resource_visit, name="resource-visit"),
]
