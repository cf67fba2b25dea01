"""Conduct that holds on real posts (issue 10): hate about a group, abuse and threats aimed at a person,
contempt for people who use services in everyday words — each a finding with or without any word about work —
and, for every class, the look-alikes that must stay quiet. All wording here is written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checks._masked import Unmasker
from footprint.cli import app
from footprint.models import Person, Profile, Severity
from footprint.rules import load_rules
from tests.checks.helpers import findings

DISPARAGING, TRUST = "conduct.disparaging", "conduct.public-trust"
# No role, no employer, no places: what `footprint scan posts.jsonl` knows without a profile file.
NOBODY = Profile(person=Person(name="Alex Example"))


def conduct(text: str, profile: Profile = NOBODY) -> dict[str, object]:
    """{check id: finding} for the conduct checks that fired on one post."""
    return {f.check: f for f in findings(text, profile=profile) if f.check in (DISPARAGING, TRUST)}


# --- 1. Discrimination: a group named for who they are, made less than human, a burden or unwelcome ---------


@pytest.mark.parametrize(
    "text",
    [
        "Honestly the asylum seekers round here are leeches, every one of them",
        "Bloody immigrants, can't move in town for them now",
        "Islam is a disease and this country has caught it",
        "Deport all the Romanians and be done with it",
        "Travellers are all thieves, I'd not trust one with a teaspoon",
        "The gays want to be careful, it's not natural and never will be",
        "Trans people are sick in the head, simple as that",
        "The schemies on the bus breed like rabbits I swear",
        "People on benefits are a drain on the rest of us, scroungers",
        "Get them out of our country, the whole lot",
        "Fed up of migrants stealing our houses and our jobs",
        "The problem with Muslims is they never integrate",
    ],
)
def test_hate_about_a_group_is_discrimination_without_any_work_word(text: str) -> None:
    found = conduct(text)
    assert TRUST in found, text
    finding = found[TRUST]
    assert finding.kind == "discrimination"
    assert finding.severity is Severity.HIGH
    assert finding.excerpt is not None and finding.details  # the words that triggered it are shown


@pytest.mark.parametrize(
    "text",
    [
        # reporting, quoting or condemning someone else's words
        "A man on the train told our student to go back to where she came from. We reported it.",
        "Calling refugees 'vermin' is dehumanising and we should all say so",
        "Racism like 'send them back' has no place in care, or anywhere",
        "The tabloids call migrants a swarm. They are families fleeing war.",
        # anti-racism and campaigning
        "Refugees welcome. They are not a drain, they are our neighbours.",
        "Proud to stand with our Muslim colleagues against Islamophobia this week",
        "Immigrants are not to blame for NHS waiting lists, underfunding is",
        # training material and news
        "Training today: challenging myths about Gypsy and Traveller families",
        "The court heard he had shouted at the asylum seekers that they were animals",
        # ordinary talk about groups
        "Lovely Eastern European deli opened on the high street, the pierogi are class",
        "Typical English summer, rained on the whole barbecue",
        "Our Pride stall is up! Gays, lesbians, trans people and allies all welcome",
        "Sent the jeans back where they came from, none of them fit, sizing is a joke",
        # fiction and lyrics
        "Watching a film where the villain calls the refugees cockroaches, grim but brilliant",
    ],
)
def test_hate_look_alikes_stay_quiet(text: str) -> None:
    assert TRUST not in conduct(text), text


def test_slur_alone_is_discrimination_and_quoting_it_to_condemn_is_not() -> None:
    assert conduct("that pikey down the road has nicked my bike again")[TRUST].kind == "discrimination"
    assert TRUST not in conduct("Using the p-word about anyone is racist abuse, and I'll challenge it every time")


# --- 2. Abuse aimed at a person: name-calling, obscene put-downs, threats, harm-wishing, masked spellings -------


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        ("Hope he gets cancer and rots, horrible man", Severity.HIGH),
        ("hope that landlord chokes on his rent money", Severity.HIGH),
        ("That councillor wants shooting, honestly", Severity.HIGH),
        ("I know where you live. Watch your back.", Severity.HIGH),
        ("if she blocks my drive again I'm slashing her tyres", Severity.HIGH),
        ("@parkingwarden_example f**k off you sad little jobsworth", Severity.HIGH),
        ("you're a f***ing disgrace", Severity.HIGH),
        ("Our neighbour is a total c**t", Severity.MEDIUM),
        ("What an absolute b*****d that man is", Severity.MEDIUM),
        ("she's a lying sh1tbag and everyone knows it", Severity.MEDIUM),
        ("No, he's a complete *******", Severity.MEDIUM),
        ("What a tw@t", Severity.MEDIUM),
        ("Tory scum, every last one of them", Severity.MEDIUM),
    ],
)
def test_abuse_aimed_at_a_person(text: str, severity: Severity) -> None:
    finding = conduct(text)[TRUST]
    assert finding.kind == "abuse"
    assert finding.severity is severity
    assert finding.details and finding.excerpt is not None
    # the excerpt keeps the words as written (masked spellings stay masked)
    assert finding.excerpt.text.replace("…", "") in text or text in finding.excerpt.text


def test_a_declared_role_raises_name_calling_but_never_gates_it() -> None:
    without = conduct("Our neighbour is a total c**t")[TRUST]
    role = Profile(person=Person(name="Alex Example", role="social worker"))
    from footprint.core import Analyser
    from footprint.models import Post, Snapshot
    from tests.checks.helpers import _REGISTRY, _RULES

    checks = [cls for cls in _REGISTRY.checks.values() if cls.__module__.startswith("checks.")]
    analyser = Analyser(role, checks, _RULES)
    analyser.account(
        Snapshot(
            platform="mastodon",
            handle="@alex@social.example",
            origin="archive",
            bio="Social worker. Views my own.",
            posts=[Post(id="1", text="Our neighbour is a total c**t")],
        )
    )
    shown = [f for f in analyser.finish() if f.check == TRUST]
    assert without.severity is Severity.MEDIUM
    assert shown and shown[0].severity is Severity.HIGH


@pytest.mark.parametrize(
    "text",
    [
        # someone else's words, reported
        "He called me a stupid bitch in the car park, so I reported him",
        "A teacher who called her mum a smackhead got what was coming",
        # own family and friends: banter
        "My brother is such a twat, ate the last of the cake again",
        "@mate_example you absolute clown, happy birthday you old goat xx",
        # self-deprecation
        "I'm such an idiot, locked myself out again",
        # swearing with no target
        "What the f**k is this weather",
        "Fucking hell, what a week. Wine.",
        "sh1t day, need my bed",
        # threats that are not
        "I could kill for a coffee right now",
        "I hope this cold dies before the weekend",
        "Please don't kill yourself, ring someone. There is always help.",
        "My kids will kill me if I forget the birthday cake",
        # politics without name-calling
        "The Tories cut the ward budget again, a scandal",
        # fiction, lyrics and sport
        "Watched the finale, what an absolute b*****d that bent copper was",
        "That ref is a total bellend, offside by a mile",
    ],
)
def test_abuse_look_alikes_stay_quiet(text: str) -> None:
    assert TRUST not in conduct(text), text


def test_masked_and_leetspeak_words_are_read_back_at_the_same_length() -> None:
    rules = load_rules()
    unmask = Unmasker(rules.terms("conduct.profanity"), rules.terms("conduct.profanity-noun")).unmask
    for masked, plain in [
        ("f**k off", "fuck off"),
        ("a b*****d", "a bastard"),
        ("sh1t", "shit"),
        ("tw@t", "twat"),
        ("just **** off", "just fuck off"),
        ("a complete *******", "a complete bastard"),
        ("half p***ed", "half pissed"),
        ("c0vid", "c0vid"),
        ("*so* tired", "*so* tired"),
        ("jane@example.org", "jane@example.org"),
    ]:
        out = unmask(masked)
        assert out == plain and len(out) == len(masked)


# --- 3. Contempt for people who use services, in everyday words ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The kids on my caseload are feral, absolute animals the lot of them",
        "One of my mums rolled in three hours late again, the families from hell",
        "The YP in the house tonight are little sods, every one",
        "the residents on nights are vermin, no other word",
        "Bed 6 is the size of a house, needed three of us and a hoist",
        "some of the folk we deal with are pond life honestly",
        "frequent flyers in A&E again, the patients who call an ambulance for a broken nail",
        "these ones sponge off the system then moan when we turn up",
        "bed 14 buzzing all night again, moaning old bag",
    ],
)
def test_contempt_for_people_who_use_services(text: str) -> None:
    finding = conduct(text)[DISPARAGING]
    assert finding.kind == "contempt-service-users"
    assert finding.severity is Severity.HIGH


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the old fella on my home visit has arms like twiglets and snores like a tractor 😂😂", True),
        ("hoisting Mrs 26 stone on a long shift, pray for my back 💀", True),
        # no work: a laugh at one's own family, or at oneself
        ("my dad snores like a tractor 😂 holiday cottage walls are thin", False),
        ("legs like a newborn deer after that spin class lol", False),
    ],
)
def test_mocking_a_body_at_work_is_contempt(text: str, expected: bool) -> None:
    found = conduct(text)
    assert (DISPARAGING in found) is expected, text
    if expected:
        assert found[DISPARAGING].kind == "contempt-service-users"


def test_contempt_for_colleagues_has_its_own_kind() -> None:
    finding = conduct("Some of the agency workers are thick as mince, can't do a handover to save their life")[
        DISPARAGING
    ]
    assert finding.kind == "contempt-colleagues"


@pytest.mark.parametrize(
    "text",
    [
        "My kids are feral today, little monsters the pair of them",
        "The kids loved the animals at the city farm this morning",
        "Sick of the papers calling folk on benefits scroungers. The families I know work two jobs.",
        "Sunday dinner with my parents, bliss",
        "Feeling like a beached whale after that curry",
        "Ayr kids team is down to four workers and the rota is a joke",
        "Frequent flyer points finally paid for the flights to Porto",
    ],
)
def test_contempt_look_alikes_stay_quiet(text: str) -> None:
    assert DISPARAGING not in conduct(text), text


# --- 4. The other kinds of public-trust finding -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("two double vodkas before my night shift, carers need fun too", "intoxication"),
        ("put the Tuesday visit on the system as done anyway, I'll go next week", "dishonesty"),
        ("signed the night checks for 1am and 3am, we were all asleep", "dishonesty"),
        ("Gave the residents their meds early so we can get some sleep", "rule-breaking"),
    ],
)
def test_every_public_trust_finding_says_what_kind_it_is(text: str, kind: str) -> None:
    assert conduct(text)[TRUST].kind == kind


def test_keeping_quiet_about_contact_on_a_personal_channel_is_a_boundary_not_a_boast() -> None:
    text = "one of my lads added me on snap, said I'm not allowed but I'll keep it just in case. shh"
    assert TRUST not in conduct(text)


def test_drink_in_a_family_story_is_not_drink_at_work() -> None:
    assert TRUST not in conduct("Gran used to tell us about her father, drunk on rum every payday, poor woman")
    assert (
        conduct("Still steaming, and my first call is a gent who needs his insulin at 8")[TRUST].kind == "intoxication"
    )


# --- 5. Without a profile: the scan of a plain posts file still finds conduct --------------------------------


def test_scan_without_a_profile_finds_hate_and_threats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no profiles.yaml here
    posts = tmp_path / "posts.jsonl"
    lines = [
        {"id": "1", "text": "Refugees are parasites, send the lot back"},
        {"id": "2", "text": "hope that referee gets hit by a bus"},
        {"id": "3", "text": "Refugees welcome here, proud of our town"},
    ]
    posts.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = CliRunner().invoke(app, ["scan", str(posts), "-f", "json", "--only", "conduct"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout[result.stdout.index("{") :])
    by_post = {(f["item"]["id"], f["check"]): f for f in report["findings"]}
    assert by_post[("1", TRUST)]["kind"] == "discrimination" and by_post[("1", TRUST)]["severity"] == "high"
    assert by_post[("2", TRUST)]["kind"] == "abuse" and by_post[("2", TRUST)]["severity"] == "high"
    assert not any(post == "3" for post, _ in by_post)
