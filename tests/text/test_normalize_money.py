"""Money: currency symbols and codes, scales, cents, ranges."""

from tests.text.normalize_table import table_tests

CASES = [
    ("It cost US$1.5 billion.", "It cost 1.5 billion US dollars."),
    ("It cost $20.50.", "It cost 20 dollars and 50 cents."),
    ("a $48 million plan", "a forty-eight million dollar plan"),
    ("an $8 fee", "an 8 dollar fee"),
    ("It raised $48 million.", "It raised forty-eight million dollars."),
    ("£1.20", "1 pound and 20 pence"),
    ("€5m", "5 million euros"),
    ("¥30b", "30 billion yen"),
    ("Rs 300", "300 rupees"),
    ("Rs. 5", "5 rupees"),
    # Indian scales come before the currency: "Rs 300 crore" is "300 crore rupees"
    # (and "crore" is then respelled, see "news words").
    ("froze Rs 300 crore, or", "froze 300 kroh-r rupees, or"),
    ("between Rs 40 lakh and Rs 1.5 crore", "between forty lakh rupees and 1.5 kroh-r rupees"),
    ("₹2 lakhs each", "2 lakh rupees each"),
    ("about 1.9 lakh units", "about 1.9 lakh units"),
    ("$1", "1 dollar"),
    ("$0.99", "99 cents"),
    ("$1.01", "1 dollar and 1 cent"),
    ("$1,000", "1,000 dollars"),
    ("$2.5bn", "2.5 billion dollars"),
    ("OIL GIANT POSTS $40BN PROFIT", "OIL GIANT POSTS forty billion dollars PROFIT"),
    ("FIRM BOOKS £2.5MN ORDER", "FIRM BOOKS 2.5 million pounds ORDER"),
    ("A$10", "10 Australian dollars"),
    ("$50-$100", "50 to 100 dollars"),
    ("$5-10 million", "5 to 10 million dollars"),
    ("$500 million to $1 billion", "500 million to 1 billion dollars"),
    ("50¢", "50 cents"),
    # magnitudes and decimals
    ("¥30 b", "30 billion yen"),
    ("$3 mln", "3 million dollars"),
    ("a $1.2-billion deal", "a 1.2 billion dollar deal"),
    ("$5m-$10m", "5 to 10 million dollars"),
    ("$20 T-shirts", "20 dollars T-shirts"),  # a letter that starts a word is no scale
    ("$2.000", "2,000 dollars"),  # a dot before three digits: thousands
    ("$1.500.000", "1,500,000 dollars"),
    ("$1.500 billion", "1.500 billion dollars"),
    ("$.99", "99 cents"),
    # codes and the euro sign after the amount
    ("5 USD", "5 US dollars"),
    ("200 EUR", "200 euros"),
    ("20 €", "20 euros"),
    # rates
    ("$20/mo", "20 dollars a month"),
    ("£10/wk", "10 pounds a week"),
    ("$0.5/hr", "50 cents an hour"),
    ("$8/lb", "8 dollars a pound"),
    ("€90/night", "90 euros a night"),
    ("Gas was $3.49/gal. nationwide", "Gas was 3 dollars and forty-nine cents a gallon nationwide"),
    ("It costs $3/gal.", "It costs 3 dollars a gallon."),
    ("Tomatoes are $2.99 per lb here.", "Tomatoes are 2 dollars and 99 cents per pound here."),
    ("Tickets are £8 pp and", "Tickets are 8 pounds per person and"),
    ("costs about 15¢/kWh.", "costs about 15 cents per kilowatt hour."),
    ("The old ₹500 note is gone.", "The old 500 rupee note is gone."),
    (
        "The deal gave the company $40 million shares.",
        "The deal gave the company forty million dollars shares.",
    ),
    ("Net loss was $(0.08) per share.", "Net loss was 8 cents per share."),
    ("raised $12.5k at the sale", "raised 12,500 dollars at the sale"),
    ("A 50¢ surcharge applies.", "A 50 cent surcharge applies."),
    ("It costs 50¢ a day.", "It costs 50 cents a day."),
    ("Admission is $5/person.", "Admission is 5 dollars per person."),
    ("Seats are $50/ticket.", "Seats are 50 dollars a ticket."),
    ("traded in a $41-$57 range", "traded in a forty-one to 57 dollar range"),
    ("rents for $1,850/mo., with utilities", "rents for 1,850 dollars a month, with utilities"),
    (
        "grew from $85K to $140K in a year",
        "grew from 85 thousand dollars to one hundred forty thousand dollars in a year",
    ),
    ("from $50,000 to $70,000", "from 50,000 dollars to 70,000 dollars"),
    ("Tickets are $5-$10 at the gate.", "Tickets are 5 to 10 dollars at the gate."),
    ("costs about $0.16/kWh in", "costs about 16 cents per kilowatt hour in"),
    ("cost $10/GB on", "cost 10 dollars per gigabyte on"),
    ("estimated at ₹2.5 lakh crore", "estimated at 2.5 lakh kroh-r rupees"),
    ("range from $25 to $150 depending", "range from 25 dollars to 150 dollars depending"),
    ("paying $15 to $20 a day", "paying 15 to 20 dollars a day"),
    ("at €49,50 per person", "at forty-nine euros and 50 cents per person"),
    ("costs €5,000 now", "costs 5,000 euros now"),
    ("charges a $0.30 fee on", "charges a 30 cent fee on"),
    ("costs around €3,50, so bring", "costs around 3 euros and 50 cents, so bring"),
]

test_rule, test_idempotent = table_tests(CASES)
