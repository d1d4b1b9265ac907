from django.urls import path

from . import views

app_name = "forum"

urlpatterns = [
    path("", views.forum_index, name="index"),
    path("ask/", views.thread_create, name="thread-create"),
    path("search/", views.search, name="search"),
    path("forums/<slug:slug>/", views.forum_detail, name="forum-detail"),
    path("threads/<int:pk>/<slug:slug>/", views.thread_detail, name="thread-detail"),
    path(
        "threads/<int:pk>/<slug:slug>/reply/", views.reply_create, name="reply-create"
    ),
    path("replies/<int:pk>/vote/", views.reply_vote, name="reply-vote"),
    path("members/<str:username>/", views.member_detail, name="member-detail"),
]
