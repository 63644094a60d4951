"""Amounts and measures as adjectives: singular before the noun they describe."""

from tests.text.normalize_table import table_tests

CASES = [
    # the tin, not the modal; an adjective in "-ible" after a measure (fresh set 46)
    ("Add one 12 oz can of tomatoes.", "Add one 12 ounce can of tomatoes."),
    ("The $5 million can be spent.", "The 5 million dollars can be spent."),
    ('Snow totals of 8-12" possible.', "Snow totals of 8 to 12 inches possible."),
    # "it's" is "it is", no possessive: the measure is the thing itself (fresh set 43)
    ("It's 3°C right now in Toronto.", "It's 3 degrees Celsius right now in Toronto."),
    ("That's 5 km today.", "That's 5 kilometers today."),
    # adjectives: a determiner or a possessive before, a noun after
    ("The $1.2 billion project was approved.", "The 1.2 billion dollar project was approved."),
    ("a $45M deal", "a forty-five million dollar deal"),
    ("Apple's $3 trillion valuation", "Apple's 3 trillion dollar valuation"),
    ("the $2 billion funding package", "the 2 billion dollar funding package"),
    ("He ran a 5 km race.", "He ran a 5 kilometer race."),
    ("The 300 MW plant opened.", "The 300 megawatt plant opened."),
    ("the 25 bps cut", "the 25 basis point cut"),
    ("their 2 GB plan", "their 2 gigabyte plan"),
    # the amount itself: a verb, a pronoun, a preposition or a participle after it
    ("The $5 million was spent.", "The 5 million dollars was spent."),
    ("the $5 million he stole", "the 5 million dollars he stole"),
    ("the $2 billion raised last year", "the 2 billion dollars raised last year"),
    ("the $20 billion going to schools", "the 20 billion dollars going to schools"),
    ("the $1.5 billion in aid", "the 1.5 billion dollars in aid"),
    ("The 5 km took her an hour.", "The 5 kilometers took her an hour."),
    ("the 10 km of road", "the 10 kilometers of road"),
    # no determiner: a count
    ("They paid $45M for it.", "They paid forty-five million dollars for it."),
    ("It weighs 10 kg now.", "It weighs 10 kilograms now."),
    ("after 300 MW came online", "after 300 megawatts came online"),
]

test_rule, test_idempotent = table_tests(CASES)
