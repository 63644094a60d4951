"""Feeds in: RSS and Atom sources polled on a schedule, each new or edited entry narrated.

urls.py     which URLs we fetch (http/https; private addresses when the settings allow)
fetch.py    one GET with a timeout, a size limit, conditional headers, checked redirects
parse.py    a feed's entries (feedparser), keyed and fingerprinted; what changed since
service.py  the API's side: create, list, show, delete, poll now
schedule.py which sources are due, and the one poll message each (compare-and-set)
poll.py     the worker's side: fetch, parse, narrate what is new or changed, record
"""
