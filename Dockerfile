# stackproof container images, two targets (see README, "Install"):
#   docker build --target runtime  -t stackproof .           the binary alone: checks real AWS
#   docker build --target emulator -t stackproof:emulator .  + Python and the pinned moto:
#                                                            `docker run stackproof:emulator run --all`
# tests/container.rs lints this file with hadolint and builds both targets where Docker runs.

ARG RUST_VERSION=1.95.0

FROM rust:${RUST_VERSION}-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin stackproof \
 && install -m 0755 target/release/stackproof /usr/local/bin/stackproof

FROM debian:bookworm-slim AS runtime
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 stackproof
COPY --from=build /usr/local/bin/stackproof /usr/local/bin/stackproof
USER 10001
WORKDIR /work
ENTRYPOINT ["stackproof"]
CMD ["--help"]

FROM runtime AS emulator
# The moto release stackproof pins (src/emulator/locate.rs, MOTO_VERSION); a test keeps them equal.
ARG MOTO_VERSION=5.2.1
USER 0
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/* \
 && python3 -m venv /opt/moto \
 && /opt/moto/bin/pip install --no-cache-dir "moto[server]==${MOTO_VERSION}"
ENV PATH="/opt/moto/bin:${PATH}"
USER 10001
