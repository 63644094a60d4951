"""Technical forms: versions, network addresses, resolutions, web errors, languages, models."""

from tests.text.normalize_table import table_tests

CASES = [
    ("Update to v2.3.1 now.", "Update to version two point three point one now."),
    ("Python 3.12 removed it.", "Python three point twelve removed it."),
    ("Version 1.0 came out.", "Version one point oh came out."),
    ("releasing version 0.2 soon", "releasing version zero point two soon"),
    ("the 1.2.10 release", "the one point two point ten release"),
    # not versions: a name, a plain number, a date, a sum
    ("a V8 engine", "a V8 engine"),
    ("Windows 11 is out", "Windows 11 is out"),
    ("on 12.03.24 it", "on the 12th of March, twenty twenty-four it"),
    (
        "The address is 192.168.1.1.",
        "The address is one nine two dot one six eight dot one dot one.",
    ),
    ("at 10.0.0.1:8080", "at one zero dot zero dot zero dot one port 8080"),
    ("not 999.1.1.1", "not 999.1.1.1"),
    ("Enable IPv6 now", "Enable I-P-V six now"),
    ("Streams in 1080p or 720p", "Streams in ten eighty P or seven twenty P"),
    ("returns a 404 error", "returns a four oh four error"),
    ("a 500 error page", "a five hundred error page"),
    ("HTTP 503", "HTTP five oh three"),
    ("scored 404 points", "scored 404 points"),
    ("written in C++ and C#", "written in C plus plus and C sharp"),
    ("an RTX 4090 card", "an RTX forty ninety card"),
    ("vetoed SB 1047", "vetoed SB ten forty-seven"),
    ("passed H.R. 3684", "passed HR thirty-six eighty-four"),
    ("paid USD 1500", "paid fifteen hundred US dollars"),  # money, not a model
    ("ISO 9001 rules", "ISO 9001 rules"),
    ("the NFL 2000 yards club", "the NFL 2000 yards club"),
    ("Press Ctrl+Alt+Del now", "Press Control Alt Delete now"),
    ("with Cmd+Shift+R on a Mac", "with Command Shift R on a Mac"),
    ("The Ford F-150 sold", "The Ford F one fifty sold"),
    ("Two C-130s landed", "Two C one thirties landed"),
    ("Take I-495 north", "Take I four ninety-five north"),
    ("a TPM 2.0 chip", "a TPM two point oh chip"),
    ("Rates rose to 2.0 percent", "Rates rose to 2.0 percent"),
    ("a Magnitude 5.0 quake", "a Magnitude 5.0 quake"),
    ("Flight UA 1549 landed", "Flight U-A fifteen forty-nine landed"),
    ("It supports WPA3 encryption", "It supports W-P-A 3 encryption"),
    ("an MP3 file", "an MP3 file"),
    ("northbound I-35W is backed up", "northbound I thirty-five W is backed up"),
    ("Patch 1.05 reduces load times", "Patch one point oh five reduces load times"),
    ("The Corvette Z06 sprints", "The Corvette Z oh six sprints"),
]

test_rule, test_idempotent = table_tests(CASES)
