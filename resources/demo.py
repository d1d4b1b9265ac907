"""Demo resources for `manage.py seed_demo`: articles, external links, counts.

Every text here is written for this project. External links point at
well-known public health sites' topic pages. Resources are created through
the services; a month of daily view counts gives the sidebar a readership
to rank by. Safe to run again: a resource whose slug exists is left alone.
"""

import re
from datetime import timedelta

from django.utils import timezone

from forum.models import Forum

from . import services
from .models import Resource

RESOURCES: list[dict] = [
    {
        "slug": "simple-habits-for-brain-health",
        "title": "Simple habits for brain health",
        "summary": "Sleep, movement, company and blood pressure: the everyday "
        "things that help the brain most, and why.",
        "forums": [],
        "tags": ["memory", "sleep", "brain-health"],
        "pinned": 0,
        "days_ago": 40,
        "daily_views": 9,
        "body": """\
There is no single food, pill or puzzle that protects the brain. What the
evidence keeps pointing to is a handful of ordinary habits, kept up for years.

## Move most days

Walking briskly, cycling, swimming or dancing all count. Regular activity
helps blood flow to the brain, steadies mood and improves sleep. Aim for
something that leaves you slightly out of breath on most days of the week.

## Protect your sleep

During deep sleep the brain sorts the day's memories. A regular bedtime, a
dark and cool bedroom and less caffeine after midday help more than most
supplements.

## Know your blood pressure

High blood pressure quietly damages small blood vessels, including those in
the brain. Have it checked, and if it is high, treating it is one of the best
things you can do for your memory later in life.

## Stay in touch with people

Conversation, clubs, volunteering and learning new skills keep the brain
busy in ways that a crossword alone cannot.

## Look after your hearing

Untreated hearing loss makes the brain work harder and can leave people
isolated. If you often ask people to repeat themselves, ask for a hearing test.

None of these guarantee anything, but together they tilt the odds in your
favour, and they are good for the heart too.
""",
    },
    {
        "slug": "migraine-treatments-what-to-know",
        "title": "What to know about migraine treatments",
        "summary": "Treating an attack early, preventing attacks when they are "
        "frequent, and the painkiller trap to avoid.",
        "forums": ["headaches-migraine"],
        "tags": ["migraine", "headache", "medication-overuse"],
        "pinned": 1,
        "days_ago": 25,
        "daily_views": 14,
        "body": """\
Migraine treatment comes in two kinds: medicine for an attack, and
prevention when attacks are frequent or disabling.

## During an attack

- **Take it early.** Painkillers work best at the first sign of the headache,
  not after waiting to see if it gets worse.
- **Simple painkillers first.** For many people an anti-inflammatory or
  paracetamol, sometimes with an anti-sickness medicine, is enough.
- **Triptans** are migraine-specific medicines a doctor can prescribe when
  simple painkillers are not enough.
- Rest in a dark, quiet room and sip water if you can.

## The painkiller trap

Taking painkillers on many days each month can itself cause daily
headaches, called medication-overuse headache. Keep a headache diary and tell
your doctor if you need tablets on more than about two days a week.

## Prevention

If migraine takes several days a month from you, preventive treatment is
worth discussing. There are daily tablets, injections and other options; a
doctor will weigh them against your health and other medicines.

## When to get help quickly

A sudden, severe headache that peaks within seconds, a headache with fever and
a stiff neck, or one with new weakness, confusion or trouble speaking needs
urgent medical attention.
""",
    },
    {
        "slug": "common-causes-of-dizziness",
        "title": "Common causes of dizziness",
        "summary": "Spinning, light-headed or unsteady? The kind of dizziness "
        "you feel points to different causes.",
        "forums": ["dizziness-balance"],
        "tags": ["dizziness", "vertigo", "bppv"],
        "days_ago": 18,
        "daily_views": 11,
        "body": """\
"Dizzy" means different things to different people, and describing it well is
the best help you can give your doctor.

## A spinning feeling (vertigo)

The room seems to move, or you do. This usually comes from the inner ear.

- **BPPV**: short bursts of spinning when you roll over in bed or look up. Tiny
  crystals in the inner ear have moved; a simple head manoeuvre often fixes it.
- **Vestibular neuritis**: days of severe spinning, often after a cold, that
  slowly settle.
- **Vestibular migraine**: spells of dizziness in people with migraine, with
  or without a headache.

## Feeling light-headed or faint

Often from standing up quickly, not drinking enough, a drop in blood sugar,
some blood pressure medicines, or anxiety and fast breathing.

## Feeling unsteady on your feet

Problems with feeling in the feet, eyesight, some medicines, or the inner ear
on both sides can all make walking less steady, especially in the dark.

## Get urgent help

Dizziness with new weakness, numbness, double vision, slurred speech or a
drooping face, or with chest pain or fainting, needs emergency care.
""",
    },
    {
        "slug": "headache-types-at-a-glance",
        "title": "Headache types at a glance",
        "summary": "Tension-type, migraine, cluster and medication-overuse "
        "headaches: how they differ and what helps.",
        "forums": ["headaches-migraine", "neurology"],
        "tags": ["headache", "tension-headache", "migraine"],
        "days_ago": 60,
        "daily_views": 6,
        "body": """\
Most headaches are not a sign of anything serious. Knowing which kind you have
helps you choose what to do.

| Type | How it feels | Often helps |
| --- | --- | --- |
| Tension-type | Pressure like a band on both sides | Breaks, simple painkillers |
| Migraine | Throbbing, with sickness; light hurts | Early treatment, a dark room |
| Cluster | Severe pain by one eye, in bouts | Specialist treatment |
| Medication-overuse | Daily, with frequent tablets | Cutting down, with a doctor |

A headache diary, noting the time, what you were doing, sleep, food and any
tablets taken, often shows a pattern within a few weeks.

See a doctor if your headaches change in character, wake you from sleep, come
with other new symptoms, or start after the age of fifty.
""",
    },
    {
        "slug": "when-is-a-twitch-worth-a-doctors-visit",
        "title": "When is a twitch worth a doctor's visit?",
        "summary": "Most muscle twitches are harmless. These are the signs that "
        "mean it is time to get checked.",
        "forums": ["neurology"],
        "tags": ["twitching", "fasciculations", "anxiety"],
        "pinned": 2,
        "days_ago": 12,
        "daily_views": 16,
        "body": """\
Muscle twitches, small flickers under the skin, are very common. Eyelids,
calves and thumbs are favourite spots, and they often come with tiredness,
caffeine, exercise or stress.

## Usually harmless when

- the twitching comes and goes over days or weeks;
- your strength is normal: you can climb stairs, open jars and grip as before;
- there is no muscle wasting you can see.

## Worth a visit to your doctor when

- you notice **real weakness**, such as tripping, dropping things or trouble
  with buttons;
- a muscle looks **thinner** than the same one on the other side;
- the twitching comes with **cramps and stiffness** that keep getting worse;
- there are **problems swallowing or speaking**;
- it simply will not settle and worry about it is affecting your life.

A doctor can examine your strength and reflexes in a few minutes, which says
far more than any amount of reading online.
""",
    },
    {
        "slug": "what-research-says-about-alzheimers",
        "title": "What research says about Alzheimer's disease",
        "summary": "What is known about causes, risk and newer treatments, "
        "without the headlines.",
        "forums": ["memory-dementia"],
        "tags": ["alzheimers", "memory", "dementia"],
        "days_ago": 8,
        "daily_views": 7,
        "body": """\
Alzheimer's disease is the most common cause of dementia. Research moves
quickly, and headlines often run ahead of it. This is where things stand in
broad terms.

## What happens in the brain

Two proteins, amyloid and tau, build up in the brain over many years, long
before memory problems appear. Nerve cells are gradually lost, starting in
areas that handle new memories.

## Risk

Age is the biggest risk factor. Some genes raise the risk, but only a small
number of families carry genes that cause the disease directly. Research
suggests that a sizeable share of dementia is linked to things that can be
changed, such as high blood pressure, inactivity, smoking, hearing loss and
social isolation.

## Treatment

Older medicines can ease symptoms for a while. Newer antibody treatments
remove amyloid and modestly slow decline in some people at an early stage;
they need careful selection and monitoring, and they are not suitable for
everyone.

## If you are worried

Memory slips are common and often have other causes, such as poor sleep, low
mood, thyroid problems or medicines. A doctor can check these first.
""",
    },
    {
        "slug": "seizure-first-aid",
        "title": "Seizure first aid in five steps",
        "summary": "What to do, and what not to do, when someone near you has a "
        "seizure.",
        "forums": ["epilepsy-seizures", "neurology"],
        "tags": ["epilepsy", "first-seizure", "seizures"],
        "days_ago": 30,
        "daily_views": 5,
        "body": """\
1. **Stay calm and note the time** the seizure starts.
2. **Make the space safe**: move hard or sharp objects away and cushion the
   head with something soft.
3. **Do not hold them down** and never put anything in their mouth.
4. **When the jerking stops**, roll them onto their side so they can breathe
   easily, and stay with them until they are fully aware.
5. **Reassure them**: people are often confused and tired afterwards.

## Call an ambulance if

- it is their first seizure, or you do not know;
- the seizure lasts more than five minutes;
- another seizure follows before they recover;
- they are injured, pregnant, in water, or struggle to breathe afterwards.
""",
    },
    {
        "slug": "nhs-migraine-guide",
        "title": "Migraine: the NHS guide",
        "summary": "Symptoms, triggers and treatments explained by the UK's "
        "National Health Service.",
        "forums": ["headaches-migraine"],
        "tags": ["migraine"],
        "url": "https://www.nhs.uk/conditions/migraine/",
        "days_ago": 50,
        "daily_views": 8,
    },
    {
        "slug": "medlineplus-dizziness-and-vertigo",
        "title": "Dizziness and vertigo on MedlinePlus",
        "summary": "The US National Library of Medicine's overview, with links "
        "to tests and treatments.",
        "forums": ["dizziness-balance"],
        "tags": ["dizziness", "vertigo"],
        "url": "https://medlineplus.gov/dizzinessandvertigo.html",
        "days_ago": 45,
        "daily_views": 4,
    },
    {
        "slug": "nhs-insomnia-guide",
        "title": "Insomnia: causes and self-help",
        "summary": "The NHS page on sleeping badly: habits that help and when "
        "to see a GP.",
        "forums": ["sleep"],
        "tags": ["insomnia", "sleep"],
        "url": "https://www.nhs.uk/conditions/insomnia/",
        "days_ago": 35,
        "daily_views": 10,
    },
    {
        "slug": "who-headache-disorders",
        "title": "Headache disorders: WHO fact sheet",
        "summary": "How common headache disorders are worldwide and why they "
        "are so often under-treated.",
        "forums": [],
        "tags": ["headache"],
        "url": "https://www.who.int/news-room/fact-sheets/detail/headache-disorders",
        "days_ago": 90,
        "daily_views": 3,
    },
    {
        "slug": "nhs-epilepsy-guide",
        "title": "Epilepsy: the NHS guide",
        "summary": "Diagnosis, treatment and living with epilepsy, from the "
        "NHS website.",
        "forums": ["epilepsy-seizures"],
        "tags": ["epilepsy"],
        "url": "https://www.nhs.uk/conditions/epilepsy/",
        "days_ago": 20,
        "daily_views": 6,
    },
    {
        "slug": "nhs-pins-and-needles",
        "title": "Pins and needles: the NHS guide",
        "summary": "Common reasons for tingling in the hands and feet, and when "
        "it needs a doctor.",
        "forums": ["neurology"],
        "tags": ["tingling", "numbness"],
        "url": "https://www.nhs.uk/symptoms/pins-and-needles/",
        "days_ago": 28,
        "daily_views": 9,
    },
    {
        "slug": "nhs-multiple-sclerosis-guide",
        "title": "Multiple sclerosis: the NHS guide",
        "summary": "Early symptoms, how MS is diagnosed and the treatments "
        "available, from the NHS website.",
        "forums": ["neurology"],
        "tags": ["ms", "mri"],
        "url": "https://www.nhs.uk/conditions/multiple-sclerosis/",
        "days_ago": 70,
        "daily_views": 5,
    },
    {
        "slug": "caring-for-someone-with-dementia",
        "title": "Caring for someone with dementia at home",
        "summary": "Routines, safety and looking after yourself as a carer.",
        "forums": ["memory-dementia"],
        "tags": ["dementia", "caregiving"],
        # Scheduled: staff see it in the admin; readers see it next week.
        "days_ago": -7,
        "daily_views": 0,
        "body": """\
Caring for someone with dementia is demanding, and it changes as the
illness does. A steady daily routine, a calm tone and a home with fewer trip
hazards help the person you care for. Help for you matters as much: ask about
a carer's assessment, respite breaks and local support groups.
""",
    },
    {
        "slug": "restless-legs-draft",
        "title": "Restless legs: a short guide (draft)",
        "summary": "A draft staff are still writing: unpublished, so readers "
        "never see it.",
        "forums": ["sleep"],
        "tags": ["restless-legs", "sleep"],
        "published": False,
        "days_ago": 0,
        "daily_views": 0,
        "body": "Restless legs syndrome brings an urge to move the legs at "
        "night. To be continued.",
    },
]

VIEW_DAYS = 30


def seed(stdout) -> list[str]:
    """Create the demo resources and a month of their readership."""
    forums = {forum.slug: forum for forum in Forum.objects.all()}
    existing = set(Resource.objects.values_list("slug", flat=True))
    created = 0
    for data in RESOURCES:
        if data["slug"] in existing:
            continue
        resource = services.create_resource(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            body=_unwrap(data.get("body", "")),
            external_url=data.get("url", ""),
            forums=[forums[slug] for slug in data["forums"] if slug in forums],
            tags=data["tags"],
            is_published=data.get("published", True),
            published_at=timezone.now() - timedelta(days=data["days_ago"]),
            is_pinned="pinned" in data,
            position=data.get("pinned", 0),
        )
        _seed_views(resource, data["daily_views"], data["days_ago"])
        created += 1
    stdout.write(f"Resources: {created} demo resource(s) created.")
    return []


def _unwrap(text: str) -> str:
    """Join the hard-wrapped lines above into paragraphs and list items.

    Posts render single line breaks as breaks, as members type them.
    """
    lines: list[str] = []
    for line in text.splitlines():
        follows_text = lines and lines[-1] and not lines[-1].startswith(("#", "|"))
        starts_block = re.match(r"\s*$|[-*] |\d+\. |#|\|", line)
        if follows_text and not starts_block:
            lines[-1] = f"{lines[-1]} {line.strip()}"
        else:
            lines.append(line)
    return "\n".join(lines).strip()


def _seed_views(resource: Resource, per_day: int, days_ago: int) -> None:
    # A gentle weekly rhythm, so that the counts do not look machine-made.
    today = timezone.localdate()
    for back in range(min(VIEW_DAYS, max(days_ago, 0))):
        count = per_day + (back * 7 + resource.pk) % 5 - 2
        if count > 0:
            services.record_view(
                resource=resource, day=today - timedelta(days=back), count=count
            )
