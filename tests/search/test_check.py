"""search.results: the four findings only a search gives, from the classified results alone."""

from __future__ import annotations

import pytest

from footprint.core import attach_guidance
from footprint.guidance import frameworks, load_catalogue
from footprint.models import SearchClass, SearchHit, SearchSection
from footprint.plugins import discover
from footprint.rules import load_rules
from footprint.search.report import search_analyser
from tests.search.conftest import searcher


def hit(url: str, cls: SearchClass, title: str, snippet: str = "", rank: int = 1, **kw: object) -> SearchHit:
    return SearchHit(
        url=url,
        title=title,
        snippet=snippet,
        result_class=cls,
        rank=rank,
        names_you="Jamie Reid" in title + snippet,
        queries=['"Jamie Reid"'],
        **kw,
    )  # type: ignore[arg-type]


def findings(*hits: SearchHit, framework: str = "sssc"):  # type: ignore[no-untyped-def]
    found = SearchSection(engine="fake", status="complete", results=list(hits))
    out = attach_guidance(
        search_analyser(searcher(), found, discover(), load_rules(None)).finish(), load_catalogue(framework)
    )
    return [f for f in out if f.check == "search.results"]


def test_name_role_and_employer_together_on_the_first_page() -> None:
    page = hit(
        "https://www.fife.gov.uk/team",
        SearchClass.EMPLOYER,
        "Jamie Reid, social worker",
        "Children and Families team, Fife Council",
    )
    (finding,) = findings(page)
    assert (finding.kind, finding.severity.value, finding.item.url) == ("role-employer", "medium", page.url)
    assert finding.guidance and finding.advice
    assert findings(page.model_copy(update={"rank": 11})) == []
    assert findings(hit(page.url, SearchClass.EMPLOYER, "Jamie Reid", "Fife Council")) == []


def test_a_people_search_page_with_an_address_or_a_phone() -> None:
    broker = hit(
        "https://www.192.com/p/jamie-reid",
        SearchClass.PEOPLE_SEARCH,
        "Jamie Reid in Kirkcaldy",
        "Jamie Reid, 14 Lintmill Wynd, Kirkcaldy",
        site="192.com",
    )
    (finding,) = findings(broker)
    assert (finding.kind, finding.severity.value) == ("people-search", "high")
    assert "14 Lintmill Wynd" in finding.excerpt.matched  # type: ignore[union-attr]
    phone = broker.model_copy(update={"snippet": "Jamie Reid, call 07700 900461"})
    assert [f.kind for f in findings(phone)] == ["people-search"]
    assert findings(broker.model_copy(update={"snippet": "Jamie Reid, Kirkcaldy, age 30-34"})) == []


def test_an_undeclared_account_in_your_name_and_an_anonymous_one_tied_to_it() -> None:
    other = hit(
        "https://www.pinterest.co.uk/jamiereidfife/",
        SearchClass.UNDECLARED_PROFILE,
        "Jamie Reid (jamiereidfife)",
        site="Pinterest",
        handle="jamiereidfife",
    )
    anonymous = hit(
        "https://www.reddit.com/user/nightshiftsw",
        SearchClass.UNDECLARED_PROFILE,
        "nightshiftsw",
        "Jamie Reid posts here",
        site="Reddit",
        handle="nightshiftsw",
    )
    kinds = {f.kind: f for f in findings(other, anonymous)}
    assert kinds["undeclared-account"].severity.value == "low"
    assert kinds["anonymous-linked"].severity.value == "medium"
    assert "@nightshiftsw@social.example" in kinds["anonymous-linked"].why


def test_nothing_when_the_result_does_not_show_your_name() -> None:
    assert (
        findings(
            hit("https://www.pinterest.co.uk/jr/", SearchClass.UNDECLARED_PROFILE, "J R", site="Pinterest", handle="jr")
        )
        == []
    )


def test_no_search_no_findings() -> None:
    from footprint.core import Analyser

    analyser = Analyser(searcher(), [discover().checks["search.results"]], load_rules(None))
    assert analyser.finish() == []


@pytest.mark.parametrize("framework", frameworks())
def test_every_kind_cites_guidance_in_every_framework(framework: str) -> None:
    catalogue = load_catalogue(framework)
    for kind in ("role-employer", "people-search", "undeclared-account", "anonymous-linked"):
        assert catalogue.refs_for("search.results", kind, "search"), (framework, kind)
        assert catalogue.advice_for("search.results", "search", kind)
