"""The installed espeak voices under our stable ids, and the names espeak knows them by.

Built from what espeak lists (its voices and its variant files); no pyttsx3 here, so the
listing rules can be tested on plain data:

    voices = EspeakVoices.from_espeak(raw_voices, variant_identifiers)
    voices.lookup("en-us+f3")   # EspeakVoice(voice=Voice(id="en-us+f3", ...), espeak_name=...)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from narrator.speech.engine import Voice
from narrator.speech.matching import CANONICAL_IDS

# Variants listed by `narrator voices` (any installed variant is accepted when asked for).
LISTED_VARIANTS = ("en-us+f3", "en-us+m3", "en-gb+f3")


@dataclass(frozen=True)
class EspeakVoice:
    """An installed espeak voice: our stable id and the name espeak's SetVoiceByName accepts."""

    voice: Voice
    espeak_name: str


def variant(base: EspeakVoice, name: str) -> EspeakVoice:
    """`base` spoken with espeak's variant `name` ("f3", "klatt"): id "<base>+<name>"."""
    gender = "female" if re.fullmatch(r"f\d*|.*female.*", name.lower()) else base.voice.gender
    v = base.voice
    return EspeakVoice(
        Voice(
            id=f"{v.id}+{name.lower()}",
            name=f"{v.name} ({name})",
            language=v.language,
            engine="espeak",
            gender=gender,
        ),
        espeak_name=f"{base.espeak_name}+{name}",
    )


@dataclass(frozen=True)
class EspeakVoices:
    """The listed voices by id, and every installed variant: lower-case name -> espeak's."""

    listed: dict[str, EspeakVoice]
    variants: dict[str, str]

    @classmethod
    def from_espeak(cls, raw: Iterable[Any], variant_identifiers: Iterable[str]) -> EspeakVoices:
        """From pyttsx3's voices (id, name, languages, gender) and espeak's variant ids
        ("variant/f3")."""
        variants = {n.rsplit("/", 1)[-1].lower(): n.rsplit("/", 1)[-1] for n in variant_identifiers}
        listed: dict[str, EspeakVoice] = {}
        for v in raw:
            identifier = str(v.id)
            if identifier.startswith("mb/"):  # mbrola voices need the mbrola program
                continue
            short = identifier.rsplit("/", 1)[-1].lower()
            vid = CANONICAL_IDS.get(short, short)
            language = (v.languages[0] if v.languages else short).lower()
            gender = str(v.gender).lower() if v.gender else None
            listed[vid] = EspeakVoice(
                Voice(id=vid, name=str(v.name), language=language, engine="espeak", gender=gender),
                espeak_name=identifier,
            )
        base = cls(listed=listed, variants=variants)
        extras = {vid: ev for vid in LISTED_VARIANTS if (ev := base.lookup(vid)) is not None}
        return cls(listed={**listed, **extras}, variants=variants)

    def voices(self) -> list[Voice]:
        return [v.voice for v in self.listed.values()]

    def lookup(self, voice_id: str) -> EspeakVoice | None:
        """The voice for an exact (lower-case) id, including any `base+variant` combination."""
        if voice_id in self.listed:
            return self.listed[voice_id]
        b, plus, var = voice_id.partition("+")
        if plus and b in self.listed and "+" not in b and var in self.variants:
            return variant(self.listed[b], self.variants[var])
        return None
