"""A smaller ICU data library for the Linux bundle: the PySide6 wheel's libicudata without the
locales, converters and dictionaries the desk never reaches.

Qt links ICU for collation, case mapping, time zones and legacy text codecs. The desk speaks
Chinese and English only, so this keeps every item ICU needs to start (normalization, case
and property data, the time-zone tables, the root and CLDR supplemental data) and, of the
per-locale data, root plus every ``en*`` and ``zh*`` locale (their parents and aliases
included). Left out: the other locales, the transliterators, the word-break dictionaries of
Thai, Lao, Khmer, Burmese and Chinese/Japanese, and every legacy codec table but those of
GB18030, GBK, GB2312, Big5 and windows-1252.

The data is ICU's common data package (the ``icudtNN_dat`` symbol of libicudata.so.NN): a
header, a sorted table of contents (name and data offsets), then the 16-byte aligned items.
``build_library`` cuts that table and links the result into a data-only shared library with
the same soname and symbol, using the GNU assembler and linker (binutils).
"""

from __future__ import annotations

import re
import struct
import subprocess
from pathlib import Path

KEPT_LOCALES = re.compile(r"^(en|zh|yue)(_|$)")
"""Locales whose data stays: every variant and alias of English and Chinese, and Cantonese
(zh_Hant_HK takes its number spell-out from it)."""
KEPT_CONVERTERS = frozenset(
    {
        "gb18030",
        "windows-936-2000",  # GBK, CP936
        "ibm-1386_P100-2001",  # the base table of windows-936-2000
        "ibm-1383_P110-1999",  # GB2312, EUC-CN
        "windows-950-2000",  # Big5
        "ibm-1373_P100-2002",  # the base table of windows-950-2000
        "ibm-5348_P100-1997",  # windows-1252
    }
)
"""Codec tables that stay (UTF-8/16/32, ASCII and Latin-1 are built into ICU's code)."""
LEFT_OUT_FOLDERS = frozenset({"translit"})
_LOCALE_ID = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")  # de__PHONEBOOK is "de_"
_ALIGN = 16
_PAD = b"\xaa"  # what ICU's own packager fills the gaps with


def kept(item: str) -> bool:
    """Whether an item of the package (e.g. ``icudt73l/coll/zh.res``) stays."""
    rel = item.split("/", 1)[1]
    folder, _, leaf = rel.rpartition("/")
    stem, _, ext = leaf.rpartition(".")
    if folder in LEFT_OUT_FOLDERS or ext == "dict":
        return False
    if ext == "cnv":
        return stem in KEPT_CONVERTERS
    if ext == "res" and stem != "res_index" and _LOCALE_ID.match(stem):
        return bool(KEPT_LOCALES.match(stem))
    return True  # root, pools, supplemental and core data


def read_items(package: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Split a common data package into its header and its (name, data) items, in order."""
    header_size = struct.unpack_from("<H", package, 0)[0]
    if package[2:4] != b"\xda\x27" or package[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    count = struct.unpack_from("<I", package, header_size)[0]
    toc = header_size
    entries = [struct.unpack_from("<II", package, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_offset, data_offset) in enumerate(entries):
        end = entries[i + 1][1] if i + 1 < count else len(package) - toc
        name_end = package.index(b"\0", toc + name_offset)
        name = package[toc + name_offset : name_end].decode("ascii")
        items.append((name, package[toc + data_offset : toc + end]))
    return package[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """A common data package of these items (kept in their sorted order)."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    data_start = -(-(toc_size + len(names)) // _ALIGN) * _ALIGN
    offsets, name_offset, data_offset = [], toc_size, data_start
    for name, data in items:
        offsets.append((name_offset, data_offset))
        name_offset += len(name) + 1
        data_offset += -(-len(data) // _ALIGN) * _ALIGN
    toc = struct.pack("<I", len(items)) + b"".join(struct.pack("<II", *o) for o in offsets)
    body = bytearray(toc + names)
    for _name, data in items:
        body += _PAD * (-len(body) % _ALIGN)
        body += data
    body += _PAD * (-len(body) % _ALIGN)
    return header + bytes(body)


def _symbol(library: Path) -> tuple[str, int, int]:
    """The data symbol of a libicudata: (name, file offset, size)."""
    listing = subprocess.run(
        ["nm", "-D", "-S", "--defined-only", str(library)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for line in listing.splitlines():
        parts = line.split()
        if len(parts) == 4 and re.fullmatch(r"icudt\d+_dat", parts[3]):
            address, size = int(parts[0], 16), int(parts[1], 16)
            return parts[3], _file_offset(library, address), size
    raise ValueError(f"no icudtNN_dat symbol in {library}")


def _file_offset(library: Path, address: int) -> int:
    """The file offset of a virtual address, from the library's program headers."""
    listing = subprocess.run(
        ["readelf", "-W", "-l", str(library)], capture_output=True, text=True, check=True
    ).stdout
    for line in listing.splitlines():
        parts = line.split()
        if parts[:1] == ["LOAD"]:
            offset, vaddr, filesz = int(parts[1], 16), int(parts[2], 16), int(parts[4], 16)
            if vaddr <= address < vaddr + filesz:
                return address - vaddr + offset
    raise ValueError(f"address {address:#x} not in a loaded segment of {library}")


def extract_package(library: Path) -> tuple[str, bytes]:
    """The data symbol's name and the common data package a libicudata carries."""
    symbol, offset, size = _symbol(library)
    with library.open("rb") as f:
        f.seek(offset)
        return symbol, f.read(size)


def build_library(library: Path, out_dir: Path) -> Path:
    """Write a trimmed copy of ``library`` (same file name, soname and symbol) into out_dir."""
    symbol, package = extract_package(library)
    header, items = read_items(package)
    trimmed = write_package(header, [(n, d) for n, d in items if kept(n)])
    out_dir.mkdir(parents=True, exist_ok=True)
    data = out_dir / f"{symbol}.dat"
    data.write_bytes(trimmed)
    source = out_dir / f"{symbol}.s"
    source.write_text(
        "\n".join(
            [
                '\t.section .rodata,"a"',
                f"\t.globl {symbol}",
                f"\t.type {symbol}, @object",
                f"\t.balign {_ALIGN}",
                f"{symbol}:",
                f'\t.incbin "{data.name}"',
                f"\t.size {symbol}, . - {symbol}",
                '\t.section .note.GNU-stack,"",@progbits',
                "",
            ]
        ),
        encoding="ascii",
    )
    obj = out_dir / f"{symbol}.o"
    subprocess.run(["as", "-o", obj.name, source.name], cwd=out_dir, check=True)
    out = out_dir / library.name
    subprocess.run(["ld", "-shared", "-soname", library.name, "-o", str(out), str(obj)], check=True)
    return out
