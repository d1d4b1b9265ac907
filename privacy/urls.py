from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("account/data/", views.data_export, name="export"),
    path("account/data/<uuid:pk>/", views.export_download, name="export-download"),
    path("account/delete/", views.account_delete, name="account-delete"),
    path("account/deleted/", views.account_deleted, name="account-deleted"),
]
