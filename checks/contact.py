"""contact.personal: a personal phone number, e-mail address, home address or full postcode."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberType as T

from checks._evidence import kinded
from footprint.models import Finding, Severity, Snapshot
from footprint.plugins.checks import CheckContext, TermsCheck, TextItem

_NOT_PERSONAL = {T.TOLL_FREE, T.PREMIUM_RATE, T.SHARED_COST, T.UAN, T.VOICEMAIL, T.PAGER}


@lru_cache(maxsize=4096)
def personal_phone(raw: str) -> str | None:
    """The number in E.164 form if `raw` is a personal (mobile or landline) number, UK or international.

    UK numbers are classed by their ranges (07 mobiles, valid 01/02 landlines; 03, 08 and 09
    are shared, free or premium service numbers); a mobile is taken as written, which also
    accepts Ofcom's drama ranges (07700 900xxx, 01632 960xxx) that read exactly like real numbers. Other
    countries go through phonenumbers' full validation.
    """
    raw = raw.translate(_SEPARATORS)  # "07700/900/123", "07700_900123"
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException:
        return None
    national = str(number.national_number)
    if len(national) < 9 or not phonenumbers.is_possible_number(number):
        return None
    if number.country_code == 44:
        mobile = national[0] == "7" and national[:2] not in ("70", "76")
        drama = national.startswith("1632960")  # Ofcom's drama landline range, read like any landline
        if not (mobile or drama or (national[0] in "12" and phonenumbers.is_valid_number(number))):
            return None
    elif not phonenumbers.is_valid_number(number) or phonenumbers.number_type(number) in _NOT_PERSONAL:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_SEPARATORS = str.maketrans(dict.fromkeys("/_–·*~|", " "))

_DIGITS = {
    "zero": "0",
    "oh": "0",
    "nought": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}


def spoken_number(tokens: list[str]) -> str | None:
    """The longest run of digits written as words ("seven seven double oh, nine…"), if 10 or more."""
    best, run, repeat = "", "", 1
    for tok in tokens:
        if tok in ("double", "triple"):
            repeat = 2 if tok == "double" else 3
            continue
        digit = _DIGITS.get(tok) or (tok if tok.isdigit() and len(tok) <= 4 else None)
        if digit is None:
            best, run, repeat = max(best, run, key=len), "", 1
            continue
        run += digit * repeat
        repeat = 1
    best = max(best, run, key=len)
    return best if len(best) >= 10 else None


class PersonalContactCheck(TermsCheck):
    """A personal phone number (UK or international), personal e-mail, home address or full postcode."""

    id = "contact.personal"
    title = "Personal contact details are published"

    def __init__(self, context: CheckContext) -> None:
        super().__init__(context)
        self.number_words = frozenset(self.rules.terms("contact.number-word"))
        spoken = self.rules.patterns.get("email.spoken")
        obfuscated = self.rules.patterns.get("email.obfuscated")
        self.mail_words = frozenset(w.lower() for p in (spoken, obfuscated) if p for w in p.needs_words)

    def wants(self, text: TextItem) -> bool:
        return (
            text.view.has_digit
            or "@" in text.text
            or not (self.number_words.isdisjoint(text.view.tokens) and self.mail_words.isdisjoint(text.view.tokens))
        )

    def _check_text(self, text: TextItem, snapshot: Snapshot) -> Iterator[Finding]:
        raw = text.text
        tokens = text.view.tokens
        if (
            not text.view.has_digit
            and "@" not in raw
            and self.number_words.isdisjoint(tokens)
            and self.mail_words.isdisjoint(tokens)
        ):
            return
        hits = text.view.hits(self.terms.index)
        service = "contact.not-personal" in hits and "contact.invite" not in hits
        found: list[tuple[str, tuple[int, int], Severity]] = []
        for m in self.rules.search("phone.candidate", raw, text.view):
            if not service and not _inside_link(raw, m.start()) and personal_phone(m.group()):
                found.append((f"phone number {m.group().strip()}", m.span(), Severity.MEDIUM))
                break
        words = text.view.tokens
        if (
            not found
            and not service
            and not self.number_words.isdisjoint(words)
            and sum(map(self.number_words.__contains__, words)) >= 7
        ):
            digits = spoken_number(words)
            if digits and personal_phone(digits if digits.startswith("0") else "0" + digits):
                found.append(("phone number written out in words", (0, 0), Severity.MEDIUM))
        if not found and not service:
            for m in (
                *self.rules.search("email.spoken", raw, text.view),
                *self.rules.search("email.obfuscated", raw, text.view),
            ):
                found.append(("e-mail address written out in words", m.span(), Severity.MEDIUM))
                break
        if "@" in raw:
            for m in self.rules.search("email", raw, text.view):
                if m.start() and raw[m.start() - 1] == "@":
                    continue  # "@name@server.example": a fediverse handle, not a mailbox
                if not self.rules.search("email.role", m.group()) and not service:
                    found.append((f"e-mail address {m.group()}", m.span(), Severity.MEDIUM))
                    break
        address = self.rules.search("address", raw, text.view)
        postcode = self.rules.search("postcode", raw, text.view)
        if (address or postcode) and not service:
            m = (address or postcode)[0]
            what = "home address" if address else "full postcode"
            found.append((f"{what} {m.group().strip()}", m.span(), Severity.HIGH))
        if not found:
            return
        severity = max((s for _, _, s in found), key=lambda s: s.rank)
        first = found[0][0]
        kind = "address" if severity is Severity.HIGH else "phone" if first.startswith("phone") else "email"
        yield kinded(
            kind,
            self.finding(
                snapshot,
                severity=severity,
                item=text.item,
                text=raw,
                span=found[0][1],
                why="This publishes your "
                + " and ".join(w for w, _, _ in found)
                + ". People you work with, and anyone "
                "who disagrees with a decision you made, could contact you at home or find where you live.",
                details=[w for w, _, _ in found],
                advice=["Delete or edit the post or profile field; share contact details privately instead."],
            ),
        )


def _inside_link(raw: str, start: int) -> bool:
    """Digits that are part of a web address or an anchor ("#issuecomment-1880186777", "/status/1742…"), unless
    the link is itself a phone link (tel:, wa.me)."""
    if not start:
        return False
    word = raw[max(raw.rfind(" ", 0, start), raw.rfind("\n", 0, start)) + 1 : start].lower()
    if "wa.me/" in word or word.startswith(("tel:", "tel-", "mob", "phone", "call", "text")):
        return False
    before = raw[start - 1]
    return (
        before.isalnum()
        or before in "#=/_&?"
        or (before == "-" and start > 1 and raw[start - 2].isalnum())
        or "://" in word
    )
