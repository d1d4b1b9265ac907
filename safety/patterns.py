"""What the site recognises in a post's words, with no database: pure Python.

Three things, each with tests of its own (tests/safety/test_patterns.py):

- emergency signs and crisis language, in a small pattern language that
  staff write in the admin without knowing regular expressions
  (compile_phrases, and PATTERN_HELP for the admin's help text);
- negated mentions, which never count: "no weakness", "not drooping",
  "without any numbness", "my face isn't drooping";
- personal data a member may not mean to publish (find_personal_data): a
  phone number, an e-mail address, a street address or postcode, a date of
  birth, a person's full name next to a hospital or clinic.

The pattern language. A pattern is lines, each one way of saying the thing.
A line matches when its words appear in that order within one sentence,
with at most GAP other words between two of them:

    face/mouth droop*      "face" or "mouth", then a word starting "droop"
    worst headache ... life   "..." allows up to LONG_GAP words between
    self-harm              a hyphen joins two words that must be adjacent

Case, punctuation and apostrophes are ignored ("can't" is "cant"). A line
whose first word follows a negation in the same clause ("no", "not",
"without", "never", "didn't"...), within NEGATION_WINDOW words, or with a
negation between its words that the line does not itself spell out, does
not match. "Can't" and "unable" are not negations: "can't lift my arm" is
the sign itself.
"""

import functools
import re
from dataclasses import dataclass

# Other words allowed between two words of a line, and where it says "...".
GAP = 3
LONG_GAP = 10
# How far back, in words and within the clause, a negation reaches.
NEGATION_WINDOW = 4
MIN_STEM = 3
MAX_LINES = 60
MAX_WORDS = 8

PATTERN_HELP = (
    "One way of saying it per line; a line matches when its words appear in "
    "that order in one sentence, with up to three other words between them. "
    "Write face/mouth for either word, droop* for any word starting with "
    "“droop” (droops, drooping, droopy), and ... between two words to allow up "
    "to ten words there. / joins single words only: for “left side” or “right "
    "side” write left/right side, and give a phrase that words differently a "
    "line of its own. Capitals, punctuation and apostrophes do not matter. "
    "A mention after “no”, “not”, “without”, “never” and the like never counts. "
    "Lines starting with # are notes for staff."
)


class PatternError(ValueError):
    """Phrases that cannot be compiled: messages name the line and the fix."""

    def __init__(self, messages: list[str]):
        super().__init__(" ".join(messages))
        self.messages = messages


# --- Reading text. ----------------------------------------------------------

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
# Words (letters, inner apostrophes), numbers apart from letters ("5min" is
# "5" and "min"), and the marks that end a sentence or a clause. A line break
# ends a sentence only before a blank line or a list item: members' text is
# often wrapped mid-sentence.
_TOKEN = re.compile(
    r"(?P<word>[^\W\d_]+(?:'[^\W\d_]+)*|\d+)"
    r"|(?P<sentence>[.!?]+|\n(?=[ \t]*(?:\n|[-*+][ \t]|\d+[.)][ \t])))"
    r"|(?P<clause>[,;:()\[\]\u2013\u2014]|\s-\s)"
)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


NEGATIONS = _word_set(
    """no not never without none nor neither nothing nobody nowhere isnt
    arent wasnt werent dont doesnt didnt havent hasnt hadnt wont wouldnt
    shouldnt aint denies denied"""
)
# A negation followed by one of these negates nothing after it: "not sure
# if my face is drooping", "I don't know why my arm is weak", "no idea".
_NOT_NEGATING_BEFORE = _word_set("sure certain know knowing idea only just doubt mind")
# Words that start a new clause for negation: in "no fever and my face is
# drooping", the "no" is about the fever.
_CLAUSE_WORDS = _word_set(
    """and but although though however except yet whereas while whilst now
    then so because"""
)


def _normal(word: str) -> str:
    return word.lower().replace("'", "")


@dataclass(frozen=True)
class Document:
    """Text read once into words, for any number of patterns to search."""

    text: str
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    sentences: tuple[int, ...]
    clauses: tuple[int, ...]
    # Where each distinct word occurs.
    index: dict[str, tuple[int, ...]]

    def excerpt(self, first: int, last: int) -> str:
        return self.text[self.spans[first][0] : self.spans[last][1]]

    def is_negation(self, position: int) -> bool:
        if self.words[position] not in NEGATIONS:
            return False
        following = position + 1
        return not (
            following < len(self.words)
            and self.sentences[following] == self.sentences[position]
            and self.words[following] in _NOT_NEGATING_BEFORE
        )


def read(text: str) -> Document:
    """Read text into words, each with its sentence and clause."""
    text = text.translate(_QUOTES)
    words, spans, sentences, clauses = [], [], [], []
    index: dict[str, list[int]] = {}
    sentence = clause = 0
    for token in _TOKEN.finditer(text):
        kind = token.lastgroup
        if kind == "sentence":
            sentence += 1
            clause += 1
        elif kind == "clause":
            clause += 1
        else:
            word = _normal(token.group())
            index.setdefault(word, []).append(len(words))
            words.append(word)
            spans.append(token.span())
            sentences.append(sentence)
            clauses.append(clause)
            if word in _CLAUSE_WORDS:
                clause += 1
    return Document(
        text=text,
        words=tuple(words),
        spans=tuple(spans),
        sentences=tuple(sentences),
        clauses=tuple(clauses),
        index={word: tuple(positions) for word, positions in index.items()},
    )


# --- The pattern language. --------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One word of a line: any of some words, or of some stems."""

    words: frozenset[str]
    stems: tuple[str, ...]

    def matches(self, word: str) -> bool:
        return word in self.words or word.startswith(self.stems)

    def positions(self, document: Document) -> list[int]:
        found = [p for w in self.words for p in document.index.get(w, ())]
        if self.stems:
            found += [
                p
                for word, positions in document.index.items()
                if word.startswith(self.stems) and word not in self.words
                for p in positions
            ]
        return sorted(found)


@dataclass(frozen=True)
class Line:
    """One way of saying it: terms in order, with the gap allowed after each."""

    text: str
    terms: tuple[Term, ...]
    gaps: tuple[int, ...]  # gaps[i]: words allowed between terms i and i + 1


@dataclass(frozen=True)
class Found:
    """Where a line matched: its words' positions and the text they span."""

    line: Line
    positions: tuple[int, ...]
    excerpt: str


# Lines made only of these would match nearly every post.
_TOO_COMMON = _word_set(
    """a an the i me my we our you your he she it its they them his her and
    or but to of in on at for with is am are was were be been have has had do
    does did so if this that there then than as by from up"""
)
_ALTERNATIVE = re.compile(r"[^\W_]+\*?")
_ALLOWED = re.compile(r"[\w\s'/*.\-]")


def _line_errors(number: int, raw: str) -> tuple[list[str], list[str]]:
    """Return the line's parts (terms and "..."), or what is wrong with it."""
    where = f"Line {number} (“{raw}”)"
    bad = sorted({char for char in raw if not _ALLOWED.fullmatch(char)})
    if bad:
        shown = " ".join(f"“{char}”" for char in bad)
        return [], [
            f"{where}: {shown} is not part of the pattern language. Use / "
            "between words that mean the same, * at the end of a word stem, "
            "and ... for a gap."
        ]
    parts: list[str] = []
    errors: list[str] = []
    for token in raw.split():
        if token == "...":
            parts.append(token)
            continue
        if "." in token:
            errors.append(f"{where}: write a gap as three dots on their own: ...")
            continue
        if "-" in token and "/" in token:
            errors.append(
                f"{where}: “{token}” mixes - and /; write the joined words on "
                "a line of their own."
            )
            continue
        for count, piece in enumerate(p for p in token.split("-") if p):
            if count:
                parts.append("-")  # the pieces must be adjacent
            parts.append(piece)
    return parts, errors


def _term(where: str, part: str) -> tuple[Term | None, list[str]]:
    words, stems, errors = set(), [], []
    for alternative in part.split("/"):
        alternative = alternative.replace("'", "").lower()
        if not alternative:
            errors.append(f"{where}: “{part}” has an empty choice; remove the extra /.")
            continue
        if not _ALTERNATIVE.fullmatch(alternative):
            errors.append(f"{where}: * goes only at the end of a word (“{part}”).")
            continue
        if alternative.endswith("*"):
            stem = alternative[:-1]
            if len(stem) < MIN_STEM:
                errors.append(
                    f"{where}: “{alternative}” is too short a stem and would "
                    f"match too many words; give at least {MIN_STEM} letters."
                )
                continue
            stems.append(stem)
        else:
            words.add(alternative)
    if errors:
        return None, errors
    return Term(words=frozenset(words), stems=tuple(stems)), []


def _compile_line(number: int, raw: str) -> tuple[Line | None, list[str]]:
    where = f"Line {number} (“{raw}”)"
    parts, errors = _line_errors(number, raw)
    if errors:
        return None, errors
    terms: list[Term] = []
    gaps: list[int] = []
    pending_gap = GAP
    for index, part in enumerate(parts):
        if part in ("...", "-"):
            if not terms or index == len(parts) - 1 or parts[index + 1] == "...":
                return None, [
                    f"{where}: ... goes between two words, never at the start "
                    "or end of a line or twice in a row."
                ]
            pending_gap = LONG_GAP if part == "..." else 0
            continue
        term, term_errors = _term(where, part)
        if term_errors:
            errors.extend(term_errors)
            continue
        if terms:
            gaps.append(pending_gap)
        terms.append(term)
        pending_gap = GAP
    if errors:
        return None, errors
    if len(terms) > MAX_WORDS:
        return None, [f"{where}: use at most {MAX_WORDS} words on a line."]
    if all(term.words <= _TOO_COMMON and not term.stems for term in terms):
        return None, [
            f"{where}: these words appear in almost every post; add the words "
            "that make it an emergency."
        ]
    return Line(text=raw, terms=tuple(terms), gaps=tuple(gaps)), []


@functools.lru_cache(maxsize=512)
def compile_phrases(text: str) -> tuple[Line, ...]:
    """Compile staff's phrases, one way of saying it per line, or raise PatternError."""
    lines: list[Line] = []
    errors: list[str] = []
    numbered = [
        (number, raw.strip())
        for number, raw in enumerate(text.splitlines(), start=1)
        if raw.strip() and not raw.strip().startswith("#")
    ]
    if not numbered:
        raise PatternError(["Write at least one line of words to look for."])
    if len(numbered) > MAX_LINES:
        raise PatternError([f"Use at most {MAX_LINES} lines; split the pattern."])
    for number, raw in numbered:
        line, line_errors = _compile_line(number, raw)
        errors.extend(line_errors)
        if line is not None:
            lines.append(line)
    if errors:
        raise PatternError(errors)
    return tuple(lines)


def _paths(document: Document, line: Line, start: int):
    """Yield each way line's terms follow one another from start, earliest first."""

    def extend(term_index: int, previous: int, path: tuple[int, ...]):
        if term_index == len(line.terms):
            yield path
            return
        term, gap = line.terms[term_index], line.gaps[term_index - 1]
        limit = min(previous + gap + 2, len(document.words))
        for position in range(previous + 1, limit):
            if document.sentences[position] != document.sentences[start]:
                return
            if term.matches(document.words[position]):
                yield from extend(term_index + 1, position, (*path, position))

    yield from extend(1, start, (start,))


def _is_negated(document: Document, positions: tuple[int, ...]) -> bool:
    first, last = positions[0], positions[-1]
    matched = set(positions)
    if any(document.is_negation(p) for p in range(first + 1, last) if p not in matched):
        return True
    for position in range(first - 1, max(first - 1 - NEGATION_WINDOW, -1), -1):
        if document.clauses[position] != document.clauses[first]:
            return False
        if document.is_negation(position):
            return True
    return False


def search(lines: tuple[Line, ...], document: Document) -> Found | None:
    """Return the first place any of lines matches document, not negated."""
    for line in lines:
        for start in line.terms[0].positions(document):
            # A few ways for the same start is plenty: the earliest usually.
            for count, positions in enumerate(_paths(document, line, start)):
                if count >= 8:
                    break
                if not _is_negated(document, positions):
                    return Found(
                        line=line,
                        positions=positions,
                        excerpt=document.excerpt(positions[0], positions[-1]),
                    )
    return None


def matches(phrases: str, text: str) -> Found | None:
    """Return where phrases (staff's lines) match text, or None: for one-off use."""
    return search(compile_phrases(phrases), read(text))


# --- Personal data. ---------------------------------------------------------


@dataclass(frozen=True)
class PersonalData:
    """Something in a post that looks like personal data, and where it is."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def label(self) -> str:
        return PERSONAL_DATA_LABELS[self.kind]


PERSONAL_DATA_LABELS = {
    "phone": "a phone number",
    "email": "an e-mail address",
    "address": "a street address",
    "postcode": "a postcode",
    "birth_date": "a date of birth",
    "name_at_clinic": "a person's full name next to a hospital or clinic",
}

# A run of digits with the separators phone numbers are written with; which
# runs are phone numbers is decided by _is_phone.
_DIGIT_RUN = re.compile(r"(?<![\w/.+-])\+?\(?\d[\d \t().-]*\d\)?(?![\w/]|[.-]\d)")
_GROUP = re.compile(r"\d+")


def _is_phone(run: str) -> bool:
    groups = _GROUP.findall(run)
    digits = sum(map(len, groups))
    separators = re.split(r"\d+", run.lstrip("+"))[1:-1]
    # Numbers with long gaps between them are several numbers, not one.
    if any(len(separator) > 2 for separator in separators):
        return False
    if "." in run and len(groups) == 2:
        return False  # a decimal
    if run.startswith("+"):
        return 8 <= digits <= 15
    first = groups[0]
    if first.startswith("0"):
        # UK, Irish, Australian, French... national numbers; a lone "0"
        # starts a scale ("0 10 20 30"), not a number.
        return 10 <= digits <= 11 and len(first) > 1
    lengths = [len(group) for group in groups]
    # North American: 555 123 4567, (555) 123-4567, 1-800-555-0199.
    if lengths in ([3, 3, 4], [1, 3, 3, 4]) and (len(groups) == 3 or first == "1"):
        return True
    return lengths == [10] and first[0] in "23456789"


_EMAIL = re.compile(r"[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# jo (at) example (dot) com, jo at example dot com, jo [at] example.com
_SPELLED_EMAIL = re.compile(
    r"(?i)\b[\w.+-]+(?:\s*[(\[{]at[)\]}]\s*|\s+at\s+)[\w-]+"
    r"(?:\s*[(\[{]dot[)\]}]\s*|\s+dot\s+|\.)"
    r"(?:com|org|net|co\.uk|co|uk|ie|ca|au|nz|edu)\b(?!-)"
)
_STREET_WORDS = (
    r"Street|Road|Avenue|Lane|Drive|Close|Way|Court|Crescent|Place|Terrace|"
    r"Grove|Gardens|Boulevard|Square|Mews|Parade|Row|Hill|Walk"
)
_STREET_SHORT = r"St|Rd|Ave|Ln|Dr|Ct|Pl|Sq|Blvd|Cres|Gdns"
# 12 Elm Street, 221B Baker St, 4 Privet Drive: capitalised names...
_ADDRESS = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:[A-Z][\w'\u2019-]*\s+){{1,3}}"
    rf"(?:(?i:{_STREET_WORDS})|{_STREET_SHORT})\b"
)
# ...or written in lower case, with a full street word: 12 elm street.
_LOWER_ADDRESS = re.compile(
    r"\b\d{1,5}[a-z]?\s+(?P<name>[a-z]{3,})\s+(?:street|road|avenue|lane|drive|"
    r"close|crescent|terrace|grove|gardens|boulevard)\b"
)
# Words that follow a number without naming a street: "a 5 minute drive".
_NOT_STREET_NAMES = _word_set(
    """minute minutes min mins hour hours day days week weeks month months
    year years mile miles metre metres meter meters yard yards foot feet
    more times time lane the long short steep"""
)
# Outward code, then inward code, whose letters never include C I K M O V
# (so "B12 4MG" is a vitamin dose, not a postcode).
_POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b")
# Springfield, IL 62704: a state and a ZIP code after a town.
_ZIP = re.compile(r",\s*(?P<place>[A-Z]{2}\s+\d{5}(?:-\d{4})?)\b")

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|{_DAY}\s+(?:of\s+)?{_MONTHS}\.?(?:,?\s+\d{{4}})?"
    rf"|{_MONTHS}\.?\s+{_DAY}(?:,?\s+\d{{4}})?"
    rf"|{_MONTHS}\.?\s+\d{{4}})"
)
# A date of birth is a date that says it is one; "on 3 May" or "for 3 weeks"
# alone is not.
_BIRTH_DATE = re.compile(
    rf"(?i)\b(?:born|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday)"
    rf"(?:\s+is|\s+was|\s+on|\s+in|\s+the|[\s:,-])*\s*(?P<date>{_DATE})(?!\w)"
)

_FACILITY_WORDS = (
    r"Hospital|Clinic|Infirmary|Hospice|Surgery|Medical\s+Cent(?:re|er)|"
    r"Health\s+Cent(?:re|er)|Medical\s+Practice|Practice"
)
_CAPITALISED = r"[A-Z][\w'\u2019.&-]*"
# St Mary's Hospital, Riverside Clinic, Leeds General Infirmary.
_NAMED_FACILITY = re.compile(
    rf"(?:{_CAPITALISED}\s+){{1,4}}(?:{_FACILITY_WORDS})\b"
    rf"|\b(?:Hospital|Clinic|Infirmary)\s+of\s+(?:{_CAPITALISED}\s*){{1,3}}"
)
_ANY_FACILITY = re.compile(
    r"(?i)\b(?:hospital|clinic|infirmary|hospice|surgery|a&e|gp practice|"
    r"medical cent(?:re|er)|health cent(?:re|er))\b"
)
_TITLES = r"Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Nurse|Sister"
_NAME_WORD = r"[A-Z][a-z]+(?:['\u2019-][A-Za-z][a-z]+)?"
_TITLE = re.compile(rf"(?:{_TITLES})\.?")
_TITLED_NAME = re.compile(rf"\b(?:{_TITLES})\.?\s+{_NAME_WORD}(?:\s+{_NAME_WORD})?")
_NAME_RUN = re.compile(rf"\b{_NAME_WORD}(?:\s+{_NAME_WORD})+")
# Capitalised words that are not names: sentence openers, days, months,
# and the words of medicine that people capitalise.
_NOT_NAMES = _word_set(
    """i a an the my our your his her their we they he she it this that these
    those when after before during last next yesterday today tomorrow then
    there here what why how where who which if so but and or also since until
    monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december
    st saint royal general university county district city community national
    children childrens women womens memorial regional central hospital clinic
    infirmary hospice surgery practice medical health centre center ward unit
    department emergency accident care intensive neurology cardiology stroke
    disease syndrome palsy sclerosis dementia epilepsy migraine service
    services team trust foundation nhs doctor nurse consultant mum mom dad
    mother father husband wife son daughter brother sister grandma grandad
    english british american irish scottish welsh god"""
)
# How far, in characters, a name may be from the hospital it is next to.
_NEAR = 60


def _names(text: str) -> list[tuple[int, int]]:
    """Return the spans of what look like people's names in text."""
    spans = [match.span() for match in _TITLED_NAME.finditer(text)]
    for match in _NAME_RUN.finditer(text):
        words = match.group().split()
        start = match.start()
        # Drop leading words that are not names ("Yesterday Sarah Jones").
        while words and _normal(words[0]) in _NOT_NAMES:
            start += len(words[0]) + 1
            start = text.index(words[1], start) if len(words) > 1 else start
            words = words[1:]
        if len(words) >= 2 and not any(_normal(w) in _NOT_NAMES for w in words):
            spans.append((start, match.end()))
    return spans


def _names_at_clinics(text: str) -> list[PersonalData]:
    facilities = [m.span() for m in _NAMED_FACILITY.finditer(text)]
    anywhere = [m.span() for m in _ANY_FACILITY.finditer(text)]
    found = []
    for start, end in _names(text):
        # A name that is part of the hospital's own is not a person's.
        if any(f_start <= start < f_end for f_start, f_end in facilities):
            continue
        words = text[start:end].split()
        if _TITLE.fullmatch(words[0]):
            words = words[1:]
        full = len(words) >= 2
        # A full name next to any hospital; "Dr Patel" only next to a named one.
        near = anywhere + facilities if full else facilities
        if any(
            f_start - _NEAR <= end and start <= f_end + _NEAR for f_start, f_end in near
        ):
            found.append(PersonalData("name_at_clinic", text[start:end], start, end))
    return found


def find_personal_data(text: str) -> list[PersonalData]:
    """Return what in text looks like personal data, in reading order.

    Each finding is shown to the member before their post is public; it is a
    gentle hint, so a miss costs little and a false alarm costs a click.
    """
    text = text.translate(_QUOTES)
    found: list[PersonalData] = []
    for match in _DIGIT_RUN.finditer(text):
        run = match.group().strip()
        if _is_phone(run):
            start = match.start() + match.group().index(run)
            found.append(PersonalData("phone", run, start, start + len(run)))
    for pattern in (_EMAIL, _SPELLED_EMAIL):
        found += _all("email", pattern, text)
    found += _all("address", _ADDRESS, text)
    found += [
        item
        for item in _all("address", _LOWER_ADDRESS, text)
        if item.text.split()[1] not in _NOT_STREET_NAMES
    ]
    found += _all("postcode", _POSTCODE, text)
    found += _all("address", _ZIP, text, group="place")
    found += _all("birth_date", _BIRTH_DATE, text)
    found += _names_at_clinics(text)
    return _without_overlaps(found)


def _all(kind: str, pattern: re.Pattern, text: str, group: int | str = 0):
    return [
        PersonalData(kind, m.group(group), m.start(group), m.end(group))
        for m in pattern.finditer(text)
    ]


def _without_overlaps(found: list[PersonalData]) -> list[PersonalData]:
    """Keep the longest of findings that overlap, in reading order."""
    kept: list[PersonalData] = []
    for item in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept
