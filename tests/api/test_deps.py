"""Which dependencies run in the thread pool: only those that do blocking work.

FastAPI runs a plain-function dependency (or endpoint) in its thread pool, one hop each; the
hops of dependencies that only read app.state were most of what a polled status answer cost.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from narrator.api import deps


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for sub in dependant.dependencies:
        yield from _calls(sub)
        if sub.call is not None:
            yield sub.call


def _routes(app: FastAPI) -> list[Any]:
    """Every API route with its dependant: FastAPI 0.165 keeps included routers whole
    (their routes are contexts of each), earlier ones copied their APIRoutes in."""
    found: list[Any] = []
    for route in app.routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "effective_route_contexts"):
            found.extend(route.effective_route_contexts())
    assert len(found) > 40, found  # the walk found the API, not nothing
    return found


def _route(app: FastAPI, path: str, method: str) -> Any:
    for route in _routes(app):
        if route.path == path and method in route.methods:
            return route
    raise AssertionError(f"no route {method} {path}")


def _in_thread_pool(route: Any) -> set[str]:
    calls = [*_calls(route.dependant), route.endpoint]
    return {c.__name__ for c in calls if not inspect.iscoroutinefunction(c)}


def test_a_status_poll_goes_to_the_thread_pool_once_for_its_database_read(app: FastAPI) -> None:
    route = _route(app, "/v1/narrations/{narration_id}", "GET")
    assert _in_thread_pool(route) == {"load_narration"}


def test_dependencies_that_only_read_the_request_or_app_state_are_coroutines(
    app: FastAPI,
) -> None:
    pure = {
        deps.settings_of,
        deps.db_of,
        deps.storage_of,
        deps.voices_of,
        deps.services_of,
        deps.require_writer,
        deps.owner_of,
        deps.links_of,
    }
    assert all(inspect.iscoroutinefunction(call) for call in pure)
    used = {call for route in _routes(app) for call in _calls(route.dependant)}
    assert deps.load_narration in used and deps.links_of in used
    # Every dependency a route uses is one of those, or reads the database (a function).
    blocking = {c.__name__ for c in used - pure if not inspect.iscoroutinefunction(c)}
    assert blocking <= {"load_narration"}, blocking
