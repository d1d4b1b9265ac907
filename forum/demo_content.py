"""Demo members, forums and threads used to seed the health Q&A community."""

from __future__ import annotations

MEMBERS: list[dict] = [
    {
        "username": "dr_synapse",
        "email": "dr_synapse@example.com",
        "professional": {
            "profession": "physician",
            "specialty": "Neurology",
            "licence_number": "DMC-7041-DEMO",
            "licensing_body": "Demo Medical Council",
            "region": "United Kingdom",
        },
    },
    {
        "username": "neuro_nurse_jo",
        "email": "neuro_nurse_jo@example.com",
        "professional": {
            "profession": "registered_nurse",
            "specialty": "Neuroscience nursing",
            "licence_number": "DNB-2289-DEMO",
            "licensing_body": "Demo Nursing Board",
            "region": "Ireland",
        },
    },
    {
        "username": "balance_physio_k",
        "email": "balance_physio_k@example.com",
        "professional": None,
        "pending_professional": {
            "profession": "physiotherapist",
            "specialty": "Vestibular rehabilitation",
            "licence_number": "DPC-5512-DEMO",
            "licensing_body": "Demo Physiotherapy Council",
            "region": "Canada",
        },
    },
    {
        "username": "twitchy_runner",
        "email": "twitchy_runner@example.com",
        "professional": None,
    },
    {
        "username": "calm_commuter",
        "email": "calm_commuter@example.com",
        "professional": None,
    },
    {
        "username": "tingle_toes_52",
        "email": "tingle_toes_52@example.com",
        "professional": None,
    },
    {
        "username": "keyboard_wrists",
        "email": "keyboard_wrists@example.com",
        "professional": None,
    },
    {
        "username": "emg_nervous",
        "email": "emg_nervous@example.com",
        "professional": None,
    },
    {
        "username": "mri_claustro",
        "email": "mri_claustro@example.com",
        "professional": None,
    },
    {
        "username": "ms_waiting_room",
        "email": "ms_waiting_room@example.com",
        "professional": None,
    },
    {
        "username": "tremor_mom",
        "email": "tremor_mom@example.com",
        "professional": None,
    },
    {
        "username": "shaky_hands_retired",
        "email": "shaky_hands_retired@example.com",
        "professional": None,
    },
    {
        "username": "half_smile_again",
        "email": "half_smile_again@example.com",
        "professional": None,
    },
    {
        "username": "concussed_keeper",
        "email": "concussed_keeper@example.com",
        "professional": None,
    },
    {
        "username": "nightshift_nurse_fan",
        "email": "nightshift_nurse_fan@example.com",
        "professional": None,
    },
    {
        "username": "diabetic_feet_walker",
        "email": "diabetic_feet_walker@example.com",
        "professional": None,
    },
    {
        "username": "garden_gran",
        "email": "garden_gran@example.com",
        "professional": None,
    },
    {
        "username": "foggy_teacher",
        "email": "foggy_teacher@example.com",
        "professional": None,
    },
    {
        "username": "migraine_mapmaker",
        "email": "migraine_mapmaker@example.com",
        "professional": None,
    },
    {
        "username": "owl_hours_insomnia",
        "email": "owl_hours_insomnia@example.com",
        "professional": None,
    },
    {
        "username": "daughter_caregiver",
        "email": "daughter_caregiver@example.com",
        "professional": None,
    },
    {
        "username": "restless_nights",
        "email": "restless_nights@example.com",
        "professional": None,
    },
    {
        "username": "snore_husband",
        "email": "snore_husband@example.com",
        "professional": None,
    },
    {
        "username": "memory_worried_50s",
        "email": "memory_worried_50s@example.com",
        "professional": None,
    },
    {
        "username": "first_seizure_dad",
        "email": "first_seizure_dad@example.com",
        "professional": None,
    },
    {
        "username": "epilepsy_driver_hope",
        "email": "epilepsy_driver_hope@example.com",
        "professional": None,
    },
    {
        "username": "seizure_free_2yrs",
        "email": "seizure_free_2yrs@example.com",
        "professional": None,
    },
    {
        "username": "spinning_sailor",
        "email": "spinning_sailor@example.com",
        "professional": None,
    },
    {
        "username": "vestibular_vee",
        "email": "vestibular_vee@example.com",
        "professional": None,
    },
    {
        "username": "wobbly_walker",
        "email": "wobbly_walker@example.com",
        "professional": None,
    },
]


FORUMS: list[dict] = [
    {
        "name": "Neurology",
        "slug": "neurology",
        "description": (
            "General questions about the brain, nerves and muscles: twitches, "
            "numbness, tremor, tests and waiting for a diagnosis. Start here if you "
            "are not sure where your question belongs."
        ),
    },
    {
        "name": "Headaches & Migraine",
        "slug": "headaches-migraine",
        "description": (
            "Tension headaches, migraine with and without aura, headache diaries and "
            "living with frequent headaches."
        ),
    },
    {
        "name": "Sleep",
        "slug": "sleep",
        "description": (
            "Insomnia, restless legs, snoring and sleep apnea worries, shift work and "
            "other problems with getting a good night's rest."
        ),
    },
    {
        "name": "Memory & Dementia",
        "slug": "memory-dementia",
        "description": (
            "Everyday forgetfulness, when memory changes need checking, and support "
            "for people caring for someone living with dementia."
        ),
    },
    {
        "name": "Epilepsy & Seizures",
        "slug": "epilepsy-seizures",
        "description": (
            "First seizures, living with epilepsy, driving, work and seizure first "
            "aid for families and friends."
        ),
    },
    {
        "name": "Dizziness & Balance",
        "slug": "dizziness-balance",
        "description": (
            "Vertigo, BPPV, vestibular migraine, unsteadiness and recovering your "
            "balance after an inner ear problem."
        ),
    },
]


THREADS: list[dict] = [
    {
        "forum": "neurology",
        "author": "twitchy_runner",
        "title": (
            "Muscle twitches all over and I keep reading about ALS - how did you stop "
            "spiralling?"
        ),
        "body": (
            "I'm 34 and run about 30 km a week. For the last two months I've had "
            "twitches popping up all over: mostly my calves, but also my thighs, my "
            "upper arms and once (I think) my tongue. They don't hurt, they're just "
            "constant little flickers under the skin.\n"
            "\n"
            "I made the mistake of searching online at 2am and ended up reading about "
            "ALS. Since then I test my grip strength about ten times a day.\n"
            "\n"
            "What I've done so far:\n"
            "\n"
            "- Saw my GP, who examined me and said my strength and reflexes were "
            "normal\n"
            "- Had blood tests, including salts and thyroid, which came back fine\n"
            "- Cut down from four coffees a day to one, which may have helped a bit\n"
            "\n"
            "My GP said this is very likely benign and to come back if I notice real "
            "weakness. On a good day I believe her. At night I'm not so sure.\n"
            "\n"
            "**How did you get past this?** And did anyone have an EMG just for "
            "reassurance?"
        ),
        "tags": ["twitching", "fasciculations", "anxiety"],
        "days_ago": 88,
        "is_pinned": True,
        "is_locked": False,
        "replies": [
            {
                "author": "calm_commuter",
                "body": (
                    "I could have written this two years ago, right down to the "
                    "midnight searching. What helped me was making a deal with "
                    "myself: no more strength tests and no more reading symptom "
                    "lists. The twitching didn't vanish overnight, but once I stopped "
                    "feeding the fear, I stopped noticing every single flicker."
                ),
                "hours_after": 3,
                "helpful": 6,
                "not_helpful": 0,
            },
            {
                "author": "dr_synapse",
                "body": (
                    "Twitches like these (fasciculations) are very common, and in the "
                    "great majority of people they are harmless, especially when a "
                    "doctor has found normal strength and reflexes. Exercise, "
                    "caffeine, poor sleep and stress all make them more noticeable.\n"
                    "\n"
                    "The thing neurologists look for is not twitching on its own but "
                    "**true weakness**: for example tripping because a foot doesn't "
                    "lift, dropping things, struggling with buttons or keys, visible "
                    "wasting of a muscle, or changes in speech or swallowing. Normal "
                    "tiredness after a long run is not weakness.\n"
                    "\n"
                    "Repeated strength testing tends to make muscles feel tired and "
                    "keeps the worry loop going. An EMG is sometimes arranged if an "
                    "examination raises a question, so it is worth discussing with "
                    "your GP rather than requesting it purely for reassurance. If new "
                    "weakness or speech or swallowing changes appear, go back "
                    "promptly."
                ),
                "hours_after": 9,
                "helpful": 19,
                "not_helpful": 1,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "A few practical things that patients tell me help:\n"
                    "\n"
                    '- Set one time a week to "check in" with your body, and not '
                    "otherwise\n"
                    "- Protect your sleep, since tiredness makes twitches louder\n"
                    "- Keep caffeine modest and spread out\n"
                    "- Keep running if you enjoy it, it is good for you\n"
                    "\n"
                    "If the worry is taking over your days, that deserves care in its "
                    "own right. Talking therapies for health anxiety are effective, "
                    "and your GP can point you to them."
                ),
                "hours_after": 14,
                "helpful": 14,
                "not_helpful": 0,
            },
            {
                "author": "nightshift_nurse_fan",
                "body": (
                    "Same here a couple of years back, mostly calves and eyelids. "
                    "They still come and go when I'm stressed or short on sleep, but "
                    "I barely think about them now. It does get easier, I promise."
                ),
                "hours_after": 30,
                "helpful": 4,
                "not_helpful": 0,
            },
            {
                "author": "diabetic_feet_walker",
                "body": (
                    "I had a nerve conduction test and EMG for my feet a while back "
                    "and it was less scary than I expected. But I'd agree with the "
                    "doctor above: go by what your own GP thinks is needed rather "
                    "than asking for it just to settle your nerves."
                ),
                "hours_after": 50,
                "helpful": 2,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "neurology",
        "author": "calm_commuter",
        "title": "Eyelid twitching for three weeks - should I worry?",
        "body": (
            "I'm 41 and for about three weeks my left lower eyelid has been "
            "flickering several times a day. It lasts a few seconds to a minute and "
            "is worst in the evening when I'm on my laptop.\n"
            "\n"
            "Work has been very busy, I'm sleeping five or six hours a night and I'm "
            "relying on coffee to get through the afternoons. There's no change in my "
            "vision, my eyelid doesn't droop and nothing else on my face moves.\n"
            "\n"
            "I've tried warm compresses and less screen time in the evenings, which "
            "helps a little. Is this something I need to see a doctor about, or will "
            "it settle by itself?"
        ),
        "tags": ["twitching", "eyes"],
        "days_ago": 12,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "garden_gran",
                "body": (
                    "Oh, I get this every time I have a busy week and too much tea! "
                    "Mine always settles once I catch up on sleep. Try not to watch "
                    "it in the mirror, that only made mine seem worse."
                ),
                "hours_after": 2,
                "helpful": 3,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "A flickering eyelid like this (often called eyelid myokymia) is "
                    "very common and usually linked to tiredness, stress, caffeine, "
                    "screens and dry eyes. It often settles once those ease, though "
                    "that can take a few weeks.\n"
                    "\n"
                    "It would be worth seeing your GP or an optician if it lasts more "
                    "than a month or two despite those changes, if the eyelid starts "
                    "closing fully, if the twitching spreads to your cheek or mouth, "
                    "or if you notice drooping, redness or any change in your vision. "
                    "Lubricating eye drops can help if your eyes feel gritty at the "
                    "screen."
                ),
                "hours_after": 6,
                "helpful": 15,
                "not_helpful": 0,
            },
            {
                "author": "dr_synapse",
                "body": (
                    "Agree with the advice above. One point to add: if twitching ever "
                    "spreads to involve the cheek and the corner of the mouth on the "
                    "same side, that is a different condition called hemifacial "
                    "spasm. It is not dangerous but it is worth getting assessed "
                    "because there are good treatments. What you describe sounds like "
                    "the common, harmless kind."
                ),
                "hours_after": 20,
                "helpful": 11,
                "not_helpful": 0,
            },
            {
                "author": "foggy_teacher",
                "body": (
                    "Mine went away when the school holidays started, so I guess it's "
                    "mostly stress for me. Cutting out my afternoon coffee seemed to "
                    "help too. Good luck, I hope yours calms down soon."
                ),
                "hours_after": 40,
                "helpful": 1,
                "not_helpful": 1,
            },
        ],
    },
    {
        "forum": "neurology",
        "author": "tingle_toes_52",
        "title": (
            "Numbness and tingling in both feet for two months - where do I start?"
        ),
        "body": (
            "I'm 52. About two months ago my toes started tingling on both sides, and "
            "now it has crept up to the balls of my feet. It feels a bit like walking "
            "on cotton wool, and it's worse at night when I'm lying still.\n"
            "\n"
            "Some background in case it matters:\n"
            "\n"
            "- As far as I know I don't have diabetes\n"
            "- I've been vegetarian for about ten years\n"
            "- I usually have a few glasses of wine at the weekend\n"
            "- I'm not on any regular medication\n"
            "\n"
            "I haven't seen a doctor yet, honestly because I'm afraid of what they "
            "might say. What kind of tests should I expect, and is this something "
            "that needs to be looked at quickly?"
        ),
        "tags": ["numbness", "tingling", "feet"],
        "days_ago": 45,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "dr_synapse",
                "body": (
                    "Please do book an appointment. Tingling that starts in both feet "
                    "and slowly creeps upwards is a common pattern with nerve "
                    "irritation in the longest nerves, and many of the causes are "
                    "treatable or can be slowed once found.\n"
                    "\n"
                    "A GP will usually examine your feet and legs and arrange simple "
                    "blood tests, for example sugar levels, vitamin B12 (relevant "
                    "after years as a vegetarian), thyroid, kidney and liver "
                    "function. Be open about alcohol, because it can play a part. "
                    "Sometimes a nerve conduction test is arranged later.\n"
                    "\n"
                    "Please get **urgent** help instead if weakness spreads up your "
                    "legs over hours or days, walking becomes difficult, you develop "
                    "numbness around the groin or buttocks or changes in bladder or "
                    "bowel control, or numbness affects one side of your body or face."
                ),
                "hours_after": 4,
                "helpful": 18,
                "not_helpful": 0,
            },
            {
                "author": "diabetic_feet_walker",
                "body": (
                    "Years ago I put off seeing anyone for months with very similar "
                    "feelings in my feet. Turned out I had type 2 diabetes. Not the "
                    "news I wanted, but I wish I'd gone sooner, because the earlier "
                    "it's found the better for your nerves. Go and get the bloods "
                    "done."
                ),
                "hours_after": 10,
                "helpful": 7,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "While you wait for the appointment, it's a good habit to look at "
                    "your feet every day for cuts or blisters you might not feel, and "
                    "to wear well-fitting shoes. Before you go, write down when it "
                    "started, how it has spread, anything that makes it better or "
                    "worse, and any vitamins or supplements you take. That makes the "
                    "consultation much more useful."
                ),
                "hours_after": 16,
                "helpful": 12,
                "not_helpful": 0,
            },
            {
                "author": "garden_gran",
                "body": (
                    "My sister's tingling turned out to be low B12. Once it was "
                    "treated, things improved slowly over several months. Fingers "
                    "crossed yours is something simple too, and well done for asking."
                ),
                "hours_after": 70,
                "helpful": 5,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "neurology",
        "author": "keyboard_wrists",
        "title": "Hands go numb at night and wake me up - is this carpal tunnel?",
        "body": (
            "I'm 29 and work as a software developer. For about three months I've "
            "been waking up around 3am with my right hand numb and tingling, mainly "
            "the thumb, index and middle fingers. I shake it and it comes back after "
            "a minute or two. My little finger always feels normal.\n"
            "\n"
            "During the day it sometimes happens when I'm holding my phone for a "
            "while or gripping the steering wheel. I've bought a wrist rest for my "
            "keyboard, but I'm not sure it's made much difference.\n"
            "\n"
            "Do wrist splints actually help? And does this usually end in surgery?"
        ),
        "tags": ["carpal-tunnel", "numbness", "hands"],
        "days_ago": 30,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "That pattern is a common one with carpal tunnel syndrome, but it "
                    "does need an examination to confirm, so please see your GP or a "
                    "physiotherapist.\n"
                    "\n"
                    "A wrist splint worn at night, keeping the wrist straight rather "
                    "than bent, is often the first thing tried and helps many people. "
                    "Take regular breaks from gripping tasks too.\n"
                    "\n"
                    "Get seen sooner if the numbness becomes constant, your thumb "
                    "feels weak, you keep dropping things, or the muscle at the base "
                    "of your thumb looks flatter than on the other hand."
                ),
                "hours_after": 5,
                "helpful": 16,
                "not_helpful": 0,
            },
            {
                "author": "dr_synapse",
                "body": (
                    "To add to that: a trapped nerve in the neck can sometimes cause "
                    "similar symptoms, which is one reason the examination matters. "
                    "If things are unclear or not improving, a nerve conduction study "
                    "can show where the nerve is being squeezed and how much.\n"
                    "\n"
                    "Surgery is usually kept for symptoms that persist despite simple "
                    "measures or when there are signs of nerve damage. Conditions "
                    "such as thyroid problems, diabetes and pregnancy can make carpal "
                    "tunnel more likely, so your GP may check for those."
                ),
                "hours_after": 12,
                "helpful": 13,
                "not_helpful": 0,
            },
            {
                "author": "nightshift_nurse_fan",
                "body": (
                    "The night splint worked for me within about two weeks. It felt "
                    "odd to sleep in at first, but I stopped waking up with dead "
                    "fingers."
                ),
                "hours_after": 26,
                "helpful": 6,
                "not_helpful": 0,
            },
            {
                "author": "shaky_hands_retired",
                "body": (
                    "A nerve test confirmed carpal tunnel for me some years ago, back "
                    "when I was still working. The splint helped a lot, and I also "
                    "moved my mouse closer so my arm wasn't stretched out all day."
                ),
                "hours_after": 60,
                "helpful": 2,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "neurology",
        "author": "emg_nervous",
        "title": "Nerve conduction test and EMG next week - what should I expect?",
        "body": (
            "I'm 47 and have been referred for a nerve conduction study and EMG "
            "because of tingling and some clumsiness in my left hand. The letter says "
            "the appointment could take up to an hour.\n"
            "\n"
            "I've read that it involves needles and electric shocks and now I'm "
            "dreading it. I have a low pain threshold. A few practical questions:\n"
            "\n"
            "- Does it hurt much?\n"
            "- What should I wear?\n"
            "- Can I drive home afterwards?\n"
            "- Should I avoid hand cream that day?\n"
            "\n"
            "Any experiences welcome, good or bad."
        ),
        "tags": ["emg", "nerve-conduction", "tests"],
        "days_ago": 26,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "dr_synapse",
                "body": (
                    "There are usually two parts. In the **nerve conduction study**, "
                    "small pads are placed on the skin and brief electrical pulses "
                    "are given. Most people describe them as a tapping or a startling "
                    "flick rather than real pain. In the **EMG**, a very fine needle "
                    "is placed in a few muscles and you are asked to relax and then "
                    "tense them. It can be uncomfortable for a moment, but each part "
                    "is short.\n"
                    "\n"
                    "Wear loose sleeves, keep your hands warm, and skip creams and "
                    "lotions on the day. Most people drive home normally. Tell the "
                    "team if you take blood thinners or have a pacemaker or other "
                    "implanted device."
                ),
                "hours_after": 3,
                "helpful": 17,
                "not_helpful": 0,
            },
            {
                "author": "shaky_hands_retired",
                "body": (
                    "I had both parts done years ago for carpal tunnel. The zaps made "
                    "my fingers jump, which felt weird rather than painful. The "
                    "needle part was a short sharp feeling and then fine. The whole "
                    "thing took about 40 minutes and I drove myself home afterwards."
                ),
                "hours_after": 8,
                "helpful": 8,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "Tell the person doing the test that you're nervous. They do "
                    "these all day and are usually very good at talking you through "
                    "each step and pausing when you need it. Slow breathing out helps "
                    "with the needle part. Results often go to the doctor who "
                    "referred you, so ask at the end how and when you will hear."
                ),
                "hours_after": 15,
                "helpful": 11,
                "not_helpful": 0,
            },
            {
                "author": "twitchy_runner",
                "body": (
                    "My neurologist did both parts a few weeks ago to be thorough "
                    "about my twitches. I was a wreck beforehand and it was honestly "
                    "fine. The person doing it chatted to me the whole time, which "
                    "kept my mind off it. You've got this."
                ),
                "hours_after": 40,
                "helpful": 3,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "neurology",
        "author": "mri_claustro",
        "title": "Really claustrophobic and booked for a head MRI - any tips?",
        "body": (
            "I'm 38 and my doctor has booked a head MRI to look into recurring "
            "headaches with some tingling in my face. I understand why it's needed, "
            "but I'm very claustrophobic. Last year I got stuck in a lift for ten "
            "minutes and had a full panic attack.\n"
            "\n"
            "Just the idea of lying in a narrow tube for half an hour is making me "
            "feel sick. I've looked at pictures of the scanner and that didn't help.\n"
            "\n"
            "Has anyone managed an MRI despite claustrophobia? What did you do, and "
            "are there options I should ask the hospital about before the day?"
        ),
        "tags": ["mri", "anxiety", "claustrophobia"],
        "days_ago": 20,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "You're far from alone. Phone the scanning department **before** "
                    "the day and tell them. They can often:\n"
                    "\n"
                    "- Explain how long each part of the scan takes\n"
                    "- Offer a wider or more open scanner if one is available\n"
                    "- Let you listen to music and talk to you between sequences\n"
                    "- Let someone stay in the room with you\n"
                    "\n"
                    "You will have a call button and can stop at any time. Some "
                    "people find an eye mask helps, because you never see how close "
                    "the tunnel is."
                ),
                "hours_after": 2,
                "helpful": 15,
                "not_helpful": 0,
            },
            {
                "author": "calm_commuter",
                "body": (
                    "I closed my eyes before the table moved and kept them shut the "
                    "whole time. I counted slow breaths in fours and imagined walking "
                    "around my favourite park. It was noisy but it was over faster "
                    "than I expected."
                ),
                "hours_after": 6,
                "helpful": 9,
                "not_helpful": 0,
            },
            {
                "author": "dr_synapse",
                "body": (
                    "For head scans a light frame sits over the face, which some "
                    "people find the hardest part, so it is worth knowing about in "
                    "advance. If you think you will not manage even with support, "
                    "talk to the doctor who requested the scan. Sometimes a "
                    "short-acting medicine to help you relax can be arranged, but it "
                    "needs planning ahead and you would need someone to take you home "
                    "afterwards."
                ),
                "hours_after": 18,
                "helpful": 12,
                "not_helpful": 0,
            },
            {
                "author": "ms_waiting_room",
                "body": (
                    "I've had a few MRI scans over the years, including one recently, "
                    "and they really do get easier. The first one was the worst. "
                    "Telling the radiographer how I felt made a big difference."
                ),
                "hours_after": 30,
                "helpful": 4,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "neurology",
        "author": "ms_waiting_room",
        "title": "My MRI mentioned 'white matter spots' and now I'm convinced it's MS",
        "body": (
            "I'm 33 and had a brain MRI because of migraines. The report says there "
            'are "a few small nonspecific white matter hyperintensities". My GP said '
            "not to panic and has referred me to a neurologist, but the appointment "
            "is five weeks away.\n"
            "\n"
            "Of course I searched it and now all I can think about is multiple "
            "sclerosis. Last year I had some tingling in my legs for a couple of "
            "weeks that went away by itself, and now I'm wondering if that was a "
            "sign.\n"
            "\n"
            "I can't sleep properly and I'm struggling to focus at work. How do "
            'people cope with waiting like this? And what does "nonspecific" actually '
            "mean?"
        ),
        "tags": ["ms", "mri", "anxiety"],
        "days_ago": 60,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "dr_synapse",
                "body": (
                    "I can't tell you what your particular scan shows, but I can "
                    "explain the wording. Small white matter spots are a common "
                    "finding. They are seen in people with migraine, with advancing "
                    "age and with things like high blood pressure, and often in "
                    'people with no symptoms at all. "Nonspecific" means the spots '
                    "don't have the features that point towards one particular "
                    "cause.\n"
                    "\n"
                    "Diagnosing MS depends on the size, shape and location of any "
                    "changes, together with your symptoms and examination, and "
                    "sometimes further tests. Before your appointment, write down a "
                    "timeline of the tingling last year: when it began, where it was, "
                    "and how long it lasted.\n"
                    "\n"
                    "Seek urgent help if you develop new loss of vision, sudden "
                    "weakness, new problems with balance or speech, or numbness on "
                    "one side."
                ),
                "hours_after": 5,
                "helpful": 20,
                "not_helpful": 1,
            },
            {
                "author": "vestibular_vee",
                "body": (
                    "My report used almost exactly the same words. The neurologist "
                    "went through it with me and explained that spots like these are "
                    "common with migraine, which I've had for years, and that was the "
                    "end of it. I know that's my story, not yours, but it's a common "
                    "one."
                ),
                "hours_after": 9,
                "helpful": 8,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "Waiting is genuinely hard. A few things that help people: limit "
                    "your searching to one trusted source, write your questions down "
                    "as they pop up so they stop circling, and keep up sleep, "
                    "exercise and time with friends. It can also help to remember "
                    "that even when MS is diagnosed, treatment and outlook have "
                    "improved enormously."
                ),
                "hours_after": 20,
                "helpful": 13,
                "not_helpful": 0,
            },
            {
                "author": "migraine_mapmaker",
                "body": (
                    "Sending you a big hug. Five weeks feels like forever. Try to "
                    "plan a few nice things over the wait to break it up, and please "
                    "come back and tell us how it goes."
                ),
                "hours_after": 50,
                "helpful": 2,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "neurology",
        "author": "tremor_mom",
        "title": "Essential tremor runs in my family - does it always get worse?",
        "body": (
            "I'm 44 and a mum of two. My dad and his sister both have shaky hands, "
            "and over the last couple of years mine have started too. The shake shows "
            "up when I hold a cup, write or put on make-up, but not when my hands are "
            "resting in my lap.\n"
            "\n"
            "It's worse when I'm tired, anxious or have had coffee. My GP examined me "
            "and thinks it's most likely essential tremor, and said there's no rush "
            "for treatment.\n"
            "\n"
            "I have two questions that keep bugging me:\n"
            "\n"
            "1. Does it always get worse with time?\n"
            "2. Will my children get it too?\n"
            "\n"
            "Would love to hear from people who've lived with this for years."
        ),
        "tags": ["tremor", "essential-tremor"],
        "days_ago": 74,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "spinning_sailor",
                "body": (
                    "I've had a tremor in both hands for about twenty years. It has "
                    "crept up slowly, but it's never stopped me doing much. Weighted "
                    "cutlery and a mug with a lid were game changers. I also gave up "
                    "threading needles and let my granddaughter do it, she enjoys "
                    "being asked."
                ),
                "hours_after": 7,
                "helpful": 9,
                "not_helpful": 0,
            },
            {
                "author": "dr_synapse",
                "body": (
                    "Essential tremor is often slowly progressive, but how fast "
                    "varies a lot between people and many never need treatment. When "
                    "it does interfere with daily life, there are medicines that help "
                    "some people, and for more severe cases there are specialist "
                    "procedures.\n"
                    "\n"
                    "It often runs in families, so a child of an affected parent has "
                    "a higher chance of developing it, though certainly not a "
                    "certainty.\n"
                    "\n"
                    "It would be worth a review if the tremor appears mainly at rest, "
                    "is clearly one-sided, or comes with slowness, stiffness, a "
                    "change in walking, or balance problems, because those point "
                    "towards other conditions."
                ),
                "hours_after": 11,
                "helpful": 16,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "An occupational therapist can be really useful here, with tips "
                    "on bracing your elbows on the table, using heavier pens and "
                    "cups, and planning tasks that need a steady hand for when you're "
                    "rested. Cutting down caffeine helps some people too."
                ),
                "hours_after": 24,
                "helpful": 12,
                "not_helpful": 0,
            },
            {
                "author": "garden_gran",
                "body": (
                    "I use a two-handled cup for hot drinks now. No spills, and I "
                    "don't care who sees it! A straw in cold drinks at restaurants "
                    "saves me a lot of worry too."
                ),
                "hours_after": 48,
                "helpful": 3,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "neurology",
        "author": "shaky_hands_retired",
        "title": (
            "Tremor in my right hand only when it's resting - how was Parkinson's "
            "diagnosed for you?"
        ),
        "body": (
            "I'm 67 and retired. A few months ago I noticed my right thumb and "
            "fingers making a rubbing movement when my hand rests on my knee. It "
            "stops when I reach for something. My wife says I've become slower "
            "getting dressed, and my handwriting has got smaller. I've also lost some "
            "of my sense of smell over the last couple of years.\n"
            "\n"
            "My GP examined me and has referred me to a neurologist, but the wait is "
            "about three months. I'm not looking for anyone to diagnose me here. I'd "
            "just like to know from others how the process went. Was there a scan or "
            "a blood test? How long did it take to get an answer?"
        ),
        "tags": ["tremor", "parkinsons"],
        "days_ago": 100,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "dr_synapse",
                "body": (
                    "Parkinson's is mainly diagnosed through a careful history and "
                    "examination by a specialist. They look for slowness of movement "
                    "together with features such as stiffness or a resting tremor. "
                    "There is no single blood test that confirms it. Scans are "
                    "sometimes used, mostly to look for other explanations or when "
                    "the picture is unclear. Sometimes the specialist wants to see "
                    "how things develop over time.\n"
                    "\n"
                    "Before the appointment, note when each change started and bring "
                    "your wife, as her observations are valuable. If you start "
                    "falling, have trouble swallowing or things change quickly, let "
                    "your GP know so the referral can be reviewed. Sudden weakness or "
                    "slurred speech is different and needs an ambulance."
                ),
                "hours_after": 6,
                "helpful": 17,
                "not_helpful": 0,
            },
            {
                "author": "garden_gran",
                "body": (
                    "My late husband's diagnosis took two appointments. The "
                    "neurologist watched him walk, tap his fingers and turn around, "
                    "and asked lots of questions. No scan in the end. Having me there "
                    "to fill in the gaps really helped."
                ),
                "hours_after": 20,
                "helpful": 7,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "Whatever the outcome, staying active is one of the most helpful "
                    "things you can do. Walking, cycling, dancing, anything you "
                    "enjoy. Keep a short list of questions for the appointment so "
                    "nothing gets forgotten on the day."
                ),
                "hours_after": 30,
                "helpful": 12,
                "not_helpful": 0,
            },
            {
                "author": "tremor_mom",
                "body": (
                    "Wishing you the best. Mine is different (only when I use my "
                    "hands), but I know how the waiting feels. Keeping a notebook of "
                    "questions helped me feel more in control."
                ),
                "hours_after": 52,
                "helpful": 1,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "neurology",
        "author": "half_smile_again",
        "title": (
            "Woke up with half my face drooping - how long did your Bell's palsy take "
            "to recover?"
        ),
        "body": (
            "I'm 31. Two weeks ago I woke up and the right side of my face wasn't "
            "moving. I couldn't close my right eye and water dribbled out of my mouth "
            "when I drank. I thought I was having a stroke and went straight to the "
            "emergency department.\n"
            "\n"
            "After examining me they said it was Bell's palsy, started treatment and "
            "gave me instructions for looking after my eye. This week I think I can "
            "see a tiny bit of movement at the corner of my mouth.\n"
            "\n"
            "I'd love to hear recovery stories, and any tips for protecting my eye at "
            "night. I feel very self-conscious about my face right now."
        ),
        "tags": ["bells-palsy", "face"],
        "days_ago": 35,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "dr_synapse",
                "body": (
                    "Going straight to the emergency department was the right call. A "
                    "drooping face should always be checked urgently, because it can "
                    "be a sign of stroke.\n"
                    "\n"
                    "With Bell's palsy, most people recover well over weeks to a few "
                    "months, and early return of movement is an encouraging sign. The "
                    "most important thing now is protecting the eye: lubricating "
                    "drops in the day, ointment and taping at night as you were "
                    "shown. Get your eye checked promptly if it becomes red, painful "
                    "or your vision changes. If there is little improvement by around "
                    "three months, or you notice any new symptoms, ask for a review."
                ),
                "hours_after": 4,
                "helpful": 18,
                "not_helpful": 0,
            },
            {
                "author": "foggy_teacher",
                "body": (
                    "I had Bell's palsy at 25. The first three weeks were the worst, "
                    "then movement came back bit by bit. By about two months most "
                    "people couldn't tell, and now nobody can. Be patient with "
                    "yourself."
                ),
                "hours_after": 10,
                "helpful": 10,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "Practical tips: wear glasses or sunglasses outside to keep wind "
                    "and dust off the eye, and drink through a straw for now. At "
                    "night, tape the eyelid closed gently as demonstrated, never "
                    "pressing on the eye. Avoid doing lots of strong facial exercises "
                    "early on unless a therapist has advised it, as gentle movements "
                    "are usually better."
                ),
                "hours_after": 22,
                "helpful": 14,
                "not_helpful": 0,
            },
            {
                "author": "balance_physio_k",
                "body": (
                    "I'm a physiotherapist (my professional verification here is "
                    "still pending). Some physios specialise in facial "
                    "rehabilitation, so if recovery seems slow it's worth asking your "
                    "doctor about a referral."
                ),
                "hours_after": 60,
                "helpful": 6,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "neurology",
        "author": "concussed_keeper",
        "title": (
            "Still foggy and headachey six weeks after a concussion playing football"
        ),
        "body": (
            "I'm 26 and play in goal for an amateur team. Six weeks ago I collided "
            "head first with a striker's knee. I didn't black out, but I was dazed "
            "and went to the emergency department that evening. They checked me over, "
            "said a scan wasn't needed and sent me home with advice.\n"
            "\n"
            "Since then:\n"
            "\n"
            "- Headaches most afternoons, worse after screens\n"
            "- Trouble concentrating at work, I keep losing my place\n"
            "- Short temper and poor sleep\n"
            "\n"
            "I've mostly been lying in a dark room when I'm not at work. My team "
            "wants to know when I'll be back. Is this normal, and how do I know when "
            "it's safe to play again?"
        ),
        "tags": ["concussion", "headache", "brain-fog"],
        "days_ago": 18,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "Lingering symptoms after a concussion are common and most people "
                    "improve over weeks to months. Current advice generally moves "
                    "away from long periods of complete rest towards a gradual return "
                    "of light activity, as long as it doesn't make symptoms much "
                    "worse.\n"
                    "\n"
                    "Please don't go back to contact sport until you are symptom-free "
                    "and have been cleared. Most sports follow a step-by-step "
                    "return-to-play plan.\n"
                    "\n"
                    "Get urgent help if you have a worsening headache, repeated "
                    "vomiting, growing drowsiness or confusion, weakness, slurred "
                    "speech or a seizure."
                ),
                "hours_after": 5,
                "helpful": 17,
                "not_helpful": 0,
            },
            {
                "author": "dr_synapse",
                "body": (
                    "Six weeks on, it would be sensible to see your GP. They can "
                    "check for other causes, and some areas have concussion clinics "
                    "or therapists who help with graded activity, headaches and "
                    "concentration. Pace screen time in short blocks with breaks, "
                    "keep a regular sleep pattern, and mention your mood and "
                    "irritability as these often improve with support too."
                ),
                "hours_after": 14,
                "helpful": 14,
                "not_helpful": 0,
            },
            {
                "author": "twitchy_runner",
                "body": (
                    "A mate of mine had this after rugby. He took ages to feel normal "
                    "but gradually walking, then jogging, then training helped him. "
                    "Don't rush back for the team."
                ),
                "hours_after": 30,
                "helpful": 3,
                "not_helpful": 1,
            },
            {
                "author": "spinning_sailor",
                "body": (
                    "After a bad knock to my head some years ago I also had "
                    "dizziness. A physiotherapist gave me balance exercises and that "
                    "part cleared up within a couple of months."
                ),
                "hours_after": 70,
                "helpful": 5,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "neurology",
        "author": "nightshift_nurse_fan",
        "title": (
            "Tingling down my arm into two fingers when I look up - trapped nerve?"
        ),
        "body": (
            "I'm 39 and work nights in a care home, which involves a lot of lifting "
            "and bending. For about a week my neck has been stiff, and when I tilt my "
            "head back to look up, I get a tingling that shoots down my left arm into "
            "my thumb and index finger.\n"
            "\n"
            "My grip feels normal and I can still do everything at work. An "
            "over-the-counter painkiller takes the edge off the neck ache. I have a "
            "GP appointment on Friday.\n"
            "\n"
            "Has anyone had something similar? How long did it take to settle, and "
            "did physio help?"
        ),
        "tags": ["neck", "tingling", "arm"],
        "days_ago": 2,
        "is_pinned": False,
        "is_locked": False,
        "replies": [],
    },
    {
        "forum": "neurology",
        "author": "diabetic_feet_walker",
        "title": "Diabetic with burning feet at night - does neuropathy ever improve?",
        "body": (
            "I'm 58 and have had type 2 diabetes for about nine years. I'll be "
            "honest, I didn't look after it well until last year. Now my feet burn "
            "and tingle at night, and even the weight of the duvet on my toes can "
            "hurt.\n"
            "\n"
            "Since last year I've been walking every day, changed my diet and my "
            "long-term sugar readings are much better. My GP has confirmed it's "
            "diabetic neuropathy and we're talking about options.\n"
            "\n"
            "Has anyone seen their symptoms improve once their sugars were under "
            "control? And what do you do to get through the nights?"
        ),
        "tags": ["neuropathy", "diabetes", "pain"],
        "days_ago": 55,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "dr_synapse",
                "body": (
                    "Well done on the changes you've made. Better blood sugar control "
                    "is the most important way to slow neuropathy, and some people do "
                    "find their symptoms ease, though nerves recover slowly and not "
                    "always fully. There are prescription treatments aimed at nerve "
                    "pain, and it is worth discussing these with your GP as the right "
                    "choice depends on your other health conditions.\n"
                    "\n"
                    "Foot care matters a great deal. Seek prompt help for any sore or "
                    "cut that isn't healing, a foot that becomes hot, red or swollen, "
                    "or any quickly worsening weakness."
                ),
                "hours_after": 8,
                "helpful": 16,
                "not_helpful": 0,
            },
            {
                "author": "tingle_toes_52",
                "body": (
                    "I haven't got to the bottom of my own foot tingling yet, but the "
                    "night burning sounds very familiar. Cool (not cold) feet and a "
                    "fan at the end of the bed help me a bit."
                ),
                "hours_after": 16,
                "helpful": 4,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "A few things that help many of my patients:\n"
                    "\n"
                    "- A bed cradle or a folded pillow at the foot of the bed to keep "
                    "the duvet off your toes\n"
                    "- Checking your feet daily, with a mirror for the soles\n"
                    "- Never walking barefoot, and testing bath water with your "
                    "elbow\n"
                    "- Regular podiatry checks, which your diabetes team can arrange"
                ),
                "hours_after": 20,
                "helpful": 15,
                "not_helpful": 0,
            },
            {
                "author": "garden_gran",
                "body": (
                    "My husband found the daily walk did as much for his mood as his "
                    "feet. He joined a walking group and made friends there too."
                ),
                "hours_after": 40,
                "helpful": 5,
                "not_helpful": 0,
            },
            {
                "author": "calm_commuter",
                "body": (
                    "Have you tried cutting out sugar completely? A friend swears it "
                    "cured her. Probably best to check with your diabetes team before "
                    "changing anything big, though."
                ),
                "hours_after": 90,
                "helpful": 1,
                "not_helpful": 2,
            },
        ],
    },
    {
        "forum": "neurology",
        "author": "garden_gran",
        "title": (
            "Online ad says a supplement 'reverses nerve damage in 30 days' - has "
            "anyone tried it?"
        ),
        "body": (
            "I'm 71 and have had tingling and numbness in my feet for a few years. My "
            "neurologist calls it idiopathic neuropathy, which I understand means "
            "they haven't found a cause. It's manageable but it does get me down.\n"
            "\n"
            "I keep seeing an advert on social media for a supplement that claims to "
            "**reverse nerve damage in 30 days**. It has lots of glowing "
            "testimonials, it's very expensive, and the website says you should stop "
            'your "chemical" prescriptions for it to work properly.\n'
            "\n"
            "Part of me knows it sounds too good to be true, but I'm tempted. Has "
            "anyone here tried it?"
        ),
        "tags": ["neuropathy", "supplements"],
        "days_ago": 40,
        "is_pinned": False,
        "is_locked": True,
        "replies": [
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "I'm glad you asked before buying. Several things in that advert "
                    "are warning signs: a promise to reverse nerve damage, a fixed "
                    "short time frame, pressure to buy and, most worrying, telling "
                    "you to stop your prescribed medicines. Please don't stop "
                    "anything prescribed without talking to your doctor. If you're "
                    "curious about any supplement, take the label to your pharmacist, "
                    "who can check it against your other medicines."
                ),
                "hours_after": 3,
                "helpful": 18,
                "not_helpful": 0,
            },
            {
                "author": "dr_synapse",
                "body": (
                    "There is no supplement with good evidence that it reverses nerve "
                    "damage in 30 days. Some deficiencies, such as low vitamin B12, "
                    "really do matter for nerves, which is why doctors test for them, "
                    "but those are treated once they are found. If your neuropathy is "
                    "getting worse or affecting your walking, ask your neurologist "
                    "for a review."
                ),
                "hours_after": 7,
                "helpful": 15,
                "not_helpful": 0,
            },
            {
                "author": "diabetic_feet_walker",
                "body": (
                    "I spent a lot of money on something similar two years ago. It "
                    "did nothing except make my wallet lighter. Put that money "
                    "towards good shoes instead."
                ),
                "hours_after": 12,
                "helpful": 9,
                "not_helpful": 0,
            },
            {
                "author": "tingle_toes_52",
                "body": (
                    "Thanks for posting this. I've seen the same ads and wondered the "
                    "same thing. I'll ask my pharmacist before buying anything like "
                    "that from now on."
                ),
                "hours_after": 20,
                "helpful": 3,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "headaches-migraine",
        "author": "foggy_teacher",
        "title": "Daily tension headaches from desk work - what actually helped you?",
        "body": (
            "I'm 36 and a secondary school teacher. Most afternoons I get a dull, "
            "band-like pressure across my forehead and around the sides of my head. "
            "It's worst on marking days when I'm hunched over a laptop for hours. My "
            "neck and shoulders feel tight by the evening.\n"
            "\n"
            "Honest list of my habits:\n"
            "\n"
            "- Lots of coffee, not much water\n"
            "- Lunch often skipped or eaten at my desk\n"
            "- Painkillers three or four days a week\n"
            "- Haven't had an eye test in years\n"
            "\n"
            "I'd really like to find things that help without relying on tablets. "
            "What worked for you?"
        ),
        "tags": ["tension-headache", "posture"],
        "days_ago": 110,
        "is_pinned": True,
        "is_locked": False,
        "replies": [
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "What you describe sounds like a very common pattern. Good first "
                    "steps are regular meals, water through the day, short breaks "
                    "from the screen every half hour, a screen at eye level, gentle "
                    "neck and shoulder stretches, regular exercise, and an eye test.\n"
                    "\n"
                    "Also keep an eye on painkiller use. Taking them on many days a "
                    "month can itself keep headaches going, so it's worth talking to "
                    "your GP if you are using them on most days.\n"
                    "\n"
                    "See your GP sooner if your headaches change pattern, wake you "
                    "from sleep, come with vomiting, or come with any weakness, "
                    "numbness or change in vision."
                ),
                "hours_after": 4,
                "helpful": 17,
                "not_helpful": 0,
            },
            {
                "author": "keyboard_wrists",
                "body": (
                    "Raising my monitor and setting a timer to stand up every 30 "
                    "minutes cut my afternoon headaches by about half. Cheap and easy "
                    "to try."
                ),
                "hours_after": 9,
                "helpful": 8,
                "not_helpful": 0,
            },
            {
                "author": "migraine_mapmaker",
                "body": (
                    "A headache diary helped me more than anything. After a month I "
                    "could see mine lined up with skipped lunches and late nights. "
                    "Much easier to fix once you can see it."
                ),
                "hours_after": 20,
                "helpful": 6,
                "not_helpful": 0,
            },
            {
                "author": "dr_synapse",
                "body": (
                    "Good advice above. A few features need prompt or urgent "
                    "assessment rather than self-help: a sudden, severe headache that "
                    "peaks within seconds to a minute, headache with fever and a "
                    "stiff neck, or a new headache with weakness, confusion or "
                    "slurred speech. If headaches stay frequent despite lifestyle "
                    "changes, your GP can talk about preventive options."
                ),
                "hours_after": 30,
                "helpful": 12,
                "not_helpful": 0,
            },
            {
                "author": "restless_nights",
                "body": (
                    "Sounds like stress honestly. Maybe it's the job. I get the same "
                    "when work is busy and it mostly goes away on holiday, so I just "
                    "put up with it."
                ),
                "hours_after": 50,
                "helpful": 0,
                "not_helpful": 1,
            },
        ],
    },
    {
        "forum": "headaches-migraine",
        "author": "migraine_mapmaker",
        "title": (
            "First ever migraine with aura at 38 - zigzag lines then a pounding "
            "headache"
        ),
        "body": (
            "Last Tuesday at work I noticed a small shimmering zigzag on the left "
            "side of my vision. Over about twenty minutes it grew into a flickering "
            "arc and then faded. Around half an hour later I had a throbbing headache "
            "on one side, felt sick and had to lie down in a dark room. I slept it "
            "off and felt washed out the next day.\n"
            "\n"
            "I'm 38 and have had ordinary migraines a few times a year since my "
            "twenties, but never anything like this before. I was terrified it was a "
            "stroke.\n"
            "\n"
            "I also take the combined contraceptive pill, if that's relevant. Is it "
            "normal to get a first aura at my age? Should I see a doctor even though "
            "I feel fine now?"
        ),
        "tags": ["aura", "migraine"],
        "days_ago": 9,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "dr_synapse",
                "body": (
                    "Yes, please book a GP appointment, and mention the contraceptive "
                    "pill specifically. Migraine with aura can change which "
                    "contraception is recommended, so it's important your doctor "
                    "knows. Please don't stop it suddenly without a plan.\n"
                    "\n"
                    "What you describe has typical aura features: a bright, "
                    "shimmering pattern that spreads gradually over several minutes "
                    "and fades within the hour, then headache. Strokes usually come "
                    "on suddenly and cause a loss of function, such as loss of "
                    "vision, weakness or trouble speaking.\n"
                    "\n"
                    "Call an ambulance for weakness or numbness on one side, slurred "
                    "or muddled speech, a sudden severe headache, or visual symptoms "
                    "that last over an hour or don't fade."
                ),
                "hours_after": 3,
                "helpful": 20,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "Before your appointment, jot down exactly what you saw, how it "
                    "moved, how long each stage lasted and what you were doing "
                    "beforehand. A simple diary of any further episodes is very "
                    "helpful for working out patterns and triggers."
                ),
                "hours_after": 8,
                "helpful": 12,
                "not_helpful": 0,
            },
            {
                "author": "vestibular_vee",
                "body": (
                    "My first aura was at 35 and I was convinced something awful was "
                    "happening. The first one is the scariest. Knowing what it is "
                    "helps a lot next time."
                ),
                "hours_after": 20,
                "helpful": 5,
                "not_helpful": 0,
            },
            {
                "author": "mri_claustro",
                "body": (
                    "Zigzags are exactly what I get too. Mine always fade within half "
                    "an hour, and lying down somewhere dark afterwards helps. Hope "
                    "you feel better soon."
                ),
                "hours_after": 36,
                "helpful": 2,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "headaches-migraine",
        "author": "owl_hours_insomnia",
        "title": (
            "Taking painkillers most days for headaches - could they be making it "
            "worse?"
        ),
        "body": (
            "I'm 45 and have had headaches on and off for years, but over the past "
            "six months they've become almost daily. I now take over-the-counter "
            'painkillers most mornings, partly "just in case" because I have a busy '
            "day.\n"
            "\n"
            "I've read about rebound headaches and wonder if that's what's happening. "
            "The headaches are usually there when I wake up. I'm also sleeping badly, "
            "which I've posted about in the sleep forum.\n"
            "\n"
            "I'm scared that if I stop the tablets the headaches will be unbearable. "
            "Has anyone been through this? How did you cut down?"
        ),
        "tags": ["medication-overuse", "headache"],
        "days_ago": 64,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "dr_synapse",
                "body": (
                    "Medication overuse headache is real and common. Taking simple "
                    "painkillers on most days over months can keep headaches going, "
                    "and some types of painkiller can do so at even lower use.\n"
                    "\n"
                    "The good news is that it usually improves once the overuse "
                    "stops, although headaches may feel worse for a short time first. "
                    "Please plan this with your GP rather than alone, especially if "
                    "any of your tablets contain codeine or similar. They may also "
                    "suggest a preventive treatment.\n"
                    "\n"
                    "Morning headaches can also be linked to sleep problems such as "
                    "sleep apnea, so mention your sleep and any snoring too."
                ),
                "hours_after": 6,
                "helpful": 18,
                "not_helpful": 0,
            },
            {
                "author": "spinning_sailor",
                "body": (
                    "My morning headaches turned out to be partly from sleep apnea. "
                    "Once that was treated they mostly went. Might be worth asking "
                    "about, especially if anyone has told you that you snore."
                ),
                "hours_after": 12,
                "helpful": 9,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "A diary of headache days and tablet days is really useful to "
                    "take to the GP. It shows the pattern clearly and helps you see "
                    "progress once you start cutting down. Be kind to yourself "
                    "through the first couple of weeks."
                ),
                "hours_after": 20,
                "helpful": 11,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "headaches-migraine",
        "author": "daughter_caregiver",
        "title": (
            "Migraines around my period every month - anyone found patterns or help?"
        ),
        "body": (
            "I'm 42. For the past year I've tracked my migraines on an app and "
            "there's a clear pattern: they start a day or two before my period and "
            "they're my longest and worst attacks, often two or three days.\n"
            "\n"
            "Other migraines during the month are shorter and respond better to what "
            "I normally take. I'm wondering whether this is linked to hormones "
            "changing in my forties.\n"
            "\n"
            "I've got a GP appointment next month. Did anyone find something that "
            "helped with period-related migraines? What should I ask about?"
        ),
        "tags": ["migraine", "hormones"],
        "days_ago": 47,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "migraine_mapmaker",
                "body": (
                    "Bringing a year of tracking is brilliant, doctors love that. "
                    "Mine are worse around my period too. Planning quieter days then "
                    "and being strict about sleep and meals has taken the edge off a "
                    "bit."
                ),
                "hours_after": 5,
                "helpful": 6,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "Migraines linked to periods are well recognised, and your diary "
                    "will help your GP confirm the pattern. Depending on your cycle "
                    "and health, options can include short courses of treatment timed "
                    "around your period or hormonal approaches. Patterns also often "
                    "shift around perimenopause, so it's a good time to review. Ask "
                    "your GP what would suit you."
                ),
                "hours_after": 12,
                "helpful": 14,
                "not_helpful": 0,
            },
            {
                "author": "vestibular_vee",
                "body": (
                    "Same here. Just knowing when they're coming makes it easier to "
                    "plan around them. I try to keep those days free of big "
                    "commitments where I can."
                ),
                "hours_after": 30,
                "helpful": 3,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "headaches-migraine",
        "author": "tremor_mom",
        "title": (
            "My 13-year-old gets headaches after school most days - when should we "
            "get her checked?"
        ),
        "body": (
            "My daughter is 13. For about a month she's been coming home with a "
            "headache most days, around 4pm. It's across her forehead and gets better "
            "after a snack and a rest on the sofa.\n"
            "\n"
            "Things I've noticed:\n"
            "\n"
            "- She often skips lunch and doesn't drink much at school\n"
            "- She's on her phone a lot in the evenings\n"
            "- She's never had an eye test\n"
            "\n"
            "She's sleeping well and has not been sick with them. Her mood is fine "
            "otherwise. I don't want to overreact, but I also don't want to miss "
            "anything. When should we see a doctor?"
        ),
        "tags": ["headache", "children"],
        "days_ago": 16,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "Headaches in teenagers are very common, and skipped meals, not "
                    "drinking enough, screens, late nights and eyesight are frequent "
                    "culprits. An eye test is an easy first step, and a short "
                    "headache diary for a few weeks helps.\n"
                    "\n"
                    "See your GP if they continue despite those changes. Seek help "
                    "promptly if headaches wake her from sleep or are worse on waking "
                    "with vomiting, if they are getting steadily worse, or if you "
                    "notice changes in her vision, balance, behaviour or school "
                    "performance. A headache with fever, a stiff neck or a rash needs "
                    "urgent care."
                ),
                "hours_after": 3,
                "helpful": 16,
                "not_helpful": 0,
            },
            {
                "author": "dr_synapse",
                "body": (
                    "The pattern you describe, late afternoon and better with food "
                    "and rest, is reassuring. It would still be sensible to mention "
                    "it to her GP if it carries on, and the red flags above are the "
                    "ones to watch. Involving her in keeping the diary also helps "
                    "teenagers notice their own triggers."
                ),
                "hours_after": 10,
                "helpful": 13,
                "not_helpful": 0,
            },
            {
                "author": "foggy_teacher",
                "body": (
                    "Speaking as a teacher, a lot of students skip lunch to see "
                    "friends or catch up on work. A water bottle and a snack in her "
                    "bag can make a real difference by the last lesson."
                ),
                "hours_after": 18,
                "helpful": 7,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "sleep",
        "author": "restless_nights",
        "title": (
            "Legs feel crawly every evening and I can't sit still - is this restless "
            "legs?"
        ),
        "body": (
            "I'm 49. Most evenings, once I sit down on the sofa, I get a deep "
            "creepy-crawly feeling inside my calves and an overwhelming urge to move "
            "them. Walking around the room makes it go away, but it comes back as "
            "soon as I sit or lie down again. It can take me over an hour to fall "
            "asleep.\n"
            "\n"
            "My husband says my legs also jerk during the night. It's worse after a "
            "long day. I've been more tired than usual lately, and my periods have "
            "been heavy for the last year.\n"
            "\n"
            "Is this restless legs syndrome? What helped you, and is there anything I "
            "should get checked?"
        ),
        "tags": ["restless-legs", "sleep"],
        "days_ago": 65,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "dr_synapse",
                "body": (
                    "What you describe has the typical features of restless legs: an "
                    "urge to move that comes on at rest, in the evening, and is "
                    "relieved by moving. It's worth seeing your GP, because some "
                    "causes are treatable.\n"
                    "\n"
                    "Low iron stores are an important one, and heavy periods can lead "
                    "to that, so a blood test including iron levels is worth asking "
                    "for. Please don't start iron tablets without a test first. "
                    "Kidney problems and some medicines, including certain "
                    "antihistamines and antidepressants, can also make it worse. "
                    "There are also treatments if simple measures aren't enough."
                ),
                "hours_after": 6,
                "helpful": 18,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "Things that help many people: a regular sleep routine, a short "
                    "walk or calf stretches in the evening, a warm bath, massage, and "
                    "keeping your mind busy with a puzzle when you have to sit. "
                    "Cutting down caffeine and alcohol in the evening helps some "
                    "people as well."
                ),
                "hours_after": 10,
                "helpful": 13,
                "not_helpful": 0,
            },
            {
                "author": "garden_gran",
                "body": (
                    "I had exactly this. My iron was low and once it was sorted out "
                    "the evenings became so much calmer. Definitely get the blood "
                    "test."
                ),
                "hours_after": 28,
                "helpful": 8,
                "not_helpful": 0,
            },
            {
                "author": "twitchy_runner",
                "body": (
                    "I use a massage gun on my calves in the evenings. Not sure it's "
                    "the same thing as what you have, but it feels good and helps me "
                    "relax before bed."
                ),
                "hours_after": 40,
                "helpful": 2,
                "not_helpful": 1,
            },
        ],
    },
    {
        "forum": "sleep",
        "author": "owl_hours_insomnia",
        "title": (
            "Awake at 3am every night for months - what insomnia tips actually worked?"
        ),
        "body": (
            "I'm 45 and for about four months I've been waking at 3am almost every "
            "night. My mind starts racing through work and family worries and I'm "
            "awake for two hours or more. I'm exhausted all day.\n"
            "\n"
            "Things I've already tried:\n"
            "\n"
            "- Herbal tea before bed\n"
            "- No phone in the bedroom\n"
            "- Blackout curtains\n"
            '- Going to bed earlier to "catch up"\n'
            "\n"
            "None of it has made much difference. I'd really like to avoid sleeping "
            "tablets if possible. What actually worked for you?"
        ),
        "tags": ["insomnia", "sleep"],
        "days_ago": 80,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "The best-researched treatment for long-term insomnia is "
                    "cognitive behavioural therapy for insomnia (CBT-I). It's "
                    "available through many health services and as guided programmes. "
                    "Some core ideas:\n"
                    "\n"
                    "- Keep the same wake-up time every day, even after a bad night\n"
                    "- If you're awake for more than about 20 minutes, get up and do "
                    "something calm in dim light until you feel sleepy\n"
                    "- Turn the clock away so you can't watch it\n"
                    "- Going to bed earlier often makes things worse, not better\n"
                    "\n"
                    "See your GP if you also have low mood, loud snoring or gasping, "
                    "or leg symptoms at night."
                ),
                "hours_after": 5,
                "helpful": 17,
                "not_helpful": 0,
            },
            {
                "author": "memory_worried_50s",
                "body": (
                    "I did a CBT-I course last year. The first two weeks were hard "
                    "because you spend less time in bed at first, but it genuinely "
                    "changed things for me. I still wake sometimes but I don't panic "
                    "about it."
                ),
                "hours_after": 12,
                "helpful": 9,
                "not_helpful": 0,
            },
            {
                "author": "dr_synapse",
                "body": (
                    "Insomnia like this is often tied up with anxiety, low mood, pain "
                    "or hormonal changes, so it's worth a GP review to look at the "
                    "whole picture. Sleeping tablets are generally only for short "
                    "periods and under medical advice. CBT-I tends to give "
                    "longer-lasting benefit."
                ),
                "hours_after": 22,
                "helpful": 11,
                "not_helpful": 0,
            },
            {
                "author": "nightshift_nurse_fan",
                "body": (
                    'A "worry notebook" helps me. Half an hour before bed I write '
                    "down everything on my mind and one next step for each. Then when "
                    "I wake at 3am I remind myself it's already written down."
                ),
                "hours_after": 40,
                "helpful": 5,
                "not_helpful": 0,
            },
            {
                "author": "restless_nights",
                "body": (
                    "Counting backwards from 300 in threes keeps my brain too busy to "
                    "worry. Works for me some nights, not all of them. Hope you find "
                    "something that helps."
                ),
                "hours_after": 60,
                "helpful": 1,
                "not_helpful": 1,
            },
        ],
    },
    {
        "forum": "sleep",
        "author": "snore_husband",
        "title": "Wife says I stop breathing when I snore - could it be sleep apnea?",
        "body": (
            "I'm 54 and I've been a loud snorer for years. Recently my wife has "
            "noticed that I stop breathing for a few seconds and then gasp, several "
            "times a night. She's understandably worried.\n"
            "\n"
            "I wake up with a headache and a dry mouth most days and I nod off in "
            "afternoon meetings. Last month I felt my eyes closing at a set of "
            "traffic lights, which really frightened me. I've put on about 10 kg in "
            "the last few years.\n"
            "\n"
            "What's the process for getting tested? And is it true I might need to "
            "sleep with a mask?"
        ),
        "tags": ["sleep-apnea", "snoring"],
        "days_ago": 50,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "dr_synapse",
                "body": (
                    "Loud snoring with pauses and gasps, morning headaches and "
                    "daytime sleepiness are good reasons to be assessed for "
                    "obstructive sleep apnea, so please see your GP soon.\n"
                    "\n"
                    "The most important point now: **don't drive if you feel "
                    "sleepy.** Almost falling asleep at the lights is a warning sign. "
                    "Check the rules with your licensing authority, as many have "
                    "specific guidance.\n"
                    "\n"
                    "Testing often starts with a sleep study you can do at home. If "
                    "sleep apnea is confirmed, treatments such as a CPAP mask are "
                    "very effective for most people, and treating it is also good for "
                    "blood pressure and heart health."
                ),
                "hours_after": 2,
                "helpful": 19,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "A home sleep study usually means wearing a few sensors "
                    "overnight: a small clip on the finger, a belt around the chest "
                    "and a tube under the nose. It's a bit fiddly but most people "
                    "sleep reasonably well with it. Your wife's observations are "
                    "useful, so bring her along or write them down."
                ),
                "hours_after": 8,
                "helpful": 13,
                "not_helpful": 0,
            },
            {
                "author": "owl_hours_insomnia",
                "body": (
                    "Good on your wife for noticing. My brother ignored the same "
                    "signs for years and felt so much better once he was treated. "
                    "Hope you get tested quickly."
                ),
                "hours_after": 20,
                "helpful": 4,
                "not_helpful": 0,
            },
            {
                "author": "spinning_sailor",
                "body": (
                    "I've used CPAP for six years. It took me a couple of weeks to "
                    "get used to the mask, and now I can't imagine sleeping without "
                    "it. No more dozing in the afternoon and my wife sleeps better "
                    "too."
                ),
                "hours_after": 35,
                "helpful": 10,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "sleep",
        "author": "nightshift_nurse_fan",
        "title": (
            "Night shifts have wrecked my sleep - how do you cope on your days off?"
        ),
        "body": (
            "I'm 39 and work three or four night shifts a week in a care home. After "
            "a shift I get maybe four hours of broken sleep. On my days off I try to "
            "switch back to normal hours for my family, and I end up feeling "
            "permanently jet-lagged.\n"
            "\n"
            "I get headaches, I snack constantly and I'm irritable with the kids. I "
            "can't change jobs right now. Any night workers here with a routine that "
            "actually works?"
        ),
        "tags": ["shift-work", "insomnia"],
        "days_ago": 15,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "I did years of nights, so I feel this. What helped me:\n"
                    "\n"
                    "- Sunglasses on the way home to cut morning light\n"
                    "- Blackout blinds, earplugs and phone on silent\n"
                    "- A short nap before the first night shift\n"
                    "- No caffeine in the last few hours of a shift\n"
                    "- Keeping a few hours of sleep at the same time every day, "
                    "working or not, as an anchor\n"
                    "\n"
                    "Be careful driving home after nights. If you feel drowsy, stop "
                    "somewhere safe."
                ),
                "hours_after": 6,
                "helpful": 16,
                "not_helpful": 0,
            },
            {
                "author": "owl_hours_insomnia",
                "body": (
                    "Not a shift worker, but earplugs plus a white noise app helped "
                    "me sleep through daytime noise when I had builders next door. A "
                    "cool, dark room made a real difference too."
                ),
                "hours_after": 18,
                "helpful": 3,
                "not_helpful": 0,
            },
            {
                "author": "dr_synapse",
                "body": (
                    "If it stays this hard despite good habits, it's worth speaking "
                    "to your GP or an occupational health service. Some people have "
                    "real trouble adjusting to shift work, and there are approaches "
                    "that can help. Persistent low mood or feeling unsafe at work "
                    "because of tiredness are good reasons to ask for help sooner."
                ),
                "hours_after": 30,
                "helpful": 10,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "sleep",
        "author": "mri_claustro",
        "title": "Sleep paralysis twice this month - is it dangerous?",
        "body": (
            "Twice this month I've woken up and been unable to move or speak for what "
            "felt like a minute. The second time I was convinced someone was standing "
            "in the corner of the room. I could breathe, but I was terrified.\n"
            "\n"
            "I'm 38. Both times I'd been sleeping badly and was very stressed at "
            "work, and both times I was lying on my back. It has never happened "
            "before this year.\n"
            "\n"
            "I've read that it's called sleep paralysis. Is it harmful? Is there "
            "anything I can do to stop it happening again? I'm now scared of going to "
            "sleep, which probably isn't helping."
        ),
        "tags": ["sleep-paralysis", "anxiety"],
        "days_ago": 3,
        "is_pinned": False,
        "is_locked": False,
        "replies": [],
    },
    {
        "forum": "memory-dementia",
        "author": "memory_worried_50s",
        "title": "Forgetting words mid-sentence at 52 - normal or early dementia?",
        "body": (
            "I'm 52 and work as a project manager. Over the last year I've started "
            'losing words mid-sentence, like "the thing you cook pasta in". I walk '
            "into rooms and forget why, and I've missed a couple of meetings I'd "
            "usually remember.\n"
            "\n"
            "Some context:\n"
            "\n"
            "- I'm perimenopausal and sleeping badly\n"
            "- Work has been very stressful this year\n"
            "- My dad had dementia, but he was in his eighties when it started\n"
            "\n"
            "Nobody else has commented on it, and I'm still doing my job, but I'm "
            "frightened. At what point should I worry, and what would a doctor "
            "actually check?"
        ),
        "tags": ["memory", "word-finding"],
        "days_ago": 70,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "dr_synapse",
                "body": (
                    "Losing words and walking into rooms without remembering why are "
                    "very common, and they become more noticeable with stress, poor "
                    "sleep, low mood and menopause. Still, if it's worrying you, it's "
                    "reasonable to see your GP.\n"
                    "\n"
                    "Things that make an assessment more pressing include other "
                    "people noticing changes, getting lost in familiar places, "
                    "difficulty with tasks that used to be easy (bills, cooking, work "
                    "routines), repeating the same questions, or changes in "
                    "personality.\n"
                    "\n"
                    "A GP will usually talk through your symptoms, do a short memory "
                    "test and arrange bloods such as thyroid and B12. If speech "
                    "problems ever come on **suddenly**, call an ambulance, as that "
                    "can be a sign of stroke."
                ),
                "hours_after": 5,
                "helpful": 19,
                "not_helpful": 0,
            },
            {
                "author": "garden_gran",
                "body": (
                    "The 'word on the tip of my tongue' thing was awful for me around "
                    "the menopause, years ago now. Sorting out my sleep and getting "
                    "some support helped a lot, and it passed. You're definitely not "
                    "alone."
                ),
                "hours_after": 12,
                "helpful": 9,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "If your GP does refer you to a memory clinic, it usually "
                    "involves longer memory and thinking tests, questions about daily "
                    "life and sometimes a scan. Many people come out with reassurance "
                    "and a plan to improve sleep or mood. Keeping a short log of "
                    "examples beforehand is helpful."
                ),
                "hours_after": 20,
                "helpful": 12,
                "not_helpful": 0,
            },
            {
                "author": "daughter_caregiver",
                "body": (
                    "For what it's worth, with my mum it looked very different. She "
                    "stopped recognising her own mistakes, and we were the ones who "
                    "noticed. You noticing and worrying is quite a different picture."
                ),
                "hours_after": 45,
                "helpful": 7,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "memory-dementia",
        "author": "daughter_caregiver",
        "title": (
            "Mum has just been diagnosed with Alzheimer's - what should we do first?"
        ),
        "body": (
            "My mum is 78 and was diagnosed with Alzheimer's disease last week after "
            "a few months of tests at the memory clinic. She lives alone and is still "
            "managing with a bit of help. I'm an only child, I live 40 minutes away "
            "and I work full time.\n"
            "\n"
            "I'm overwhelmed. There's legal paperwork, whether she should still "
            "drive, safety at home, and how to tell the rest of the family. Mum is "
            "upset but also a bit in denial.\n"
            "\n"
            "For those who've been here, **where did you start?** What do you wish "
            "you'd done earlier?"
        ),
        "tags": ["alzheimers", "caregiving"],
        "days_ago": 95,
        "is_pinned": True,
        "is_locked": False,
        "replies": [
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "I'm sorry, it's a lot to take in. Some steps families often find "
                    "useful early on:\n"
                    "\n"
                    "1. Ask the memory clinic about a named support worker or "
                    "dementia nurse, and local support groups\n"
                    "2. Sort out legal arrangements, such as powers of attorney, "
                    "while your mum can take part in decisions\n"
                    "3. Discuss driving with her doctor and check your licensing "
                    "authority's rules\n"
                    "4. Look at home safety: smoke alarms, cooker safety, good "
                    "lighting\n"
                    "5. Ask for a carer's assessment for yourself\n"
                    "\n"
                    "You don't need to do everything this week."
                ),
                "hours_after": 4,
                "helpful": 20,
                "not_helpful": 0,
            },
            {
                "author": "garden_gran",
                "body": (
                    "I cared for my husband for six years. What I wish I'd done "
                    "sooner was accept help and join a carers' group. The other "
                    "carers understood in a way friends couldn't. Look after yourself "
                    "too."
                ),
                "hours_after": 10,
                "helpful": 11,
                "not_helpful": 0,
            },
            {
                "author": "dr_synapse",
                "body": (
                    "Her doctors may discuss medicines that help some people with "
                    "symptoms for a time, so it's worth asking. One important thing "
                    "to know: if your mum suddenly becomes much more confused over "
                    "hours or days, it's often caused by something else, such as an "
                    "infection, dehydration or a medicine side effect. That needs "
                    "prompt medical attention."
                ),
                "hours_after": 20,
                "helpful": 15,
                "not_helpful": 0,
            },
            {
                "author": "memory_worried_50s",
                "body": (
                    "Sending strength. My dad's diagnosis felt like a storm at first, "
                    "but things did become more manageable once support was in place. "
                    "Take it one step at a time."
                ),
                "hours_after": 30,
                "helpful": 3,
                "not_helpful": 0,
            },
            {
                "author": "calm_commuter",
                "body": (
                    "My aunt used a big calendar on the kitchen wall and a weekly "
                    "pill organiser, and that kept her independent for longer than we "
                    "expected."
                ),
                "hours_after": 60,
                "helpful": 4,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "memory-dementia",
        "author": "keyboard_wrists",
        "title": (
            "Dad keeps repeating questions and got lost driving home - how do I get "
            "him assessed?"
        ),
        "body": (
            "My dad is 74. Over the last six months he's been asking the same "
            "questions several times in one visit, he missed paying a couple of "
            "bills, and last week he got lost driving home on a route he's used for "
            "thirty years. He called me from a petrol station, very shaken.\n"
            "\n"
            "When I mention memory he gets defensive and says he's just getting old. "
            "Mum passed away two years ago, so he lives alone.\n"
            "\n"
            "How do I get him to see a doctor without a huge argument? And should I "
            "be doing something about the driving right now?"
        ),
        "tags": ["memory", "dementia", "driving"],
        "days_ago": 28,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "Many families face this. Some approaches that often work:\n"
                    "\n"
                    '- Suggest a general health check rather than a "memory test"\n'
                    "- Offer to go with him, to help with the paperwork\n"
                    "- Write to or call his GP beforehand with specific examples\n"
                    "\n"
                    "GPs can check for treatable causes of memory problems, such as "
                    "thyroid problems, low B12, medicine side effects, low mood or "
                    "infection. Keep conversations calm and short, and focus on him "
                    "staying independent."
                ),
                "hours_after": 6,
                "helpful": 17,
                "not_helpful": 0,
            },
            {
                "author": "daughter_caregiver",
                "body": (
                    'With my mum, framing it as "I\'d worry less if you got checked" '
                    "worked better than anything about her memory. It took two "
                    "attempts. Don't be discouraged if the first conversation goes "
                    "badly."
                ),
                "hours_after": 14,
                "helpful": 10,
                "not_helpful": 0,
            },
            {
                "author": "dr_synapse",
                "body": (
                    "Getting lost on a familiar route is a real safety concern, so "
                    "raise it with his GP promptly. If you believe he isn't safe to "
                    "drive, it's reasonable to discuss this openly with him and his "
                    "doctor now rather than waiting for the full assessment.\n"
                    "\n"
                    "Also, if there is a sudden change over hours or days, with new "
                    "confusion, drowsiness, weakness or slurred speech, seek same-day "
                    "medical help."
                ),
                "hours_after": 24,
                "helpful": 14,
                "not_helpful": 0,
            },
            {
                "author": "garden_gran",
                "body": (
                    "Be patient with him. It's frightening to think you're losing "
                    "your memory, and the defensiveness is often fear. Letting him "
                    "keep some control over the plan helped with my husband."
                ),
                "hours_after": 40,
                "helpful": 2,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "memory-dementia",
        "author": "foggy_teacher",
        "title": (
            "Brain fog and forgetfulness since a long illness last winter - could it "
            "just be stress?"
        ),
        "body": (
            "I'm 36. Last winter I had a nasty viral illness with a high temperature "
            "and a cough that lasted weeks, and I was off work for three weeks. Since "
            "then I've noticed:\n"
            "\n"
            "- Losing my train of thought halfway through explaining something in "
            "class\n"
            "- Re-reading the same paragraph several times\n"
            "- Feeling wiped out by mid-afternoon\n"
            "\n"
            "My sleep is okay, and my mood is mostly fine, although I'm frustrated. "
            "It's been about four months. Is this normal after a bad virus, and how "
            "long did it take others to feel sharp again?"
        ),
        "tags": ["brain-fog", "memory", "fatigue"],
        "days_ago": 40,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "dr_synapse",
                "body": (
                    'Fatigue and "brain fog" after a significant viral illness are '
                    "common and usually improve, although it can take months. Four "
                    "months on, it is worth seeing your GP so they can check for "
                    "things that can add to it, such as low iron, thyroid problems, "
                    "low vitamin levels or mood changes.\n"
                    "\n"
                    "Please seek prompt help if you notice new symptoms such as "
                    "weakness, numbness, problems with speech or vision, or severe "
                    "headaches."
                ),
                "hours_after": 10,
                "helpful": 14,
                "not_helpful": 0,
            },
            {
                "author": "memory_worried_50s",
                "body": (
                    "A friend had the same after a bad flu. She said it lifted slowly "
                    "over about six months, then one day she realised she felt like "
                    "herself again."
                ),
                "hours_after": 20,
                "helpful": 5,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "Pacing helps many people: spread demanding tasks across the day, "
                    "take short breaks before you're exhausted, and increase activity "
                    "gradually rather than pushing through on good days and crashing "
                    "afterwards. Lists and reminders take the pressure off your "
                    "memory while you recover."
                ),
                "hours_after": 30,
                "helpful": 11,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "epilepsy-seizures",
        "author": "first_seizure_dad",
        "title": "My 16-year-old son had his first seizure - what happens now?",
        "body": (
            "On Sunday morning, after a late night at a sleepover, my 16-year-old son "
            "collapsed in the kitchen. He went stiff and then jerked for what felt "
            "like forever but was probably one to two minutes. His lips looked blue, "
            "and afterwards he was confused and then slept for hours.\n"
            "\n"
            "We called an ambulance. At the hospital his blood tests were normal and "
            "he's been referred to a first seizure clinic. We don't have a date yet.\n"
            "\n"
            "My wife and I are terrified it will happen again. What should we do in "
            "the meantime, and what happens at the clinic?"
        ),
        "tags": ["first-seizure", "teenagers"],
        "days_ago": 22,
        "is_pinned": True,
        "is_locked": False,
        "replies": [
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "That must have been very frightening. Basic seizure first aid, "
                    "in case it happens again:\n"
                    "\n"
                    "- Stay calm and note the time it starts\n"
                    "- Move hard objects away and cushion his head\n"
                    "- Don't hold him down and **don't put anything in his mouth**\n"
                    "- When the jerking stops, roll him onto his side\n"
                    "- Stay with him until he's fully aware\n"
                    "\n"
                    "Call an ambulance if a seizure lasts more than five minutes, "
                    "another follows without recovery, he's injured, has trouble "
                    "breathing or it happens in water. Until the clinic advises, "
                    "showers rather than baths, no swimming alone and no climbing "
                    "heights."
                ),
                "hours_after": 3,
                "helpful": 20,
                "not_helpful": 0,
            },
            {
                "author": "dr_synapse",
                "body": (
                    "At the first seizure clinic, the most important part is the "
                    "story, so write down everything you saw, and a video of any "
                    "future episode (only if it's safe to take) can be very helpful. "
                    "He may have an EEG and sometimes an MRI.\n"
                    "\n"
                    "A single seizure does not always mean epilepsy. Lack of sleep "
                    "can lower the threshold for a seizure, which may be relevant "
                    "after a sleepover. The specialist will talk about the risk of "
                    "another one and what to do about things like driving lessons."
                ),
                "hours_after": 10,
                "helpful": 17,
                "not_helpful": 0,
            },
            {
                "author": "seizure_free_2yrs",
                "body": (
                    "My first seizure was at 17, also after a very late night. It was "
                    "scarier for my parents than for me because I don't remember it. "
                    "I'm doing really well now. Look after yourselves too."
                ),
                "hours_after": 18,
                "helpful": 9,
                "not_helpful": 0,
            },
            {
                "author": "epilepsy_driver_hope",
                "body": (
                    "Waiting for the clinic was the worst part for my family. Writing "
                    "everything down while it was fresh really helped at the "
                    "appointment. Wishing your son all the best."
                ),
                "hours_after": 36,
                "helpful": 5,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "epilepsy-seizures",
        "author": "epilepsy_driver_hope",
        "title": "Epilepsy and driving - how did you cope with losing your licence?",
        "body": (
            "I'm 29 and was diagnosed with epilepsy four months ago after two "
            "seizures. I've been told I can't drive until I've been seizure-free for "
            "the period set by the licensing rules.\n"
            "\n"
            "I live in a village with one bus an hour, and my job involves visiting "
            "clients. I feel trapped and, honestly, a bit embarrassed asking for "
            "lifts all the time.\n"
            "\n"
            "For those who've been through it, how did you manage day to day? And is "
            "it realistic to get my licence back one day?"
        ),
        "tags": ["epilepsy", "driving"],
        "days_ago": 58,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "dr_synapse",
                "body": (
                    "The rules differ between countries and between types of licence, "
                    "so your specialist and your licensing authority are the people "
                    "to confirm the details for you. Many people with epilepsy do get "
                    "their licence back once they meet the seizure-free "
                    "requirements.\n"
                    "\n"
                    "Things that help: taking medicines exactly as prescribed, "
                    "regular sleep, and being careful with alcohol. Please don't "
                    "drive in the meantime. It's about the safety of you and others, "
                    "and driving against medical advice can also invalidate your "
                    "insurance."
                ),
                "hours_after": 8,
                "helpful": 16,
                "not_helpful": 0,
            },
            {
                "author": "seizure_free_2yrs",
                "body": (
                    "I was off the road for about a year. It was hard, but I got my "
                    "licence back and I've been driving again for a while now. In the "
                    "meantime I moved some meetings to video, bought a folding bike "
                    "and built up a little lift-sharing arrangement with colleagues. "
                    "People were kinder than I expected."
                ),
                "hours_after": 15,
                "helpful": 12,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "Ask your epilepsy nurse or specialist about local help. Some "
                    "areas offer discounted or free travel for people who can't drive "
                    "for medical reasons, and employers can often make reasonable "
                    "adjustments to your role. You shouldn't have to carry this alone."
                ),
                "hours_after": 30,
                "helpful": 11,
                "not_helpful": 0,
            },
            {
                "author": "wobbly_walker",
                "body": (
                    "Thanks for posting this. My nephew has epilepsy and is learning "
                    "to drive, so this is useful to read. It's good to hear that "
                    "people do get back on the road."
                ),
                "hours_after": 60,
                "helpful": 2,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "epilepsy-seizures",
        "author": "seizure_free_2yrs",
        "title": "Should I tell my new employer about my epilepsy? I start next month",
        "body": (
            "I'm 34 and have been seizure-free for two years on medication. I'm "
            "starting a new office job next month and I'm unsure whether to tell them "
            "about my epilepsy.\n"
            "\n"
            "At my last job I told my manager and it went badly. I was suddenly left "
            "out of things and treated as fragile. On the other hand, if I ever did "
            "have a seizure at work, I'd want people to know what to do.\n"
            "\n"
            "How did others handle this? Did you tell HR, your manager, colleagues, "
            "or nobody?"
        ),
        "tags": ["epilepsy", "work"],
        "days_ago": 33,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "It's a personal decision, and legal protections vary by country. "
                    "From a safety point of view, many people find a middle path "
                    "works: tell occupational health or HR, and make sure a first "
                    "aider or a trusted colleague knows simple seizure first aid. A "
                    "short written seizure plan can make the conversation easier and "
                    "keeps it factual."
                ),
                "hours_after": 7,
                "helpful": 15,
                "not_helpful": 0,
            },
            {
                "author": "epilepsy_driver_hope",
                "body": (
                    "I told my manager and one colleague I sit near. It was awkward "
                    "for five minutes and then never an issue again. Sorry your last "
                    "job handled it badly."
                ),
                "hours_after": 20,
                "helpful": 6,
                "not_helpful": 0,
            },
            {
                "author": "dr_synapse",
                "body": (
                    "For an office role, the main practical issues are usually things "
                    "like working hours and sleep, any driving, and first aid "
                    "knowledge among colleagues. Occupational health can help your "
                    "employer get adjustments right without you having to explain "
                    "everything yourself."
                ),
                "hours_after": 40,
                "helpful": 10,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "epilepsy-seizures",
        "author": "garden_gran",
        "title": (
            "Friend collapsed and twitched for a few seconds - was it a faint or a "
            "seizure?"
        ),
        "body": (
            "At a garden party on a hot afternoon, my friend (she's in her sixties) "
            "stood up quickly from her chair, went pale and sweaty, and then dropped "
            "to the ground. Her arms jerked for a few seconds. She came round within "
            "a minute, knew where she was and was mostly embarrassed.\n"
            "\n"
            "The paramedics checked her over and she refused to go to hospital. She "
            'insists it was "just a faint" because of the heat.\n'
            "\n"
            "I always thought jerking meant a seizure. Is that right? Should I be "
            "nagging her to see a doctor?"
        ),
        "tags": ["fainting", "seizures"],
        "days_ago": 6,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "dr_synapse",
                "body": (
                    "Brief jerking can happen during an ordinary faint, when blood "
                    "flow to the brain drops for a moment. It doesn't automatically "
                    "mean a seizure. Warning signs such as feeling hot, sweaty and "
                    "pale, and a quick recovery without long confusion, are more "
                    "typical of fainting.\n"
                    "\n"
                    "However, anyone who loses consciousness for the first time "
                    "should see a doctor, particularly at her age, because some "
                    "faints are caused by heart rhythm or blood pressure problems "
                    "that are worth finding. It's more urgent if a collapse happens "
                    "during exercise, comes with chest pain or palpitations, happens "
                    "with no warning, or causes injury."
                ),
                "hours_after": 4,
                "helpful": 18,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "Your account as a witness is really valuable for her doctor. "
                    "Write down what happened just before, how long she was out, what "
                    "the jerking looked like, her colour, and how quickly she was "
                    "back to normal. Gentle encouragement to book an appointment is a "
                    "kind thing to do."
                ),
                "hours_after": 9,
                "helpful": 12,
                "not_helpful": 0,
            },
            {
                "author": "first_seizure_dad",
                "body": (
                    "Good on you for looking out for her. I'd keep gently encouraging "
                    "her. Maybe offer to go to the appointment with her, as having "
                    "someone alongside makes it much less daunting."
                ),
                "hours_after": 30,
                "helpful": 3,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "dizziness-balance",
        "author": "spinning_sailor",
        "title": "The room spins when I roll over in bed - could this be BPPV?",
        "body": (
            "I'm 61 and spent thirty years at sea without ever getting seasick, so "
            "this is a bit ironic. For about ten days, whenever I roll onto my right "
            "side in bed or look up at a high shelf, the room spins violently for "
            "about 20 to 30 seconds and then settles.\n"
            "\n"
            "Between episodes I feel fine, if a little queasy. My hearing hasn't "
            "changed and I don't have a headache. I'm now sleeping propped up and "
            "moving my head like a robot.\n"
            "\n"
            "A friend said it sounds like BPPV. Is that something a GP can fix, or "
            "will it go away by itself?"
        ),
        "tags": ["vertigo", "bppv"],
        "days_ago": 42,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "dr_synapse",
                "body": (
                    "Brief spinning triggered by specific head positions, with normal "
                    "hearing and feeling well in between, is the typical pattern of "
                    "BPPV. It's caused by tiny crystals in the inner ear moving into "
                    "the wrong place. A GP or physiotherapist can confirm it with a "
                    "positional test and often treat it with a simple repositioning "
                    "manoeuvre.\n"
                    "\n"
                    "Please seek **urgent** help if dizziness is constant rather than "
                    "brief, or comes with a new severe headache, double vision, "
                    "slurred speech, weakness, numbness, trouble walking or sudden "
                    "hearing loss."
                ),
                "hours_after": 5,
                "helpful": 18,
                "not_helpful": 0,
            },
            {
                "author": "balance_physio_k",
                "body": (
                    "I'm a physiotherapist working in vestibular rehab (my "
                    "verification on the forum is still pending). BPPV often responds "
                    "to one or two treatment sessions. Try not to avoid movement "
                    "completely, as that can make you stiffer and more unsteady. It's "
                    "best to have the manoeuvre done or taught by someone trained "
                    "first, so the correct ear is treated."
                ),
                "hours_after": 9,
                "helpful": 13,
                "not_helpful": 0,
            },
            {
                "author": "wobbly_walker",
                "body": (
                    "I had BPPV last year. One session at the GP and it was about 90 "
                    "percent better the next day. Such a relief. I felt a bit queasy "
                    "for a day or so afterwards, which is apparently normal."
                ),
                "hours_after": 20,
                "helpful": 6,
                "not_helpful": 0,
            },
            {
                "author": "vestibular_vee",
                "body": (
                    "The robot head movements made me laugh. I did exactly the same "
                    "when I had it. Hope it's sorted quickly and you can get back to "
                    "normal soon."
                ),
                "hours_after": 40,
                "helpful": 2,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "dizziness-balance",
        "author": "vestibular_vee",
        "title": (
            "Dizzy spells with light sensitivity but barely any headache - vestibular "
            "migraine?"
        ),
        "body": (
            "I'm 40. For about a year I've had episodes that last a few hours where I "
            "feel like I'm rocking on a boat. Bright lights bother me, and "
            "supermarket aisles and scrolling on my phone make it much worse. "
            "Sometimes there's a mild headache, often none at all.\n"
            "\n"
            "I had classic migraines in my twenties, which faded. An ENT specialist "
            "checked my ears and my hearing was normal. My GP mentioned vestibular "
            "migraine but I'd never heard of it.\n"
            "\n"
            "Has anyone else been diagnosed with this? What has helped you?"
        ),
        "tags": ["vestibular-migraine", "dizziness"],
        "days_ago": 85,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "dr_synapse",
                "body": (
                    "Vestibular migraine is a recognised and fairly common cause of "
                    "recurring dizziness, and the headache can be mild or absent. "
                    "It's diagnosed mainly from the history, after other causes have "
                    "been considered, and a past history of migraine fits the "
                    "picture.\n"
                    "\n"
                    "Management often starts with regular sleep, meals and hydration "
                    "and identifying triggers. Preventive medicines and vestibular "
                    "rehabilitation can help when episodes are frequent. Any new or "
                    "different features, such as weakness, double vision or slurred "
                    "speech, need prompt assessment."
                ),
                "hours_after": 6,
                "helpful": 16,
                "not_helpful": 0,
            },
            {
                "author": "balance_physio_k",
                "body": (
                    "Vestibular rehab exercises can help your brain cope better with "
                    "busy visual environments like supermarkets. They're done "
                    "gradually, starting gently, and a therapist can tailor them so "
                    "they don't trigger an episode. Please don't push through strong "
                    "symptoms."
                ),
                "hours_after": 12,
                "helpful": 11,
                "not_helpful": 0,
            },
            {
                "author": "migraine_mapmaker",
                "body": (
                    "Supermarket lights are my nemesis too. I shop at quieter times "
                    "and wear a cap, which sounds silly but helps. Online shopping on "
                    "bad weeks saves me a lot of grief."
                ),
                "hours_after": 20,
                "helpful": 7,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "Keeping a diary of episodes alongside sleep, meals, stress and "
                    "your cycle can reveal triggers you wouldn't otherwise notice. "
                    "It's also very useful if you're referred to a specialist."
                ),
                "hours_after": 40,
                "helpful": 10,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "dizziness-balance",
        "author": "wobbly_walker",
        "title": (
            "Constant unsteadiness since a bad cold three weeks ago - will it settle?"
        ),
        "body": (
            "I'm 50. Three weeks ago, a few days after a heavy cold, I woke up with "
            "severe spinning that lasted about two days. I was vomiting and couldn't "
            "stand. My GP said it was most likely inflammation of the balance nerve "
            "(vestibular neuritis).\n"
            "\n"
            "The spinning has gone and my hearing is fine, but I still feel like I'm "
            "walking on a boat. It's worse in the dark, in busy shops and when I turn "
            "my head quickly. I've been staying at home a lot because I feel unsafe.\n"
            "\n"
            "How long did your recovery take? Is there anything I can do to speed it "
            "up?"
        ),
        "tags": ["vestibular-neuritis", "balance"],
        "days_ago": 25,
        "is_pinned": False,
        "is_locked": False,
        "replies": [
            {
                "author": "balance_physio_k",
                "body": (
                    "Physiotherapist here (forum verification pending). After an "
                    "inner ear problem like this, the brain has to recalibrate, and "
                    "it learns by being challenged gently. Staying still at home can "
                    "actually slow things down. Short daily walks, gradually adding "
                    "head turns, and specific vestibular exercises from a trained "
                    "therapist usually help a lot."
                ),
                "hours_after": 8,
                "helpful": 12,
                "not_helpful": 0,
            },
            {
                "author": "neuro_nurse_jo",
                "body": (
                    "Build activity up step by step and use a night light so you're "
                    "not walking in the dark. Many people feel much better within "
                    "weeks to a few months.\n"
                    "\n"
                    "Seek urgent help if you get new severe headache, double vision, "
                    "slurred speech, weakness or numbness, new hearing loss, or you "
                    "can't walk at all."
                ),
                "hours_after": 14,
                "helpful": 14,
                "not_helpful": 0,
            },
            {
                "author": "spinning_sailor",
                "body": (
                    "My friend had this and said the exercises felt like they made it "
                    "worse for a week, then things clicked. She was back to normal in "
                    "a couple of months. Stick with it."
                ),
                "hours_after": 30,
                "helpful": 4,
                "not_helpful": 0,
            },
            {
                "author": "dr_synapse",
                "body": (
                    "If you were given medicine for the sickness and spinning, ask "
                    "your GP how long to take it. These medicines are useful in the "
                    "first few days but can slow recovery if used for a long time. If "
                    "you're not clearly improving over the next few weeks, ask about "
                    "referral for vestibular rehabilitation."
                ),
                "hours_after": 50,
                "helpful": 13,
                "not_helpful": 0,
            },
        ],
    },
    {
        "forum": "dizziness-balance",
        "author": "calm_commuter",
        "title": (
            "Lightheaded every time I stand up quickly - is that a balance problem?"
        ),
        "body": (
            "I'm 41. For a few weeks, every time I get up quickly from the sofa or "
            "out of bed, I feel lightheaded for a few seconds. My vision goes a bit "
            "grey at the edges, then it passes. It's not spinning, more like a head "
            "rush.\n"
            "\n"
            "It's worse on hot days and in the mornings. I haven't fainted. I've been "
            "trying to drink more water and get up more slowly, which helps a "
            "little.\n"
            "\n"
            "Is this the same kind of dizziness people talk about here, or something "
            "different? Should I see a doctor?"
        ),
        "tags": ["lightheadedness", "dizziness"],
        "days_ago": 1,
        "is_pinned": False,
        "is_locked": False,
        "replies": [],
    },
]


LONG_THREAD: dict = {
    "forum": "neurology",
    "author": "nightshift_nurse_fan",
    "title": "Living with benign fasciculation syndrome: share what helps",
    "body": (
        "A couple of years ago I had twitches all over my body and was sure something "
        "terrible was happening. Since then I've been examined, had tests that came "
        "back normal, and been told by my doctor that it's most likely benign "
        "fasciculation syndrome (BFS). The twitches haven't gone, but the fear has "
        "mostly faded.\n"
        "\n"
        "I thought it would be good to have one long-running thread where people "
        "living with this can share what helps day to day. Things like:\n"
        "\n"
        "- Habits that calm your twitches down (sleep, caffeine, exercise)\n"
        "- Ways you've managed the health anxiety that often comes with it\n"
        "- How you talk to your doctor without spiralling\n"
        "\n"
        "**Please remember:** this thread is for sharing experience, not for "
        "diagnosing anyone. If you notice real weakness, muscle wasting, or changes "
        "in your speech or swallowing, see your doctor rather than waiting for "
        "replies here."
    ),
    "tags": ["twitching", "fasciculations", "bfs"],
    "days_ago": 90,
    "reply_openings": [
        "I've had twitches on and off for about three years now.",
        (
            "My calves started twitching after a stressful winter and never fully "
            "stopped."
        ),
        "Checking in again after a few quiet months.",
        "Long-time reader, first time posting in this thread.",
        "My twitching began after a long run of night shifts.",
        "A neurologist gave me the BFS label last spring.",
        "It's been about eighteen months since my own twitch scare.",
        "My twitches are mostly in my feet and thighs these days.",
        "This thread got me through some rough evenings last year.",
        "I'm in my forties and started twitching out of nowhere.",
        "Mine flared up again this week, so I came back here.",
        "I'm a runner and I notice more twitches after long training weeks.",
        "After a normal examination and normal bloods, I'm learning to live with it.",
        "I still get the odd flurry, especially in my eyelid and calves.",
        "My twitching started during a spell of too much coffee and too little sleep.",
        "I went through the worst of the health anxiety about a year ago.",
        "Reading everyone's updates is oddly comforting.",
        "I had a full workup two years ago and everything came back normal.",
        "The twitches come in waves for me, quiet for weeks and then busy.",
        (
            "I'm a parent of two small children and the twitches arrived with the "
            "sleepless nights."
        ),
        "Like many of you, I found this forum at 2am after far too much searching.",
        (
            "My doctor reassured me after a careful exam, and the twitching is milder "
            "now."
        ),
    ],
    "reply_middles": [
        "What helps me most is not checking my strength over and over.",
        "Cutting back to one coffee a day made a noticeable difference for me.",
        "Getting seven or more hours of sleep seems to calm things down.",
        "I keep a simple note of flare-ups and they usually line up with stress.",
        (
            "Regular gentle exercise helps, even though a hard workout can bring on a "
            "short flurry."
        ),
        (
            "Talking therapy for health anxiety helped me far more than any search "
            "engine."
        ),
        (
            "I agreed with my GP to come back if I notice real weakness, not just "
            "twitches."
        ),
        "Staying hydrated and eating regular meals seems to help on busy days.",
        "Stretching my calves before bed reduces the evening twitching.",
        "I muted the accounts and videos that kept feeding my fears.",
        (
            "A slow breathing exercise at bedtime stops me lying there feeling every "
            "flicker."
        ),
        (
            "I remind myself that twitching with normal strength is exactly what my "
            "doctor expected to find."
        ),
        "Keeping busy with a hobby takes my attention off the twitches.",
        "I see my doctor for a routine check once a year instead of whenever I panic.",
        "Warm showers and a bit of yoga help when my legs feel buzzy.",
        "Cutting down on alcohol has helped both my sleep and the twitching.",
        "Telling my partner about my worries means I'm not carrying them alone.",
        "I've noticed that the more I watch a muscle, the more it seems to twitch.",
        "Mindfulness exercises felt silly at first, but they have genuinely helped.",
        "I stopped filming my twitches, which was a bigger relief than I expected.",
        (
            "Sticking to one trusted source of information instead of endless "
            "searching keeps me calmer."
        ),
        (
            "When a flare-up starts I go for a walk outside, and it usually settles "
            "sooner."
        ),
    ],
    "reply_closings": [
        "Hang in there, it really does get easier.",
        "Wishing everyone here a calm week.",
        (
            "If anything new like real weakness appears, please see your doctor, but "
            "otherwise be kind to yourself."
        ),
        "Thanks to everyone who keeps this thread going.",
        "You're not alone in this.",
        "Take care of yourselves and try to get some rest.",
        "I hope something here helps someone else.",
        "Sending good wishes to anyone in the middle of a flare.",
        "Step by step, the fear fades.",
        "I'll check back in a few months with an update.",
        "Be patient with yourself, it took me a while too.",
        "I'm proof that it can fade into the background.",
        "Remember that a bad day is not a sign of anything sinister.",
        "Here's to quieter muscles and calmer minds.",
        "Keep living your life, and don't let the twitches run the show.",
        "Thank you all for the kindness in this thread.",
        "If anxiety is getting on top of you, asking for support is a strong move.",
        "Good luck to the newcomers, this is a good place to land.",
        "One day at a time, everyone.",
        "Best wishes from a fellow twitcher.",
        "Be gentle with yourselves tonight.",
    ],
}
