"""Deciding how a CSV file is encoded.

County CSVs come in UTF-8 (with or without BOM) or GBK. Statistical guessers get small GBK files wrong
(charset-normalizer took them for cp949 or big5 when we tried it), so recon tries strict decoders in a fixed order instead: UTF-8 first
(GBK bytes almost never decode as valid UTF-8), then GB18030, the superset of GBK that also holds rare
characters such as 䶮. UTF-16 with a BOM is accepted because Excel's "Unicode text" export writes it.
"""

from __future__ import annotations

import codecs

from recon.errors import InputError

ENCODINGS = ("utf-8-sig", "gb18030")


def detect_encoding(data: bytes, path: str, forced: str | None = None) -> str:
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
        return forced
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    if b"\x00" in data[:4096]:
        raise InputError(
            "这不是文本格式的 CSV 文件（含有二进制内容）",
            file=path,
            fix="如果它其实是 Excel 文件，请改回 .xlsx/.xls 扩展名；否则用 Excel 另存为 CSV",
            en="this is not a text CSV file (it contains binary content)",
            fix_en="if it is really an Excel file, rename it back to .xlsx/.xls; otherwise save it as CSV from Excel",
        )
    for enc in ENCODINGS:
        try:
            data.decode(enc)
        except UnicodeDecodeError:
            continue
        return enc
    raise InputError(
        "无法识别这个 CSV 文件的编码（既不是 UTF-8，也不是 GBK/GB18030）",
        file=path,
        fix='用 Excel 打开后另存为"CSV UTF-8"，或在配置文件中写 csv_encoding = "编码名"',
        en="the encoding of this CSV file cannot be recognised (neither UTF-8 nor GBK/GB18030)",
        fix_en='open it in Excel and save as "CSV UTF-8", or write csv_encoding = "name" in the config file',
    )
