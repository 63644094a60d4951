"""What a listener may choose (speed, format), validated alike by the CLI, API and workers."""

from __future__ import annotations

import math

from narrator import errors
from narrator.config import FORMATS, MAX_SPEED, MIN_SPEED


def check_speed(speed: object) -> float:
    if isinstance(speed, bool):  # JSON true would otherwise pass as 1.0
        speed = str(speed)
    try:
        value = float(speed)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise errors.InvalidSpeed(
            f"speed must be a number from 1.0 to 2.0, got {speed!r}"
        ) from None
    if math.isnan(value) or not MIN_SPEED <= value <= MAX_SPEED:
        raise errors.InvalidSpeed(f"speed must be from 1.0 to 2.0 (1.25 = 250 WPM), got {speed}")
    return round(value, 3)


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise errors.UnknownFormat(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    return fmt
