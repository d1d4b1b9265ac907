"""A thread page suggests up to five related questions, worked out once and stored."""

from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from forum import services, tasks
from forum.models import RelatedThread, Thread
from forum.related import title_words
from forum.tasks import relate_questions
from tests.factories import ForumFactory, UserFactory
from tests.html import parse


@pytest.fixture
def sleep(db):
    return ForumFactory(name="Sleep", slug="sleep")


def _ask(forum, title, tags=(), author=None) -> Thread:
    return services.post_thread(
        author=author or UserFactory(),
        forum=forum,
        title=title,
        body="What I notice, how long for, and what I have tried so far.",
        tags=tags,
    )


def _related(thread) -> list[int]:
    return list(
        RelatedThread.objects.filter(thread=thread)
        .order_by("position")
        .values_list("related_id", flat=True)
    )


def _block(page):
    """Return the titles the related questions block links, in order."""
    section = page.one("section.related-questions")
    return [link.text for link in section.by_role("link")]


# --- The rule. ---------------------------------------------------------------


def test_title_words_ignore_common_words_and_endings():
    assert title_words("Twitching eyelids for three weeks") == {"twitch", "eyelid"}
    assert title_words("eyelid twitches") == {"eyelid", "twitch"}
    # Short medical abbreviations are words like any other.
    assert title_words("Is it MS or ALS?") == {"ms", "als"}
    assert title_words("I don't know what this is") == set()


def test_shared_topics_weigh_more_than_shared_title_words(forum):
    thread = _ask(forum, "Flashing lights before a migraine", tags=["migraine"])
    words = _ask(forum, "Flashing lights at the edge of my sight")
    topic = _ask(forum, "Zigzag shapes in my vision", tags=["migraine"])
    assert _ask(forum, "Cramp in my calf at night")  # Nothing in common.
    services.relate_thread(thread=thread)
    assert _related(thread) == [topic.pk, words.pk]


def test_more_in_common_ranks_higher(forum):
    thread = _ask(forum, "Numb fingers after cycling", tags=["numbness", "cycling"])
    one_topic = _ask(forum, "Pins and needles in my toes", tags=["numbness"])
    two_topics = _ask(forum, "Sore neck on long rides", tags=["numbness", "cycling"])
    topic_and_word = _ask(forum, "Numb fingers in the cold", tags=["numbness"])
    services.relate_thread(thread=thread)
    assert _related(thread) == [two_topics.pk, topic_and_word.pk, one_topic.pk]


def test_same_forum_comes_first_among_equals(forum, sleep):
    thread = _ask(forum, "Restless legs every evening", tags=["restless legs"])
    here = _ask(forum, "Jumpy feet when sitting still", tags=["restless legs"])
    # More recently active, but in another forum.
    elsewhere = _ask(sleep, "Kicking in my sleep", tags=["restless legs"])
    services.relate_thread(thread=thread)
    assert _related(thread) == [here.pk, elsewhere.pk]
    # From the other forum: its own first, then the more recently active.
    other = _ask(sleep, "Cannot settle at bedtime", tags=["restless legs"])
    services.relate_thread(thread=other)
    assert _related(other) == [elsewhere.pk, here.pk, thread.pk]


def test_a_thread_is_never_related_to_itself(forum):
    thread = _ask(forum, "Tingling lips after dinner", tags=["tingling"])
    services.relate_thread(thread=thread)
    assert _related(thread) == []
    twin = _ask(forum, "Tingling lips after dinner", tags=["tingling"])
    services.relate_thread(thread=thread)
    assert _related(thread) == [twin.pk]


def test_removed_and_held_threads_are_never_related(forum, staff):
    thread = _ask(forum, "Dizzy when I stand up", tags=["dizziness"])
    removed = _ask(forum, "Dizzy spells in the morning", tags=["dizziness"])
    held = _ask(forum, "Dizzy after my new tablets", tags=["dizziness"])
    kept = _ask(forum, "Room spins when I turn over", tags=["dizziness"])
    services.remove_thread(moderator=staff, thread=removed)
    # A held thread is hidden as a removed one is, with the reason it waits.
    Thread.objects.filter(pk=held.pk).update(
        removed_at=timezone.now(), held_for="reports"
    )
    services.relate_thread(thread=thread)
    assert _related(thread) == [kept.pk]


def test_nothing_in_common_means_no_related_questions(forum):
    thread = _ask(forum, "Ringing in one ear", tags=["tinnitus"])
    _ask(forum, "Cold feet all winter", tags=["circulation"])
    assert services.relate_thread(thread=thread) == []


def test_at_most_eight_are_stored_and_working_out_again_changes_nothing(forum, expires):
    thread = _ask(forum, "Aching jaw in the morning", tags=["jaw"])
    others = [_ask(forum, f"Jaw clicks, case {n}", tags=["jaw"]) for n in range(10)]
    with expires("thread"):
        found = services.relate_thread(thread=thread)
    # The most recently active of equals first.
    assert found == [other.pk for other in reversed(others)][:8]
    assert _related(thread) == found
    with expires():
        assert services.relate_thread(thread=thread) == found


# --- The thread page. --------------------------------------------------------


def test_the_page_shows_five_related_questions_after_the_responses(
    client, forum, sleep
):
    thread = _ask(forum, "Hands shake when I hold a cup", tags=["tremor"])
    others = [
        _ask(sleep if n == 0 else forum, f"Tremor question {n}", tags=["tremor"])
        for n in range(7)
    ]
    services.relate_thread(thread=thread)
    page = parse(client.get(thread.get_absolute_url()))
    section = page.one("section.related-questions")
    assert section["aria-labelledby"] == "related-heading"
    page.get_by_role("heading", "Related questions")
    # Same forum first, then the most recently active.
    shown = [others[n] for n in (6, 5, 4, 3, 2)]
    assert _block(page) == [other.title for other in shown]
    links = section.by_role("link")
    assert [link["href"] for link in links] == [t.get_absolute_url() for t in shown]
    assert section.select(".meta")[0].text == "in the Neurology Forum"
    # It follows the responses and comes before the reply form.
    sections = [element.attrs.get("class", "") for element in page.select("section")]
    assert (
        sections.index("responses")
        < sections.index("panel related-questions")
        < sections.index("reply-form")
    )


def test_no_block_without_related_questions(client, thread):
    page = parse(client.get(thread.get_absolute_url()))
    assert page.select("section.related-questions") == []


def test_a_removed_thread_leaves_the_block_at_once(client, forum, staff):
    thread = _ask(forum, "Burning feet at night", tags=["neuropathy"])
    gone = _ask(forum, "Burning soles when walking", tags=["neuropathy"])
    stays = _ask(forum, "Feet feel like they are on fire", tags=["neuropathy"])
    services.relate_thread(thread=thread)
    assert _block(parse(client.get(thread.get_absolute_url()))) == [
        stays.title,
        gone.title,
    ]
    services.remove_thread(moderator=staff, thread=gone)
    # Filtered as the page is read: the stored list is not worked out again.
    assert _related(thread) == [stays.pk, gone.pk]
    assert _block(parse(client.get(thread.get_absolute_url()))) == [stays.title]
    services.restore_thread(moderator=staff, thread=gone)
    assert _block(parse(client.get(thread.get_absolute_url()))) == [
        stays.title,
        gone.title,
    ]


def test_a_sixth_stored_question_fills_the_place_of_a_removed_one(client, forum, staff):
    thread = _ask(forum, "Pain behind the knee", tags=["knee"])
    others = [_ask(forum, f"Knee question {n}", tags=["knee"]) for n in range(6)]
    services.relate_thread(thread=thread)
    services.remove_thread(moderator=staff, thread=others[5])
    shown = _block(parse(client.get(thread.get_absolute_url())))
    assert shown == [others[n].title for n in (4, 3, 2, 1, 0)]


def test_hostile_titles_are_shown_as_text(client, forum):
    thread = _ask(forum, "Odd taste in my mouth", tags=["taste"])
    hostile = _ask(forum, '<script>alert("x")</script> taste', tags=["taste"])
    services.relate_thread(thread=thread)
    response = client.get(thread.get_absolute_url())
    assert _block(parse(response)) == [hostile.title]
    assert '<script>alert("x")</script>' not in response.content.decode()


@pytest.mark.parametrize("count", [0, 5])
def test_the_page_costs_the_same_queries_with_related_questions(
    client, forum, count, django_assert_num_queries
):
    thread = _ask(forum, "Heavy eyelids by the evening", tags=["eyelid"])
    for n in range(count + 3):
        _ask(forum, f"Eyelid question {n}", tags=["eyelid"])
    if count:
        services.relate_thread(thread=thread)
    # The thread, its tags, the related questions with their titles and
    # forums in one, its safety flags, and the sidebar (no responses, so none
    # of theirs; see test_thread_page for a page with them).
    with django_assert_num_queries(5):
        response = client.get(thread.get_absolute_url())
    assert len(response.context["related_threads"]) == count


# --- Expiring the pages that show a thread among their related questions. ----


@pytest.fixture
def listed(forum):
    """Return (thread, other): thread's page lists other."""
    thread = _ask(forum, "Blurred vision when tired", tags=["vision"])
    other = _ask(forum, "Blurry eyes after reading", tags=["vision"])
    services.relate_thread(thread=thread)
    return thread, other


def test_removing_restoring_or_retitling_a_thread_expires_the_pages_listing_it(
    listed, staff, expires, django_capture_on_commit_callbacks
):
    thread, other = listed
    listing = f"thread:{thread.pk}"
    with expires("lists", "members", "thread") as touched:
        services.remove_thread(moderator=staff, thread=other)
    assert listing in touched
    with expires("lists", "members", "thread") as touched:
        services.restore_thread(moderator=staff, thread=other)
    assert listing in touched
    with expires("lists", "members", "thread") as touched:
        services.edit_thread(
            editor=other.author,
            thread=other,
            title="Blurry eyes late at night",
            body=other.body,
        )
    assert listing in touched


def test_an_edit_that_keeps_the_title_expires_no_other_page(
    listed, expires, dummy_tasks, django_capture_on_commit_callbacks
):
    thread, other = listed
    with (
        django_capture_on_commit_callbacks(execute=True),
        expires("thread") as touched,
    ):
        services.edit_thread(
            editor=other.author,
            thread=other,
            title=other.title,
            body="Now I notice it most after an hour of reading small print.",
        )
    assert touched == [f"thread:{other.pk}", f"thread:{other.pk}"]
    assert dummy_tasks.results == []


# --- Worked out by the worker, after posting or retitling. -------------------


def test_posting_queues_the_work_for_the_worker(
    client, user, forum, dummy_tasks, django_capture_on_commit_callbacks
):
    client.force_login(user)
    data = {
        "forum": forum.pk,
        "title": "Headaches after starting new glasses",
        "body": "Since the new lenses I get a dull headache every afternoon.",
        "tags": "headache",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ask/", data)
    assert response.status_code == 302
    thread = Thread.objects.get()
    (queued,) = dummy_tasks.results
    assert queued.task.func == relate_questions.func
    assert queued.args == [thread.pk]
    # Nothing was worked out in the request.
    assert not RelatedThread.objects.exists()


def test_the_task_relates_a_new_question_and_adds_it_to_older_lists(
    forum, sleep, django_capture_on_commit_callbacks
):
    older = _ask(forum, "Stiff neck in the mornings", tags=["neck"])
    services.relate_thread(thread=older)
    assert _related(older) == []
    with django_capture_on_commit_callbacks(execute=True):
        new = _ask(sleep, "Neck aches after sleeping badly", tags=["neck"])
    assert _related(new) == [older.pk]
    assert _related(older) == [new.pk]


def test_retitling_works_the_list_out_again(forum, django_capture_on_commit_callbacks):
    thread = _ask(forum, "Buzzing in my feet", tags=["feet"])
    bladder = _ask(forum, "Needing the toilet at night")
    services.relate_thread(thread=thread)
    assert _related(thread) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.edit_thread(
            editor=thread.author,
            thread=thread,
            title="Buzzing feet and toilet trips at night",
            body=thread.body,
        )
    assert _related(thread) == [bladder.pk]


def test_a_held_question_is_related_but_joins_no_other_list(
    forum, django_capture_on_commit_callbacks
):
    older = _ask(forum, "Twitchy calves after running", tags=["twitching"])
    newcomer = UserFactory(date_joined=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        held = services.post_thread(
            author=newcomer,
            forum=forum,
            title="Twitchy calves, see https://example.com",
            body="I read about it at https://example.com/calves today.",
            tags=["twitching"],
        )
    assert held.held_for == "links"
    assert _related(held) == [older.pk]
    assert _related(older) == []


def test_a_question_that_is_gone_when_the_task_runs_is_skipped(forum):
    thread = _ask(forum, "Sudden hiccups that last hours", tags=["hiccups"])
    pk = thread.pk
    thread.delete()
    relate_questions.call(pk)
    assert not RelatedThread.objects.exists()


def test_a_queue_that_fails_does_not_fail_the_post(
    forum, monkeypatch, django_capture_on_commit_callbacks
):
    logged = []

    def broken(*args, **kwargs):
        raise RuntimeError("the queue is away")

    monkeypatch.setattr(tasks, "relate_questions", SimpleNamespace(enqueue=broken))
    monkeypatch.setattr(tasks.logger, "exception", lambda *args: logged.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        thread = _ask(forum, "Yawning all day long", tags=["tiredness"])
    assert Thread.objects.filter(pk=thread.pk).exists()
    assert logged == [("Could not queue related questions for thread %s", thread.pk)]


# --- Every thread, daily: manage.py relate_threads. -------------------------


def test_the_command_relates_every_visible_thread(forum, sleep, staff, capsys):
    first = _ask(forum, "Numb chin for a week", tags=["numbness"])
    second = _ask(sleep, "Numb chin after the dentist", tags=["numbness"])
    removed = _ask(forum, "Numb chin and lip", tags=["numbness"])
    services.remove_thread(moderator=staff, thread=removed)
    call_command("relate_threads")
    assert "for 2 thread(s)" in capsys.readouterr().out
    assert _related(first) == [second.pk]
    assert _related(second) == [first.pk]
    assert _related(removed) == []
    call_command("relate_threads")
    assert RelatedThread.objects.count() == 2


def test_never_related_to_itself_even_by_hand(forum):
    thread = _ask(forum, "Shaky voice when nervous")
    with pytest.raises(IntegrityError), transaction.atomic():
        RelatedThread.objects.create(thread=thread, related=thread, score=1, position=0)


def test_a_released_question_joins_other_lists(
    forum, staff, django_capture_on_commit_callbacks
):
    older = _ask(forum, "Twitchy calves after running", tags=["twitching"])
    with django_capture_on_commit_callbacks(execute=True):
        held = services.post_thread(
            author=UserFactory(date_joined=timezone.now()),
            forum=forum,
            title="Twitchy calves, see https://example.com",
            body="I read about it at https://example.com/calves today.",
            tags=["twitching"],
        )
    assert _related(older) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.restore_thread(moderator=staff, thread=held)
    assert _related(older) == [held.pk]
