"""Piper's ONNX graph, patched in memory: seeded noise and a duration scale per phoneme.

Piper (VITS) predicts a duration for every phoneme id, multiplies it by one `length_scale` and
rounds it up to whole frames (`/Ceil`). A uniform scale squeezes vowels, consonants and pauses
alike; fast human speakers shorten vowels and pauses far more than consonants, and so keep the
consonants a listener (or Whisper) needs. The patch adds an input `duration_scales` [1, 1, T],
multiplied into the durations just before the rounding, so each phoneme gets its own scale.

The model also draws fresh Gaussian noise on every run (two `RandomNormalLike` nodes: duration
noise and audio noise), so the same sentence never sounded the same twice and a narration could
not be reproduced or compared. Each is replaced by a slice of a fixed noise tensor drawn once
from a seed: the same text, pace and seed now give the same audio, whatever ran before.
"""

from __future__ import annotations

from typing import Any

import numpy as np

DURATION_INPUT = "duration_scales"
_CEIL_INPUT = "/Mul_1_output_0"  # durations x length_scale, the input of /Ceil
NOISE_FRAMES = 4096  # noise tensors are tiled past this (about 47 s of audio, 4096 phonemes)
_CHANNELS = {"/dp/RandomNormalLike": 2, "/RandomNormalLike": 192}  # node -> noise channels


def patched_model(path: str, seed: int) -> bytes:
    """The serialized model at `path` with the duration input and seeded noise."""
    import onnx
    from onnx import TensorProto, helper

    model = onnx.load(path)
    graph = model.graph
    ceil = [n for n in graph.node if n.op_type == "Ceil" and list(n.input) == [_CEIL_INPUT]]
    noise = [n for n in graph.node if n.op_type == "RandomNormalLike"]
    if len(ceil) != 1 or sorted(n.name for n in noise) != sorted(_CHANNELS):
        raise ValueError(f"{path} is not the piper graph this patch knows")
    graph.input.append(
        helper.make_tensor_value_info(DURATION_INPUT, TensorProto.FLOAT, [1, 1, "phonemes"])
    )
    scaled = "/duration_scaled"
    graph.node.insert(
        list(graph.node).index(ceil[0]),
        helper.make_node("Mul", [_CEIL_INPUT, DURATION_INPUT], [scaled], name="/DurationScale"),
    )
    ceil[0].input[0] = scaled
    # The frames each phoneme id gets, as a second output: where each word begins
    # (narrator.speech.piper_words.spoken_words), as piper's own alignment patch exposes them.
    graph.output.append(helper.make_empty_tensor_value_info(ceil[0].output[0]))

    rng = np.random.default_rng(seed)
    for node in noise:
        nodes = _seeded_noise(node, rng, graph)
        at = list(graph.node).index(node)
        graph.node.remove(node)
        for i, n in enumerate(nodes):
            graph.node.insert(at + i, n)
    return bytes(model.SerializeToString())


def _seeded_noise(node: Any, rng: np.random.Generator, graph: Any) -> list[Any]:
    """Nodes computing `node`'s output as Slice(Tile(fixed noise), shape of its input)."""
    from onnx import helper, numpy_helper

    p = node.name
    table = rng.standard_normal((1, _CHANNELS[p], NOISE_FRAMES)).astype(np.float32)
    graph.initializer.extend(
        [
            numpy_helper.from_array(table, f"{p}/table"),
            numpy_helper.from_array(np.array([NOISE_FRAMES], np.int64), f"{p}/frames"),
            numpy_helper.from_array(np.array([1, 1], np.int64), f"{p}/ones"),
            numpy_helper.from_array(np.array([1], np.int64), f"{p}/one"),
            numpy_helper.from_array(np.array([0, 0, 0], np.int64), f"{p}/zeros"),
            numpy_helper.from_array(np.array([2], np.int64), f"{p}/axis2"),
        ]
    )
    n = helper.make_node
    nodes = [
        n("Shape", [node.input[0]], [f"{p}/shape"]),
        n("Gather", [f"{p}/shape", f"{p}/axis2"], [f"{p}/length"], axis=0),
        n("Div", [f"{p}/length", f"{p}/frames"], [f"{p}/whole"]),
        n("Add", [f"{p}/whole", f"{p}/one"], [f"{p}/reps"]),
        n("Concat", [f"{p}/ones", f"{p}/reps"], [f"{p}/repeats"], axis=0),
        n("Tile", [f"{p}/table", f"{p}/repeats"], [f"{p}/tiled"]),
        n("Slice", [f"{p}/tiled", f"{p}/zeros", f"{p}/shape"], [node.output[0]]),
    ]
    return nodes
