"""Units and measures: "5km", "12KG", "30°C", "12.5%", "10 mph", "3 mbps", "20 m²", "41,459.00
km³", "100 million kg", "5 mg/day", "5'11\\"", "6 ft 2 in".

"%" is spelled "percent" although espeak reads it right: units share one rule.
A number joined to its unit by a hyphen is an adjective: "a 5-km race", singular.
Symbols that mean one thing whatever their case ("KG", "Mbps", "KM/H") match in any case;
those whose case is their meaning ("MB" megabytes, "mb" millibars; "W" watts) only as written.
A measure with zero decimals ("41,459.00 km³") is read without them, as a person reads it.
All units are one regular expression, tried longest first: a sentence is scanned once.
"""

# ruff: noqa: RUF001 - curly quotes, primes and the times sign are matched on purpose

from __future__ import annotations

import re

from narrator.text.normalize import compound
from narrator.text.normalize.attributive import attributive, noun_after, plural_after
from narrator.text.normalize.per import KNOWN_PER, PER, PER_DOT, per
from narrator.text.normalize.spoken import NUM, SCALES, Rule, cardinal, counted, final, is_one

# Lengths that also come square and cubic: symbol, singular, plural.
_LENGTHS = [
    ("km", "kilometer", "kilometers"),
    ("cm", "centimeter", "centimeters"),
    ("mm", "millimeter", "millimeters"),
    ("mi", "mile", "miles"),
    ("ft", "foot", "feet"),
    ("yd", "yard", "yards"),
    ("in", "inch", "inches"),
    ("m", "meter", "meters"),
]


def _powers() -> list[tuple[str, str, str]]:
    units = []
    for symbol, one, many in _LENGTHS:
        for word, short, power in (("square", "sq", "²2"), ("cubic", "cu", "³3")):
            written = rf"(?:{short}\.?|{word})[\s-]?{symbol}\b\.?"  # "sq ft", "sq-ft", "square km"
            pattern = rf"(?:{written}|{symbol}[{power}](?!\d))"
            units.append((pattern, f"{word} {one}", f"{word} {many}"))
    return units


# unit as written (regex) -> (singular, plural), longest first where one begins another.
_UNITS: list[tuple[str, str, str]] = [
    (r"°\s?C\b", "degree Celsius", "degrees Celsius"),
    (r"°\s?F\b", "degree Fahrenheit", "degrees Fahrenheit"),
    (r"°\s?N\b", "degree north", "degrees north"),
    (r"°\s?S\b", "degree south", "degrees south"),
    (r"°\s?E\b", "degree east", "degrees east"),
    (r"°\s?W\b", "degree west", "degrees west"),
    (r"°", "degree", "degrees"),
    (r"%", "percent", "percent"),
    (r"pct\b|pc\b", "percent", "percent"),
    (r"(?i:mph\b|m\.p\.h\.)", "mile per hour", "miles per hour"),
    (r"(?i:km/h|km/hr|kmph|kmh|kph)\b", "kilometer per hour", "kilometers per hour"),
    (r"bpd\b", "barrel per day", "barrels per day"),
    (r"m/s²|m/s\^2", "meter per second squared", "meters per second squared"),
    (r"m/s\b", "meter per second", "meters per second"),
    (r"(?i:mpg)\b", "mile per gallon", "miles per gallon"),
    *_powers(),
    (r"mm\s?Hg\b", "millimeter of mercury", "millimeters of mercury"),
    (r"in\.?\s?Hg\b", "inch of mercury", "inches of mercury"),  # a barometer's
    (r"(?i:km)\b", "kilometer", "kilometers"),
    (r"(?i:cm)\b", "centimeter", "centimeters"),
    (r"(?i:mm)\b", "millimeter", "millimeters"),
    (r"mi\b\.?", "mile", "miles"),
    (r"(?i:ft)\b\.?", "foot", "feet"),
    (r"(?i:yds?)\b\.?", "yard", "yards"),
    (r"(?i:kgs?)\b", "kilogram", "kilograms"),
    (r"(?i:mg)\b", "milligram", "milligrams"),
    (r"(?:mcg|µg|μg)\b", "microgram", "micrograms"),
    (r"(?:µm|μm)", "micrometer", "micrometers"),
    (r"lb-ft\b\.?", "pound-foot", "pound-feet"),  # torque, before the pounds
    (r"(?i:lbs?)\b\.?", "pound", "pounds"),
    (r"fl\.?\s?oz\b\.?", "fluid ounce", "fluid ounces"),
    (r"(?i:oz)\b\.?", "ounce", "ounces"),
    (r"(?i:ml)\b", "milliliter", "milliliters"),
    (r"kL\b", "kiloliter", "kiloliters"),
    (r"mmol\b", "millimole", "millimoles"),
    (r"µmol\b|umol\b", "micromole", "micromoles"),
    (r"dL\b", "deciliter", "deciliters"),
    (r"IU\b", "international unit", "international units"),
    (r"L\b", "liter", "liters"),  # a capital L apart from its number too: "5 L"
    (r"(?i:gal)\b\.?", "gallon", "gallons"),
    (r"[kK]B\b", "kilobyte", "kilobytes"),
    (r"MB\b", "megabyte", "megabytes"),
    # A lower-case "b" before "/s" is bits: "1 Gb/s" (bytes per second are "GB/s").
    (r"Gb/s\b|Gbit/s\b", "gigabit per second", "gigabits per second"),
    (r"Mb/s\b|Mbit/s\b", "megabit per second", "megabits per second"),
    (r"[kK]b/s\b|kbit/s\b", "kilobit per second", "kilobits per second"),
    (r"Tb/s\b", "terabit per second", "terabits per second"),
    (r"(?i:gb)\b", "gigabyte", "gigabytes"),
    (r"(?i:tb)\b", "terabyte", "terabytes"),
    (r"(?i:kbps)\b", "kilobit per second", "kilobits per second"),
    (r"(?i:mbps)\b", "megabit per second", "megabits per second"),
    (r"(?i:gbps)\b", "gigabit per second", "gigabits per second"),
    (r"(?i:kwh)\b", "kilowatt hour", "kilowatt hours"),
    (r"(?i:mwh)\b", "megawatt hour", "megawatt hours"),
    (r"(?i:gwh)\b", "gigawatt hour", "gigawatt hours"),
    (r"(?i:twh)\b", "terawatt hour", "terawatt hours"),
    (r"(?i:kw)\b", "kilowatt", "kilowatts"),
    (r"MW\b", "megawatt", "megawatts"),
    (r"GW\b", "gigawatt", "gigawatts"),
    (r"(?i:ghz)\b", "gigahertz", "gigahertz"),
    (r"(?i:mhz)\b", "megahertz", "megahertz"),
    (r"(?i:khz)\b", "kilohertz", "kilohertz"),
    (r"Hz\b", "hertz", "hertz"),
    (r"mAh\b", "milliamp hour", "milliamp hours"),
    (r"mA\b", "milliamp", "milliamps"),
    (r"kV\b", "kilovolt", "kilovolts"),
    # "nm" off a coast, from a ship or an aircraft is nautical miles, elsewhere nanometers
    (
        r"nm\b(?=\s+(?:off|from|out|offshore|away|north|south|east|west|northeast|northwest"
        r"|southeast|southwest)\b)|NM\b|nmi\b",
        "nautical mile",
        "nautical miles",
    ),
    (r"nm\b", "nanometer", "nanometers"),
    # gas, coal, ore and carbon in the markets' units: "35 bcm", "75.4 Mt", "5.2 mtpa"
    (r"bcm\b", "billion cubic meters", "billion cubic meters"),
    # a listing's rooms: "4 bd, 2.5 ba" ("3BR/2BA" is compound's; "3 BA graduates" hold degrees)
    (r"(?:bd|bdrm?)\b\.?", "bedroom", "bedroom"),
    (r"ba\b\.?", "bath", "bath"),
    (r"Gt\b", "gigatonne", "gigatonnes"),
    (r"AU\b", "astronomical unit", "astronomical units"),
    (r"tcf\b", "trillion cubic feet", "trillion cubic feet"),
    (r"bcf\b", "billion cubic feet", "billion cubic feet"),
    (r"(?i:mtpa)\b", "million tonnes per annum", "million tonnes per annum"),
    (r"Mt\b(?!\.?\s[A-Z][a-z])", "million tonnes", "million tonnes"),
    (r"cwt\b\.?", "hundredweight", "hundredweight"),
    (r"GBq\b", "gigabecquerel", "gigabecquerels"),
    (r"MBq\b", "megabecquerel", "megabecquerels"),
    (r"kBq\b", "kilobecquerel", "kilobecquerels"),
    (r"Bq\b", "becquerel", "becquerels"),
    (r"N[·⋅]m\b|Nm\b", "newton meter", "newton meters"),
    (r"[µμu]Sv\b", "microsievert", "microsieverts"),
    (r"mSv\b", "millisievert", "millisieverts"),
    (r"qts?\b\.?", "quart", "quarts"),
    (r"kN\b", "kilonewton", "kilonewtons"),
    (r"hPa\b", "hectopascal", "hectopascals"),
    (r"kPa\b", "kilopascal", "kilopascals"),
    (r"MPa\b", "megapascal", "megapascals"),
    (r"mbar\b", "millibar", "millibars"),
    (r"(?i:rpm)\b", "revolution per minute", "revolutions per minute"),
    # "48MP", "a 48 MP camera" ("48 MPs" are members of parliament, always with their "s")
    (r"(?<=\d)MP\b|(?<=\d\s)MP\b(?!s)", "megapixel", "megapixels"),
    (r"bpm\b", "beat per minute", "beats per minute"),
    (r"(?i:wpm)\b", "word per minute", "words per minute"),
    (r"fps\b", "frame per second", "frames per second"),
    (r"kts?\b\.?", "knot", "knots"),
    (r"kn\b\.?", "knot", "knots"),  # lower case: "kN" is a kilonewton
    (r"hp\b", "horsepower", "horsepower"),
    (r"pcs\b\.?", "piece", "pieces"),
    (r"bu\b\.?", "bushel", "bushels"),
    (r"doz\b\.?", "dozen", "dozen"),
    (r"ppm\b", "part per million", "parts per million"),
    (r"ppb\b", "part per billion", "parts per billion"),
    (r"gpm\b", "gallon per minute", "gallons per minute"),
    (r"bbls?\b\.?", "barrel", "barrels"),
    (r"hrs?\b\.?", "hour", "hours"),
    (r"mins?\b\.?", "minute", "minutes"),
    (r"secs?\b\.?", "second", "seconds"),
    (r"in\.(?=\s|$)", "inch", "inches"),  # "3 in. of rain": with its period, never the word
    (r"ms\b", "millisecond", "milliseconds"),
    (r"ha\b", "hectare", "hectares"),
    (r"(?i:tbsp)\b\.?", "tablespoon", "tablespoons"),
    (r"(?i:tsp)\b\.?", "teaspoon", "teaspoons"),
    (r"yrs?\b\.?", "year", "years"),
    (r"wks?\b\.?", "week", "weeks"),
    (r"mos\b\.?|mo\.", "month", "months"),
    (r"kcal\b", "kilocalorie", "kilocalories"),
    (r"cal\b", "calorie", "calories"),
    (r"dB\b", "decibel", "decibels"),
    (r"(?i:psi)\b", "P-S-I", "P-S-I"),  # pounds per square inch; espeak says the Greek "sigh"
    (r"bps?\b", "basis point", "basis points"),
    # A box score: "31 pts., 12 reb., 8 ast."
    (r"pts?\b\.?", "point", "points"),
    (r"ppg\b", "point per game", "points per game"),
    (r"px\b", "pixel", "pixels"),
    (r"rpg\b", "rebound per game", "rebounds per game"),
    (r"apg\b", "assist per game", "assists per game"),
    (r"rebs?\b\.?", "rebound", "rebounds"),
    (r"asts?\b\.?", "assist", "assists"),
    (r"stls?\b\.?", "steal", "steals"),
    (r"blks?\b\.?", "block", "blocks"),
    # Other sports' counts: "3 TDs", "14 HR", "2 FGs", "won by 7 wkts"
    (r"TDs?\b", "touchdown", "touchdowns"),
    (r"HRs?\b", "home run", "home runs"),
    (r"FGs?\b", "field goal", "field goals"),
    (r"wkts?\b\.?", "wicket", "wickets"),
    # "0.3 pp", "2ppt": percentage points ("pp." before a number is pages, elsewhere)
    (r"pp\b(?!\.)|ppts?\b", "percentage point", "percentage points"),
    (r"W\b", "watt", "watts"),
    (r"V\b(?!-)", "volt", "volts"),  # not "2,000 V-Bucks"
    # A lone "g" apart from its number only before a word in lower case: "8 g of protein",
    # "250 g flour", "1 g increments" ("5 g" alone may be forces; "5 G networks" is no unit).
    (r"g(?=\s+[a-z])", "gram", "grams"),
    # ... or ending a clause after a number of two figures or more: "weighs 187 g." (a pilot's
    # "pulled 5 g" is a force)
    (r"(?<=\d\d\s)g(?=[.,;)]|$)", "gram", "grams"),
    # A lone "m" is a meter too ("400 m on the interstate", "30 m of ice"); before a plural
    # noun it is a million, as when attached ("5 m people").
    (r"(?<=\s)m\b(?!['’&-]|\.\w)", "meter", "meters"),
    # The inch mark, "a 14\" screen" (not a quotation's closing mark: see _measure).
    (r'(?<=\d)["″]', "inch", "inches"),
    # A single letter before a rate is a unit even apart from its number: "120 g/km".
    (r"g(?=/)", "gram", "grams"),
    (r"[lL](?=/)", "liter", "liters"),
    (r"t(?=/)", "tonne", "tonnes"),
    (r"m(?=/)", "meter", "meters"),
    (r"in\.?(?=/(?:hr|h|hour|day|d|yr|year|min|wk|week|mo|month)\b)", "inch", "inches"),
]
# Single letters only count when attached to the number ("5m", "5-m"; "5 m" is left, as
# "5 in" is a word): m, g, l, in, t, and C and F for temperatures ("30C", as British papers
# write them).
_ATTACHED: list[tuple[str, str, str]] = [
    (r"m\b", "meter", "meters"),
    (r"g\b", "gram", "grams"),
    (r"[lL]\b", "liter", "liters"),
    (r"in\b\.?", "inch", "inches"),
    (r"t\b", "tonne", "tonnes"),
    (r"C\b(?!\+)", "degree Celsius", "degrees Celsius"),
    (r"F\b", "degree Fahrenheit", "degrees Fahrenheit"),
]
_WORDS = [(one, many) for _, one, many in (*_UNITS, *_ATTACHED)]
# What follows a race's distance: "the 100m hurdles", "400m runners" stay meters.
_RACE_TEXT = """hurdles freestyle backstroke breaststroke butterfly medley relay relays dash sprints
    sprinters runners swimmers finals heats races records titles champions events specialists
    medals"""
_RACE_WORDS = frozenset(_RACE_TEXT.split())
_SPACED = "|".join(f"(?P<u{i}>{p})" for i, (p, _, _) in enumerate(_UNITS))
_JOINED = "|".join(f"(?P<u{i + len(_UNITS)}>{p})" for i, (p, _, _) in enumerate(_ATTACHED))
_SECOND_PER = KNOWN_PER.replace("(?P<per>", "(?P<per2>")
_MEASURE = re.compile(
    rf"(?<![\w.,])(?P<n>(?:{NUM})(?:\.\d+)?)(?:\s(?P<scale>thousand|million|billion|trillion)|(?P<abbr>bn|mn|tn|k|K|m|M)(?=\s))?"
    rf"(?:(?P<gap>\s?|-)(?:{_SPACED})|(?P<joined>-?)(?:{_JOINED}))(?:/{PER}{PER_DOT})?"
    rf"(?:/{_SECOND_PER})?(?![\w/])"
)
_PRINTING = re.compile(r"\b(?:print(?:s|er|ers|ing|ed)?|pages?|copier|toner|inkjet)\b", re.I)
_ZERO_DECIMALS = re.compile(r"\.0+$")
# Labels before a number and a letter that name a place: "Apt. 3C", "Suite 4F", "Seat 12C".
_LABELLED = re.compile(
    r"\b(?:Apt|Apartment|Unit|Suite|Ste|Room|Rm|Flat|Floor|Fl|Gate|Seat|Row|Platform|Terminal"
    r"|Bldg|Building|Box|No|Level|Bay|Pier|Locker|Cabin|Lot|Space|Stall|Studio|Dock|Pod)\.?"
    r"(?:\s(?:is|was|number|no\.?))?\s?[#:]?\s?$"
    r"|#\s?$",
    re.IGNORECASE,
)


def _measure(m: re.Match[str]) -> str:
    index = next(i for i in range(len(_WORDS)) if m.group(f"u{i}") is not None)
    inch_mark = m.group(0).endswith(('"', "″"))
    if inch_mark and m.string.count('"', 0, m.start()) % 2:
        return m.group(0)  # the closing mark of a quotation that opened before the number
    one, many = _WORDS[index]
    if one == "part per million" and _PRINTING.search(m.string):
        one, many = "page per minute", "pages per minute"  # a printer's speed
    if m.group("joined") is not None and _LABELLED.search(
        m.string, max(0, m.start() - 16), m.start()
    ):
        return m.group(0)  # "Apt. 3C", "Gate 4F", "Row 12C": a place's name, not a measure
    number, scale = _ZERO_DECIMALS.sub("", m.group("n")), m.group("scale")
    if one == "meter" and not (m.group("joined") or m.group("per") or scale):
        # British papers write millions "m": "3m people", "2.5m barrels" count things.
        noun = plural_after(m.string, m.end())
        if noun and noun not in _RACE_WORDS:
            return f"{m.group('n')} million"
    scale = scale or SCALES.get(m.group("abbr") or "")  # "6.4bn km"
    # "a 5-km race" and "a 5 km race" are adjectival: singular, "a five-kilometer race"
    singular = (
        "-" in (m.group("gap"), m.group("joined"))
        or (inch_mark and noun_after(m.string, m.end()))  # "a 55\" TV", "12.9\" iPad Pro"
        or (one == "megapixel" and noun_after(m.string, m.end()))  # "48 MP stills"
        or (is_one(number) and not scale)
        or (not m.group("per") and attributive(m.string, m.start(), m.end()))
    )
    spoken = f"{number} {scale} " if scale else f"{number} "
    spoken += one if singular else many
    if m.group("per"):
        spoken += f" per {per(m.group('per'))}"
    if m.group("per2"):
        spoken += f" per {per(m.group('per2'))}"  # "5 mcg/kg/min": "per kilogram per minute"
    return final(m, spoken)


_FEET_INCHES = re.compile(
    r"(?<![\w.])(?P<ft>\d)(?:'|\s?ft\.?|\s?feet)\s?(?P<in>\d{1,2})(?:\"|\s?in\b\.?|\s?inch(?:es)?\b)"
)


def _feet_inches(m: re.Match[str]) -> str:
    feet, inches = m.group("ft"), m.group("in")
    # A height in marks is said "six foot two", and so before a noun ("the 6'2\" guard");
    # spelled-out units are read as written ("6 ft 2 in": "six feet two inches").
    if m.group(0)[len(feet)] in "'’′" or attributive(m.string, m.start(), m.end()):
        return final(m, f"{feet} foot {inches}")
    spoken = f"{feet} {'foot' if feet == '1' else 'feet'} {inches} "
    return final(m, spoken + ("inch" if inches == "1" else "inches"))


# "86 degrees F"
_DEGREES_LETTER = re.compile(r"\b(?P<deg>degrees?)\s(?P<scale>[CF])\b(?!\.\w)")
_SCALE_NAMES = {"C": "Celsius", "F": "Fahrenheit"}

# "9.58s", "0.3s", "9.58 s", "wait 5 s": a decimal before "s", or any number before a lone
# "s", is a time in seconds. A whole number glued to it is left ("the 1990s", "in their 20s",
# "iPhone 5s").
_DECIMAL_SECONDS = re.compile(
    r"(?<![\w.,/])(?P<n>\d+\.\d+\s?|(?:\d{1,3}(?:,\d{3})*|\d+)\s)s\b(?!['\u2019.]\w)"
)


# A relay, "4x100m": "four by one hundred meters" (the distance is then a measure like any).
_RELAY = re.compile(r"(?<![\w.])(?P<legs>\d)\s?[x\u00d7]\s?(?=\d+\s?(?:m|km|yd|mi)\b)")

# A count's noun per a unit, after its number: "10 req/s", "420 people/km²", "24 hours/day".
_NOUN_PER = re.compile(rf"(?<=\d\s)(?P<noun>[A-Za-z]{{2,}})/{KNOWN_PER}{PER_DOT}")
# A unit abbreviation after the word "per": "$2.99 per lb", "2 oz per gal of water".
_PER_WORD = re.compile(
    r"\bper\s(?P<unit>lb|gal|oz|kg|km|mi|ft|sq\.?\s?ft|sq\.?\s?mi|hr|min|sec|kWh|MWh|bbl|yr|wk|mo|GB|MB|TB)"
    r"(?:(?<=lb)s)?\b"
    r"(?:\.(?=\s+[a-z]))?"
)

# A count's abbreviation one word after its number: "18.4 fantasy pts", "a 52-yd FG".
_ONE_WORD_ON = re.compile(r"(?<=\d\s)(?P<word>[a-z]+)\s(?P<unit>pts|FGs?)\b\.?(?!\w)")
_COUNTED = {"pts": "points", "FG": "field goal", "FGs": "field goals"}
_YARDS_FG = re.compile(r"(?<=\byard\s)FG\b")

# An engine's size, "a 5.0-liter V8", "the 2.0L turbo four": "five point oh liter" (a car's
# displacement keeps its decimal, unlike "41,459.00 km³").
_DISPLACEMENT = re.compile(
    r"(?<![\w.])(?P<a>\d)\.(?P<b>\d)(?:-liter|L)\b"
    r"(?=\s+(?:[\w-]+\s+){0,2}(?:turbo\w*|V-?\d{1,2}|engine|four|six|eight|inline[\w-]*|I-?\d|hybrid"
    r"|diesel|motor|flat-\w+|boxer|EcoBoost)\b)"
)


def _displacement(m: re.Match[str]) -> str:
    tenths = "oh" if m["b"] == "0" else cardinal(int(m["b"]))
    return f"{cardinal(int(m['a']))} point {tenths} liter"


# A unit written out in capitals after its number, "3 CUPS", "50 MILES": lower case (espeak spells
# a word in capitals inside mixed text).
_CAPITAL_UNIT = re.compile(
    r"(?<=\d\s)(?P<u>CUPS?|GRAMS?|POUNDS?|OUNCES?|MILES?|FEET|FOOT|INCH(?:ES)?|LITERS?|LITRES?"
    r"|METERS?|METRES?|HOURS?|MINUTES?|SECONDS?|DAYS?|WEEKS?|MONTHS?|YEARS?|PIECES?|SLICES?)\b"
)
# A capital "M" after a length, before what a length measures: "50 M long" (elsewhere millions).
_CAPITAL_METERS = re.compile(
    r"(?<=\d\s)M(?=\s(?:long|wide|tall|high|deep|away|above|below|in\s(?:length|height|depth"
    r"|width|diameter))\b)"
)

# A unit's power written with a caret: "5 m^2" is "5 m²".
_UNIT_CARET = re.compile(r"(?<=\d)(?P<unit>\s?(?:km|cm|mm|m|ft|mi|in|yd))\^(?P<exp>[23])\b")

# A floor's or a rug's size in feet marks: "8' x 10'" ("8 feet by 10 feet").
_FEET_BY_FEET = re.compile(r"(?<![\w.'’])(?P<a>\d+)['’′]\s?[xX×]\s?(?P<b>\d+)['’′](?![\w'’])")

# Two measures by each other, each with its unit: "10 cm x 15 cm" (read after the units).
_BY_MEASURES = re.compile(
    r"\b(?P<u>\w*(?:meters?|inch(?:es)?|feet|foot|yards?))\s[xX\u00d7]\s(?=\d)"
)

RULES: list[Rule] = [
    *compound.RULES,
    (_CAPITAL_UNIT, lambda m: m["u"].lower()),
    (_CAPITAL_METERS, lambda m: "m"),
    (_DISPLACEMENT, _displacement),
    (_UNIT_CARET, lambda m: m["unit"] + "²³"[int(m["exp"]) - 2]),
    (_RELAY, lambda m: f"{m['legs']} by "),
    (_FEET_BY_FEET, lambda m: f"{m['a']} feet by {m['b']} feet"),
    (_FEET_INCHES, _feet_inches),
    (_DECIMAL_SECONDS, lambda m: counted(m["n"].strip(), "second")),
    (_MEASURE, _measure),
    (_DEGREES_LETTER, lambda m: final(m, f"{m['deg']} {_SCALE_NAMES[m['scale']]}")),
    (_ONE_WORD_ON, lambda m: final(m, f"{m['word']} {_COUNTED[m['unit']]}")),
    (_YARDS_FG, lambda m: "field goal"),
    (_BY_MEASURES, lambda m: f"{m['u']} by "),
    # After the measures, so that a unit's own rate ("2 in/hr", "1 Gb/s") is read as one.
    (_NOUN_PER, lambda m: f"{m['noun']} per {per(m['per'])}"),
    (_PER_WORD, lambda m: f"per {per(m['unit'])}"),
]
