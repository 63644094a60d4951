"""narrator.urls: which URLs are fetched or posted to (resolving only literal addresses,
localhost and a reserved .invalid name: fast and offline)."""

from __future__ import annotations

import pytest

from narrator import errors, urls
from narrator.config import Settings


def check(url: str, allow_private: bool) -> str:
    return urls.check_url(
        url, allow_private=allow_private, setting="NARRATOR_X_ALLOW", example="https://e.x/f"
    )


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("file:///etc/passwd", "only http:// and https://"),
        ("ftp://example.com/feed", "only http:// and https://"),
        ("javascript:alert(1)", "only http:// and https://"),
        ("example.com/feed", "no scheme"),
        ("http://", "no host"),
        ("", "empty"),
        ("http://example.com:99999/feed", "not a valid URL"),
        ("http://" + "a" * 2000 + ".com/", "longer than"),
        ("https://cms.example/a b", "no spaces"),
        ("https://cms.example/\n/x", "control characters"),
    ],
)
def test_refused_whatever_the_setting(url: str, says: str) -> None:
    for allow in (True, False):
        with pytest.raises(errors.InvalidUrl, match=says) as refused:
            check(url, allow)
        assert str(refused.value).startswith("url: ")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/feed",
        "http://localhost/feed",
        "http://10.1.2.3/feed",
        "http://192.168.0.10/feed",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/feed",
        "http://0.0.0.0/",
    ],
)
def test_private_addresses_refused_unless_the_setting_allows(url: str) -> None:
    with pytest.raises(errors.InvalidUrl, match=r"private, loopback or reserved.*NARRATOR_X"):
        check(url, False)
    assert check(url, True) == url


def test_a_public_address_passes_stripped() -> None:
    assert check(" http://93.184.216.34/feed ", False) == "http://93.184.216.34/feed"


def test_a_name_that_does_not_resolve_is_refused_when_addresses_are_checked() -> None:
    with pytest.raises(errors.InvalidUrl, match="cannot resolve"):
        check("https://no-such-host.invalid/h", False)
    assert check("https://no-such-host.invalid/h", True)


def test_feeds_and_webhooks_each_name_their_own_setting() -> None:
    closed = Settings(fetch_allow_private=False, webhook_allow_private=False)
    with pytest.raises(errors.InvalidUrl, match="NARRATOR_FETCH_ALLOW_PRIVATE"):
        urls.check_fetch_url("http://127.0.0.1/feed", closed)
    with pytest.raises(errors.InvalidUrl, match="NARRATOR_WEBHOOK_ALLOW_PRIVATE"):
        urls.check_webhook_url("http://127.0.0.1/h", closed)
    with pytest.raises(errors.InvalidUrl, match=r"like https://cms\.example/hooks"):
        urls.check_webhook_url("cms.example/h", closed)


def test_a_host_the_http_client_cannot_encode_is_refused() -> None:
    # Found by schemathesis: accepted, then every poll of the source failed in the client.
    with pytest.raises(errors.InvalidUrl, match="url: "):
        check("http://\\\u00cc\u0103\u0102\u20ac\U000c406dh\u00ec/feed", True)
