"""Which way a sentence's own place writes numeric dates: "04/06/25" is the fourth of June in a
sentence about a London court and April sixth in one about a Texas court.

The article's language ("en-gb") decides first; where it is plain "en", a sentence that names
a place of day-first dates (Britain, Ireland, Australia, India, Nigeria, most of the world)
and no place of month-first ones (the United States) is read day first, as its writer meant.
Canada and the Philippines write both ways and decide nothing.
"""

from __future__ import annotations

import re

# Countries, their adjectives and their largest cities, where dates are written day first.
_DAY_FIRST = (
    r"U\.?K\.?|Britain|British|England|Scotland|Scottish|Wales|Welsh|Ireland|Irish|N\.?Z\.?"
    r"|London|Manchester|Birmingham|Liverpool|Leeds|Glasgow|Edinburgh|Cardiff|Belfast|Bristol"
    r"|Dublin|Cork|Galway|Limerick"
    r"|Australian?|Sydney|Melbourne|Brisbane|Perth|Adelaide|Canberra|Hobart|Queensland"
    r"|New Zealand|Auckland|Wellington|Christchurch"
    r"|India|Indian|Delhi|Mumbai|Bengaluru|Bangalore|Chennai|Kolkata|Hyderabad"
    r"|Pakistani?|Karachi|Lahore|Islamabad|Bangladesh|Dhaka|Sri Lanka|Colombo|Nepal"
    r"|Nigerian?|Lagos|Abuja|Ghana|Ghanaian|Accra|Kenyan?|Nairobi|Uganda|Kampala|Tanzania"
    r"|South Africa|South African|Johannesburg|Cape Town|Durban|Pretoria|Zimbabwe|Zambia"
    r"|Singapore|Singaporean|Malaysian?|Kuala Lumpur|Hong Kong"
    r"|Europe|European|EU|France|French|Paris|Germany|German|Berlin|Munich|Spain|Spanish"
    r"|Madrid|Barcelona|Italy|Italian|Rome|Milan|Netherlands|Dutch|Amsterdam|Rotterdam"
    r"|Belgium|Belgian|Brussels|Portugal|Lisbon|Sweden|Swedish|Stockholm|Norway|Oslo"
    r"|Denmark|Danish|Copenhagen|Poland|Polish|Warsaw|Greece|Greek|Athens|Switzerland|Swiss"
    r"|Austria|Vienna|Brazil|Brazilian|Mexico|Mexican|Argentina|Israel|Israeli|Egypt|Turkey"
)
# Where they are written month first.
_MONTH_FIRST = (
    r"U\.?S\.?A?|United States|America|American|New York|Washington|California|Texas|Florida"
    r"|Chicago|Los Angeles|Boston|Philadelphia|Seattle|Atlanta|Houston|Dallas|Denver|Miami"
    r"|Canada|Canadian|Philippines|Filipino|Manila"
)
_DAY_FIRST_PLACE = re.compile(rf"\b(?:{_DAY_FIRST})(?![\w-])")
_MONTH_FIRST_PLACE = re.compile(rf"\b(?:{_MONTH_FIRST})(?![\w-])")


def day_first(sentence: str) -> bool | None:
    """True when the sentence names only places of day-first dates; None when it names none,
    or both kinds."""
    if not _DAY_FIRST_PLACE.search(sentence) or _MONTH_FIRST_PLACE.search(sentence):
        return None
    return True
