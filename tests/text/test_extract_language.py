"""Guessing the language when the page does not say it."""

from __future__ import annotations

from narrator.text.extract import guess_language


def test_guess_language() -> None:
    assert guess_language("The council said that it was on the agenda for the vote.") == "en"
    french = "Le conseil a voté pour le projet et la ville est prête pour les travaux dans le port."
    assert guess_language(french) == "fr"
    assert guess_language("Too short.") == "en"
