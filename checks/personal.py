"""oversharing.personal: your own risky details (an empty home, routines, live whereabouts, your
children's names or schools, a home street, photos that carry a position)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from checks._evidence import analyse, kinded, named_place, service_user_details
from footprint.models import Finding, Item, Severity, Snapshot
from footprint.plugins.checks import TermsCheck, TextItem
from footprint.text import Match, TextView

_PERSONAL = frozenset(
    {
        "personal.empty",
        "personal.home-word",
        "personal.routine",
        "personal.live",
        "personal.child",
        "personal.home",
        "personal.away",
        "profile.person",
    }
)


class PersonalCheck(TermsCheck):
    """Your own risky details: children's schools, routines, home street, empty house, live check-ins, photo GPS."""

    id = "oversharing.personal"
    title = "You share details that put you or your family at risk"

    def check_account(self, snapshot: Snapshot) -> Iterable[Finding]:
        for photo in snapshot.photos:
            if photo.latitude is None or photo.longitude is None:
                continue
            area = (
                f"{abs(photo.latitude):.1f}°{'N' if photo.latitude >= 0 else 'S'}, "
                f"{abs(photo.longitude):.1f}°{'E' if photo.longitude >= 0 else 'W'}"
            )
            name = photo.path.rsplit("/", 1)[-1]
            details = [f"photo: {name}", f"approximate area: {area} (to about 10 km)"]
            if photo.owner_name:
                details.append("the photo also carries an owner name")
            yield kinded(
                "home",
                self.finding(  # a photo's position most often gives a home away
                    snapshot,
                    severity=Severity.MEDIUM,
                    item=Item(kind="photo", id=photo.path),
                    why=f"The photo {name} still carries the position where it was taken (around {area}). Anyone who "
                    "downloads it can read it, and photos taken at home give your address away.",
                    details=details,
                    advice=[
                        "Remove location data before sharing photos (turn off location for the camera, or strip it "
                        "when exporting), and replace this copy."
                    ],
                ),
            )

    def wants(self, text: TextItem) -> bool:
        return text.view.has_digit or not _PERSONAL.isdisjoint(text.view.hits(self.terms.index))

    def _check_text(self, text: TextItem, snapshot: Snapshot) -> Iterator[Finding]:
        hits = text.view.hits(self.terms.index)
        rules, raw = self.rules, text.text
        found: list[tuple[str, tuple[int, int]]] = []
        kinds: list[str] = []  # one per found item: children, home, routine or away (footprint/guidance/_kinds.yaml)
        times = rules.search("time", raw, text.view) if "personal.routine" in hits else []
        if _PERSONAL.isdisjoint(hits) and not text.view.has_digit:
            return
        a = analyse(text.view, self.terms)
        own_home = "personal.home" in hits and ("personal.empty" in hits or "personal.away" in hits)
        if a.public_story or (service_user_details(a) and not own_home):
            return  # about someone else, or already public: other checks speak for it
        empty = "personal.empty" in hits or _apostrophe_empty(text.view.tokens) or _empty_home(text.view, hits)
        if empty and "personal.home-word" in hits and "personal.empty" not in hits:
            hits = {**hits, "personal.empty": list(hits["personal.home-word"])}
        if "personal.empty" in hits and "personal.home-word" in hits:
            m = hits["personal.empty"][0]
            found.append(
                (
                    "your home will be empty" + (" (with travel dates)" if "personal.away" in hits else ""),
                    (m.start, m.end),
                )
            )
            kinds.append("away")
        routine = _own_routine(text.view, hits, a.about_work) and "personal.public-event" not in hits
        place = named_place(text.view, self.terms, hits) if routine and not times else None
        if place is not None and not _place_near(text.view, hits["personal.routine"][0], place):
            place = None  # a place elsewhere in the post is not where the routine happens
        if routine and (times or place or "personal.home" in hits):
            m = hits["personal.routine"][0]
            where = f" at {times[0].group()}" if times else f" ({place})" if place else ""
            found.append(("a fixed routine" + where, (m.start, m.end)))
            kinds.append("routine")
        if not any(w.startswith("your home") for w, _ in found):
            trip = rules.search("personal.trip", raw, text.view) if "personal.away" in hits else []
            if trip and not a.about_work:
                found.append((f"you will be away from home ({trip[0].group()})", trip[0].span()))
                kinds.append("away")
        if "personal.live" in hits and "context.fiction" not in hits:  # a line quoted from a film is not a check-in
            m = hits["personal.live"][0]
            found.append(("where you are right now", (m.start, m.end)))
            kinds.append("routine")  # where you can be found: a whereabouts, like a routine
        watched = hits.get("profile.person")
        if watched and ("personal.child" in hits or "detail.school" in hits or found):
            found.append((f"a name on your watch list ({watched[0].term})", (watched[0].start, watched[0].end)))
            kinds.append("children" if "personal.child" in hits or "detail.school" in hits else "home")
        schools = rules.search("school.named", raw, text.view) if "personal.child" in hits else []
        if schools and not a.about_work:
            found.append((f"your child's school ({schools[0].group()})", schools[0].span()))
            kinds.append("children")
        pickup = rules.search("personal.collection", raw, text.view) if not a.about_work else []
        if pickup:  # "selling my old sofa… collection from Letham": where the seller lives
            found.append((f"where your home is ({pickup[0].group()})", pickup[0].span()))
            kinds.append("home")
        service = "contact.not-personal" in hits and "contact.invite" not in hits
        address = rules.search("address", raw, text.view)
        streets = address or (rules.search("street", raw, text.view) if "personal.home" in hits or found else [])
        if streets and not service:
            found.append((f"your street ({streets[0].group()})", streets[0].span()))
            kinds.append("home")
        if not found:
            return
        severity = Severity.HIGH if len(found) >= 2 else Severity.MEDIUM
        yield kinded(
            kinds[0],
            self.finding(
                snapshot,
                severity=severity,
                item=text.item,
                text=raw,
                span=found[0][1],
                why="This post tells a stranger "
                + "; ".join(w for w, _ in found)
                + ". People you work with, or anyone "
                "with a grudge, can use this to find you, your home or your family.",
                details=[w for w, _ in found],
                advice=[
                    "Delete or edit the post; share plans and whereabouts after the event, and only with people you know."
                ],
            ),
        )


_ME = frozenset({"i", "i'm", "i'll", "i've", "me", "my", "we", "we're", "our", "us"})


_ME_OR_INVITE = _ME | {"mine", "myself"}  # ("come and race me" has its "me"; "they come every morning" is theirs)


_OTHERS = frozenset(
    {
        "they",
        "they're",
        "them",
        "their",
        "he",
        "she",
        "families",
        "family",
        "clients",
        "residents",
        "parents",
        "kids",
        "people",
        "folk",
        "patients",
        "tenants",
        "mums",
        "dads",
        "mothers",
        "fathers",
        "carers",
        "callers",
        "men",
        "women",
        "neighbours",
        "students",
        "staff",
        "neighbour's",
        "neighbours'",
        "library",
        "shop",
        "café",
        "cafe",
        "market",
        "church",
        "club",
        "group",
        "class",
        "centre",
    }
)


def _own_routine(view: TextView, hits: dict[str, list[Match]], about_work: bool) -> bool:
    """A routine of the writer's own: in a post about work, one told of other people ("the same families
    ring every Friday at 4.55") is theirs, unless "I", "me" or "my" is close to it too."""
    routines = hits.get("personal.routine")
    if not routines:
        return False
    if (
        not about_work
    ):  # "the library is open every Tuesday till 8", "the neighbour's kids are out every night": not the writer's
        return not (view.token_near(routines[0], _OTHERS, 5) and not view.token_near(routines[0], _ME_OR_INVITE, 6))
    return view.token_near(routines[0], _ME, 6) or not view.token_near(routines[0], _OTHERS, 6)


def _place_near(view: TextView, routine: Match, place: str) -> bool:
    """The place is named in the same sentence as the routine."""
    first = place.lower().split()[0] if place.split() else ""
    text, starts = view.text, view.starts
    for i, t in enumerate(view.tokens):
        if t != first:
            continue
        lo, hi = sorted((starts[i], starts[routine.first_token]))
        if not any(c in ".!?\n" for c in text[lo:hi]):
            return True
    return False


def _apostrophe_empty(tokens: list[str]) -> bool:
    """ "the flat in Wishaw's empty": a possessive-looking "'s" that is really "is"."""
    if "empty" not in tokens:
        return False
    return any(t.endswith("'s") and tokens[i + 1] == "empty" for i, t in enumerate(tokens[:-1]))


def _empty_home(view: TextView, hits: dict[str, list[Match]]) -> bool:
    """ "the house is all locked up and empty": "empty" within a few words of the home itself."""
    if "empty" not in view.tokens:
        return False
    at = [
        i for i, t in enumerate(view.tokens) if t == "empty" and not (i and view.tokens[i - 1] in ("an", "a"))
    ]  # "to an empty house": anyone's
    return any(abs(m.first_token - i) <= 6 for m in hits.get("personal.home-word", ()) for i in at)
