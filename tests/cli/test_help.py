"""``childcare --help`` and ``childcare-server --help``: in Chinese and English, every
subcommand listed and every option described, no raw markup."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from childcare_desktop.cli import main as laptop_main
from childcare_desktop.cli.main import build_parser
from sync.server import cli as server_cli

CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{2,}\W+[A-Za-z]{2,}")  # two English words in a row
MARKUP = re.compile(r"``|:mod:|:func:|\*\*|<[a-z]+>|^\.\. ", re.MULTILINE)


def _bilingual(text: str | None) -> bool:
    """Chinese, then " / ", then the same in English."""
    chinese, _, english = (text or "").partition(" / ")
    return bool(CHINESE.search(chinese) and ENGLISH.search(english))


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def _help(capsys: pytest.CaptureFixture[str], run, *args: str) -> str:
    with pytest.raises(SystemExit) as done:
        run([*args, "--help"])
    assert done.value.code == 0
    out, _ = capsys.readouterr()
    return out


PARSERS = {
    "childcare": (build_parser, laptop_main),
    "childcare-server": (server_cli._parser, server_cli.main),
}


@pytest.mark.parametrize("program", list(PARSERS))
def test_the_overview_lists_every_subcommand_in_both_languages(
    capsys: pytest.CaptureFixture[str], program: str
) -> None:
    make, run = PARSERS[program]
    text = _help(capsys, run)
    assert not MARKUP.search(text), MARKUP.search(text)
    assert "show this help message" not in text  # argparse's English-only -h is replaced
    [commands] = [a for a in make()._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(commands.choices) > 10
    listed = {choice.dest: choice.help or "" for choice in commands._choices_actions}
    assert set(listed) == set(commands.choices)  # none without a line in the overview
    for name, described in listed.items():
        assert re.search(rf"^    {re.escape(name)}\b", text, re.MULTILINE), name
        assert _bilingual(described), name
        assert described.split(" / ")[0] in text.replace("\n", "")


@pytest.mark.parametrize("program", list(PARSERS))
def test_every_option_of_every_subcommand_is_described_in_both_languages(
    capsys: pytest.CaptureFixture[str], program: str
) -> None:
    make, run = PARSERS[program]
    parser = make()
    for name, sub in _subcommands(parser).items():
        for action in [*parser._actions, *sub._actions]:
            if isinstance(action, argparse._SubParsersAction):
                continue
            label = f"{program} {name} {'/'.join(action.option_strings) or action.dest}"
            assert action.help, label
            assert _bilingual(action.help), label
        assert _bilingual(sub.description), name
        text = _help(capsys, run, name)
        assert not MARKUP.search(text), (name, MARKUP.search(text))
        assert "show this help message" not in text


def test_the_demo_defaults_to_its_own_file_not_the_real_store(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = _help(capsys, laptop_main, "demo")
    assert "demo.db" in text and "childcare.db" not in text


def test_the_installed_server_command_shows_the_same_help() -> None:
    script = Path(sys.executable).with_name("childcare-server")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "sync.server.cli"]
    done = subprocess.run([*command, "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "县级同步服务器" in done.stdout and "the county sync server" in done.stdout
    assert "``" not in done.stdout
