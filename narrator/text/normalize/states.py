"""US states in political copy: party tags "(R-Texas)" and datelines "ALBANY, N.Y.".

A newsreader says "Republican of Texas" and "Albany, New York"; espeak would say "R Texas",
spell "N Y" and say "Cal-if".
"""

# ruff: noqa: RUF001 - the en dash in party tags is matched on purpose

from __future__ import annotations

import re

from narrator.text.normalize.spoken import Rule, digits, final

_PARTIES = {"R": "Republican", "D": "Democrat", "I": "independent", "L": "Libertarian"}
_STATE_NAMES = [
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
]
# AP abbreviations then postal codes, in the order of _STATE_NAMES.
_AP = [
    "Ala",
    "Alaska",
    "Ariz",
    "Ark",
    "Calif",
    "Colo",
    "Conn",
    "Del",
    "Fla",
    "Ga",
    "Hawaii",
    "Idaho",
    "Ill",
    "Ind",
    "Iowa",
    "Kan",
    "Ky",
    "La",
    "Maine",
    "Md",
    "Mass",
    "Mich",
    "Minn",
    "Miss",
    "Mo",
    "Mont",
    "Neb",
    "Nev",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "Ohio",
    "Okla",
    "Ore",
    "Pa",
    "RI",
    "SC",
    "SD",
    "Tenn",
    "Texas",
    "Utah",
    "Vt",
    "Va",
    "Wash",
    "WVa",
    "Wis",
    "Wyo",
]
_POSTAL = [
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
]
_STATES = {
    **{k.lower(): v for k, v in zip(_AP, _STATE_NAMES, strict=True)},
    **{k.lower(): v for k, v in zip(_POSTAL, _STATE_NAMES, strict=True)},
    **{n.lower().replace(" ", ""): n for n in _STATE_NAMES},
    "dc": "the District of Columbia",
    "pr": "Puerto Rico",
    "tenn": "Tennessee",
}
_STATE_TEXT = r"[A-Z][A-Za-z.]*(?:\s?[A-Z][A-Za-z.]*)?"
_PARTY_PAREN = re.compile(rf"\s*\(\s*([RDIL])(?:\s*[-–]\s*({_STATE_TEXT}))?\s*\)")
_PARTY_BARE = re.compile(rf"(?<=, )([RDIL])-({_STATE_TEXT})(?=,|\s*$)")


def _state(text: str) -> str | None:
    return _STATES.get(re.sub(r"[.\s]", "", text).lower())


def _party(m: re.Match[str]) -> str:
    party, state_text = _PARTIES[m.group(1)], m.group(2)
    if not state_text:
        return f", {party},"
    state = _state(state_text)
    if state is None:
        return m.group(0)
    in_parentheses = m.group(0).lstrip().startswith("(")
    return f", {party} of {state}," if in_parentheses else f"{party} of {state}"


# An AP state abbreviation after a place and a comma is a state: "Albany, New York", as a
# newsreader says it (espeak would spell "N Y" and say "Cal-if"). Only forms with their period:
# bare postal codes are also degrees and words ("Jane Doe, MD", "Yes, OK.").
_AP_WRITTEN = [
    re.sub(r"^([A-Z])([A-Z])$", r"\1\\.\\s?\2", a).replace("WVa", r"W\.\s?Va") + r"\."
    for a, name in zip(_AP, _STATE_NAMES, strict=True)
    if a != name
]
_DATELINE_STATE = re.compile(
    rf"(?<=[A-Za-z]),\s+(?P<st>{'|'.join(_AP_WRITTEN)})(?=[\s,;:)\]—–-]|$)"
)


def _dateline_state(m: re.Match[str]) -> str:
    place = m.string[: m.start()].split()
    state = _state(m.group("st"))
    if state is None or not place or not place[-1][0].isupper():
        return m.group(0)  # "in the morning, Pa." is not a place
    return final(m, f", {state}")


# A postal code before a ZIP code is a state, bare as the post writes it: "Miami Beach, FL
# 33139" is "Miami Beach, Florida, three three one three nine".
_POSTAL_ZIP = re.compile(
    rf"(?<=[A-Za-z]),\s+(?P<st>{'|'.join(_POSTAL)}|DC)\s(?P<zip>\d{{5}})(?:-(?P<plus4>\d{{4}}))?"
    r"(?![\w-]|[.,]\d)"
)


def _postal_zip(m: re.Match[str]) -> str:
    state = "DC" if m["st"] == "DC" else _STATES[m["st"].lower()]  # "Washington, DC 20500"
    spoken = f", {state}, {digits(m['zip'])}"
    return f"{spoken}, {digits(m['plus4'])}" if m["plus4"] else spoken


# A bare postal code after a city, where no degree, word or zone shares its letters: "Chicago,
# IL." is "Chicago, Illinois" ("Jane Doe, MD.", "Yes, OK.", "at 9, MT" are why the others stay).
_UNAMBIGUOUS = [
    p
    for p in _POSTAL
    if p not in {"MD", "ME", "OK", "IN", "OR", "HI", "MA", "LA", "CO", "DE"}
    and p not in {"PA", "ID", "MS", "AL", "MT", "CT", "PR", "GA", "VA", "WA", "SC", "NE", "AR"}
]
_POSTAL_AFTER_CITY = re.compile(
    rf"(?<=[a-z]),\s+(?P<st>{'|'.join(_UNAMBIGUOUS)})(?=\s*(?:[.,;)]|$))"
)


def _postal_after_city(m: re.Match[str]) -> str:
    before = m.string[: m.start()].split()
    if not before or not re.fullmatch(r"[A-Z][a-z]+", before[-1]):
        return m.group(0)  # not after a place's name
    return final(m, f", {_STATES[m['st'].lower()]}")


RULES: list[Rule] = [
    (_POSTAL_ZIP, _postal_zip),
    (_POSTAL_AFTER_CITY, _postal_after_city),
    (_PARTY_PAREN, _party),
    (_PARTY_BARE, _party),
    (_DATELINE_STATE, _dateline_state),
]
