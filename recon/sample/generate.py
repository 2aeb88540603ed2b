"""generate(): build the clean tables, compute the answers, write the messy files and the answer folder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from recon.sample.answers import expected
from recon.sample.clean import build
from recon.sample.previous import PREVIOUS_DIR
from recon.sample.records import FILE_KINDS, PREVIOUS_FILES, add_months
from recon.sample.write import FORMATS, SKIPPED_IN_PLAIN, Writer, file_names

ANSWERS_DIR = "_answers"
# M1 is reported only by the run with last month's roll (`--previous-input _上月`): its answers are
# expected_previous.csv, so expected.csv stays the answer of a plain `recon run`
PREVIOUS_RULES = ("M1",)


@dataclass(frozen=True)
class GeneratedSample:
    out_dir: Path
    files: tuple[Path, ...]  # the input files recon reads
    previous_files: tuple[Path, ...]  # last month's dibao roll (in PREVIOUS_DIR, for --previous-input)
    answers: Path  # _answers/expected.csv: what `recon run` reports
    answers_previous: Path  # _answers/expected_previous.csv: what the run with --previous-input adds
    planted: Path  # _answers/planted.csv
    expected: pl.DataFrame  # rule, id_number, name, source_kind, source_file (all three files)
    cases: pl.DataFrame  # case, id_number, name, present, absent, note
    records: pl.DataFrame  # the clean records the answers were computed from
    data_rows: int
    skipped_messes: tuple[str, ...]  # messes a plain format cannot carry


def generate(
    out_dir: Path,
    month: dt.date = dt.date(2020, 4, 1),
    seed: int = 1,
    scale: float = 1.0,
    formats: str = "mixed",
) -> GeneratedSample:
    if formats not in FORMATS:
        raise ValueError(f"formats must be one of {FORMATS}, not {formats!r}")
    if scale <= 0:
        raise ValueError("scale must be positive")
    out_dir = Path(out_dir)
    month = month.replace(day=1)
    clean = build(month, seed, scale)
    names = file_names(month, formats)
    last = add_months(month, -1)
    prev_names = {k: v for k, v in file_names(last, formats).items() if k in PREVIOUS_FILES}
    answers = expected(clean.records, month, names, clean.previous, prev_names)
    # the writer draws from its own stream, so the same seed gives the same people in every format
    writer = Writer(clean.records, month, out_dir, formats, np.random.default_rng([seed, 7]))
    files = writer.write()
    # last month's roll, in a folder recon does not read as input (`--previous-input`)
    prev_writer = Writer(
        clean.previous, last, out_dir / PREVIOUS_DIR, formats, np.random.default_rng([seed, 8])
    )
    previous_files = tuple(prev_writer.write(PREVIOUS_FILES))

    adir = out_dir / ANSWERS_DIR
    adir.mkdir(parents=True, exist_ok=True)
    answers_path = adir / "expected.csv"
    held = pl.col("rule").is_in(list(PREVIOUS_RULES))
    answers_path.write_bytes(answers.filter(~held).write_csv().encode("utf-8-sig"))
    previous_path = adir / "expected_previous.csv"
    previous_path.write_bytes(answers.filter(held).write_csv().encode("utf-8-sig"))
    cases = clean.cases.rename({"pid": "id_number"})
    planted_path = adir / "planted.csv"
    planted_path.write_bytes(cases.write_csv().encode("utf-8-sig"))
    skipped = () if formats == "mixed" else SKIPPED_IN_PLAIN
    (adir / "README.txt").write_text(
        _readme(month, seed, scale, formats, names, answers, skipped), encoding="utf-8"
    )
    return GeneratedSample(
        out_dir=out_dir,
        files=tuple(files),
        previous_files=previous_files,
        answers=answers_path,
        answers_previous=previous_path,
        planted=planted_path,
        expected=answers,
        cases=cases,
        records=clean.records,
        data_rows=clean.records.height,
        skipped_messes=skipped,
    )


def _readme(
    month: dt.date,
    seed: int,
    scale: float,
    formats: str,
    names: dict[str, str],
    answers: pl.DataFrame,
    skipped: tuple[str, ...],
) -> str:
    counts = answers.group_by("rule", maintain_order=True).len()
    lines = [
        "阳谷县模拟数据（全部为虚构人员，身份证号按国标生成但不属于任何真实的人）",
        f"名册月份 {month:%Y-%m}，随机种子 {seed}，规模 {scale}，格式 {formats}。",
        "",
        "本文件夹（_answers）不是输入数据：recon 读取输入文件夹时跳过以“_”开头的文件夹和文件。",
        "",
        "expected.csv  标准答案（UTF-8 BOM）：rule, id_number, name, source_kind, source_file。",
        "  由生成器在加脏之前的干净数据上按 docs/rule-semantics.md 独立计算（不调用 recon.rules）。",
        "  比较方法：按 (rule, id_number) 集合比较；Q1 的 id_number 是写入文件的原值（未加修饰）；",
        "  Q3 的 id_number 为空，按 (rule, source_file, name) 比较（这些人的姓名在全县唯一）。",
        "expected_previous.csv  M1（上月名册）的标准答案：用 --previous-input 读入 _上月 文件夹时才报告。",
        "_上月/        上月（{last}）的低保名册，M1 用；以“_”开头，不作为本月输入。".replace(
            "{last}", f"{add_months(month, -1):%Y-%m}"
        ),
        "planted.csv   人工埋设的情形：case, id_number, name, present（应报的规则）,",
        "              absent（不应报的规则）, note。",
        "",
        "输入文件：",
        *(f"  {names[k]}  （{FILE_KINDS[k]}）" for k in names),
        "",
        "各规则条数：",
        *(f"  {r}: {n}" for r, n in counts.iter_rows()),
    ]
    if skipped:
        lines += ["", "本格式无法体现的脏数据（只在 mixed 格式中出现）：", *(f"  {s}" for s in skipped)]
    return "\n".join(lines) + "\n"
