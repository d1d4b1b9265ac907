from django.apps import apps
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from accounts import views as account_views
from core import views as site_views
from core.sitemaps import StaticPagesSitemap
from forum.sitemaps import ForumSitemap, TagSitemap, ThreadSitemap
from resources.sitemaps import ResourceSitemap
from sitepages.sitemaps import SitePageSitemap

admin.site.site_header = "Health Forum administration"
admin.site.site_title = "Health Forum admin"
admin.site.index_title = "Community and content"
# Staff sign in through the site's log-in and its limits (accounts/adapter.py).
admin.site.login = account_views.admin_login

# sitemap.xml is an index of these sections, each split into pages of at
# most 50,000 addresses (/sitemap-threads.xml?p=2). Classes, so that each
# request has its own; the static pages' list holds no state.
sitemaps = {
    "pages": StaticPagesSitemap(["forum:index", "resources:resource-list"]),
    "about": SitePageSitemap,
    "forums": ForumSitemap,
    "threads": ThreadSitemap,
    "tags": TagSitemap,
    "resources": ResourceSitemap,
}

urlpatterns = [
    path("healthz", site_views.healthz, name="healthz"),
    path("robots.txt", site_views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    # Sign-up with the site's own limit per address (accounts.views).
    path("accounts/signup/", account_views.SignupView.as_view(), name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("", include("sitepages.urls")),
    path("", include("accounts.urls")),
    path("", include("forum.urls")),
    path("resources/", include("resources.urls")),
    path("notifications/", include("notifications.urls")),
    path("", include("privacy.urls")),
    path("safety/", include("safety.urls")),
]

if settings.DEBUG:
    # Uploaded images; in production the web server or object storage serves them.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if apps.is_installed("bench"):
    # The benchmark's floor views (DJANGO_BENCH=1); never mounted otherwise.
    urlpatterns += [path("bench/", include("bench.urls"))]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
