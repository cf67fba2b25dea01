"""Convert the community lists into footprint sites: WhatsMyName's `wmn-data.json` and Sherlock's `data.json`.

Field names follow each project's own schema (WhatsMyName `wmn-data-schema.json`, Sherlock
`data.schema.json`). What cannot be expressed honestly is skipped or dropped with a warning:
POST probes, "exists"/"missing" statuses that really mean "blocked", and browser User-Agents.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from footprint.discovery.catalogue import (
    BLOCK_STATUSES,
    PLACEHOLDER,
    Category,
    Detection,
    Exists,
    Grammar,
    Missing,
    Site,
)
from footprint.errors import InputError

_WMN_CATEGORIES = {
    "social": Category.SOCIAL,
    "blog": Category.BLOGGING,
    "images": Category.PHOTO,
    "video": Category.VIDEO,
    "music": Category.MUSIC,
    "gaming": Category.GAMING,
    "coding": Category.CODING,
    "tech": Category.CODING,
    "business": Category.PROFESSIONAL,
    "finance": Category.OTHER,
    "health": Category.FITNESS,
    "hobby": Category.HOBBY,
    "shopping": Category.SHOPPING,
    "art": Category.PHOTO,
    "news": Category.BLOGGING,
    "political": Category.PETITIONS,
}


# --------------------------------------------------------------------------- WhatsMyName


def from_whatsmyname(data: Any, path: Path) -> tuple[list[Site], list[str]]:
    """Convert a WhatsMyName file ({"sites": [{name, uri_check, e_code, e_string, m_code, m_string, ...}]})."""
    if not isinstance(data, dict) or not isinstance(data.get("sites"), list):
        raise InputError(f'{path}: a WhatsMyName file has a top-level "sites" list')
    sites: list[Site] = []
    warnings: list[str] = []
    for i, raw in enumerate(data["sites"]):
        where = f"{path}: sites[{i}]"
        if not isinstance(raw, dict):
            raise InputError(f"{where}: expected an object")
        missing = [k for k in ("name", "uri_check", "e_code", "e_string", "m_code", "m_string") if k not in raw]
        if missing:
            raise InputError(f"{where}: missing {', '.join(missing)}")
        name = str(raw["name"])
        if raw.get("valid") is False:
            warnings.append(f"{name}: skipped (marked not valid in the file)")
            continue
        if raw.get("post_body"):
            warnings.append(f"{name}: skipped (needs a POST request; footprint only reads pages)")
            continue
        e_code, m_code = _int(raw["e_code"], where, "e_code"), _int(raw["m_code"], where, "m_code")
        if e_code in BLOCK_STATUSES:
            warnings.append(f"{name}: skipped (its 'exists' status {e_code} is a block status)")
            continue
        missing_rules = []
        if m_code not in BLOCK_STATUSES:
            missing_rules.append(Missing(status=[m_code], body_has=raw["m_string"] or None))
        if m_code != e_code and m_code not in BLOCK_STATUSES:
            missing_rules.append(Missing(status=[m_code]))
        if not missing_rules:
            warnings.append(f"{name}: skipped (its 'missing' status {m_code} is a block status)")
            continue
        bad_chars = str(raw.get("strip_bad_char") or "")
        try:
            site = Site(
                key=_key(name),
                name=name,
                category=_WMN_CATEGORIES.get(str(raw.get("cat", "")).lower(), Category.OTHER),
                url=_wmn_template(raw.get("uri_pretty") or raw["uri_check"]),
                check_url=_wmn_template(raw["uri_check"]) if raw.get("uri_pretty") else None,
                grammar=Grammar(pattern=_without(bad_chars)),
                detect=Detection(
                    exists=Exists(
                        status=[e_code], body_has=[raw["e_string"]] if raw["e_string"] else [], handle_in_body=True
                    ),
                    missing=missing_rules,
                ),
                known=next(iter(raw.get("known") or []), None),
                headers=_honest_headers(raw.get("headers") or {}, name, warnings),
            )
        except ValidationError as exc:
            warnings.append(f"{name}: skipped ({_first(exc)})")
            continue
        except ValueError as exc:
            warnings.append(f"{name}: skipped ({exc})")
            continue
        sites.append(site)
    return _dedupe(sites), warnings


def _wmn_template(url: str) -> str:
    return str(url).replace("{account}", PLACEHOLDER)


def _without(chars: str) -> str:
    base = r"^[^\s/?#%]+$"
    if not chars:
        return base
    return r"^[^\s/?#%" + re.escape(chars).replace("]", r"\]") + r"]+$"


# --------------------------------------------------------------------------- Sherlock


def from_sherlock(data: Any, path: Path) -> tuple[list[Site], list[str]]:
    """Convert a Sherlock manifest ({"Name": {url, urlMain, errorType, errorMsg, errorUrl, regexCheck, ...}})."""
    if not isinstance(data, dict):
        raise InputError(f"{path}: a Sherlock file is an object of site names")
    sites: list[Site] = []
    warnings: list[str] = []
    for name, raw in data.items():
        if name.startswith("$") or not isinstance(raw, dict):
            continue
        where = f"{path}: {name}"
        for needed in ("url", "errorType"):
            if needed not in raw:
                raise InputError(f"{where}: missing {needed}")
        method = str(raw.get("request_method", "GET")).upper()
        if method not in ("GET", "HEAD") or raw.get("request_payload"):
            warnings.append(f"{name}: skipped (needs a {method} request with a payload; footprint only reads pages)")
            continue
        kinds = raw["errorType"] if isinstance(raw["errorType"], list) else [raw["errorType"]]
        try:
            detect = _sherlock_detection(raw, kinds)
            site = Site(
                key=_key(name),
                name=name,
                category=Category.GAMING if "gaming" in _tags(raw) else Category.OTHER,
                url=_sherlock_template(raw["url"]),
                check_url=_sherlock_template(raw["urlProbe"]) if raw.get("urlProbe") else None,
                grammar=Grammar(pattern=raw.get("regexCheck") or r"^[^\s/?#%]+$", max_length=200),
                detect=detect,
                known=raw.get("username_claimed"),
                headers=_honest_headers(raw.get("headers") or {}, name, warnings),
            )
        except ValidationError as exc:
            warnings.append(f"{name}: skipped ({_first(exc)})")
            continue
        except ValueError as exc:
            warnings.append(f"{name}: skipped ({exc})")
            continue
        sites.append(site)
    return _dedupe(sites), warnings


def _sherlock_detection(raw: dict[str, Any], kinds: list[str]) -> Detection:
    missing: list[Missing] = []
    follow = True
    handle_in_body = False
    for kind in kinds:
        if kind == "status_code":
            codes = raw.get("errorCode")
            codes = [codes] if isinstance(codes, int) else list(codes or [])
            codes = [c for c in codes if c not in BLOCK_STATUSES]
            missing.append(Missing(status=codes) if codes else Missing(other_status=True))
        elif kind == "message":
            messages = raw.get("errorMsg")
            for message in [messages] if isinstance(messages, str) else list(messages or []):
                missing.append(Missing(body_has=message))
            missing.append(Missing(status=[404, 410]))
            # NOTE: a body check alone would call any page without the error text "found"; requiring
            # the name in the page keeps generic pages (home pages, consent walls) from being alarms.
            handle_in_body = True
        elif kind == "response_url":
            follow = False
            if raw.get("errorUrl"):
                missing.append(Missing(redirect_to=_sherlock_template(raw["errorUrl"], required=False)))
            missing.append(Missing(other_status=True))
        else:
            raise ValueError(f"unknown errorType {kind!r}")
    return Detection(
        exists=Exists(status=[200], handle_in_body=handle_in_body), missing=missing, follow_redirects=follow
    )


def _sherlock_template(url: str, required: bool = True) -> str:
    text = str(url).replace("{}", PLACEHOLDER)
    if required and PLACEHOLDER not in text:
        raise ValueError(f"{url!r} has no {{}} placeholder")
    return text


def _tags(raw: dict[str, Any]) -> list[str]:
    tags = raw.get("tags") or []
    return [tags] if isinstance(tags, str) else list(tags)


# --------------------------------------------------------------------------- helpers


def _key(name: str) -> str:
    key = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-._")
    return key or "site"


def _int(value: Any, where: str, field_name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InputError(f"{where}: {field_name} is not a status code: {value!r}") from None


def _honest_headers(headers: dict[str, Any], name: str, warnings: list[str]) -> dict[str, str]:
    kept = {}
    for key, value in headers.items():
        if key.lower() in ("user-agent", "cookie", "authorization", "host"):
            warnings.append(f"{name}: ignored its {key} header (footprint always sends its own honest User-Agent)")
            continue
        kept[str(key)] = str(value)
    return kept


def _dedupe(sites: list[Site]) -> list[Site]:
    seen: dict[str, int] = {}
    out = []
    for site in sites:
        count = seen.get(site.key, 0)
        seen[site.key] = count + 1
        out.append(site if not count else site.model_copy(update={"key": f"{site.key}-{count + 1}"}))
    return out


def _first(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"])
    return f"{where}: {error['msg']}".removeprefix(": ")
