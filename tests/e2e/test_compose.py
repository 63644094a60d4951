"""docker-compose.yml validates with the Compose tool, and describes the scaled-out deployment."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.helpers.processes import ROOT

COMPOSE_FILE = ROOT / "docker-compose.yml"


def compose_command() -> list[str]:
    """`docker compose` (the v2 plugin) when present, else Debian's `docker-compose` (v1)."""
    docker = shutil.which("docker")
    if docker:
        probe = subprocess.run(
            [docker, "compose", "version"], capture_output=True, text=True, timeout=30
        )
        if probe.returncode == 0:
            return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    if legacy:
        return [legacy]
    pytest.skip("neither `docker compose` (plugin) nor `docker-compose` is installed")


def compose(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*compose_command(), "-f", str(path), "config", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=path.parent,
    )


def test_compose_file_validates():
    result = compose(COMPOSE_FILE, "-q")
    assert result.returncode == 0, result.stderr


def test_compose_validation_catches_a_broken_file(tmp_path):
    """The check above can fail: an unknown key in a service is refused."""
    broken = tmp_path / "docker-compose.yml"
    text = COMPOSE_FILE.read_text().replace("  worker:\n", "  worker:\n    no_such_key: 1\n", 1)
    assert text != COMPOSE_FILE.read_text()
    broken.write_text(text)
    assert compose(broken, "-q").returncode != 0


def test_compose_describes_redis_api_workers_and_shared_audio():
    result = compose(COMPOSE_FILE)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)  # anchors and defaults resolved by the tool
    services = config["services"]
    assert {"redis", "api", "worker"} <= set(services)

    redis_cmd = services["redis"]["command"]
    redis_cmd = redis_cmd if isinstance(redis_cmd, list) else redis_cmd.split()
    assert "--appendonly" in redis_cmd
    assert redis_cmd[redis_cmd.index("--appendonly") + 1] == "yes"
    assert services["redis"].get("volumes"), "Redis' append-only file needs a volume"

    api_cmd, worker_cmd = services["api"]["command"], services["worker"]["command"]
    assert api_cmd[:2] == ["narrator", "serve"] and worker_cmd[:2] == ["narrator", "worker"]
    for name in ("api", "worker"):
        env = services[name]["environment"]
        assert env["NARRATOR_BROKER_URL"].startswith("redis://redis:")  # API only enqueues
        assert env["NARRATOR_STORAGE_URL"] or env["NARRATOR_DATA_DIR"]

    def volume_sources(name: str) -> set[str]:
        out = set()
        for v in services[name].get("volumes", []):
            source = v["source"] if isinstance(v, dict) else v.split(":")[0]
            out.add(source)
        return out

    shared = volume_sources("api") & volume_sources("worker")
    assert shared, "api and worker must share the audio volume"
    assert shared <= set(config.get("volumes", {})), "the audio volume is a named volume"
