"""Reads the Inno Setup script and checks every file it references against a bundle layout."""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "installer" / "windows" / "stationdesk.iss"

_DEFINE = re.compile(r'^\s*#define\s+(\w+)\s+"([^"]*)"')
_SECTION = re.compile(r"^\[(\w+)\]\s*$")
_PARAM = re.compile(r'\s*(\w+)\s*:\s*("(?:[^"]|"")*"|[^;]*)\s*(?:;|$)')
_EXPAND = re.compile(r"ExpandConstant\('([^']*)'\)")


def load_layout() -> ModuleType:
    """installer/layout.py, the names the spec declares (it is not an importable package)."""
    path = ROOT / "installer" / "layout.py"
    spec = importlib.util.spec_from_file_location("stationdesk_layout", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("stationdesk_layout", module)
    spec.loader.exec_module(module)
    return module


@dataclass
class IssScript:
    """The parts of an .iss file the checks need, with ``{#Name}`` defines expanded."""

    defines: dict[str, str] = field(default_factory=dict)
    sections: dict[str, list[str]] = field(default_factory=dict)

    def expand(self, text: str) -> str:
        return re.sub(r"\{#(\w+)\}", lambda m: self.defines.get(m.group(1), m.group(0)), text)

    def entries(self, section: str) -> list[dict[str, str]]:
        """The ``Name: value; Other: value`` lines of a section as dicts (quotes removed)."""
        out = []
        for line in self.sections.get(section, []):
            params = {}
            for key, raw in _PARAM.findall(line):
                value = raw.strip()
                if value.startswith('"') and value.endswith('"'):
                    value = value[1:-1].replace('""', '"')
                params[key] = self.expand(value)
            if params:
                out.append(params)
        return out

    def directives(self, section: str = "Setup") -> dict[str, str]:
        out = {}
        for line in self.sections.get(section, []):
            key, sep, value = line.partition("=")
            if sep:
                out[key.strip()] = self.expand(value.strip())
        return out


def parse(text: str) -> IssScript:
    script = IssScript()
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        m = _DEFINE.match(line)
        if m:
            script.defines[m.group(1)] = m.group(2)
            continue
        if not line or line.startswith((";", "#")):
            continue
        m = _SECTION.match(line)
        if m:
            current = m.group(1)
            script.sections.setdefault(current, [])
            continue
        if current:
            script.sections[current].append(line)
    return script


def _norm(path: str) -> str:
    return path.replace("\\", "/").strip("/")


def check(text: str, layout_files: set[str], script_dir: Path = ISS.parent) -> list[str]:
    """Problems with the script's references, given the bundle's files ('/'-separated).

    - a [Files] source inside the bundle must exist in ``layout_files`` (a wildcard source must
      match at least one file); one outside must exist in the checkout;
    - every ``{app}\\...`` path used by [Icons], [Run], [Setup] or [Code] must be a file that
      [Files] installs;
    - every source-side path of [Setup] (SetupIconFile, LicenseFile ...) must exist.
    """
    script = parse(text)
    problems: list[str] = []
    bundle = _norm(script.defines.get("BundleDir", ""))
    if not bundle:
        return ["the script defines no BundleDir"]
    installed: set[str] = set()
    files = script.entries("Files")
    if not files:
        problems.append("the script installs no files")
    for entry in files:
        source, dest = _norm(entry.get("Source", "")), _norm(entry.get("DestDir", ""))
        flags = entry.get("Flags", "").split()
        if not source.startswith(bundle + "/"):
            if not (script_dir / source).exists():
                problems.append(f"[Files] source {entry['Source']} does not exist")
            continue
        rel = source[len(bundle) + 1 :]
        if "*" in rel:
            folder, _, pattern = rel.rpartition("/")
            regex = re.compile(re.escape(pattern).replace(r"\*", "[^/]*") + "$")
            prefix = f"{folder}/" if folder else ""
            matched = [
                f
                for f in layout_files
                if f.startswith(prefix)
                and ("recursesubdirs" in flags or "/" not in f[len(prefix) :])
                and regex.match(f[len(prefix) :].rsplit("/", 1)[-1])
            ]
            if not matched:
                problems.append(f"[Files] source {entry['Source']} matches nothing in the bundle")
            installed |= {f"{dest}/{f[len(prefix) :]}" for f in matched}
        elif rel not in layout_files:
            problems.append(f"[Files] source {entry['Source']} is not in the bundle")
        else:
            installed.add(f"{dest}/{rel.rsplit('/', 1)[-1]}")

    def need_installed(where: str, value: str) -> None:
        path = _norm(value)
        if path.startswith("{app}/") and path not in installed:
            problems.append(f"{where} refers to {value}, which the installer does not install")

    for section, keys in (("Icons", ("Filename", "IconFilename")), ("Run", ("Filename",))):
        for entry in script.entries(section):
            for key in keys:
                if key in entry:
                    need_installed(f"[{section}] {key}", entry[key])
    setup = script.directives()
    for key in ("UninstallDisplayIcon",):
        if key in setup:
            need_installed(f"[Setup] {key}", setup[key])
    for key in ("SetupIconFile", "LicenseFile", "InfoBeforeFile", "InfoAfterFile"):
        if key in setup and not (script_dir / _norm(setup[key])).exists():
            problems.append(f"[Setup] {key} {setup[key]} does not exist")
    code = "\n".join(script.sections.get("Code", []))
    for value in _EXPAND.findall(script.expand(code)):
        need_installed("[Code] ExpandConstant", value)
    return problems


def bundle_files(bundle: Path, *, as_windows: bool) -> set[str]:
    """The files of a built bundle ('/'-separated), program names given the Windows suffix."""
    layout = load_layout()
    files = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()}
    if as_windows:
        programs = {layout.GUI_EXE, layout.CLI_EXE}
        files = {f + ".exe" if f in programs else f for f in files}
        # the console twin is only built on Windows: it shares everything with the GUI program
        files.add(layout.exe_name(layout.CLI_EXE, windows=True))
    return files
