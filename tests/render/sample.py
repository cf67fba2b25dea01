"""A fictional report with a finding for every check, several accounts and hostile fetched text.

Everything here is invented. The hostile strings imitate what a stranger could put in a bio or
a post to break a report: rich markup, HTML and script, Markdown table pipes, emphasis and a
javascript: link.
"""

from __future__ import annotations

import datetime as dt

from footprint.core import attach_guidance
from footprint.guidance import load_catalogue
from footprint.models import (
    AccountStatus,
    AccountSummary,
    Excerpt,
    Finding,
    Item,
    Report,
    Severity,
    Subject,
    Tool,
)

HOSTILE = (
    "[red]boom[/red] <script>alert(1)</script> <b>bold</b> | pipe | *star* **strong** [x](javascript:alert(2)) "
    "`tick` # head <script>document.title='pwned'</script> <img src=x onerror=\"document.title='pwned'\">"
)
WHEN = dt.datetime(2026, 3, 14, 9, 30, tzinfo=dt.UTC)


def excerpt(text: str, matched: str) -> Excerpt:
    start = text.index(matched)
    return Excerpt(text=text, start=start, end=start + len(matched))


def finding(
    check: str,
    severity: Severity,
    account: str,
    platform: str = "mastodon",
    *,
    text: str | None = None,
    matched: str | None = None,
    kind: str = "post",
    post_id: str | None = None,
    url: str | None = None,
    details: list[str] | None = None,
) -> Finding:
    return Finding(
        check=check,
        title=f"Sample finding for {check}",
        severity=severity,
        platform=platform,
        account=account,
        item=Item(kind=kind, id=post_id, url=url, date=WHEN if kind == "post" else None),  # type: ignore[arg-type]
        excerpt=excerpt(text, matched) if text and matched else None,
        details=details or [],
        why=f"Why {check} matters, in plain words.",
    )


def sample_report(framework: str = "sssc", *, hostile: bool = True) -> Report:
    """A report on the fictional Jamie Reid with one finding per check across three accounts."""
    main, anon, gh = "@jamiereid@mastodon.example", "@nightshiftsw@social.example", "jreid-example"
    bio = "Social worker at Fife Council, Kirkcaldy. " + (HOSTILE if hostile else "Views my own.")
    findings = [
        finding("visibility.public", Severity.LOW, main, kind="account", url="https://mastodon.example/@jamiereid"),
        finding("visibility.indexable", Severity.INFO, main, kind="account"),
        finding(
            "identity.real-name",
            Severity.LOW,
            main,
            kind="profile",
            text="Jamie Reid",
            matched="Jamie Reid",
            details=["name: Jamie Reid"],
        ),
        finding(
            "identity.role",
            Severity.LOW,
            main,
            kind="profile",
            text=bio,
            matched="Social worker",
            details=["role: social worker"],
        ),
        finding(
            "identity.employer",
            Severity.MEDIUM,
            main,
            kind="profile",
            text=bio,
            matched="Fife Council",
            details=["employer: Fife Council"],
        ),
        finding("identity.linkable", Severity.MEDIUM, anon, kind="account", details=["same avatar as " + main]),
        finding(
            "contact.personal",
            Severity.MEDIUM,
            main,
            kind="profile",
            text="Call me on 07700 900123 any time",
            matched="07700 900123",
            details=["phone: 07700 900123"],
        ),
        finding(
            "oversharing.service-user",
            Severity.HIGH,
            anon,
            post_id="9001",
            url="https://social.example/@nightshiftsw/9001",
            text="Tough LAC review for the 14 year old boy from Templehall today, " + (HOSTILE if hostile else "sad."),
            matched="14 year old boy from Templehall",
            details=["age: 14", "place: Templehall"],
        ),
        finding(
            "oversharing.workplace",
            Severity.MEDIUM,
            anon,
            post_id="9002",
            text="Kirkcaldy office rota is a mess again, Brian off sick",
            matched="Kirkcaldy office rota",
        ),
        finding(
            "oversharing.personal",
            Severity.MEDIUM,
            main,
            post_id="9003",
            text="Dropped the kids at Balwearie High then straight to work",
            matched="Balwearie High",
        ),
        finding(
            "conduct.disparaging",
            Severity.MEDIUM,
            anon,
            post_id="9004",
            text="My manager is useless and the families are worse",
            matched="families are worse",
        ),
        finding(
            "conduct.public-trust",
            Severity.HIGH,
            anon,
            post_id="9005",
            text="Still drunk from last night, on shift in an hour",
            matched="Still drunk",
        ),
        finding(
            "boundaries.service-user-contact",
            Severity.MEDIUM,
            gh,
            platform="github",
            kind="account",
            details=["follows a person named in the watch list"],
        ),
        finding(
            "identity.role",
            Severity.LOW,
            "javascript:alert(3)",
            platform="mastodon",
            kind="profile",
            url="javascript:alert(4)",
            text=HOSTILE if hostile else "social worker",
            matched="<script>" if hostile else "social worker",
        ),
    ]
    catalogue = load_catalogue(framework)
    accounts = [
        AccountSummary(
            platform="mastodon",
            account=main,
            status=AccountStatus.CHECKED,
            posts_read=6,
            url="https://mastodon.example/@jamiereid",
        ),
        AccountSummary(platform="mastodon", account=anon, anonymous=True, status=AccountStatus.CHECKED, posts_read=5),
        AccountSummary(platform="github", account=gh, status=AccountStatus.CHECKED, posts_read=0),
        AccountSummary(
            platform="mastodon",
            account="javascript:alert(3)",
            status=AccountStatus.CHECKED,
            notes=[HOSTILE] if hostile else [],
        ),
        AccountSummary(
            platform="instagram",
            account="jamie.reid.example",
            status=AccountStatus.NOT_CHECKABLE,
            reason="Instagram shows nothing to logged-out visitors",
            checklist=["Open your profile in a private window", "Check Account privacy is on"],
        ),
    ]
    report = Report(
        tool=Tool(version="0.0-test"),
        generated_at=WHEN,
        mode="demo",
        subject=Subject(name="Jamie Reid", role="social worker"),
        framework=framework,
        checks_run=sorted({f.check for f in findings}),
        accounts=accounts,
        findings=attach_guidance(findings, catalogue),
        warnings=["one warning " + (HOSTILE if hostile else "")],
        stats={"accounts": len(accounts), "posts_read": 11},
    )
    report.findings = report.sorted_findings()
    return report


def careful_report() -> Report:
    """A second, calmer report (the demo renders several into one document)."""
    report = sample_report(hostile=False)
    low = [f for f in report.findings if f.severity in (Severity.LOW, Severity.INFO)]
    return report.model_copy(
        update={"subject": Subject(name="Alex Morgan", role="social worker"), "findings": low, "warnings": []}
    )
