"""Waivers (with reasons and expiry) and the baseline, through the real CLI and plugin hook."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ci_helpers import findings_by_file, make_reports, reports_repo, run_cli, run_json
from tests.seeded import apply, seed_text

T3 = "表三"
BROKEN = "reports/t3.txt"  # A1, A2, A3 on 表三
LAYOUT = {BROKEN: "t3-total-changed", "reports/ok.txt": None, "reports/late.txt": "date-late"}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return reports_repo(tmp_path, LAYOUT, monkeypatch)


def waiver(rule: str, files: str = "reports/t3.txt", expires: str | None = None, **labels: str) -> str:
    lines = [f"  - rule: {rule}", f"    files: {files}", "    reason: 经审核确认 / reviewed and accepted"]
    lines += [f"    {k}: {v}" for k, v in labels.items()]
    if expires:
        lines.append(f"    expires: {expires}")
    return "\n".join(lines) + "\n"


def write_waivers(repo: Path, *entries: str) -> Path:
    path = repo / "waivers.yaml"
    path.write_text("waivers:\n" + "".join(entries), encoding="utf-8")
    return path


def test_waived_findings_are_reported_but_do_not_fail(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_waivers(repo, waiver("A2", table=T3, row="（七）总计", column="总计"), waiver("A[13]"), waiver("W4-*", "reports/late.txt"))
    code, data = run_json(capsys, "reports", "--waivers", "waivers.yaml", "--fail-level", "info")
    assert code == 0
    assert findings_by_file(data)[BROKEN] == [("A1", "error", "waiver"), ("A2", "error", "waiver"), ("A3", "error", "waiver")]
    t3 = next(f for f in data["files"] if f["path"] == BROKEN)
    a2 = next(f for f in t3["findings"] if f["rule"] == "A2")
    assert a2["suppression"]["justification"].startswith("经审核确认 / reviewed and accepted (")
    assert data["summary"]["findings"]["suppressed"] == 4
    code, out, _ = run_cli(capsys, BROKEN, "--waivers", "waivers.yaml")
    assert code == 0 and "A2 error [waiver]" in out and "3 suppressed" in out


def test_a_waiver_only_matches_its_cell(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_waivers(repo, waiver("A2", table=T3, row="（七）总计", column="自然人"))
    code, data = run_json(capsys, BROKEN, "--waivers", "waivers.yaml")
    assert code == 1
    assert findings_by_file(data)[BROKEN] == [("A1", "error", None), ("A2", "error", None), ("A3", "error", None)]
    assert findings_by_file(data)["waivers.yaml"] == [("WAIVER-unused", "warning", None)]


def test_expired_waiver_stops_applying_and_says_so(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_waivers(repo, waiver("A*", expires="2999-12-31"), waiver("W4-late", "reports/late.txt", expires="2020-01-31"))
    code, data = run_json(capsys, "reports", "--waivers", "waivers.yaml")
    assert code == 1
    files = findings_by_file(data)
    assert files["reports/late.txt"] == [("W4-late", "error", None)]
    assert [kind for _, _, kind in files[BROKEN]] == ["waiver"] * 3
    expired = next(f for f in data["files"] if f["format"] == "waivers")["findings"]
    assert [(f["rule"], f["location"]["line"]) for f in expired] == [("WAIVER-expired", 6)]
    assert "expired on 2020-01-31" in expired[0]["message"]


def test_unused_waiver_is_reported_only_for_files_checked(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_waivers(repo, waiver("C4", "reports/ok.txt"), waiver("C4", "reports/other-year/*.txt"))
    code, data = run_json(capsys, "reports/ok.txt", "--waivers", "waivers.yaml")
    assert code == 0  # a warning on the waiver file does not fail at the default fail level
    assert findings_by_file(data)["waivers.yaml"] == [("WAIVER-unused", "warning", None)]
    code, out, _ = run_cli(capsys, "reports/ok.txt", "--waivers", "waivers.yaml", "--fail-level", "warning")
    assert "2 files checked: 1 passed, 1 failed" in out  # the waiver file is one of the files checked
    assert code == 1 and "waivers.yaml:2: WAIVER-unused warning waiver C4 @ reports/ok.txt matched no finding" in out


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("waivers:\n  - rule: A1\n    files: x.txt\n", 2, "'reason' is a required property"),
        ("waivers:\n  - {rule: A1, files: x.txt, reason: ok, expires: next year}\n", 2, "not a date"),
        ("waivers:\n  - {rule: A1, file: x.txt, reason: ok}\n", 2, "'files' is a required property"),
    ],
)
def test_invalid_waiver_file(repo: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, words: str) -> None:
    (repo / "waivers.yaml").write_text(text, encoding="utf-8")
    code, _, err = run_cli(capsys, "reports", "--waivers", "waivers.yaml")
    assert code == 2 and f"waivers.yaml:{line}:" in err and words in err


def test_baseline_fails_only_on_new_findings(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "reports", "--write-baseline", "ci/baseline.json")
    assert code == 0 and "wrote 4 findings" in err and "4 suppressed" in out
    recorded = json.loads((repo / "ci" / "baseline.json").read_text(encoding="utf-8"))
    assert [(e["path"], e["rule"], e.get("table"), e.get("row"), e.get("column")) for e in recorded["findings"]] == [
        ("../reports/late.txt", "W4-late", None, None, None),
        ("../reports/t3.txt", "A1", T3, None, "总计"),
        ("../reports/t3.txt", "A2", T3, "（七）总计", "总计"),
        ("../reports/t3.txt", "A3", T3, "（七）总计", "总计"),
    ]
    assert all("line" not in e and "page" not in e for e in recorded["findings"])
    code, data = run_json(capsys, "reports", "--baseline", "ci/baseline.json")
    assert code == 0 and data["summary"]["findings"]["suppressed"] == 4

    # Re-paginated and edited elsewhere: page furniture and blank lines move every finding's line.
    broken = repo / BROKEN
    text = broken.read_text(encoding="utf-8")
    broken.write_text("\n\n- 1 -\n\n" + text.replace("六、其他需要报告的事项", "\n\n- 2 -\n\n六、其他需要报告的事项"), encoding="utf-8")
    code, data = run_json(capsys, "reports", "--baseline", "ci/baseline.json")
    assert code == 0 and findings_by_file(data)[BROKEN] == [("A1", "error", "baseline"), ("A2", "error", "baseline"), ("A3", "error", "baseline")]

    # A new defect in the same report fails, and only it.
    broken.write_text(apply(broken.read_text(encoding="utf-8"), [("行政强制 12 14 0", "行政强制 12 14 -3")]), encoding="utf-8")
    code, data = run_json(capsys, "reports", "--baseline", "ci/baseline.json")
    assert code == 1
    active = [(r, s) for r, s, kind in findings_by_file(data)[BROKEN] if kind is None]
    assert active == [("C1", "error")]


def test_baseline_from_config_in_parallel_workers(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_reports(repo, {"reports/more/a.txt": "t2-count-invalid", "reports/more/b.txt": "closing-removed"})
    (repo / ".report-check.yaml").write_text("baseline: .report-check-baseline.json\nwaivers: waivers.yaml\n", encoding="utf-8")
    write_waivers(repo, waiver("W10-missing", "reports/more/b.txt"))
    code, _, _ = run_cli(capsys, "--write-baseline", ".report-check-baseline.json", "reports", "--jobs", "2")
    assert code == 0
    recorded = json.loads((repo / ".report-check-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert sorted(e["path"] for e in recorded) == ["reports/late.txt", "reports/more/a.txt", *[BROKEN] * 3]
    code, data = run_json(capsys, "reports", "--jobs", "2")  # 5 files: worker processes run the hook
    assert code == 0
    kinds = {path: {k for _, _, k in rows} for path, rows in findings_by_file(data).items() if rows}
    assert kinds == {BROKEN: {"baseline"}, "reports/late.txt": {"baseline"}, "reports/more/a.txt": {"baseline"},
                     "reports/more/b.txt": {"waiver"}}
    (repo / "reports" / "new.txt").write_text(apply(seed_text(), [("规范性文件 1 1 5", "规范性文件 1 6 5")]), encoding="utf-8")
    code, data = run_json(capsys, "reports", "--jobs", "2", "--fail-level", "warning")
    assert code == 1 and findings_by_file(data)["reports/new.txt"] == [("C4", "warning", None)]


def test_missing_baseline_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "reports", "--baseline", "nope.json")
    assert code == 2 and "nope.json" in err and "--write-baseline" in err


def test_waiver_file_findings_annotate_the_file_in_the_checkout(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".report-check.yaml").write_text("waivers: ci/waivers.yaml\n", encoding="utf-8")
    (repo / "ci").mkdir()
    (repo / "ci" / "waivers.yaml").write_text("waivers:\n" + waiver("C4", "../reports/ok.txt"), encoding="utf-8")
    code, out, _ = run_cli(capsys, "reports/ok.txt", "--format", "github")
    assert code == 0
    assert out.startswith("::warning file=ci/waivers.yaml,line=2,title=WAIVER-unused::waiver C4 @ ../reports/ok.txt")
