"""Which engines a worker process loads before its first task."""

from __future__ import annotations

import subprocess
import sys

import pytest

from narrator import warm
from narrator.speech import piper
from tests.helpers.processes import ROOT, product_env

needs_piper = pytest.mark.skipif(not piper.available(), reason="the neural extra is not installed")

# In a process of its own, as a pool process warms (espeak is made once per process).
_WARM = """
from narrator import warm
from narrator.speech import voices

warm.warm_up()
print(sorted(name for _, name in voices._engines))
"""


@needs_piper
def test_piper_is_warmed_where_it_speaks_the_default_voice() -> None:
    assert warm.warms_piper("auto")
    assert warm.warms_piper(piper.VOICE_ID)
    assert not warm.warms_piper("en-us")
    assert not warm.warms_piper("fake")


@needs_piper
@pytest.mark.slow  # a Python process that starts espeak (and piper)
@pytest.mark.parametrize(
    ("default_voice", "engines"), [("en-us", "['espeak']"), ("auto", "['espeak', 'piper']")]
)
def test_warm_up_loads_the_engines_of_the_default_voice(default_voice: str, engines: str) -> None:
    out = subprocess.run(
        [sys.executable, "-c", _WARM],
        cwd=ROOT,
        env=product_env(NARRATOR_DEFAULT_VOICE=default_voice),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert out.splitlines() == [engines], out
