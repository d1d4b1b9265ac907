"""The notifications page, marking read, following and unfollowing."""

urlpatterns = []
