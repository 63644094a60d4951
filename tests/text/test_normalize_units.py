"""Units and measures."""

from tests.text.normalize_table import table_tests

CASES = [
    ("5km", "5 kilometers"),
    ("1 km", "1 kilometer"),
    ("a 5-km race", "a 5 kilometer race"),
    ("30°C", "30 degrees Celsius"),
    ("86 °F", "86 degrees Fahrenheit"),
    ("45°N", "45 degrees north"),
    ("12.5%", "12.5 percent"),
    ("10 mph", "10 miles per hour"),
    ("100 km/h", "100 kilometers per hour"),
    ("5kg", "5 kilograms"),
    ("100m", "100 meters"),
    ("$100m", "100 million dollars"),  # m after a currency is millions
    ("6 ft.", "6 feet."),
    ("5'11\" tall", "5 feet 11 inches tall"),
    ("2 lbs", "2 pounds"),
    ("10 GB", "10 gigabytes"),
    ("500 MW", "500 megawatts"),
    ("20 m²", "20 square meters"),
    ("5 min", "5 minutes"),
]

test_rule, test_idempotent = table_tests(CASES)
