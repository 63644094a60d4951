"""workers.outcomes: an exception raised while the process was told to exit is that exit."""

from __future__ import annotations

from workers.outcomes import exit_behind


def test_the_exit_is_found_behind_what_it_interrupted() -> None:
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as stop:
            raise ValueError("unwinding") from stop
    except ValueError as exc:
        assert isinstance(exit_behind(exc), KeyboardInterrupt)
    try:
        try:
            raise SystemExit(-241)
        except SystemExit:
            raise RuntimeError("This transaction is closed") from None  # its context stays
    except RuntimeError as exc:
        told = exit_behind(exc)
        assert isinstance(told, SystemExit) and told.code == -241


def test_an_ordinary_error_has_no_exit_behind_it() -> None:
    try:
        try:
            raise OSError("disk")
        except OSError as first:
            raise ValueError("then this") from first
    except ValueError as exc:
        assert exit_behind(exc) is None
    assert exit_behind(ValueError("plain")) is None
