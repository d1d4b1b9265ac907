"""The Privacy page says what downloading your data and deleting your account do.

Only a page that still reads as 0002 wrote it is changed: staff's own edits
are left alone. Reversing puts 0002's text back, again only over this one's.
Each paragraph is one line: the site's Markdown turns every line break into
a <br>, as members expect in their posts.
"""

from importlib import import_module

from django.db import migrations
from django.utils import timezone

from forum.markdown import render_markdown

EARLIER = import_module("sitepages.migrations.0002_first_pages").PRIVACY

PRIVACY = """\
This page says what Health Forum stores about you, who can see it, and what you can do about it. You can download everything we hold about you, or delete your account, yourself, at any time.

### What we store

- **Your account:** your username, your e-mail address, and your password, kept only as a secure hash that nobody can read back.
- **What you write:** your questions and replies, every earlier version of them when you edit, the helpful votes you give, and the reports you make about posts, with any note you add.
- **What you follow:** the threads, forums and tags you follow, the notifications we send you, the daily digests we e-mail you, and how you chose to hear from us by e-mail.
- **Professional verification:** if you apply for a badge, the details you give (profession, specialty, licensing body, registration number, region, and any note) and staff's decisions.
- **Warnings and suspensions:** if staff ever warn, suspend or ban you, the reason they give.
- **Reading preferences:** text size and contrast, kept in a cookie on your own device, not on our server.

We count how often each resource is read, per day, without recording who read it. Our server logs record which pages were asked for and how long they took, not who asked.

### What is public

Your username, your posts, your helpful-vote counts and, if you are verified, your professional title are public. **Your e-mail address is never shown publicly**: we use it only to let you sign in and to send you the e-mails you asked for. Your verification details are seen only by staff.

### Downloading your data

Log in, open the menu under your username, and choose **Your data**. Press **Download my data** and you get one file holding everything listed above: your account details and e-mail addresses, every question and reply you wrote (removed ones too) with all their earlier versions, the helpful votes you gave, the reports you made, your notifications, follows and e-mail choices, your professional applications with staff's decisions, and any warnings or suspensions. Other members appear in it only by their public username, never by their e-mail address.

The file is in JSON, a plain text format that many programs can open. If you have written a great deal, we prepare it in the background and e-mail you a link instead. Only you can use that link, and only while you are logged in. It works for 7 days; then the file is deleted.

### Deleting your account

Log in, open the menu under your username, choose **Delete your account**, and type your password to confirm. First you choose what happens to your questions and replies:

- **Keep them:** they stay on the site as you wrote them, shown as written by "A former member", with no link to a profile. We do not change your words, so if you signed a post with your name, edit it out before you delete your account.
- **Remove them:** they disappear from the site, and their text, with every earlier version, is erased for good. Replies that other members wrote to your questions are no longer shown either.

Either way, straight away:

- your username is replaced by a random code that names nobody, and your e-mail address, any names you gave and your password are erased. Nobody can log in to the account again, and you are logged out on every device;
- your e-mail addresses, notifications, follows, e-mail choices, professional applications, any prepared downloads and any e-mails waiting to be sent to you are deleted, and so are the notes you added to reports;
- your public profile page disappears.

Some things stay, without your name:

- the helpful votes you gave still count, so the totals other members see stay right;
- the reports you made stay, without your notes, so staff's work on them is not lost;
- staff's record of any warning or suspension they gave you.

Staff keep a log of what they do on the site, which cannot be changed afterwards. Deleting cannot be undone either, so download your data first if you want a copy. If you cannot log in, write to us through the [Contact](/contact/) page and staff will delete your account for you.
"""


def _replace(apps, old: str, new: str) -> None:
    SitePage = apps.get_model("sitepages", "SitePage")
    SitePage.objects.filter(slug="privacy", body=old).update(
        body=new, body_html=render_markdown(new), updated_at=timezone.now()
    )


def describe_export_and_deletion(apps, schema_editor):
    _replace(apps, EARLIER, PRIVACY)


def restore_earlier_text(apps, schema_editor):
    _replace(apps, PRIVACY, EARLIER)


class Migration(migrations.Migration):
    dependencies = [("sitepages", "0002_first_pages")]

    operations = [
        migrations.RunPython(describe_export_and_deletion, restore_earlier_text)
    ]
