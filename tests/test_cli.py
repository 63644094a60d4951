"""The `narrator` command as other tools call it: exact output forms and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
NARRATOR = [sys.executable, "-m", "narrator.cli"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NARRATOR, *args],
        input=stdin.decode() if stdin else None,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_narrate_json_contract(tmp_path: Path) -> None:
    out = tmp_path / "harbor.mp3"
    r = run(
        "narrate",
        str(FIXTURES / "harbor.txt"),
        "-o",
        str(out),
        "--voice",
        "en-us",
        "--speed",
        "1.25",
        "--json",
    )
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)  # stdout is exactly one JSON object: nothing else printed
    assert set(result) >= {
        "audio",
        "duration_s",
        "words",
        "wpm",
        "voice",
        "speed",
        "format",
        "timings",
        "captions",
    }
    assert result["format"] == "mp3" and result["voice"] == "en-us" and result["speed"] == 1.25
    assert abs(result["wpm"] / 250 - 1) < 0.05
    assert Path(result["audio"]).exists() and Path(result["timings"]).exists()
    assert Path(result["captions"]).read_text().startswith("WEBVTT")


@pytest.mark.slow
def test_narrate_from_stdin_to_ogg(tmp_path: Path) -> None:
    out = tmp_path / "a.ogg"
    r = run("narrate", "-", "-o", str(out), "--json", stdin=b"Hello there. This is a short test.")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["format"] == "ogg"


def test_extract_json_lines_in_order(tmp_path: Path) -> None:
    md = tmp_path / "b.md"
    md.write_text("# Second Story\n\nA paragraph about the second story.\n")
    r = run("extract", str(FIXTURES / "harbor.txt"), str(md), "--json")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["title"] for x in lines] == [
        "City Council Approves Harbor Cleanup Plan",
        "Second Story",
    ]
    assert lines[0]["author"] == "Maria Lopez"
    assert lines[0]["language"] == "en"
    assert lines[0]["paragraphs"][0].startswith("The city council voted 7-2")
    assert set(lines[0]) == {"title", "author", "place", "language", "paragraphs"}


def test_script_one_sentence_per_line() -> None:
    r = run("script", str(FIXTURES / "harbor.txt"))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("City Council Approves Harbor Cleanup Plan")
    assert any("forty-eight million dollar" in line for line in lines)
    assert all(line.strip() for line in lines)


def test_script_lines_one_out_per_line_in() -> None:
    text = "It cost $20.50.\n\nShe ran 5km. Then she rested.\nGov. Smith spoke.\n"
    r = run("script", "--lines", stdin=text.encode())
    assert r.returncode == 0, r.stderr
    out = r.stdout.split("\n")[:-1]
    assert len(out) == 4
    assert out[1] == ""
    assert "20 dollars and 50 cents" in out[0]
    assert "Governor" in out[3]


def test_voices_json() -> None:
    r = run("voices", "--json")
    assert r.returncode == 0, r.stderr
    voices = json.loads(r.stdout)
    ids = {v["id"] for v in voices}
    assert {"en-us", "en-gb", "fr", "piper/en_US-joe-medium"} <= ids
    assert all(set(v) == {"id", "name", "language", "gender", "engine"} for v in voices)


@pytest.mark.parametrize(
    ("args", "stdin", "needle"),
    [
        (["narrate", "/no/such/file.txt", "-o", "x.mp3"], None, "no such file"),
        (["narrate", "-", "-o", "x.mp3"], b"   \n\n  ", "empty"),
        (["narrate", "-", "-o", "x.mp3"], b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", "binary"),
        (["narrate", "-", "-o", "x.mp3", "--voice", "en-uss"], b"Hello.", "en-us"),
        (["narrate", "-", "-o", "x.mp3", "--speed", "3"], b"Hello.", "1.0 to 2.0"),
        (["narrate", "-", "-o", "x.mp3", "--speed", "fast"], b"Hello.", "number"),
        (["script", "--lines", "--lexicon", "/no/such.lex"], b"x", "lexicon"),
    ],
)
def test_errors_are_one_clear_line(
    tmp_path: Path, args: list[str], stdin: bytes | None, needle: str
) -> None:
    r = subprocess.run(
        [*NARRATOR, *args], input=stdin, capture_output=True, timeout=120, cwd=tmp_path
    )
    err = r.stderr.decode()
    assert r.returncode != 0
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert needle.lower() in err.lower(), err
    assert not (tmp_path / "x.mp3").exists()


@pytest.mark.parametrize("args", [(), ("--help",)])
def test_no_arguments_or_help_list_the_commands_with_an_example_each(args: tuple[str, ...]) -> None:
    r = run(*args)
    assert r.returncode == 0, r.stderr
    for command in ("narrate", "extract", "script", "voices", "serve", "worker"):
        assert f"    {command} " in r.stdout  # the command list
        assert f"  narrator {command} " in r.stdout  # its example
    assert "http://127.0.0.1:8000" in r.stdout
