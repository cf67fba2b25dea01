"""A fictional internet served from fixture files: the demo's mock transport and the tests' local server.

A routes file lists, for each URL (and optionally query parameters), the status, headers and
body to answer with. `FixtureSite.answer()` is plain data in, plain data out, so the same
fixtures can sit behind an `httpx.MockTransport` (the demo) or a real HTTP server on
127.0.0.1 (the integration tests).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
from pydantic import BaseModel, ConfigDict, Field, model_validator

from footprint.yamlfile import load_model


class Route(BaseModel):
    """One canned answer."""

    model_config = ConfigDict(extra="forbid")
    url: str
    query: dict[str, str] = Field(default_factory=dict)
    status: int = 200
    headers: dict[str, str] = Field(default_factory=dict)
    content_type: str = "application/json; charset=utf-8"
    file: str | None = None
    json_body: Any = Field(default=None, alias="json")
    body: str | None = None
    delay: float = 0.0

    @model_validator(mode="after")
    def _one_body(self) -> Route:
        if sum(x is not None for x in (self.file, self.json_body, self.body)) > 1:
            raise ValueError("a route takes at most one of file, json and body")
        return self


class Routes(BaseModel):
    model_config = ConfigDict(extra="forbid")
    routes: list[Route]


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    delay: float = 0.0


class FixtureSite:
    """Answers requests from a routes file; files are read relative to `fixtures`."""

    def __init__(self, routes_file: Path, fixtures: Path) -> None:
        self.routes = load_model(routes_file, Routes)[0].routes
        self.fixtures = fixtures

    def answer(self, url: str, *, any_host: bool = False) -> Answer:
        """The canned answer for `url`; with `any_host`, routes match on path and query alone (mirrors)."""
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        for route in self.routes:
            wanted = urlsplit(route.url)
            same_place = wanted.path == parts.path and (
                any_host or (wanted.scheme, wanted.netloc) == (parts.scheme, parts.netloc)
            )
            if same_place and all(query.get(k) == v for k, v in route.query.items()):
                return Answer(
                    route.status, {"content-type": route.content_type, **route.headers}, self._body(route), route.delay
                )
        return Answer(404, {"content-type": "application/json"}, b'{"error":"Record not found"}')

    def _body(self, route: Route) -> bytes:
        if route.file is not None:
            return (self.fixtures / route.file).read_bytes()
        if route.json_body is not None:
            return json.dumps(route.json_body).encode()
        return (route.body or "").encode()

    def transport(self) -> httpx.MockTransport:
        """An httpx transport that answers every request from these routes, with no network."""

        def handle(request: httpx.Request) -> httpx.Response:
            answer = self.answer(str(request.url))
            return httpx.Response(answer.status, headers=answer.headers, content=answer.body)

        return httpx.MockTransport(handle)
