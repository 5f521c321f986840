"""Does a fixed QR mask scan as well as the penalty-chosen one? Decode rate at low resolution.

Run: ``.venv/bin/python -m benchmarks.qr_mask_scan [-n 40]`` (needs ``pdftoppm`` and ``zbarimg``;
not part of the test run). Each certificate (its own number and signed payload) is rendered
with the automatic mask and with each fixed mask 0-7, rasterised with pdftoppm at low
resolutions (a coarse stand-in for a blurry phone photo or a worn print), and decoded with
zbar. A symbol counts as read only when zbar returns exactly the payload.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from benchmarks.bench_render import make_documents
from stationdesk.printing.certificate import render_certificate


def decoded(pdf: Path, dpi: int) -> str:
    """The QR text zbar reads from page 1 at ``dpi``, or an empty string."""
    png = pdf.with_suffix(f".{dpi}")
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(pdf), str(png)], check=True
    )
    out = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", f"{png}.png"],
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def main() -> None:
    """Print the share of symbols read per mask and resolution."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=40)
    parser.add_argument("--dpi", type=int, nargs="+", default=[76, 78, 80, 84])
    parser.add_argument(
        "--masks", nargs="+", default=["auto", *map(str, range(8))], help="auto or 0-7"
    )
    args = parser.parse_args()
    masks = [None if m == "auto" else int(m) for m in args.masks]
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        raise SystemExit("needs pdftoppm (poppler-utils) and zbarimg (zbar-tools)")
    docs = make_documents(args.n)
    print(f"N = {args.n} payloads of {len(docs[0].qr_payload)} characters")
    print(f"{'mask':<8}" + "".join(f"{d:>8} dpi" for d in args.dpi))
    with tempfile.TemporaryDirectory() as tmp:
        for mask in masks:
            reads = dict.fromkeys(args.dpi, 0)
            for i, doc in enumerate(docs):
                pdf = Path(tmp) / f"c{i}-{mask}.pdf"
                render_certificate(doc, pdf, qr_mask=mask)
                for dpi in args.dpi:
                    reads[dpi] += decoded(pdf, dpi) == doc.qr_payload
            name = "auto" if mask is None else str(mask)
            print(f"{name:<8}" + "".join(f"{reads[d] / args.n:>11.0%} " for d in args.dpi))


if __name__ == "__main__":
    main()
