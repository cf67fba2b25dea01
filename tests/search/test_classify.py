"""Each result gets exactly one class, from its address (and, for hearings, a few words)."""

from __future__ import annotations

import pytest

from footprint.models import SearchClass
from footprint.search.classify import Classifier, names_you, site_data
from tests.search.conftest import searcher

CASES = [
    ("https://mastodon.example/@jamiereid", SearchClass.DECLARED),
    ("https://jamiereid.example/2024/03/hills", SearchClass.DECLARED),
    ("https://www.192.com/atoz/people/reid/jamie/", SearchClass.PEOPLE_SEARCH),
    ("https://www.sssc.uk.com/search-the-register/worker/000000", SearchClass.REGULATOR),
    ("https://www.socialworkengland.org.uk/umbraco/surface/searchregister/results", SearchClass.REGULATOR),
    ("https://www.hcpc-uk.org/check-the-register/", SearchClass.REGULATOR),
    ("https://niscc.info/registration/search", SearchClass.REGULATOR),
    ("https://socialcare.wales/registration/check-the-register", SearchClass.REGULATOR),
    ("https://www.sssc.uk.com/fitness-to-practise/hearings/jamie-reid", SearchClass.NEWS),
    ("https://www.bbc.co.uk/news/uk-scotland-00000000", SearchClass.NEWS),
    ("https://www.bailii.org/uk/cases/UKEAT/2020/0000.html", SearchClass.NEWS),
    ("https://github.com/jamie-reid-old", SearchClass.UNDECLARED_PROFILE),
    ("https://www.linkedin.com/in/jamie-reid-sw", SearchClass.UNDECLARED_PROFILE),
    ("https://jamiereidfife.tumblr.com/", SearchClass.UNDECLARED_PROFILE),
    ("https://www.fife.gov.uk/kb/docs/articles/team", SearchClass.EMPLOYER),
    ("https://www.linkedin.com/jobs", SearchClass.OTHER),
    ("https://photography.example/about", SearchClass.OTHER),
]


@pytest.mark.parametrize(("url", "expected"), CASES)
def test_each_address_gets_its_class(url: str, expected: SearchClass) -> None:
    assert Classifier(searcher()).classify(url, "Jamie Reid", "").result_class is expected


def test_a_council_page_is_the_employers_only_when_it_names_you_or_is_the_employers_domain() -> None:
    classifier = Classifier(searcher(employer_domains=["eastvale.example"]))
    assert (
        classifier.classify("https://www.edinburgh.gov.uk/x", "Jamie Reid, social worker", "").result_class
        is SearchClass.EMPLOYER
    )
    assert (
        classifier.classify("https://www.edinburgh.gov.uk/x", "Bin collections", "").result_class is SearchClass.OTHER
    )
    assert classifier.classify("https://jobs.eastvale.example/y", "Vacancies", "").result_class is SearchClass.EMPLOYER
    assert (
        classifier.classify("https://www.fifecouncil.example/y", "Vacancies", "").result_class is SearchClass.EMPLOYER
    )
    assert classifier.classify("https://fifeweddings.example/", "Jamie Reid", "").result_class is SearchClass.OTHER


def test_an_undeclared_profile_carries_its_site_and_handle_and_a_people_search_site_its_opt_out() -> None:
    classifier = Classifier(searcher())
    profile = classifier.classify("https://www.reddit.com/user/nightshiftsw", "", "")
    assert (profile.site, profile.handle, profile.account and profile.account.anonymous) == (
        "Reddit",
        "nightshiftsw",
        True,
    )
    broker = classifier.classify("https://www.spokeo.com/Jamie-Reid", "", "")
    assert broker.opt_out == "https://www.spokeo.com/optout"


def test_names_you_needs_the_whole_name() -> None:
    profile = searcher()
    assert names_you("Meet Jamie Reid, our duty worker", profile)
    assert names_you("JAMIE REID-KERR", profile)
    assert not names_you("Jamie Reidy", profile)


def test_the_data_file_has_advice_for_every_class() -> None:
    assert set(site_data().advice) == set(SearchClass)
