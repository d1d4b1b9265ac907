from . import email_views, views

app_name = "notifications"

# The member's notifications and follows (views), and their e-mail choices
# and one-click unsubscribe (email_views).
urlpatterns = [*views.urlpatterns, *email_views.urlpatterns]
