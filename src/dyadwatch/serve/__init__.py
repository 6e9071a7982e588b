"""The serve stage: a read-only dashboard over ``analyze/``, every page with a JSON twin."""

from __future__ import annotations

from dyadwatch.serve.app import allowed_hosts, check_host, create_app
from dyadwatch.serve.server import serve, server_config

__all__ = ["allowed_hosts", "check_host", "create_app", "serve", "server_config"]
