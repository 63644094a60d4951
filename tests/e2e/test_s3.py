"""NARRATOR_STORAGE_URL=s3://bucket/prefix against a real S3-compatible server (moto, server mode).

The worker writes the audio to the bucket; the API proxies ranged reads from it, so a player
sees the same Range, ETag and 304 answers as with local files. This deployment also has API keys
and signed links on, as a public one would: the signed links must survive the proxied reads.
"""

from __future__ import annotations

import pytest

from tests.helpers.articles import article_text
from tests.helpers.client import check_served, submit, wait_ready
from tests.helpers.s3 import FAKE_AWS
from tests.helpers.s3 import client as s3_client
from tests.helpers.stack import base_env

pytestmark = pytest.mark.slow  # real `narrator` processes, Redis, engines


def test_s3_storage_through_the_api(redis_server, data_dir, moto_s3, tmp_path, stack):
    endpoint, bucket = moto_s3
    env = {
        **base_env(
            data_dir,
            broker_url=redis_server.url,
            storage_url=f"s3://{bucket}/audio",
            s3_endpoint_url=endpoint,
            api_keys="e2e-key",
            signing_key="e2e-signing-secret",
        ),
        **FAKE_AWS,
    }
    api, _ = stack.start_api_and_worker(env, concurrency=2)
    client = api.client()
    assert client.get("/readyz").json()["checks"]["storage"] == "ok"
    anonymous = client.post("/v1/narrations", json={"text": article_text(3, "s3", sentences=2)})
    assert anonymous.status_code == 401, anonymous.text
    client.headers["Authorization"] = "Bearer e2e-key"

    n = submit(client, article_text(3, "s3", sentences=2))
    n = wait_ready(client, [n["id"]], 60, logs=stack.logs)[n["id"]]
    assert "sig=" in n["audio_url"] and "exp=" in n["audio_url"]
    unsigned = client.get(n["audio_url"].split("?")[0], headers={"Range": "bytes=0-99"})
    assert unsigned.status_code == 403, unsigned.text
    other_file = n["audio_url"].replace("/audio?", "/captions.vtt?")
    assert client.get(other_file).status_code == 403  # a signature opens one file only
    full = check_served(client, n, tmp_path, words="days of debate")

    s3 = s3_client(endpoint)
    prefix = f"audio/narrations/{n['id']}/"
    listed = s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", [])
    names = sorted(o["Key"].removeprefix(prefix) for o in listed)
    assert names == ["audio.mp3", "captions.vtt", "plan.json", "script.txt", "timings.json"]
    assert s3.get_object(Bucket=bucket, Key=prefix + "audio.mp3")["Body"].read() == full
    assert not (data_dir / "files").exists()  # nothing written to local disk

    assert client.delete(f"/v1/narrations/{n['id']}").status_code == 204
    assert s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("KeyCount") == 0
