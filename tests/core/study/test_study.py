"""Study data: persistence, atomic saves, merging two instances, damage and content changes."""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
import random
import signal
import time
from pathlib import Path

import pytest

from briefing_tui.core.config import atomic as atomic_module
from briefing_tui.core.content.loader import load_briefing
from briefing_tui.core.content.model import Briefing
from briefing_tui.core.study import store as study_module
from briefing_tui.core.study.scoring import Weighting
from briefing_tui.core.study.store import (
    STUDY_FORMAT,
    StudyError,
    StudyStore,
    content_items,
    event_key,
    question_key,
    section_hash,
)

posix_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


def briefing_toml(sections: dict[str, str], extra: str = "") -> str:
    parts = ['format = 1\n[briefing]\nid = "study-test"\ntitle = "Study test"\n']
    for section_id, body in sections.items():
        parts.append(
            f'[[sections]]\nid = "{section_id}"\ntitle = "About {section_id}"\nbody = "{body}"\n'
        )
    parts.append(extra)
    return "\n".join(parts)


EXTRA = """
[[scoreboards]]
id = "board"
title = "Worth it?"
[[scoreboards.arguments]]
id = "gain"
side = "pro"
claim = "It pays."
weight = 2

[[timeline]]
date = "2023-09-13"
title = "Summit"

[[glossary]]
term = "Pariah state"
definition = "Shunned."

[[questions]]
prompt = "Why?"
answer = "Because."
"""


@pytest.fixture
def briefing(tmp_path: Path) -> Briefing:
    path = tmp_path / "briefing.toml"
    path.write_text(briefing_toml({"one": "First.", "two": "Second."}, EXTRA), encoding="utf-8")
    return load_briefing(path)


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    return tmp_path / "study"


def tree(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


def test_default_location_honours_xdg_data_home(briefing: Briefing) -> None:
    store = StudyStore(briefing)
    expected = Path(os.environ["XDG_DATA_HOME"]) / "briefing-tui" / "study" / "study-test.json"
    assert store.path == expected
    store.set_note("section:one", "hello")
    store.save()
    assert expected.is_file()


def test_everything_round_trips(briefing: Briefing, directory: Path) -> None:
    store = StudyStore(briefing, directory=directory)
    argument = briefing.scoreboards[0].arguments[0]
    weighting = Weighting().reweight(argument, 2).toggle("gain")
    question = question_key(briefing.questions[0])
    store.set_note("section:one", "a note\nwith two lines")
    store.set_bookmark("actor:nobody", True)
    store.set_bookmark("section:two", True)
    store.mark_read(briefing.sections[0])
    store.set_position("section", "two")
    store.set_weighting("board", weighting)
    store.record_answer(question, correct=True)
    store.record_answer(question, correct=False)
    assert store.dirty
    store.save()
    assert not store.dirty

    again = StudyStore(briefing, directory=directory)
    assert again.messages == []
    assert again.note("section:one") == "a note\nwith two lines"
    assert again.bookmarks == ["actor:nobody", "section:two"]
    assert again.section_status(briefing.sections[0]) == "read"
    assert again.section_status(briefing.sections[1]) == "unread"
    assert again.read_count == 1
    assert (again.position.view, again.position.item) == ("section", "two")
    assert again.weighting("board") == weighting
    result = again.quiz_result(question)
    assert (result.right, result.wrong, result.last_correct) == (1, 1, False)

    saved = json.loads(again.path.read_text(encoding="utf-8"))
    assert saved["version"] == STUDY_FORMAT
    assert saved["briefing"] == "study-test"
    assert saved["content_hash"] == briefing.content_hash


def test_odd_keys_and_text_survive_a_save(briefing: Briefing, directory: Path) -> None:
    store = StudyStore(briefing, directory=directory)
    long_key = "term:" + "x" * 500
    store.set_note(long_key, "on a long term")
    store.set_note("section:one", "lone surrogate \udc80 and escape \x1b[31m")
    store.save()
    again = StudyStore(briefing, directory=directory)
    assert again.messages == []
    assert again.note(long_key) == "on a long term"
    assert again.note("section:one") == "lone surrogate ? and escape \x1b[31m"


def test_removing_things_and_no_op_changes(briefing: Briefing, directory: Path) -> None:
    store = StudyStore(briefing, directory=directory)
    store.set_note("section:one", "x")
    store.set_weighting("board", Weighting().toggle("gain"))
    store.save()
    store.set_note("section:one", "   ")
    store.set_weighting("board", Weighting())
    assert store.toggle_bookmark("section:one") is True
    assert store.toggle_bookmark("section:one") is False
    store.save()
    again = StudyStore(briefing, directory=directory)
    assert again.notes == {}
    assert again.weighting("board").is_default
    assert again.bookmarks == []
    again.set_note("section:two", "")
    again.mark_unread("two")
    assert not again.dirty


def test_save_without_changes_writes_nothing(briefing: Briefing, directory: Path) -> None:
    store = StudyStore(briefing, directory=directory)
    store.save()
    assert not store.path.exists()


def test_two_instances_keep_each_others_notes(briefing: Briefing, directory: Path) -> None:
    first = StudyStore(briefing, directory=directory)
    second = StudyStore(briefing, directory=directory)
    first.set_note("section:one", "from the first")
    second.set_note("section:two", "from the second")
    second.set_bookmark("section:two", True)
    first.save()
    second.save()
    assert second.note("section:one") == "from the first"
    fresh = StudyStore(briefing, directory=directory)
    assert fresh.note("section:one") == "from the first"
    assert fresh.note("section:two") == "from the second"
    assert fresh.bookmarks == ["section:two"]


def test_same_note_edited_twice_the_later_save_wins(briefing: Briefing, directory: Path) -> None:
    first = StudyStore(briefing, directory=directory)
    second = StudyStore(briefing, directory=directory)
    first.set_note("section:one", "first's words")
    second.set_note("section:one", "second's words")
    second.save()
    first.save()
    assert StudyStore(briefing, directory=directory).note("section:one") == "first's words"


def test_a_deletion_merges_and_untouched_items_survive(briefing: Briefing, directory: Path) -> None:
    setup = StudyStore(briefing, directory=directory)
    setup.set_note("section:one", "keep me")
    setup.set_note("section:two", "delete me")
    setup.save()
    first = StudyStore(briefing, directory=directory)
    second = StudyStore(briefing, directory=directory)
    first.set_note("section:two", "")
    second.set_position("section", "one")
    first.save()
    second.save()
    fresh = StudyStore(briefing, directory=directory)
    assert dict(fresh.notes).keys() == {"section:one"}
    assert fresh.position.item == "one"


@posix_only
def test_two_processes_saving_at_once_lose_no_note(briefing: Briefing, directory: Path) -> None:
    StudyStore(briefing, directory=directory)  # create the folder before the race
    children = []
    for name in ("a", "b"):
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                store = StudyStore(briefing, directory=directory)
                for number in range(150):
                    store.set_note(f"section:{name}{number}", f"{name} {number}")
                    store.save()
                status = 0
            finally:
                os._exit(status)
        children.append(pid)
    for pid in children:
        assert os.waitpid(pid, 0)[1] == 0
    notes = StudyStore(briefing, directory=directory).notes
    assert len(notes) == 300


@posix_only
def test_sigkill_mid_save_always_leaves_the_old_or_the_new_state(
    briefing: Briefing, directory: Path
) -> None:
    """Kill a writer of large states 50 times, mostly inside a save; the file always loads."""
    rng = random.Random(7)
    notes = 1500
    generation = 0  # the generation the file holds
    strays = 0
    StudyStore(briefing, directory=directory)
    for _ in range(50):
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(reader)

                def slow_fsync(descriptor: int, pipe: int = writer, real=os.fsync) -> None:
                    # Tell the parent a save is under way; a slow disk keeps it there a while.
                    os.write(pipe, b"F\n")
                    time.sleep(0.002)
                    real(descriptor)

                os.fsync = slow_fsync
                store = StudyStore(briefing, directory=directory)
                current = int(store.note("section:generation") or 0)
                while True:
                    current += 1
                    for number in range(notes):
                        store.set_note(f"section:n{number}", f"{current} " + "x" * 100)
                    store.set_note("section:generation", str(current))
                    store.save()
                    os.write(writer, f"G{current}\n".encode())
            finally:
                os._exit(0)
        os.close(writer)
        saves_to_wait = rng.randint(1, 3)
        received = b""
        while received.count(b"F") < saves_to_wait:
            received += os.read(reader, 4096)
        time.sleep(rng.uniform(0, 0.004))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        while chunk := os.read(reader, 4096):
            received += chunk
        os.close(reader)
        completed = [int(line[1:]) for line in received.split() if line.startswith(b"G")]
        last_completed = completed[-1] if completed else generation
        strays += len(list(directory.glob(".*.tmp")))

        store = StudyStore(briefing, directory=directory, read_only=True)
        assert store.messages == []
        held = int(store.note("section:generation"))
        assert held in (last_completed, last_completed + 1)
        assert {
            note.text.split()[0] for key, note in store.notes.items() if key != "section:generation"
        } == {str(held)}
        assert len(store.notes) == notes + 1
        generation = held
    # The kills did land inside saves, and a new writer removes what they left.
    assert strays > 0
    StudyStore(briefing, directory=directory)
    assert list(directory.glob(".*.tmp")) == []


def test_stray_temp_files_are_removed_on_start(briefing: Briefing, directory: Path) -> None:
    directory.mkdir()
    stray = directory / ".study-test.json.abc123.tmp"
    stray.write_text("half a save")
    StudyStore(briefing, directory=directory)
    assert not stray.exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{ this is not json", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b"[]", "not a JSON object"),
        (b'{"version": 1, "briefing": "study-test", "notes": 3}', "notes"),
        (b'{"version": 1, "briefing": "study-test", "colour": "red"}', "colour"),
        (b'{"version": 1, "briefing": "another"}', "belongs to briefing 'another'"),
        (b"", "not valid JSON"),
    ],
)
def test_a_damaged_file_is_moved_aside_and_data_starts_afresh(
    briefing: Briefing, directory: Path, content: bytes, reason: str
) -> None:
    directory.mkdir()
    path = directory / "study-test.json"
    path.write_bytes(content)
    store = StudyStore(briefing, directory=directory)
    assert store.notes == {}
    (aside,) = directory.glob("study-test.json.*.corrupt")
    assert aside.read_bytes() == content
    assert not path.exists()
    (message,) = store.messages
    assert reason in message
    assert aside.name in message
    store.set_note("section:one", "new")
    store.save()
    assert StudyStore(briefing, directory=directory).note("section:one") == "new"


def test_message_about_a_damaged_file_is_neutralised(briefing: Briefing, directory: Path) -> None:
    directory.mkdir()
    (directory / "study-test.json").write_text(
        '{"version": 1, "briefing": "\\u001b]52;c;x\\u0007"}'
    )
    (message,) = StudyStore(briefing, directory=directory).messages
    assert "\x1b" not in message
    assert "\x07" not in message


def test_a_file_damaged_between_saves_keeps_this_instances_data(
    briefing: Briefing, directory: Path
) -> None:
    store = StudyStore(briefing, directory=directory)
    store.set_note("section:one", "one")
    store.save()
    store.path.write_text("garbage")
    store.set_note("section:two", "two")
    store.save()
    assert any("moved aside" in message for message in store.messages)
    fresh = StudyStore(briefing, directory=directory)
    assert (fresh.note("section:one"), fresh.note("section:two")) == ("one", "two")


def test_a_newer_format_is_left_alone(briefing: Briefing, directory: Path) -> None:
    directory.mkdir()
    path = directory / "study-test.json"
    newer = b'{"version": 3, "briefing": "study-test", "something": "new"}'
    path.write_bytes(newer)
    store = StudyStore(briefing, directory=directory)
    assert "newer" in store.messages[0]
    store.set_note("section:one", "x")
    assert not store.dirty
    store.save()
    assert path.read_bytes() == newer
    assert list(directory.glob("*.corrupt")) == []


def test_take_messages_empties_the_list(briefing: Briefing, directory: Path) -> None:
    directory.mkdir()
    (directory / "study-test.json").write_text("nope")
    store = StudyStore(briefing, directory=directory)
    assert len(store.take_messages()) == 1
    assert store.take_messages() == []


def test_read_only_writes_nothing_at_all(briefing: Briefing, tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    before = tree(root)
    store = StudyStore(briefing, directory=root / "study", read_only=True)
    store.set_note("section:one", "not saved")
    store.set_bookmark("section:one", True)
    store.mark_read(briefing.sections[0])
    store.set_position("section", "one")
    store.save()
    assert store.note("section:one") == "not saved"
    assert tree(root) == before == []


def test_read_only_reads_but_leaves_a_damaged_file_where_it_is(
    briefing: Briefing, directory: Path
) -> None:
    writer = StudyStore(briefing, directory=directory)
    writer.set_note("section:one", "saved")
    writer.save()
    before = {path: path.read_bytes() for path in directory.iterdir()}
    reader = StudyStore(briefing, directory=directory, read_only=True)
    assert reader.note("section:one") == "saved"
    reader.set_note("section:one", "changed")
    reader.save()
    assert {path: path.read_bytes() for path in directory.iterdir()} == before

    writer.path.write_text("damaged")
    reader = StudyStore(briefing, directory=directory, read_only=True)
    assert reader.messages
    assert "left as it is" in reader.messages[0]
    assert writer.path.read_text() == "damaged"
    assert list(directory.glob("*.corrupt")) == []


def test_default_read_only_store_creates_no_folder(briefing: Briefing) -> None:
    data_home = Path(os.environ["XDG_DATA_HOME"])
    before = tree(data_home)
    StudyStore(briefing, read_only=True).save()
    assert tree(data_home) == before


def test_content_changes_orphan_notes_and_flag_updated_sections(
    tmp_path: Path, directory: Path
) -> None:
    path = tmp_path / "briefing.toml"
    path.write_text(
        briefing_toml({"one": "First.", "two": "Second.", "three": "Third."}),
        encoding="utf-8",
    )
    old = load_briefing(path)
    store = StudyStore(old, directory=directory)
    for section in old.sections:
        store.mark_read(section)
        store.set_note(f"section:{section.id}", f"note on {section.id}")
    store.save()

    path.write_text(briefing_toml({"one": "First.", "two": "Second, rewritten."}), encoding="utf-8")
    new = load_briefing(path)
    store = StudyStore(new, directory=directory)
    assert store.content_changed
    assert store.section_status(new.sections_by_id["one"]) == "read"
    assert store.section_status(new.sections_by_id["two"]) == "updated"
    assert [section.id for section in store.updated_sections()] == ["two"]
    assert list(store.orphaned_notes()) == ["section:three"]
    assert len(store.notes) == 3

    store.mark_read(new.sections_by_id["two"])
    store.save()
    store = StudyStore(new, directory=directory)
    assert store.section_status(new.sections_by_id["two"]) == "read"
    assert not store.content_changed
    assert store.note("section:three") == "note on three"


def test_a_note_keeps_its_item_s_title_to_name_it_once_the_item_is_gone(
    tmp_path: Path, directory: Path
) -> None:
    path = tmp_path / "briefing.toml"
    path.write_text(briefing_toml({"one": "First.", "three": "Third."}), encoding="utf-8")
    old = load_briefing(path)
    store = StudyStore(old, directory=directory)
    store.set_note("section:three", "note on three")
    store.save()
    saved = json.loads(store.path.read_text(encoding="utf-8"))
    assert saved["notes"]["section:three"]["title"] == "About three"

    path.write_text(briefing_toml({"one": "First."}), encoding="utf-8")
    store = StudyStore(load_briefing(path), directory=directory)
    assert list(store.orphaned_notes()) == ["section:three"]
    assert store.note_title("section:three") == "About three"
    assert store.note_title("section:one") == "About one"


def test_notes_saved_before_titles_were_kept_get_their_title(
    briefing: Briefing, directory: Path
) -> None:
    store = StudyStore(briefing, directory=directory)
    store.set_note("section:one", "an old note")
    store.save()
    saved = json.loads(store.path.read_text(encoding="utf-8"))
    del saved["notes"]["section:one"]["title"]
    saved["notes"]["section:gone"] = {"text": "older still", "updated": "2025-01-01T00:00:00Z"}
    store.path.write_text(json.dumps(saved), encoding="utf-8")

    store = StudyStore(briefing, directory=directory)
    assert store.messages == []
    assert store.note_title("section:one") == "About one"
    assert store.note_title("section:gone") == ""
    store.save()
    saved = json.loads(store.path.read_text(encoding="utf-8"))
    assert saved["notes"]["section:one"]["title"] == "About one"
    assert saved["notes"]["section:gone"].get("title", "") == ""


def test_content_items_cover_every_kind(briefing: Briefing) -> None:
    items = content_items(briefing)
    assert {
        "section:one",
        "section:two",
        "scoreboard:board",
        "argument:board/gain",
        "term:pariah state",
        event_key(briefing.timeline[0]),
        question_key(briefing.questions[0]),
    } <= items.keys()
    assert event_key(briefing.timeline[0]).startswith("event:")


def test_section_hash_follows_what_the_reader_reads(briefing: Briefing) -> None:
    section = briefing.sections[0]
    assert section_hash(section) == section_hash(dataclasses.replace(section))
    assert section_hash(section) != section_hash(dataclasses.replace(section, body="Other."))
    assert section_hash(section) != section_hash(dataclasses.replace(section, key_points=("x",)))


def test_an_unwritable_folder_is_reported_and_nothing_is_saved(
    briefing: Briefing, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    store = StudyStore(briefing, directory=blocker / "study")
    assert "cannot be saved" in store.messages[0]
    store.set_note("section:one", "kept in memory")
    assert not store.dirty
    store.save()
    assert store.note("section:one") == "kept in memory"


def test_a_failed_write_raises_and_keeps_the_changes_pending(
    briefing: Briefing, directory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = StudyStore(briefing, directory=directory)
    store.set_note("section:one", "pending")

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_module.tempfile, "mkstemp", full_disk)
    with pytest.raises(StudyError, match="No space left"):
        store.save()
    assert store.dirty
    monkeypatch.undo()
    store.save()
    assert StudyStore(briefing, directory=directory).note("section:one") == "pending"


@posix_only
def test_a_held_lock_times_out_with_an_error(
    briefing: Briefing, directory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = StudyStore(briefing, directory=directory)
    monkeypatch.setattr(study_module, "LOCK_TIMEOUT", 0.05)
    store.set_note("section:one", "x")
    with open(store.lock_path, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(StudyError, match="locked"):
            store.save()
    store.save()
    assert not store.dirty


# -- untrusted study files (issue 15): keys, times, folders, sizes ------------------


def write_study(directory: Path, **collections: object) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "study-test.json"
    data = {"version": 1, "briefing": "study-test", **collections}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def note(text: str) -> dict[str, str]:
    return {"text": text, "updated": "2024-01-01T00:00:00Z"}


def test_study_keys_follow_the_key_grammar_and_a_bad_one_costs_only_its_item(
    briefing: Briefing, directory: Path
) -> None:
    path = write_study(
        directory,
        notes={
            "section:one": note("kept"),
            "term:pariah state": note("kept too"),
            "section:x\x1b]52;c;aGk=\x07": note("escape in the key"),
            "nonsense": note("no kind"),
            "section:" + "a" * 65: note("id too long"),
        },
        quiz={
            "question:not-a-hash": {
                "right": 1,
                "wrong": 0,
                "last_correct": True,
                "last_answered": "2024-01-01T00:00:00Z",
            }
        },
    )
    original = path.read_bytes()
    store = StudyStore(briefing, directory=directory)
    assert dict(store.notes).keys() == {"section:one", "term:pariah state"}
    assert store.quiz_result("question:not-a-hash") is None
    [message] = store.messages
    assert "4 items" in message
    assert "\x1b" not in message
    # Nothing lost: the file as it was is kept beside the new one.
    [kept] = directory.glob("study-test.json.*.skipped")
    assert kept.read_bytes() == original
    store.set_note("section:two", "new")
    store.save()
    again = StudyStore(briefing, directory=directory)
    assert again.messages == []
    assert again.note("section:one") == "kept"


def test_a_time_without_a_timezone_costs_only_its_item(briefing: Briefing, directory: Path) -> None:
    write_study(
        directory,
        bookmarks={"section:one": "2024-01-01T00:00:00", "section:two": "2024-01-02T00:00:00Z"},
        notes={"section:one": {"text": "naive", "updated": "2024-01-01T10:00:00"}},
    )
    store = StudyStore(briefing, directory=directory)
    assert store.bookmarks == ["section:two"]
    assert store.note("section:one") == ""
    assert "timezone" in store.messages[0]
    store.set_bookmark("section:one", True)  # crashed comparing naive and aware times
    assert store.bookmarks == ["section:two", "section:one"]


def test_a_folder_that_cannot_be_written_still_shows_what_was_saved(
    briefing: Briefing, directory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = StudyStore(briefing, directory=directory)
    writer.set_note("section:one", "saved earlier")
    writer.save()

    def read_only_folder(self: StudyStore) -> None:
        raise PermissionError(13, "Permission denied", str(self.lock_path))

    monkeypatch.setattr(StudyStore, "_locked", read_only_folder)
    store = StudyStore(briefing, directory=directory)
    assert store.note("section:one") == "saved earlier"
    [message] = store.messages
    assert "1 note" in message
    assert "cannot be saved" in message


@posix_only
def test_a_held_lock_at_start_still_shows_what_was_saved(
    briefing: Briefing, directory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = StudyStore(briefing, directory=directory)
    writer.set_note("section:one", "saved earlier")
    writer.save()
    monkeypatch.setattr(study_module, "LOCK_TIMEOUT", 0.05)
    with open(writer.lock_path, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        store = StudyStore(briefing, directory=directory)
    assert store.note("section:one") == "saved earlier"
    assert "locked" in store.messages[0]


def test_an_edit_that_would_outgrow_the_file_is_refused_not_the_file(
    briefing: Briefing, directory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(study_module, "MAX_STUDY_BYTES", 20_000)
    store = StudyStore(briefing, directory=directory)
    with pytest.raises(StudyError, match="too long"):
        store.set_note("section:one", "x" * (study_module.MAX_NOTE_CHARACTERS + 1))
    refusals: list[str] = []
    for number in range(40):
        try:
            store.set_note(f"section:gone-{number}", "y" * 1_000)
        except StudyError as error:
            refusals.append(str(error))
    refused = len(refusals)
    assert refused
    assert all("full" in refusal for refusal in refusals)
    store.save()
    again = StudyStore(briefing, directory=directory)
    assert again.messages == []
    assert len(again.notes) == 40 - refused


def test_export_says_when_the_study_file_is_newer(
    briefing: Briefing, directory: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from briefing_tui import cli

    data_study = Path(os.environ["XDG_DATA_HOME"]) / "briefing-tui" / "study"
    write_study(data_study, version=STUDY_FORMAT + 1)
    source = directory.parent / "briefing.toml"
    assert cli.main(["export", str(source), "--format", "md", "--with-notes"]) == 0
    assert "newer" in capsys.readouterr().err


def test_flashcard_results_are_kept_without_a_complaint(
    briefing: Briefing, directory: Path
) -> None:
    term = briefing.glossary[0]
    store = StudyStore(briefing, directory=directory)
    store.record_answer(f"term:{term.slug}", correct=True)
    store.save()
    again = StudyStore(briefing, directory=directory)
    assert again.messages == []
    result = again.quiz_result(f"term:{term.slug}")
    assert result is not None
    assert (result.right, result.wrong, result.last_correct) == (1, 0, True)
