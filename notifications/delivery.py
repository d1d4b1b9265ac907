"""How new notifications reach members by e-mail."""


def notifications_created(notification_ids: list[int]) -> None:
    """Called once the notifications with these ids are committed."""
