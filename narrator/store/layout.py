"""Where a narration's files live in storage, and the formats of the files workers share.

    narrations/<id>/plan.json          the script, the plan and every chunk's key (PLAN)
    narrations/<id>/audio.<fmt>        the final file; timings.json, captions.vtt, script.txt
    chunks/<k[:2]>/<k>.pcm             one rendered chunk (CHUNK_MAGIC, a JSON header, PCM),
                                       content-addressed: shared by every narration that has it

Workers write these; the API's progressive stream reads them while they are written. Both
import this module (standard library only), so the formats cannot drift apart.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from narrator import errors
from narrator.text.article import Script, Sentence

PLAN = "plan.json"
# A long article's first sentence, planned before the rest is read: plan.json's format, with
# chunk 0's key alone. A stream starts on it and follows plan.json from chunk 1.
FIRST = "first.json"
AUDIO = "audio.{fmt}"
TIMINGS = "timings.json"
CAPTIONS = "captions.vtt"
SCRIPT = "script.txt"

CHUNK_MAGIC = b"NARRATOR-CHUNK-1\n"
CONTENT_TYPES = {"mp3": "audio/mpeg", "ogg": "audio/ogg", "wav": "audio/wav"}


def narration_prefix(narration_id: str) -> str:
    """Every file of one narration is under this prefix (deleted together)."""
    return f"narrations/{narration_id}/"


def narration_key(narration_id: str, name: str) -> str:
    return narration_prefix(narration_id) + name


def audio_name(fmt: str) -> str:
    return AUDIO.format(fmt=fmt)


def chunk_key(cache_key: str) -> str:
    return f"chunks/{cache_key[:2]}/{cache_key}.pcm"


# --- chunk files ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChunkFile:
    """A stored chunk: mono s16le PCM, each sentence's (start_ms, end_ms) within it, and each
    sentence's word marks (narrator.pipeline.Chunk)."""

    sample_rate: int
    sentence_ms: list[tuple[int, int]]
    pcm: bytes
    marks: list[list[tuple[int, int]]] = field(default_factory=list)


def pack_chunk(
    sample_rate: int,
    sentence_ms: list[tuple[int, int]],
    pcm: bytes,
    marks: list[list[tuple[int, int]]] | None = None,
) -> bytes:
    header: dict[str, Any] = {"sample_rate": sample_rate, "sentence_ms": sentence_ms}
    if marks and any(marks):
        header["marks"] = marks
    return CHUNK_MAGIC + json.dumps(header).encode() + b"\n" + pcm


def unpack_chunk(data: bytes) -> ChunkFile:
    if not data.startswith(CHUNK_MAGIC):
        raise errors.StorageError("stored chunk is not a narrator chunk (corrupt or foreign file)")
    header_line, _, pcm = data[len(CHUNK_MAGIC) :].partition(b"\n")
    try:
        header = json.loads(header_line)
        rate = int(header["sample_rate"])
        spans = [(int(a), int(b)) for a, b in header.get("sentence_ms", [])]
        # Chunks stored before engines gave word marks have none: timings estimate them.
        marks = [[(int(c), int(ms)) for c, ms in m] for m in header.get("marks", [])]
    except (ValueError, KeyError, TypeError) as e:
        raise errors.StorageError(f"stored chunk has a damaged header: {e}") from None
    return ChunkFile(rate, spans, pcm[: len(pcm) // 2 * 2], marks)


# --- plan files -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanFile:
    """plan.json: the script, the plan's fields (narrator.pipeline.Plan) and the chunk keys."""

    script: Script
    plan: dict[str, Any]
    chunk_keys: list[str]


def pack_plan(script: Script, plan: Any, chunk_keys: list[str]) -> bytes:
    """`plan` is a dataclass (narrator.pipeline.Plan); its fields are stored as they are."""
    return json.dumps(
        {
            "script": {
                "title": script.title,
                "author": script.author,
                "language": script.language,
                "words": script.words,
                "sentences": [asdict(s) for s in script.sentences],
            },
            "plan": asdict(plan),
            # Where each chunk's PCM will be, in play order: the progressive stream follows these.
            "chunk_keys": chunk_keys,
        },
        ensure_ascii=False,
        sort_keys=True,
    ).encode()


def unpack_plan(data: bytes) -> PlanFile:
    try:
        obj = json.loads(data)
        s = obj["script"]
        script = Script(
            sentences=[Sentence(**x) for x in s["sentences"]],
            title=s["title"],
            author=s["author"],
            language=s["language"],
            words=s["words"],
        )
        plan = dict(obj["plan"])
        plan["chunks"] = [(int(a), int(b)) for a, b in plan["chunks"]]
        keys = [str(k) for k in obj.get("chunk_keys") or []]
    except (ValueError, KeyError, TypeError) as e:
        raise errors.StorageError(f"stored plan is damaged: {e}") from None
    return PlanFile(script, plan, keys)
