"""Which URLs the service fetches: fast, resolving only literal addresses and localhost."""

from __future__ import annotations

import pytest

from narrator import errors
from narrator.sources.urls import check_url


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
    ],
)
def test_refused_whatever_the_setting(url: str, says: str) -> None:
    for allow in (True, False):
        with pytest.raises(errors.InvalidUrl, match=says):
            check_url(url, allow_private=allow)


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
def test_private_addresses_refused_when_the_setting_says_so(url: str) -> None:
    with pytest.raises(errors.InvalidUrl, match="private or reserved"):
        check_url(url, allow_private=False)
    assert check_url(url, allow_private=True) == url


def test_a_public_address_passes() -> None:
    assert check_url(" http://93.184.216.34/feed ", allow_private=False) == (
        "http://93.184.216.34/feed"
    )
