"""The documented surfaces match the code: CLI commands, settings, the docs index, set-up."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from dyadwatch.cli import cli
from dyadwatch.config import setting_names

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"


def _walk(command: click.Command, path: str) -> list[tuple[str, click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            found.extend(_walk(sub, f"{path} {name}"))
    return found


COMMANDS = _walk(cli, "dyadwatch")
CLI_SECTIONS = re.findall(r"^## `(dyadwatch[^`]*)`$", (DOCS / "cli.md").read_text("utf-8"), re.M)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[path for path, _ in COMMANDS])
def test_docs_command_help_has_an_example(path, command):
    help_text = command.help or ""
    example = help_text.partition("Example:")[2]
    assert command.get_short_help_str().strip(), f"{path} has no help text"
    assert re.search(rf"^\s+{re.escape(path)}\b", example, re.M), f"{path}: no example"


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS])
def test_docs_command_has_a_cli_section(path):
    assert path in CLI_SECTIONS


def test_docs_cli_sections_name_only_real_commands():
    assert sorted(CLI_SECTIONS) == sorted(path for path, _ in COMMANDS)


@pytest.mark.parametrize("name", setting_names())
def test_docs_setting_is_documented(name):
    assert f"`{name}`" in (DOCS / "settings.md").read_text("utf-8")


def test_docs_mention_count_mentions_meaning():
    text = " ".join((DOCS / "settings.md").read_text("utf-8").split())
    assert "counts once for all the articles that tell it" in text
    assert "every article's mention counts" in text


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md") if p.name != "index.md"))
def test_docs_page_is_linked_from_the_index(page):
    assert f"]({page})" in (DOCS / "index.md").read_text("utf-8")


def test_docs_index_links_only_existing_pages():
    links = re.findall(r"\]\(([^)#]+\.md)\)", (DOCS / "index.md").read_text("utf-8"))
    assert links
    assert [link for link in links if not (DOCS / link).is_file()] == []


def _setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.partition("## Set up")[2].partition("\n## ")[0]
    block = section.partition("```bash\n")[2].partition("```")[0]
    return [line.partition("#")[0].strip() for line in block.splitlines() if line.strip()]


def test_docs_readme_sets_up_with_make_demo_and_make_test():
    assert _setup_commands() == ["make demo", "make test"]


@pytest.mark.parametrize("target", ["demo", "test"])
def test_docs_readme_make_target_exists(target):
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(rf"^{target}:", makefile, re.M)


def test_docs_ci_runs_make_test():
    script = (ROOT / ".ci" / "run").read_text("utf-8")
    commands = [line.strip() for line in script.splitlines() if not line.startswith("#")]
    assert "make test" in commands
