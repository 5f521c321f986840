"""CLI commands for certificates: types, issue, refuse, void, list, verify, catalog load."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stationdesk.services.errors import InputError

from .base import EXIT_FAILURE, EXIT_OK, CliContext, add_group, cli_date, emits

if TYPE_CHECKING:  # each command imports the services it uses: the parser is built without them
    from stationdesk.services import certificates


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add this module's commands to the parser."""
    csub = add_group(sub, "cert", common, "certificates within the district's list")

    t = csub.add_parser("types", parents=[common], help="the certificate types in force")
    t.set_defaults(handler=cmd_types)

    i = csub.add_parser("issue", parents=[common], help="issue a certificate; prints its number")
    i.add_argument("--type", required=True, dest="type_code", metavar="CODE")
    i.add_argument("--resident", required=True, metavar="ID")
    i.add_argument("--purpose", required=True, metavar="TEXT")
    i.add_argument("--field", action="append", default=[], metavar="KEY=VALUE", help="a form field")
    i.add_argument(
        "--check", action="append", default=[], metavar="KEY", help="an eligibility check done"
    )
    i.add_argument(
        "--all-checks", action="store_true", help="confirm that every eligibility check was done"
    )
    i.add_argument("--reissue-of", metavar="NUMBER", help="the voided certificate it replaces")
    i.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    i.set_defaults(handler=cmd_issue)

    r = csub.add_parser("refuse", parents=[common], help="give a numbered refusal notice")
    r.add_argument("--requested", required=True, metavar="TEXT", help="the item asked for")
    r.add_argument("--resident", required=True, metavar="ID")
    r.add_argument("--reason", required=True, metavar="CODE", help="a reason code of the guide")
    r.add_argument("--purpose", default="", metavar="TEXT")
    r.add_argument("--competent-body", metavar="TEXT", help="default: from the refusal guide")
    r.add_argument("--legal-basis", metavar="TEXT", help="default: from the refusal guide")
    r.add_argument("--detail", default="", metavar="TEXT", help="an explanation for the notice")
    r.add_argument("--type", dest="type_code", metavar="CODE", help="a listed type that failed")
    r.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    r.set_defaults(handler=cmd_refuse)

    v = csub.add_parser("void", parents=[common], help="void a certificate (station head)")
    v.add_argument("number")
    v.add_argument("--reason", required=True)
    v.set_defaults(handler=cmd_void)

    ls = csub.add_parser("list", parents=[common], help="the ledger: issued, voided, refused")
    ls.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", type=cli_date)
    ls.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", type=cli_date)
    ls.add_argument("--type", dest="type_code", metavar="CODE", help="a type code, or REFUSAL")
    ls.add_argument("--worker", metavar="NAME", help="the worker's display name (or id)")
    ls.add_argument("--xlsx", type=Path, metavar="FILE.xlsx", help="also export to Excel")
    ls.add_argument("--pdf", type=Path, metavar="FILE.pdf", help="also export to PDF")
    ls.set_defaults(handler=cmd_list)

    ve = csub.add_parser("verify", parents=[common], help="check a PDF file or a number")
    ve.add_argument("subject", metavar="FILE|NUMBER")
    ve.set_defaults(handler=cmd_verify)

    catsub = add_group(csub, "catalog", common, "the district's catalog")
    cl = catsub.add_parser("load", parents=[common], help="load a catalog or refusal guide")
    cl.add_argument("file", type=Path)
    cl.set_defaults(handler=cmd_catalog_load)


def _pairs(items: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--field takes KEY=VALUE, not {item!r}", "--field 格式应为 键=值")
        fields[key.strip()] = value
    return fields


def cmd_types(ctx: CliContext) -> int:
    from stationdesk.services import certificates

    catalog = certificates.active_catalog(ctx.station())
    data: dict[str, Any] = {
        "catalog_version": catalog.catalog_version,
        "effective_from": catalog.effective_from,
        "types": [
            {
                "code": t.code,
                "name_zh": t.name_zh,
                "name_en": t.name_en,
                "validity_days": t.validity_days,
                "fields": [
                    {
                        "key": f.key,
                        "label_zh": f.label_zh,
                        "kind": f.kind,
                        "required": f.required,
                        "choices": list(f.choice_values),
                        "from_resident": f.prefill,
                        "from_records": f.from_records,
                    }
                    for f in t.fields
                ],
                "checks": [{"key": c.key, "label_zh": c.label_zh} for c in t.eligibility],
                "suggested_purposes": list(t.suggested_purposes),
            }
            for t in catalog
        ],
    }

    def text() -> str:
        lines = [f"catalog version {catalog.catalog_version} ({catalog.effective_from})"]
        for t in catalog:
            lines.append(f"{t.code:<18} {t.name_zh}  ({t.validity_days} days)")
            for f in t.fields:
                source = f" [from resident: {f.prefill}]" if f.prefill else ""
                if f.from_records is not None:
                    source = (
                        " [bounds the approved volunteer records]"
                        if f.from_records.typed
                        else " [from the approved volunteer records, never typed]"
                    )
                need = "required" if f.required else "optional"
                lines.append(f"    field {f.key:<20} {f.label_zh} ({need}){source}")
            for c in t.eligibility:
                lines.append(f"    check {c.key:<20} {c.label_zh}")
        return "\n".join(lines)

    ctx.emit(data, text)
    return EXIT_OK


def _emit_document(
    ctx: CliContext,
    doc: certificates.IssuedCertificate | certificates.IssuedRefusal,
    *fields: str,
) -> int:
    """Report a numbered document just made: its number, the named ``fields`` and the --out file."""
    data: dict[str, Any] = {"number": doc.number, "display_number": doc.display_number}
    data.update({name: getattr(doc, name) for name in fields})
    data["file"] = ctx.args.out
    ctx.emit(data, doc.display_number)
    return EXIT_OK


def cmd_issue(ctx: CliContext) -> int:
    from stationdesk.services import certificates

    a = ctx.args
    station, actor = ctx.station(), ctx.actor()
    checks = tuple(a.check)
    if a.all_checks:
        catalog = certificates.active_catalog(station)
        if a.type_code in catalog:
            checks = tuple(c.key for c in catalog.get(a.type_code).eligibility)
    request = certificates.IssueRequest(
        type_code=a.type_code,
        resident_id=a.resident,
        purpose=a.purpose,
        fields=_pairs(a.field),
        checks=checks,
        reissue_of=a.reissue_of,
    )
    issued = certificates.issue_certificate(station, actor, request, out=a.out)
    return _emit_document(
        ctx,
        issued,
        "type_code",
        "holder_name",
        "holder_id_masked",
        "issue_date",
        "valid_until",
        "short_code",
        "reissue_of",
    )


def cmd_refuse(ctx: CliContext) -> int:
    from stationdesk.services import certificates

    a = ctx.args
    request = certificates.RefusalRequest(
        resident_id=a.resident,
        requested_item=a.requested,
        reason_code=a.reason,
        purpose=a.purpose,
        competent_body=a.competent_body,
        legal_basis=a.legal_basis,
        reason_detail=a.detail,
        type_code=a.type_code,
    )
    notice = certificates.refuse_certificate(ctx.station(), ctx.actor(), request, out=a.out)
    return _emit_document(
        ctx,
        notice,
        "requested_item",
        "reason_code",
        "competent_body",
        "applicant_name",
        "applicant_id_masked",
        "notice_date",
    )


def _voided(voided: certificates.VoidedCertificate) -> str:
    return f"{voided.display_number} voided"


@emits(_voided)
def cmd_void(ctx: CliContext) -> certificates.VoidedCertificate:
    from stationdesk.services import certificates

    return certificates.void_certificate(
        ctx.station(), ctx.actor(), ctx.args.number, ctx.args.reason
    )


def cmd_list(ctx: CliContext) -> int:
    from stationdesk.services import certificate_ledger as ledger_service

    a = ctx.args
    station, actor = ctx.station(), ctx.actor()
    worker_id = None
    if a.worker:
        everyone = ledger_service.ledger(station, actor).workers
        matches = [wid for wid, name in everyone if a.worker in (wid, name)]
        if not matches:
            raise InputError(f"no ledger entries by {a.worker!r}", "台账中没有该经办人的记录。")
        worker_id = matches[0]
    flt = ledger_service.LedgerFilter(
        date_from=a.date_from,
        date_to=a.date_to,
        type_code=a.type_code,
        worker_id=worker_id,
    )
    result = ledger_service.ledger(station, actor, flt)
    if a.xlsx:
        ledger_service.export_ledger_xlsx(station, actor, flt, a.xlsx)
    if a.pdf:
        ledger_service.export_ledger_pdf(station, actor, flt, a.pdf)

    def text() -> str:
        c = result.counts
        lines = [
            f"{e.day}  {e.display_number:<22} {e.status:<7} {e.item}  {e.holder_name} "
            f"{e.holder_id_masked}  {e.worker_name}"
            for e in result.entries
        ]
        lines.append(f"{c.issued} issued ({c.void} void), {c.refused} refused")
        return "\n".join(lines)

    ctx.emit({"counts": result.counts, "entries": result.entries}, text)
    return EXIT_OK


def cmd_verify(ctx: CliContext) -> int:
    from stationdesk.services import certificates

    result = certificates.verify(ctx.station(), ctx.actor(), ctx.args.subject)

    def text() -> str:
        head = f"{result.verdict.value}: {result.detail}"
        if result.display_number:
            head += (
                f"\n{result.display_number}  {result.type_name or ''}  {result.holder_name or ''}"
            )
        return head

    ctx.emit(result, text)
    return EXIT_OK if result.verdict is certificates.Verdict.VALID else EXIT_FAILURE


def _in_force(info: certificates.CatalogInfo) -> str:
    return f"{info.kind} version {info.version} in force ({info.items} items)"


@emits(_in_force)
def cmd_catalog_load(ctx: CliContext) -> certificates.CatalogInfo:
    from stationdesk.services import certificates

    return certificates.load_catalog_file(ctx.station(), ctx.actor(), ctx.args.file)
