"""Titles before a name ("Gov. Smith", "Cllr Hughes") and a person's age in a note ("67 y/o").

A title is read only before a name, so "the gen." or "Rep." at the end of a sentence are left.
"""

from __future__ import annotations

import re

from narrator.text.normalize.spoken import Rule, const

_NAME = r"(?=\s+(?:[A-Z]|[\U000f0000-\U000ffffd]))"  # followed by a name (or lexicon entry)
# Titles: only before a name, so "the gen." or "Rep." at the end of a sentence are left.
_TITLES = {
    "Gov": "Governor",
    "Govs": "Governors",
    "Sen": "Senator",
    "Sens": "Senators",
    "Rep": "Representative",
    "Reps": "Representatives",
    "Prof": "Professor",
    "Gen": "General",
    "Brig": "Brigadier",
    "Lt": "Lieutenant",
    "Col": "Colonel",
    "Capt": "Captain",
    "Sgt": "Sergeant",
    "Maj": "Major",
    "Adm": "Admiral",
    "Cmdr": "Commander",
    "Cpl": "Corporal",
    "Pvt": "Private",
    "Rev": "Reverend",
    "Hon": "Honorable",
    "Pres": "President",
    "Supt": "Superintendent",
    "Atty": "Attorney",
    "Insp": "Inspector",
    "Cllr": "Councillor",
    "Const": "Constable",
    "Cst": "Constable",
    "Ch Insp": "Chief Inspector",
    "Det": "Detective",
    "Mt": "Mount",
    "Ft": "Fort",
    "Ms": "Miz",
    "Mr": "Mr",
    "Mrs": "Missus",
    "Messrs": "Messrs",
}
# British papers write these without a period: "Cllr Hughes", "Supt Jones" (the spoken words are
# _TITLES').
_WITHOUT_PERIOD = ("Cllr", "Supt", "Insp", "Sgt", "Cst")

# An age in a medical note: "a 67 y/o male", "67yo" is "a sixty-seven-year-old"
_AGE = re.compile(r"(?<![\w.])(?P<n>\d{1,3})\s?(?:y/o|y\.o\.|yo)(?![\w/])")

RULES: list[Rule] = [
    *[(re.compile(rf"(?<![\w.]){k}\.{_NAME}"), const(v)) for k, v in _TITLES.items()],
    *[(re.compile(rf"(?<![\w.]){k}(?=\s[A-Z][a-z])"), const(_TITLES[k])) for k in _WITHOUT_PERIOD],
    (_AGE, lambda m: f"{m['n']}-year-old"),
]
