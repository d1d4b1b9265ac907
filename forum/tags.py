"""Tags: how typed names become one tag, the popular tags, and staff changes.

The rule for a typed name, applied wherever a member or staff member names a
tag (the question form, the admin's tag and synonym forms, a merge):

- Unicode compatibility forms are folded (NFKC: full-width letters become
  ordinary ones) and the name is lower-cased;
- spaces, tabs, line breaks and hyphens at either end go, and any run of
  them inside becomes one hyphen: "Multiple   Sclerosis" and "multiple -
  sclerosis" are both "multiple-sclerosis". Hyphens, not spaces, because the
  tags already in use are written so ("restless-legs", "long-covid"): a
  member who types "restless legs" gets that tag rather than a second one,
  and a tag's name and its address (slug) read alike;
- then a synonym that staff keep (TagSynonym) replaces it: "migraines" is
  stored as "migraine" when staff have said so.

Members separate tags with commas (the form's help text says so); a space
does not start a new tag, so "multiple sclerosis" stays one tag.

The staff writes here (merge_tags, rename_tag) each run in one transaction
and expire every stored page: a tag's name shows on thread pages, lists and
the popular tags, and merging is rare.
"""

import re
import unicodedata
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from taggit.models import Tag, TaggedItem

from core import pagecache
from core.audit import record
from core.pagecache import scope, touch

from .models import TagSynonym

POPULAR_TAGS_SHOWN = 15
_JOINERS = re.compile(r"[\s\-]+")
_SEPARATORS = re.compile(r"[,;\n]")


def normalise_tag_name(name: str) -> str:
    """Return name folded, lower-cased, trimmed and with single inner hyphens."""
    name = unicodedata.normalize("NFKC", name).lower().strip()
    # Quotes around a name are how taggit used to group words; drop them.
    name = name.strip("\"'")
    return _JOINERS.sub("-", name).strip("-")


def split_tag_input(text: str) -> list[str]:
    """Return the normalised names in what a member typed, commas between them."""
    names = []
    for part in _SEPARATORS.split(text):
        name = normalise_tag_name(part)
        if name and name not in names:
            names.append(name)
    return names


def resolve_tag_names(names: Iterable[str]) -> list[str]:
    """Return names normalised with staff synonyms applied, once each, in order.

    One query, for the synonyms of all the names.
    """
    names = [name for name in (normalise_tag_name(n) for n in names) if name]
    targets = dict(
        TagSynonym.objects.filter(name__in=names).values_list("name", "tag__name")
    )
    resolved = []
    for name in names:
        name = targets.get(name, name)
        if name not in resolved:
            resolved.append(name)
    return resolved


def popular_tags(
    limit: int = POPULAR_TAGS_SHOWN, *, public_only: bool = False
) -> list[Tag]:
    """Return the tags on the most visible threads, each with thread_count.

    public_only counts only the threads a visitor may read. One grouped
    query over every tagged thread (124 ms at the bench's large size), so
    its answer is kept until the thread lists change (the "lists" scope in
    core.pagecache), which expires the stored pages that show it too.
    """
    shown = {"thread__is_members_only": False} if public_only else {}

    def count() -> list[Tag]:
        return list(
            Tag.objects.filter(
                thread__isnull=False, thread__removed_at__isnull=True, **shown
            )
            .annotate(thread_count=Count("thread"))
            .order_by("-thread_count", "name")[:limit]
        )

    return pagecache.cached_value(
        [scope("lists")], ("popular-tags", limit, public_only), count
    )


def _require_staff(user) -> None:
    if not (user and user.is_active and user.is_staff):
        raise PermissionDenied("Only staff change tags.")


def _remember_as_synonym(old_name: str, tag: Tag) -> None:
    name = normalise_tag_name(old_name)
    if name and name != tag.name:
        TagSynonym.objects.update_or_create(name=name, defaults={"tag": tag})


@transaction.atomic
def merge_tags(*, staff, tags: Iterable[Tag], into: str) -> Tag:
    """Move every post tagged with tags to the tag named into; delete the rest.

    The merged tags' names become synonyms of the tag kept, so new posts
    that name them get it. A post that had two of them keeps one. Synonyms
    that pointed at a merged tag point at the kept one.
    """
    _require_staff(staff)
    name = normalise_tag_name(into)
    if not name:
        raise ValidationError("Give the tag a name.")
    tags = list(tags)
    kept = Tag.objects.filter(name__iexact=name).first()
    if kept is None:
        kept = Tag.objects.create(name=name)
    merged = [tag for tag in tags if tag.pk != kept.pk]
    if not merged:
        return kept
    merged_ids = [tag.pk for tag in merged]
    already = set(
        TaggedItem.objects.filter(tag=kept).values_list("content_type_id", "object_id")
    )
    for item in TaggedItem.objects.filter(tag_id__in=merged_ids).order_by("pk"):
        key = (item.content_type_id, item.object_id)
        if key in already:
            item.delete()
        else:
            item.tag = kept
            item.save(update_fields=["tag"])
            already.add(key)
    TagSynonym.objects.filter(tag_id__in=merged_ids).update(tag=kept)
    for tag in merged:
        _remember_as_synonym(tag.name, kept)
    Tag.objects.filter(pk__in=merged_ids).delete()
    TagSynonym.objects.filter(name=kept.name).delete()
    names = ", ".join(sorted(tag.name for tag in merged))
    record(actor=staff, action="tag.merge", target=kept, reason=f"Merged: {names}")
    touch(scope("site"))
    return kept


def _free_slug(tag: Tag, name: str) -> str:
    taken = set(
        Tag.objects.exclude(pk=tag.pk)
        .filter(slug__startswith=tag.slugify(name))
        .values_list("slug", flat=True)
    )
    slug, i = tag.slugify(name), 1
    while slug in taken:
        slug, i = tag.slugify(name, i), i + 1
    return slug


@transaction.atomic
def rename_tag(*, staff, tag: Tag, name: str) -> Tag:
    """Give tag a new name (and address); the old name becomes its synonym.

    Renaming to the name of another tag merges the two.
    """
    _require_staff(staff)
    new_name = normalise_tag_name(name)
    if not new_name:
        raise ValidationError("Give the tag a name.")
    tag = Tag.objects.select_for_update().get(pk=tag.pk)
    other = Tag.objects.filter(name__iexact=new_name).exclude(pk=tag.pk).first()
    if other is not None:
        return merge_tags(staff=staff, tags=[tag], into=other.name)
    old_name = tag.name
    if new_name == old_name:
        return tag
    tag.name, tag.slug = new_name, _free_slug(tag, new_name)
    tag.save(update_fields=["name", "slug"])
    _remember_as_synonym(old_name, tag)
    TagSynonym.objects.filter(name=new_name).delete()
    record(actor=staff, action="tag.rename", target=tag, reason=f"Was: {old_name}")
    touch(scope("site"))
    return tag
