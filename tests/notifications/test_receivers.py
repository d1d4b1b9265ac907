"""The receivers are ones Django accepts, and a failing rule costs no post."""

from django.utils.inspect import func_accepts_kwargs

from notifications import receivers


def test_every_receiver_takes_keyword_arguments():
    # Django refuses, under DEBUG, to connect a receiver without **kwargs;
    # a wrapper that hides its own signature would only fail in development.
    for receiver in (
        receivers.on_thread_posted,
        receivers.on_reply_posted,
        receivers.on_helpful_vote_cast,
        receivers.on_credential_decided,
        receivers.on_post_moderated,
        receivers.on_post_held,
        receivers.on_post_reported,
        receivers.on_reports_closed,
        receivers.on_member_sanctioned,
        receivers.on_outcome_shared,
    ):
        assert func_accepts_kwargs(receiver), receiver.__name__
