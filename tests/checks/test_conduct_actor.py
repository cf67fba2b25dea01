"""A boast of breaking a rule is the author's own only when the author is its subject.

Every text here is invented for these tests (none is taken from a benchmark corpus).
"""

from __future__ import annotations

import pytest

from tests.checks.helpers import found

TRUST = "conduct.public-trust"


@pytest.mark.parametrize(
    "text",
    [
        "Didn't bother with the risk assessment for tonight's visit, no time.",
        "I skipped the safeguarding checks again, nobody reads them.",
        "My manager said it was fine so I didn't bother with the risk assessment.",
        "We didn't bother with the risk assessment, the family were lovely.",
    ],
)
def test_the_authors_own_rule_breaking_still_counts(text: str) -> None:
    assert TRUST in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "My manager signed off the rota without asking a single one of us.",
        "The agency worker didn't bother with the risk assessment and now it's a mess.",
        "She skipped the safeguarding checks and the inspectors noticed.",
    ],
)
def test_someone_elses_act_reported_is_not_the_authors_boast(text: str) -> None:
    assert TRUST not in found(text)
