"""Names and addresses that cannot pass for someone else's.

A name is compared by its skeleton: NFKC (full-width letters, ligatures and
the Kelvin sign become plain letters), the Cyrillic and Greek letters that
look Latin mapped to the Latin ones, then case folding. Two names with one
skeleton look alike on the page, so only one member may hold it; reserved
names (the ones staff and the system speak with) are held by nobody.
"""

import unicodedata

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError

from core.text import is_invisible

# Names a reader could take for staff, the site or the system, and the
# site's own words (its addresses among them). Compared by skeleton and
# without separators, so "Ad_min" and "health.forum" are reserved too.
RESERVED_USERNAMES = [
    "abuse",
    "account",
    "accounts",
    "admin",
    "administrator",
    "anon",
    "anonymous",
    "api",
    "ask",
    "bot",
    "contact",
    "deleted",
    "doctor",
    "forum",
    "forums",
    "guest",
    "healthforum",
    "healthforumteam",
    "healthz",
    "help",
    "helpdesk",
    "hostmaster",
    "info",
    "login",
    "logout",
    "medicalprofessional",
    "member",
    "members",
    "mod",
    "moderator",
    "moderators",
    "mods",
    "noreply",
    "none",
    "null",
    "nurse",
    "official",
    "owner",
    "postmaster",
    "preferences",
    "removed",
    "resources",
    "root",
    "search",
    "security",
    "signup",
    "staff",
    "superuser",
    "support",
    "sysadmin",
    "system",
    "team",
    "threads",
    "undefined",
    "unknown",
    "verified",
    "webmaster",
]

# Cyrillic and Greek letters drawn like Latin ones, both cases, mapped
# before case folding (a capital Greek eta looks like H, its small form
# does not). A small subset of Unicode's confusables, for the scripts most
# often used to imitate Latin names.
CONFUSABLES = str.maketrans(
    {
        # Cyrillic capitals
        "А": "A", "В": "B", "Е": "E", "З": "3", "Ѕ": "S", "І": "I", "Ј": "J",
        "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
        "У": "Y", "Х": "X", "Ү": "Y", "Һ": "H", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "l",
        # Cyrillic small letters
        "а": "a", "е": "e", "ѕ": "s", "і": "i", "ј": "j", "о": "o", "р": "p",
        "с": "c", "у": "y", "х": "x", "ү": "y", "һ": "h", "ԁ": "d", "ԛ": "q",
        "ԝ": "w", "ӏ": "l",
        # Latin letters drawn like other Latin letters
        "ɡ": "g", "ı": "i",
        # Greek capitals
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K",
        "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
        "Ϲ": "C", "Ϳ": "J",
        # Greek small letters
        "α": "a", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
        "υ": "u", "χ": "x", "ϲ": "c", "ϳ": "j", "ω": "w", "γ": "y",
    }
)  # fmt: skip

# Scripts whose letters imitate each other: a name may use one of them.
CONFUSABLE_SCRIPTS = {"LATIN", "CYRILLIC", "GREEK"}
SEPARATORS = str.maketrans("", "", "._-+@")
SKELETON_MAX_LENGTH = 600

RESERVED_MESSAGE = (
    "That name is kept for the site and its staff, so readers are not misled. "
    "Please choose another."
)
COMPATIBILITY_MESSAGE = (
    "Use ordinary letters and digits: this name has styled characters "
    "(full-width letters, ligatures or symbols that look like letters)."
)
MIXED_SCRIPTS_MESSAGE = (
    "This name mixes letters from different alphabets (for example a Cyrillic "
    "\u201ca\u201d among Latin letters), so it could pass for another name. "
    "Please use one alphabet."
)
INVISIBLE_MESSAGE = "Use only characters readers can see; this name has blank ones."


def skeleton(text: str) -> str:
    """Return the form text takes once look-alike differences are removed."""
    text = unicodedata.normalize("NFKC", text).translate(CONFUSABLES)
    text = unicodedata.normalize("NFKC", text.casefold())
    return text[:SKELETON_MAX_LENGTH]


def scripts(text: str) -> set[str]:
    """Return the scripts of the letters in text, named as Unicode names them."""
    found = set()
    for char in text:
        if unicodedata.category(char).startswith("L"):
            found.add(unicodedata.name(char, "UNKNOWN").split(" ", 1)[0])
    return found


def has_confusable_mix(text: str) -> bool:
    """Return whether text mixes Latin, Cyrillic and Greek letters."""
    normal = unicodedata.normalize("NFKC", text)
    return len(scripts(normal) & CONFUSABLE_SCRIPTS) > 1


_RESERVED_SKELETONS = {
    skeleton(name).translate(SEPARATORS) for name in RESERVED_USERNAMES
}


# Erased accounts are renamed "former-member-..." (privacy.services); nobody
# may take a name that reads like one.
_RESERVED_PREFIXES = (skeleton("formermember"),)


def is_reserved(username: str) -> bool:
    """Return whether username looks like one of the reserved names."""
    bare = skeleton(username).translate(SEPARATORS)
    return bare in _RESERVED_SKELETONS or bare.startswith(_RESERVED_PREFIXES)


def validate_not_reserved(username: str) -> None:
    if is_reserved(username):
        raise ValidationError(RESERVED_MESSAGE, code="reserved")


def validate_plain_characters(username: str) -> None:
    """Refuse blank characters and ones NFKC would change (styled letters)."""
    if any(is_invisible(char) for char in username):
        raise ValidationError(INVISIBLE_MESSAGE, code="invisible")
    if unicodedata.normalize("NFKC", username) != username:
        raise ValidationError(COMPATIBILITY_MESSAGE, code="compatibility")


def validate_one_script(username: str) -> None:
    if has_confusable_mix(username):
        raise ValidationError(MIXED_SCRIPTS_MESSAGE, code="mixed_scripts")


# ACCOUNT_USERNAME_VALIDATORS replaces the model field's validators, so the
# character rule Django's User has is listed again first.
username_validators = [
    UnicodeUsernameValidator(),
    validate_not_reserved,
    validate_plain_characters,
    validate_one_script,
]


# --- E-mail addresses. ---------------------------------------------------------

EMAIL_MIXED_SCRIPTS_MESSAGE = (
    "This address mixes letters from different alphabets (for example a "
    "Cyrillic \u201ca\u201d among Latin letters). Please type it in one alphabet."
)
EMAIL_LOOKALIKE_MESSAGE = (
    "This address cannot be used: it looks the same as an address already "
    "registered here. Check each character, or use another address."
)


def email_skeleton(address: str) -> str:
    """Return the form an e-mail address takes once look-alikes are removed."""
    return skeleton(address)


def validate_email_one_script(address: str) -> None:
    """Refuse an address whose local part or a domain label mixes scripts."""
    local, _, domain = address.rpartition("@")
    if any(has_confusable_mix(part) for part in [local, *domain.split(".")]):
        raise ValidationError(EMAIL_MIXED_SCRIPTS_MESSAGE, code="mixed_scripts")
