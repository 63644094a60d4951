"""Money: currency symbols and codes, scales ("$1.5bn", "¥30 b", "Rs 300 crore"), cents,
ranges, rates ("$20/mo") and codes or euro signs after the amount ("200 EUR", "20 €").

"m" after a currency is millions ("$100m"); without one it is metres (see units).
A dot before groups of three digits with no scale ("$2.000", "€1.500.000") is a thousands
separator, as written in most of Europe and Latin America: no currency is quoted to a tenth
of a cent.
"""

# ruff: noqa: RUF001 - the en dash is matched on purpose

from __future__ import annotations

import re

from narrator.text.normalize.attributive import attributive
from narrator.text.normalize.per import PER, PER_DOT, a_per
from narrator.text.normalize.spoken import AMOUNT, INDIAN, SCALES, Rule, final, indian, is_one

# (symbol as written, spoken singular, spoken plural, minor unit singular/plural or None)
_CURRENCIES: list[tuple[str, str, str, tuple[str, str] | None]] = [
    ("US$", "US dollar", "US dollars", ("cent", "cents")),
    ("USD", "US dollar", "US dollars", ("cent", "cents")),
    ("AU$", "Australian dollar", "Australian dollars", ("cent", "cents")),
    ("A$", "Australian dollar", "Australian dollars", ("cent", "cents")),
    ("CA$", "Canadian dollar", "Canadian dollars", ("cent", "cents")),
    ("C$", "Canadian dollar", "Canadian dollars", ("cent", "cents")),
    ("NZ$", "New Zealand dollar", "New Zealand dollars", ("cent", "cents")),
    ("HK$", "Hong Kong dollar", "Hong Kong dollars", ("cent", "cents")),
    ("S$", "Singapore dollar", "Singapore dollars", ("cent", "cents")),
    ("R$", "real", "reais", None),
    ("NT$", "New Taiwan dollar", "New Taiwan dollars", ("cent", "cents")),
    ("MX$", "Mexican peso", "Mexican pesos", ("centavo", "centavos")),
    ("GH₵", "cedi", "cedis", ("pesewa", "pesewas")),
    ("$", "dollar", "dollars", ("cent", "cents")),
    ("£", "pound", "pounds", ("penny", "pence")),
    ("GBP", "pound", "pounds", ("penny", "pence")),
    ("€", "euro", "euros", ("cent", "cents")),
    ("EUR", "euro", "euros", ("cent", "cents")),
    ("¥", "yen", "yen", None),
    ("₹", "rupee", "rupees", None),
    ("Rs.", "rupee", "rupees", None),
    ("Rs", "rupee", "rupees", None),
    ("INR", "rupee", "rupees", None),
    ("₩", "won", "won", None),
    ("₽", "ruble", "rubles", None),
    ("₦", "naira", "naira", None),
    ("₱", "peso", "pesos", None),
    ("₺", "lira", "lira", None),
    ("₪", "shekel", "shekels", None),
    ("₫", "dong", "dong", None),
    ("฿", "baht", "baht", None),
    ("₴", "hryvnia", "hryvnias", None),
    ("JPY", "yen", "yen", None),
    ("CNY", "yuan", "yuan", None),
    ("RMB", "yuan", "yuan", None),
    ("CHF", "Swiss franc", "Swiss francs", None),
    ("AUD", "Australian dollar", "Australian dollars", ("cent", "cents")),
    ("CAD", "Canadian dollar", "Canadian dollars", ("cent", "cents")),
    ("ZAR", "rand", "rand", ("cent", "cents")),
    ("MXN", "Mexican peso", "Mexican pesos", ("centavo", "centavos")),
    ("NZD", "New Zealand dollar", "New Zealand dollars", ("cent", "cents")),
    ("SGD", "Singapore dollar", "Singapore dollars", ("cent", "cents")),
    ("HKD", "Hong Kong dollar", "Hong Kong dollars", ("cent", "cents")),
    ("SEK", "Swedish krona", "Swedish kronor", None),
    ("NOK", "Norwegian krone", "Norwegian kroner", None),
    ("DKK", "Danish krone", "Danish kroner", None),
    ("BRL", "Brazilian real", "Brazilian reais", None),
    ("TWD", "New Taiwan dollar", "New Taiwan dollars", ("cent", "cents")),
    # Currencies of Africa and Asia as their own papers write them: "KSh5 million" (Nairobi),
    # "RM250" (Kuala Lumpur), "Rp 15,000" (Jakarta), "Tk 500 crore" (Dhaka), "Dh500" (Dubai)
    ("KSh", "Kenyan shilling", "Kenyan shillings", None),
    ("Ksh", "Kenyan shilling", "Kenyan shillings", None),
    ("KES", "Kenyan shilling", "Kenyan shillings", None),
    ("USh", "Ugandan shilling", "Ugandan shillings", None),
    ("UGX", "Ugandan shilling", "Ugandan shillings", None),
    ("TSh", "Tanzanian shilling", "Tanzanian shillings", None),
    ("TZS", "Tanzanian shilling", "Tanzanian shillings", None),
    ("Sh", "shilling", "shillings", None),
    ("NGN", "naira", "naira", None),
    ("GHS", "cedi", "cedis", ("pesewa", "pesewas")),
    ("₵", "cedi", "cedis", ("pesewa", "pesewas")),
    ("EGP", "Egyptian pound", "Egyptian pounds", None),
    ("RM", "ringgit", "ringgit", ("sen", "sen")),
    ("MYR", "ringgit", "ringgit", ("sen", "sen")),
    ("Rp", "rupiah", "rupiah", None),
    ("IDR", "rupiah", "rupiah", None),
    ("Tk", "taka", "taka", None),
    ("BDT", "taka", "taka", None),
    ("PKR", "Pakistani rupee", "Pakistani rupees", None),
    ("Dhs", "dirham", "dirhams", None),
    ("Dh", "dirham", "dirhams", None),
    ("AED", "dirham", "dirhams", None),
    ("SAR", "riyal", "riyals", None),
    ("QAR", "riyal", "riyals", None),
    ("THB", "baht", "baht", None),
    ("VND", "dong", "dong", None),
    ("KRW", "won", "won", None),
    ("ILS", "shekel", "shekels", None),
    ("RUB", "ruble", "rubles", None),
    ("PLN", "zloty", "zlotys", None),
    ("CZK", "Czech koruna", "Czech korunas", None),
    ("HUF", "forint", "forints", None),
]
# Codes also written after the amount: "200 EUR".
_CODES = (
    "USD|EUR|GBP|JPY|INR|CNY|RMB|CHF|AUD|CAD|ZAR|MXN|NZD|SGD|HKD|SEK|NOK|DKK|BRL|TWD|KES|UGX|TZS|"
    "NGN|GHS|EGP|MYR|IDR|BDT|PKR|AED|SAR|QAR|THB|VND|KRW|ILS|RUB|PLN|CZK|HUF"
)
_BY_SYMBOL = {c[0]: c for c in _CURRENCIES}
# Longest first, so that "US$" is not read as "US" and "$", nor "Dhs" as "Dh" and a stray "s"
_SYMBOL = "|".join(re.escape(c[0]) for c in sorted(_CURRENCIES, key=lambda c: -len(c[0])))
# A letter scale may stand apart ("¥30 b") but not start a word ("$20 T-shirts", "$5 M&A").
_LETTERS = r"(?:mn|mln|bn|bln|tn|MN|MLN|BN|BLN|TN|Mn|Mln|Bn|Bln|Tn|k|K|m|M|b|B|T)\b"
# "lakh crore" is one scale (a trillion): "₹2.5 lakh crore" is "2.5 lakh crore rupees"
# A headline's "$4.2 Billion" and a wire's "$4.2 BILLION" are the same scale.
_WORD_SCALE = r"[\s-]?(?:(?i:thousand|million|billion|trillion)|lakhs?(?:\scrores?)?|crores?)\b"
_SCALE = rf"(?:{_WORD_SCALE}|{_LETTERS}|\s{_LETTERS}(?![&'’-]))"
_SCALE_LETTERS = {"k"}  # thousands written with a letter, on both ends of a range
_AMOUNT = rf"(?:\d{{1,3}}(?:\.\d{{3}}){{2,}}(?![\d.])|{AMOUNT}|\.\d\d?\b)"
_THOUSANDS_DOTS = re.compile(r"(?!0\.)\d{1,3}(?:\.\d{3})+")  # "$0.023" is a fraction of a dollar
_RATE = rf"(?:\s?/\s?{PER}\b{PER_DOT})?"
_MONEY = re.compile(
    rf"(?<![\w$£€¥₹₩₽])(?P<cur>{_SYMBOL})\s?(?P<a>{_AMOUNT})(?P<sa>{_SCALE})?"
    rf"(?:\s?(?P<to>-|–|—|\bto\b)\s?(?P<cur2>{_SYMBOL})?\s?(?P<b>{_AMOUNT})(?P<sb>{_SCALE})?)?{_RATE}"
)
_MONEY_CODE_AFTER = re.compile(
    rf"(?<![\w.,])(?P<a>{_AMOUNT})(?P<sa>{_SCALE})?\s?(?P<cur>(?:{_CODES})\b|€|\$(?![\w$]|\d)|£(?!\d)){_RATE}"
)
_CENTS = re.compile(rf"(?<![\w.])(?P<n>{AMOUNT})\s?¢{_RATE}")
# A price as the rules above have said it: its currency's word ends it.
_SAID_PRICE = r"\b(?P<cur>dollars?|pounds?|euros?|cents?|pence|yen|rupees?)"
# A price "pp" is per person ("£8 pp", "$99pp"); elsewhere "pp" is percentage points (units).
_PER_PERSON = re.compile(rf"{_SAID_PRICE}\s*pp\b\.?(?!\s?\d)")
# A shop's or a listing's abbreviation after a price: "$0.99 ea." (each), "£450 pcm" (per
# calendar month), "£120 pw", "£30,000 p.a.", "$150 OBO" (or best offer), "£80 ono".
_QUALIFIERS = {
    "ea": "each",
    "pcm": "per calendar month",
    "pw": "a week",
    "pa": "a year",
    "obo": "or best offer",
    "ono": "or nearest offer",
    "doe": "depending on experience",  # a job ad's "$65K-$75K DOE"
    "p/m": "a month",
    "p/w": "a week",
    "p/a": "a year",
    "p/h": "an hour",
}
_QUALIFIER = re.compile(
    rf"{_SAID_PRICE}\s+(?P<q>ea|DOE|(?i:p\.?c\.?m|p\.?w|p\.a|o\.?b\.?o|o\.?n\.?o|p/[mwah]))\b\.?"
    r"(?![\w'])"
)


def _qualified(m: re.Match[str]) -> str:
    q = m["q"].lower()
    said = _QUALIFIERS[q if "/" in q else q.replace(".", "")]
    return final(m, f"{m['cur']} {said}")


def _scale(raw: str | None) -> str:
    if not raw:
        return ""
    # "lakh crore"; "Billion" and "Bn" as "billion" and "bn"
    return " ".join(SCALES.get(word) or SCALES[word.lower()] for word in raw.strip(" -").split())


def _amount(number: str, currency: tuple[str, str, str, tuple[str, str] | None]) -> str:
    """A single amount without a scale word: "$20.50" -> "20 dollars and 50 cents"."""
    _, one, many, minor = currency
    whole, _, decimals = number.partition(".")
    if decimals and (minor is None or len(decimals) > 2):
        return f"{number} {many}"
    if len(decimals) == 1 and int(whole.replace(",", "")):
        # "$80.5/bbl": a figure to a tenth, "eighty point five dollars" ("$0.5" is fifty cents)
        return f"{number} {many}"
    cents = int(decimals.ljust(2, "0")) if decimals else 0
    major = f"{whole} {one if is_one(whole) else many}"
    if not cents:
        return major
    minor_words = f"{cents} {minor[0] if cents == 1 else minor[1]}" if minor else ""
    if int(whole.replace(",", "")) == 0 and minor and " " in one:
        # "US$0.73": "seventy-three US cents", the qualifier kept (it said whose dollar)
        return f"{cents} {one.rsplit(' ', 1)[0]} {minor[0] if cents == 1 else minor[1]}"
    return minor_words if int(whole.replace(",", "")) == 0 else f"{major} and {minor_words}"


def _thousands(number: str, scale: str) -> tuple[str, str]:
    """ "12.5" thousand -> "12,500": "$12.5k" is "twelve thousand five hundred dollars"."""
    if scale != "thousand" or "." not in number:
        return number, scale
    return f"{round(float(number.replace(',', '')) * 1000):,}", ""


_RATE_AFTER = re.compile(r"\s+(?:a|an|per|each|apiece)\b")  # "$15 to $20 a day"


def _money(m: re.Match[str]) -> str:
    currency = _BY_SYMBOL[m.group("cur")]
    groups = m.groupdict()
    a, b = _whole(groups["a"], groups["sa"], groups.get("per")), groups.get("b")
    b = b and _whole(b, groups.get("sb"), groups.get("per"))
    a, scale_a = _thousands(a, _scale(groups["sa"]))
    scale_b = _scale(groups.get("sb"))
    if b:
        b, scale_b = _thousands(b, scale_b)
    many = currency[2]
    rate = f" {a_per(groups['per'])}" if groups.get("per") else ""
    if b is None:
        # "a $48 million plan" is "a 48 million dollar plan", as a newsreader says it.
        # ("an estimated $4.9 trillion dollars": the source says its unit twice; not an adjective)
        adjective = attributive(m.string, m.start(), m.end()) and not re.match(
            rf"\s+{re.escape(many)}\b", m.string[m.end() :]
        )
        if scale_a:
            return f"{a} {scale_a} {currency[1] if adjective else many}{rate}"
        if adjective and "." not in a:
            return f"{a} {currency[1]}{rate}"
        whole_part, _, cents = a.partition(".")
        if adjective and whole_part in ("", "0") and len(cents) == 2 and currency[3]:
            return f"{int(cents)} {currency[3][0]}{rate}"  # "a $0.30 fee": "a thirty cent fee"
        return _amount(a, currency) + rate
    adjective = not rate and attributive(m.string, m.start(), m.end())
    whole = (
        groups.get("to") == "to" and groups.get("cur2") and not _RATE_AFTER.match(m.string, m.end())
    )
    if whole and not (adjective or rate) and scale_a == scale_b:
        # "from $85K to $140K", "$25 to $150": each amount with its own sign and a "to" between
        # is said whole, "twenty-five dollars to ..." (our writers, four of four); with a dash
        # ("$40-$50", "$85,000-$105,000") or a rate after ("$15 to $20 a day") it is a range
        # said once
        said_a = f"{a} {scale_a} {many}" if scale_a else _amount(a, currency)
        said_b = f"{b} {scale_b} {many}" if scale_b else _amount(b, currency)
        return f"{said_a} to {said_b}{rate}"
    if scale_a or scale_b:
        # "$65k-$80k": each amount with its sign and its letter is said with its scale, "sixty-
        # five thousand to eighty thousand dollars" (five writers of five; "$2.5 million-$3
        # million" is said once, "two point five to three million dollars")
        lettered = groups.get("cur2") and all(
            (groups.get(g) or "").strip().lower() in _SCALE_LETTERS for g in ("sa", "sb")
        )
        first = f"{a} {scale_a}" if scale_a and (scale_a != scale_b or lettered) else a
        unit = currency[1] if adjective else many  # "a $1.5M-$2M deal": "dollar"
        return f"{first} to {b} {scale_b or scale_a} {unit}{rate}"
    if "." in a or "." in b:
        return f"{_amount(a, currency)} to {_amount(b, currency)}{rate}"
    if adjective:
        return f"{a} to {b} {currency[1]}"  # "a $41-$57 range": "a 41 to 57 dollar range"
    return f"{a} to {b} {many}{rate}"


def _whole(number: str, scale: str | None, per: str | None = None) -> str:
    """ "2.000" without a scale is two thousand; "1.500 billion" is one and a half billion;
    "$.99" is "$0.99"; but "$3.299/gal" is a fuel price, to a tenth of a cent."""
    fuel = per is not None and per.lower().rstrip(".") in _FUEL_UNITS
    if not scale and not fuel and _THOUSANDS_DOTS.fullmatch(number):
        return number.replace(".", ",")
    return "0" + number if number.startswith(".") else number


_FUEL_UNITS = frozenset({"gal", "gallon", "l", "litre", "liter"})


def _cents(m: re.Match[str]) -> str:
    rate = f" {a_per(m['per'])}" if m["per"] else ""
    one = is_one(m.group("n")) or (not rate and attributive(m.string, m.start(), m.end()))
    return f"{m.group('n')} {'cent' if one else 'cents'}{rate}"  # "a 50¢ fee": "fifty cent"


# An accountant's negative, "$(0.08)": said as the amount (the sentence says "loss").
_PARENTHESES = re.compile(rf"(?P<cur>{_SYMBOL})\((?P<a>{_AMOUNT})\)")


# The continent's decimal comma, before or after a euro sign, before a percent sign or a
# metric unit: "€49,50", "4,50 €", "2,3 %", "3,5 mm" (one or two digits after it: "€5,000"
# is thousands).
_DECIMAL_COMMA = re.compile(r"(?P<cur>€\s?)(?P<a>\d{1,3}),(?P<c>\d\d)(?!\d|[,.]\d)")
_DECIMAL_COMMA_BEFORE = re.compile(
    r"(?<![\d,.])(?P<a>\d{1,3}),(?P<c>\d{1,2})"
    r"(?P<sign>\s?(?:€|%|°|(?:mm|cm|km|m|kg|g|mg|ml|l|ha)(?![\w/])))(?!\w)"
)

# British pence after their figure, "38p", "50p each", "12.5p", to three figures as share and
# fuel prices are quoted ("fell 12p to 318p", "142.9p a litre"); a video's lines ("720p",
# "480p") are no pence.
_PENCE = re.compile(
    r"(?<![\w.,£$€])(?!(?:144|240|360|480|576|720)p)(?P<n>\d{1,3}(?:\.\d+)?)p\b(?![-'’]|\.\w)"
)
# ... and cents after their figure before what they price: "a dividend of 83c a share", "49c
# each" (a "c" alone is also Celsius: only before "a", "per", "each" is it money).
_CENTS_AFTER = re.compile(
    r"(?<![\w.,£$€])(?P<n>\d{1,2}(?:\.\d+)?)c\b(?=\s+(?:a|an|per|each|apiece)\b)"
)
# Crypto-currencies by their codes after an amount: "0.25 BTC", "3 ETH".
_CRYPTO = re.compile(r"(?<![\w.,])(?P<n>\d+(?:[.,]\d+)*)\s?(?P<code>BTC|ETH)\b")
_CRYPTO_NAMES = {"BTC": "bitcoin", "ETH": "ether"}


# A capitalised word right before the figure names a label ("see Exhibit 6p"), unless it only
# starts the sentence ("Only 50p each"); these name one wherever they stand.
_LABEL_BEFORE = re.compile(r"(?P<start>(?:^|[.!?:]\s+|\n)[\"'“‘(]?)?\b(?P<word>[A-Z][a-z]*)\.?\s$")
_LABEL_WORDS = frozenset(
    {
        "Exhibit", "Form", "Figure", "Fig", "Table", "Schedule", "Annex", "Appendix", "Section",
        "Page", "Item", "Part", "Plate", "Model", "Type", "Class", "Grade", "Size", "Chart",
        "Box", "Line", "Note",
    }
)  # fmt: skip


def _pence(m: re.Match[str]) -> str:
    label = _LABEL_BEFORE.search(m.string, max(0, m.start() - 20), m.start())
    if label and (label["start"] is None or label["word"] in _LABEL_WORDS):
        return m.group(0)  # "Exhibit 6p", "Form 9p": a label's number
    return f"{m['n']} {'penny' if is_one(m['n']) else 'pence'}"


# Rupees in lakhs and crores, "₹1,50,000", "Rs 85,00,000"
_RUPEES_INDIAN = re.compile(rf"(?:₹|\bRs\.?|\bINR)\s?(?P<n>{INDIAN})(?!\d|[.,]\d)")

# South Africa's rand before an amount that can only be money: "R2.5 billion", "R2,000" (a lone
# "R2" may be a road, a model or a droid)
_RAND = re.compile(
    r"\bR(?=\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?\s?(?:billion|million|trillion|bn|m)\b)"
)

# Rand and naira written with one letter, "R20", "N500", after a word that names a price
# ("costs about R20", "sold for N500"): there a letter and a number are money.
_PRICE_WORD = (
    r"\b(?:costs?|costing|cost|priced at|price of|pays?|paid|earns?|earned|worth|sells? for"
    r"|sold for|fee of|fine of|charges?|charged|bought for|spend|spent)"
    r"(?:\s(?:about|around|only|just|roughly|nearly|over|under|up to|some|almost|at least))?\s"
)
_LETTER_CURRENCY = re.compile(
    rf"(?P<lead>{_PRICE_WORD})(?P<c>[RN])(?=\d+(?:,\d{{3}})*(?:\.\d\d)?(?![\w-]|[.,]\d))"
)
_LETTER_CODES = {"R": "ZAR ", "N": "NGN "}

# A currency pair as traders write it, "EUR/USD", "USD/JPY": "euro-dollar", "dollar-yen"
_PAIR_NAMES = {
    "EUR": "euro",
    "USD": "dollar",
    "GBP": "sterling",
    "JPY": "yen",
    "CHF": "Swiss franc",
    "AUD": "Aussie",
    "NZD": "kiwi",
    "CAD": "Canadian dollar",
    "CNY": "yuan",
    "CNH": "yuan",
}
_PAIR_CODES = "|".join(_PAIR_NAMES)
_CURRENCY_PAIR = re.compile(rf"\b(?P<a>{_PAIR_CODES})/(?P<b>{_PAIR_CODES})\b")

# A code before a dollar sign, "CAD $45", "AUD $1.2m": the code names the dollar
_CODE_AND_SIGN = re.compile(r"\b(?P<code>CAD|AUD|NZD|USD|HKD|SGD|TWD)\s?\$(?=\d)")

RULES: list[Rule] = [
    (_CODE_AND_SIGN, lambda m: f"{m['code']} "),
    (_CURRENCY_PAIR, lambda m: f"{_PAIR_NAMES[m['a']]}-{_PAIR_NAMES[m['b']]}"),
    (_RAND, lambda m: "ZAR "),
    (_LETTER_CURRENCY, lambda m: m["lead"] + _LETTER_CODES[m["c"]]),
    (_RUPEES_INDIAN, lambda m: f"{indian(m['n'])} rupees"),
    (_PENCE, _pence),
    (_CENTS_AFTER, lambda m: f"{m['n']} {'cent' if is_one(m['n']) else 'cents'}"),
    (_CRYPTO, lambda m: f"{m['n']} {_CRYPTO_NAMES[m['code']]}"),
    (_DECIMAL_COMMA, lambda m: f"{m['cur']}{m['a']}.{m['c']}"),
    (_DECIMAL_COMMA_BEFORE, lambda m: f"{m['a']}.{m['c']}{m['sign']}"),
    (_PARENTHESES, lambda m: f"{m['cur']}{m['a']}"),
    (_MONEY, _money),
    (_MONEY_CODE_AFTER, _money),
    (_CENTS, _cents),
    (_PER_PERSON, lambda m: f"{m['cur']} per person"),
    (_QUALIFIER, _qualified),
]
