"""Money: currency symbols and codes, scales, cents, ranges."""

from tests.text.normalize_table import table_tests

CASES = [
    # a listing's abbreviations after a price (fresh set 20)
    (
        "Double room in shared house, £450 pcm, bills included.",
        "Double room in shared house, 450 pounds per calendar month, bills included.",
    ),
    ("Used road bike, $150 OBO.", "Used road bike, 150 dollars or best offer."),
    ("Sofa for sale, £80 ono.", "Sofa for sale, 80 pounds or nearest offer."),
    ("A salary of £30,000 p.a. plus bonus.", "A salary of 30,000 pounds a year plus bonus."),
    ("Parking is £25 pw in the centre.", "Parking is 25 pounds a week in the centre."),
    ("It costs $5 pa and more.", "It costs 5 dollars pa and more."),
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
    ("Avocados are $0.99 ea. this week.", "Avocados are 99 cents each this week."),
    ("Shirts are $12 ea.", "Shirts are 12 dollars each."),
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
    ("costs around 4,50 €.", "costs around 4 euros and 50 cents."),
    ("grew by 2,3 % between", "grew by 2.3 percent between"),
    ("a 5,000 € fund", "a 5,000 euro fund"),
    (
        "an estimated $1.6 billion ahead of the draw",
        "an estimated 1.6 billion dollars ahead of the draw",
    ),
    ("recorded 3,5 mm of rain", "recorded 3.5 millimeters of rain"),
    ("A dividend of 38p per share", "A dividend of 38 pence per share"),
    ("Tickets cost 50p each.", "Tickets cost 50 pence each."),
    ("Exhibit 6p shows", "Exhibit 6p shows"),  # a label
    ("Only 50p each", "Only 50 pence each"),  # a capital that only starts the sentence
    ('"Just 20p a bag," she said', '"Just 20 pence a bag," she said'),
    ("see Exhibit 6p for details", "see Exhibit 6p for details"),
    ("as Form 9p states", "as Form 9p states"),
    ("costs $0.023 per GB per month", "costs 0.023 dollars per gigabyte per month"),
    ("a 24.99% APR", "a 24.99 percent A-P-R"),
    ("a $1.5M-$2M deal", "a 1.5 to 2 million dollar deal"),
    ("a $1-2 million gift", "a 1 to 2 million dollar gift"),
    ("This pinot noir is 13.5% ABV.", "This pinot noir is 13.5 percent alcohol by volume."),
    # thousands with a letter on both ends of a range
    (
        "Salary: $65k-$80k plus benefits.",
        "Salary: 65 thousand to 80 thousand dollars plus benefits.",
    ),
    ("a $1.5M-$2M deal", "a 1.5 to 2 million dollar deal"),
    # rupees in lakhs and crores
    (
        "The flat is listed at Rs 85,00,000, negotiable.",
        "The flat is listed at eighty-five lakh rupees, negotiable.",
    ),
    (
        "A penalty of ₹1,50,000 was imposed",
        "A penalty of one lakh fifty thousand rupees was imposed",
    ),
    # South Africa's rand where only money fits
    ("spend R2.5 billion on clinics", "spend 2.5 billion rand on clinics"),
    ("R2-D2 and the R2 road", "R2-D2 and the R2 road"),
    # more currency codes
    (
        "A taxi from the airport is about MXN 350.",
        "A taxi from the airport is about 350 Mexican pesos.",
    ),
    ("It costs 1,200 SEK.", "It costs 1,200 Swedish kronor."),
    # under a unit of a named dollar, its cents keep the name
    ("It traded at US$0.73 on Friday.", "It traded at 73 US cents on Friday."),
    ("It cost $0.99.", "It cost 99 cents."),
    ("A bag of rice sells for ₦75,000 in Lagos.", "A bag of rice sells for 75,000 naira in Lagos."),
    ("a final dividend of 83c a share", "a final dividend of 83 cents a share"),
    ("He bought 0.25 BTC near the peak.", "He bought 0.25 bitcoin near the peak."),
    (
        "Lot 22: oak sideboard, est. £300-500.",
        "Lot 22: oak sideboard, estimated 300 to 500 pounds.",
    ),
    # a scale in a headline's capitals, "Billion", "Bn" (read after Mali's pledge page)
    ("Donors Pledge $4.2 Billion for Mali", "Donors Pledge 4.2 billion dollars for Mali"),
    ("UK Sets £3 Bn Fund", "UK Sets 3 billion pounds Fund"),
    ("costing $4.2 BILLION", "costing 4.2 billion dollars"),
    # currencies as Nairobi, Kuala Lumpur, Jakarta, Accra and Dubai papers write them
    ("awarded him KSh5 million in damages", "awarded him 5 million Kenyan shillings in damages"),
    ("costs RM250 a night", "costs 250 ringgit a night"),
    ("Rp 15,000 per kg", "15,000 rupiah per kilogram"),
    ("pay GH₵500", "pay 500 cedis"),
    ("fees of 500 KES", "fees of 500 Kenyan shillings"),
    ("a Dh10m deal", "a 10 million dirham deal"),
    ("the PHP 8.1 release", "the PHP eight point one release"),
    # one letter for rand or naira, after a word of prices
    ("A loaf costs about R20 in Johannesburg.", "A loaf costs about 20 rand in Johannesburg."),
    ("The ticket sold for N500 at the gate.", "The ticket sold for 500 naira at the gate."),
    ("cost R2-D2 fans", "cost R2-D2 fans"),
    # a sign after its amount, a job ad's "DOE", a rate's "p/m"
    ("Coffee was 20 $ at the airport.", "Coffee was 20 dollars at the airport."),
    (
        "Salary: $65K-$75K DOE.",
        "Salary: 65 thousand to 75 thousand dollars depending on experience.",
    ),
    ("Spotify is £11.99 p/m now.", "Spotify is 11 pounds and 99 pence a month now."),
    # a figure to a tenth, and a fuel price to a tenth of a cent
    ("Brent settled at $80.5/bbl.", "Brent settled at 80.5 dollars a barrel."),
    ("earned $0.5/hr", "earned 50 cents an hour"),
    (
        "Unleaded averaged $3.299/gal this week.",
        "Unleaded averaged 3.299 dollars a gallon this week.",
    ),
    ("a €1.500 prize", "a 1,500 euro prize"),
    (
        "Steers brought $265-$280/cwt at the sale.",
        "Steers brought 265 to 280 dollars a hundredweight at the sale.",
    ),
    ("Gas climbed to $3/MMBtu.", "Gas climbed to 3 dollars per million British thermal units."),
    ("with EUR/USD at 1.0850", "with euro-dollar at 1.0850"),
    # pence to three figures; a video's lines are not pence
    (
        "Shares fell 12p to 318p in early trading.",
        "Shares fell 12 pence to 318 pence in early trading.",
    ),
    ("Stream it in 720p.", "Stream it in seven twenty P."),
    # a noun ending in "-ed" after the amount: "seed" is no verb
    ("The startup closed a $5M seed round.", "The startup closed a 5 million dollar seed round."),
    ("the $2 billion raised", "the 2 billion dollars raised"),
    (
        "He signed a four-year, $212 million extension.",
        "He signed a four-year, 212 million dollar extension.",
    ),
    ("Ticket price: CAD $45", "Ticket price: forty-five Canadian dollars"),
]

test_rule, test_idempotent = table_tests(CASES)
