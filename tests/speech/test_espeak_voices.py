"""The espeak voice listing on plain data: ids, canonical names, variants."""

from __future__ import annotations

from dataclasses import dataclass, field

from narrator.speech.espeak_voices import EspeakVoices


@dataclass
class Raw:
    """What pyttsx3 lists for an espeak voice."""

    id: str
    name: str
    languages: list[str] = field(default_factory=list)
    gender: str | None = "Male"


RAW = [
    Raw("gmw/en-US", "English (America)", ["en-us"]),
    Raw("gmw/en", "English (Great Britain)", ["en-gb"]),
    Raw("roa/fr", "French", ["fr-fr"]),
    Raw("mb/mb-en1", "English (mbrola)", ["en"]),
]
VARIANTS = ["variant/f3", "variant/m3", "variant/Klatt"]


def test_ids_are_short_lower_case_and_canonical() -> None:
    voices = EspeakVoices.from_espeak(RAW, VARIANTS)
    ids = [v.id for v in voices.voices()]
    assert ids == ["en-us", "en-gb", "fr", "en-us+f3", "en-us+m3", "en-gb+f3"]
    assert voices.listed["en-gb"].espeak_name == "gmw/en"  # espeak's "en" is British
    assert voices.listed["fr"].voice.language == "fr-fr"


def test_listed_variants_are_only_the_installed_ones() -> None:
    voices = EspeakVoices.from_espeak(RAW, ["variant/m3"])
    assert [v.id for v in voices.voices()] == ["en-us", "en-gb", "fr", "en-us+m3"]


def test_any_installed_variant_is_found_with_espeaks_spelling() -> None:
    voices = EspeakVoices.from_espeak(RAW, VARIANTS)
    klatt = voices.lookup("en-us+klatt")
    assert klatt is not None
    assert klatt.espeak_name == "gmw/en-US+Klatt"
    assert (klatt.voice.id, klatt.voice.name) == ("en-us+klatt", "English (America) (Klatt)")
    assert voices.lookup("en-us+f3").voice.gender == "female"  # type: ignore[union-attr]
    assert voices.lookup("en-us+nope") is None
    assert voices.lookup("xx+f3") is None
    assert voices.lookup("en-us+f3+m3") is None
