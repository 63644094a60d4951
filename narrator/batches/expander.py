"""The thread of the API process that turns accepted batch items into narrations.

POST /v1/batches only stores the items and kicks this thread, so the request answers at once
however large the batch. Extraction and the database rows of each narration happen here, a
page of items at a time, under a lease on the batch (`expand_holder`, `expand_until`) that
the holder renews every page. If the process dies, the batch is taken up again by the next
API process to look (every `scan_s`, and at start-up): at once when the holder ran on this
machine and is gone, else when its lease runs out. Nothing is done twice: a narration is found
by its content before one is made, and only pending items are settled.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from narrator import errors, owners
from narrator.batches import service as batches
from narrator.service import Services
from narrator.store.models import utcnow
from narrator.store.repo import batches as repo

log = logging.getLogger(__name__)


class Expander:
    def __init__(
        self,
        services: Services,
        *,
        lease_s: float = 60.0,
        scan_s: float = 10.0,
        page: int = 50,
    ) -> None:
        self.services = services
        self.lease_s = lease_s
        self.scan_s = scan_s
        self.page = page
        self.holder = owners.tag()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._stop.clear()
                self._thread = threading.Thread(
                    target=self._run, name="batch-expander", daemon=True
                )
                self._thread.start()

    def kick(self) -> None:
        """New items are waiting: look now (and start the thread if it is not running)."""
        self.start()
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.run_once()
            except Exception:
                log.exception("batch expansion failed; trying again in %.0f s", self.scan_s)
            self._wake.wait(self.scan_s)

    def run_once(self) -> int:
        """Expand every batch this process can claim, until none is left; items settled."""
        done = 0
        while not self._stop.is_set():
            with self.services.db.session(readonly=True) as s:
                candidates = repo.expandable(s, utcnow())
            claimed = [b for b, holder in candidates if self._claim(b, holder)]
            if not claimed:
                return done
            for batch_id in claimed:
                done += self._expand(batch_id)
        return done

    def _claim(self, batch_id: str, holder: str | None) -> bool:
        steal = False
        if holder and holder != self.holder:
            scope, _, pid = holder.rpartition("-")
            steal = pid.isdigit() and owners.gone(scope, int(pid))
        until = utcnow() + timedelta(seconds=self.lease_s)
        with self.services.db.session() as s:
            return repo.claim(s, batch_id, self.holder, until, steal=steal)

    def _expand(self, batch_id: str) -> int:
        done = 0
        try:
            while not self._stop.is_set():
                settled = batches.expand(self.services, batch_id, self.page)
                done += settled
                if settled < self.page or not self._claim(batch_id, self.holder):
                    break
        except errors.NotFound:
            log.info("batch %s was deleted while it was being expanded", batch_id)
        finally:
            with self.services.db.session() as s:
                repo.finish_expansion(s, batch_id, self.holder)
        return done
