"""The serve stage: a read-only dashboard over ``analyze/``, every page with a JSON twin."""

from __future__ import annotations

from dyadwatch.serve.app import check_host, create_app, serve

__all__ = ["check_host", "create_app", "serve"]
