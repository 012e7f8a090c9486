#!/usr/bin/env python3
"""Zensical canary: build the same mkdocs.yml with Zensical and report what differs.

Zensical (https://zensical.org) is the successor of Material for MkDocs; it reads
mkdocs.yml. This script says how far the site is from building with it: it snapshots
the repository into a temporary folder, builds the snapshot with MkDocs and with
Zensical, and compares the two sites: pages and files present in one and not the
other, pages whose visible text (the <article>) differs, local references (scripts,
styles, images, links) the Zensical site makes to files it did not write, markers the
hooks would have filled, and what in mkdocs.yml Zensical ignores (hooks, plugins,
settings). The project does not depend on Zensical: install it apart, e.g.

    .venv/bin/python scripts/zensical_canary.py --install      # /tmp/zensical-venv, then run
    .venv/bin/python scripts/zensical_canary.py --zensical /path/to/bin/zensical

Non-blocking: it exits 0 whatever it finds (1 only if the script itself fails).
Report: <out>/report.md and <out>/report.json (default /tmp/zensical-report).
"""

from __future__ import annotations

import argparse
import difflib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

HERE = Path(__file__).resolve().parent.parent
DEFAULT_VENV = Path("/tmp/zensical-venv")
# Not copied into the snapshot: environments, caches, earlier builds (at the top level),
# and caches anywhere.
SKIP_TOP = {".git", ".venv", "node_modules", "site", ".cache", ".tmp", "build", ".bench"}
SKIP_ANY = {
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    ".ruff_cache",
    ".mypy_cache",
    "node_modules",
}
# Packages Zensical needs next to it to honour this mkdocs.yml's plugins (pinned from
# constraints.txt when they are there).
PLUGIN_PACKAGES = {
    "mkdocstrings": ["mkdocstrings", "mkdocstrings-python", "griffelib", "mkdocs-autorefs"]
}
HASHED = re.compile(r"\.[0-9a-f]{8}(\.min)?\.(js|css)$")
MARKER = re.compile(r"<!--\s*([a-z][a-z0-9-]*)\s*-->")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- set-up


def find_zensical(given: str | None) -> str | None:
    for candidate in (
        given,
        os.environ.get("ZENSICAL"),
        str(DEFAULT_VENV / "bin" / "zensical"),
        "zensical",
    ):
        if candidate and (Path(candidate).is_file() or shutil.which(candidate)):
            return str(Path(candidate)) if Path(candidate).is_file() else shutil.which(candidate)
    return None


def install(venv: Path, repo: Path, version: str | None) -> str:
    """A virtualenv with Zensical and the packages this mkdocs.yml's plugins need."""
    log(f"installing zensical into {venv} ...")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pins = {}
    constraints = repo / "constraints.txt"
    if constraints.is_file():
        for line in constraints.read_text().splitlines():
            name, _, ver = line.partition("==")
            if ver:
                pins[name.strip().lower()] = ver.strip()
    wanted = [f"zensical=={version}" if version else "zensical"]
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    for plugin, packages in PLUGIN_PACKAGES.items():
        if re.search(rf"^\s*-\s*{plugin}\b", config, re.M):
            wanted += [f"{p}=={pins[p]}" if p in pins else p for p in packages]
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *wanted], check=True
    )
    return str(venv / "bin" / "zensical")


def snapshot(repo: Path, dest: Path) -> None:
    """Copy the repository (sources only) so both builds see the same files."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = Path(folder).resolve() == repo.resolve()
        return {n for n in names if n in SKIP_ANY or (top and n in SKIP_TOP)}

    shutil.copytree(repo, dest, ignore=ignore, symlinks=True)
    if (repo / "node_modules").exists():  # the hooks copy KaTeX and mermaid from it
        (dest / "node_modules").symlink_to(repo / "node_modules")


def run(cmd: list[str], cwd: Path, timeout: int = 900) -> dict:
    started = time.monotonic()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        done = subprocess.run(
            cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env
        )
        rc, out = done.returncode, done.stdout + done.stderr
    except subprocess.TimeoutExpired as exc:
        rc, out = -1, f"timed out after {timeout} s\n{exc.stdout or ''}{exc.stderr or ''}"
    return {
        "cmd": " ".join(cmd),
        "rc": rc,
        "seconds": round(time.monotonic() - started, 1),
        "log": out,
    }


# --------------------------------------------------------------------------- config


class _Loader:
    """yaml.SafeLoader that tolerates !!python/name and !ENV tags (values kept as strings)."""

    @staticmethod
    def load(text: str):
        import yaml

        class Loader(yaml.SafeLoader):
            pass

        def anything(loader, suffix, node):
            if isinstance(node, yaml.ScalarNode):
                return f"!{suffix}:{loader.construct_scalar(node)}"
            if isinstance(node, yaml.SequenceNode):
                return loader.construct_sequence(node)
            return loader.construct_mapping(node)

        Loader.add_multi_constructor("tag:yaml.org,2002:python/", anything)
        Loader.add_multi_constructor("!", anything)
        return yaml.load(text, Loader=Loader)


def zensical_support(zensical: str) -> dict:
    """What the installed Zensical says it supports (private names: best effort)."""
    python = Path(zensical).parent / "python"
    probe = (
        "import json, zensical.config as c\n"
        "print(json.dumps({'plugins': {k: list(v) for k, v in "
        "getattr(c, '_PLUGIN_UNSUPPORTED_OPTIONS', {}).items()},"
        " 'reads_hooks': 'hooks' in open(c.__file__).read()}))"
    )
    if not python.exists():
        return {}
    done = subprocess.run([str(python), "-c", probe], capture_output=True, text=True)
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        return {}


def config_findings(repo: Path, support: dict) -> list[str]:
    """What in mkdocs.yml Zensical will not honour, from the config alone."""
    try:
        config = _Loader.load((repo / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    except Exception as exc:  # noqa: BLE001 - reported, not fatal
        return [f"could not read mkdocs.yml: {exc}"]
    findings = []
    hooks = config.get("hooks") or []
    if hooks:
        how = (
            "its configuration code never reads the `hooks` key"
            if support.get("reads_hooks") is False
            else "Zensical does not run MkDocs hooks"
        )
        findings.append(
            f"`hooks: {hooks}` is ignored, silently ({how}): nothing the hooks add "
            "to the MkDocs build is in the Zensical build"
        )
    known = support.get("plugins")
    for entry in config.get("plugins") or []:
        name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        options = options or {}
        if known is None:
            continue
        if name not in known:
            findings.append(f"plugin `{name}` is not supported by Zensical: ignored silently")
            continue
        ignored = sorted(set(options) & set(known[name]))
        if ignored:
            findings.append(f"plugin `{name}`: settings {ignored} are ignored by Zensical")
    validation = config.get("validation") or {}
    if isinstance(validation, dict):
        unmapped = sorted(set(validation) - {"links", "not_found", "anchors"})
        if unmapped:
            findings.append(
                f"`validation` settings {unmapped} are not mapped by Zensical "
                "(it maps `not_found` and `anchors` only)"
            )
    return findings


# --------------------------------------------------------------------------- comparing


class ArticleText(HTMLParser):
    """The visible text of the first <article>, and its raw HTML comments."""

    SKIP_TAGS = {"script", "style", "svg", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # nesting of <article>
        self.done = False
        self.skipping: list[str] = []  # open elements whose text is not read (same-tag nesting)
        self.words: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.append(tag)
            return
        if tag == "article":
            self.depth += 1
        elif self.depth and (
            tag in self.SKIP_TAGS
            or (tag == "a" and "headerlink" in (dict(attrs).get("class") or ""))
        ):
            self.skipping.append(tag)

    def handle_endtag(self, tag):
        if self.done or not self.depth:
            return
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag == "article":
            self.depth -= 1
            self.done = self.depth == 0

    def handle_data(self, data):
        if self.depth and not self.skipping and not self.done:
            self.words += data.split()

    def handle_comment(self, data):
        if self.depth and not self.done:
            self.comments.append(data.strip())


def article(path: Path) -> ArticleText:
    parser = ArticleText()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def site_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def normalise(name: str) -> str:
    """Asset names without their content hash, so bundle.1234abcd.min.js matches."""
    return HASHED.sub(lambda m: f".HASH{m.group(1) or ''}.{m.group(2)}", name)


def page_url(rel: str) -> str:
    return "/" + rel.removesuffix("index.html") if rel.endswith("index.html") else "/" + rel


REF = re.compile(
    r"""<(script|link|img|a|source|iframe)\b[^>]*?\b(src|href)\s*=\s*("[^"]*"|'[^']*')""", re.I
)


def broken_refs(site: Path, files: set[str]) -> dict[str, dict]:
    """Local references each page makes that the site cannot serve: {target: {kind, pages}}."""
    missing: dict[str, dict] = {}
    for rel in sorted(f for f in files if f.endswith(".html")):
        text = (site / rel).read_text(encoding="utf-8", errors="replace")
        base = PurePosixPath("/" + rel).parent
        for tag, _attr, quoted in REF.findall(text):
            url = html.unescape(quoted[1:-1])
            parsed = urlparse(url)
            if (
                parsed.scheme
                or parsed.netloc
                or not parsed.path
                or url.startswith(("#", "mailto:", "data:", "javascript:"))
            ):
                continue
            path = parsed.path if parsed.path.startswith("/") else str(base / parsed.path)
            target = os.path.normpath(unquote(path)).lstrip("/")
            candidates = (
                [target, f"{target}/index.html".lstrip("/")]
                if target not in ("", ".")
                else ["index.html"]
            )
            if any(c in files for c in candidates):
                continue
            entry = missing.setdefault(target, {"kind": tag.lower(), "pages": set()})
            entry["pages"].add(page_url(rel))
    return {k: {"kind": v["kind"], "pages": sorted(v["pages"])} for k, v in missing.items()}


def diff_excerpt(a: list[str], b: list[str], limit: int = 4, width: int = 240) -> list[dict]:
    """The first few changed blocks between two word lists, as short strings."""
    out = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        out.append(
            {"op": op, "mkdocs": " ".join(a[i1:i2])[:width], "zensical": " ".join(b[j1:j2])[:width]}
        )
        if len(out) >= limit:
            break
    return out


def compare(mk_site: Path, zs_site: Path, threshold: float) -> dict:
    mk_files, zs_files = site_files(mk_site), site_files(zs_site)
    mk_pages = {f for f in mk_files if f.endswith(".html")}
    zs_pages = {f for f in zs_files if f.endswith(".html")}
    mk_norm = {normalise(f) for f in mk_files}
    zs_norm = {normalise(f) for f in zs_files}

    def by_folder(names: set[str]) -> dict[str, int]:
        return dict(
            Counter(
                "/".join(n.split("/")[:2]) if n.count("/") >= 2 else n for n in names
            ).most_common()
        )

    only_mk_pages = sorted(mk_pages - zs_pages)
    only_zs_pages = sorted(zs_pages - mk_pages)
    pages = []
    for rel in sorted(mk_pages & zs_pages):
        a, b = article(mk_site / rel), article(zs_site / rel)
        matcher = difflib.SequenceMatcher(None, a.words, b.words, autojunk=False)
        ratio = matcher.ratio() if (a.words or b.words) else 1.0
        row = {
            "page": page_url(rel),
            "similarity": round(ratio, 3),
            "words_mkdocs": len(a.words),
            "words_zensical": len(b.words),
            "unfilled_markers": sorted(
                set(MARKER.findall(" ".join(f"<!-- {c} -->" for c in b.comments)))
                - set(MARKER.findall(" ".join(f"<!-- {c} -->" for c in a.comments)))
            ),
        }
        if ratio < 1.0:
            row["first_differences"] = diff_excerpt(a.words, b.words)
        mk_html = (mk_site / rel).read_text(encoding="utf-8", errors="replace")
        zs_html = (zs_site / rel).read_text(encoding="utf-8", errors="replace")
        for key, pattern in (
            ("claim_anchors", r'id="claim-'),
            ("check_links", r"wiw-check-link"),
            ("math", r'class="arithmatex"'),
            ("mermaid", r'class="mermaid"'),
            ("figures", r'src="[^"]*figures/'),
        ):
            row[key] = [len(re.findall(pattern, mk_html)), len(re.findall(pattern, zs_html))]
        pages.append(row)

    zs_broken = broken_refs(zs_site, zs_files)
    mk_broken = broken_refs(mk_site, mk_files)
    return {
        "pages_mkdocs": len(mk_pages),
        "pages_zensical": len(zs_pages),
        "only_in_mkdocs": {"pages": only_mk_pages, "by_folder": by_folder(set(only_mk_pages))},
        "only_in_zensical": {"pages": only_zs_pages, "by_folder": by_folder(set(only_zs_pages))},
        "files_only_in_mkdocs": by_folder(
            mk_norm - zs_norm - {normalise(p) for p in only_mk_pages}
        ),
        "files_only_in_zensical": by_folder(
            zs_norm - mk_norm - {normalise(p) for p in only_zs_pages}
        ),
        "differing_pages": [p for p in pages if p["similarity"] < threshold],
        "pages": pages,
        "broken_refs_zensical": {k: v for k, v in zs_broken.items() if k not in mk_broken},
        "broken_refs_both": {k: v for k, v in zs_broken.items() if k in mk_broken},
    }


# --------------------------------------------------------------------------- report


def problems_in(log_text: str) -> list[str]:
    keep = re.compile(r"warn|error|unsupported|not supported|ignor|deprecat|fail", re.I)
    return [line.strip() for line in log_text.splitlines() if keep.search(line)][:200]


def write_markdown(report: dict, path: Path) -> None:
    v = report["versions"]
    lines = [
        "# Zensical canary",
        "",
        f"Zensical {v.get('zensical')} vs MkDocs {v.get('mkdocs')} + material {v.get('mkdocs-material')}; "
        f"snapshot of {report['repo']}.",
        "",
    ]
    for name in ("mkdocs", "zensical"):
        b = report["builds"].get(name) or {}
        lines.append(
            f"- {name}: `{b.get('cmd')}` → exit {b.get('rc')} in {b.get('seconds')} s; "
            f"{len(b.get('problems', []))} warning/error lines"
        )
    lines.append("")
    lines += ["## Summary", ""] + [f"- {s}" for s in report["summary"]] + [""]
    if report["config_findings"]:
        lines += (
            ["## What Zensical ignores in mkdocs.yml", ""]
            + [f"- {f}" for f in report["config_findings"]]
            + [""]
        )
    zs = report["builds"].get("zensical") or {}
    if zs.get("problems"):
        lines += ["## Zensical's own warnings", "", "```text", *zs["problems"][:60], "```", ""]
    cmp_ = report.get("comparison")
    if cmp_:
        lines += [
            "## Pages",
            "",
            f"MkDocs wrote {cmp_['pages_mkdocs']} pages, Zensical {cmp_['pages_zensical']}.",
            "",
        ]
        for side, title in (
            ("only_in_mkdocs", "Only in the MkDocs build"),
            ("only_in_zensical", "Only in the Zensical build"),
        ):
            folders = cmp_[side]["by_folder"]
            if folders:
                lines += [
                    f"**{title}** ({len(cmp_[side]['pages'])}): "
                    + ", ".join(f"`{k}` ×{n}" for k, n in folders.items()),
                    "",
                ]
                shown = [p for p in cmp_[side]["pages"] if not p.startswith("checks/")][:20]
                lines += [f"- `{page_url(p)}`" for p in shown] + [""]
        for side, title in (
            ("files_only_in_mkdocs", "Other files only in MkDocs"),
            ("files_only_in_zensical", "Other files only in Zensical"),
        ):
            if cmp_[side]:
                lines += [
                    f"**{title}:** " + ", ".join(f"`{k}` ×{n}" for k, n in cmp_[side].items()),
                    "",
                ]
        if cmp_["broken_refs_zensical"]:
            lines += ["## References the Zensical site cannot serve (the MkDocs site can)", ""]
            for target, entry in sorted(
                cmp_["broken_refs_zensical"].items(), key=lambda kv: -len(kv[1]["pages"])
            )[:40]:
                lines.append(
                    f"- `{target}` ({entry['kind']}) from {len(entry['pages'])} page(s), "
                    f"e.g. `{entry['pages'][0]}`"
                )
            lines.append("")
        lines += [
            "## Text of each page (the <article>)",
            "",
            "| page | similarity | words MkDocs / Zensical | claim anchors | check links | figures | unfilled markers |",
            "|---|---|---|---|---|---|---|",
        ]
        for p in sorted(cmp_["pages"], key=lambda p: p["similarity"]):
            if p["page"].startswith("/checks/"):
                continue
            lines.append(
                f"| `{p['page']}` | {p['similarity']:.2f} | {p['words_mkdocs']} / {p['words_zensical']} | "
                f"{p['claim_anchors'][0]} / {p['claim_anchors'][1]} | {p['check_links'][0]} / {p['check_links'][1]} | "
                f"{p['figures'][0]} / {p['figures'][1]} | {', '.join(p['unfilled_markers']) or '—'} |"
            )
        lines.append("")
        for p in cmp_["differing_pages"][:10]:
            lines += [f"### `{p['page']}` (similarity {p['similarity']:.2f})", ""]
            for d in p.get("first_differences", []):
                lines.append(f"- {d['op']}: MkDocs “{d['mkdocs']}” → Zensical “{d['zensical']}”")
            lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def summarise(report: dict) -> list[str]:
    out = []
    builds = report["builds"]
    zs = builds.get("zensical") or {}
    if zs.get("rc") != 0:
        out.append(
            f"the Zensical build failed (exit {zs.get('rc')}): "
            + (zs.get("problems") or zs.get("log", "").splitlines()[-3:] or ["no output"])[-1]
        )
    else:
        out.append(
            f"the Zensical build succeeded in {zs.get('seconds')} s "
            f"(MkDocs: {builds.get('mkdocs', {}).get('seconds')} s) and printed "
            f"{len(zs.get('problems', []))} warning/error line(s)"
        )
    cmp_ = report.get("comparison")
    if not cmp_:
        return out
    checks = [p for p in cmp_["only_in_mkdocs"]["pages"] if p.startswith("checks/")]
    if checks:
        out.append(
            f"{len(checks)} generated check pages (checks/…) are missing from the Zensical build"
        )
    other = [p for p in cmp_["only_in_mkdocs"]["pages"] if not p.startswith("checks/")]
    if other:
        out.append(
            f"{len(other)} other page(s) only in MkDocs: {', '.join(page_url(p) for p in other[:8])}"
        )
    if cmp_["only_in_zensical"]["pages"]:
        out.append(
            f"{len(cmp_['only_in_zensical']['pages'])} page(s) only in Zensical: "
            + ", ".join(page_url(p) for p in cmp_["only_in_zensical"]["pages"][:8])
        )
    vendor = {
        k: n for k, n in cmp_["files_only_in_mkdocs"].items() if k.startswith("assets/vendor")
    }
    if vendor:
        out.append(
            "vendored front-end assets missing from Zensical: "
            + ", ".join(f"{k} ×{n}" for k, n in vendor.items())
        )
    figures = {k: n for k, n in cmp_["files_only_in_mkdocs"].items() if k.startswith("figures")}
    if figures:
        out.append(
            f"build-time figures missing from Zensical: {sum(figures.values())} file(s) under figures/"
        )
    broken = cmp_["broken_refs_zensical"]
    if broken:
        kinds = Counter(v["kind"] for v in broken.values())
        out.append(
            f"the Zensical pages reference {len(broken)} local file(s) it did not write ("
            + ", ".join(f"{k}: {n}" for k, n in kinds.items())
            + ")"
        )
    anchors = (
        sum(p["claim_anchors"][0] for p in cmp_["pages"]),
        sum(p["claim_anchors"][1] for p in cmp_["pages"]),
    )
    links = (
        sum(p["check_links"][0] for p in cmp_["pages"]),
        sum(p["check_links"][1] for p in cmp_["pages"]),
    )
    out.append(
        f"claim anchors: {anchors[0]} in MkDocs, {anchors[1]} in Zensical; "
        f"links from claims to their checks: {links[0]} vs {links[1]}"
    )
    markers = sorted({m for p in cmp_["pages"] for m in p["unfilled_markers"]})
    if markers:
        out.append(f"markers the hooks fill but Zensical leaves empty: {', '.join(markers)}")
    differing = [p for p in cmp_["differing_pages"] if not p["page"].startswith("/checks/")]
    out.append(
        f"{len(differing)} content page(s) whose article text is less than "
        f"{report['threshold']:.0%} similar: "
        + (", ".join(f"{p['page']} ({p['similarity']:.2f})" for p in differing[:10]) or "none")
    )
    return out


# --------------------------------------------------------------------------- main


def version_of(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--repo", type=Path, default=HERE, help="the project (default: this repository)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("/tmp/zensical-report"),
        help="report folder (default %(default)s)",
    )
    parser.add_argument(
        "--zensical",
        help=f"the zensical executable (default: $ZENSICAL, {DEFAULT_VENV}/bin/zensical, or PATH)",
    )
    parser.add_argument(
        "--install",
        action="store_true",
        help=f"first install Zensical into {DEFAULT_VENV} (or --venv)",
    )
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV, help="where --install puts it")
    parser.add_argument(
        "--version",
        dest="zensical_version",
        help="the Zensical version --install installs (default: latest)",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=0.9,
        help="report pages whose article text is less similar than this (default %(default)s)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the snapshot and both sites under --out"
    )
    args = parser.parse_args(argv)

    repo = args.repo.resolve()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    zensical = find_zensical(args.zensical)
    if args.install and (zensical is None or args.zensical is None):
        zensical = install(args.venv, repo, args.zensical_version)
    report: dict = {
        "repo": str(repo),
        "threshold": args.threshold,
        "builds": {},
        "config_findings": [],
        "versions": {
            "mkdocs": version_of("mkdocs"),
            "mkdocs-material": version_of("mkdocs-material"),
        },
    }
    if zensical is None:
        report["summary"] = [
            "Zensical is not installed: run with --install, or pass --zensical PATH"
        ]
        (out / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
        write_markdown(report, out / "report.md")
        print("zensical canary: " + report["summary"][0])
        return 0
    version = run([zensical, "--version"], repo, timeout=60)
    report["versions"]["zensical"] = (
        version["log"].strip().splitlines()[-1] if version["rc"] == 0 else None
    )
    report["zensical"] = zensical
    support = zensical_support(zensical)
    report["config_findings"] = config_findings(repo, support)

    work = Path(tempfile.mkdtemp(prefix="wiw-zensical-"))
    try:
        snap = work / "snapshot"
        snapshot(repo, snap)
        log(f"building {snap} with MkDocs ...")
        mk_site = work / "mkdocs-site"
        mk = run(
            [sys.executable, "-m", "mkdocs", "build", "--no-strict", "--site-dir", str(mk_site)],
            snap,
        )
        mk["problems"] = [
            line for line in problems_in(mk["log"]) if "WARNING" in line or "ERROR" in line
        ]
        report["builds"]["mkdocs"] = mk
        log(f"building {snap} with Zensical ...")
        zs = run([zensical, "build", "-f", "mkdocs.yml"], snap)
        zs["problems"] = problems_in(zs["log"])
        report["builds"]["zensical"] = zs
        config = _Loader.load((snap / "mkdocs.yml").read_text(encoding="utf-8")) or {}
        zs_site = snap / (config.get("site_dir") or "site")
        if mk["rc"] == 0 or (mk_site / "index.html").is_file():
            if zs["rc"] == 0 and (zs_site / "index.html").is_file():
                report["comparison"] = compare(mk_site, zs_site, args.threshold)
        for name in ("mkdocs", "zensical"):
            (out / f"build-{name}.log").write_text(report["builds"][name]["log"], encoding="utf-8")
            report["builds"][name]["log"] = report["builds"][name]["log"][-4000:]
        if args.keep:
            for src, name in ((mk_site, "site-mkdocs"), (zs_site, "site-zensical")):
                shutil.rmtree(out / name, ignore_errors=True)
                if src.exists():
                    shutil.copytree(src, out / name)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    report["summary"] = summarise(report)
    (out / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    write_markdown(report, out / "report.md")
    print(f"zensical canary (Zensical {report['versions'].get('zensical')}, non-blocking):")
    for finding in report["config_findings"]:
        print(f"  config: {finding}")
    for line in report["summary"]:
        print(f"  - {line}")
    print(f"report: {out}/report.md and {out}/report.json")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        raise
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 - the canary only fails when it breaks itself
        import traceback

        traceback.print_exc()
        print(f"zensical canary crashed: {exc}", file=sys.stderr)
        sys.exit(1)
