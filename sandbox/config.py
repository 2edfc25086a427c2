"""Sandbox settings: what a program may use, and which backend runs it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

BackendName = Literal["auto", "firejail", "docker"]


class Limits(BaseModel):
    """Per-program limits; every run of every backend enforces the same ones."""

    model_config = ConfigDict(extra="forbid")

    compile_wall_s: float = Field(20, gt=0, description="Wall-clock limit for gcc.")
    compile_memory_mb: int = Field(512, gt=0, description="Address-space limit for gcc.")
    run_cpu_s: float = Field(2, gt=0, description="CPU seconds per run (RLIMIT_CPU).")
    run_wall_s: float = Field(5, gt=0, description="Wall-clock seconds per run.")
    memory_mb: int = Field(256, gt=0, description="Address-space limit per process of a run.")
    max_procs: int = Field(64, gt=0, description="Processes and threads a job may have at once.")
    max_output_bytes: int = Field(64 * 1024, gt=0, description="Kept per stream; the rest is cut.")
    max_file_bytes: int = Field(1 << 20, gt=0, description="Largest file a run may write.")
    max_open_files: int = Field(64, gt=3, description="Open file descriptors per process.")
    work_dir_mb: int = Field(64, gt=0, description="Space of the private work dir per job.")
    max_files: int = Field(4096, gt=0, description="Inodes of the private work dir per job.")


class SandboxConfig(BaseModel):
    """How programs are compiled and which backend isolates them."""

    model_config = ConfigDict(extra="forbid")

    backend: BackendName = "auto"
    cflags: list[str] = Field(default_factory=lambda: ["-std=c11", "-Wall", "-Wextra", "-O1"])
    ldlibs: list[str] = Field(default_factory=lambda: ["-lm"])
    limits: Limits = Field(default_factory=Limits)
    workers: int = Field(2, gt=0, le=64, description="Jobs run at once by one sandbox.")
    docker_image: str = "declean-sandbox:latest"
