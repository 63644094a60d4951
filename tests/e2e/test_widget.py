"""The listen widget in real headless Chromium, against `narrator serve` with espeak voices.

A third-party article page, served from another port with hostile CSS, embeds two widgets with
the one-line script tag; the standalone player page is tried too. What a listener does is
checked against the narrations' own timings.json. The first test writes the screenshots in
docs/ that the README shows.
"""

from __future__ import annotations

import functools
import json
import re
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from tests.helpers.browser import chromium
from tests.helpers.processes import ROOT
from tests.helpers.stack import Api, Stack, base_env
from tests.helpers.widget import shadow, state, wait

ARTICLE = (
    "In 2012 the harbor woke before the town did. Fishing boats slid out past the breakwater, "
    "while the gulls argued over the night's scraps.\n\n"
    "By 7 a.m. the market stalls were open, and the first buyers walked the rows of ice with "
    "their hands in their pockets. Nobody hurried; the fish would keep, and so would the "
    "gossip.\n\n"
    "Dr. Reyes, who has sold mackerel here for 31 years, says prices rose 12% since March. "
    "She shrugs about it. The tide, she says, does not read the news."
)
OTHER = "A second article, with its own widget. It has two short paragraphs.\n\nThis is the end."
SECOND_VOICE = "en-gb"
# A page whose rules would break the widget if they reached it.
HOSTILE_CSS = (
    "html { font-size: 30px; } button, select { display: none !important; } "
    "p { margin: 3em 0 !important; } * { letter-spacing: 2px; }"
)


@functools.cache
def _page_html(base: str, first: str, second: str) -> str:
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Harbor news</title><style>{HOSTILE_CSS} body {{ max-width: 46rem; margin: 1rem auto;
font-family: Georgia, serif; padding: 0 .5rem; }}</style>
<script>window.shifts = 0; new PerformanceObserver(l => l.getEntries().forEach(e => {{
  if (!e.hadRecentInput) window.shifts += e.value; }})).observe({{type: "layout-shift",
  buffered: true}});</script></head>
<body><h1>The harbor at dawn</h1>
<div style="min-height:290px"><script async src="{base}/widget.js"
  data-narration="{first}"></script></div>
<p id="below">The article text follows the widget on the publisher's page.</p>
<p>Further down, another story embeds its own.</p>
<div style="min-height:290px"><script async src="{base}/widget.js"
  data-article="{second}"></script></div>
</body></html>"""


def narrate(api: Api, text: str, title: str, headers: dict[str, str] | None = None) -> Any:
    with api.client() as c:
        n = c.post(
            "/v1/narrations",
            json={"text": text, "title": title, "author": "Ana Lima", "voice": "en-us"},
            headers=headers,
        ).json()
        return wait_ready(c, n["id"])


def wait_ready(c: httpx.Client, narration_id: str) -> Any:
    for _ in range(240):
        n = c.get(f"/v1/narrations/{narration_id}").json()
        if n["status"] == "ready":
            n["timings"] = c.get(n["timings_url"]).json()
            return n
        assert n["status"] != "failed", n
        time.sleep(0.25)
    raise AssertionError(f"{narration_id} not ready: {n}")


def word_at(timings: dict[str, Any], ms: float) -> tuple[int, list[int]] | None:
    """(index among all words, [start, end, source_start, source_end]) of the word at `ms`."""
    words = [w for s in timings["sentences"] for w in s["words"]]
    found = None
    for i, w in enumerate(words):
        if w[0] <= ms:
            found = (i, w)
    return found


def check_highlight(browser: Any, n: dict[str, Any], samples: int = 6) -> None:
    """The marked word is the one timings.json puts at the playing time (within 250 ms)."""
    text = n["timings"]["text"]
    words = [w for s in n["timings"]["sentences"] for w in s["words"]]
    for _ in range(samples):
        st = state(browser)
        ms = st["t"] * 1000
        near = [text[w[2] : w[3]] for w in words if w[0] - 250 <= ms <= w[1] + 250]
        if st["word"] is None:  # between sentences: no word is being read
            assert not [w for w in words if w[0] + 250 <= ms <= w[1] - 250], (ms, near)
        else:
            assert st["word"] in near, (ms, st["word"], near)
        sentence = next(s for s in n["timings"]["sentences"] if s["start_ms"] - 250 <= ms)
        assert st["sentence"]
        assert any(
            s["start_ms"] - 250 <= ms <= s["end_ms"] + 900 and st["sentence"] == s["text"]
            for s in n["timings"]["sentences"]
        ), (ms, st["sentence"], sentence)
        time.sleep(0.3)


def remaining_s(text: str) -> int:
    m, s = re.fullmatch(r"\u2212(\d+):(\d\d)", text).groups()  # type: ignore[union-attr]
    return int(m) * 60 + int(s)


def switches(browser: Any) -> list[dict[str, Any]]:
    return list(browser.execute_script("return window.switches"))


# Every switch, and the handover gap a listener hears: from the old rendition's pause (the
# event follows it at once) until the new one's clock moves on.
SWITCH_HOOK = """
window.switches = []; window.gaps = [];
document.querySelectorAll('.narrator-widget').forEach(h => h.addEventListener('narrator:switch',
  e => {
    window.switches.push(e.detail);
    const t0 = performance.now();
    const a = h.shadowRoot.querySelector('audio[data-active]'), from = a.currentTime;
    if (a.paused || a.ended) { window.gaps.push('not playing'); return; }
    const iv = setInterval(() => {
      const ms = performance.now() - t0;
      if (a.currentTime > from + 0.005 || ms > 5000) {
        window.gaps.push(a.currentTime > from + 0.005 ? ms : null); clearInterval(iv);
      }
    }, 2);
  }));
"""
GAP_LIMIT_MS = 300


def check_gap(browser: Any, index: int) -> float | None:
    wait(browser, lambda d: len(d.execute_script("return window.gaps")) > index, 10, "the gap")
    gap = browser.execute_script("return window.gaps")[index]
    if gap == "not playing":  # the listener had paused, or the audio had ended: no handover
        return None
    assert gap is not None and gap <= GAP_LIMIT_MS, gap
    print(f"handover gap of switch {index + 1}: {gap:.0f} ms")
    return float(gap)


def check_switch(api: Api, before: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    """The new rendition took over within one word of the same place in the text."""
    with api.client() as c:
        after = wait_ready(c, event["to"])
    old = word_at(before["timings"], event["fromTime"] * 1000)
    new = word_at(after["timings"], event["toTime"] * 1000)
    assert old and new, event
    text = before["timings"]["text"]
    assert abs(old[0] - new[0]) <= 1, (text[old[1][2] : old[1][3]], text[new[1][2] : new[1][3]])
    return after


@pytest.mark.slow
def test_embedded_widget_plays_seeks_switches_and_resumes(
    stack: Stack, data_dir: Path, third_party: tuple[str, Path]
) -> None:
    site, root = third_party
    api = stack.start_api(base_env(data_dir, default_voice="en-us"))
    first = narrate(api, ARTICLE, "The harbor at dawn")
    second = narrate(api, OTHER, "Another story")
    (root / "article.html").write_text(_page_html(api.url, first["id"], second["article_id"]))

    with chromium(network_log=True) as browser:
        browser.get(f"{site}/article.html")
        browser.execute_script(SWITCH_HOOK)
        wait(browser, lambda d: len(shadow(d).find_elements(By.CSS_SELECTOR, ".wd")) > 30, 30)
        wait(browser, lambda d: shadow(d, 1).find_elements(By.CSS_SELECTOR, ".s"), 30)
        # Isolated from the page's CSS, title and author from the article, nothing shifted.
        w = shadow(browser)
        play = w.find_element(By.CSS_SELECTOR, ".play")
        assert play.is_displayed() and w.find_element(By.CSS_SELECTOR, ".voice").is_displayed()
        assert (
            w.find_element(By.CSS_SELECTOR, ".download").value_of_css_property("font-size")
            == "14px"
        )
        assert w.find_element(By.CSS_SELECTOR, ".title").text == "The harbor at dawn"
        assert w.find_element(By.CSS_SELECTOR, ".by").text == "By Ana Lima"
        assert "2012" in w.find_element(By.CSS_SELECTOR, ".transcript").get_attribute("textContent")
        assert browser.execute_script("return window.shifts") < 0.01  # CLS
        assert state(browser, 1)["id"] == second["id"]

        # The slider, by keyboard (before playing: a short file is fetched whole once playing):
        # lands within 1 s, with a Range request for the new place.
        seek = w.find_element(By.CSS_SELECTOR, ".seek")
        seek.send_keys(Keys.END, Keys.ARROW_LEFT * 4)
        end = state(browser)["duration"]
        assert abs(state(browser)["t"] - (int(end) - 4)) < 1.0
        wait(browser, lambda d: ranged_after_start(d, first["id"]), 10, "a Range request")
        seek.send_keys(Keys.HOME)
        assert state(browser)["t"] < 1.0

        # Play advances; the other widget stays paused; the marked word follows the audio.
        play.click()
        wait(browser, lambda d: state(d)["t"] > 1.0, 30, "playback")
        assert state(browser, 1)["paused"]
        w.find_element(By.CSS_SELECTOR, ".more").click()  # open the transcript
        check_highlight(browser, first)

        # 1.5x: at once by playbackRate (remaining time follows), then the native rendition.
        before = state(browser)
        w.find_element(By.CSS_SELECTOR, ".speed").send_keys(">", ">")  # < and > step the speed
        st = state(browser)
        assert st["rate"] == 1.5
        assert abs(remaining_s(st["remaining"]) - (st["duration"] - st["t"]) / 1.5) <= 1
        assert remaining_s(st["remaining"]) < remaining_s(before["remaining"]) * 0.75
        wait(browser, lambda d: switches(d), 60, "the switch to the 1.5x rendition")
        fast = check_switch(api, first, switches(browser)[0])
        assert check_gap(browser, 0) is not None  # it switched while playing
        st = state(browser)
        assert fast["speed"] == 1.5 and fast["voice"] == "en-us" and st["id"] == fast["id"]
        assert fast["id"] in st["src"] and st["rate"] == 1
        assert abs(st["duration"] - fast["duration_s"]) < 0.3
        assert not st["paused"]
        check_highlight(browser, fast, samples=3)

        # Another voice: the same.
        Select(w.find_element(By.CSS_SELECTOR, ".voice")).select_by_value(SECOND_VOICE)
        wait(browser, lambda d: len(switches(d)) == 2, 60, "the switch to another voice")
        gb = check_switch(api, fast, switches(browser)[1])
        check_gap(browser, 1)
        st = state(browser)
        assert (gb["voice"], gb["speed"]) == (SECOND_VOICE, 1.5) and gb["id"] in st["src"]
        assert abs(st["duration"] - gb["duration_s"]) < 0.3
        prefs = browser.execute_script(
            "return [localStorage['narrator.voice'], localStorage['narrator.speed']]"
        )
        assert prefs == [f'"{SECOND_VOICE}"', "1.5"]

        # Screenshots for the README: the sample article page, desktop and phone.
        browser.execute_script(
            "document.querySelector('.narrator-widget').shadowRoot"
            ".querySelector('audio[data-active]').pause()"
        )
        (ROOT / "docs").mkdir(exist_ok=True)
        browser.save_screenshot(str(ROOT / "docs" / "widget-embedded.png"))

        # Resume after a reload: at the sentence where the listener stopped (here the fourth,
        # started by clicking it in the transcript).
        w.find_elements(By.CSS_SELECTOR, ".s")[3].click()
        wait(browser, lambda d: not state(d)["paused"], 10, "playing from the sentence")
        time.sleep(0.5)
        w.find_element(By.CSS_SELECTOR, ".play").click()  # pause: where the listener stopped
        ms = state(browser)["t"] * 1000
        stopped = [s for s in gb["timings"]["sentences"] if s["start_ms"] <= ms][-1]
        assert stopped == gb["timings"]["sentences"][3]
        browser.refresh()
        w = shadow(browser)
        wait(
            browser,
            lambda d: shadow(d).find_element(By.CSS_SELECTOR, ".resume").is_displayed(),
            30,
            "the resume offer",
        )
        resume = w.find_element(By.CSS_SELECTOR, ".resume")
        assert resume.text.startswith("Resume from \u201c" + stopped["text"].split()[0])
        resume.click()
        wait(browser, lambda d: not state(d)["paused"], 10, "playing again")
        # Preferred voice and speed were remembered: the same rendition plays.
        assert state(browser)["id"] == gb["id"]
        assert abs(state(browser)["t"] * 1000 - stopped["start_ms"]) < 1000


def ranged_after_start(browser: Any, narration_id: str) -> bool:
    """A 206 answer for this narration's audio that starts past byte 0 (the seek's request)."""
    for entry in browser.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] != "Network.responseReceived":
            continue
        resp = msg["params"]["response"]
        headers = {k.lower(): v for k, v in resp["headers"].items()}
        ranged = headers.get("content-range", "bytes 0-")
        if narration_id in resp["url"] and resp["status"] == 206:
            return_now = not ranged.startswith("bytes 0-")
            if return_now:
                return True
    return False


def focused(browser: Any) -> str:
    return str(
        browser.execute_script(
            "const a = document.activeElement; const r = a && a.shadowRoot;"
            "const f = r && r.activeElement; return f ? f.className || f.tagName : ''"
        )
    )


@pytest.mark.slow
def test_standalone_page_by_keyboard_on_a_phone_with_api_keys(stack: Stack, data_dir: Path) -> None:
    api = stack.start_api(base_env(data_dir, default_voice="en-us", api_keys="secret"))
    n = narrate(api, ARTICLE, "The harbor at dawn", headers={"Authorization": "Bearer secret"})
    with chromium(1280, 900) as browser:
        browser.get(n["player_url"])
        wait(browser, lambda d: shadow(d).find_elements(By.CSS_SELECTOR, ".wd"), 30, "transcript")
        browser.save_screenshot(str(ROOT / "docs" / "widget-desktop.png"))

        # Keyboard only: Tab reaches every control; K plays, > asks for the next speed.
        reached = []
        for _ in range(12):
            browser.switch_to.active_element.send_keys(Keys.TAB)
            reached.append(focused(browser))
        for control in ("play", "back", "seek", "fwd", "speed", "voice", "download", "more", "s"):
            assert control in reached, (control, reached)
        browser.switch_to.active_element.send_keys("k")
        wait(browser, lambda d: state(d)["t"] > 0.5, 20, "playing by keyboard")
        browser.switch_to.active_element.send_keys(">")
        assert state(browser)["rate"] == 1.25
        # No key in the browser, yet the 1.25x rendition is rendered and switched to.
        wait(browser, lambda d: state(d)["id"] != n["id"], 60, "the switch to 1.25x")
        browser.switch_to.active_element.send_keys(" ")  # Space: pause (focus is on a sentence)
        wait(browser, lambda d: state(d)["paused"], 10, "paused by keyboard")
        with api.client() as c:
            assert c.get(f"/v1/narrations/{state(browser)['id']}").json()["speed"] == 1.25
            # Every other write still needs a key.
            refused = c.post("/v1/narrations", json={"text": "A new article."})
            assert refused.status_code == 401

        # A phone: usable at 390 and at 320 px wide, nothing wider than the screen.
        for width in (390, 320):
            browser.set_window_size(width, 844)
            wide = browser.execute_script(
                "const w = document.querySelector('.narrator-widget').shadowRoot"
                ".querySelector('.w'); return [w.scrollWidth, w.clientWidth,"
                " document.documentElement.scrollWidth, window.innerWidth]"
            )
            assert wide[0] <= wide[1] and wide[2] <= wide[3], (width, wide)
            if width == 390:
                browser.save_screenshot(str(ROOT / "docs" / "widget-phone.png"))
