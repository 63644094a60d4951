"""Furniture rules, family by family, and the body sentences they must leave alone."""

from __future__ import annotations

import pytest

from narrator.text.clean import is_furniture


@pytest.mark.parametrize(
    "line",
    [
        # ads
        "Advertisement",
        "ADVERTISEMENT",
        "Sponsored",
        "Story continues below advertisement",
        "Advertisement · Scroll to continue",
        # reading time and badges
        "Reading Time: 2 minutes",
        "5 min read",
        "Verified",
        "Fact checked",
        "Fact-checked by Sam Lee",
        # share, follow, subscribe
        "Share this article",
        "Share",
        "Facebook",
        "Facebook Twitter Email",
        "Copy link",
        "Subscribe to our newsletter",
        "Follow us on Twitter",
        "Sign up",
        "Sign up for our Breaking News alerts",
        "Get the Herald's morning briefing in your inbox.",
        "We are funded by readers. Become a member today from just £5 a month.",
        "You must be logged in to comment.",
        "Comments (87)",
        # navigation
        "Skip to content",
        "Home",
        "Menu",
        "Home | News | Sport | Weather",
        "Home : News : World News :",
        # who helped with the story
        "Associated Press writer Michelle Faul contributed to this report from Lagos, Nigeria.",
        "Contributing: Jane Doe, USA TODAY",
        "HOME  >  NEWS  >  CALIFORNIA",
        "Home » LIFESTYLE » Health Experts Say Yoga Enhanced Mental Functions",
        "Back to top",
        # cookies
        "We use cookies to improve your experience on our site.",
        "By continuing to browse, you agree to our use of cookies.",
        "Accept all cookies",
        # a consent dialog: the site on its cookies, however long, and the purposes it lists
        "On this website we use cookies and similar functions to process end device information "
        "and personal data (e.g. such as IP-addresses or browser information). The processing is "
        "used for purposes such as to integrate content, external services and elements from "
        "third parties, statistical analysis/measurement, personalized advertising and the "
        "integration of social media. Depending on the function, data is passed on to up to 2202 "
        "third parties and processed by them. This consent is voluntary, not required for the "
        "use of our website and can be revoked at any time via the icon at the bottom left.",
        "Advertising and content can be personalised based on your profile. Your activity on "
        "this service can be used to build or improve a profile about you for personalised "
        "advertising and content.",
        # a writer's own appeal, and a newsletter prompt whoever speaks
        "Every month, I spend hundreds of hours and thousands of dollars keeping the site going. "
        "For two decades it has remained free thanks to patronage from readers. If it makes your "
        "life more livable, please consider aiding its sustenance with a one-time or loyal "
        "donation. Your support makes all the difference.",
        "Need to cancel an existing donation? (It's okay. I treasure your kindness and appreciate "
        "your support for as long as it lasted.) You can do so on this page.",
        "For an act of resistance to the tyranny of algorithms, try the Marginalian newsletter.",
        # a paywall's meter
        "You have 1 article left to read this month before you need to register a free account.",
        "This is your last free story.",
        # an email's notes about itself, in a newsletter read as an article
        "You are receiving this email because you subscribed to our newsletter.",
        "View this email in your browser",
        "Unsubscribe | Update your preferences",
        "Unsubscribe",
        "This email was sent to jane@example.com by Example News.",
        "Add news@example.com to your address book to keep us out of your spam folder.",
        "Was this newsletter forwarded to you? Sign up here.",
        # a fed or syndicated copy's note on where it ran first
        "The post Council approves harbor plan appeared first on Harbor City News.",
        "This article was originally published on The Conversation. Read the original article.",
        "The article Ten ways to save energy first appeared on Green Living.",
        # photo credits
        "Photo: Luis Herrera / Harbor City Herald",
        "Credit: Getty Images",
        "(AP Photo/Evan Vucci)",
        "Getty Images",
        "Courtesy of Zillow",
        "Photo courtesy of the Smith family",
        # listen widget
        "Listen to this article",
        "Listen",
        "Play",
        "Voice: Joanna",
        "Speed",
        "1x",
        "1.25x",
        "0.75x 1x 1.25x 1.5x 2x",
        "250 WPM",
        "Slow / Average / Fast",
        "00:00 / 03:24",
        "-6:12",
        "Powered by AudioReader",
        "Choose your listening speed",
        "Choose a voice",
        "Select voice",
        "Change narrator",
        "Listen to articles up to 3x faster",
        "Listen faster with the app",
        "Get through your reading list faster: listen instead",
        "Listen to more stories on the go",
        "Getting your audio player ready...",
        "Listen to this story · 8 min",
        "AI-generated audio",
        "Natural-sounding AI voices",
        # link lines
        "Related: Metro ridership still 20% below 2019 levels",
        "Read more: What the end of federal aid means for transit agencies",
        "READ MORE: Council delays vote",
        "Related stories",
        "Tags: wildfire, Cal Fire, Paso Robles",
        # dates, sign-offs, copyright
        "Published March 7, 2024 at 6:02 p.m. | Updated March 8, 2024 at 9:15 a.m.",
        "Posted on November 4, 2023 by Clare Whitfield",
        "Updated 3 hours ago",
        "Reporting by Daniel Okafor; Editing by Paul Simao",
        "© 2024 The Daily Courier Ltd. All rights reserved.",
        "•••",
        # email wrappers, job titles under a byline
        "View this email in your browser",
        "Unsubscribe | Update your preferences",
        "You are receiving this email because you subscribed to The Valley Brief.",
        "Senior reporter",
        "Transport correspondent",
        "Deputy political editor",
        # media labels for screen readers
        "Image source, PA Media",
        "Image caption, Commuters face higher fares from 2 March",
        "Media caption, Watch: Commuters react to the news at Leeds station",
        "Twitter Share on Twitter",
        "By signing up, you agree to our Privacy Policy and European users agree to the data "
        "transfer policy.",
        # data protection beside a sign-up form
        "The administrator of your personal data will be Example Media Ltd., 1 Main St. "
        "Detailed information on the processing of personal data can be found in the privacy "
        "policy.",
        # teaser cards and share rows
        "It's a long road from a song in your head to a song on the charts, especially if "
        "you're just learning to play […]",
        "Want to build your own website? It was once assumed you might wait for days [...]",
        "READ THE REST",
        "SHARE / TWEET / 82 COMMENTS",
        # the site's notes on its own rules
        "Read the rules you agree to by using this website in our Terms of Service.",
        "We are a participant in the Amazon Services LLC Associates Program, an affiliate "
        "advertising program designed to provide a means for us to earn fees.",
        "Our forum rules are detailed in the Community Guidelines.",
        "Boing Boing is published under a Creative Commons license except where otherwise noted.",
        # support prompts
        "Become a KPBS sponsor",
    ],
)
def test_furniture(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        # a story's sentence about contributions, and a headline with a colon
        "The foundation contributed to the report's costs, the council said.",
        "Review: A Quiet Film About Loud Families",
        "He declined.",
        "Prices rose 2x.",
        "It played.",
        "Home prices rose 4% in May.",
        "Play resumed after a 20-minute delay.",
        "The company said it would share the data with regulators.",
        "Nearly 2 million people subscribe to the service.",
        "The bakery sells cookies and cakes to 300 customers a day.",
        "Verified accounts doubled last year, the company said.",
        '"Sign up now or lose your place," the organisers warned.',
        "By the end of 2024, prices had risen 5%.",
        "Related charges were filed on Monday against three men.",
        "Warnings ignored",
        "Who supports it",
        "Key points",
        "Listen to the people, she said.",
        "The speed limit is 20 mph.",
        "Listen.",
        "Choose your own adventure",
        "Voice of America",
        "The app lets users listen to stories at 3x speed, the company said.",
        '"Listen faster," the coach told them.',
        "Speed cameras go up on Main Street",
        '"We support our members," the union said.',
        "She was a reporter",
        "The editor resigned",
        "Bloggers earn money through affiliate links, the study found.",
        "Facebook changed its privacy policy on Monday.",
        '"Our terms of service protect users," the company said.',
        "The report says the agency should publish under a Creative Commons license.",
        "Courtesy of the museum, the drawings return to Paris.",
        "Courtesy of his mother.",
        "The sponsor pulled out of the deal after the vote.",
        "Tags were found on 40 of the birds.",
        # a story about consent and advertising, and a quotation's elision after a sentence
        "Users can opt out of personalised advertising, the company said on Tuesday.",
        "The regulator found that the retailer used cookies without its customers' consent and "
        "fined it 2 million euros.",
        "Regarding his whereabouts, no new conclusions were reached at the meeting. [...]",
        '"He will give his support to the new team," she said of the donation.',
        "Readers have five stories left in the series, which ends in May.",
        # a story about email and its settings
        "Millions unsubscribe from marketing lists every year, the survey found.",
        "Users can change their privacy settings in the app, the company said.",
        "Customers can manage subscriptions online, the company said.",
        "The article, which first appeared in The Atlantic in 1998, was widely read.",
        "This story was first published in 1923 and is still in print.",
        '"You are receiving this email because we care," the scammers wrote.',
    ],
)
def test_body_text_is_not_furniture(line: str) -> None:
    assert not is_furniture(line)
