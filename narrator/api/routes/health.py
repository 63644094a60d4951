"""/healthz (the process answers) and /readyz (database, broker and storage answer)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from narrator.api.deps import DbDep, SettingsDep, StorageDep
from narrator.api.queue import ping_broker
from narrator.api.schemas import HealthPublic
from narrator.config import Settings
from narrator.store.db import Database
from narrator.store.files import Storage

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthPublic)
def healthz() -> HealthPublic:
    return HealthPublic(status="ok")


def _check_db(db: Database) -> None:
    with db.session(readonly=True) as s:
        s.execute(text("SELECT 1"))


def _check_storage(storage: Storage) -> None:
    # A read of a key that is never written: reachable storage answers "no such key".
    storage.exists(f"health/{uuid.uuid4().hex}")


def run_checks(db: Database, storage: Storage, settings: Settings) -> dict[str, str]:
    checks = {
        "database": lambda: _check_db(db),
        "broker": lambda: ping_broker(settings),
        "storage": lambda: _check_storage(storage),
    }
    results: dict[str, str] = {}
    for name, check in checks.items():
        try:
            check()
            results[name] = "ok"
        except Exception as e:
            results[name] = f"unavailable: {type(e).__name__}: {e}"[:300]
    return results


@router.get(
    "/readyz",
    response_model=HealthPublic,
    responses={503: {"model": HealthPublic, "description": "A dependency is unreachable"}},
)
async def readyz(db: DbDep, storage: StorageDep, settings: SettingsDep) -> JSONResponse:
    results = await run_in_threadpool(run_checks, db, storage, settings)
    ok = all(v == "ok" for v in results.values())
    body = HealthPublic(status="ok" if ok else "unavailable", checks=results)
    return JSONResponse(body.model_dump(), status_code=200 if ok else 503)
