"""Units and measures."""

from tests.text.normalize_table import table_tests

CASES = [
    ("5km", "5 kilometers"),
    ("1 km", "1 kilometer"),
    ("a 5-km race", "a 5 kilometer race"),
    ("30°C", "30 degrees Celsius"),
    ("86 °F", "86 degrees Fahrenheit"),
    ("45°N", "forty-five degrees north"),
    ("12.5%", "12.5 percent"),
    ("10 mph", "10 miles per hour"),
    ("100 km/h", "100 kilometers per hour"),
    ("5kg", "5 kilograms"),
    ("100m", "100 meters"),
    # "m" before what it counts is British papers' million; a measure stays meters
    ("~3m people live there", "about 3 million people live there"),
    ("some 2.5m barrels a day", "some 2.5 million barrels a day"),
    ("60m users", "60 million users"),
    ("1.5m women", "1.5 million women"),
    ("a 3m wall", "a 3 meter wall"),
    ("3m apart", "3 meters apart"),
    ("ran 10m towards the gate", "ran 10 meters towards the gate"),
    ("fell 20m as rescuers watched", "fell 20 meters as rescuers watched"),
    ("the 400m runners", "the 400 meter runners"),
    ("won the 100m hurdles", "won the 100 meter hurdles"),
    # a box score
    (
        "had 31 pts., 12 reb. and 8 ast. in the win",
        "had 31 points, 12 rebounds and 8 assists in the win",
    ),
    ("scored 31 pts. Smith added 20.", "scored 31 points. Smith added 20."),
    ("a 1 pt lead", "a 1 point lead"),
    ("3 stl, 2 blk", "3 steals, 2 blocks"),
    ("$100m", "100 million dollars"),  # m after a currency is millions
    ("6 ft.", "6 feet."),
    ("5'11\" tall", "5 feet 11 inches tall"),
    ("2 lbs", "2 pounds"),
    ("10 GB", "10 gigabytes"),
    ("500 MW", "500 megawatts"),
    ("20 m²", "20 square meters"),
    ("5 min", "5 minutes"),
    # any case where case does not change the meaning
    ("12KG", "12 kilograms"),
    ("90 KM/H", "90 kilometers per hour"),
    ("3 mbps", "3 megabits per second"),
    ("60 m.p.h.", "60 miles per hour."),
    # scales, zero decimals, powers, rates
    ("100 million kg", "100 million kilograms"),
    ("41,459.00 km³", "forty-one thousand four hundred fifty-nine cubic kilometers"),
    ("5 mg/day", "5 milligrams per day"),
    ("120 g/km", "120 grams per kilometer"),
    ("2 GB/month", "2 gigabytes per month"),
    ("6 ft 2 in", "6 feet 2 inches"),
    ("3.5 GHz", "3.5 gigahertz"),
    ("300 ha", "300 hectares"),
    ("12 fl oz", "12 fluid ounces"),
    ("400 W", "400 watts"),
    ("3.5pc", "3.5 percent"),
    ("25bp", "25 basis points"),
    ("30C", "30 degrees Celsius"),
    ("86 degrees F", "86 degrees Fahrenheit"),
    ("5 m", "5 m"),  # a lone letter apart from its number is not a unit...
    ("5 L", "5 liters"),  # ...but a capital L is
    ("ran the 100m in 9.58s", "ran the 100 meters in 9.58 seconds"),
    ("in their 20s", "in their twenties"),
    ("rose 0.3 pp to 4.1%", "rose 0.3 percentage points to 4.1 percent"),
    ("up 2ppt", "up 2 percentage points"),
    ("see pp. 12-15", "see pages 12 to 15"),
    ("the 4x100m relay", "the 4 by 100 meters relay"),
    ("a 6.4bn km trip", "a 6.4 billion kilometer trip"),  # an adjective: singular
    ("about 5 in. of rain", "about 5 inches of rain"),
    ("ranked 5 in the poll", "ranked 5 in the poll"),
    # a lone "m" apart from its number, before what a length measures
    ("The tower stands 330 m tall.", "The tower stands 330 meters tall."),
    ("a wall 1 m high", "a wall 1 meter high"),
    # rates: a unit's own, a count's noun per a unit, a unit after "per"
    ("topped 2 in/hr in places", "topped 2 inches per hour in places"),
    ("offers 1 Gb/s both ways", "offers 1 gigabit per second both ways"),
    ("about 420 people/km² in the valley", "about 420 people per square kilometer in the valley"),
    ("works 12 hours/day", "works 12 hours per day"),
    ("10 cats/dogs", "10 cats or dogs"),  # not a unit after the slash: a choice
    ("Mix 2 oz per gal of water", "Mix 2 ounces per gallon of water"),
    ("uses 6.5 L/100 km on", "uses 6.5 liters per 100 kilometers on"),
    ("a resting rate of 72 bpm", "a resting rate of 72 beats per minute"),
    ("has 8 g of protein", "has 8 grams of protein"),
    ('It has a 14" screen.', "It has a 14 inch screen."),
    ('He said "I owe you 5" and left.', 'He said "I owe you 5" and left.'),  # a quotation
    ("Buyer's Guide: 12.9\" iPad Pro", "Buyer's Guide: 12.9 inch iPad Pro"),
    ('The TV is 55" wide.', "The TV is 55 inches wide."),
    ("The 6'2\" guard scored.", "The 6 foot 2 guard scored."),
    ("He is 6'2\" tall.", "He is 6 feet 2 inches tall."),
    ("above 160 mg/dL", "above 160 milligrams per deciliter"),
    ("need 600 IU of vitamin D", "need 600 international units of vitamin D"),
    ("sentenced to 18 mos. in prison", "sentenced to 18 months in prison"),
    ("threw for 312 yds and 3 TDs", "threw for 312 yards and 3 touchdowns"),
    ("with 14 HR this season", "with 14 home runs this season"),
    ("kicked a 52-yd FG", "kicked a 52 yard field goal"),
    ("Won by 7 wkts", "Won by 7 wickets"),
    ("averaged 18.4 fantasy pts per game", "averaged 18.4 fantasy points per game"),
    ("a 48MP camera", "a forty-eight megapixel camera"),
    ("a 2TB SSD", "a 2 terabyte SSD"),
    ("with 32GB of RAM", "with 32 gigabytes of RAM"),
]

test_rule, test_idempotent = table_tests(CASES)
