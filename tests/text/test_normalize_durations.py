"""Durations written with unit letters."""

from tests.text.normalize_table import table_tests

CASES = [
    ("2h 30m", "2 hours 30 minutes"),
    ("1h 45min", "1 hour forty-five minutes"),
    ("3m 20s", "3 minutes 20 seconds"),
    ("11h", "11 hours"),
    ("100m", "100 meters"),  # "m" alone stays metres
    # race times with hundredths, and seconds after a wait
    ("finished the mile in 3:58.21.", "finished the mile in 3 minutes 58.21 seconds."),
    ("in 2:30.5 flat", "in 2 minutes 30.5 seconds flat"),
    ("Wait 30s between attempts", "Wait 30 seconds between attempts"),
    ("people in their 30s", "people in their thirties"),
    # a lap written with letters, decimals on its seconds; a dosing interval
    ("His winning lap was 1m31.07s.", "His winning lap was 1 minute 31.07 seconds."),
    ("Take one tablet q8h.", "Take one tablet every 8 hours."),
    ("Take q4-6h as needed", "Take every 4 to 6 hours as needed"),
    # hours then minutes without their m
    ("The film runs 2h30 without a break.", "The film runs 2 hours 30 minutes without a break."),
    ("a 1h05 drive", "a 1 hour 5 minutes drive"),
    (
        "She completed the Ironman in 10h 02m 17s.",
        "She completed the Ironman in 10 hours 2 minutes 17 seconds.",
    ),
    ("Battery life is rated at up to 18 h.", "Battery life is rated at up to 18 hours."),
    # a pace: minutes and seconds per distance
    (
        "She held a pace of 4:05/km early.",
        "She held a pace of 4 minutes 5 seconds per kilometer early.",
    ),
    ("a 1:52/500m split", "a 1 minute 52 seconds per 500 meters split"),
    ("shut down at T+8:32, and", "shut down at T-plus 8 minutes 32 seconds, and"),
]

test_rule, test_idempotent = table_tests(CASES)
