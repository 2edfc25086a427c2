#!/usr/bin/env bash
# Prepares the docker sandbox backend; idempotent and quick when everything is already there:
# a running engine, the Dockerfile's base image (built locally with debootstrap when it
# cannot be pulled: no registry is reachable here), and the sandbox image itself.
# The firejail backend needs no user: untrusted code runs under numeric per-slot uids.
# Env: DECLEAN_SANDBOX_IMAGE (default declean-sandbox:latest), DECLEAN_SKIP_DOCKER=1 to skip docker.
set -euo pipefail
cd "$(dirname "$0")/.."

image=${DECLEAN_SANDBOX_IMAGE:-declean-sandbox:latest}
log() { echo "sandbox-image: $*" >&2; }

[ "${DECLEAN_SKIP_DOCKER:-0}" = 1 ] && exit 0
if ! command -v docker >/dev/null; then
  log "docker CLI not found (apt-get install docker.io); skipping the docker image"; exit 0
fi

if ! docker info >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ] || ! command -v dockerd >/dev/null; then
    log "no Docker engine answers and I cannot start one (need root and dockerd)"; exit 1
  fi
  log "starting dockerd (log: /var/log/declean-dockerd.log)"
  # dockerd outlives this script, so it must not keep what the caller left open: started under
  # `flock LOCK make image`, it would otherwise hold LOCK for as long as it runs.
  ( for fd in /proc/self/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-" 2>/dev/null; done
    exec nohup dockerd >/var/log/declean-dockerd.log 2>&1 </dev/null ) &
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { log "dockerd did not come up; see /var/log/declean-dockerd.log"; exit 1; }
fi

base=$(sed -n 's/^FROM[[:space:]]\+\([^[:space:]]\+\).*/\1/p' Dockerfile | head -n1)
if ! docker image inspect "$base" >/dev/null 2>&1 && ! docker pull -q "$base" >/dev/null 2>&1; then
  command -v debootstrap >/dev/null || { log "$base missing and debootstrap not installed"; exit 1; }
  suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  # The mirror the host already uses (one-line or deb822 sources), else the public one.
  mirror=$({ cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true; } \
    | awk '$1 == "deb" && $2 !~ /security/ && $2 ~ /^http/ { print $2; exit }')
  [ -n "$mirror" ] || mirror=$({ cat /etc/apt/sources.list.d/*.sources 2>/dev/null || true; } \
    | awk '$1 == "URIs:" && $2 !~ /security/ { print $2; exit }')
  mirror=${mirror:-http://deb.debian.org/debian}
  rootfs=$(mktemp -d /var/tmp/declean-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"' EXIT
  log "building $base locally: debootstrap $suite from $mirror (about a minute)"
  debootstrap --variant=minbase --include=gcc,libc6-dev,python3 \
    "$suite" "$rootfs" "$mirror" >/var/tmp/declean-debootstrap.log 2>&1 \
    || { log "debootstrap failed; see /var/tmp/declean-debootstrap.log"; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import - "$base" >/dev/null
  rm -rf "$rootfs"; trap - EXIT
fi

# The build cache makes this a no-op when nothing changed (.dockerignore keeps the context empty).
if ! docker build -q -t "$image" . >/var/tmp/declean-docker-build.log 2>&1; then
  tail -n 20 /var/tmp/declean-docker-build.log >&2
  log "docker build failed; full log: /var/tmp/declean-docker-build.log"; exit 1
fi
log "ready: $image"
