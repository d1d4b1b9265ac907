"""The first versions of the footer's pages; staff edit them in the admin."""

from django.db import migrations

from forum.markdown import render_markdown

ABOUT = """\
Health Forum is a place to ask about symptoms, conditions and treatments, and
to hear from people who have been through something similar. Some members are
medical professionals whose registration staff have checked; their replies
carry a badge.

### What this site is, and is not

It is a community of people sharing experience. It is not a doctor, and
nothing here is a diagnosis. Read what members write as one person's story,
and take your questions to your own doctor, nurse or pharmacist.

If you or someone near you may be in danger, do not wait for a reply here:
call your local emergency number.

### Who runs it

A small team of staff looks after the forums, checks professionals'
credentials and chooses the resources in the sidebar. You can reach us
through the [Contact](/contact/) page.
"""

GUIDELINES = """\
These guidelines keep the forum calm, kind and useful. Staff may remove posts
that break them, and may stop a member posting.

### Be kind

Many people here are worried or unwell. Answer the question that was asked,
gently. Disagree with an idea, never with a person.

### Share experience, not diagnoses

Say what happened to you and what helped you. Do not tell someone what they
have or what they should take. If something sounds urgent, say so and point
them to a doctor or emergency services.

### Back up medical claims

When you say a treatment works or is safe, link a reliable source where you
can. Do not promote cures, products or services.

### Protect privacy

Do not share anyone's personal details: names, addresses, phone numbers,
photographs or medical records, yours included. Think before you post
something you would not want a stranger, an employer or a relative to read.

### No spam, no harassment

No advertising, no repeated posts, no insults, threats or hate. Report posts
that worry you rather than replying to them.
"""

PRIVACY = """\
This page says what Health Forum stores about you, who can see it, and what
you can ask us to do with it.

### What we store

- **Your account:** your username, your e-mail address and your password,
  kept only as a secure hash that nobody can read back.
- **What you write:** your questions and replies, with earlier versions when
  you edit them, and the helpful votes you give.
- **What you follow:** the threads, forums and tags you follow, and the
  notifications we send you about them.
- **Professional verification:** if you apply for a badge, the details you
  give (profession, specialty, licensing body, registration number, region,
  and any note) and staff's decision.
- **Reading preferences:** text size and contrast, kept in a cookie on your
  own device.

We count how often each resource is read, per day, without recording who read
it. Our server logs record which pages were asked for and how long they took,
not who asked.

### What is public

Your username, your posts, your helpful-vote counts and, if you are verified,
your professional title are public. **Your e-mail address is never shown
publicly**: we use it only to let you sign in and to send you the e-mails you
asked for. Your verification details are seen only by staff.

### Downloading or deleting your data

We are building two tools for your account page: one to download everything
we hold about you as a single file, and one to delete your account. **They
are not ready yet.** Until they are, write to us through the
[Contact](/contact/) page and staff will send you your data, or delete your
account, by hand. We will update this page when the tools arrive.
"""

TERMS = """\
By using Health Forum you agree to these terms.

### Not medical advice

Everything on this site, including replies from verified professionals, is
general information and shared experience. It is not medical advice, and it
does not replace a visit to your own doctor. In an emergency, call your local
emergency number.

### Your posts

You keep the rights to what you write. By posting, you let us show it on the
site. Post only what you have the right to share, and follow the
[Community guidelines](/guidelines/).

### Your account

Keep your password to yourself. You are responsible for what is posted from
your account. Staff may remove posts, or stop an account posting, when the
guidelines are broken.

### Changes

We may change these terms. When we do, we will update this page and say when.
"""

CONTACT = """\
You can reach the staff who run Health Forum by e-mail at
[hello@healthforum.example](mailto:hello@healthforum.example).

Write to us to:

- ask for a copy of your data, or for your account to be deleted (see
  [Privacy](/privacy/));
- tell us about a post that worries you, if reporting it is not enough;
- ask about professional verification;
- tell us about anything on the site that does not work for you.

We read every message and usually reply within a few working days. We cannot
give medical advice by e-mail. **If you or someone near you may be in danger,
call your local emergency number now.**
"""

PAGES = [
    ("about", "About Health Forum", ABOUT),
    ("guidelines", "Community guidelines", GUIDELINES),
    ("privacy", "Privacy", PRIVACY),
    ("terms", "Terms of use", TERMS),
    ("contact", "Contact us", CONTACT),
]


def add_pages(apps, schema_editor):
    SitePage = apps.get_model("sitepages", "SitePage")
    for slug, title, body in PAGES:
        SitePage.objects.get_or_create(
            slug=slug,
            defaults={"title": title, "body": body, "body_html": render_markdown(body)},
        )


def remove_pages(apps, schema_editor):
    SitePage = apps.get_model("sitepages", "SitePage")
    SitePage.objects.filter(slug__in=[slug for slug, _, _ in PAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [("sitepages", "0001_initial")]

    operations = [migrations.RunPython(add_pages, remove_pages)]
