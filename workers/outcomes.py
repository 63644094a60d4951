"""What a narration task's exception means: worth another try, or the process told to exit.

Neither is the narration failing: the first is retried (NarrationTask.autoretry_for), the
second sends the message back to the broker (NarrationTask.__call__).
"""

from __future__ import annotations

from celery.exceptions import SoftTimeLimitExceeded
from kombu.exceptions import OperationalError as BrokerError
from sqlalchemy.exc import DBAPIError, OperationalError

from narrator import errors

# Worth another try: our side or the environment, never the user's input.
TRANSIENT: tuple[type[BaseException], ...] = (
    errors.ServiceError,
    OperationalError,
    DBAPIError,
    BrokerError,
    ConnectionError,
    TimeoutError,
    OSError,
    SoftTimeLimitExceeded,
)


def exit_behind(exc: BaseException) -> BaseException | None:
    """The SystemExit or KeyboardInterrupt that `exc` was raised while handling, if any."""
    seen: set[int] = set()
    at: BaseException | None = exc
    while at is not None and id(at) not in seen:
        if isinstance(at, (SystemExit, KeyboardInterrupt)):
            return at
        seen.add(id(at))
        at = at.__cause__ or at.__context__
    return None
