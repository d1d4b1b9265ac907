"""Text for the benchmark community, written for this project.

Bodies are assembled from the sentences below by a seeded random generator:
a few hundred distinct threads and replies, reused across the whole data
set, so that Markdown is rendered only once per distinct body.
"""

import random

FORUMS = [
    ("Neurology", "neurology", "Headaches, numbness, tremor, memory and nerves."),
    ("Heart health", "heart-health", "Palpitations, blood pressure and circulation."),
    ("Sleep", "sleep", "Insomnia, snoring, restless legs and tiredness."),
    ("Mental health", "mental-health", "Anxiety, low mood and stress."),
    ("Digestive health", "digestive-health", "Stomach, bowel and food troubles."),
    ("Skin", "skin", "Rashes, itching, eczema and moles."),
    ("Diabetes", "diabetes", "Blood sugar, diet and living with diabetes."),
    ("Ear, nose and throat", "ear-nose-throat", "Hearing, balance and sinuses."),
]
# Share of threads per forum, in FORUMS order: one big forum and a long tail,
# so that the big forum has a page 200 at the large size.
FORUM_WEIGHTS = [50, 12, 10, 9, 7, 5, 4, 3]

# A word most thread bodies contain, and a phrase only a handful of titles do:
# the runner searches for both.
COMMON_WORD = "headache"
RARE_PHRASE = '"scuba diving"'
RARE_TITLE = "Ear pressure and vertigo after scuba diving"
RARE_TITLE_COUNT = 5

LONG_THREAD_TITLE = "Ten years of migraines: what finally helped you?"

SYMPTOMS = [
    "tingling in my hands",
    "a dull headache behind one eye",
    "ringing in my ears",
    "numb toes in the morning",
    "dizziness when I stand up",
    "a twitching eyelid",
    "pins and needles in my feet",
    "brain fog after lunch",
    "a racing heart at night",
    "an itchy rash on my arms",
    "heartburn after dinner",
    "trouble falling asleep",
    "a tremor in my right hand",
    "aching legs at night",
    "sudden tiredness in the afternoon",
    "a stiff neck every morning",
    "flashing lights in one eye",
    "a pounding headache when I bend over",
    "cramps in my calves",
    "a burning feeling in my feet",
    "forgetting words mid sentence",
    "a blocked ear that comes and goes",
    "shortness of breath on stairs",
    "waking up at four every night",
    "a dry cough that will not stop",
    "jaw pain when I chew",
    "a weak grip in my left hand",
    "dry patches on my elbows",
    "bloating after most meals",
    "a heavy feeling in my chest",
    "feeling faint in hot showers",
    "pain behind my knee",
    "a spinning feeling when I turn in bed",
    "restless legs in the evening",
    "blurred vision when I am tired",
    "tightness across my forehead",
]
CONTEXTS = [
    "for three weeks",
    "since starting a new job",
    "after a bad cold",
    "when I go running",
    "only at night",
    "since my fortieth birthday",
    "after long drives",
    "on and off for a year",
    "since changing my medication",
    "after too much coffee",
    "during exams",
    "after a fall last month",
    "every weekend",
    "since the clocks changed",
    "after working at a screen all day",
    "since my pregnancy",
    "after a flight",
    "whenever it rains",
]
TITLE_PATTERNS = [
    "{Symptom} {context}",
    "Anyone else get {symptom} {context}?",
    "Should I worry about {symptom}?",
    "{Symptom} {context}: what helped you?",
    "Is {symptom} {context} normal?",
    "Advice please: {symptom} {context}",
]

OPENINGS = [
    "I am in my thirties and usually fit and well, which is why this worries me.",
    "I have read a lot of threads here and finally decided to ask my own question.",
    "Some background first: I work long shifts and do not always sleep enough.",
    "I am fifty-two, I walk most days and I have never had anything like this.",
    "My partner finally persuaded me to post here, so here goes.",
    "This has been going on long enough that I want to hear other experiences.",
    "I know nobody here can diagnose me, but I would value your thoughts.",
    "I am a teacher, on my feet all day, and I started noticing this in spring.",
]
DETAILS = [
    "It started with {symptom} and it has not really settled since.",
    "The main thing is {symptom}, which seems worse when I am tired.",
    "Most days I notice {symptom}, usually for an hour or two.",
    "It began as {symptom} and now I also feel more tired than usual.",
    "Along with {symptom} I sometimes feel a bit light-headed.",
    "There is no pattern I can find: {symptom} comes and goes.",
]
HISTORY = [
    "My doctor checked my blood pressure and said it was fine.",
    "I saw my doctor last month and had blood tests, which came back normal.",
    "I have cut down on coffee and I drink more water, but nothing has changed.",
    "My doctor suggested keeping a diary, so I have been writing everything down.",
    "I tried stretching every morning for two weeks and it helped a little.",
    "My family doctor thinks it may be stress, and I am not so sure.",
    "I take a low dose of vitamin D and nothing else at the moment.",
    "I have an appointment with my doctor in two weeks and want to be prepared.",
    "The pharmacist suggested a few things to try before I see a doctor.",
    "I have had migraines since I was a teenager, but this feels different.",
    "Sleep has been poor lately, maybe five or six hours a night.",
    "I went to an urgent care clinic once and they sent me home reassured.",
    "My doctor referred me to a specialist, but the waiting list is long.",
    "Nobody else in my family has had anything like it as far as I know.",
]
QUESTIONS = [
    "Has anyone had something similar, and what did your doctor say?",
    "What questions should I ask at my appointment?",
    "Did anything help you while you waited for tests?",
    "Is this worth pushing my doctor about, or am I overthinking it?",
    "How long did it take for yours to settle?",
    "Would a diary of symptoms be useful to bring along?",
    "Any tips for explaining this clearly to a doctor in ten minutes?",
]
LIST_ITEMS = [
    "worse in the evening",
    "better after a walk",
    "no change with painkillers",
    "worse after screens",
    "better on holiday",
    "worse with caffeine",
    "no fever or weight loss",
]

REPLY_SENTENCES = [
    "I had almost exactly the same thing last spring.",
    "Mine settled after about six weeks, so there is hope.",
    "Please do mention it to your doctor, it is worth ruling things out.",
    "Keeping a symptom diary made my appointment much more useful.",
    "Cutting back on caffeine helped me more than I expected.",
    "My doctor ordered a few blood tests and found low iron.",
    "It turned out to be related to my posture at work.",
    "I would ask about a referral if it keeps going for much longer.",
    "Stress made mine much worse, and it eased when things calmed down.",
    "Drinking more water and regular meals made a difference for me.",
    "I found that a short walk after lunch helped with the fog.",
    "Do not panic: most of the time this turns out to be something simple.",
    "If it gets suddenly worse or you feel weak on one side, get help at once.",
    "My physiotherapist gave me some exercises that really helped.",
    "Sleep was the key for me; once I fixed my routine it faded.",
    "It took a while, but writing down what I ate showed a clear pattern.",
    "I was told it is common and usually harmless, which was a relief.",
    "Hang in there, and let us know what your doctor says.",
    "I had tests too and everything was normal, which was reassuring.",
    "The waiting is the hardest part, I know the feeling.",
]
PROFESSIONAL_SENTENCES = [
    "Symptoms like these have many common and harmless causes.",
    "A doctor who can examine you is the right person to sort out which it is.",
    "It is worth noting when it happens, how long it lasts and what eases it.",
    "Seek urgent care for sudden weakness, confusion or the worst headache of "
    "your life.",
    "Blood tests for iron, B12 and thyroid function are a common first step.",
]

RESOURCE_TOPICS = [
    "migraine",
    "tension headaches",
    "sleep hygiene",
    "tinnitus",
    "vertigo",
    "nerve pain",
    "restless legs",
    "palpitations",
    "blood pressure",
    "eczema",
    "heartburn",
    "anxiety",
    "low mood",
    "type 2 diabetes",
    "back pain",
    "fatigue",
    "memory lapses",
]
RESOURCE_PATTERNS = [
    "Understanding {topic}",
    "Living with {topic}: a practical guide",
    "When to see a doctor about {topic}",
]

TAGS = [
    "migraine",
    "headache",
    "numbness",
    "tingling",
    "tremor",
    "vertigo",
    "tinnitus",
    "sleep",
    "insomnia",
    "fatigue",
    "anxiety",
    "stress",
    "palpitations",
    "blood-pressure",
    "rash",
    "eczema",
    "heartburn",
    "bloating",
    "diabetes",
    "blood-tests",
    "referral",
    "medication",
    "exercise",
    "diet",
    "caffeine",
    "posture",
    "vision",
    "memory",
    "balance",
    "pain",
]

ADJECTIVES = [
    "calm", "quiet", "bright", "gentle", "steady", "curious", "hopeful", "patient",
    "brave", "kind", "sunny", "tired", "early", "late", "busy", "careful",
]  # fmt: skip
NOUNS = [
    "walker", "reader", "gardener", "runner", "baker", "sailor", "painter",
    "teacher", "cyclist", "swimmer", "hiker", "knitter", "owl", "sparrow",
]  # fmt: skip
PROFESSIONAL_TITLES = [
    ("Neurology", "Neurologist"),
    ("General practice", "General practitioner"),
    ("Cardiology", "Cardiologist"),
    ("Sleep medicine", "Sleep physician"),
    ("Dermatology", "Dermatologist"),
]


def thread_title(rng: random.Random) -> str:
    """Return a question title built from a symptom and its context."""
    symptom = rng.choice(SYMPTOMS)
    pattern = rng.choice(TITLE_PATTERNS)
    return pattern.format(
        symptom=symptom,
        Symptom=symptom[0].upper() + symptom[1:],
        context=rng.choice(CONTEXTS),
    )


def thread_body(rng: random.Random) -> str:
    """Return a Markdown question of about 150 words."""
    symptom = rng.choice(SYMPTOMS)
    first = [rng.choice(OPENINGS), rng.choice(DETAILS).format(symptom=symptom)]
    history = rng.sample(HISTORY, 4)
    paragraphs = [" ".join(first), " ".join(history[:2]), " ".join(history[2:])]
    if rng.random() < 0.3:
        items = rng.sample(LIST_ITEMS, 3)
        paragraphs.append(
            "What I have noticed:\n\n" + "\n".join(f"- {i}" for i in items)
        )
    paragraphs.append(" ".join(rng.sample(QUESTIONS, 2)))
    if rng.random() < 0.2:
        paragraphs[-1] = paragraphs[-1].replace("doctor", "**doctor**", 1)
    return "\n\n".join(paragraphs)


def reply_body(rng: random.Random, *, professional: bool = False) -> str:
    """Return a Markdown reply of 20 to 100 words."""
    count = rng.randint(2, 6)
    pool = PROFESSIONAL_SENTENCES if professional else REPLY_SENTENCES
    sentences = rng.sample(pool, min(count, len(pool)))
    if len(sentences) > 3:
        return " ".join(sentences[:2]) + "\n\n" + " ".join(sentences[2:])
    return " ".join(sentences)


def resource_body(rng: random.Random, topic: str) -> str:
    """Return a Markdown article of a few hundred words about topic."""
    sections = []
    for heading in ("What it is", "What helps", "When to see a doctor"):
        sentences = rng.sample(REPLY_SENTENCES + PROFESSIONAL_SENTENCES, 5)
        sections.append(f"## {heading}\n\n" + " ".join(sentences))
    return f"A short guide to {topic}.\n\n" + "\n\n".join(sections)
