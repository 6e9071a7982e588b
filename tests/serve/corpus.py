"""Helpers shared by the serve and report tests: a coded store, a server, a browser.

The store is the bundled ``examples/`` plus one malicious article, coded by the real
pipeline once per test session (both folders find it by path in the session's temp dir):
a copy of the session's coded examples (``examples_store``) to which a run adds the article.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from dyadwatch.config import ServeSettings, Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
MALICIOUS = (
    f"date 2023-10-05\nRussia accused Ukraine of {SCRIPT} attacks near {IMG} the border,"
    " the Kremlin said on Wednesday.\n"
)
MAX_RESULTS = 50


def coded_store(tmp_path_factory: pytest.TempPathFactory, examples: Path) -> Path:
    """Return the session's store of the coded examples plus the malicious article.

    ``examples`` is the session's store of the coded examples; a copy of it gets the
    malicious article from a second run, as ``dyadwatch run`` adds a folder to a store.
    """
    folder = tmp_path_factory.getbasetemp() / "dyadwatch-corpus"
    db = folder / "corpus.duckdb"
    if db.exists():
        return db
    from dyadwatch.extract.coder import CODER_VERSION
    from dyadwatch.extract.stage import CodeStage
    from dyadwatch.runner import run_pipeline

    folder.mkdir(parents=True, exist_ok=True)
    evil = folder / "evil" / "2023-10-05-malicious.txt"
    evil.parent.mkdir()
    evil.write_text(MALICIOUS, encoding="utf-8")
    shutil.copyfile(examples, db)
    settings = Settings(db=str(db))
    run_pipeline(
        [EXAMPLES, evil.parent],
        settings=settings,
        stage=CodeStage(settings.coder),
        coder_version=CODER_VERSION,
    )
    return db


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(
    db: Path, *, serve: ServeSettings | None = None, app: Any = None
) -> Iterator[str]:
    """Run the real dashboard (uvicorn, as ``dyadwatch serve`` configures it) in a thread.

    Yield its base URL. ``serve`` overrides the serve settings (the port is always a free
    one); ``app`` replaces the dashboard app (a ``Guard`` over a test app).
    """
    import dataclasses

    import uvicorn

    from dyadwatch.serve import create_app, server_config

    section = serve or ServeSettings(max_results=MAX_RESULTS)
    settings = Settings(db=str(db), serve=dataclasses.replace(section, port=free_port()))
    server = uvicorn.Server(server_config(app or create_app(settings), settings))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the dashboard did not start within 30 s"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{settings.serve.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium() -> Iterator[Any]:
    """Launch Debian's headless Chromium through Playwright; fail (not skip) without it."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `apt-get install chromium` (`make test` installs it)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def fail_on_dialog(dialog: Any) -> None:
    """A page's dialog handler: any alert, confirm or prompt is an injected script."""
    message = dialog.message
    dialog.dismiss()
    pytest.fail(f"a dialog opened ({message!r}): article text ran as script")
