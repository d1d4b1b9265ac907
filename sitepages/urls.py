from django.urls import path

from . import views
from .models import SitePage

app_name = "sitepages"

urlpatterns = [
    path(f"{slug}/", views.page, {"slug": slug}, name=slug)
    for slug in SitePage.Slug.values
]
