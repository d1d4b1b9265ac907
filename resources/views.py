from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode

from core.pagecache import anonymous_page_cache
from forum.models import Forum, Thread

from . import services
from .models import Resource
from .viewcounts import count_view

RESOURCES_PER_PAGE = 12
RELATED_RESOURCES = 4
RELATED_THREADS = 5


def _get_resource(request, slug, queryset=None) -> Resource:
    """Return the resource readers asked for; staff also get unpublished ones."""
    resources = queryset if queryset is not None else Resource.objects.all()
    if not services.can_preview(request.user):
        resources = resources.published()
    return get_object_or_404(resources, slug=slug)


# Resources change only through staff, which touches the whole site; a
# scheduled resource appears once the stored page expires.
@anonymous_page_cache(params=("forum", "topic", "page"))
def resource_list(request):
    forums = list(Forum.objects.all())
    forum = next((f for f in forums if f.slug == request.GET.get("forum")), None)
    topic = request.GET.get("topic", "").strip()[:100]
    resources = Resource.objects.published().for_forum(forum).for_list()
    if topic:
        resources = resources.filter(tags__name__iexact=topic)
    page = Paginator(resources, RESOURCES_PER_PAGE).get_page(request.GET.get("page"))
    filters = {"forum": forum.slug if forum else "", "topic": topic}
    context = {
        "page_obj": page,
        "resources": page.object_list,
        "forums": forums,
        "forum_filter": forum,
        "topics": Resource.objects.published().topics(),
        "topic": topic,
        "page_query": urlencode({k: v for k, v in filters.items() if v}),
    }
    return render(request, "resources/resource_list.html", context)


def resource_detail(request, slug):
    resource = _get_resource(request, slug, Resource.objects.for_detail())
    tags = list(resource.tags.all())
    threads = (
        Thread.objects.for_list()
        .filter(tags__in=tags)
        .distinct()
        .order_by("-last_activity_at", "-id")[:RELATED_THREADS]
        if tags
        else []
    )
    context = {
        "resource": resource,
        "tags": tags,
        "related": Resource.objects.published().related_to(resource)[
            :RELATED_RESOURCES
        ],
        "threads": threads,
    }
    response = render(request, "resources/resource_detail.html", context)
    count_view(request, response, resource)
    return response


def resource_visit(request, slug):
    """Send the reader to the external article staff entered, counting the visit.

    The address is only ever the stored one: nothing in the request can
    change where this redirects.
    """
    resource = _get_resource(request, slug)
    if not resource.external_url:
        raise Http404("This resource is an article on this site.")
    response = HttpResponseRedirect(resource.external_url)
    count_view(request, response, resource)
    return response
