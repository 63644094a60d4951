"""What a reader's select-all-and-copy gives for a saved page: `python bench/paste.py DIR...`.

Each DIR holds a page.html; this writes DIR/pasted.txt with `document.body.innerText` of
the page rendered in headless Chromium (Debian's `chromium` and `chromium-driver`). That is
the text a browser puts on the clipboard for a whole-page selection: block boundaries become
line breaks, hidden elements are left out, inline elements run together with no space (so a
byline <span> and a dateline <span> arrive glued).

Rendering is offline. Every host resolves to nothing and a dead proxy catches the rest, so
the page shows what its HTML and inline styles give without its remote CSS, fonts, images and
scripts, as a saved page opened from disk does. JavaScript runs (inline scripts only) unless
`--no-js`: a reader's browser runs it. A page whose inline scripts leave no text (or move
away, as a meta-refresh page does) is rendered again without JavaScript, and `--no-js`
pages are listed in SOURCES.md.

Needs selenium (`pip install selenium`); the chromedriver path is Debian's.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

DRIVER = "/usr/bin/chromedriver"
_MIN_CHARS = 200


def _browser(javascript: bool, profile: str):  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-extensions",
        "--disable-sync",
        "--window-size=1280,2000",
        f"--user-data-dir={profile}",
        # No network: no name resolves, and anything that skips DNS hits a closed port.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=127.0.0.1:9",
        "--blink-settings=imagesEnabled=false",
    ):
        options.add_argument(arg)
    options.binary_location = "/usr/bin/chromium"
    options.page_load_strategy = "normal"
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    return driver


def inner_text(page: Path, *, javascript: bool = True) -> str:
    """document.body.innerText of `page` opened from disk."""
    with tempfile.TemporaryDirectory(prefix="narrator-paste-") as profile:
        driver = _browser(javascript, profile)
        try:
            url = page.resolve().as_uri()
            # A page-load timeout still leaves a rendered page to read.
            with contextlib.suppress(Exception):
                driver.get(url)
            if javascript and driver.current_url != url:
                return ""  # the page navigated away (meta refresh, location.replace)
            text = driver.execute_script("return document.body ? document.body.innerText : ''")
            return str(text or "")
        finally:
            driver.quit()


def render(directory: Path, *, javascript: bool = True) -> tuple[str, bool]:
    """Write directory/pasted.txt; returns the text and whether JavaScript was on."""
    page = directory / "page.html"
    text = inner_text(page, javascript=javascript) if javascript else ""
    used_js = javascript
    if len(text.strip()) < _MIN_CHARS:
        text, used_js = inner_text(page, javascript=False), False
    (directory / "pasted.txt").write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    return text, used_js


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--no-js", action="store_true", help="render with JavaScript off")
    args = parser.parse_args(argv)
    for directory in args.dirs:
        text, used_js = render(directory, javascript=not args.no_js)
        print(f"{directory.name}: {len(text)} chars, javascript {'on' if used_js else 'off'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
