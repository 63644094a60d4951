"""Time zones written after a clock time, and how each is said.

American zones are said by name, as newsreaders do ("9 p.m. ET" is "Eastern"; with its season,
"EDT", in full: "Eastern Daylight Time"); other countries' zones whose letters a listener would
not know are said in full ("7.30pm AEST"); GMT and UTC stay letters, as people say them. The
normalizer speaks them (normalize/times.py); the sentence splitter knows that "a.m." before one
ends no sentence (segment.py).
"""

from __future__ import annotations

AMERICAN = {"ET": "Eastern", "PT": "Pacific", "CT": "Central", "MT": "Mountain"}
# Six readings of seven by independent writers said a zone with its season in full; "ET" is
# "Eastern" in most of theirs.
SEASONAL = {
    f"{z[0]}{s[0]}T": f"{n} {s} Time" for z, n in AMERICAN.items() for s in ("Standard", "Daylight")
}
# As the writers who wrote one said them ("7.30pm AEST", "4.15pm BST", "10 a.m. IST").
FOREIGN = {
    "BST": "British Summer Time",
    "IST": "Indian Standard Time",
    "AEST": "Australian Eastern Standard Time",
    "AEDT": "Australian Eastern Daylight Time",
    "ACST": "Australian Central Standard Time",
    "AWST": "Australian Western Standard Time",
    "NZST": "New Zealand Standard Time",
    "NZDT": "New Zealand Daylight Time",
}
SPOKEN = AMERICAN | SEASONAL | FOREIGN
# ... and zones said as letters: GMT and UTC, and those our writers wrote as letters (four of
# five who wrote "JST" or "CET"); known here so that "9 a.m. JST" ends no sentence
LETTERS = ("GMT", "UTC", "JST", "KST", "HKT", "SGT", "CET", "CEST", "WAT", "EAT", "SAST")
# Every zone written after a clock, longest first, as a regular expression's alternation.
ANY = "|".join(sorted([*SPOKEN, *LETTERS], key=len, reverse=True))
# A zone said by its name after a clock: "9 p.m. Eastern", "4:45 a.m. Pacific time".
NAMES = ("Eastern", "Central", "Mountain", "Pacific", "Atlantic", "Alaska", "Hawaii", "Greenwich")
# ... and by a nation's name ("4.15pm British Summer Time"), which also starts many a sentence
# ("... at 3 p.m. Australian officials said"): the splitter does not count these.
NATIONAL = ("British", "Australian")
