"""Pasted pages: line shapes (prose, stamps, comment markers, footers), the body region,
the headline above it, and bylines glued to the story. Small synthetic pages."""

from __future__ import annotations

from narrator.text.clean.body import body_span, headline_index, page_body
from narrator.text.clean.glued import unglue
from narrator.text.clean.prose import (
    is_comment_marker,
    is_footer,
    is_link_heading,
    is_stamp,
    line_info,
)
from narrator.text.extract import read_article

P1 = (
    "The city council voted on Tuesday to delay the budget by two weeks after a long "
    "debate about the cost of the new bridge over the river."
)
P2 = (
    "Members said they wanted more time to read the report, which was published only on "
    "Monday and runs to more than three hundred pages of tables."
)
P3 = (
    "The mayor said the delay would not change the plan, and that work on the bridge "
    "would still start in the spring as the council had agreed last year."
)
MENU = ["Home", "News", "Sport", "Business", "Culture", "Weather", "Opinion", "Video"]


# --- line shapes ------------------------------------------------------------------------


def test_prose_is_long_running_text_not_title_case() -> None:
    assert line_info(P1).prose
    assert not line_info("He declined.").prose  # short: judged by the line rules
    headline = "Council Delays Budget Vote As Bridge Costs Soar Past Every Estimate Made"
    assert not line_info(headline).prose
    # No full stop but full of function words: a paragraph whose end was lost.
    assert line_info(
        "and then the members of the council said that they would not vote on it"
    ).prose


def test_prose_in_a_language_without_a_stopword_list() -> None:
    latvian = "Tas sev līdzi parāva vairākas mājas, dažas palika tieši uz kraujas malas un ielejā."
    assert line_info(latvian).prose


def test_stamps() -> None:
    for line in [
        "Oct. 9, 2010 - 7:28 AM EST",
        "samsara 19 minutes ago",
        "Hace 28 minutos",
        "Posted by: Jo, 27 Sep 2011 | 15:22",
        "Soumis par x, le lundi 29 octobre 2012 à 15h46",
    ]:
        assert is_stamp(line_info(line)), line
    for line in [
        "Worlds 2023 champions",
        "The vote was on Oct. 9, 2010, at the town hall.",
        "Home",
    ]:
        assert not is_stamp(line_info(line)), line


def test_comment_markers_and_footers() -> None:
    for line in [
        "Comments",
        "Readers' Comments (718)",
        "88 Comentarios",
        "Add your comment",
        "Posted by: Florida CPA",
        "zorba the meek on Sep 21, 3:38 PM said:",
        "5 thoughts on \u201cJSON parsing: simdjson vs. JSON for Modern C++\u201d",
        "One response to Council delays budget vote",
        "Discussion",
    ]:
        assert is_comment_marker(line_info(line)), line
    assert not is_comment_marker(line_info("He declined to comment on the report."))
    assert is_footer(line_info("© 2023 Cable News Network. All Rights Reserved."))
    assert is_footer(line_info("Copyright 2011 The Associated Press."))
    assert not is_footer(line_info("The copyright case was heard on Monday by the court."))
    assert is_link_heading(line_info("Related stories"))
    for heading in [
        "Related posts",
        "Next Up In Tech",
        "DW recommends",
        "More in Good Deals",
        "Tags",
        "Topics:",
    ]:
        assert is_link_heading(line_info(heading)), heading
    assert not is_link_heading(line_info("Tags were found on 40 of the birds."))


# --- the body region --------------------------------------------------------------------


def _page(*parts: list[str]) -> list[str]:
    out: list[str] = []
    for part in parts:
        for line in part:
            out += [line, ""]
    return out


def test_body_is_the_densest_run_of_prose() -> None:
    lines = _page(MENU, ["Council delays budget vote"], [P1, P2, P3], MENU)
    start, end = body_span(lines) or (0, 0)
    assert lines[start] == P1 and lines[end] == P3


def test_a_box_of_links_inside_the_story_does_not_split_it() -> None:
    box = ["Related stories", "Bridge costs rise", "Mayor defends plan", "Road closed"]
    lines = _page(MENU, [P1], box, [P2, P3], MENU)
    start, end = body_span(lines) or (0, 0)
    assert lines[start] == P1 and lines[end] == P3


def test_footer_and_comments_end_the_story() -> None:
    comment = [
        "Comments",
        "jo_bloggs",
        "Oct. 9, 2010 - 7:28 AM EST",
        "I think the council is wasting everyone's time with this debate about a bridge.",
    ]
    lines = _page(MENU, [P1, P2, P3], comment * 4, ["© 2024 The Daily Example"])
    start, end = body_span(lines) or (0, 0)
    assert lines[start] == P1 and lines[end] == P3


def test_comments_with_their_header_over_a_time_stamp_end_the_story() -> None:
    # A blog's comments in German: "91 Ergänzungen" is no heading we know, but each comment
    # has its writer ("Rafael sagt:") over a time stamp.
    comment = [
        "Rafael sagt:",
        "1. Juni 2016 um 18:47 Uhr",
        "Aber Herr S., sie müssen doch jetzt nicht hier trollen, nur weil ihr komisches "
        "Geschäftsmodell ins Tageslicht gezerrt wurde und alle es jetzt sehen können. Das "
        "Urheberrecht gilt auch im Internet, und die Lizenz ist in diesem Fall ganz klar, "
        "wenn man sie denn einmal in Ruhe und bis zum Ende gelesen hat.",
        "Antworten",
    ]
    lines = _page(MENU, [P1, P2, P3] * 2, ["91 Ergänzungen"], comment * 5, MENU)
    start, end = body_span(lines) or (0, 0)
    assert lines[start] == P1 and end == lines.index("91 Ergänzungen") - 2  # the second P3


def test_a_link_to_the_comments_above_the_story_does_not_end_it() -> None:
    # A "Write a comment" link under the byline, and a blog sidebar's "Comments feed", come
    # before the story: the story follows them, so they do not start the comments.
    sidebar = ["Recent posts", *MENU, "Entries feed", "Comments feed", "WordPress.org"]
    # Over 100 words of prose before the marker (a blog's "about" box, a newsletter form),
    # far from the story: without the check the marker would end the page before the story.
    intro = [f"{label}: {P2}" for label in ("About", "Support", "Contact", "Where to find me")]
    for marker_block in (["Write a comment", "Share this article:"], sidebar):
        lines = _page(MENU, intro, MENU * 8, marker_block, [P1, P2, P3] * 2, MENU, MENU)
        start, end = body_span(lines) or (0, 0)
        assert lines[start] == P1 and lines[end] == P3, marker_block


def test_teasers_after_a_heading_over_other_stories_are_not_the_story() -> None:
    # Each teaser: a date, a section, a headline, a one-sentence dek and its author. The
    # deks are prose, but after "Related posts" they gain little and the story ends before.
    teaser = [
        "November 25, 2019",
        "Community",
        "Bridge opening delayed again",
        "The city said on Monday that the new bridge over the river would open in the spring.",
        "Jane Doe",
    ]
    lines = _page(MENU, [P1, P2, P3], ["Related posts"], teaser * 4, MENU)
    start, end = body_span(lines) or (0, 0)
    assert lines[start] == P1 and lines[end] == P3
    # A box of links inside the story still does not end it.
    box = ["Related stories", "Bridge costs rise", "Mayor defends plan"]
    lines = _page(MENU, [P1, P2, P3], box, [P1, P2, P3], MENU)
    start, end = body_span(lines) or (0, 0)
    assert lines[start] == P1 and end == max(i for i, x in enumerate(lines) if x == P3)


def test_a_list_the_story_announces_is_the_story() -> None:
    # "... at the following handles:" then short items with no full stop, one after another:
    # the story's own list, kept to its end, however many items (a real page had 30).
    intro = (
        "The archived accounts will be kept by the National Archives, and the new team will "
        "start fresh accounts under the following names:"
    )
    handles = [f"@Office{i} on Twitter will be archived at @Office{i}44" for i in range(20)]
    lines = _page(MENU, [P1, P2, intro], handles, MENU * 3)
    start, end = body_span(lines) or (0, 0)
    assert lines[start] == P1 and lines[end] == handles[-1]
    # No colon, no list: the same lines after the story are a gap, and the story ends first.
    lines = _page(MENU, [P1, P2, intro.rstrip(":") + "."], handles, MENU * 3)
    start, end = body_span(lines) or (0, 0)
    assert lines[end] != handles[-1]
    # A colon does not carry the story past a heading over other stories or furniture.
    box = ["Related stories", "Bridge costs rise", "Mayor defends plan at length today"]
    lines = _page(MENU, [P1, P2, intro], box, MENU * 3)
    start, end = body_span(lines) or (0, 0)
    assert lines[end] == intro


def test_teaser_cards_after_a_short_story_are_not_the_story() -> None:
    # A short post (one paragraph), then cards for other posts: a headline, an excerpt and a
    # "Read more" button each. The excerpts are longer prose than the story, but a button
    # repeated under paragraphs, or excerpts cut short with "[…]", are other stories.
    card = [
        "Bridge opening delayed again in the spring",
        "The city said on Monday that the new bridge over the river would open in the "
        "spring, after engineers found that the steel for the deck had arrived late from "
        "the mill and that the paint would need another month to cure before traffic.",
        "READ THE REST",
    ]
    lines = _page(MENU, ["Council delays budget vote"], [P1], card * 4, MENU)
    start, end = body_span(lines) or (0, 0)
    assert lines[start] == P1 and lines[end] == P1
    cut = [card[0], card[1][:150] + " [\u2026]"]
    lines = _page(MENU, ["Council delays budget vote"], [P1], cut * 4, MENU)
    start, end = body_span(lines) or (0, 0)
    assert lines[start] == P1 and lines[end] == P1


def test_a_single_continue_reading_under_the_lede_does_not_end_the_story() -> None:
    # A paginated article: "Continue Reading" once, between its first paragraphs and the rest.
    lines = _page(MENU, ["Council delays budget vote"], [P1, P2], ["Continue Reading"], [P3], MENU)
    start, end = body_span(lines) or (0, 0)
    assert lines[start] == P1 and lines[end] == P3


def test_a_long_sentence_full_of_names_is_prose() -> None:
    release = (
        "Hyatt Hotels Corporation (NYSE: H) announced the opening of Nam Nghi Phu Quoc as "
        "part of The Unbound Collection by Hyatt, marking the First Branded Property of The "
        "Unbound Collection in Southeast Asia and the Brand's Debut in Vietnam and Asia Pacific."
    )
    assert line_info(release).prose
    headline = "Nam Nghi Phu Quoc, The Unbound Collection by Hyatt Officially Opens In Vietnam"
    assert not line_info(headline).prose


def test_a_closing_bracketed_note_does_not_hide_a_paragraph() -> None:
    last = P3 + " [Top image: Creativa, Notes: Wavebreak Media / Shutterstock, Maths: Mathlab]"
    assert line_info(last).prose
    assert not line_info("[Top image: Creativa, Notes: Wavebreak Media / Shutterstock]").prose


def test_a_data_protection_notice_above_the_story_is_not_its_start() -> None:
    notice = (
        "The administrator of your personal data will be Example Media Ltd. Detailed "
        "information on the processing of personal data can be found in the privacy policy."
    )
    lines = _page([notice, notice], MENU, ["Council delays budget vote"], [P1, P2, P3], MENU)
    start, end = body_span(lines) or (0, 0)
    assert lines[start] == P1 and lines[end] == P3


def test_a_wrapped_paragraph_is_kept_to_its_end() -> None:
    # A plain-text email wraps paragraphs at about 70 characters: the lines of the last one
    # are no sentences one by one, but the paragraph belongs to the story.
    wrapped = [
        "The smaller crop could mean higher prices in grocery stores by",
        "November, said Dana Whitlow, an agricultural economist at Central",
        "Washington University.",
    ]
    story = [P[i : i + 70] for P in (P1, P2, P3) for i in range(0, len(P), 70)]
    lines = [*MENU, "", *story, "", *wrapped, "", "Share this story", "Unsubscribe", *MENU]
    body = page_body(lines)
    assert wrapped[-1] in body


def test_headline_is_the_short_line_whose_words_the_lede_repeats() -> None:
    above = [
        "Politics",
        "Council delays budget vote over bridge",
        "By Jane Doe",
        "Updated 9:22 PM EST, Mon November 6, 2023",
        "A view of the river at dusk",
    ]
    lines = _page(MENU, above, [P1, P2, P3])
    start = lines.index(P1)
    assert lines[headline_index(lines, start) or 0] == "Council delays budget vote over bridge"


def test_a_headline_few_of_whose_words_the_lede_repeats_is_found_over_its_date() -> None:
    # a blog's title says little of what its first paragraphs say; its date line under it,
    # and no other line's, marks it
    above = ["Subscribe", "Something is afoot in the land of the river", "4th March 2026"]
    lines = _page(MENU, above, [P1, P2, P3])
    start = lines.index(P1)
    assert lines[headline_index(lines, start) or 0] == above[1]


def test_pasted_page_reads_as_headline_byline_and_story() -> None:
    above = ["Council delays budget vote over bridge", "By Jane Doe", "Share", "Advertisement"]
    text = "\n".join(_page(MENU, above, [P1, P2, P3], MENU, ["© 2024 The Daily Example"]))
    article = read_article(text.encode())
    assert article.title == "Council delays budget vote over bridge"
    assert article.author == "Jane Doe"
    assert article.paragraphs == [P1, P2, P3]


def test_short_paste_is_left_to_the_line_rules() -> None:
    lines = ["Council delays budget vote", "", P1, "", "He declined.", ""]
    assert page_body(lines) == lines


def test_a_sentence_full_of_names_is_not_a_title_case_headline() -> None:
    names = "Dr. Okafor and Gov. Hale met with U.S. Sen. Maria Lindqvist, D-Minn., at 12 Pine St."
    assert not line_info(names).prose  # it does not count as prose ...
    assert line_info(names).named_sentence  # ... but it costs nothing either
    headline = "Dr. Okafor And Gov. Hale Meet With U.S. Sen. Maria Lindqvist In St. Paul."
    assert not line_info(headline).named_sentence  # no word in lower case but "and", "in"


def test_a_clean_article_pasted_line_by_line_keeps_every_sentence() -> None:
    # Long enough to be searched for a body; the sentences full of names, acronyms and
    # figures (few lower-case words) sit at the end, where nothing prose follows them.
    sentences = [
        "Shares of the regional carrier fell sharply in early trading on the news today.",
        "The airline said fuel costs had risen for the third quarter in a row this year.",
        "Analysts had expected a smaller loss, according to a survey of ten brokers.",
        "The company plans to cut flights on its least busy routes over the winter.",
        "Unions said they had not been consulted about the cuts before the announcement.",
        "The chief executive said the changes would protect jobs at the main hub.",
        "Passengers with bookings on the affected routes will be offered refunds.",
        "The carrier also delayed delivery of new aircraft until the end of next year.",
        "Revenue was £4.5m in Q3 2025, up from £3.9m in FY2024; EPS rose to $1.02.",
        "Pope Leo XIV and King Charles III attended; the CEO, Ana Ruiz, met U.N. staff.",
        "NATO Secretary-General Mark Rutte and EU Commissioner Kaja Kallas spoke in Oslo.",
        "Rep. Jim Banks, R-Ind., and Sen. Tim Kaine, D-Va., sent a letter to the FAA.",
        "Gov. Josh Shapiro of Pennsylvania and Mayor Cherelle Parker of Philadelphia agreed.",
    ]
    article = read_article("\n".join(["Carrier cuts routes", "", *sentences]).encode())
    assert " ".join(article.paragraphs) == " ".join(sentences)


def test_a_byline_without_by_over_its_job_title_is_the_author_of_a_pasted_page() -> None:
    above = [
        "Council delays budget vote over bridge",
        "Share",
        "Jane Doe",
        "Local government reporter",
    ]
    article = read_article("\n".join(_page(MENU, above, [P1, P2, P3], MENU)).encode())
    assert article.author == "Jane Doe"
    assert article.paragraphs == [P1, P2, P3]


def test_short_closing_sentences_stay() -> None:
    lines = _page(MENU, [P1, P2, P3, "Five years, an eternity in politics."], MENU)
    assert "Five years, an eternity in politics." in page_body(lines)


def test_a_closing_sentence_after_photo_credits_and_a_related_link_stays() -> None:
    # A listing's last line, named-heavy (so not prose by shape), under the pictures' credits
    # and an inline link; the video teasers after it are not the story's.
    last = "The listing agents are Ann Lee of Lane Real Estate. Hat tip to Curbed for the find."
    closing = ["Courtesy of Zillow", "Courtesy of Zillow", "RELATED: Peek inside a Maui home"]
    teasers = ["More Home videos", "4:16 Sponsored Content Now Playing", "Gift ideas, more"]
    lines = _page(MENU, [P1, P2, P3, *closing, last], teasers + MENU)
    assert last in page_body(lines)
    assert "More Home videos" not in page_body(lines)
    # Past three such lines the story has ended.
    lines = _page(MENU, [P1, P2, P3, *closing, "Courtesy of Zillow", last], teasers + MENU)
    assert last not in page_body(lines)


def test_a_lede_full_of_names_right_above_the_story_is_its_first_paragraph() -> None:
    lede = (
        "CENTER POINT — Three students from Center Point High School received academic "
        "scholarships from Alabama A&M University."
    )
    lines = _page(
        MENU, ["Three Center Point students received scholarships", lede, P1, P2, P3], MENU
    )
    assert lede in page_body(lines)
    # A caption dated like a wire photo's, or an editor's note in brackets, is not the lede.
    for aside in (
        "Apr. 8: President Obama signs the New START treaty with Russian President Dmitry "
        "Medvedev at the Prague Castle.",
        "(Corrects 10th paragraph to show the Wii is from Nintendo, not Sony.)",
    ):
        lines = _page(MENU, [aside, P1, P2, P3], MENU)
        assert aside not in page_body(lines)


def test_teasers_scattered_above_the_story_do_not_make_its_share_bar_the_comments() -> None:
    # A local paper: teaser blurbs down the side (a hundred words in all, none near another),
    # then the headline, "Comments" in the share bar and "Filed Under" tags, then the story.
    teasers: list[str] = []
    for n in range(10):
        teasers += [f"Teaser number {n} says the county fair opens on Friday with new rides."]
        teasers += MENU * 2
    share = ["Red Cross seeks volunteers", "Comments", "Tweet", "Email", "Filed Under", "Lifestyle"]
    lines = _page(teasers, share, [P1, P2, P3], MENU)
    body = page_body(lines)
    assert P1 in body and P3 in body


def test_a_bare_join_the_discussion_prompt_inside_the_story_does_not_end_it() -> None:
    more = (
        "Residents who spoke at the meeting said they were worried that the new bridge would "
        "bring more traffic to the narrow streets of the old town near the river."
    )
    last = "The council will meet again in two weeks, when the report will be discussed in full."
    lines = _page(MENU, [P1, P2, P3, more, "Join the Discussion", "Post a Comment", last], MENU)
    assert last in page_body(lines)
    # with a count, it heads the comments
    comment = "I think the council is wrong about the bridge and so do most of my neighbours here."
    lines = _page(MENU, [P1, P2, P3, more, "JOIN THE DISCUSSION (7 REPLIES)", comment], MENU)
    assert comment not in page_body(lines)


def test_the_writer_s_note_at_the_foot_is_not_the_story() -> None:
    bio = (
        "Max Rivlin-Nadler is an investigative journalist whose reporting has appeared in "
        "outlets such as the New York Times, the New Republic and the Village Voice."
    )
    lines = _page(MENU, [P1, P2, P3, bio], MENU)
    assert bio not in page_body(lines) and P3 in page_body(lines)


def test_a_caption_signed_with_a_courtesy_credit_is_no_headline() -> None:
    caption = "(From Left) Kayla Williams, Isaiah Latten and Aniyah Owens. (Photo courtesy of CPHS)"
    lede = "Kayla Williams, Isaiah Latten and Aniyah Owens won the awards, the school said."
    lines = _page(MENU, [caption, lede, P1, P2], MENU)
    assert headline_index(lines, lines.index(lede)) is None
    lines = _page(MENU, ["Williams, Latten and Owens win awards", caption, lede, P1], MENU)
    assert headline_index(lines, lines.index(lede)) == lines.index(
        "Williams, Latten and Owens win awards"
    )


# --- bylines glued to the story ---------------------------------------------------------


def test_byline_glued_to_a_dateline_is_split() -> None:
    glued = "By Jane DoeLONDON (Reuters) — The bank said on Tuesday it would cut rates."
    assert unglue(glued) == ["By Jane Doe", "", glued[len("By Jane Doe") :]]
    assert unglue("Sam RoeWASHINGTON — The Senate voted.")[0] == "By Sam Roe"


def test_names_with_inner_capitals_are_not_split() -> None:
    for line in [
        "Ron DeSantis said on Monday that the state would sue.",
        "By Ron DeSantis",
        "Mike McDonald",
        "Andrew Tarantola 8/17/13",
    ]:
        assert unglue(line) == [line]


def test_glued_byline_becomes_the_author() -> None:
    text = "Bank cuts rates\n\nBy Jane DoeLONDON (Reuters) — " + P1 + "\n\n" + P2
    article = read_article(text.encode())
    assert (article.author, article.place) == ("Jane Doe", "London")
    assert article.paragraphs[0].startswith("The city council")


def test_a_lead_in_to_a_quotation_is_not_a_comment_header() -> None:
    assert not is_comment_marker(line_info("The statement said:"))
    assert not is_comment_marker(line_info("In a letter to the board, the chief executive wrote:"))


def test_deks_cut_short_above_the_story_are_teasers_not_its_start() -> None:
    # A science site: the teasers, each a headline and its dek cut off in mid-sentence
    # (a hundred words in all), then the headline, "Comments" in the share bar, the story.
    teasers: list[str] = []
    for n in range(7):
        teasers += [f"Headline of another story number {n}"]
        teasers += [
            f"A dek of another story number {n} that the site cut off after the first few"
            " words of its opening sentence, as such lists..."
        ]
    head = ["Gut Microbes Can Split a Species", "2013-07-18 14:00", "Comments"]
    lines = _page(MENU, teasers, head, [P1, P2, P3], MENU)
    body = page_body(lines)
    assert P1 in body and P3 in body
    assert not any("another story" in x for x in body)
    # One or two paragraphs of the story that trail off are still the story's.
    trailing = P2[:-1] + " and then..."
    body = page_body(_page(MENU, [P1, trailing, P3], MENU))
    assert trailing in body and P3 in body


def test_a_count_of_comments_heads_the_comments() -> None:
    for heading in ("3 comments:", "No Comments", "12 Responses", "one reply"):
        assert is_comment_marker(line_info(heading)), heading
    comment = "Allen said the standard was published a year later than the post says it was."
    more = (
        "Residents who spoke at the meeting said they were worried that the new bridge would "
        "bring more traffic to the narrow streets of the old town near the river."
    )
    lines = _page(MENU, [P1, P2, P3, more, "3 comments:", "Allen said...", comment], MENU)
    assert comment not in page_body(lines) and more in page_body(lines)


def test_a_box_of_text_ads_under_the_story_ends_it() -> None:
    ads = [
        "Ads by Yahoo!",
        "Prevent Mosquitos",
        "Custom Mosquito Misting Systems No More Bug Bites - Free Quote",
        "www.SwatMosquitoSystems.com",
    ]
    policy = (
        "To comment you must first create a profile and sign in with a verified account or a "
        "social network ID, and comments in violation of the rules will be denied."
    )
    more = (
        "Residents who spoke at the meeting said they were worried that the new bridge would "
        "bring more traffic to the narrow streets of the old town near the river."
    )
    lines = _page(MENU, [P1, P2, P3, more], ads, [policy], MENU)
    assert more in page_body(lines) and policy not in page_body(lines)
    assert is_link_heading(line_info("Sponsored Links"))


def test_a_footer_after_the_story_is_not_a_closing_line() -> None:
    # A wire story's copyright line, then the site's comment rules: neither is the story's,
    # though both are sentences and only three lines follow the story.
    notice = (
        "Copyright 2013 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed."
    )
    rules = "Opinions that attack other users may be removed. WAVY is not responsible for them."
    lines = _page(MENU, [P1, P2, P3, notice, rules], ["comments powered by Disqus"])
    body = page_body(lines)
    assert P3 in body and notice not in body and rules not in body


def test_headings_over_other_stories_and_the_writer() -> None:
    for heading in ("Other Stories", "More Mobility Insights", "About Author", "About the Author"):
        assert is_link_heading(line_info(heading)), heading
    assert not is_link_heading(line_info("More funding for rural schools"))


def test_teaser_deks_stamped_with_their_times_or_buttons_are_not_the_story() -> None:
    teasers: list[str] = []
    for n in range(6):
        teasers += [f"Headline of another story {n}"]
        teasers += [
            f"Another story number {n} says the county fair opened with new rides.- 7:5{n} pm"
        ]
    share = ["Horse gets encephalitis", "Comments", "Tweet", "Email"]
    body = page_body(_page(MENU, teasers, share, [P1, P2, P3], MENU))
    assert P1 in body and not any("Another story" in x for x in body)
    cards = [
        f"Story {n} of the week was about the weather and the roads. Full Story" for n in range(4)
    ]
    body = page_body(_page(MENU, [P1, P2, P3], cards, MENU))
    assert P3 in body and not any(x.startswith("Story ") for x in body)


RECIPE = """Lemon Cake

Ingredients:

- 2 cups flour
- 1 cup sugar
- 3 eggs
- 1/2 cup butter, softened
- zest of 2 lemons

Steps:

1. Heat the oven to 350°F.
2. Beat the butter and sugar until pale.
3. Add the eggs one at a time.
4. Fold in the flour and zest.
5. Bake for 35-40 minutes.

Serve warm with cream. Store leftovers in an airtight tin for up to 3 days."""


def test_an_article_of_typed_lists_is_read_whole() -> None:
    """A recipe pasted from an editor: its items were short lines outside the densest prose, so
    the body search kept only its last paragraph. A browser's copy has no typed list markers
    (they are the page's style), so items typed with "- " or "1. " are the writer's own."""
    article = read_article(RECIPE.encode())
    assert article.title == "Lemon Cake"
    assert article.paragraphs[0] == "Ingredients:"
    assert "Bake for 35-40 minutes." in article.paragraphs
    assert len(article.paragraphs) == 13
