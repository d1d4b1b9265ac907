from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Health Forum administration"
admin.site.site_title = "Health Forum admin"
admin.site.index_title = "Community and content"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("forum.urls")),
]
