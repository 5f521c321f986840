"""CLI commands for the station's certificate signing key: keys rotate."""

from __future__ import annotations

import argparse

from .base import EXIT_OK, CliContext, add_group


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add this module's commands to the parser."""
    ksub = add_group(sub, "keys", common, "the station's certificate signing key")
    r = ksub.add_parser(
        "rotate",
        parents=[common],
        help="replace the signing key, announced with the old key's signature (head or admin)",
    )
    r.add_argument(
        "--lost-old-key",
        action="store_true",
        help="the old private key is lost: the new key goes unsigned and verifies at the "
        "district only once approved there (district approve-key CODE)",
    )
    r.set_defaults(handler=cmd_rotate)


def cmd_rotate(ctx: CliContext) -> int:
    from stationdesk.services import certificates

    rotation = certificates.rotate_signing_key(
        ctx.station(), ctx.actor(), lost_old_key=ctx.args.lost_old_key
    )
    code = rotation.station_code
    lines = [
        f"signing key of {code} replaced from {rotation.effective_at.isoformat()}",
        f"old public key: {rotation.old_public_key or '(none)'}",
        f"new public key: {rotation.new_public_key}",
    ]
    if rotation.signed:
        lines.append(
            "The change is signed with the old key; the next sync publishes it. Certificates "
            "issued before keep verifying with the old key."
        )
    else:
        lines.append(
            "The old key is lost, so the change is unsigned: after the next sync, the district "
            f"must approve it with 'stationdesk district approve-key {code} --key "
            f"{rotation.new_public_key[:16]}'. Until then certificates signed with the new key "
            "read 未查到 on the district's /verify."
        )
    ctx.emit(rotation, "\n".join(lines))
    return EXIT_OK
