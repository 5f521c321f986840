"""A font collection cut to its first face, for the bundle: WenQuanYi Zen Hei without its Mono
and Sharp faces (the Sharp face's bitmaps alone are 4.5 MB).

The desk uses only a collection's first face: the screen registers it (``stationdesk/ui/
fonts.py`` takes the first family) and the PDFs embed from it (``subfontIndex=0``). The result
is still a TrueType collection, of one face whose tables are byte for byte the original's, so
both keep reading it exactly as before.
"""

from __future__ import annotations

import struct
from pathlib import Path


def face_tables(collection: bytes, face: int = 0) -> tuple[bytes, list[tuple[bytes, int, bytes]]]:
    """A collection face's sfnt version and its tables as (tag, checksum, data), in order."""
    if collection[:4] != b"ttcf":
        raise ValueError("not a TrueType collection")
    count = struct.unpack_from(">I", collection, 8)[0]
    if not 0 <= face < count:
        raise ValueError(f"no face {face} in a collection of {count}")
    start = struct.unpack_from(">I", collection, 12 + 4 * face)[0]
    version = collection[start : start + 4]
    tables = []
    for i in range(struct.unpack_from(">H", collection, start + 4)[0]):
        tag, checksum, offset, length = struct.unpack_from(
            ">4sIII", collection, start + 12 + 16 * i
        )
        tables.append((tag, checksum, collection[offset : offset + length]))
    return version, tables


def first_face_collection(collection: bytes) -> bytes:
    """A one-face collection holding the first face of ``collection``, tables unchanged."""
    version, tables = face_tables(collection, 0)
    tables.sort()  # the table records go in ascending tag order
    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    directory = 16 + 12 + 16 * count  # ttc header (1 face), offset table, table records
    header = b"ttcf" + struct.pack(">HHII", 1, 0, 1, 16)
    header += version + struct.pack(
        ">HHHH", count, power * 16, power.bit_length() - 1, count * 16 - power * 16
    )
    records, body, offset = b"", b"", directory
    for tag, checksum, data in tables:
        records += struct.pack(">4sIII", tag, checksum, offset, len(data))
        padded = data + b"\0" * (-len(data) % 4)
        body += padded
        offset += len(padded)
    return header + records + body


def write_first_face(source: Path, out_dir: Path) -> Path:
    """Write the one-face copy of ``source`` (same file name) into out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / source.name
    out.write_bytes(first_face_collection(source.read_bytes()))
    return out
