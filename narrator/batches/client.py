"""`narrator batch PATH --server URL`: upload, follow to the end, list what failed.

Resumable by construction: an interrupted run leaves the batch running on the server, and a
re-run uploads the same articles again, which the server links to the narrations it already
has (same content and options: nothing is narrated twice, what is ready is done at once).
"""

from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any, TextIO

from narrator import errors
from narrator.batches.files import Upload, item_label


@dataclass
class Client:
    server: str
    api_key: str | None = None
    timeout_s: float = 300.0

    def call(
        self, method: str, path: str, body: bytes | None = None, content_type: str | None = None
    ) -> Any:
        headers = {"Accept": "application/json"}
        if content_type:
            headers["Content-Type"] = content_type
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        url = self.server.rstrip("/") + path
        req = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout_s) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as e:
            raise _http_error(e) from None
        except (urllib.error.URLError, OSError) as e:
            raise errors.ServiceError(f"cannot reach {self.server}: {e}") from None


def _http_error(e: urllib.error.HTTPError) -> errors.NarratorError:
    try:
        message = json.loads(e.read())["error"]["message"]
    except (ValueError, KeyError, TypeError):
        message = e.reason
    text = f"the server refused the batch ({e.code}): {message}"
    return errors.InputError(text) if 400 <= e.code < 500 else errors.ServiceError(text)


@dataclass
class Outcome:
    batch_id: str
    total: int
    ready: int
    failed: list[dict[str, str]] = field(default_factory=list)
    audio_seconds: float = 0.0
    wall_seconds: float = 0.0

    def to_json(self) -> str:
        return json.dumps(
            {
                "batch_id": self.batch_id,
                "total": self.total,
                "ready": self.ready,
                "failed": self.failed,
                "audio_seconds": round(self.audio_seconds, 3),
                "wall_seconds": round(self.wall_seconds, 3),
            },
            ensure_ascii=False,
        )


def submit(client: Client, upload: Upload, options: dict[str, Any]) -> dict[str, Any]:
    query = urllib.parse.urlencode({k: v for k, v in options.items() if v is not None})
    path = "/v1/batches" + (f"?{query}" if query else "")
    return dict(client.call("POST", path, upload.body, upload.content_type))


def progress_line(batch: dict[str, Any]) -> str:
    c = batch["counts"]
    ended = c["ready"] + c["failed"] + c["canceled"]
    eta = batch.get("eta_s")
    eta_text = f", ETA {_duration(eta)}" if eta is not None else ""
    return (
        f"{batch['id']}: {ended}/{batch['total']} done ({c['ready']} ready, {c['failed']} "
        f"failed), {batch['audio_seconds'] / 60:.1f} min of audio{eta_text}"
    )


def _duration(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 60}m{s % 60:02d}s" if s >= 60 else f"{s}s"


def follow(
    client: Client, batch: dict[str, Any], out: TextIO, *, live: bool, poll_s: float = 1.0
) -> dict[str, Any]:
    """Poll until nothing is queued or processing; a bar on a terminal, else a line a change."""
    last: Any = None
    path = f"/v1/batches/{batch['id']}"
    started = time.monotonic()
    while True:
        line = progress_line(batch)
        if live:
            bar = _bar(batch["progress"])
            out.write(f"\r{bar} {line}\x1b[K")
            out.flush()
        elif batch["counts"] != last:  # a line when something ended, not on every poll
            out.write(line + "\n")
            out.flush()
        last = batch["counts"]
        if batch["status"] != "processing":
            if live:
                out.write("\n")
            return batch
        # Quick at first (a re-run is often done at once), then every poll_s.
        time.sleep(min(poll_s, 0.2 + (time.monotonic() - started) / 10))
        batch = dict(client.call("GET", path))


def _bar(progress: float, width: int = 24) -> str:
    filled = round(progress * width)
    return "[" + "#" * filled + "." * (width - filled) + "]"


def failures(client: Client, batch_id: str) -> list[dict[str, str]]:
    """Every failed or canceled item, as {item, reason}, all pages."""
    out: list[dict[str, str]] = []
    cursor = None
    while True:
        query = "status=failed&status=canceled&limit=1000" + (f"&cursor={cursor}" if cursor else "")
        page = client.call("GET", f"/v1/batches/{batch_id}/items?{query}")
        for it in page["items"]:
            label = item_label(it.get("name"), it.get("external_id"), it["index"])
            out.append({"item": label, "reason": it.get("reason") or it["status"]})
        cursor = page.get("next_cursor")
        if not cursor:
            return out


def run(
    client: Client, upload: Upload, options: dict[str, Any], *, live: bool, err: TextIO = sys.stderr
) -> Outcome:
    started = time.monotonic()
    batch = submit(client, upload, options)
    try:
        batch = follow(client, batch, err, live=live)
    except KeyboardInterrupt:
        err.write(
            f"\ninterrupted: batch {batch['id']} goes on on the server; run the same command "
            "again to follow it (nothing is narrated twice)\n"
        )
        raise
    failed = failures(client, batch["id"]) if batch["counts"]["ready"] < batch["total"] else []
    return Outcome(
        batch_id=batch["id"],
        total=batch["total"],
        ready=batch["counts"]["ready"],
        failed=failed,
        audio_seconds=batch["audio_seconds"],
        wall_seconds=time.monotonic() - started,
    )
