"""The floor views, mounted at /bench/ only while the bench app is installed."""

from django.urls import path

from . import views

app_name = "bench"

urlpatterns = [
    path("floor/bytes/<int:size>/", views.floor_bytes, name="floor-bytes"),
    path("floor/pk/", views.floor_pk, name="floor-pk"),
    path(
        "floor/pk-new-connection/",
        views.floor_pk_new_connection,
        name="floor-pk-new-connection",
    ),
]
