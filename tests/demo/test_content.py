"""The demo's content files agree with each other, before anything is seeded."""

from demo.accounts import read_members
from demo.files import CONTENT_DIR
from demo.forum import read_forums, read_threads
from demo.resources import read_resources
from forum.models import TITLE_MAX_LENGTH


def _usernames() -> list[str]:
    return [member["username"] for member in read_members()["members"]]


def test_every_thread_folder_belongs_to_a_forum():
    folders = {path.name for path in (CONTENT_DIR / "threads").iterdir()}
    assert folders == {forum["slug"] for forum in read_forums()}


def test_every_author_is_a_member():
    usernames = set(_usernames())
    for thread in read_threads(_usernames()):
        authors = {thread["author"]} | {r["author"] for r in thread.get("replies", ())}
        assert authors <= usernames, thread["title"]


def test_thread_titles_fit_and_are_unique_in_their_forum():
    # Seeding skips a thread whose title its forum already has.
    threads = read_threads(_usernames())
    titles = [(thread["forum"], thread["title"]) for thread in threads]
    assert len(set(titles)) == len(titles)
    assert all(len(title) <= TITLE_MAX_LENGTH for _, title in titles)


def test_every_reply_has_enough_members_to_vote_for_it():
    # Neither the thread's author nor the reply's author votes on it.
    voters = len(_usernames()) - 2
    for thread in read_threads(_usernames()):
        for reply in thread.get("replies", ()):
            votes = reply.get("helpful", 0) + reply.get("not_helpful", 0)
            assert votes <= voters, thread["title"]


def test_resources_name_existing_forums_and_have_a_body_or_a_link():
    forums = {forum["slug"] for forum in read_forums()}
    for resource in read_resources():
        assert set(resource["forums"]) <= forums, resource["slug"]
        assert bool(resource.get("body")) != bool(resource.get("url")), resource["slug"]


def test_visibility_flags_are_true_or_false_where_they_belong():
    # Members only is a thread's; anonymous is a thread's or a reply's.
    threads = read_threads(_usernames())
    for thread in threads:
        for flag in ("members_only", "anonymous"):
            assert isinstance(thread.get(flag, False), bool), thread["title"]
        for reply in thread.get("replies", ()):
            assert isinstance(reply.get("anonymous", False), bool), thread["title"]
            assert "members_only" not in reply, thread["title"]
    # The demo shows each at least once.
    assert any(thread.get("members_only") for thread in threads)
    assert any(thread.get("anonymous") for thread in threads)
    assert any(
        reply.get("anonymous") and reply["author"] != thread["author"]
        for thread in threads
        for reply in thread.get("replies", ())
    )
