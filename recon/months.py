"""The roster month: read from what users type, written the two ways outputs show it.

Every stage names a month the same way: `month_text` ("2020-04") in files and keys, `month_zh`
("2020年4月") and `day_zh` ("2020年4月1日") in Chinese sentences.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from recon.errors import ConfigError

_MONTH_ARG_RE = re.compile(r"(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))")


def parse_month(s: str) -> dt.date:
    """A month as typed: "2020-04", "2020/4", "2020.4", "2020年4月" or "202004" -> 2020-04-01."""
    text = unicodedata.normalize("NFKC", s or "").strip()
    match = _MONTH_ARG_RE.fullmatch(text)
    if match:
        year = int(match.group(1))
        month = int(match.group(2) or match.group(3))
        if 1900 <= year <= 2199 and 1 <= month <= 12:
            return dt.date(year, month, 1)
    raise ConfigError(
        f"参数 --month 的值“{s}”不是一个月份",
        fix="请写成 年-月 的形式，例如 --month 2020-04（也可写 2020年4月 或 202004）",
        en=f"--month {s!r} is not a month",
        fix_en="write year-month, e.g. --month 2020-04",
    )


def as_month(month: str | dt.date) -> dt.date:
    """The first day of the month of a date, or of a month as typed."""
    if isinstance(month, dt.date):
        return month.replace(day=1)
    return parse_month(month)


def add_months(month: dt.date, k: int) -> dt.date:
    """The first day of the month `k` months after (before, for k < 0) `month`."""
    m = month.year * 12 + month.month - 1 + k
    return dt.date(m // 12, m % 12 + 1, 1)


def month_text(month: dt.date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def month_zh(month: dt.date) -> str:
    return f"{month.year}年{month.month}月"


def day_zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


_MONTH_IN_TEXT = re.compile(r"(20\d{2}|19\d{2})\s*(?:年|[-/.])\s*(\d{1,2})\s*月?(?:份)?")


def month_in_texts(texts: list[str]) -> dt.date | None:
    """The first month a file name, sheet name or title names ("2020年4月一卡通发放明细" -> 2020-04-01)."""
    for t in texts:
        m = _MONTH_IN_TEXT.search(unicodedata.normalize("NFKC", t or ""))
        if m and 1 <= int(m.group(2)) <= 12:
            return dt.date(int(m.group(1)), int(m.group(2)), 1)
    return None
