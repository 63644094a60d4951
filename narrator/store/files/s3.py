"""S3Storage: objects in an S3-compatible bucket under an optional prefix (s3://bucket/prefix)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from narrator import errors
from narrator.store.files.storage import (
    CHUNK_SIZE,
    MissingKey,
    Storage,
    check_key,
    check_prefix,
    check_range,
)


class S3Storage(Storage):
    """Objects in an S3-compatible bucket under an optional prefix (s3://bucket/prefix).

    Credentials and region come from the usual AWS environment; nothing is created here.
    """

    def __init__(
        self,
        bucket: str,
        prefix: str = "",
        *,
        endpoint_url: str | None = None,
        client: Any = None,
    ) -> None:
        if not bucket:
            raise ValueError("S3 storage needs a bucket: s3://bucket/prefix")
        self.bucket = bucket
        prefix = prefix.strip("/")
        self.prefix = check_prefix(prefix) if prefix else ""
        if client is None:
            import boto3

            # AWS_* variables (endpoint, region, keys) are boto's own to read; ours is the
            # endpoint in Settings (NARRATOR_S3_ENDPOINT_URL). S3 needs some region.
            session = boto3.session.Session()
            client = session.client(
                "s3",
                endpoint_url=endpoint_url or None,
                region_name=session.region_name or "us-east-1",
            )
        self.client = client

    def __repr__(self) -> str:
        return f"S3Storage(s3://{self.bucket}/{self.prefix})"

    def _key(self, key: str) -> str:
        return self.prefix + check_key(key)

    def _call(self, key: str, method: str, **kwargs: Any) -> Any:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return getattr(self.client, method)(Bucket=self.bucket, **kwargs)
        except ClientError as exc:
            error = exc.response.get("Error", {})
            code = str(error.get("Code", ""))
            if code in ("404", "NoSuchKey", "NotFound"):
                raise MissingKey(key) from None
            if code == "InvalidRange":
                return None
            raise errors.StorageError(
                f"S3 {method} of {key!r} in bucket {self.bucket!r} failed: "
                f"{code} {error.get('Message', '')}".rstrip()
            ) from exc
        except BotoCoreError as exc:
            raise errors.StorageError(f"S3 {method} of {key!r} failed: {exc}") from exc

    def put_bytes(self, key: str, data: bytes, content_type: str | None = None) -> None:
        extra = {"ContentType": content_type} if content_type else {}
        self._call(key, "put_object", Key=self._key(key), Body=data, **extra)

    def put_file(
        self, key: str, path: str | os.PathLike[str], content_type: str | None = None
    ) -> None:
        from boto3.exceptions import S3UploadFailedError

        extra = {"ContentType": content_type} if content_type else None
        try:
            self.client.upload_file(os.fspath(path), self.bucket, self._key(key), ExtraArgs=extra)
        except (S3UploadFailedError, OSError) as exc:
            raise errors.StorageError(f"S3 upload of {key!r} failed: {exc}") from exc

    def get_bytes(self, key: str) -> bytes:
        response = self._call(key, "get_object", Key=self._key(key))
        return _read_body(response)

    def read_range(self, key: str, start: int, end: int | None = None) -> bytes:
        check_range(start, end)
        if end == start:
            self.size(key)  # still a MissingKey for a missing object
            return b""
        last = "" if end is None else str(end - 1)  # HTTP ranges are inclusive
        response = self._call(key, "get_object", Key=self._key(key), Range=f"bytes={start}-{last}")
        if response is None:  # InvalidRange: start is at or past the end
            return b""
        return _read_body(response)

    def iter_range(
        self, key: str, start: int = 0, end: int | None = None, chunk_size: int = CHUNK_SIZE
    ) -> Iterator[bytes]:
        # One ranged GET, streamed, rather than one request per piece.
        check_range(start, end)
        if end == start:
            return
        last = "" if end is None else str(end - 1)
        response = self._call(key, "get_object", Key=self._key(key), Range=f"bytes={start}-{last}")
        if response is None:
            return
        body = response["Body"]
        try:
            yield from body.iter_chunks(chunk_size)
        finally:
            body.close()

    def _head(self, key: str) -> dict[str, Any]:
        return dict(self._call(key, "head_object", Key=self._key(key)))

    def size(self, key: str) -> int:
        return int(self._head(key)["ContentLength"])

    def etag(self, key: str) -> str:
        return str(self._head(key)["ETag"]).strip('"')

    def exists(self, key: str) -> bool:
        try:
            self._head(key)
        except MissingKey:
            return False
        return True

    def delete(self, key: str) -> None:
        self._call(key, "delete_object", Key=self._key(key))

    def delete_prefix(self, prefix: str) -> int:
        keys = [self._key(k) for k in self.iter_keys(prefix)]
        for i in range(0, len(keys), 1000):  # DeleteObjects takes at most 1000 keys
            batch = [{"Key": k} for k in keys[i : i + 1000]]
            response = self._call(
                prefix, "delete_objects", Delete={"Objects": batch, "Quiet": True}
            )
            if response and response.get("Errors"):
                first = response["Errors"][0]
                raise errors.StorageError(
                    f"S3 could not delete {first.get('Key')!r}: {first.get('Message', '')}"
                )
        return len(keys)

    def iter_keys(self, prefix: str) -> Iterator[str]:
        full = self.prefix + check_prefix(prefix)
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=full
            )
            keys = [obj["Key"] for page in pages for obj in page.get("Contents", [])]
        except (ClientError, BotoCoreError) as exc:
            raise errors.StorageError(f"S3 listing of {prefix!r} failed: {exc}") from exc
        for key in sorted(keys):
            yield key[len(self.prefix) :]

    def sweep_temp(self, max_age_s: float) -> int:
        # S3 writes are atomic; what a killed upload leaves is an unfinished multipart upload,
        # invisible to readers but billed until aborted. Its writer cannot be asked, so: by age.
        from botocore.exceptions import BotoCoreError, ClientError

        cutoff = datetime.now(UTC) - timedelta(seconds=max_age_s)
        try:
            pages = self.client.get_paginator("list_multipart_uploads").paginate(
                Bucket=self.bucket, Prefix=self.prefix
            )
            stale = [
                (upload["Key"], upload["UploadId"])
                for page in pages
                for upload in page.get("Uploads", [])
                if upload["Initiated"] < cutoff
            ]
            for key, upload_id in stale:
                self.client.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload_id)
        except (ClientError, BotoCoreError) as exc:
            raise errors.StorageError(f"S3 sweep of unfinished uploads failed: {exc}") from exc
        return len(stale)


def _read_body(response: dict[str, Any]) -> bytes:
    body = response["Body"]
    try:
        return bytes(body.read())
    finally:
        body.close()
