from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Forum"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .pending import cast_pending_vote

        # Log-ins happen in allauth and Django's auth, code the forum does
        # not own; a vote left pending before logging in is cast then.
        user_logged_in.connect(cast_pending_vote, dispatch_uid="forum.pending_vote")

        from accounts.signals import badge_changed

        from .endorsements import badge_changed_receiver

        # Accounts sits below the forum and cannot call it: a professional's
        # endorsements count only while they hold the badge.
        badge_changed.connect(badge_changed_receiver, dispatch_uid="forum.endorsements")
