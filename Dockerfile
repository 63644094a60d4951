# One image for the API and the workers: `narrator serve` or `narrator worker`.
FROM python:3.11-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends espeak-ng libespeak-ng1 ffmpeg \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 narrator
WORKDIR /app
COPY pyproject.toml README.md ./
COPY narrator ./narrator
COPY workers ./workers
RUN pip install --no-cache-dir '.[neural,static-ffmpeg]'
USER narrator
ENV NARRATOR_DATA_DIR=/data
EXPOSE 8000
CMD ["narrator", "serve", "--host", "0.0.0.0", "--port", "8000"]
