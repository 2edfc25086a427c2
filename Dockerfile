# The Docker sandbox image: gcc, libc headers and python3 (stdlib) for the in-sandbox runner.
# No registry is reachable on our machines, so scripts/sandbox-image.sh creates the base image
# locally (debootstrap + docker import, with gcc already inside) when it is missing; against a real
# registry this file builds the same image the normal way.
FROM debian:bookworm-slim

RUN if ! command -v gcc >/dev/null || ! python3 -c 'import json, selectors' 2>/dev/null; then \
        apt-get update \
        && apt-get install -y --no-install-recommends gcc libc6-dev python3 \
        && rm -rf /var/lib/apt/lists/*; \
    fi

# Jobs run under per-slot numeric uids chosen at run time; this user is the non-root default.
RUN useradd --uid 10000 --user-group --no-create-home --home-dir /work --shell /usr/sbin/nologin sandbox

# A job's only writable place is the /work tmpfs of its slot: /tmp and /var/tmp point into it,
# so whatever a program writes there counts against the slot's one size and inode budget.
RUN rm -rf /tmp /var/tmp && ln -s /work/tmp /tmp && ln -s /work/tmp /var/tmp

USER sandbox
WORKDIR /work
CMD ["sleep", "infinity"]
