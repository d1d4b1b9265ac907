"""The demo's endorsements and outcomes name threads, replies and members that exist."""

from collections import Counter

from demo.accounts import read_members
from demo.followups import read_endorsements, read_outcomes
from demo.forum import read_threads
from forum.outcomes import HELPED_MOST_LIMIT


def _threads() -> dict[str, dict]:
    usernames = [member["username"] for member in read_members()["members"]]
    return {thread["title"]: thread for thread in read_threads(usernames)}


def _replies_by(thread: dict, author: str) -> int:
    return Counter(reply["author"] for reply in thread.get("replies", ()))[author]


def _professionals() -> set[str]:
    return {
        member["username"]
        for member in read_members()["members"]
        if "professional" in member
    }


def test_every_endorsement_names_a_reply_and_professionals_who_may_endorse_it():
    threads, professionals = _threads(), _professionals()
    for endorsement in read_endorsements():
        thread = threads[endorsement["thread"]]
        author = endorsement["reply_author"]
        assert _replies_by(thread, author) >= endorsement.get("position", 1), author
        endorsers = endorsement["endorsers"]
        assert set(endorsers) <= professionals, endorsers
        assert author not in endorsers
        assert len(set(endorsers)) == len(endorsers)
        assert not thread.get("locked"), thread["title"]


def test_every_outcome_names_an_open_thread_and_replies_by_others():
    threads = _threads()
    for outcome in read_outcomes():
        thread = threads[outcome["thread"]]
        assert not thread.get("locked"), thread["title"]
        assert outcome["body"].strip()
        assert 0 < outcome["days_after"] <= thread["days_ago"]
        helped = outcome.get("helped_most", [])
        assert len(helped) <= HELPED_MOST_LIMIT
        for reply in helped:
            assert reply["author"] != thread["author"]
            assert _replies_by(thread, reply["author"]) >= reply.get("position", 1)
