"""Staff edit the patterns and the crisis lines in the admin, checked and audited."""

import io
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from core.models import AuditEntry
from forum import services
from safety import services as safety_services
from safety.models import CrisisLine, Redaction, SafetyPattern, ThreadFlag
from tests.factories import CrisisLineFactory, SafetyPatternFactory, UserFactory
from tests.html import parse

PATTERN_ADD = reverse("admin:safety_safetypattern_add")
LINE_ADD = reverse("admin:safety_crisisline_add")


@pytest.fixture(autouse=True)
def _patterns(starting_set):
    return starting_set


def _pattern(**overrides):
    return {
        "name": "Tingling in both hands",
        "kind": "emergency",
        "phrases": "tingl* ... both hands\nboth hands ... tingl*",
        "examples": "",
        "message": "Tingling in both hands together can need a check today.",
        "is_active": "on",
        "position": "5",
        **overrides,
    }


def _ask(forum, title, body="It started this morning."):
    return services.post_thread(
        author=UserFactory(), forum=forum, title=title, body=body
    )


def test_the_pattern_list_shows_the_starting_set_and_searches(admin_client):
    page = parse(admin_client.get(reverse("admin:safety_safetypattern_changelist")))
    names = [a.text for a in page.select("#result_list tbody th a")]
    assert "Face drooping" in names and "Thoughts of suicide" in names
    found = parse(
        admin_client.get(reverse("admin:safety_safetypattern_changelist") + "?q=droop")
    )
    assert [a.text for a in found.select("#result_list tbody th a")] == [
        "Face drooping"
    ]


def test_the_add_page_explains_the_pattern_language(admin_client):
    page = parse(admin_client.get(PATTERN_ADD))
    help_text = page.one("#id_phrases_helptext").text
    assert "droop*" in help_text and "face/mouth" in help_text and "..." in help_text


def test_staff_add_a_pattern_and_every_thread_is_checked_again(
    admin_client, admin_user, forum, django_capture_on_commit_callbacks
):
    thread = _ask(forum, "Tingling in both hands since lunch")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(PATTERN_ADD, _pattern())
    assert response.status_code == 302
    pattern = SafetyPattern.objects.get(name="Tingling in both hands")
    assert ThreadFlag.objects.filter(thread=thread, pattern=pattern).exists()
    assert AuditEntry.objects.filter(
        action="safety_pattern.add", actor=admin_user
    ).exists()
    change = parse(
        admin_client.get(
            reverse("admin:safety_safetypattern_change", args=[pattern.pk])
        )
    )
    assert "Tingling in both hands since lunch" in change.text
    assert "\u201cTingling in both hands\u201d" in change.text


@pytest.mark.parametrize(
    ("phrases", "complaint"),
    [
        ("(tingling|pins) hands", "is not part of the pattern language"),
        ("ti* hands", "too short a stem"),
        ("... hands", "goes between two words"),
    ],
)
def test_phrases_that_cannot_work_are_refused_on_the_form(
    admin_client, phrases, complaint
):
    response = admin_client.post(PATTERN_ADD, _pattern(phrases=phrases))
    assert response.status_code == 200
    errors = parse(response).one("#id_phrases_error").text
    assert complaint in errors
    assert not SafetyPattern.objects.filter(name="Tingling in both hands").exists()


def test_examples_that_do_not_behave_stop_the_save(admin_client):
    examples = "Tingly feet at night\nTingling in both hands"
    response = admin_client.post(PATTERN_ADD, _pattern(examples=examples))
    errors = parse(response).one("#id_examples_error").text
    assert errors == "It does not match \u201cTingly feet at night\u201d."
    response = admin_client.post(
        PATTERN_ADD,
        _pattern(examples="Tingling in both hands\nno: my hands are fine"),
    )
    assert response.status_code == 302


def test_examples_name_the_line_that_matched_wrongly(admin_client):
    response = admin_client.post(
        PATTERN_ADD, _pattern(examples="no: both hands are tingling today")
    )
    errors = parse(response).one("#id_examples_error").text
    assert "from the line \u201cboth hands ... tingl*\u201d" in errors


def test_deleting_a_pattern_takes_its_banner_away(admin_client, client, forum):
    thread = _ask(forum, "Woke up with my face drooping")
    client.get(thread.get_absolute_url())
    face = SafetyPattern.objects.get(name="Face drooping")
    response = admin_client.post(
        reverse("admin:safety_safetypattern_delete", args=[face.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not parse(client.get(thread.get_absolute_url())).select(".safety-banner")
    assert AuditEntry.objects.filter(action="safety_pattern.delete").exists()


def test_deleting_patterns_in_bulk_goes_through_the_service(admin_client):
    picked = SafetyPattern.objects.filter(kind="crisis")
    response = admin_client.post(
        reverse("admin:safety_safetypattern_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [p.pk for p in picked],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not SafetyPattern.objects.filter(kind="crisis").exists()
    assert AuditEntry.objects.filter(action="safety_pattern.delete").count() == 2


def test_only_staff_with_the_permission_change_patterns(staff):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_safetypattern"))
    with pytest.raises(PermissionDenied):
        safety_services.save_pattern(
            editor=viewer, pattern=SafetyPatternFactory.build()
        )
    with pytest.raises(PermissionDenied):
        safety_services.delete_patterns(
            editor=viewer, patterns=SafetyPattern.objects.all()
        )


# --- Crisis lines. ----------------------------------------------------------


def _line(**overrides):
    return {
        "region": "New Zealand",
        "name": "Need to talk?",
        "description": "",
        "phone": "1737",
        "text_number": "1737",
        "text_keyword": "",
        "url": "https://1737.org.nz",
        "hours": "24 hours, every day",
        "position": "50",
        "is_active": "on",
        **overrides,
    }


def test_staff_add_a_crisis_line_and_it_is_audited(admin_client, admin_user):
    response = admin_client.post(LINE_ADD, _line())
    assert response.status_code == 302
    assert CrisisLine.objects.get(name="Need to talk?").phone == "1737"
    assert AuditEntry.objects.filter(
        action="crisis_line.add", actor=admin_user
    ).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"phone": "", "text_number": ""}, "Give a number to call, a number to text"),
        ({"phone": "ring 1737"}, "Use digits, spaces, brackets"),
        ({"text_number": "", "text_keyword": "KIA ORA"}, "needs a number to text"),
        ({"url": "http://1737.org.nz"}, "secure address"),
    ],
)
def test_a_crisis_line_that_readers_could_not_use_is_refused(
    admin_client, overrides, message
):
    response = admin_client.post(LINE_ADD, _line(**overrides))
    assert response.status_code == 200
    assert message in parse(response).text


def test_crisis_lines_are_listed_and_deleted_through_the_service(admin_client):
    line = CrisisLineFactory(region="Nowhere", name="Test line")
    page = parse(admin_client.get(reverse("admin:safety_crisisline_changelist")))
    assert page.get_by_role("link", "Test line")
    admin_client.post(
        reverse("admin:safety_crisisline_delete", args=[line.pk]), {"post": "yes"}
    )
    assert not CrisisLine.objects.filter(pk=line.pk).exists()
    assert AuditEntry.objects.filter(action="crisis_line.delete").exists()


# --- Flags, and working them out again. -------------------------------------


def test_flagged_posts_are_listed_for_staff_read_only(admin_client, forum):
    thread = _ask(forum, "Sudden worst headache of my life")
    page = parse(admin_client.get(reverse("admin:safety_threadflag_changelist")))
    row = page.one("#result_list tbody tr")
    assert row.get_by_role("link", thread.title)
    assert "Worst headache of my life" in row.text
    assert admin_client.get(reverse("admin:safety_threadflag_add")).status_code == 403


def test_reassessing_changes_only_what_changed_and_the_command_says_so(forum):
    face = _ask(forum, "Woke up with my face drooping")
    plain = _ask(forum, "Tingling in both hands at night")
    SafetyPatternFactory(name="Tingling")  # behind the services' back
    SafetyPattern.objects.filter(name="Face drooping").update(is_active=False)
    out = io.StringIO()
    call_command("reassess_safety_flags", stdout=out)
    assert out.getvalue() == "Safety flags: 2 post(s) changed.\n"
    assert not ThreadFlag.objects.filter(thread=face).exists()
    assert ThreadFlag.objects.get(thread=plain).pattern.name == "Tingling"
    out = io.StringIO()
    call_command("reassess_safety_flags", stdout=out)
    assert out.getvalue() == "Safety flags: 0 post(s) changed.\n"


def test_a_flagged_and_redacted_question_can_still_be_deleted_in_the_admin(
    admin_client, admin_user, forum
):
    thread = _ask(forum, "Face drooping, ring 07700 900123")
    safety_services.redact_post(
        staff=admin_user, post=thread, passages=["07700 900123"], reason="Asked"
    )
    url = reverse("admin:forum_thread_delete", args=[thread.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not ThreadFlag.objects.exists()


def test_a_reassessment_that_cannot_be_queued_is_logged_not_raised(
    monkeypatch, safety_log, staff, django_capture_on_commit_callbacks
):
    from safety import tasks

    def broken():
        raise ConnectionError("queue away")

    monkeypatch.setattr(tasks, "reassess_flags", SimpleNamespace(enqueue=broken))
    with django_capture_on_commit_callbacks(execute=True):
        safety_services.save_pattern(editor=staff, pattern=SafetyPatternFactory.build())
    assert "Could not queue the reassessment of safety flags" in safety_log.getvalue()


def test_a_check_that_fails_never_loses_the_question(monkeypatch, safety_log, forum):
    def broken(**kwargs):
        raise RuntimeError("a bug of ours")

    monkeypatch.setattr(safety_services, "assess_post", broken)
    thread = _ask(forum, "Woke up with my face drooping")
    assert thread.pk and not ThreadFlag.objects.exists()
    assert "Could not check Thread" in safety_log.getvalue()


def test_a_flag_and_a_redaction_read_in_the_admin(admin_client, admin_user, forum):
    thread = _ask(forum, "Face drooping, ring 07700 900123")
    safety_services.redact_post(
        staff=admin_user, post=thread, passages=["07700 900123"], reason="Asked"
    )
    flag = ThreadFlag.objects.get(thread=thread)
    page = parse(
        admin_client.get(reverse("admin:safety_threadflag_change", args=[flag.pk]))
    )
    assert "Face drooping" in page.text
    redaction = Redaction.objects.get()
    url = reverse("admin:safety_redaction_change", args=[redaction.pk])
    page = parse(admin_client.get(url))
    assert page.get_by_role("link", f"Question #{thread.pk}")
    assert "07700" not in page.text
