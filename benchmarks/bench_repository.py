"""The repository phase on N synthetic reports: identity, X1/C2/C3 pairs and the W9 copy search.

Extraction is not timed (the summaries are built here as the workers build them); the figures are
(a) the per-report cost of the copy fingerprint (shingles + MinHash, paid in the workers) and
(b) the whole repository phase over N reports, which runs once, in the main process.

    PYTHONPATH=. python benchmarks/bench_repository.py --reports 1000 --runs 5
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from msgspec.structs import replace

from checker.engine import Engine, Settings
from checker.finding import FileResult, Status
from checker.model import Location
from checker.repository.copies import find_similar
from checker.repository.identity import agency_key
from checker.repository.phase import check_repository
from checker.repository.summary import ReportSummary, minhash, pack_cells, pack_shingles, shingles

PLACES = ["运城市", "淮安市", "太原市", "南京市", "杭州市", "成都市", "西安市", "长沙市", "福州市", "济南市"]
DISTRICTS = ["盐湖区", "清江浦区", "小店区", "鼓楼区", "西湖区", "武侯区", "雁塔区", "岳麓区", "仓山区", "历下区"]
BODIES = ["交通运输局", "教育局", "民政局", "财政局", "人力资源和社会保障局", "自然资源局", "生态环境局",
          "住房和城乡建设局", "水务局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "应急管理局",
          "审计局", "市场监督管理局", "统计局", "医疗保障局", "城市管理局", "人民政府"]
# Stock phrases every report uses, and words that make each report's own sentences.
STOCK = ["认真贯彻落实政府信息公开条例", "坚持以公开为常态不公开为例外", "进一步加强组织领导", "完善工作机制",
         "主动公开政府信息", "依申请公开工作", "政府信息管理", "平台建设", "监督保障", "存在的主要问题"]
WORDS = list("农村公路建设道路运输安全客运班线调整养护计划教育资源均衡社会救助养老服务预算公开社保基金国土空间"
             "规划生态环境监测住房保障供水排水农业补贴招商引资旅游推广医疗卫生应急演练审计整改质量抽检统计调查")


def text_for(rng: random.Random) -> str:
    parts = []
    for _ in range(60):
        parts.append(rng.choice(STOCK) if rng.random() < 0.25 else "".join(rng.choices(WORDS, k=rng.randint(6, 14))))
    return "".join(parts)


def summary(path: str, agency: str, year: int, text: str, rng: random.Random, before: ReportSummary | None) -> ReportSummary:
    """A report's summary; the year after, consistent with ``before`` (no X1/C2/C3 finding)."""
    loc = Location(path, line=1)
    values: dict[str, int] = {}
    for column in ("natural", "commercial", "research", "welfare", "legal", "other", "total"):
        carried_in = int(before.cells[f"T3.carried_out.{column}"].number or 0) if before else rng.randint(0, 5)
        new, carried_out = rng.randint(0, 50), rng.randint(0, 5)
        values |= {f"T3.new.{column}": new, f"T3.carried_in.{column}": carried_in,
                   f"T3.total.{column}": new + carried_in - carried_out, f"T3.carried_out.{column}": carried_out}
        values |= {f"T3.{r}.{column}": rng.randint(0, 9) for r in ("open", "partial", "deny_1", "unable_1", "noproc_1")}
    for row in ("rules", "normative"):
        issued, repealed = rng.randint(0, 5), rng.randint(0, 3)
        in_force = int(before.cells[f"T2.{row}.in_force"].number or 0) + issued - repealed if before else rng.randint(5, 20)
        values |= {f"T2.{row}.issued": issued, f"T2.{row}.repealed": repealed, f"T2.{row}.in_force": in_force}
    cells = pack_cells((k, str(v), str(v), loc) for k, v in values.items())
    grams = shingles(text)
    return ReportSummary(path, agency, agency_key(agency), year, "V2021", "gov-2021", loc, cells, {"S1": loc},
                         len(text), pack_shingles(grams), minhash(grams))


def build(n: int, seed: int = 7) -> tuple[list[FileResult], list[str]]:
    rng = random.Random(seed)
    agencies = [f"{p}{d}{b}" for p in PLACES for d in DISTRICTS for b in BODIES][: n // 2]
    texts: list[str] = []
    results = []
    for i, agency in enumerate(agencies):
        for year in (2021, 2022):
            text = text_for(rng)
            if year == 2022 and i % 50 == 0:
                text = texts[-1]  # every 50th agency copies its 2021 report
            texts.append(text)
            path = f"reports/{year}/{i:04d}.txt"
            before = results[-1].summary if year == 2022 else None
            results.append(FileResult(path, Status.PASS, "gov-2021", "text", [], year, "V2021", agency,
                                      summary=summary(path, agency, year, text, rng, before)))
    return results, texts


def same_report(engine: Engine, n: int) -> None:
    """The worst case for the copy search and the identity index: n files of one report."""
    seed = engine.check_file(Path(__file__).resolve().parents[2] / "shared" / "corpus" / "yuncheng-transport-2020.txt")
    assert seed.summary is not None
    results = [replace(seed, path=f"copy{i:04d}.txt", findings=list(seed.findings),
                       summary=replace(seed.summary, path=f"copy{i:04d}.txt")) for i in range(n)]
    start = time.process_time()
    check_repository(engine, results)
    print(f"{n} files of one report: repository phase cpu {time.process_time() - start:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    engine = Engine(Settings())
    same_report(engine, args.reports)
    _, texts = build(args.reports)
    start = time.perf_counter()
    for text in texts:
        minhash(shingles(text))
    per_report = (time.perf_counter() - start) / len(texts)
    times, cpu = [], []
    for _ in range(args.runs):
        results, _ = build(args.reports)
        start, start_cpu = time.perf_counter(), time.process_time()
        check_repository(engine, results)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    similar = []
    for _ in range(args.runs):
        summaries = [r.summary for r in results if r.summary is not None]
        start = time.perf_counter()
        find_similar(summaries, {s.path for s in summaries})
        similar.append(time.perf_counter() - start)
    copies = sum(1 for r in results for f in r.findings if f.rule == "W9-text")
    others = sum(1 for r in results for f in r.findings if f.rule != "W9-text")
    chars = statistics.mean(len(t) for t in texts)
    print(f"{len(results)} reports, {chars:.0f} characters of 一 + 五 each; fingerprint {per_report * 1000:.2f} ms/report "
          f"(in the workers); repository phase median {statistics.median(times):.3f} s "
          f"(min {min(times):.3f}, max {max(times):.3f}; cpu median {statistics.median(cpu):.3f} s), of which the W9 copy search median "
          f"{statistics.median(similar):.3f} s; W9-text findings {copies} (seeded {args.reports // 100}), "
          f"other findings {others}")


if __name__ == "__main__":
    main()
