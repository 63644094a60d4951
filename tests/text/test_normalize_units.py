"""Units and measures."""

# ruff: noqa: RUF001 - the curly quotes of pasted text are under test
from tests.text.normalize_table import table_tests

CASES = [
    # a lone g before a word; psi; a scaled cubic unit (fresh set 20)
    ("Sift 250 g flour with 2 tbsp sugar.", "Sift 250 grams flour with 2 tablespoons sugar."),
    ("The scale reads in 1 g increments.", "The scale reads in 1 gram increments."),
    ("Set the tires to 35 psi when cold.", "Set the tires to 35 P-S-I when cold."),
    ("Rated to 3000 PSI.", "Rated to 3000 P-S-I."),
    (
        "The reservoir holds 2.3 billion m³ of water.",
        "The reservoir holds 2.3 billion cubic meters of water.",
    ),
    ("A 5 G network rolls out.", "A 5 G network rolls out."),
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
    ("5'11\" tall", "5 foot 11 tall"),  # a height in marks: "five foot eleven"
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
    ("5 m", "5 meters"),  # a lone "m" is a length (before a plural noun, millions)...
    ("5 L", "5 liters"),  # ...as a capital L is a volume
    ("ran the 100m in 9.58s", "ran the 100 meters in 9.58 seconds"),
    ("a record of 9.58 s still stands", "a record of 9.58 seconds still stands"),  # SI spacing
    ("Wait 5 s and retry.", "Wait 5 seconds and retry."),
    ("a 1 s delay", "a 1 second delay"),
    ("shot at 1/2000 s", "shot at 1/2000 s"),  # a shutter speed's fraction: not whole seconds
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
    ("He is 6'2\" tall.", "He is 6 foot 2 tall."),
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
    ("at a rate of 2 in./hr. during the storm", "at a rate of 2 inches per hour during the storm"),
    ("shoots 4K video at 60 fps", "shoots 4K video at 60 frames per second"),
    ("contains approx. 200 pcs. of track", "contains approximately 200 pieces of track"),
    ("about 12 kts when", "about 12 knots when"),
    ("cruising at 18 kn when", "cruising at 18 knots when"),
    ("a load of 12 kN was", "a load of 12 kilonewtons was"),  # "kn" is a knot
    ("makes 480 hp and 415 lb-ft of torque", "makes 480 horsepower and 415 pound-feet of torque"),
    ("measured nearly 1.6 m from nose to tail", "measured nearly 1.6 meters from nose to tail"),
    ("The 2.0L turbo four", "The two point oh liter turbo four"),
    ("a 5.0-liter V8", "a five point oh liter V8"),
    ("add 2.0 L of water", "add 2 liters of water"),
    ("at 20 Mbit/s on", "at 20 megabits per second on"),
    ("Whisk in 2 TBSP of oil", "Whisk in 2 tablespoons of oil"),
    ("Take one 200 mg tablet", "Take one 200 milligram tablet"),
    ("The pool is 50 M long", "The pool is 50 meters long"),
    ("Measure out 3 CUPS of flour", "Measure out 3 cups of flour"),
    ("shoots 48 MP stills", "shoots forty-eight megapixel stills"),
    ("The 48 MPs voted", "The forty-eight MPs voted"),
    ("a density of 2.7 g/cm³, roughly", "a density of 2.7 grams per cubic centimeter, roughly"),
    ("accelerate at 9.8 m/s².", "accelerate at 9.8 meters per second squared."),
    ("started at 5 mcg/kg/min and", "started at 5 micrograms per kilogram per minute and"),
    ("prints at 10 cm x 15 cm on", "prints at 10 centimeters by 15 centimeters on"),
    ("clocked at 95 wpm during", "clocked at 95 words per minute during"),
    (
        "The fire started in Apt. 3C on the third floor.",
        "The fire started in Apartment 3C on the third floor.",
    ),
    ("Seat 12C is free.", "Seat 12C is free."),
    ("It was 30C in Madrid.", "It was 30 degrees Celsius in Madrid."),
    # a lone "m" apart from its number is a length; before a plural noun, millions
    ("lost roughly 30 m of ice", "lost roughly 30 meters of ice"),
    ("less than 400 m on the road", "less than 400 meters on the road"),
    ("a 25 m pool", "a 25 meter pool"),
    ("some 5 m people", "some 5 million people"),
    # a height in marks is "six foot two"; spelled units are read as written
    ("listed at 6'2\", led the team", "listed at 6 foot 2, led the team"),
    ("A 5’6” 200-pound male", "A 5 foot 6 200-pound male"),
    # a dozen
    ("eggs at $4.99/doz last week", "eggs at 4 dollars and 99 cents a dozen last week"),
    ("ordered 3 doz. roses", "ordered 3 dozen roses"),
    ("yields 180 bu/acre", "yields 180 bushels per acre"),
    (
        "The printer outputs 40 ppm in color.",
        "The printer outputs forty pages per minute in color.",
    ),
    ("CO2 at 420 ppm", "CO2 at 420 parts per million"),
    ("The rug measures 8' x 10'.", "The rug measures 8 feet by 10 feet."),
    ("The pump moves 1,200 gpm.", "The pump moves 1,200 gallons per minute."),
    ("Lead reached 15 ppb in homes.", "Lead reached 15 parts per billion in homes."),
    ("about 1,100 people per sq mi.", "about 1,100 people per square mile."),
    ("1,200 people per sq. mi. in the county", "1,200 people per square mile in the county"),
    ("costs $3 per sq. ft. here", "costs 3 dollars per square foot here"),
    ("rent of $3/sq. ft. a year", "rent of 3 dollars a square foot a year"),
    ("It processes 250,000 bbl/d.", "It processes 250,000 barrels per day."),
    ("the 4.9 million bbl. of oil", "the 4.9 million barrels of oil"),
    # electrical, pressure, force and engine units written with their symbols' case
    ("The sensor draws just 3 mA in standby.", "The sensor draws just 3 milliamps in standby."),
    ("The chip is built on a 5 nm process.", "The chip is built on a 5 nanometer process."),
    ("The bolt is torqued to 35 Nm.", "The bolt is torqued to 35 newton meters."),
    ("a 10 kN load", "a 10 kilonewton load"),
    ("Pressure fell to 960 hPa", "Pressure fell to 960 hectopascals"),
    ("tyres at 220 kPa", "tyres at 220 kilopascals"),
    ("The drive spins at 7,200 RPM.", "The drive spins at 7,200 revolutions per minute."),
    # an -ing noun after a measure; a measure before until
    ("A 2 oz serving has 110 calories.", "A 2 ounce serving has 110 calories."),
    ("the $20 billion going to schools", "the 20 billion dollars going to schools"),
    ("Buses run every 15 min until midnight.", "Buses run every 15 minutes until midnight."),
    # last and next are no noun
    ("up from 48MP last year", "up from forty-eight megapixels last year"),
    # gold's fineness in karats, not thousands
    ("The ring is 18K gold.", "The ring is 18-karat gold."),
    ("a 14k white gold band", "a 14-karat white gold band"),
    ("a 9ct gold chain", "a 9-karat gold chain"),
    ("60K troops", "60 thousand troops"),
    # a labelled seat is a place, not a temperature; racing's distances and weights
    (
        "Your seat is 14C and boarding is from Gate B22.",
        "Your seat is 14C and boarding is from Gate B22.",
    ),
    ("It was 14C in Leeds.", "It was 14 degrees Celsius in Leeds."),
    (
        "The winner carried 9 st 4 lb over 2m 4f.",
        "The winner carried 9 stone 4 pounds over 2 miles 4 furlongs.",
    ),
    ("He won over 5f at Ascot.", "He won over 5 furlongs at Ascot."),
    ("Water usage was 48 kL.", "Water usage was forty-eight kiloliters."),
    ("Fasting glucose was 6.8 mmol/L.", "Fasting glucose was 6.8 millimoles per liter."),
    (
        "The hurricane's pressure dropped to 940 mb.",
        "The hurricane's pressure dropped to nine hundred forty millibars.",
    ),
    ("The file is 700 mb.", "The file is 700 mb."),
    ("Peak torque is 400 N·m.", "Peak torque is 400 newton meters."),
    ("Radiation levels reached 2.3 µSv/h.", "Radiation levels reached 2.3 microsieverts per hour."),
    ("Cook the pasta in 4 qt of boiling water.", "Cook the pasta in 4 quarts of boiling water."),
    # a scale letter between the number and its unit
    (
        "2012 Civic, 148k km, one owner.",
        "twenty twelve Civic, one hundred forty-eight thousand kilometers, one owner.",
    ),
    # markets' and sailors' units; "m" as millions before a unit
    (
        "Exports averaged 1.2m bpd in September.",
        "Exports averaged 1.2 million barrels per day in September.",
    ),
    ("Europe imported 35 bcm of gas.", "Europe imported 35 billion cubic meters of gas."),
    (
        "Exports rose to 75.4 Mt in the quarter.",
        "Exports rose to 75.4 million tonnes in the quarter.",
    ),
    ("a capacity of 5.2 mtpa", "a capacity of 5.2 million tonnes per annum"),
    (
        "intercepted about 300 nm off the coast.",
        "intercepted about 300 nautical miles off the coast.",
    ),
    ("a 7 nm chip", "a 7 nanometer chip"),
    ("measured 140 Bq/kg.", "measured one hundred forty becquerels per kilogram."),
    ("a 3 GBq source", "a 3 gigabecquerel source"),
    ("about 12 million cwt.", "about 12 million hundredweight."),
    # pounds and ounces, before what they weigh an adjective
    ("He landed a 9 lb. 6 oz. largemouth bass.", "He landed a 9-pound 6-ounce largemouth bass."),
    ("The baby weighed 7 lbs 8 oz.", "The baby weighed 7 pounds 8 ounces."),
]

test_rule, test_idempotent = table_tests(CASES)
