"""Which URLs may receive webhooks."""

from __future__ import annotations

import pytest

from narrator import errors
from narrator.webhooks.urls import check_url


@pytest.mark.parametrize(
    "url",
    [
        "ftp://cms.example/h",
        "javascript:alert(1)",
        "cms.example/h",
        "https://",
        "http://cms.example:99999/h",
        "https://cms.example/a b",
        "https://cms.example/\n",
        "https://cms.example/" + "a" * 2000,
    ],
)
def test_refused_whatever_the_setting(url: str) -> None:
    with pytest.raises(errors.InvalidWebhookUrl, match="url: "):
        check_url(url, allow_private=True)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/h",
        "http://localhost/h",
        "http://10.1.2.3/h",
        "http://192.168.0.1/h",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/h",
        "http://0.0.0.0/h",
    ],
)
def test_private_and_loopback_refused_unless_allowed(url: str) -> None:
    with pytest.raises(errors.InvalidWebhookUrl, match="NARRATOR_WEBHOOK_ALLOW_PRIVATE"):
        check_url(url, allow_private=False)
    assert check_url(url, allow_private=True) == url


def test_a_public_address_is_accepted() -> None:
    assert check_url("https://93.184.215.14/hooks", allow_private=False)


def test_a_name_that_does_not_resolve_is_refused_when_addresses_are_checked() -> None:
    with pytest.raises(errors.InvalidWebhookUrl, match="cannot resolve"):
        check_url("https://no-such-host.invalid/h", allow_private=False)
