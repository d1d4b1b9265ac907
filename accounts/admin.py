from django.contrib import admin
from django.contrib.auth import admin as auth_admin

from .models import User


@admin.register(User)
class UserAdmin(auth_admin.UserAdmin):
    list_display = (
        "username",
        "email",
        "is_medical_professional",
        "is_staff",
        "is_active",
        "date_joined",
    )
    list_filter = ("is_medical_professional", "is_staff", "is_active", "date_joined")
    readonly_fields = (
        "is_medical_professional",
        "professional_title",
        "last_login",
        "date_joined",
    )
    fieldsets = (
        *auth_admin.UserAdmin.fieldsets,
        (
            "Professional badge",
            {"fields": ("is_medical_professional", "professional_title")},
        ),
    )
    ordering = ("-date_joined",)
