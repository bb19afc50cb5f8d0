"""The startup cache: compiled packs and the plugin manifest, keyed by what they were built from."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.engine import Engine, Settings
from checker.packs.compiled import CompiledRegistry, pack_registry
from checker.packs.loader import PackRegistry
from checker.resources import data_dir
from tests.seeded import SEED


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("REPORT_CHECK_CACHE_HOME", str(home))
    return home


def _packs(folder: Path) -> list[Path]:
    folder.mkdir()
    for path in sorted(data_dir("rules").glob("*.yaml")):
        shutil.copy(path, folder / path.name)
    return sorted(folder.glob("*.yaml"))


def test_packs_compiled_once_and_rebuilt_when_a_pack_changes(tmp_path: Path, cache_home: Path) -> None:
    kinds = Engine(Settings()).kinds
    files = _packs(tmp_path / "rules")
    before = set(cache_home.glob("packs-*.pickle"))
    built = pack_registry(files, kinds)
    assert type(built) is PackRegistry and len(set(cache_home.glob("packs-*.pickle")) - before) == 1
    cached = pack_registry(files, kinds)
    assert isinstance(cached, CompiledRegistry)
    assert cached.names == built.names and cached._parsed is None  # no YAML read
    for name in built.names:
        assert cached.load(name) == built.load(name)
        assert cached.is_abstract(name) == built.is_abstract(name)
    # a changed rule in a pack file: a new key, the pack is compiled (and validated) again
    pack = next(p for p in files if "W10-missing" in p.read_text(encoding="utf-8"))
    text = pack.read_text(encoding="utf-8")
    head, _, rest = text.partition("id: W10-missing")
    pack.write_text(head + "id: W10-missing" + rest.replace("severity: error", "severity: info", 1), encoding="utf-8")
    rebuilt = pack_registry(files, kinds)
    assert type(rebuilt) is PackRegistry
    rule = next(r for n in rebuilt.names for r in rebuilt.load(n).rules if r.id == "W10-missing")
    assert rule.severity.value == "info"
    # a pack named by file still works on a compiled registry (the YAML is read then)
    again = pack_registry(files, kinds)
    assert isinstance(again, CompiledRegistry)
    assert again.load(str(pack)).name == rebuilt.load(str(pack)).name and again._parsed is not None


def test_a_damaged_cache_entry_is_rebuilt(tmp_path: Path, cache_home: Path) -> None:
    kinds = Engine(Settings()).kinds
    files = _packs(tmp_path / "rules")
    before = set(cache_home.glob("packs-*.pickle"))
    pack_registry(files, kinds)
    (entry,) = set(cache_home.glob("packs-*.pickle")) - before
    entry.write_bytes(b"not a pickle")
    assert type(pack_registry(files, kinds)) is PackRegistry
    assert isinstance(pack_registry(files, kinds), CompiledRegistry)


def test_an_unwritable_cache_home_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("REPORT_CHECK_CACHE_HOME", str(blocker / "cache"))  # under a file: mkdir fails
    engine = Engine(Settings())
    assert engine.check_file(SEED).status.value == "pass"


def test_extractors_from_the_manifest_load_on_first_use(cache_home: Path) -> None:
    code = (
        "import sys\n"
        "from checker.engine import Engine, Settings\n"
        "from checker.lazyplugins import LazyExtractor\n"
        f"from pathlib import Path\nengine = Engine(Settings())\nseed = Path({str(SEED)!r})\n"
        "pdf = next(e for e in engine.extractors if '.pdf' in e.suffixes)\n"
        "print(type(pdf).__name__, engine.check_file(seed).status.value, 'checker.extractors.pdf' in sys.modules)\n"
        "print(type(getattr(pdf, 'real', lambda: pdf)()).__name__, 'checker.extractors.pdf' in sys.modules)\n"
    )
    env = {**os.environ, "REPORT_CHECK_CACHE_HOME": str(cache_home)}
    run = [sys.executable, "-c", code]
    subprocess.run(run, check=True, env=env, capture_output=True)  # the first run writes the manifest
    out = subprocess.run(run, check=True, env=env, capture_output=True, text=True).stdout
    assert out.splitlines() == ["LazyExtractor pass False", "PdfExtractor True"]
