"""A listen widget's labels after the last paragraph of a pasted page are not read."""

from __future__ import annotations

from narrator.text.clean.audio import widget_choices
from narrator.text.extract import read_article

PARAGRAPHS = [
    "The city council voted on Tuesday to delay the budget by two weeks after a long debate "
    "about the cost of the new bridge over the river.",
    "Members said the estimate had grown by a third since the spring, and asked the "
    "engineers to explain why before any money is spent on the work.",
    "The mayor said she would present a revised plan at the next meeting, with the bridge "
    "split into two phases so that the first can start this year.",
    "Residents who spoke at the meeting were divided, with some urging the council to drop "
    "the project and others warning that the old bridge is no longer safe.",
]
WIDGET = [
    "Listen to this article",
    "Choose a voice",
    "Emma (UK)",
    "Choose your listening speed",
    "1.5x",
    "Listen to articles up to 3x faster with our app",
]


def test_widget_labels_after_the_last_paragraph_are_dropped() -> None:
    page = [
        "News", "Local", "Bridge budget delayed by two weeks", "",
        "By Jane DoeRIVERTON, Ohio \u2014 " + PARAGRAPHS[0], "",
        *(x for p in PARAGRAPHS[1:] for x in (p, "")),
        *WIDGET, "", "Most read", "Other story one", "Other story two",
        "\u00a9 2024 The Riverton Post",
    ]  # fmt: skip
    article = read_article("\n".join(page).encode())
    assert article.paragraphs == PARAGRAPHS
    assert (article.title, article.author, article.place) == (
        "Bridge budget delayed by two weeks",
        "Jane Doe",
        "Riverton, Ohio",
    )


def test_a_choice_is_dropped_only_between_two_widget_labels() -> None:
    lines = ["Choose a voice", "", "Emma (UK)", "Choose your listening speed", "Key points"]
    assert widget_choices(lines) == {2}
    assert widget_choices(["Key points", "Emma (UK)", "Choose a voice"]) == set()
