"""Plant surviving mutants by hand, one at a time, and run tests against each (docs/testing.md).

    python tools/plant_mutant.py .mutmut/content tests/test_mutation_content.py -- NAME [NAME ...]

mutmut keeps a verdict once given, and a run with a changed test selection starts over: a mutant
that survived a run is checked against tests written after it here instead. Each mutant's edit
(``mutmut show NAME`` in the group's work directory) is applied to a copy of ``checker/`` in a
temporary directory, and the tests run there; a mutant is "killed" when they fail. ``mutmut
show`` prints the mutated function dedented and with its own line numbers, so the edit is placed
by matching its lines in the module (indentation aside), not with ``patch``. A planted module
that does not compile stops the script: a planting error must not pass for a kill.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINKED = ("tests", "rules", "schemas", "plugins", "pyproject.toml")


def mutated_module(work: Path, name: str) -> tuple[str, str]:
    """The module's path and its source with the mutant's edit in place."""
    mutmut = Path(sys.executable).with_name("mutmut")
    diff = subprocess.run([str(mutmut), "show", name], cwd=work, capture_output=True, text=True, check=True).stdout.splitlines()
    module = next(line[4:].strip() for line in diff if line.startswith("--- "))
    body = [line for line in diff if line[:1] in " +-" and not line.startswith(("---", "+++"))]
    old = [line[1:] for line in body if line[:1] in " -"]
    new = [line[1:] for line in body if line[:1] in " +"]
    lines = (ROOT / module).read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if all(i + k < len(lines) and lines[i + k].strip() == o.strip() for k, o in enumerate(old)):
            shift = (len(line) - len(line.lstrip())) - (len(old[0]) - len(old[0].lstrip()))
            indent = " " * shift
            lines[i : i + len(old)] = [indent + n if n.strip() else n for n in new]
            source = "\n".join(lines) + "\n"
            compile(source, module, "exec")
            return module, source
    raise SystemExit(f"{name}: its lines are not in {module} (the code changed since the run?)")


def main(argv: list[str]) -> int:
    if "--" not in argv or len(argv) < 3:
        print(__doc__)
        return 2
    sep = argv.index("--")
    work, tests, names = Path(argv[0]), argv[1:sep], argv[sep + 1 :]
    survived = 0
    with tempfile.TemporaryDirectory(prefix="plant-") as tmp:
        plant = Path(tmp)
        for name in LINKED:
            (plant / name).symlink_to(ROOT / name)
        for name in names:
            module, source = mutated_module(work, name)
            shutil.rmtree(plant / "checker", ignore_errors=True)
            shutil.copytree(ROOT / "checker", plant / "checker")
            (plant / module).write_text(source, encoding="utf-8")
            result = subprocess.run(
                ["nice", sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
                cwd=plant, env={"PYTHONPATH": str(plant), "PATH": "/usr/bin:/bin", "HOME": str(Path.home())},
                capture_output=True, text=True, check=False,
            )
            last = (result.stdout.strip().splitlines() or [""])[-1]
            survived += result.returncode == 0
            print(f"{name}: {'killed' if result.returncode else 'SURVIVED'} ({last})", flush=True)
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
