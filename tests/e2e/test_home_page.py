"""The home page in a real browser against `narrator serve`: paste or upload, hear it, list, delete.

Headless Chromium (tests/helpers/browser.py). The first test also writes docs/home.png, the
screenshot in the README.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.helpers.processes import ROOT
from tests.helpers.stack import Api, Stack, base_env

ARTICLE = (
    "The harbor woke before the town did. Fishing boats slid out past the breakwater while the "
    "gulls argued over the night's scraps.\n\nBy seven the market stalls were open, and the "
    "first buyers walked the rows of ice with their hands in their pockets. Nobody hurried; "
    "the fish would keep, and so would the gossip."
)
TIMES = "\u00d7"  # the page writes speeds with a multiplication sign: 1.5 times is "1.5\u00d7"
PAGE_HTML = """<!doctype html><html><head><title>Lighthouse keepers</title></head><body>
<article><h1>Lighthouse keepers</h1><p>The last keeper left the island in 1987. For a century
before that, someone climbed the stairs every evening to light the lamp.</p>
<p>Now the light runs itself, and the keeper's cottage rents by the week.</p></article>
</body></html>"""


def wait(driver: Any, condition: Any, timeout: float = 60, what: str = "") -> Any:
    return WebDriverWait(driver, timeout, poll_frequency=0.2).until(condition, what)


def open_home(browser: Any, api: Api) -> None:
    browser.get(api.url + "/")
    # The voices are listed once the catalog answers: the default first.
    wait(browser, lambda d: d.find_element(By.ID, "voice").get_attribute("value"), 60, "voices")


def rows(browser: Any) -> list[Any]:
    return list(browser.find_elements(By.CSS_SELECTOR, "#recent tr.narration"))


def row_texts(browser: Any) -> list[str]:
    # Read in one script: the list is re-rendered while it is polled (no stale elements).
    script = "return [...document.querySelectorAll('#recent tr.narration')].map(r => r.innerText)"
    return list(browser.execute_script(script))


def current_time(browser: Any) -> float:
    return float(browser.execute_script("return document.getElementById('now-audio').currentTime"))


@pytest.mark.slow
def test_paste_pick_voice_and_speed_and_hear_it_play(
    stack: Stack, data_dir: Path, browser: Any
) -> None:
    api = stack.start_api(base_env(data_dir))
    open_home(browser, api)
    voices = Select(browser.find_element(By.ID, "voice")).options
    assert "en-us" in [o.get_attribute("value") for o in voices]
    browser.find_element(By.ID, "article-text").send_keys(ARTICLE)
    browser.find_element(By.ID, "title").send_keys("The harbor")
    Select(browser.find_element(By.ID, "voice")).select_by_value("en-us")
    Select(browser.find_element(By.ID, "speed")).select_by_value("1.5")
    browser.find_element(By.ID, "submit").click()

    # Playback starts from the progressive stream and advances.
    wait(browser, lambda d: current_time(d) > 0.3, 60, "playback to start")
    first = current_time(browser)
    wait(browser, lambda d: current_time(d) > first + 0.5, 30, "playback to advance")
    assert f"en-us, 1.5{TIMES} (300 WPM)" in browser.find_element(By.ID, "now-status").text

    wait(browser, lambda d: "ready" in d.find_element(By.ID, "now-status").text, 90, "ready")
    wait(browser, lambda d: row_texts(d) and "ready" in row_texts(d)[0], 30, "the list to show it")
    row = row_texts(browser)[0]
    assert "The harbor" in row and "en-us" in row and f"1.5{TIMES} \u00b7 300 WPM" in row
    with api.client() as c:
        listed = c.get("/v1/narrations").json()["narrations"]
    assert [(n["voice"], n["speed"], n["status"]) for n in listed] == [("en-us", 1.5, "ready")]
    assert listed[0]["wpm"] > 0

    # The README's screenshot: the whole page, the narration just heard in the list.
    browser.execute_script("document.getElementById('now-audio').pause(); window.scrollTo(0, 0)")
    browser.set_window_size(1280, 1400)
    (ROOT / "docs").mkdir(exist_ok=True)
    browser.save_screenshot(str(ROOT / "docs" / "home.png"))

    rows(browser)[0].find_element(By.CSS_SELECTOR, "button.embed-toggle").click()
    snippet = browser.find_element(By.CSS_SELECTOR, "tr.embed textarea").get_attribute("value")
    assert snippet.startswith(f'<script async src="{api.url}/widget.js" data-narration="')
    assert f'<iframe src="{listed[0]["player_url"]}"' in snippet


@pytest.mark.slow
def test_upload_an_html_file(stack: Stack, data_dir: Path, tmp_path: Path, browser: Any) -> None:
    api = stack.start_api(base_env(data_dir))
    page = tmp_path / "lighthouse.html"
    page.write_text(PAGE_HTML)
    open_home(browser, api)
    browser.find_element(By.ID, "article-file").send_keys(str(page))
    Select(browser.find_element(By.ID, "voice")).select_by_value("en-us")
    browser.find_element(By.ID, "submit").click()
    wait(browser, lambda d: current_time(d) > 0.3, 60, "playback to start")
    wait(browser, lambda d: row_texts(d) and "ready" in row_texts(d)[0], 90, "ready in the list")
    assert "Lighthouse keepers" in row_texts(browser)[0]  # the title read from the page
    with api.client() as c:
        (n,) = c.get("/v1/narrations").json()["narrations"]
        script = c.get(n["script_url"]).text
    assert "keeper" in script and "<p>" not in script


@pytest.mark.slow
def test_list_pages_and_delete(stack: Stack, data_dir: Path, browser: Any) -> None:
    api = stack.start_api(base_env(data_dir))
    with api.client() as c:
        ids = [
            c.post(
                "/v1/narrations", json={"text": f"Note {i}. Short.", "title": f"Note {i}"}
            ).json()["id"]
            for i in range(12)
        ]
    open_home(browser, api)
    wait(browser, lambda d: len(row_texts(d)) == 10, 30, "the first page")
    assert row_texts(browser)[0].startswith("Note 11")
    browser.find_element(By.ID, "more").click()
    wait(browser, lambda d: len(row_texts(d)) == 12, 30, "the next page")
    assert not browser.find_element(By.ID, "more").is_displayed()

    target = rows(browser)[0]
    assert target.get_attribute("data-id") == ids[-1]
    target.find_element(By.CSS_SELECTOR, "button.delete").click()
    browser.switch_to.alert.accept()
    wait(browser, lambda d: len(row_texts(d)) == 11, 30, "the row to go")
    with api.client() as c:
        assert c.get(f"/v1/narrations/{ids[-1]}").status_code == 404


@pytest.mark.slow
def test_with_api_keys_the_page_asks_for_one_and_says_when_it_is_wrong(
    stack: Stack, data_dir: Path, browser: Any
) -> None:
    api = stack.start_api(base_env(data_dir, api_keys="right-key"))
    open_home(browser, api)
    message = browser.find_element(By.ID, "key-message")
    wait(browser, lambda d: message.is_displayed(), 30, "the key prompt")
    assert "requires an API key" in message.text
    browser.find_element(By.ID, "api-key").send_keys("wrong-key\n")
    wait(browser, lambda d: "refused" in message.text, 30, "the refusal")
    browser.find_element(By.ID, "api-key").send_keys("right-key\n")
    wait(browser, lambda d: not message.is_displayed(), 30, "the prompt to go")
    assert browser.execute_script("return sessionStorage.getItem('narrator.apiKey')") == "right-key"
    assert browser.execute_script("return localStorage.length") == 0
    browser.find_element(By.ID, "article-text").send_keys(ARTICLE)
    Select(browser.find_element(By.ID, "voice")).select_by_value("en-us")
    browser.find_element(By.ID, "submit").click()
    wait(browser, lambda d: row_texts(d), 60, "the narration in the list")
