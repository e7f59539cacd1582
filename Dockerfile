# syntax=docker/dockerfile:1
# composedoc with Graphviz, as a small image that runs as a non-root user.
#
#   docker build -t composedoc .
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/work" composedoc render -o docs/diagrams
#
# Stage 1 builds wheels (composedoc and its dependencies) with the full toolchain;
# stage 2 installs only those wheels into a slim Python with Graphviz and git.

ARG PYTHON_VERSION=3.12

FROM python:${PYTHON_VERSION}-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
# README is optional here (the glob may match nothing); pyproject.toml names it.
COPY pyproject.toml README.m[d] LICENSE* ./
COPY src ./src
COPY mkdocs_plugin ./mkdocs_plugin
RUN python -m pip wheel --wheel-dir /wheels .

FROM python:${PYTHON_VERSION}-slim AS runtime
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
 && /opt/composedoc/bin/pip install --no-compile --no-index --find-links /wheels composedoc \
 && /opt/composedoc/bin/pip uninstall -y pip \
 && find /opt/composedoc -name '__pycache__' -prune -exec rm -rf {} +
RUN useradd --uid 10001 --user-group --no-create-home --home-dir /tmp composedoc
USER 10001:10001
WORKDIR /work
ENV HOME=/tmp
ENTRYPOINT ["composedoc"]
CMD ["--help"]
