"""Page rendering for the dashboard: the Jinja environment over the shared templates.

The templates in ``serve/templates/`` are shared with the HTML report, which loads them
as package data; autoescape is on for every template, and JSON data blocks are encoded
with ``analyze.jsonable`` and escaped by Jinja's ``tojson`` (``<``, ``>``, ``&``, ``'``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2

from dyadwatch.analyze import jsonable

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"

NAV = (("/", "Overview"), ("/signals", "Signals"), ("/network", "Network"), ("/events", "Events"))


def pair_href(pair: Sequence[str]) -> str:
    """Return the dashboard URL of a pair's page."""
    return f"/pair/{pair[0]}/{pair[1]}"


@functools.cache
def environment() -> jinja2.Environment:
    """Return the dashboard's Jinja environment (autoescaped, strict about undefined names)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "default": jsonable}
    env.globals |= {"offline": False, "home": "/", "nav": NAV, "pair_href": pair_href}
    return env


def render(template: str, **context: Any) -> str:
    """Render one dashboard template."""
    return environment().get_template(template).render(**context)


def dumps(data: Any) -> str:
    """Return ``data`` as the JSON a twin serves (records via ``analyze.jsonable``)."""
    return json.dumps(data, default=jsonable, sort_keys=True, ensure_ascii=False)
