"""What the built-in SSH server takes from its options and from a client: checked, bounded."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from briefing_tui.core.present.ssh_access import (
    MAX_COLUMNS,
    MAX_ROWS,
    ColourDepth,
    ListenAddress,
    SshOptionError,
    TerminalProfile,
    bounded_size,
    code_matches,
    fingerprint_of_public_key,
    known_fingerprint,
    new_join_code,
    parse_listen_address,
    size_class,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2222", ListenAddress("127.0.0.1", 2222)),
        ("0.0.0.0:2222", ListenAddress("0.0.0.0", 2222)),
        ("127.0.0.2:22", ListenAddress("127.0.0.2", 22)),
        ("[::1]:2222", ListenAddress("::1", 2222)),
    ],
)
def test_a_port_alone_listens_on_this_machine_only(value: str, expected: ListenAddress) -> None:
    assert parse_listen_address(value) == expected


@pytest.mark.parametrize("value", ["", "0", "70000", "x", "host:22", "1.2.3.4:", ":22a", "٢٢"])
def test_a_bad_address_is_refused_in_words(value: str) -> None:
    with pytest.raises(SshOptionError):
        parse_listen_address(value)


def test_join_codes_are_six_digits_new_each_time() -> None:
    codes = {new_join_code() for _ in range(50)}
    assert all(len(code) == 6 and code.isdigit() for code in codes)
    assert len(codes) > 40


def test_a_join_code_forgives_spaces_and_dashes_only() -> None:
    assert code_matches("123456", "123456")
    assert code_matches(" 123-456 ", "123456")
    assert not code_matches("123457", "123456")
    assert not code_matches("", "123456")
    assert not code_matches("1" * 100_000, "123456")


def test_the_fingerprint_is_the_one_ssh_keygen_shows(tmp_path: Path) -> None:
    blob = b"\x00\x00\x00\x0bssh-ed25519" + bytes(36)
    line = f"ssh-ed25519 {base64.b64encode(blob).decode()} comment\n"
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
    assert fingerprint_of_public_key(line) == f"SHA256:{digest}"
    assert fingerprint_of_public_key("ssh-ed25519 not-base64!") is None
    key = tmp_path / "ssh_host_ed25519_key"
    assert known_fingerprint(key) is None
    key.with_suffix(".pub").write_text(line, encoding="ascii")
    assert known_fingerprint(key) == f"SHA256:{digest}"


@pytest.mark.parametrize(
    ("term", "environment", "depth"),
    [
        ("xterm-256color", {"COLORTERM": "truecolor"}, ColourDepth.TRUECOLOR),
        ("xterm-256color", {"COLORTERM": "24bit"}, ColourDepth.TRUECOLOR),
        ("xterm-256color", {}, ColourDepth.EIGHT_BIT),
        ("xterm", {"COLORTERM": "yes please"}, ColourDepth.STANDARD),
        ("linux", {}, ColourDepth.STANDARD),
    ],
)
def test_colour_depth_comes_from_term_and_colorterm(
    term: str, environment: dict[str, str], depth: ColourDepth
) -> None:
    assert TerminalProfile.from_client(term, environment).depth is depth


def test_a_clients_terminal_type_and_language_are_checked_before_use() -> None:
    hostile = TerminalProfile.from_client(
        "xterm\x1b]52;c;aGk=\x07", {"LANG": "$(reboot)", "COLORTERM": "\x1b[c"}
    )
    assert hostile.environment() == {"TERM": "xterm-256color", "LANG": "C.UTF-8"}
    fine = TerminalProfile.from_client("screen-256color", {"LANG": "de_DE.UTF-8"})
    assert fine.environment() == {"TERM": "screen-256color", "LANG": "de_DE.UTF-8"}
    assert TerminalProfile.from_client("x" * 65, {}).term == "xterm-256color"


def test_window_sizes_are_bounded_and_snapped_to_shared_classes() -> None:
    assert bounded_size(2**32 - 1, 2**32 - 1) == (MAX_COLUMNS, MAX_ROWS)
    assert size_class(80, 24) == (80, 24)
    assert size_class(90, 28) == (80, 24)
    assert size_class(120, 40) == (120, 40)
    assert size_class(MAX_COLUMNS, MAX_ROWS) == (200, 50)
    assert size_class(39, 24) is None
    assert size_class(80, 11) is None
