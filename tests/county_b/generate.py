"""generate(): clean records -> answers -> one county-B month written in one layout.

Layouts (each writes every roll; see _answers/README.txt of a generated folder for the file list):
- merged: dibao household cells merged vertically (.xlsx merge_range, .xls write_merge), two-row headers;
- blank:  rural dibao without merges, household cells blank on member rows; the urban roll, the 特困 roll
          and the poverty roster as the national systems export them (urban dibao with certificate columns,
          a carer's ID beside each 分散供养 person, 户类型 beside the monitoring category); the cremation
          register as a GBK CSV in the funeral-home system's columns;
- wide:   dibao one row per household, members side by side; the poverty roster as a GBK CSV;
- cell:   rural dibao with the other members in one cell; urban dibao as the national family export (all
          members in two parallel cells) in a GBK CSV;
- mixed:  each town's dibao sheet in its own shape, and the folder as a data officer's folder looks:
          a byte-identical copy, a re-saved copy, a notice, a PDF, an Excel lock file, a dangling shortcut;
- folder: the files of `merged` with the clutter of `mixed`, so that copies and strays are measured alone.

Every layout also writes the other offices' lists and the 一本通 payment file (lists.py; LIST_PLANS rotates
their two dialects and four formats over the layouts), and last month's dibao roll (M1) in its own folder
beside the month's (`previous_dir`: OUT_DIR + "_上月"), in the layout's dibao shapes.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from tests.county_b import dibao, lists, rolls
from tests.county_b.answers import expected
from tests.county_b.clean import build
from tests.county_b.people import COUNTY
from tests.county_b.records import FILE_KINDS, PREVIOUS_FILES, add_months
from tests.county_b.render import Render
from tests.county_b.xl import Sheet, write_csv, write_xls, write_xlsx

LAYOUTS = ("merged", "blank", "wide", "cell", "mixed", "folder")
CLUTTERED = ("mixed", "folder")
ANSWERS_DIR = "_answers"
CREATED = dt.datetime(2020, 4, 3, 9, 30)

STEMS = {
    "dibao_rural": "{county}{y}年{m}月农村低保花名册",
    "dibao_urban": "城市低保花名册",
    "tekun": "特困人员救助供养名册",
    "disability": "残疾人证持证人员花名册",
    "subsidy_living": "困难残疾人生活补贴发放名册（{y}年{m}月）",
    "subsidy_care": "重度残疾人护理补贴发放名册（{y}年{m}月）",
    "cremation": "殡仪馆火化登记表",
    "poverty": "防返贫监测对象信息表",
    # the other offices' lists, named as each office sends them (never the sample's names)
    "death": "公安户籍注销人员名单_{y}{m:02d}",
    "public_employee": "财政供养人员信息表",
    "vehicle": "车管所机动车登记信息比对结果",
    "business": "市场监管局市场主体登记信息",
    "property": "不动产登记信息查询结果",
    "pension": "人社局养老保险待遇发放明细（{y}年{m}月）",
    "cadre": "村（社区）两委干部名单",
    "filing": "近亲属享受救助备案登记表",
    "child_welfare": "孤儿和事实无人抚养儿童名册",
    "payment": "一本通发放明细{y}年{m}月",
}
# national system exports keep the system's own file names (S2, S2b of /work/notes/header-variants.md)
EXPORT_STEMS = {
    ("blank", "dibao_urban"): "城市低保人员查询_{y}{m:02d}03",
    ("blank", "tekun"): "特困人员人员查询_{y}{m:02d}03",
    ("cell", "dibao_urban"): "城市低保家庭查询_{y}{m:02d}03",
}
# per layout and logical file: (format, dialect, dibao styles); csv-gbk is a GBK CSV saved by Excel
PLANS: dict[str, dict[str, tuple[str, str, tuple[str, ...]]]] = {
    "merged": {
        "dibao_rural": ("xlsx", "A", ("merged",)), "dibao_urban": ("xls", "A", ("merged",)),
        "tekun": ("csv-gbk", "A", ()), "disability": ("xlsx", "A", ()), "subsidy_living": ("xlsx", "A", ()),
        "subsidy_care": ("xlsx", "A", ()), "cremation": ("xlsx", "A", ()), "poverty": ("xlsx", "A", ()),
    },
    "blank": {
        "dibao_rural": ("xlsx", "B", ("blank",)), "dibao_urban": ("xls", "C", ("repeated",)),
        "tekun": ("xlsx", "B", ()), "disability": ("xls", "B", ()), "subsidy_living": ("xls", "B", ()),
        "subsidy_care": ("xlsx", "B", ()), "cremation": ("csv-gbk", "B", ()), "poverty": ("xlsx", "B", ()),
    },
    "wide": {
        "dibao_rural": ("xlsx", "A", ("wide",)), "dibao_urban": ("xls", "B", ("wide",)),
        "tekun": ("xls", "A", ()), "disability": ("xlsx", "B", ()), "subsidy_living": ("xlsx", "A", ()),
        "subsidy_care": ("xls", "A", ()), "cremation": ("xlsx", "A", ()), "poverty": ("csv-gbk", "A", ()),
    },
    "cell": {
        "dibao_rural": ("xlsx", "A", ("cell",)), "dibao_urban": ("csv-gbk", "B", ("cell",)),
        "tekun": ("xlsx", "B", ()), "disability": ("xlsx", "A", ()), "subsidy_living": ("xlsx", "B", ()),
        "subsidy_care": ("xlsx", "B", ()), "cremation": ("xls", "B", ()), "poverty": ("xlsx", "B", ()),
    },
    "mixed": {
        "dibao_rural": ("xlsx", "B", (*dibao.STYLES, "repeated")), "dibao_urban": ("xls", "A", ("merged",)),
        "tekun": ("csv-gbk", "B", ()), "disability": ("xlsx", "A", ()), "subsidy_living": ("xlsx", "A", ()),
        "subsidy_care": ("xlsx", "B", ()), "cremation": ("csv-utf8", "A", ()), "poverty": ("xlsx", "B", ()),
    },
}  # fmt: skip
# the other offices' lists per layout: "format dialect" in the order of LIST_KEYS (lists.py has the dialects)
LIST_KEYS = ("death", "public_employee", "vehicle", "business", "property", "pension", "cadre", "filing",
             "child_welfare", "payment")  # fmt: skip
LIST_PLANS = {
    "merged": "xlsx A, xls A, xlsx A, xlsx A, xlsx A, xlsx A, xlsx A, xlsx A, xlsx A, xlsx A",
    "blank": "csv-gbk B, xlsx B, xls B, xlsx B, xls B, xlsx B, xlsx B, xlsx B, xls B, xlsx B",
    "wide": "xlsx B, csv-utf8 A, xlsx B, xls A, xlsx B, xls A, xls B, xls A, xlsx A, csv-gbk B",
    "cell": "xls A, xlsx B, csv-utf8 A, xlsx B, xlsx A, csv-gbk B, xlsx A, xlsx B, xlsx B, xls A",
    "mixed": "xlsx A, xlsx A, xlsx B, xlsx A, xlsx B, xlsx B, xlsx B, xlsx A, xlsx A, csv-utf8 A",
}
for _layout, _plan in LIST_PLANS.items():
    for _key, _entry in zip(LIST_KEYS, _plan.split(", "), strict=True):
        _fmt, _dialect = _entry.split()
        PLANS[_layout][_key] = (_fmt, _dialect, ())
PLANS["folder"] = PLANS["merged"]
PREVIOUS_SUFFIX = "_上月"  # last month's roll: a folder beside the month's, as a data officer keeps it
EXT = {"xlsx": "xlsx", "xls": "xls", "csv-gbk": "csv", "csv-utf8": "csv"}


@dataclass(frozen=True)
class CountyB:
    out_dir: Path
    layout: str
    files: tuple[Path, ...]  # the roll files recon should read (not the copies and strays)
    clutter: tuple[Path, ...]  # copies, notices, lock files, shortcuts beside them
    answers: Path  # _answers/expected.csv
    records: pl.DataFrame  # the clean records the answers were computed from
    expected: pl.DataFrame  # rule, id_number, name, source_kind, source_file
    cases: pl.DataFrame  # case, id_number, name, present, absent, note
    declared_mismatch: pl.DataFrame  # file, household, head, declared, found
    # file name -> IDs of other people a file prints (the carers of the 特困 export, the cadres of the
    # 备案 list), not its subjects
    bystanders: dict[str, frozenset[str]]
    # last month's dibao roll (M1): `recon run OUT_DIR --previous-input PREVIOUS_DIR`; the answers
    # hold M1 rows citing its files
    previous_dir: Path
    previous_files: tuple[Path, ...]
    previous: pl.DataFrame  # its clean records


def file_names(month: dt.date, layout: str) -> dict[str, str]:
    plan = PLANS[layout]
    return {
        key: EXPORT_STEMS.get((layout, key), stem).format(county=COUNTY, y=month.year, m=month.month)
        + "."
        + EXT[plan[key][0]]
        for key, stem in STEMS.items()
    }


def previous_names(month: dt.date, layout: str) -> dict[str, str]:
    """Last month's dibao files: this layout's names and formats, last month's date."""
    names = file_names(add_months(month, -1), layout)
    return {key: names[key] for key in PREVIOUS_FILES}


def previous_dir(out_dir: Path) -> Path:
    return out_dir.parent / f"{out_dir.name}{PREVIOUS_SUFFIX}"


def generate(
    out_dir: Path, month: dt.date = dt.date(2020, 4, 1), seed: int = 1, layout: str = "mixed"
) -> CountyB:
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    month = month.replace(day=1)
    clean = build(month, seed)
    names = file_names(month, layout)
    prev_names = previous_names(month, layout)
    answers = expected(clean.records, month, names, previous=clean.previous, previous_names=prev_names)
    # the writer draws from its own stream: the same seed gives the same people in every layout
    rng = np.random.default_rng([seed, 7, LAYOUTS.index(layout)])
    ctx = _Context.of(clean.records)
    files: list[Path] = []
    bystanders: dict[str, frozenset[str]] = {}
    built: dict[str, list[Sheet]] = {}
    for key, kind in FILE_KINDS.items():
        fmt, dialect, styles = PLANS[layout][key]
        part = clean.records.filter(pl.col("file") == key)
        rd = Render(rng, EXT[fmt] if fmt.startswith("csv") else fmt, month, gbk=fmt == "csv-gbk")
        if kind == "dibao":
            urban = key == "dibao_urban"
            sheets = dibao.sheets(rd, part, styles, dialect, urban=urban, per_town=not urban, certs=ctx.certs)
        elif key == "subsidy_living":
            sheets = rolls.living(rd, part, dialect)
        elif key == "subsidy_care":
            sheets = rolls.care(rd, part, dialect)
        elif kind == "cremation":
            sheets = rolls.cremation(rd, part, dialect, ctx.relatives, ctx.flags)
        elif kind == "tekun":
            sheets = rolls.tekun(rd, part, dialect, ctx.carers)
            if dialect == "B":
                bystanders[names[key]] = frozenset(p for _, p in ctx.carers)
        elif kind == "payment":
            sheets = lists.payment(rd, part, dialect, ctx.area)
        elif kind in LIST_KEYS:
            sheets = getattr(lists, "property_" if kind == "property" else kind)(rd, part, dialect)
            if kind == "filing" and dialect == "B":
                bystanders[names[key]] = frozenset(part["other_pid"].drop_nulls())
        else:
            sheets = getattr(rolls, kind)(rd, part, dialect)
        path = out_dir / names[key]
        _write(path, fmt, sheets, CREATED)
        built[key] = sheets
        files.append(path)
    clutter = _clutter(out_dir, names, built) if layout in CLUTTERED else []
    prev_files = _previous(previous_dir(out_dir), month, layout, prev_names, clean.previous, seed, ctx.certs)

    adir = out_dir / ANSWERS_DIR
    adir.mkdir(exist_ok=True)
    answers_path = adir / "expected.csv"
    answers_path.write_bytes(answers.write_csv().encode("utf-8-sig"))
    cases = clean.cases.rename({"pid": "id_number"})
    (adir / "planted.csv").write_bytes(cases.write_csv().encode("utf-8-sig"))
    mismatch = (
        dibao.found_rows(clean.records.filter(pl.col("kind") == "dibao"))
        .with_columns(file=pl.col("file").replace_strict(names))
        .rename({"household_id": "household"})
    )
    (adir / "declared_mismatch.csv").write_bytes(mismatch.write_csv().encode("utf-8-sig"))
    readme = _readme(month, seed, layout, names, answers, clutter, bystanders)
    (adir / "README.txt").write_text(readme, encoding="utf-8")
    return CountyB(
        out_dir=out_dir,
        layout=layout,
        files=tuple(files),
        clutter=tuple(clutter),
        answers=answers_path,
        records=clean.records,
        expected=answers,
        cases=cases,
        declared_mismatch=mismatch,
        bystanders=bystanders,
        previous_dir=previous_dir(out_dir),
        previous_files=prev_files,
        previous=clean.previous,
    )


def _previous(
    folder: Path,
    month: dt.date,
    layout: str,
    names: dict[str, str],
    records: pl.DataFrame,
    seed: int,
    certs: dict[str, tuple[str, int, int]],
) -> tuple[Path, ...]:
    """Last month's dibao files, written as this layout writes this month's (its own random stream)."""
    folder.mkdir(parents=True, exist_ok=True)
    last = add_months(month, -1)
    rng = np.random.default_rng([seed, 8, LAYOUTS.index(layout)])
    out: list[Path] = []
    for key in PREVIOUS_FILES:
        fmt, dialect, styles = PLANS[layout][key]
        rd = Render(rng, EXT[fmt] if fmt.startswith("csv") else fmt, last, gbk=fmt == "csv-gbk")
        urban = key == "dibao_urban"
        part = records.filter(pl.col("file") == key)
        sheets = dibao.sheets(rd, part, styles, dialect, urban=urban, per_town=not urban, certs=certs)
        path = folder / names[key]
        _write(path, fmt, sheets, CREATED - dt.timedelta(days=30))
        out.append(path)
    return tuple(out)


@dataclass(frozen=True)
class _Context:
    """What some files print about people beyond their own rows, taken from the other rolls."""

    relatives: list[str]  # names for the relative who signed at the funeral home
    carers: list[tuple[str, str]]  # (name, ID) of living adults of the dibao roll, as 特困 carers
    flags: dict[str, str]  # ID -> the funeral home's 享受惠民政策 note
    certs: dict[str, tuple[str, int, int]]  # ID -> (certificate number, type, grade) from the 残联 file
    area: dict[str, str]  # ID -> 城市/农村 of a dibao member: the 一本通 names 城市低保金 or 农村低保金

    @staticmethod
    def of(recs: pl.DataFrame) -> _Context:
        valid = recs.filter(pl.col("id_status") == "valid")
        dead = set(recs.filter(pl.col("kind") == "cremation")["pid"].drop_nulls())
        adults = valid.filter((pl.col("file") == "dibao_rural") & (pl.col("birth") < dt.date(1990, 1, 1)))
        carers = [
            (n, p) for n, p in adults.select("name", "pid").iter_rows() if p not in dead and "·" not in n
        ]
        flags = {p: "农村五保对象" for p in recs.filter(pl.col("kind") == "tekun")["pid"].drop_nulls()}
        flags |= {p: "城乡低保对象" for p in recs.filter(pl.col("kind") == "dibao")["pid"].drop_nulls()}
        holders = recs.filter((pl.col("kind") == "disability") & pl.col("pid").is_not_null())
        certs = {
            str(p): (str(c), int(t), int(g))
            for p, c, t, g in holders.select("pid", "cert_number", "dis_type", "dis_grade").iter_rows()
            if c
        }
        relatives = [n for n in valid["name"].to_list() if "·" not in n]
        dib = recs.filter((pl.col("kind") == "dibao") & pl.col("pid").is_not_null())
        area = dict(zip(dib["pid"].to_list(), dib["area_type"].to_list(), strict=True))
        return _Context(relatives, carers[:40], flags, certs, area)


def _write(path: Path, fmt: str, sheets: list[Sheet], created: dt.datetime, author: str = "民政局") -> None:
    if fmt == "xlsx":
        write_xlsx(path, sheets, created=created, author=author)
    elif fmt == "xls":
        write_xls(path, sheets)
    else:
        assert len(sheets) == 1, f"{path.name}: a CSV holds one table"
        write_csv(path, sheets[0], encoding="gbk" if fmt == "csv-gbk" else "utf-8-sig")


def _clutter(out_dir: Path, names: dict[str, str], built: dict[str, list[Sheet]]) -> list[Path]:
    """What else sits in a data officer's folder. The originals are the files without a copy suffix."""
    out: list[Path] = []
    urban = out_dir / names["dibao_urban"]
    copy = urban.with_name(f"{urban.stem} - 副本{urban.suffix}")
    shutil.copyfile(urban, copy)  # byte-identical (Windows Explorer's copy)
    out.append(copy)
    rural = out_dir / names["dibao_rural"]
    resaved = rural.with_name(f"{rural.stem}(1){rural.suffix}")
    # the same sheets saved again by someone else a day later: same rows, different bytes
    _write(
        resaved, "xlsx", built["dibao_rural"], CREATED + dt.timedelta(days=1, hours=2), author="Administrator"
    )
    out.append(resaved)
    notice = out_dir / "关于做好2020年城乡低保数据比对工作的通知.docx"
    with zipfile.ZipFile(notice, "w") as z:
        for name, text in (
            ("[Content_Types].xml", "<?xml version='1.0'?><Types/>"),
            (
                "word/document.xml",
                "<?xml version='1.0'?><w:document>各乡镇（街道）：请于4月10日前报送比对结果。</w:document>",
            ),
        ):
            z.writestr(zipfile.ZipInfo(name, date_time=(2020, 4, 1, 8, 0, 0)), text)
    out.append(notice)
    pdf = out_dir / "民权县民政局文件.pdf"
    pdf.write_bytes(
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    out.append(pdf)
    lock = out_dir / f"~${rural.name}"
    # Excel's owner file: the user name, padded; not a workbook
    lock.write_bytes(b"\x0dAdministrator" + b" " * 41 + "Administrator".encode("utf-16-le") + b"\x00" * 52)
    out.append(lock)
    if os.name == "posix":
        link = out_dir / "快捷方式.xlsx"
        link.symlink_to(out_dir / "旧数据" / "2019年12月低保花名册.xlsx")  # the target was moved away
        out.append(link)
    return out


def _readme(
    month: dt.date,
    seed: int,
    layout: str,
    names: dict[str, str],
    answers: pl.DataFrame,
    clutter: list[Path],
    bystanders: dict[str, frozenset[str]],
) -> str:
    counts = answers.group_by("rule", maintain_order=True).len()
    lines = [
        f"县 B：{COUNTY}（河南省商丘市，411421）模拟数据。全部为虚构人员，身份证号按国标生成但不属于任何真实的人。",
        f"名册月份 {month:%Y-%m}，随机种子 {seed}，版式 {layout}。",
        "",
        "本文件夹（_answers）不是输入数据：recon 读取输入文件夹时跳过以“_”开头的文件夹和文件。",
        "",
        "expected.csv           标准答案（UTF-8 BOM）：rule, id_number, name, source_kind, source_file。",
        "  在加脏之前的干净数据上计算：recon.sample.answers.expected（docs/rule-semantics.md 的独立实现），",
        "  另加一条规则：名册只列一人但保障人数大于 1 的户，不报 T1（tests/county_b/answers.py）。",
        "  比较：按 (rule, id_number)；Q1 的 id_number 是文件中的原文（这些单元格未加修饰）；",
        "  Q3 的 id_number 为空，按 (rule, source_file, name) 比较（这些人的姓名在全县唯一）。",
        "planted.csv            人工埋设的情形：case, id_number, name, present（应报）, absent（不应报）, note。",
        "declared_mismatch.csv  保障人数与名册实际行数不符的户：file, household, head, declared, found。",
        "",
        "输入文件：",
        *(f"  {names[k]}  （{FILE_KINDS[k]}）" for k in names),
    ]
    if clutter:
        lines += [
            "",
            "同一文件夹中的其他文件（正确的读取程序每份名册只读一次，答案不变；原件是不带“副本”“(1)”的那个）：",
            *(f"  {p.name}" for p in clutter),
        ]
    for name in bystanders:
        lines += ["", f"{name} 的“照料人身份证号”一列是照料人（低保名册中的其他人），不是特困人员本人。"]
    lines += [
        "",
        f"上月（{add_months(month, -1):%Y-%m}）低保名册在本文件夹旁的“{PREVIOUS_SUFFIX}”文件夹中（M1 用，"
        "recon run --previous-input）；expected.csv 中 M1 的 source_file 是那里的文件。",
        "P1–P5、M1 的答案已在 expected.csv 中；recon 实现这些规则之前不计分（tests/county_b/score.py）。",
    ]
    lines += ["", "各规则条数：", *(f"  {r}: {n}" for r, n in counts.iter_rows())]
    return "\n".join(lines) + "\n"
