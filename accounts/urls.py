from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("preferences/text-size/", views.text_size, name="text-size"),
    path("preferences/contrast/", views.contrast, name="contrast"),
    path("account/verification/", views.verification, name="verification"),
    path(
        "account/verification/<int:pk>/withdraw/",
        views.verification_withdraw,
        name="verification-withdraw",
    ),
    path("account/health-data/", views.health_consent, name="health-consent"),
    path(
        "account/health-data/withdraw/",
        views.health_consent_withdraw,
        name="health-consent-withdraw",
    ),
]
