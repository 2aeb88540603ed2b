"""Deciding how a CSV file is encoded, and saying so when it is not what counties usually send.

County CSVs come in UTF-8 (with or without BOM) or GBK. Statistical guessers get small GBK files wrong
(charset-normalizer took them for cp949 or big5 when we tried it), so recon tries strict decoders in a
fixed order instead: UTF-8 first (GBK bytes almost never decode as valid UTF-8), then GB18030, the
superset of GBK that also holds rare characters such as 䶮. Two others are recognised with evidence:
- Big5 (traditional characters, from Hong Kong or Taiwan systems): GB18030 decodes most Big5 bytes too,
  into other characters, so the two readings' first lines are compared by how many column names each
  makes recognisable;
- UTF-16 (Excel's "Unicode text" export): with a BOM, or without one when every other byte is zero.
How a file was read, when it is one of these, is a note the data-quality sheet shows.
"""

from __future__ import annotations

import codecs

from recon.errors import InputError

ENCODINGS = ("utf-8-sig", "gb18030")
_HEAD = 8192
BIG5_MARGIN = 2  # column names Big5 must make recognisable beyond GB18030's reading


def _decodes(data: bytes, enc: str) -> bool:
    try:
        data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _known_headers(text: str) -> int:
    """How many cells of a text's first lines name a field recon knows."""
    from recon.kinds import NON_FIELDS, field_for_header  # the kinds know the headers; read only here

    cells = {c.strip() for line in text.splitlines()[:30] for c in line.replace("\t", ",").split(",")}
    return len(
        {f for f in (field_for_header(c) for c in cells if 0 < len(c) <= 30) if f and f not in NON_FIELDS}
    )


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[: _HEAD - _HEAD % 2]
    zeros_even, zeros_odd = head[0::2].count(0), head[1::2].count(0)
    for enc, zeros in (("utf-16-le", zeros_odd), ("utf-16-be", zeros_even)):
        if zeros >= len(head) // 4 and _decodes(data[: len(data) - len(data) % 2], enc):
            return enc
    return None


def encoding_error(path: str, tried: str, e: Exception | None = None) -> InputError:
    detail = f"（{e}）" if e else ""
    return InputError(
        f"无法识别这个 CSV 文件的编码：试过 UTF-8、GB18030（含 GBK）、Big5、UTF-16 都解不开{detail}；"
        f"文件可能已损坏，或是其他编码（如日文 Shift-JIS）",
        file=path,
        fix='用 Excel 打开后另存为"CSV UTF-8"，或在配置文件中写 csv_encoding = "编码名"',
        en=f"the encoding of this CSV file cannot be recognised: UTF-8, GB18030 (GBK), Big5 and UTF-16 all fail ({tried})",
        fix_en='open it in Excel and save as "CSV UTF-8", or write csv_encoding = "name" in the config file',
    )


def detect_csv_encoding(data: bytes, path: str, forced: str | None = None) -> tuple[str, list[str]]:
    """(encoding, notes): the encoding to read the file with, and a note when it is an unusual one."""
    if forced:
        try:
            data.decode(forced)
        except (UnicodeDecodeError, LookupError) as e:
            raise InputError(
                f"按配置的编码 {forced} 解不开这个文件（{e}）",
                file=path,
                fix="检查配置中的 csv_encoding，或删掉它让 recon 自动识别",
                en=f"this file cannot be decoded with the configured encoding {forced} ({e})",
                fix_en="check csv_encoding in the config, or remove it to let recon detect the encoding",
            ) from e
        return forced, []
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16", ["文件是 UTF-16 编码（Excel 的“Unicode 文本”），已按 UTF-16 读取"]
    if b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return utf16, ["文件是不带 BOM 的 UTF-16 编码，已按 UTF-16 读取"]
        raise InputError(
            "这不是文本格式的 CSV 文件（含有二进制内容）",
            file=path,
            fix="如果它其实是 Excel 文件，请改回 .xlsx/.xls 扩展名；否则用 Excel 另存为 CSV",
            en="this is not a text CSV file (it contains binary content)",
            fix_en="if it is really an Excel file, rename it back to .xlsx/.xls; otherwise save it as CSV from Excel",
        )
    if _decodes(data, "utf-8-sig"):
        return "utf-8-sig", []
    gb, big5 = _decodes(data, "gb18030"), _decodes(data, "big5")
    if big5:
        head = data[:_HEAD]
        as_big5 = _known_headers(head.decode("big5", errors="replace"))
        as_gb = _known_headers(head.decode("gb18030", errors="replace")) if gb else -1
        if not gb or as_big5 >= as_gb + BIG5_MARGIN:
            return "big5", [
                "文件是繁体 Big5 编码（列名按 Big5 才认得出），已按 Big5 读取；请核对姓名是否正确"
            ]
    if gb:
        return "gb18030", []
    raise encoding_error(path, "utf-8, gb18030, big5, utf-16")


def detect_encoding(data: bytes, path: str, forced: str | None = None) -> str:
    """The encoding alone (see `detect_csv_encoding`)."""
    return detect_csv_encoding(data, path, forced)[0]
