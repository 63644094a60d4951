"""The listen widget as a test drives it in Chromium: its state, its shadow root, waits."""

from __future__ import annotations

from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def wait(driver: Any, condition: Any, timeout: float = 60, what: str = "") -> Any:
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition, what)


JS_STATE = """
const host = document.querySelectorAll('.narrator-widget')[arguments[0]];
const r = host.shadowRoot, a = r.querySelector('audio[data-active]');
const on = r.querySelector('.wd.on'), s = r.querySelector('.s[aria-current]');
return {id: host.dataset.narration, t: a.currentTime, paused: a.paused, rate: a.playbackRate,
  duration: a.duration, src: a.src, word: on && on.textContent, sentence: s && s.textContent,
  remaining: r.querySelector('.remaining').textContent,
  elapsed: r.querySelector('.elapsed').textContent,
  status: r.querySelector('.status').textContent};
"""


def state(browser: Any, index: int = 0) -> dict[str, Any]:
    return dict(browser.execute_script(JS_STATE, index))


def shadow(browser: Any, index: int = 0) -> Any:
    hosts = browser.find_elements(By.CSS_SELECTOR, ".narrator-widget")
    return hosts[index].shadow_root
