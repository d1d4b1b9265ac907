"""Follows and notifications written when the forum and accounts announce events.

Filled in by notifications.services; connected in NotificationsConfig.ready.
"""
