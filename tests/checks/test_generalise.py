"""Round-2 look-alikes (issue 10): classes of wording that are not the author's own case, role, employer or routine.

Each rule below is a class (a grammar or a small lexicon), so each test gives wordings that none of the
development corpora use, beside the positive wording the class must keep.
"""

from __future__ import annotations

import pytest

from tests.checks.helpers import found

ROLE = "identity.role"
EMPLOYER = "identity.employer"
SERVICE_USER = "oversharing.service-user"
PERSONAL = "oversharing.personal"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the author's own child or animal, by grammar: my/our + modifiers + kin or pet noun
        ("Our wee boy (6) had his tonsils out at the Sick Kids yesterday, brave lad", False),
        ("My foster cat Mittens, age 9, finally found a home", False),
        ("Our youngest girl, 4, starts at Craigie Primary after the summer, bring tissues", False),
        ("My rescue dog Biscuit, 12, had a lump removed at the vet in Troon", False),
        # a person from work stays a person from work
        ("One of my boys, 15, from Gallowhill, back in the Reporter's system again", True),
    ],
)
def test_own_family_and_animals_by_grammar(text: str, expected: bool) -> None:
    assert (SERVICE_USER in found(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # someone else is the subject of the frame, or the title is a wish
        ("My brother just qualified as a social worker, so proud of him", False),
        ("Thinking of retraining as a nurse, anyone done it?", False),
        ("She's been a care worker for 30 years and still loves it", False),
        ("Hoping to start next year as a support worker if the course takes me", False),
        # the author's own title keeps firing, even with family nearby
        ("My mum always said I'd end up as a social worker, and here I am", True),
        ("20 years as a social worker this week and I still love it", True),
        ("I was her social worker for two years and she sent me a card when she graduated", True),
    ],
)
def test_a_role_frame_is_the_authors_own(text: str, expected: bool) -> None:
    assert (ROLE in found(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one piece of implicit work context is work, not a statement of the role
        ("sleepover shift after my cousin's wedding, still feeling it", False),
        ("lent one of my families a tenner for the meter, they'll pay me back", False),
        # a cue inside the activity's own words is the same cue; someone else's title is not the author's
        ("still rough from the wedding, first home visit at 9, pray for me", False),
        ("My practice educator has not read one of my logs in a month and still marked me down", False),
        # a second cue makes it a statement of the role
        ("On the MHO rota tonight and my caseload is through the roof", True),
    ],
)
def test_one_work_activity_alone_does_not_state_the_role(text: str, expected: bool) -> None:
    assert (ROLE in found(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on call the night and still hanging fae the Kirkcaldy gig, if the phone goes I'm done", False),
        ("duty shift tomorrow and I'm away to the Kirkcaldy match first, don't tell the TM", False),
        # a team after a clause break is another team ("the Crown in Kirkcaldy, our team came last")
        ("Pub quiz at the Crown in Kirkcaldy, our team came last again", False),
        ("on call the night for the Kirkcaldy team, first duty shift in a month", True),
    ],
)
def test_a_town_naming_an_outing_is_not_where_the_author_works(text: str, expected: bool) -> None:
    assert (EMPLOYER in found(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The library is open every Tuesday till 8 now, brilliant news", False),
        ("Neighbour's 3 kids are out on their bikes till 10pm every night", False),
        ("The market's on every Saturday at 9 by the church, worth a look", False),
        # the writer's own routine, with or without "I"
        ("Every Tuesday 6am at the pool on Bennochy Road, come and race me", True),
        ("I'm at the gym every morning at 6 before work, same spot by the window", True),
    ],
)
def test_a_routine_is_the_writers_own(text: str, expected: bool) -> None:
    assert (PERSONAL in found(text)) is expected


def _persona(**person: object):  # type: ignore[no-untyped-def]
    from footprint.models import Profile

    base = {
        "name": "Jane Smith",
        "role": "social worker",
        "employer": "Fife Council",
        "team": "Children and Families, Kirkcaldy",
        "localities": ["Kirkcaldy", "Dysart", "Fife"],
    }
    return Profile.model_validate(
        {"person": {**base, **person}, "watch": {"words": ["placement", "falls", "panel"], "places": []}}
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "our" + a first name opening a clause is the author's own family; a watched word alone is not work
        ("Our Ellie, 7, lost her first tooth at tea in Dysart tonight", False),
        ("My wee brother's work placement at the garage in Dysart starts Monday, he's 16", False),
        ("Mum's had two falls this month, she's 84 and lives on her own in Dysart. Worried sick", False),
        # a young person from work, told with the same details, still fires
        ("One of my young people, 15, from Dysart, back in front of the panel after another missing episode", True),
    ],
)
def test_own_family_with_a_watched_word_is_not_a_case(text: str, expected: bool) -> None:
    assert (SERVICE_USER in found(text, profile=_persona())) is expected


WORKPLACE = "oversharing.workplace"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a team of leisure, or someone else's workplace named through them
        ("Half our netball team are off sick this week, we had to forfeit", False),
        ("Book club morale is at rock bottom and the new manager of the café wants us out", False),
        ("My husband's work has a new manager and morale is through the floor, he's job hunting", False),
        ("My sister's boss shouted at her in front of everyone, she's been signed off with stress", False),
        # the writer's own team still fires, even beside a relative's job
        ("Three staff off sick in our Kirkcaldy team and no manager again", True),
        ("My husband's work is fine but my team is understaffed and three staff off sick again", True),
    ],
)
def test_a_team_of_leisure_or_someone_elses_work_is_not_internal(text: str, expected: bool) -> None:
    assert (WORKPLACE in found(text)) is expected


def test_someone_elses_routine_is_not_the_writers() -> None:
    assert PERSONAL not in found("My mum's carers are brilliant, they come every morning at 8, the agency is so good")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the author's own grandparent in any spelling, and a story its owner tells in public
        ("My granddad, 88, had a fall at home in Dysart last night, he's in hospital with a broken hip", False),
        ("My grandmother, 91, is in the Victoria with a chest infection, visiting tonight", False),
        ("Amazing talk from a care-experienced woman, 24, about growing up in Dysart's children's homes", False),
        ("Her podcast on leaving care at 16 in Dysart is the best thing I've heard this year", False),
        # a person from work with the same details still fires
        ("Home visit to an 88-year-old in Dysart who had a fall last night, lying on the floor for hours", True),
    ],
)
def test_own_grandparents_and_public_stories_are_not_cases(text: str, expected: bool) -> None:
    assert (SERVICE_USER in found(text, profile=_persona())) is expected


BOUNDARIES = "boundaries.service-user-contact"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "her mum" after the author's own relative is the author's own family
        ("My cousin's wee girl sent me a friend request, she's only 11, told her mum", False),
        ("My niece's pal added me on Snapchat, he's 14, had a word with his dad", False),
        # the same words about a young person from work still fire
        ("One of the girls from the unit sent me a friend request, she's only 14, told her mum", True),
    ],
)
def test_contact_within_the_authors_own_family_is_not_a_boundary(text: str, expected: bool) -> None:
    assert (BOUNDARIES in found(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an injury placed on a child's body is a detail like a diagnosis
        (
            "P3 wee lad, Gallatown, came into breakfast club with a burn on his arm the shape of an iron. Had him at the Vic by 11.",
            True,
        ),
        (
            "Year 5 girl from Templehall, bruising to her face again, third time this term, school only told us today",
            True,
        ),
        # the author's own family, the author's own body, or the news
        ("My wee boy got a burn on his arm from the oven door, lesson learned, he's 4", False),
        ("Fell off my bike, bruises all over my legs, 42 and still daft", False),
        ("BBC: a toddler from Leeds was found with burns on his back, his mother has been charged", False),
    ],
)
def test_an_injury_on_a_body_is_a_detail(text: str, expected: bool) -> None:
    assert (SERVICE_USER in found(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sale's or giveaway's pick-up point is the seller's home
        ("Selling our old cot, white, good nick, £40. Collection from Glenrothes, message me", True),
        ("Giving away a kids' bike, lift from KY2 6QT, just message", True),
        # not a shop's click and collect, a pick-up in a post about no sale, or a public collection point
        ("Click and collect from Tesco is a lifesaver on a Friday", False),
        ("Can anyone give me a lift from Kirkcaldy to Edinburgh on Saturday?", False),
    ],
)
def test_a_sales_pick_up_point_is_the_sellers_home(text: str, expected: bool) -> None:
    assert (PERSONAL in found(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hospital admission, counted, in a post about work is a case event
        (
            "The lady from Paisley with the allotment who I've known since her first admission, 15 years ago. Home today.",
            True,
        ),
        # the author's own family, or a discharge told of one's own child
        ("My gran's first admission to hospital in 90 years, she's 94 and furious about it", False),
        ("Our Jess was discharged today after her tonsils, home and eating ice cream, she's 7", False),
    ],
)
def test_a_counted_admission_is_a_case_event(text: str, expected: bool) -> None:
    assert (SERVICE_USER in found(text)) is expected
