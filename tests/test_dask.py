"""The Dask executor on a real ``distributed.LocalCluster`` (loopback): same output as serial."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.cli import main
from tests.seeded import SEED, write_variant

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> str:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_dask_output_is_the_serial_output(scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(SEED, reports / "seed.txt")
    for defect in ("section-removed", "extra-section", "section-reworded"):
        write_variant(defect, reports)
    from tests.conftest import CORPUS

    shutil.copy(CORPUS / "huaian-gov-2024.pdf", reports / "huaian.pdf")
    (reports / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    args = ["reports", "--quiet", "--no-cache", "--format", "json:serial.json", "--format", "sarif:serial.sarif"]
    serial_code = main([*args, "--jobs", "1"])
    dask_args = [a.replace("serial", "dask") for a in args]
    assert main([*dask_args, "--executor", "dask", "--scheduler", scheduler]) == serial_code == 1
    for ext in ("json", "sarif"):
        assert (tmp_path / f"dask.{ext}").read_bytes() == (tmp_path / f"serial.{ext}").read_bytes()
    assert b"huaian.pdf" in (tmp_path / "dask.json").read_bytes()


def test_a_file_the_worker_cannot_see_is_sent_as_bytes(tmp_path: Path) -> None:
    """The worker side: a path it does not have asks for the bytes; with them, the path as given."""
    from checker.daskexec import NEED_BYTES, check_remote
    from checker.engine import Settings
    from tests.conftest import default_engine

    given = "elsewhere/reports/removed.txt"
    path = write_variant("section-removed", tmp_path)
    absent = str(tmp_path / "not-here.txt")
    assert check_remote(Settings(), given, absent, path.stat().st_size, None) == NEED_BYTES
    remote = check_remote(Settings(), given, absent, path.stat().st_size, path.read_bytes())
    local = default_engine().check_raw(path)
    assert remote.path == given and [f.path for f in remote.findings] == [given] * len(local.findings)
    assert [(f.rule, f.location.line) for f in remote.findings] == [(f.rule, f.location.line) for f in local.findings]
    assert [f.rule for f in remote.findings] == ["W1-missing"]
