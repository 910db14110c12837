"""``briefing present --ssh``: options checked before anything starts, asyncssh only when used."""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
from pathlib import Path

import pytest

from briefing_tui import cli
from briefing_tui.core.config.resources import default_briefing_path
from tests.fresh_python import run_code
from tests.harness import TerminalSession

BUNDLED = str(default_briefing_path())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ssh", "2222"], "--ssh needs --share NAME"),
        (["--share", "talk", "--ssh-open"], "--ssh-open needs --ssh"),
        (["--share", "talk", "--ssh", "2222", "--ssh-open", "--ssh-keys", "{keys}"], "together"),
        (["--share", "talk", "--ssh", "2222", "--ssh-keys", "{missing}"], "no such"),
    ],
)
def test_ssh_options_that_cannot_work_are_one_line_and_exit_2(
    args: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    keys = tmp_path / "keys"
    keys.write_text("", encoding="ascii")
    filled = [arg.format(keys=keys, missing=tmp_path / "missing") for arg in args]
    assert cli.main(["present", BUNDLED, *filled]) == 2
    error = capsys.readouterr().err
    assert message in error
    assert len(error.strip().splitlines()) == 1, error


@pytest.mark.parametrize("address", ["99999", "example.org:2222", "2222x"])
def test_a_bad_ssh_address_is_a_usage_error(
    address: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["present", BUNDLED, "--share", "talk", "--ssh", address]) == 2
    assert "--ssh" in capsys.readouterr().err


def test_present_help_says_where_the_host_key_is_and_how_to_check_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["present", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--ssh [ADDR:]PORT" in text
    assert "ssh_host_ed25519_key" in text
    assert "fingerprint is printed when the server starts" in text


def test_presenting_without_ssh_never_imports_asyncssh() -> None:
    # asyncssh costs ~130 ms at import and prints warnings: only --ssh may pay.
    code = f"""
        import sys
        from briefing_tui import cli
        from briefing_tui.ui.present_app import PresentApp

        async def no_app(self, *args, **kwargs):
            return None

        PresentApp.run_async = no_app
        cli._is_terminal = lambda: True
        assert cli.main(["present", {BUNDLED!r}, "--share", "no-ssh-import"]) == 0
        assert cli.main(["present", "--help"]) == 0
        assert "asyncssh" not in sys.modules, "asyncssh was imported"
        assert "cryptography" not in sys.modules, "cryptography was imported"
        """
    result = run_code(code)
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr


def test_a_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    runtime = Path(tempfile.mkdtemp(prefix="bt-", dir="/tmp"))
    env = {
        **os.environ,
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    try:
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            argv = [sys.executable, "-m", "briefing_tui", "present", BUNDLED]
            with TerminalSession([*argv, "--share", "busy", "--ssh", str(port)], env=env) as term:
                assert term.process.wait(60) == 2
                text = term.text().strip()
        assert f"cannot serve over SSH: cannot listen on 127.0.0.1:{port}" in text
        assert "address already in use" in text
        assert "Traceback" not in term.output.decode(errors="replace")
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
