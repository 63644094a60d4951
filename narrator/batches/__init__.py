"""Batch narration: many articles read with the same options, each an ordinary narration.

intake      an upload (JSON list, NDJSON, zip) to items, each checked on its own
archive     a zip's files, within limits (paths, sizes, file count)
service     submit, expand (items -> narrations), follow, cancel, delete
expander    the API process's thread that turns accepted items into narrations
files       a folder, NDJSON file or zip on disk as items (the CLI)
client      `narrator batch PATH --server URL`: upload, follow, resume
local       `narrator batch PATH --local -o DIR`: narrate on every core, no server
"""
