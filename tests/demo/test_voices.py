"""Who speaks how in the demo: professionals answer, members tell their story.

A verified professional's reply carries the badge, so a professional telling a
patient's story, or a member writing as if they were a clinician, would
undercut the very signal the demo shows off.
"""

import re

import pytest

from demo.accounts import member_professions, read_members
from demo.files import read_toml
from demo.forum import read_threads

# What only a patient or a relative writes about their own illness or care.
PATIENT_STORY = re.compile(
    r"\bmy (?:own )?(?:doctor|gp|neurologist|consultant|specialist|diagnosis"
    r"|symptoms|scan|mri|tablets|medication|twitch(?:es|ing)?)\b"
    r"|\bi(?: had|'ve had| get) the same\b|\bsame here\b|\bi was diagnosed\b"
    r"|\bhappened to me\b",
    re.IGNORECASE,
)

# A member presenting themselves as a clinician.
CLINICIAN_CLAIM = re.compile(
    r"\b(?:i'm|i am|as) an? (?:doctor|gp|nurse|neurologist|physio(?:therapist)?"
    r"|pharmacist)\b"
    r"|\b(?:doctor|nurse|neurologist|physio(?:therapist)?|pharmacist) here\b",
    re.IGNORECASE,
)


def _posts() -> list[tuple[str, str, str]]:
    """Return (thread title, author, body) for every question and reply."""
    usernames = [member["username"] for member in read_members()["members"]]
    posts = []
    for thread in read_threads(usernames):
        posts.append((thread["title"], thread["author"], thread["body"]))
        posts += [
            (thread["title"], reply["author"], reply["body"])
            for reply in thread.get("replies", ())
        ]
    return posts


@pytest.mark.parametrize(
    ("text", "is_story"),
    [
        ("My doctor reassured me after a careful exam.", True),
        ("I agreed with my GP to come back if I notice weakness.", True),
        ("I had the same thing last year.", True),
        ("When I was diagnosed I panicked.", True),
        ("It's been a year since my own twitch scare.", True),
        ("What a doctor will usually check is your strength.", False),
        ("Please take any new worry to your own doctor.", False),
        ("In clinic I often meet people with twitches like these.", False),
    ],
)
def test_the_story_pattern_tells_a_patient_from_a_professional(text, is_story):
    assert bool(PATIENT_STORY.search(text)) == is_story


def test_applicants_for_a_badge_answer_as_professionals_too():
    content = {
        "members": [
            {"username": "member"},
            {"username": "doctor", "professional": {"profession": "physician"}},
            {
                "username": "applicant",
                "pending_professional": {"profession": "physiotherapist"},
            },
        ]
    }
    assert member_professions(content) == {
        "doctor": "physician",
        "applicant": "physiotherapist",
    }


def test_professionals_never_tell_a_patients_story():
    professionals = member_professions(read_members())
    stories = [
        (title, author, match.group())
        for title, author, body in _posts()
        if author in professionals
        for match in [PATIENT_STORY.search(body)]
        if match
    ]
    assert stories == []


def test_members_without_a_credential_never_write_as_clinicians():
    professionals = member_professions(read_members())
    claims = [
        (title, author, match.group())
        for title, author, body in _posts()
        if author not in professionals
        for match in [CLINICIAN_CLAIM.search(body)]
        if match
    ]
    assert claims == []


def test_every_profession_has_its_own_sentences_in_the_long_thread():
    professions = set(member_professions(read_members()).values())
    assert professions <= set(read_toml("long-thread.toml")["professionals"])


def test_long_thread_professionals_never_borrow_the_members_sentences():
    data = read_toml("long-thread.toml")
    stories = data["openings"] + data["middles"] + data["closings"]
    professionals = member_professions(read_members())
    long_thread = read_threads([m["username"] for m in read_members()["members"]])[-1]
    replies = [r for r in long_thread["replies"] if r["author"] in professionals]
    assert replies, "the long thread should have professionals among its repliers"
    for reply in replies:
        assert not [s for s in stories if s in reply["body"]], reply["body"]
