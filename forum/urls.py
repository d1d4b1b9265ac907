from django.urls import path

from . import endorsement_views, feeds, outcome_views, views

app_name = "forum"

urlpatterns = [
    path("", views.forum_index, name="index"),
    path("ask/", views.thread_create, name="thread-create"),
    path("ask/similar/", views.similar_questions, name="similar-questions"),
    path("search/", views.search, name="search"),
    path("forums/<slug:slug>/", views.forum_detail, name="forum-detail"),
    path("forums/<slug:slug>/feed/", feeds.ForumQuestionsFeed(), name="forum-feed"),
    # taggit's slugs keep non-ASCII letters, which <slug:> would refuse.
    path("tags/<str:slug>/", views.tag_detail, name="tag"),
    path("tags/<str:slug>/feed/", feeds.TagQuestionsFeed(), name="tag-feed"),
    path("threads/<int:pk>/<slug:slug>/", views.thread_detail, name="thread-detail"),
    path(
        "threads/<int:pk>/<slug:slug>/feed/",
        feeds.ThreadResponsesFeed(),
        name="thread-feed",
    ),
    path(
        "threads/<int:pk>/<slug:slug>/reply/", views.reply_create, name="reply-create"
    ),
    path("threads/<int:pk>/<slug:slug>/edit/", views.thread_edit, name="thread-edit"),
    path(
        "threads/<int:pk>/<slug:slug>/visibility/",
        views.thread_visibility,
        name="thread-visibility",
    ),
    path(
        "threads/<int:pk>/<slug:slug>/delete/",
        views.thread_delete,
        name="thread-delete",
    ),
    path(
        "threads/<int:pk>/<slug:slug>/report/",
        views.post_report,
        {"kind": "thread"},
        name="thread-report",
    ),
    path("replies/<int:pk>/vote/", views.reply_vote, name="reply-vote"),
    # Endorsements by professionals, and the asker's outcome and marks.
    path(
        "replies/<int:pk>/endorse/",
        endorsement_views.reply_endorse,
        name="reply-endorse",
    ),
    path("replies/<int:pk>/helped/", outcome_views.reply_helped, name="reply-helped"),
    path(
        "threads/<int:pk>/<slug:slug>/outcome/",
        outcome_views.thread_outcome,
        name="thread-outcome",
    ),
    path(
        "replies/<int:pk>/report/",
        views.post_report,
        {"kind": "reply"},
        name="reply-report",
    ),
    path("replies/<int:pk>/edit/", views.reply_edit, name="reply-edit"),
    path("replies/<int:pk>/delete/", views.reply_delete, name="reply-delete"),
    path("members/<str:username>/", views.member_detail, name="member-detail"),
]
