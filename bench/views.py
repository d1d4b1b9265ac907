"""The floor: what the cheapest possible pages cost on the same stack.

Each view goes through the full middleware stack and gunicorn like any
page, so a page's latency divided by a floor's is the share of the cost
that the page itself adds, whatever the machine.
"""

import psycopg
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

# Prebuilt bodies, one per requested size, built once per process.
_BODIES: dict[int, bytes] = {}
MAX_FLOOR_BYTES = 4 * 1024 * 1024
_FILLER = b"<p>The floor of the benchmark: a prebuilt page body.</p>\n"


def _body(size: int) -> bytes:
    body = _BODIES.get(size)
    if body is None:
        body = (_FILLER * (size // len(_FILLER) + 1))[:size]
        _BODIES[size] = body
    return body


def _member_pk(request) -> int:
    try:
        return int(request.GET.get("pk", "1"))
    except ValueError:
        return 1


def _pk_query(pk: int):
    return get_user_model().objects.filter(pk=pk)


@require_safe
def floor_bytes(request, size):
    """Return a prebuilt body of size bytes; no query, no template."""
    if size > MAX_FLOOR_BYTES:
        raise Http404
    return HttpResponse(_body(size), content_type="text/html; charset=utf-8")


@require_safe
def floor_pk(request):
    """Fetch one member by primary key over the usual (pooled) connection."""
    member = _pk_query(_member_pk(request)).first()
    return HttpResponse(member.username if member else "-", content_type="text/plain")


@require_safe
def floor_pk_new_connection(request):
    """Run the same query as floor_pk over a connection opened for this request."""
    if connection.vendor != "postgresql":
        raise Http404("This floor is measured on PostgreSQL only.")
    queryset = _pk_query(_member_pk(request)).order_by("pk")[:1]
    sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    settings_dict = connection.settings_dict
    conninfo = {
        "dbname": settings_dict["NAME"],
        "user": settings_dict["USER"],
        "password": settings_dict["PASSWORD"],
        "host": settings_dict["HOST"],
        "port": settings_dict["PORT"],
    }
    with psycopg.connect(
        **{key: value for key, value in conninfo.items() if value}, autocommit=True
    ) as new_connection:
        row = new_connection.execute(sql, params).fetchone()
    # The row holds every concrete field, in declaration order.
    fields = [field.attname for field in get_user_model()._meta.concrete_fields]
    username = row[fields.index("username")] if row else "-"
    return HttpResponse(username, content_type="text/plain")
