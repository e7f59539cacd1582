# syntax=docker/dockerfile:1
# composedoc with Graphviz, as a small image that runs as a non-root user.
#
#   docker build -t composedoc .
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/work" composedoc render -o docs/diagrams
#
# Stage 1 builds wheels (composedoc and its dependencies) with the full toolchain;
# stage 2 installs only those wheels into a slim Python with Graphviz and git, and compiles
# every module to bytecode at build time (the official image ships the standard library
# without .pyc files and the non-root user cannot write them: every run would compile).
#
# The base image is pinned by digest: the multi-arch index of python:3.12-slim as recorded
# in 2026 (its linux/amd64 manifest: sha256:78387bc3881b8273120a12ebe6c1ab22b018ccc2c9adf5
# 65ae1ac9b536e184ea). It was not re-checked against the registry from the machine this was
# written on (no registry access); re-resolve it when bumping with
#   docker buildx imagetools inspect python:3.12-slim
# or build another base with --build-arg PYTHON_IMAGE=python:3.13-slim@sha256:...

ARG PYTHON_IMAGE=python:3.12-slim@sha256:2fe5997d249a808b8eeea52c58a1dbffbba28754dc11699ef5c029f2d818ce79

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
# README is optional here (the glob may match nothing); pyproject.toml names it.
COPY pyproject.toml README.m[d] LICENSE* ./
COPY src ./src
COPY mkdocs_plugin ./mkdocs_plugin
RUN python -m pip wheel --wheel-dir /wheels .

FROM ${PYTHON_IMAGE} AS runtime
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PATH=/opt/composedoc/bin:$PATH
RUN apt-get update \
 && apt-get install -y --no-install-recommends graphviz git \
 && rm -rf /var/lib/apt/lists/* \
 # Mounted checkouts belong to the host user; let git read them (git:REV:path diffs).
 && git config --system --add safe.directory '*'
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    python -m venv /opt/composedoc \
 && /opt/composedoc/bin/pip install --no-index --find-links /wheels composedoc \
 && /opt/composedoc/bin/pip uninstall -y pip \
 && python -m compileall -q -j 0 --invalidation-mode unchecked-hash \
      /usr/local/lib/python3*/ /opt/composedoc/lib/python3*/site-packages
RUN useradd --uid 10001 --user-group --no-create-home --home-dir /tmp composedoc
USER 10001:10001
WORKDIR /work
ENV HOME=/tmp
ENTRYPOINT ["composedoc"]
CMD ["--help"]
