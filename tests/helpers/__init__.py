"""What the tests share, one module per job; import it as `from tests.helpers.x import y`.

processes       ROOT, free_port, wait_for, a started process (Proc) and its descendants
redis_server    a real redis-server: start, stop, restart, flush
postgres        create and drop a throwaway PostgreSQL database
s3              fake AWS credentials and a moto S3 server process
celery_workers  `celery worker` subprocesses for the worker tests
stack           `narrator serve` / `narrator worker` subprocesses for the end-to-end tests
slow_worker     the real Celery app and CLI with the fake voice slowed down (run, not imported)
crashes         what a writer SIGKILLed mid-write leaves behind
articles        distinct paragraphs of plain news prose
records         rows put in the database directly, as the API would, and read back
client          what a client of the HTTP API does and checks (TestClient or httpx)
app             an in-process app's fixed voice catalog, recording send_task, ready narrations
audio           ffprobe/ffmpeg checks that a file decodes, and its duration
signals         synthetic tones and loudness read-outs for the audio tests
threads         threads released together, for concurrent writers
"""
