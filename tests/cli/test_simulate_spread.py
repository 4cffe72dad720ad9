"""`simulate --jobs` and `--cluster`: the same bytes wherever the runs are played."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import tiny_exercise_data

TABLETOP = [str(Path(sys.executable).with_name("tabletop"))]


@pytest.fixture
def exercise(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(tiny_exercise_data(), sort_keys=False))
    return path


def simulate(exercise: Path, *where: str) -> subprocess.CompletedProcess[str]:
    args = [*TABLETOP, "simulate", str(exercise), "--runs", "60", "--seed", "11", "--json"]
    return subprocess.run([*args, *where], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A real Dask scheduler and two worker processes on loopback, on free ports."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        scheduler_port=0,
        dashboard_address=":0",
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_two_cores_print_the_same_bytes_as_one(exercise: Path) -> None:
    one, two = simulate(exercise, "--jobs", "1"), simulate(exercise, "--jobs", "2")
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert one.stdout == two.stdout and '"runs": 60' in one.stdout


def test_a_cluster_prints_the_same_bytes_as_one_core(exercise: Path, scheduler: str) -> None:
    here, there = simulate(exercise, "--jobs", "1"), simulate(exercise, "--cluster", scheduler)
    assert there.returncode == 0, there.stderr
    assert there.stdout == here.stdout


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (["--cluster", "no-port-here"], "cannot reach a Dask scheduler at no-port-here"),
        (["--cluster", "tcp://127.0.0.1:9", "--log-dir", "logs"], "leave out one of them"),
        (["--jobs", "0"], "expected 1 or more"),
        (["--jobs", "2", "--cluster", "tcp://127.0.0.1:9"], "not allowed with"),
    ],
)
def test_where_to_play_is_checked(exercise: Path, where: list[str], message: str) -> None:
    result = simulate(exercise, *where)
    assert result.returncode in (1, 2)
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""
