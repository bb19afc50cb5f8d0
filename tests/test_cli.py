"""The command line end to end: exit codes, formats, the findings schema, bad input."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import jsonschema
import pytest

from checker.cli import main
from checker.resources import schema
from tests.seeded import SEED, write_variant

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "example-2021.md"


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["--format", "json", *args])
    out = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator(schema("findings.schema.json")).validate(out)
    return code, out


def test_seed_exits_0_and_json_validates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_json(capsys, str(SEED))
    assert code == 0
    assert out["files"] == [
        {
            "path": str(SEED), "status": "pass", "pack": "gov-2019", "format": "text", "report_year": 2020,
            "version": "V2019", "agency": "运城市交通运输局", "findings": [],
        }
    ]


def test_bundled_example_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_json(capsys, str(EXAMPLE))
    assert code == 0
    assert (out["files"][0]["pack"], out["files"][0]["report_year"]) == ("gov-2021", 2023)


def test_defect_exits_1_with_expected_and_actual(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out = run_json(capsys, str(write_variant("t3-total-changed", tmp_path)))
    assert code == 1
    a2 = next(f for f in out["files"][0]["findings"] if f["rule"] == "A2")
    assert a2["location"] == {
        "path": str(tmp_path / "t3-total-changed.txt"), "line": 310, "section": "三、收到和处理政府信息公开申请情况",
        "table": "表三", "row": "（七）总计", "column": "总计",
    }
    assert (a2["kind"], a2["expected"], a2["actual"]) == ("sum", "0", "2")
    assert a2["operands"][0]["label"] == "（七）总计" and a2["operands"][0]["raw"] == "2"


def test_text_output_is_compiler_style(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_variant("date-late", tmp_path)
    assert main([str(path), "--lang", "zh"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{path}:452: W4-late error 落款日期2021年2月26日晚于发布期限2021年1月31日"
    assert lines[1].startswith("检查文件1个：通过0，不通过1")
    assert lines[2] == "规则说明：report-check rules explain W4-late --lang zh"


def test_fail_level_warning(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_variant("section-reworded", tmp_path)
    assert main([str(path)]) == 0
    assert main([str(path), "--fail-level", "warning"]) == 1


def test_bad_inputs_are_findings_and_the_run_goes_on(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "notes.txt").write_text("今天开会讨论了食堂菜单。\n", encoding="utf-8")
    (tmp_path / "odd.xyz").write_text("hello", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("café crème brûlée à la carte".encode("latin-1"))
    code, out = run_json(
        capsys, str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"), str(tmp_path / "notes.txt"),
        str(tmp_path / "odd.xyz"), str(tmp_path / "latin1.txt"), str(SEED),
    )
    assert code == 1
    got = {Path(f["path"]).name: (f["status"], [x["rule"] for x in f["findings"]]) for f in out["files"]}
    assert got == {
        "empty.txt": ("error", ["EXTRACT-empty"]),
        "binary.txt": ("error", ["EXTRACT-binary"]),
        "notes.txt": ("error", ["EXTRACT-not-a-report"]),
        "odd.xyz": ("error", ["EXTRACT-unknown-type"]),
        "latin1.txt": ("error", ["EXTRACT-not-a-report"]),  # read (no crash), and not a report
        SEED.name: ("pass", []),
    }


def test_folders_are_walked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_variant("date-late", tmp_path)
    (tmp_path / "sub").mkdir()
    write_variant("agency-changed", tmp_path / "sub")
    (tmp_path / "sub" / "readme.xyz").write_text("not a report", encoding="utf-8")
    code, out = run_json(capsys, str(tmp_path))
    assert code == 1
    assert sorted(Path(f["path"]).name for f in out["files"]) == ["agency-changed.txt", "date-late.txt"]


def test_parallel_run_matches_serial(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from tests.seeded import DEFECTS

    paths = [str(write_variant(name, tmp_path)) for name in sorted(DEFECTS)]
    _, serial = run_json(capsys, "--jobs", "1", *paths)
    _, parallel = run_json(capsys, "--jobs", "2", *paths)
    assert parallel["files"] == serial["files"]


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main([str(tmp_path / "nope.txt")]) == 2
    assert main([str(SEED), "--format", "nope"]) == 2
    assert main([str(SEED), "--pack", "nope"]) == 2
    assert main([str(SEED), "--severity", "A1=loud"]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and "unknown format 'nope'" in err and "unknown rule pack" in err


def test_several_outputs_in_one_run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "out" / "findings.json"
    assert main([str(SEED), "--format", "text", "--format", f"json:{target}"]) == 0
    assert "1 file checked" in capsys.readouterr().out
    assert json.loads(target.read_text(encoding="utf-8"))["files"][0]["status"] == "pass"


def test_plugins_command_lists_builtins(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    assert "extractors: text" in out
    assert "rule_kinds: sections, table, cells, sum, equation" in out
    assert "rule packs: " in out and "gov-2021" in out


@pytest.mark.parametrize(("name", "zh", "en"), [
    ("report.doc", "请用文字处理软件另存为 DOCX 或 PDF 后再检查", "save it as DOCX or PDF in a word processor"),
    ("report.WPS", "请用文字处理软件另存为 DOCX 或 PDF 后再检查", "save it as DOCX or PDF in a word processor"),
    ("scan.jpg", "图片中没有可读取的文字", "an image holds no text to read"),
    ("odd.xyz", None, None),
])
def test_an_unsupported_type_says_what_to_do_where_it_can(tmp_path: Path, name: str, zh: str | None, en: str | None) -> None:
    from checker.engine import Engine, Settings

    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0 not read")
    (problem,) = Engine(Settings()).extract(path).problems
    assert problem.rule == "EXTRACT-unknown-type"
    assert problem.message.zh.startswith(f"不支持的文件类型“{path.suffix}”")
    if zh is None:
        assert problem.message.zh.endswith("）") and problem.message.en.endswith(")")
    else:
        assert zh in problem.message.zh and en in problem.message.en


@pytest.mark.parametrize("columns", ["60", "100", "junk", None])
def test_help_is_as_wide_as_argparse_makes_it(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    from checker.commands.check import check_parser

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    ours, theirs = check_parser(), check_parser()
    theirs.formatter_class = argparse.HelpFormatter  # asks shutil.get_terminal_size
    assert ours.format_help() == theirs.format_help()
    assert max(len(line) for line in ours.format_help().splitlines()) <= (int(columns) if columns == "60" else 200)
