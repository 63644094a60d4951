"""Units and measures: "5km", "30°C", "12.5%", "10 mph", "20 m²", "5'11\"".

"%" is spelled "percent" although espeak reads it right: units share one rule.
A number joined to its unit by a hyphen is an adjective: "a 5-km race", singular.
"""

from __future__ import annotations

import re

from narrator.text.normalize.spoken import NUM, Rule, final, is_one

# unit as written (regex) -> (singular, plural). Single letters only count when attached
# to the number ("5m", "5 m" are metres; "5 g" is grams, "5 in" is ignored: it is a word).
_UNITS: list[tuple[str, str, str]] = [
    (r"°\s?C\b", "degree Celsius", "degrees Celsius"),
    (r"°\s?F\b", "degree Fahrenheit", "degrees Fahrenheit"),
    (r"°\s?N\b", "degree north", "degrees north"),
    (r"°\s?S\b", "degree south", "degrees south"),
    (r"°\s?E\b", "degree east", "degrees east"),
    (r"°\s?W\b", "degree west", "degrees west"),
    (r"°", "degree", "degrees"),
    (r"%", "percent", "percent"),
    (r"pct\b", "percent", "percent"),
    (r"mph\b", "mile per hour", "miles per hour"),
    (r"(?:km/h|km/hr|kmh|kph)\b", "kilometer per hour", "kilometers per hour"),
    (r"m/s\b", "meter per second", "meters per second"),
    (r"(?:sq\.?\s?ft|ft2|ft²)", "square foot", "square feet"),
    (r"(?:sq\.?\s?km|km2|km²)", "square kilometer", "square kilometers"),
    (r"(?:sq\.?\s?mi|mi2|mi²)", "square mile", "square miles"),
    (r"(?:sq\.?\s?m|m2|m²)(?![a-z])", "square meter", "square meters"),
    (r"(?:m3|m³)", "cubic meter", "cubic meters"),
    (r"km\b", "kilometer", "kilometers"),
    (r"cm\b", "centimeter", "centimeters"),
    (r"mm\b", "millimeter", "millimeters"),
    (r"mi\b\.?", "mile", "miles"),
    (r"ft\b\.?", "foot", "feet"),
    (r"yds?\b\.?", "yard", "yards"),
    (r"kg\b", "kilogram", "kilograms"),
    (r"mg\b", "milligram", "milligrams"),
    (r"lbs?\b\.?", "pound", "pounds"),
    (r"oz\b\.?", "ounce", "ounces"),
    (r"ml\b|mL\b", "milliliter", "milliliters"),
    (r"gal\b\.?", "gallon", "gallons"),
    (r"[kK]B\b", "kilobyte", "kilobytes"),
    (r"MB\b", "megabyte", "megabytes"),
    (r"GB\b", "gigabyte", "gigabytes"),
    (r"TB\b", "terabyte", "terabytes"),
    (r"kbps\b", "kilobit per second", "kilobits per second"),
    (r"Mbps\b", "megabit per second", "megabits per second"),
    (r"Gbps\b", "gigabit per second", "gigabits per second"),
    (r"kWh\b", "kilowatt hour", "kilowatt hours"),
    (r"MWh\b", "megawatt hour", "megawatt hours"),
    (r"GWh\b", "gigawatt hour", "gigawatt hours"),
    (r"TWh\b", "terawatt hour", "terawatt hours"),
    (r"kW\b", "kilowatt", "kilowatts"),
    (r"MW\b", "megawatt", "megawatts"),
    (r"GW\b", "gigawatt", "gigawatts"),
    (r"mAh\b", "milliamp hour", "milliamp hours"),
    (r"ppm\b", "part per million", "parts per million"),
    (r"hrs?\b\.?", "hour", "hours"),
    (r"mins?\b\.?", "minute", "minutes"),
    (r"secs?\b\.?", "second", "seconds"),
    (r"ms\b", "millisecond", "milliseconds"),
]
_ATTACHED_UNITS: list[tuple[str, str, str]] = [
    (r"m\b", "meter", "meters"),
    (r"g\b", "gram", "grams"),
    (r"[lL]\b", "liter", "liters"),
    (r"in\b\.?", "inch", "inches"),
    (r"W\b", "watt", "watts"),
    (r"t\b", "tonne", "tonnes"),
]
_UNIT_NUMBER = rf"(?<![\w.,])(?P<n>(?:{NUM})(?:\.\d+)?)"


def _unit_rule(unit: str, one: str, many: str, gap: str) -> Rule:
    pattern = re.compile(rf"{_UNIT_NUMBER}(?P<gap>{gap})(?:{unit})(?![\w/])")

    def replace(m: re.Match[str]) -> str:
        # "a 5-km race" is adjectival: singular, as in "a five-kilometer race"
        singular = m.group("gap") == "-" or is_one(m.group("n"))
        return final(m, f"{m.group('n')} {one if singular else many}")

    return pattern, replace


_FEET_INCHES = re.compile(r"(?<![\w.])(\d)'\s?(\d{1,2})\"")


def _feet_inches(m: re.Match[str]) -> str:
    feet = "foot" if m.group(1) == "1" else "feet"
    return f"{m.group(1)} {feet} {m.group(2)} {'inch' if m.group(2) == '1' else 'inches'}"


RULES: list[Rule] = [
    (_FEET_INCHES, _feet_inches),
    *[_unit_rule(u, one, many, r"\s?|-") for u, one, many in _UNITS],
    *[_unit_rule(u, one, many, r"-?") for u, one, many in _ATTACHED_UNITS],
]
