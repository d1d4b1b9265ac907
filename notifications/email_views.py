"""E-mail preferences and the one-click unsubscribe."""

urlpatterns = []
