"""The patterns and crisis lines a new site starts with; staff edit them in the admin.

Written in our own words. Each emergency sign is one that calls for an
ambulance rather than an answer from the forum; the crisis lines are the
national, free, round-the-clock ones of their countries.
"""

from django.db import migrations

PATTERNS = [
    {
        "kind": "emergency",
        "position": 10,
        "name": "Face drooping",
        "phrases": """
            face/mouth/smile/lip/lips/cheek droop*
            droop* face/mouth/smile/lip/lips/cheek
            droop* on one side
            face/mouth/smile ... lopsided/crooked/slack/sagging/sagged/fallen
            lopsided/crooked smile/face/mouth
            side of my/his/her/their face ... droop*/numb*/paralys*/paralyz*/slack/frozen
            side of my/his/her/their face ... not/wasnt/isnt/wont/wouldnt/couldnt/cant move/moving
            half my/his/her/their face ... droop*/numb*/paralys*/paralyz*/slack/frozen
        """,
        "message": (
            "A face that droops on one side, especially with a weak arm or "
            "unclear speech, can be a sign of stroke. Treatment works best in "
            "the first hours, so call now, even if it seems to be easing."
        ),
    },
    {
        "kind": "emergency",
        "position": 20,
        "name": "Sudden weakness in an arm or leg",
        "phrases": """
            sudden*/suddenly ... weak*/numb*/paralys*/paralyz*/limp/heavy ... arm/arms/leg/legs/hand/side
            sudden*/suddenly ... arm/arms/leg/legs/hand ... weak*/numb*/paralys*/paralyz*/limp/heavy/floppy
            arm/arms/leg/legs/hand ... sudden*/suddenly ... weak*/numb*/paralys*/paralyz*/limp/floppy
            arm/arms/leg/legs ... went/gone/going/goes weak/dead/limp/floppy/heavy
            weak*/numb*/paralys*/paralyz*/limp ... one/left/right side of my/his/her/their body
            one side of my/his/her/their body ... weak*/numb*/paralys*/paralyz*/limp
            sudden*/suddenly ... cant/cannot/couldnt/unable lift/raise/move ... arm/arms/leg/legs
            cant/cannot/couldnt/unable lift/raise ... arm/arms ... above/up/over
        """,
        "message": (
            "Sudden weakness or numbness in an arm, a leg or one side of the "
            "body can be a sign of stroke. Call now, and note the time it "
            "started: the team treating it will ask."
        ),
    },
    {
        "kind": "emergency",
        "position": 30,
        "name": "Speech trouble",
        "phrases": """
            slur*/garbled/jumbled/muddled speech/words/talking/speaking/voice
            speech/words/talking/speaking/voice ... slur*/garbled/jumbled/gibberish
            sudden*/suddenly ... cant/cannot/couldnt/unable speak/talk/understand/say
            sudden*/suddenly ... trouble/difficulty/struggl* speak*/talk*
            sudden*/suddenly ... trouble/difficulty/struggl* finding words
            talking/speaking/said gibberish/nonsense
        """,
        "message": (
            "Slurred or muddled speech, or suddenly being unable to speak or "
            "understand others, can be a sign of stroke. Call now."
        ),
    },
    {
        "kind": "emergency",
        "position": 40,
        "name": "Seizure over five minutes",
        "phrases": """
            seizure*/convuls*/fitting ... 5/five/6/six/7/seven/8/eight/9/nine/10/ten/fifteen/15/20/twenty/several minute/minutes/mins/min
            having/had/has a fit ... 5/five/6/six/10/ten/several minute/minutes/mins
            seizure*/convuls*/fitting ... wont/not/isnt/hasnt/didnt/doesnt stop/stopping/ending/end
            seizure*/fits/convuls* ... one after another
            seizure*/fits/convuls* ... back to back
            seizure*/fit/convuls* ... not/hasnt/didnt/isnt/wont wake/woken/waking/conscious
            seizure*/fit/convuls* ... not/hasnt/didnt/isnt/wont come round/around/to
            status epilepticus
        """,
        "message": (
            "A seizure that lasts more than five minutes, or seizures that "
            "follow one another without the person waking in between, need an "
            "ambulance. Call now, keep them safe from harm and time it."
        ),
    },
    {
        "kind": "emergency",
        "position": 50,
        "name": "Worst headache of my life",
        "phrases": """
            worst headache/headaches/pain ... life/ever/had/imaginable
            headache ... worst ... life/ever
            thunderclap headache*
            sudden*/suddenly ... severe/excruciating/agonising/agonizing/explosive/blinding ... headache*
            headache* ... came/hit/started/peaked ... seconds/instantly/instant
            headache* ... like ... hit/struck/kicked ... head
        """,
        "message": (
            "A sudden, very severe headache that peaks within a minute or so, "
            "the worst you have ever had, can be bleeding in or around the "
            "brain. Call now rather than waiting to see if it passes."
        ),
    },
    {
        "kind": "emergency",
        "position": 60,
        "name": "Leg weakness with loss of bladder or bowel control",
        "phrases": """
            weak*/numb*/back ... lost/losing/loss/no ... control ... bladder/bowel/bowels
            lost/losing/loss/no ... control ... bladder/bowel/bowels ... weak*/numb*/back/legs
            cant/cannot/couldnt/unable ... control ... bladder/bowel/bowels/pee/wee ... weak*/numb*/back/legs
            saddle numbness/anaesthesia/anesthesia
            numb* ... saddle/groin/genitals/buttocks/bottom/privates
        """,
        "message": (
            "New weakness or numbness in the legs together with trouble "
            "controlling the bladder or bowels, or numbness around the bottom "
            "or groin, can mean pressure on the nerves of the spine. Go to an "
            "emergency department now."
        ),
    },
    {
        "kind": "emergency",
        "position": 70,
        "name": "Sudden loss of sight",
        "phrases": """
            sudden*/suddenly ... lost/lose/losing/loss ... vision/sight
            sudden*/suddenly ... blind
            sudden*/suddenly ... double vision
            sudden*/suddenly ... seeing/see double
            lost/lose/losing/loss ... vision/sight ... sudden*/suddenly
            went/gone blind ... one/both/my eye/eyes
        """,
        "message": (
            "Sudden loss of sight, or sudden double vision, in one or both "
            "eyes can be a sign of stroke. Call now."
        ),
    },
    {
        "kind": "emergency",
        "position": 80,
        "name": "Cannot be woken or not breathing",
        "phrases": """
            cant/cannot/couldnt/unable/wont wake/rouse ... him/her/them/up
            unresponsive
            not/isnt/wasnt/stopped breathing ... now/properly/normally/anymore/blue
            passed/collapsed ... not/hasnt/isnt/wont/didnt come round/around/to
            passed/collapsed ... not/hasnt/isnt/wont/didnt wake/woken/waking/respond/responding
        """,
        "message": (
            "Someone who cannot be woken, does not respond or is not breathing "
            "normally needs help now. Call an emergency number and follow "
            "their instructions while you wait."
        ),
    },
    {
        "kind": "emergency",
        "position": 90,
        "name": "Fever with a stiff neck or a rash that does not fade",
        "phrases": """
            stiff neck ... fever/temperature/rash/light/vomit*
            fever/temperature ... stiff neck
            rash ... not/doesnt/didnt/wont fade ... glass
            rash ... fade ... press* ... glass
        """,
        "message": (
            "A fever with a stiff neck, a headache and a dislike of bright "
            "light, or a rash that does not fade when a glass is pressed on "
            "it, can be meningitis. Call now."
        ),
    },
    {
        "kind": "emergency",
        "position": 100,
        "name": "Crushing chest pain",
        "phrases": """
            crushing/heavy/tight/tightening/squeezing/sudden/severe chest pain/pains/pressure/tightness
            chest pain/pains/pressure/tightness ... arm/jaw/neck/sweat*/breathless*
            chest pain/pains/pressure/tightness ... short of breath
            pain/pressure/tightness in my/his/her chest ... arm/jaw/neck/sweat*/breathless*
        """,
        "message": (
            "Chest pain that feels heavy, tight or crushing, or spreads to the "
            "arm, jaw, neck or back, especially with breathlessness or "
            "sweating, can be a heart attack. Call now."
        ),
    },
    {
        "kind": "crisis",
        "position": 10,
        "name": "Thoughts of suicide",
        "phrases": """
            suicid*
            kill/killing myself
            end/ending my life
            take/taking my own life
            end/ending it all
            want/wanted/wanting/wish/wishing to die
            want/wanted/wanting/wish/wishing to be dead
            better off dead
            better off without me
            no reason/point ... live/living
            no reason/point ... go/carry/keep on/going
            dont want to live/exist
            dont want to be alive/here
            dont want to wake up
            do not want to live/exist
            do not want to be alive/here
            no longer want* to live/exist
            no longer want* to be alive/here
            cant/cannot go/carry/keep on/going ... anymore
            cant/cannot go/carry/keep on/going like this
        """,
        "message": (
            "It sounds as if you may be carrying something very heavy right "
            "now. You deserve support, and people trained to listen are "
            "there day and night."
        ),
    },
    {
        "kind": "crisis",
        "position": 20,
        "name": "Self-harm",
        "phrases": """
            self-harm*
            selfharm*
            harming/cutting/burning myself
            urge/urges/want/wanting/tempted ... hurt/harm/cut/burn myself
        """,
        "message": (
            "If you are hurting yourself, or feel the urge to, you do not have "
            "to manage it alone. Talking to someone can help, in confidence."
        ),
    },
]

CRISIS_LINES = [
    {
        "position": 10,
        "region": "United States",
        "name": "988 Suicide & Crisis Lifeline",
        "description": "for anyone in distress or thinking about suicide",
        "phone": "988",
        "text_number": "988",
        "url": "https://988lifeline.org",
        "hours": "24 hours, every day",
    },
    {
        "position": 11,
        "region": "United States",
        "name": "Crisis Text Line",
        "description": "by text message",
        "text_number": "741741",
        "text_keyword": "HOME",
        "url": "https://www.crisistextline.org",
        "hours": "24 hours, every day",
    },
    {
        "position": 20,
        "region": "Canada",
        "name": "9-8-8 Suicide Crisis Helpline",
        "description": "in English and French",
        "phone": "988",
        "text_number": "988",
        "url": "https://988.ca",
        "hours": "24 hours, every day",
    },
    {
        "position": 30,
        "region": "United Kingdom and Ireland",
        "name": "Samaritans",
        "description": "for anyone struggling to cope",
        "phone": "116 123",
        "url": "https://www.samaritans.org",
        "hours": "24 hours, every day",
    },
    {
        "position": 31,
        "region": "United Kingdom and Ireland",
        "name": "Shout",
        "description": "by text message, in the UK",
        "text_number": "85258",
        "text_keyword": "SHOUT",
        "url": "https://giveusashout.org",
        "hours": "24 hours, every day",
    },
    {
        "position": 40,
        "region": "Australia",
        "name": "Lifeline",
        "description": "for anyone in crisis",
        "phone": "13 11 14",
        "url": "https://www.lifeline.org.au",
        "hours": "24 hours, every day",
    },
]


def _phrases(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().splitlines())


def add_starting_set(apps, schema_editor):
    SafetyPattern = apps.get_model("safety", "SafetyPattern")
    CrisisLine = apps.get_model("safety", "CrisisLine")
    for pattern in PATTERNS:
        SafetyPattern.objects.get_or_create(
            name=pattern["name"],
            defaults={**pattern, "phrases": _phrases(pattern["phrases"])},
        )
    for line in CRISIS_LINES:
        CrisisLine.objects.get_or_create(
            name=line["name"], region=line["region"], defaults=line
        )


def remove_starting_set(apps, schema_editor):
    apps.get_model("safety", "SafetyPattern").objects.filter(
        name__in=[pattern["name"] for pattern in PATTERNS]
    ).delete()
    apps.get_model("safety", "CrisisLine").objects.filter(
        name__in=[line["name"] for line in CRISIS_LINES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("safety", "0001_initial")]

    operations = [migrations.RunPython(add_starting_set, remove_starting_set)]
