"""Work told without work words, case details without a name, contact on personal channels, and risk carried
only by an image description or a content warning (issue 10, classes 4-7), each with look-alikes that must
stay quiet.

Every text here is invented for these tests (none is taken from a benchmark corpus).
"""

from __future__ import annotations

import pytest

from footprint.core import Analyser
from footprint.models import Finding, Post, Snapshot
from tests.checks.helpers import _REGISTRY, _RULES, found, one
from tests.conftest import make_profile

SU = "oversharing.service-user"
BD = "boundaries.service-user-contact"
ROLE = "identity.role"


# --------------------------------------------------------------------------- work context without work words


@pytest.mark.parametrize(
    "text",
    [
        "My YP is in the Reporter's office tomorrow morning, his gran wants him home but the plan is a kinship placement.",
        "Section 47 on one of my families this afternoon, the toddler had bruising nursery flagged.",
        "Strategy discussion at 4 about the twins on my patch, dad's back in the house despite the bail conditions.",
        "On shift tonight. One of the girls came back at 2am smelling of drink, she's only 13.",
        "CP conference for a family of six: mum, her new partner, four kids under 8, dad in prison.",
    ],
)
def test_shorthand_for_work_enables_service_user_findings(text: str) -> None:
    assert SU in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Three strategy discussions and a section 47 before lunch. Love my job really.",
        "Writing my report for the Reporter tonight, then a LAC review for my lad at 9.",
        "Nine home visits, two court reports and a core group. Not for the faint hearted.",
        "My YPs are off to the beach on Saturday, then my PEP meeting on Monday.",
    ],
)
def test_shorthand_only_a_practitioner_writes_shows_the_role(text: str) -> None:
    assert ROLE in found(text)


@pytest.mark.parametrize(
    "text",
    [
        # one piece of shorthand is work context, not a statement of the role (corpus and corpus4 label it so)
        "My YPs are off to the beach on Saturday and I've promised sun cream for everyone.",
        "Another night shift at the children's house. The young people were brilliant tonight.",
    ],
)
def test_one_piece_of_shorthand_alone_is_work_not_the_role(text: str) -> None:
    assert ROLE not in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Quiz night: the panel said the answer was 1966 and we were robbed.",
        "My shift at the shop finishes at 6, anyone fancy a drink?",
        "The house is so quiet now the kids are at uni, my mum came round for tea.",
        "Our panel of judges at the baking show was useless.",
        "My mum was a social worker for 30 years and she still tells the best stories.",
        "Job advert: children's house residential worker, nights, apply now.",
    ],
)
def test_everyday_panels_shifts_and_houses_say_nothing_about_work(text: str) -> None:
    assert {SU, ROLE}.isdisjoint(found(text))


# --------------------------------------------------------------------------- case details without a name


@pytest.mark.parametrize(
    "text",
    [
        "Court tomorrow for a DA case, the mum is terrified he'll be there. Please let the sheriff see sense.",
        "Three children safe tonight. Long day, four hours on the phone for a foster placement, worth it.",
        "Wee girl returned to mum today, three weeks after the overdose. Hope the safety plan holds.",
        "Major incident declared, at least six casualties expected in A&E within the hour, two of them kids.",
    ],
)
def test_a_case_told_without_a_name_is_case_details(text: str) -> None:
    finding = one(SU, text)
    assert finding.kind == "case-details"
    assert finding.details  # the words that made it a case are shown


@pytest.mark.parametrize(
    "text",
    [
        "Just dropped a 6 week old at a foster carer's in the pouring rain. Mum didn't even say goodbye.",
        "Kid I've had since he was 9 got sentenced today. 16 now. I cried in the car park.",
        "Our little resident with the pink wheelchair turned 10 today, the whole house threw her a party 🎉",
        "Remanded tonight. 17. His mum begged me to do something and there was nothing I could do.",
        "The woman in bed 4 keeps asking for her late husband, breaks my heart every shift.",
        "Had to tell a mum today her baby won't be coming home from hospital with her. Worst part of the job.",
        "Twins placed with separate carers tonight because nobody could take both. They're 3.",
        "Removed two kids from a flat in Hillside today after police found them alone with no food.",
        "Young person disclosed tonight. Police on their way. Long night ahead on the unit.",
        "Home visit: mum was drunk at 10am, the toddler in a nappy that hadn't been changed since yesterday.",
    ],
)
def test_people_from_work_described_in_everyday_words(text: str) -> None:
    assert SU in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Our foster dog turned 10 today, the whole house threw him a party 🎉",
        "Terrible news on the radio: a 3 year old found alone in a flat in Birmingham. Praying for her.",
        "Training day: role play of a section 47 visit, I played the angry dad. Oscar worthy.",
        "Kids are 7 and 9 now and still fighting over the front seat. Send help.",
        "A&E was heaving tonight, 5 hour wait with my son's broken wrist. The nurses were amazing.",
        "Great session on domestic abuse awareness with the whole team today, thanks to the trainer.",
        "Proud of my daughter, 16, who passed her driving test in Kirkcaldy first time!",
        "She was 5 minutes late and they're 3-0 up already, typical.",
    ],
)
def test_everyday_look_alikes_of_case_talk_stay_quiet(text: str) -> None:
    assert SU not in found(text)


def test_age_place_and_school_together_are_identifying_details() -> None:
    finding = one(SU, "One of my YP, 14, from Methil, excluded from the academy again today.")
    assert finding.kind == "identifying-details"


@pytest.mark.parametrize(
    "text",
    [
        "My mum is in A&E after a fall, she's 81, waiting for a bed in Kirkcaldy.",
        "My kids are safe tonight at their gran's after the storm took the power out.",
        "Court report in The Herald: man, 34, from Paisley jailed for assault on his partner.",
        "Training case study (fictional): a girl aged 14 in Dundee discloses abuse to her teacher. Discuss.",
        "Watched the new drama last night: a 15-year-old in foster care runs away from the house. Brilliant acting.",
        "Visited my dad in hospital, he's 79 and finally home to Leven next week.",
        "Long shift at the shop, a guy tried to return a 3 year old kettle.",
        "We're hiring: family support worker for our domestic abuse service, closing date Friday.",
    ],
)
def test_own_family_news_training_fiction_and_adverts_are_not_case_details(text: str) -> None:
    assert SU not in found(text)


# --------------------------------------------------------------------------- personal channels, gifts, relationships


@pytest.mark.parametrize(
    "text, kind",
    [
        (
            "Accepted a friend request from one of my YP's mums, she's lovely and it's easier than phoning.",
            "personal-channel",
        ),
        ("Told the lads at the house to add me on Snapchat, just don't tell my manager 🤫", "personal-channel"),
        ("Playing Fortnite tonight with one of the boys from the unit, he's actually class at it.", "personal-channel"),
        ("Tagged one of my service users in my holiday photos, she loved it.", "personal-channel"),
        ("Invited all my families to follow my Insta page, so they can see what I get up to.", "personal-channel"),
        ("Lent one of my mums £40 for the electric till payday, she'll pay me back.", "gifts-loans"),
        ("A woman I supported for years left me money in her will. Do I have to tell anyone?", "gifts-loans"),
        ("Went for a drink with one of my old clients on Friday, we're meeting up again next week.", "relationship"),
        ("Dropped round a bag of my kids' old clothes for one of my families, the boys were made up.", "gifts-loans"),
        ("The young lad I keywork sends me memes on WhatsApp every night lol", "personal-channel"),
    ],
)
def test_contact_with_people_from_work_has_its_kind(text: str, kind: str) -> None:
    assert one(BD, text).kind == kind


def test_keeping_it_from_the_manager_raises_the_severity_and_says_so() -> None:
    finding = one(BD, "Told the lads at the house to add me on Snapchat, just don't tell my manager 🤫")
    assert finding.severity.value == "high"
    assert any(d.startswith("kept from work") for d in finding.details)


@pytest.mark.parametrize(
    "text",
    [
        "My pal sent me a friend request from her new account, accepted it obviously.",
        "Follow our team page on Instagram for updates about the service!",
        "Lent my sister £40 till payday, she'll pay me back.",
        "Playing Fortnite tonight with my nephew, he's class at it.",
        "The lads at the house party added me on Snapchat, what a night.",
        "Watched a drama where the social worker plays Fortnite with a boy from the unit. Awful writing.",
        "Reminder to staff: never accept friend requests from the people you support. See the policy.",
        "Went for a drink with the girls from work on Friday, much needed.",
        "My neighbour's daughter added me on Facebook, she's started uni in Glasgow.",
    ],
)
def test_friends_family_and_fiction_are_not_contact_with_people_from_work(text: str) -> None:
    assert BD not in found(text)


# --------------------------------------------------------------------------- image descriptions and content warnings


def _post_findings(post: Post) -> list[Finding]:
    checks = [cls for cls in _REGISTRY.checks.values() if cls.__module__.startswith("checks.")]
    analyser = Analyser(make_profile(), checks, _RULES)
    analyser.account(Snapshot(platform="mastodon", handle="@jane@social.example", origin="archive", posts=[post]))
    return analyser.finish()


def test_risk_carried_only_by_the_image_description_is_found_and_says_so() -> None:
    post = Post(
        id="1",
        text="Proud of this one today ❤️",
        alt_texts=["A boy of 9 from Methil in his school uniform holding his new foster placement agreement"],
    )
    finding = next(f for f in _post_findings(post) if f.check == SU)
    assert finding.kind == "image-description"
    assert "image description" in finding.why
    assert "found in the image description" in finding.details


def test_risk_carried_only_by_a_content_warning_is_found_and_says_so() -> None:
    post = Post(
        id="1",
        text="Rough one. Going for a walk.",
        content_warning="CW: section 47 on one of my families today, the toddler had unexplained bruising",
    )
    finding = next(f for f in _post_findings(post) if f.check == SU)
    assert "content warning" in finding.why
    assert finding.kind == "image-description"  # the vocabulary's kind for both (footprint/guidance/_kinds.yaml)


def test_a_harmless_image_description_stays_quiet() -> None:
    post = Post(id="1", text="Sunday walk", alt_texts=["My two kids on the beach at Elie with the dog, aged 6 and 9"])
    assert SU not in {f.check for f in _post_findings(post)}


# --------------------------------------------------------------------------- the demo's and real exports' false alarms


def test_a_parent_in_the_workers_own_author_bio_is_not_a_person_they_work_with() -> None:
    text = "Author bio: Social worker, Fife Council. Dad of Isla and Rory."
    assert SU not in found(text)
    assert SU not in found("Social worker in Fife. Mum of three, runner, tea drinker.", bio=True)


def test_someone_elses_parent_is_still_a_detail() -> None:
    assert SU in found("Hearing today for one of my YP, 12, from Methil. The dad of the wee one didn't show.")


def test_a_file_format_is_not_a_place() -> None:
    text = (
        "Import from CSV loses rows. Same here: I export my caseload from work at home and the names in the "
        "last rows go missing."
    )
    assert SU not in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Same bug on Ubuntu 22.04, a referral form that won't print for the girl's mum.",
        "Anyone in social work running Ubuntu 22.04, my assessment templates won't open in LibreOffice.",
    ],
)
def test_a_version_number_is_not_an_age_and_software_is_not_a_place(text: str) -> None:
    assert SU not in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Find me at @jane@social.example for more, or on the blog.",
        "Followed @mark@mastodon.example and @bea@fosstodon.example today.",
        "See https://code.example/tool/issues/12#issuecomment-1880186777 for the workaround.",
        "Fixed in #issuecomment-1880186777, thanks all.",
    ],
)
def test_handles_and_link_anchors_are_not_personal_contact_details(text: str) -> None:
    assert "contact.personal" not in found(text)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Email me at jane.doe@mail.example if you want the notes.", "email"),
        ("Text me on 07700 900461 after 6.", "phone"),
        ("Message me: https://wa.me/447700900461", "phone"),
        ("Parcels to 14 Rosebank Road please.", "address"),
    ],
)
def test_real_contact_details_still_count_and_have_their_kind(text: str, kind: str) -> None:
    assert one("contact.personal", text).kind == kind


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Off to Lanzarote for two weeks on Saturday, house empty, bliss.", "away"),
        ("Moved into the flat on Tay Street, Perth at last.", "home"),
        ("Same route every morning: leave at 6:45, along the Clyde path, back by 8.", "routine"),
        ("Mia starts P1 at Fairview Primary on Tuesday, my baby is all grown up!", "children"),
    ],
)
def test_personal_findings_have_their_kind(text: str, kind: str) -> None:
    assert one("oversharing.personal", text).kind == kind


def test_the_demo_no_longer_reads_the_workers_own_children_or_a_file_format_as_someone_they_work_with() -> None:
    """The demo's two false alarms, seen by a new user: "Dad of Isla and Rory" in the oversharer's own author
    bio, and "CSV" in a GitHub post, were reported as a person they work with."""
    import json

    from typer.testing import CliRunner

    from footprint.cli import app

    result = CliRunner().invoke(app, ["demo", "--persona", "oversharer", "-f", "json"], catch_exceptions=False)
    report = json.loads(result.stdout)
    service_user = [f for f in report["findings"] if f["check"] == SU]
    assert service_user, "the oversharer's real case posts must still be found"
    for f in service_user:
        excerpt = (f.get("excerpt") or {}).get("text", "")
        assert "Isla and Rory" not in excerpt and "CSV" not in excerpt, excerpt
        assert f["kind"] in ("identifying-details", "case-details", "image-description")


def test_a_public_group_meeting_is_not_a_personal_routine() -> None:
    assert "oversharing.personal" not in found(
        "Every Tuesday our support group meets at the church hall at 7pm, all welcome."
    )


# --------------------------------------------------------------------------- care told by first name, inline alt text


@pytest.mark.parametrize(
    "text",
    [
        "Morag has COPD and lives with her son above the launderette. I get there for her 8am call.",
        "Hamish was a gentleman in his 80's who lived alone on the farm road, he called me 'hen' every visit.",
        "Patient K was found on the floor at 3am, confused and short of breath.",
        "End of shift and my patient passed away. He was only 51 years old but so unwell.",
        "Oisin, who's been with us since the spring, is returning to his birth mother on Friday.",
    ],
)
def test_a_person_in_care_told_by_first_name_with_their_condition(text: str) -> None:
    assert SU in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Toxic doesn't even cover it, the meeting ran three hours.",
        "Vet says the old dog's hearing is going. He's 14.",
        "Finally got the tatties in. Watch it rain for 3 weeks now.",
        "Stormont needs to pass the adult protection bill, it's years overdue.",
    ],
)
def test_capitalised_words_opening_a_sentence_are_not_names(text: str) -> None:
    assert SU not in found(text)


def test_an_inline_image_description_is_read_as_one() -> None:
    text = "Friday smiles 😊 [alt: a woman of 88 in her wheelchair in Room 9 with a birthday cake, a sign saying 'Agnes – dementia']"
    finding = one(SU, text)
    assert finding.kind == "image-description"
    assert "found in the image description" in finding.details


@pytest.mark.parametrize(
    "text",
    [
        "Brilliant day at the beach with one of our young people @skye.rocks.2011, proud of you!",
        "Yer man fae the hostel has challenged me to a game of chess online. Dinna tell the boss.",
        "Been seeing one of the tenant's sons for a few weeks now 🙈 keep it quiet.",
        "Gave my personal number to one of the women from the drop-in so she can text if she's stuck.",
    ],
)
def test_tags_games_relationships_and_numbers_with_people_from_work(text: str) -> None:
    assert BD in found(text)


def test_a_relationship_has_the_relationship_kind() -> None:
    assert one(BD, "Been seeing one of the tenant's sons for a few weeks now 🙈 keep it quiet.").kind == "relationship"


@pytest.mark.parametrize(
    "text",
    [
        "Brilliant day at the beach with my niece @skye.rocks.2011, proud of you!",
        "My pal has challenged me to a game of chess online. He's winning.",
        "Been seeing a lovely guy from the running club for a few weeks now 🙈",
    ],
)
def test_the_same_contact_with_family_and_friends_stays_quiet(text: str) -> None:
    assert BD not in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Twelve years as an RGN and I still love nights.",
        "Nights as a nurse are long, but the residents make it.",
        "MHO for 11 years and still learning every week.",
    ],
)
def test_nurses_and_long_serving_officers_show_their_role(text: str) -> None:
    assert ROLE in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "My mum was a nurse for 30 years and she still tells the best stories.",
        "The nurse said the wait would be four hours.",
    ],
)
def test_someone_elses_job_is_not_the_authors_role(text: str) -> None:
    assert ROLE not in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "had to suspend one of my team leaders today. 15 years' service. awful.",
        "Why is Riverside Infirmary on black alert again?",
        "Second formal complaint this week about the same worker. Meeting HR tomorrow.",
    ],
)
def test_a_managers_own_staff_and_a_named_hospitals_pressure_are_internal(text: str) -> None:
    assert "oversharing.workplace" in found(text)


def test_a_tribunal_about_another_employer_read_in_the_news_is_not_internal() -> None:
    assert "oversharing.workplace" not in found(
        "That employment tribunal about the big supermarket is wild reading. Management fae hell."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Housewarming at mine Friday! 7 Ffordd Glyndwr, Rhyl. Bring snacks.",
        "Moved into the flat on Tay Street, Perth at last.",
        "Evie's first day at Little Oaks nursery in Crieff 😭",
    ],
)
def test_own_home_and_childrens_nursery_in_new_wording(text: str) -> None:
    assert "oversharing.personal" in found(text)


def test_a_topic_hashtag_shows_the_role_only_on_a_post_about_ones_own_work() -> None:
    assert ROLE in found("Back from leave to 300 emails and 4 new referrals, no biscuits #socialwork")
    assert ROLE not in found("Happy World Social Work Day to everyone who keeps going #socialwork")


# --------------------------------------------------------------------------- nursing and care-home wording


@pytest.mark.parametrize(
    "check, text",
    [
        (
            SU,
            "Admitted a 31 year old tonight after an overdose, second time this month. Her dad drives the night bus here.",
        ),
        (SU, "Dad of three sleeping in a car with the kids since the eviction, we've found them a hotel for tonight."),
        (BD, "Met up with a former patient for a coffee, we've become proper friends since he was discharged."),
        ("oversharing.workplace", "Ward 12 had four staff off sick tonight and we had 30 patients. Unsafe."),
        (ROLE, "Twelve hour shift done, feet are destroyed. #nurselife"),
    ],
)
def test_nursing_and_care_home_wording_is_found(check: str, text: str) -> None:
    assert check in found(text)


@pytest.mark.parametrize(
    "check, text",
    [
        (SU, "News: a 31 year old man was admitted to hospital after an overdose, police said."),
        (SU, "Charity appeal: help a dad of three sleeping in a car after eviction. Link below."),
        (BD, "Met up with a former colleague for a coffee, we've become proper friends since she retired."),
        (
            "oversharing.workplace",
            "BBC reports 3 in 10 nursing posts vacant across Scotland, hospitals short of staff.",
        ),
        (ROLE, "My sister is a nurse and she does twelve hour shifts, I don't know how."),
        (ROLE, "Thank you to the nurses on ward 7 who looked after my dad."),
    ],
)
def test_nursing_look_alikes_stay_quiet(check: str, text: str) -> None:
    assert check not in found(text)


@pytest.mark.parametrize(
    "check, text",
    [
        (SU, "Mum's 70 today! Lunch at the Harbour Cafe in Anstruther, then a walk on the beach."),
        (SU, "Grandad was a miner in Lochgelly for 40 years, he's 89 now and still sharp as a tack."),
        (SU, "Serious case review published today: a 2 year old in Kirkcaldy died after neglect, the report says."),
        (SU, "Quote from the inquiry: 'the boy, then 7, was returned to his mother despite warnings'. We must learn."),
        (SU, "My son, 15, got excluded from school today for vaping. Any advice from other parents?"),
        (BD, "Don't tell my manager but I'm taking Friday off for the football 🤫"),
        (BD, "Tagged my sister in the holiday photos, she'll love them."),
        (ROLE, "Section 47 training this morning with the new starts, brilliant discussion about thresholds."),
        (ROLE, "Strategy meeting about our marketing plan went well, new logo next month."),
        (ROLE, "Panel tomorrow for my PhD viva, wish me luck!"),
        (
            "oversharing.personal",
            "Reminder: our drop-in at the community centre is open every Wednesday 10-12, all welcome.",
        ),
    ],
)
def test_own_family_published_reviews_training_and_public_notices_stay_quiet(check: str, text: str) -> None:
    assert check not in found(text)


def test_a_clients_mum_written_as_mum_still_counts() -> None:
    """Workers write parents as "Mum" and "Dad": with a care matter beside it, it is not the author's own mum."""
    assert SU in found("Baby K (6 weeks) from Hillside went to a foster placement today. Mum crying in the car park.")


def test_a_lad_of_19_is_an_age_but_a_mum_of_2_is_a_count_of_children() -> None:
    finding = one(SU, "Mental Health Act assessment this afternoon in Splott: lad of 19, third admission this year.")
    assert finding.kind == "identifying-details"
    assert SU not in found("Mum of 2 | sea swimmer | social worker in Fife | views my own", bio=True)
