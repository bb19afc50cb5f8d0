"""The repository configuration: discovery, per-path packs and params, severities, errors, precedence."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.config import find_config, glob_match, load_config
from checker.packs.yamlsource import SourceError
from tests.ci_helpers import (
    findings_by_file,
    git_init,
    make_reports,
    reports_repo,
    run_cli,
    run_json,
)

LAYOUT = {
    "reports/departments/late.txt": "date-late",
    "reports/governments/late.txt": "date-late",
    "reports/departments/warn.txt": "t2-published-exceeds-total",
    "notes/readme.txt": "closing-removed",
}

CONFIG = """\
include: ["reports/**"]
exclude: ["reports/drafts/**"]
severities:
  C4: error          # the office treats 表二 published > total as an error
overrides:
  - paths: ["reports/governments/**"]
    params: {agency_type: government}   # deadline 31 March, not 31 January
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return reports_repo(tmp_path, LAYOUT, monkeypatch)


def test_config_found_upward_and_applied_per_path(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / ".report-check.yaml").write_text(CONFIG, encoding="utf-8")
    (repo / "reports" / "drafts").mkdir()
    make_reports(repo, {"reports/drafts/broken.txt": "closing-removed"})
    code, data = run_json(capsys, ".")
    assert code == 1
    assert findings_by_file(data) == {
        "reports/departments/late.txt": [("W4-late", "error", None)],
        "reports/departments/warn.txt": [("C4", "error", None)],  # severity override
        "reports/governments/late.txt": [],  # per-path params: a government's deadline
    }  # notes/ is not included, drafts/ is excluded
    # found from a subfolder too, and the same globs still apply relative to the config file
    code, out, err = run_cli(capsys, "notes/readme.txt", "reports/departments/late.txt")
    assert code == 1 and "skipped 1 file(s) named but not selected by include/exclude" in err
    assert "notes/readme.txt" not in out
    monkeypatch.chdir(repo / "reports" / "governments")
    code, data = run_json(capsys, "late.txt")
    assert code == 0 and findings_by_file(data) == {"late.txt": []}


def test_pyproject_table_and_cli_flags_win(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "reports"\n\n[tool.report-check]\ninclude = ["reports/**"]\nfail_level = "warning"\n'
        '[tool.report-check.severities]\n"W4-late" = "off"\n',
        encoding="utf-8",
    )
    code, data = run_json(capsys, ".")
    assert findings_by_file(data)["reports/departments/late.txt"] == []  # W4-late off
    assert code == 1  # fail level warning: the C4 warning fails
    code, data = run_json(capsys, ".", "--fail-level", "error", "--severity", "W4-late=error")
    assert findings_by_file(data)["reports/departments/late.txt"] == [("W4-late", "error", None)]
    assert findings_by_file(data)["reports/departments/warn.txt"] == [("C4", "warning", None)]
    assert code == 1 and data["fail_level"] == "error"
    code, data = run_json(capsys, "reports/departments/warn.txt", "--fail-level", "error")
    assert code == 0
    _, data = run_json(capsys, "reports/departments/late.txt", "notes/readme.txt", "--no-config")
    assert findings_by_file(data) == {
        "reports/departments/late.txt": [("W4-late", "error", None)], "notes/readme.txt": [("W10-missing", "error", None)]
    }


def test_cli_pack_and_params_override_per_path_settings(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".report-check.yaml").write_text(CONFIG, encoding="utf-8")
    _code, data = run_json(capsys, "reports", "--param", "agency_type=department")
    assert findings_by_file(data)["reports/governments/late.txt"] == [("W4-late", "error", None)]
    _, data = run_json(capsys, "reports", "--pack", "gov-2021")
    assert {f["pack"] for f in data["files"]} == {"gov-2021"}


def test_explicit_config_and_show_config(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "ci").mkdir()
    (repo / "ci" / "checks.yaml").write_text(
        "pack: gov\noverrides:\n  - paths: ['reports/governments/**']\n    params: {agency_type: government}\n"
        "    severities: {W4-late: warning}\n",
        encoding="utf-8",
    )
    # globs are relative to the config file's folder: ci/, so this override matches nothing ...
    code, out, _err = run_cli(capsys, "--config", "ci/checks.yaml", "--show-config", "reports/governments/late.txt")
    shown = yaml.safe_load(out)
    assert code == 0 and shown["params"]["agency_type"] == "auto" and shown["config"].endswith("checks.yaml")
    # ... while the same file at the repository root (found without --config) matches
    (repo / "ci" / "checks.yaml").rename(repo / ".report-check.yaml")
    code, out, _ = run_cli(capsys, "--show-config", "reports/governments/late.txt", "--severity", "A1=warning")
    shown = yaml.safe_load(out)
    assert shown["params"]["agency_type"] == "government"
    assert shown["params"]["deadlines"] == {"department": "01-31", "government": "03-31"}  # the pack's own
    assert shown["severities"] == {"W4-late": "warning", "A1": "warning"} and shown["checked"] is True
    assert shown["fail_level"] == "error" and shown["pack"] == "gov"
    code, data = run_json(capsys, "reports/governments/late.txt", "--param", "agency_type=department")
    assert findings_by_file(data) == {"reports/governments/late.txt": [("W4-late", "warning", None)]}  # per-path severity
    assert code == 0


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("include: reports/**\n", 1, "include: 'reports/**' is not of type 'array'"),
        ("pack: gov\nseverities:\n  A1: fatal\n", 3, "severities.A1: 'fatal' is not one of"),
        ("overrides:\n  - pack: gov\n", 2, "'paths' is a required property"),
        ("fail_levle: error\n", 1, "Additional properties are not allowed ('fail_levle'"),
        ("severities:\n  A1: error\n  Z9: off\n", 3, "unknown rule 'Z9'"),
        ("pack: [\n", 2, "invalid YAML"),
    ],
)
def test_invalid_config_names_file_line_and_key(
    repo: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, words: str
) -> None:
    (repo / ".report-check.yaml").write_text(text, encoding="utf-8")
    code, _, err = run_cli(capsys, "reports")
    assert code == 2
    assert f".report-check.yaml:{line}:" in err and words in err


def test_invalid_pyproject_table_names_the_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.report-check]\nfail_level = "fatal"\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r"pyproject.toml:5: fail_level: 'fatal' is not one of"):
        load_config(repo / "pyproject.toml")
    assert run_cli(capsys, "reports")[0] == 2


def test_discovery_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".report-check.yaml").write_text("fail_level: warning\n", encoding="utf-8")
    inner = tmp_path / "repo" / "sub"
    inner.mkdir(parents=True)
    assert find_config(inner) == tmp_path / ".report-check.yaml"
    git_init(tmp_path / "repo")
    assert find_config(inner) is None


def test_globs() -> None:
    root = Path("/r")
    assert glob_match("reports/departments/**", "/r/reports/departments/a/b.pdf", root)
    assert not glob_match("reports/departments/**", "/r/reports/governments/b.pdf", root)
    assert glob_match("reports/*.txt", "/r/reports/a.txt", root)
    assert not glob_match("reports/*.txt", "/r/reports/x/a.txt", root)
    assert glob_match("*.pdf", "/r/deep/er/a.pdf", root)  # no slash: any depth
    assert glob_match("reports/drafts", "/r/reports/drafts/x.txt", root)  # a folder covers its files
    assert not glob_match("reports/**", "/elsewhere/reports/a.txt", root)


def test_shipped_schemas_are_valid() -> None:
    import jsonschema

    from checker.resources import schema

    for name in ("config.schema.json", "waivers.schema.json"):
        jsonschema.Draft202012Validator.check_schema(schema(name))


def test_globs_leaving_the_root() -> None:
    root = Path("/r/ci")
    assert glob_match("../reports/*.txt", "/r/reports/a.txt", root)
    assert glob_match("./x/../*.txt", "/r/ci/a.txt", root)
    assert not glob_match("*.txt", "/r/reports/a.txt", root)


def test_pack_per_path_glob_including_a_pack_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "packs").mkdir()
    (repo / "packs" / "governments.yaml").write_text(
        "schema: report-check/pack/v1\nname: office-governments\nextends: gov-2019\nversion: V2019\n"
        "params: {agency_type: government}\n",
        encoding="utf-8",
    )
    (repo / ".report-check.yaml").write_text(
        'include: ["reports/**"]\noverrides:\n'
        '  - paths: ["reports/governments/**"]\n    pack: packs/governments.yaml\n'
        '  - paths: ["reports/departments/warn.txt"]\n    pack: gov-2021\n',
        encoding="utf-8",
    )
    code, data = run_json(capsys, "reports")
    assert code == 1
    packs = {f["path"]: f["pack"] for f in data["files"]}
    assert packs == {
        "reports/departments/late.txt": "gov-2019",  # the default `gov` picks the version by year
        "reports/departments/warn.txt": "gov-2021",  # forced: the 2021 pack on a 2019-format report
        "reports/governments/late.txt": "office-governments",
    }
    files = findings_by_file(data)
    assert files["reports/governments/late.txt"] == []  # the pack's own params: a government's deadline
    assert ("W12-version", "error", None) in files["reports/departments/warn.txt"]
    shown = yaml.safe_load(run_cli(capsys, "--show-config", "reports/governments/late.txt")[1])
    assert shown["pack"] == "office-governments" and shown["params"]["agency_type"] == "government"
