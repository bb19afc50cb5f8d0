"""Rule packs: every shipped pack loads; a malformed pack is reported with file, line and what."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import main
from checker.engine import Engine
from checker.packs.loader import PackError

ROOT = Path(__file__).resolve().parents[1]
GOV_2021_RULES = {
    "W1-missing", "W1-order", "W1-duplicate", "W1-near-miss", "W1-extra", "W2-table-missing",
    "W2-table-misplaced", "W2-row-missing", "W2-column-missing", "W2-column-header", "W2-label", "W2-group-row", "CELL-blank", "CELL-na",
    "A1", "A2", "A3", "A4", "B1", "B2", "W3-year", "W3-period", "W12-version", "W10-missing",
    "W10-agency", "W4-early", "W4-late", "C1", "W7-fee",
    # repository and prose rules (#12)
    "X1", "X3", "X6", "W8-substance", "W8-rules", "REPO-duplicate", "REPO-history", "W9-text", "W9-table",
    "C2", "C3", "X4", "X5",
}


def test_official_packs_are_complete(engine: Engine) -> None:
    v2021 = engine.registry.load("gov-2021")
    v2019 = engine.registry.load("gov-2019")
    assert {r.id for r in v2021.rules} == GOV_2021_RULES
    assert {r.id for r in v2019.rules} == GOV_2021_RULES - {"W7-fee", "C2", "C3", "X4", "X5"} | {"C4", "C5"}
    for pack, t2_cells, t3_rows in ((v2019, 22, 23), (v2021, 10, 25)):
        assert [s.label for s in pack.sections] == [
            "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
        ]
        t2, t3, t4 = (pack.table(t) for t in ("T2", "T3", "T4"))
        assert t2 and t3 and t4
        assert sum(len(b.rows) * len(b.columns) for b in t2.blocks) == t2_cells
        assert len(t3.blocks[0].rows) == t3_rows and len(t3.blocks[0].columns) == 7
        assert len(t4.blocks[0].columns) == 15


def test_selector_picks_by_year(engine: Engine) -> None:
    assert engine.registry.load("gov").select == ((2019, 2020, "gov-2019"), (2021, None, "gov-2021"))


def write_pack(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text("schema: report-check/pack/v1\nname: bad\nextends: gov-2021\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("rules:\n  - id: Z1\n    kind: nope\n    severity: error\n    message: {zh: a, en: b}\n", 5, "unknown kind 'nope'"),
        ("rules:\n  - id: Z1\n    kind: sum\n    severity: loud\n    message: {zh: a, en: b}\n", 7, "'loud' is not one of"),
        (
            ("rules:\n  - id: Z1\n    kind: equation\n    table: T3\n    expr: new + == total\n"
            "    severity: error\n    message: {zh: a, en: b}\n"), 5, "expr:",
        ),
        (
            ("rules:\n  - id: Z1\n    kind: equation\n    table: T3\n    expr: new == totl\n"
            "    severity: error\n    message: {zh: a, en: b}\n"), 5, "totl not in T3",
        ),
        (
            ("rules:\n  - id: Z1\n    kind: sum\n    table: T3\n    total: total\n    severity: error\n"
            "    message: {zh: a, en: b}\n"), 5, "'parts' is a required property",
        ),
        ("tables:\n  - id: T9\n    name: x\n", 5, "'section' is a required property"),
        ("rules: [\n", 5, "invalid YAML"),
    ],
)
def test_malformed_pack_names_file_and_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    from checker.engine import Settings

    engine = Engine(Settings())  # a fresh registry: the shared one must not learn the bad pack
    path = write_pack(tmp_path, body)
    with pytest.raises(PackError) as info:
        engine.registry.load(str(path))
    assert info.value.path == str(path)
    assert message in info.value.message
    assert info.value.line == line


def test_malformed_pack_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_pack(tmp_path, "rules:\n  - id: Z1\n    kind: nope\n    severity: error\n    message: {zh: a, en: b}\n")
    assert main([str(ROOT / "examples"), "--pack", str(path)]) == 2
    assert f"{path}:5: rule Z1: unknown kind 'nope'" in capsys.readouterr().err


def test_a_custom_pack_extends_an_official_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_pack(tmp_path, "params:\n  deadlines: {department: '01-20'}\n")
    assert main([str(ROOT / "examples" / "example-2021.md"), "--pack", str(path)]) == 1
    assert "W4-late error closing date 2024年1月22日 is after the deadline 2024年1月20日" in capsys.readouterr().out


@pytest.mark.parametrize("pack", sorted((ROOT / "rules").glob("*.yaml")), ids=lambda p: p.name)
def test_libyaml_reads_the_packs_like_the_python_parser(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """YamlSource parses with libyaml when PyYAML has it: same data, same line for every value."""
    import yaml

    from checker.packs import yamlsource

    assert yamlsource._yaml()[1] is yaml.CSafeLoader  # PyYAML's wheels bundle libyaml

    def paths(node: yaml.Node, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
        if isinstance(node, yaml.MappingNode):
            return [prefix, *(p for k, v in node.value for p in paths(v, (*prefix, k.value)))]
        if isinstance(node, yaml.SequenceNode):
            return [prefix, *(p for i, v in enumerate(node.value) for p in paths(v, (*prefix, i)))]
        return [prefix]

    fast = yamlsource.YamlSource(pack)
    monkeypatch.setattr(yamlsource, "_LOADER", yaml.SafeLoader)
    slow = yamlsource.YamlSource(pack)
    assert fast.data == slow.data
    every = paths(slow.node)
    assert len(every) > 10
    assert [fast.line_of(p) for p in every] == [slow.line_of(p) for p in every]
