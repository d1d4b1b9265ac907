"""A member's data page (download it all) and deleting their account."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import export, services
from .forms import DeleteAccountForm
from .models import DataExport
from .ratelimit import is_rate_limited


def _file(content: str, made_at) -> HttpResponse:
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{export.filename(made_at)}"'
    )
    return response


def _data_page(request, *, status: int = 200, limited: bool = False):
    exports = DataExport.objects.current().filter(member=request.user).defer("content")
    context = {
        "exports": exports,
        "limited": limited,
        "inline_limit": settings.PRIVACY_EXPORT_INLINE_LIMIT,
        "export_days": settings.PRIVACY_EXPORT_DAYS,
    }
    return render(request, "privacy/data_export.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def data_export(request):
    member = request.user
    if not services.can_export(member):
        raise PermissionDenied
    if request.method == "GET":
        return _data_page(request)
    if is_rate_limited(member, "export"):
        return _data_page(request, status=429, limited=True)
    if export.is_large(member):
        services.request_export(member=member)
        messages.success(
            request,
            "We are preparing your file. We will e-mail you a link to download "
            "it when it is ready, usually within a few minutes.",
        )
        return redirect("privacy:export")
    return _file(export.export_json(member), timezone.now())


@never_cache
@login_required
@require_GET
def export_download(request, pk):
    # Only its own member, logged in, finds it: anyone else gets a 404.
    prepared = get_object_or_404(DataExport, pk=pk, member=request.user)
    if prepared.is_expired:
        return render(request, "privacy/export_expired.html", status=410)
    if not prepared.is_ready:
        messages.info(request, "Your file is not ready yet; we will e-mail you.")
        return redirect("privacy:export")
    return _file(prepared.content, prepared.ready_at)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    member = request.user
    if not services.can_delete_account(member):
        raise PermissionDenied
    form = DeleteAccountForm(request.POST or None, member=member)
    status = 200
    if request.method == "POST":
        if is_rate_limited(member, "delete"):
            form.is_valid()  # Keep the choice made, shown again.
            status = 429
        elif form.is_valid():
            services.delete_account(member=member, remove_posts=form.remove_posts)
            logout(request)
            return redirect("privacy:account-deleted")
    context = {"form": form, "limited": status == 429}
    return render(request, "privacy/account_delete.html", context, status=status)


@require_GET
def account_deleted(request):
    return render(request, "privacy/account_deleted.html")
