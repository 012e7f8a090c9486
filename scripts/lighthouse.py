#!/usr/bin/env python3
"""Lighthouse scores of the built site, side by side with material's defaults.

Builds the site into a temporary folder, serves it on 127.0.0.1, and runs Lighthouse
(tools/lighthouse, driven with Debian's Chromium) on the home page and a few
architecture pages, for the performance, accessibility, best-practices and SEO
categories. In the same run it builds a baseline: a fresh MkDocs project with
`theme: material` and nothing else (but `font: false`, so that it requests nothing from
Google Fonts), whose pages are copies of the same pages' Markdown with the snippet
includes stripped; it is served and measured the same way, so a failing audit can be
told apart as ours or as material's.

Each of our pages is measured in the light and the dark palette (`--schemes`). Our site
must score 100 in accessibility and in best-practices on every page in both, and no
request may leave 127.0.0.1; otherwise the script exits 1 (2 when it cannot run at all). Reports: <out>/report.json, <out>/report.md, and Lighthouse's own reports
under <out>/raw/.

    .venv/bin/python scripts/lighthouse.py                      # the default pages
    .venv/bin/python scripts/lighthouse.py /vision/vit/ --schemes light --no-baseline
    .venv/bin/python scripts/lighthouse.py --repo /tmp/wiw-copy # a copy with fixes to try

Set-up, once: `npm ci --ignore-scripts --prefix tools/lighthouse`.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent.parent  # the repository this script lives in
LIGHTHOUSE = HERE / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
DEFAULT_PAGES = ["/vision/cnn/", "/attention/attention/", "/foundations/convolution_arithmetic/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
REQUIRED = {"accessibility": 1.0, "best-practices": 1.0}  # for our site, on every page
# The suite's Chromium flags: headless, quiet, and no host but 127.0.0.1 resolves.
from whyitworks.sitecheck import CHROMIUM_FLAGS as CHROME_FLAGS  # noqa: E402

SCHEME_FLAGS = {"light": [], "dark": ["--force-dark-mode"]}  # prefers-color-scheme
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-extension"}
BASELINE_YML = """\
# Material's defaults, for comparison with the real site: nothing but the theme.
# One change: `font: false`, so that the pages request nothing from Google Fonts.
site_name: Why It Works (material defaults)
theme:
  name: material
  font: false
"""


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- building


def mkdocs_build(project: Path, site: Path, strict: bool) -> str:
    """Build `project` into `site`; return the build's log. Raises on a failed build.
    This project is built as the suite builds it (the prebuild first); the baseline,
    material's defaults, is a plain MkDocs project."""
    if (project / "whyitworks").is_dir():
        from whyitworks.sitecheck import build_site

        built = build_site(project, site, strict=strict)
        returncode, out = built.returncode, built.log
    else:
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict" if strict else "--no-strict",
               "--site-dir", str(site)]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env, timeout=900)
        returncode, out = done.returncode, done.stdout + done.stderr
    if returncode != 0 or not (site / "index.html").is_file():
        raise SystemExit(f"building {project} into {site} failed:\n{out}")
    return out


def page_source(docs: Path, path: str) -> Path | None:
    """The Markdown file a URL path of the site was built from, if there is one."""
    inner = path.strip("/")
    candidates = (
        [docs / "index.md"]
        if not inner
        else [docs / f"{inner}.md", docs / inner / "index.md", docs / inner / "README.md"]
    )
    return next((c for c in candidates if c.is_file()), None)


INCLUDE_LINE = re.compile(r"^\s*-{2}8<-{2}\s*(\"[^\"]*\"|'[^']*')\s*$")
INCLUDE_BLOCK = re.compile(r"^\s*-{2}8<-{2}\s*$")


def strip_includes(markdown: str) -> str:
    """The Markdown without pymdownx.snippets includes (single-line and block forms)."""
    out, in_block = [], False
    for line in markdown.splitlines():
        if INCLUDE_BLOCK.match(line):
            in_block = not in_block
            continue
        if in_block or INCLUDE_LINE.match(line):
            continue
        out.append(line)
    return "\n".join(out) + "\n"


IMAGE = re.compile(r"!\[[^\]]*\]\(\s*([^)\s]+)")


def make_baseline(repo: Path, pages: list[str], project: Path, built: Path) -> list[str]:
    """A material-defaults project with the same pages at the same URLs; returns notes.

    Images the pages show (figures drawn by our hooks) are copied from our built site
    ``built``, so that the baseline requests no file it does not have.
    """
    docs_src = repo / "docs"
    docs = project / "docs"
    docs.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(BASELINE_YML, encoding="utf-8")
    notes = []
    for path in pages:
        src = page_source(docs_src, path)
        inner = path.strip("/")
        dest = docs / ("index.md" if not inner else f"{inner}.md")
        dest.parent.mkdir(parents=True, exist_ok=True)
        if src is None:
            notes.append(f"{path}: no Markdown source found; the baseline has a stub page there")
            dest.write_text(f"# {inner or 'Home'}\n\nNo source.\n", encoding="utf-8")
        else:
            markdown = strip_includes(src.read_text(encoding="utf-8"))
            dest.write_text(markdown, encoding="utf-8")
            for target in IMAGE.findall(markdown):
                if urlparse(target).scheme:
                    continue
                rel = os.path.normpath(
                    os.path.join(os.path.dirname(dest.relative_to(docs)), target)
                )
                if (built / rel).is_file() and not (docs / rel).exists():
                    (docs / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy(built / rel, docs / rel)
                    notes.append(f"{path}: image {rel} copied from our built site")
    return notes


# --------------------------------------------------------------------------- serving


class Server:
    """A static folder on 127.0.0.1, served from a thread."""

    def __init__(self, folder: Path):
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

        handler = functools.partial(Quiet, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --------------------------------------------------------------------------- Lighthouse


def slug(path: str) -> str:
    return path.strip("/").replace("/", "-") or "home"


def run_lighthouse(
    url: str, base: Path, chrome: str, scheme: str, preset: str | None, extra_flags: list[str]
) -> dict:
    """Run Lighthouse on one URL; return its JSON result (or a dict with 'error')."""
    flags = " ".join(CHROME_FLAGS + SCHEME_FLAGS[scheme] + extra_flags)
    cmd = [
        str(LIGHTHOUSE),
        url,
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={flags}",
        "--disable-full-page-screenshot",
        "--no-enable-error-reporting",
        "--output=json",
        "--output=html",
        f"--output-path={base}",
        "--quiet",
    ]
    if preset:
        cmd.append(f"--preset={preset}")
    env = {**os.environ, "CHROME_PATH": chrome}
    started = time.monotonic()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    except subprocess.TimeoutExpired:
        return {"error": "Lighthouse ran for more than 300 s"}
    report = base.with_name(base.name + ".report.json")
    if done.returncode != 0 or not report.is_file():
        return {
            "error": f"Lighthouse exited {done.returncode}: {(done.stderr or done.stdout)[-2000:]}"
        }
    result = json.loads(report.read_text(encoding="utf-8"))
    result["_seconds"] = round(time.monotonic() - started, 1)
    return result


def _item_summary(item: dict) -> dict:
    """The few fields of one audit detail item a reader needs."""
    node = item.get("node")
    if isinstance(node, dict):
        return {
            k: node.get(k)
            for k in ("selector", "snippet", "explanation", "nodeLabel")
            if node.get(k)
        }
    out = {}
    for key in ("url", "source", "description", "label", "value", "sourceLocation"):
        value = item.get(key)
        if isinstance(value, dict):
            value = value.get("url") or value.get("value") or json.dumps(value)[:200]
        if value not in (None, ""):
            out[key] = str(value)[:300]
    return out


def summarise(result: dict, server_url: str) -> dict:
    """Scores, failing audits and requests that left the host, from one Lighthouse result."""
    if "error" in result:
        return {
            "error": result["error"],
            "scores": {c: None for c in CATEGORIES},
            "failing": [],
            "informational": [],
            "external_requests": [],
        }
    if result.get("runtimeError"):
        err = result["runtimeError"]
        return {
            "error": f"{err.get('code')}: {err.get('message')}",
            "scores": {c: None for c in CATEGORIES},
            "failing": [],
            "informational": [],
            "external_requests": [],
        }
    audits = result["audits"]
    scores = {c: result["categories"].get(c, {}).get("score") for c in CATEGORIES}
    failing, informational = [], []
    for category in CATEGORIES:
        for ref in result["categories"].get(category, {}).get("auditRefs", []):
            audit = audits.get(ref["id"], {})
            score = audit.get("score")
            mode = audit.get("scoreDisplayMode")
            if score is None or mode in ("notApplicable", "manual", "informative", "error"):
                continue
            threshold = 0.9 if category == "performance" else 1.0
            if score >= threshold:
                continue
            details = audit.get("details") or {}
            entry = {
                "category": category,
                "id": ref["id"],
                "title": audit.get("title"),
                "score": score,
                "weight": ref.get("weight", 0),
                "displayValue": audit.get("displayValue"),
                "items": [
                    _item_summary(i) for i in details.get("items", []) if isinstance(i, dict)
                ],
            }
            (failing if ref.get("weight", 0) > 0 else informational).append(entry)
    host = urlparse(server_url).netloc
    external = []
    for item in (audits.get("network-requests", {}).get("details") or {}).get("items", []):
        url = item.get("url", "")
        parsed = urlparse(url)
        if parsed.scheme in LOCAL_SCHEMES or parsed.netloc == host:
            continue
        external.append(url)
    console = [
        _item_summary(i)
        for i in (audits.get("errors-in-console", {}).get("details") or {}).get("items", [])
    ]
    return {
        "scores": scores,
        "failing": failing,
        "informational": informational,
        "external_requests": external,
        "console_errors": console,
        "run_warnings": result.get("runWarnings", []),
        "lighthouse": result.get("lighthouseVersion"),
        "user_agent": result.get("environment", {}).get("hostUserAgent"),
        "form_factor": result.get("configSettings", {}).get("formFactor"),
        "seconds": result.get("_seconds"),
    }


# --------------------------------------------------------------------------- reporting


def pct(score) -> str:
    return "—" if score is None else str(round(score * 100))


def group_items(items: list[dict]) -> list[tuple[str, int, list[str]]]:
    """Items grouped by what is wrong (the explanation without its node): (what, count, examples)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for item in items:
        what = item.get("explanation") or item.get("description") or item.get("source") or ""
        what = " ".join(what.split())
        where = item.get("selector") or item.get("url") or item.get("snippet") or ""
        groups[what].append(where)
    return [(what, len(wheres), sorted(set(wheres))[:3]) for what, wheres in groups.items()]


def write_markdown(report: dict, path: Path) -> None:
    lines = ["# Lighthouse: our site next to material's defaults", ""]
    meta = report["meta"]
    lines += [
        f"Lighthouse {meta.get('lighthouse')} · {meta.get('browser')} · form factor "
        f"{meta.get('form_factor')} (performance is measured with Lighthouse's simulated "
        "throttling and varies from run to run; load average at the end "
        f"{meta.get('load_average')} on {meta.get('cpus')} CPUs) · requirement for our site: "
        + ", ".join(f"{k} {round(v * 100)}" for k, v in REQUIRED.items())
        + ", and no request leaving 127.0.0.1.",
        "",
        f"**Result: {'PASS' if report['passed'] else 'FAIL'}**",
        "",
    ]
    for problem in report["problems"]:
        lines.append(f"- {problem}")
    if report["problems"]:
        lines.append("")
    head = (
        "| page | scheme | "
        + " | ".join(f"ours: {c}" for c in CATEGORIES)
        + " | "
        + " | ".join(f"material: {c}" for c in CATEGORIES)
        + " |"
    )
    lines += [
        "## Scores",
        "",
        "Material's defaults have one palette, so they are measured in light only.",
        "",
        head,
        "|" + "---|" * (2 + 2 * len(CATEGORIES)),
    ]
    for row in report["pages"]:
        ours = row["ours"]["scores"]
        base = (row.get("baseline") or {}).get("scores", {})
        lines.append(
            f"| `{row['path']}` | {row['scheme']} | "
            + " | ".join(pct(ours.get(c)) for c in CATEGORIES)
            + " | "
            + " | ".join(pct(base.get(c)) for c in CATEGORIES)
            + " |"
        )
    lines.append("")
    for site in ("ours", "baseline"):
        title = "our site" if site == "ours" else "material's defaults"
        lines += [f"## Failing audits: {title}", ""]
        by_audit: dict[str, dict] = {}
        for row in report["pages"]:
            summary = row.get(site)
            if not summary:
                continue
            if summary.get("error"):
                lines.append(
                    f"- `{row['path']}` ({row['scheme']}): Lighthouse failed: {summary['error']}"
                )
            for audit in summary["failing"]:
                key = f"{audit['category']}/{audit['id']}"
                entry = by_audit.setdefault(key, {"audit": audit, "pages": [], "items": []})
                entry["pages"].append(f"`{row['path']}` ({row['scheme']})")
                entry["items"] += audit["items"]
        if not by_audit:
            lines += ["None.", ""]
            continue
        for key, entry in sorted(
            by_audit.items(), key=lambda kv: CATEGORIES.index(kv[1]["audit"]["category"])
        ):
            audit = entry["audit"]
            value = f" — {audit['displayValue']}" if audit.get("displayValue") else ""
            lines += [
                f"### {key}: {audit['title']}{value}",
                "",
                f"On: {', '.join(entry['pages'])}",
                "",
            ]
            if audit["category"] != "performance":
                for what, count, examples in group_items(entry["items"])[:12]:
                    ex = "; ".join(f"`{e}`" for e in examples if e)
                    lines.append(
                        f"- ×{count}: {what or '(no explanation)'}"
                        + (f" — e.g. {ex}" if ex else "")
                    )
                lines.append("")
    fixes = report.get("fixes")
    if fixes:
        lines += ["## Fixes", ""] + fixes + [""]
    if report["baseline_notes"]:
        lines += ["## Baseline notes", ""] + [f"- {n}" for n in report["baseline_notes"]] + [""]
    path.write_text("\n".join(lines), encoding="utf-8")


# Known causes and fixes on this project (material 9.8 defaults), printed under "Fixes";
# the full diffs are in scripts/README-site.md.
FIX_HINTS = {
    "aria-dialog-name": 'material\'s partials/search.html gives the search `role="dialog"` but no '
    "name: add `aria-label` (an on_post_page hook, or a partial override).",
    "color-contrast": "material's colours just under 4.5:1: code comments/operators "
    '(#0000008a on #f5f5f5, 4.47), the footer\'s "Made with" line (#ffffff73 on '
    "#161616, 4.47); in the dark palette code numbers (#e6695b, 4.44), built-ins "
    "(#9383e2, 4.48) and links (#5488e8, 4.12) on #272a35: override those "
    "variables in a stylesheet.",
    "link-in-text-block": "links in running text differ from it by colour only (#4051b5 vs #212121 "
    "2.34:1; dark #5488e8 vs #bfc1c6 1.92:1; 3:1 needed): underline them.",
    "meta-description": "add `site_description` or a `description:` front-matter field.",
    "link-name": "give the link text or an aria-label.",
    "errors-in-console": "see the console messages listed.",
}


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "pages",
        nargs="*",
        default=DEFAULT_PAGES,
        help="URL paths of the architecture pages to measure, besides the home "
        f"page (default: {' '.join(DEFAULT_PAGES)})",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("/tmp/lighthouse-report"),
        help="folder for report.json, report.md and raw/ (default %(default)s)",
    )
    parser.add_argument(
        "--repo",
        type=Path,
        default=HERE,
        help="the project to build (default: this repository); a copy with fixes to try works too",
    )
    parser.add_argument(
        "--site", type=Path, help="measure this already-built site instead of building"
    )
    parser.add_argument(
        "--strict", action="store_true", help="build with --strict (default: --no-strict)"
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip material's defaults")
    parser.add_argument(
        "--schemes",
        default="light,dark",
        help="colour schemes to measure our pages in, comma-separated: light, "
        "dark (prefers-color-scheme: dark, via --force-dark-mode; material's "
        "defaults have no dark palette, so they are measured in light only); "
        "default %(default)s",
    )
    parser.add_argument(
        "--preset",
        choices=["desktop", "perf", "experimental"],
        help="a Lighthouse preset (default: Lighthouse's mobile emulation)",
    )
    parser.add_argument(
        "--chrome",
        default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
        help="the Chromium binary (default: $CHROME_PATH or %(default)s)",
    )
    parser.add_argument(
        "--chrome-flag", action="append", default=[], help="an extra Chromium flag (repeatable)"
    )
    parser.add_argument(
        "--retries",
        type=int,
        default=1,
        help="run Lighthouse again on a page where it failed (protocol timeouts on a "
        "busy machine), this many times (default %(default)s)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the built sites (under --out)")
    args = parser.parse_args(argv)

    schemes = [s.strip() for s in args.schemes.split(",") if s.strip()]
    unknown = [s for s in schemes if s not in SCHEME_FLAGS]
    if unknown:
        parser.error(f"unknown scheme(s): {unknown}")
    pages = ["/"] + [
        ("/" + p.strip("/") + "/").replace("//", "/") for p in args.pages if p.strip("/")
    ]
    if not LIGHTHOUSE.exists():
        log(
            f"Lighthouse is not installed: run `npm ci --ignore-scripts --prefix {LIGHTHOUSE.parents[2]}`"
        )
        return 2
    if not Path(args.chrome).exists() and not shutil.which(args.chrome):
        log(f"no Chromium at {args.chrome}: install it (apt-get install chromium) or pass --chrome")
        return 2
    repo = args.repo.resolve()
    out = args.out.resolve()
    raw = out / "raw"
    if raw.exists():
        shutil.rmtree(raw)
    raw.mkdir(parents=True)

    work = Path(tempfile.mkdtemp(prefix="wiw-lighthouse-"))
    servers: list[Server] = []
    try:
        if args.site:
            ours_site = args.site.resolve()
            build_log = "(not built: --site)"
        else:
            ours_site = work / "ours"
            log(f"building {repo} into {ours_site} ...")
            build_log = mkdocs_build(repo, ours_site, args.strict)
        (out / "build-ours.log").write_text(build_log, encoding="utf-8")
        missing = [p for p in pages if not (ours_site / p.strip("/") / "index.html").is_file()]
        if missing:
            log(f"these pages are not in the built site: {missing}")
            return 2

        baseline_notes: list[str] = []
        base_site = None
        if not args.no_baseline:
            project = work / "baseline"
            baseline_notes = make_baseline(repo, pages, project, ours_site)
            base_site = work / "baseline-site"
            log(f"building material's defaults into {base_site} ...")
            (out / "build-baseline.log").write_text(
                mkdocs_build(project, base_site, False), encoding="utf-8"
            )
            shutil.copy(project / "mkdocs.yml", out / "baseline-mkdocs.yml")

        ours_server = Server(ours_site)
        servers.append(ours_server)
        base_server = Server(base_site) if base_site else None
        if base_server:
            servers.append(base_server)

        rows = []
        for scheme in schemes:
            for path in pages:
                row = {"path": path, "scheme": scheme}
                for site, server in (("ours", ours_server), ("baseline", base_server)):
                    # material's defaults have one palette only: dark would measure it again
                    if server is None or (site == "baseline" and scheme != "light"):
                        continue
                    url = server.url + path
                    log(f"lighthouse [{site}, {scheme}] {path} ...")
                    for attempt in range(1 + args.retries):
                        result = run_lighthouse(
                            url,
                            raw / f"{site}-{scheme}-{slug(path)}",
                            args.chrome,
                            scheme,
                            args.preset,
                            args.chrome_flag,
                        )
                        failed = result.get("error") or result.get("runtimeError")
                        if not failed or attempt == args.retries:
                            break
                        log(f"    Lighthouse failed ({str(failed)[:200]}); trying again")
                    row[site] = summarise(result, server.url)
                    s = row[site]["scores"]
                    log(
                        "    "
                        + "  ".join(f"{c} {pct(s[c])}" for c in CATEGORIES)
                        + (f"  ERROR {row[site]['error']}" if row[site].get("error") else "")
                    )
                rows.append(row)
    finally:
        for server in servers:
            server.close()
        if args.keep:
            for name in ("ours", "baseline", "baseline-site"):
                if (work / name).exists():
                    dest = out / f"site-{name}"
                    shutil.rmtree(dest, ignore_errors=True)
                    shutil.move(str(work / name), dest)
        shutil.rmtree(work, ignore_errors=True)

    problems = []
    for row in rows:
        for site in ("ours", "baseline"):
            summary = row.get(site)
            if not summary:
                continue
            label = f"{'ours' if site == 'ours' else 'material defaults'} {row['path']} ({row['scheme']})"
            if summary["external_requests"]:
                problems.append(f"{label}: requests left 127.0.0.1: {summary['external_requests']}")
            if site != "ours":
                continue
            if summary.get("error"):
                problems.append(f"{label}: Lighthouse failed: {summary['error']}")
                continue
            for category, needed in REQUIRED.items():
                got = summary["scores"].get(category)
                if got is None or got < needed:
                    failing = [a["id"] for a in summary["failing"] if a["category"] == category]
                    problems.append(
                        f"{label}: {category} {pct(got)} < {round(needed * 100)} "
                        f"(failing: {', '.join(failing) or '?'})"
                    )

    first = next((r["ours"] for r in rows if r.get("ours") and not r["ours"].get("error")), {})
    failing_ids = sorted(
        {a["id"] for r in rows for a in r["ours"]["failing"] if a["category"] != "performance"}
    )
    report = {
        "meta": {
            "lighthouse": first.get("lighthouse"),
            "browser": first.get("user_agent"),
            "form_factor": first.get("form_factor"),
            "chrome_flags": CHROME_FLAGS,
            "categories": CATEGORIES,
            "repo": str(repo),
            "site": str(args.site) if args.site else None,
            # Performance depends on what else the machine runs: its load, for context.
            "load_average": [round(x, 1) for x in os.getloadavg()],
            "cpus": os.cpu_count(),
        },
        "required": REQUIRED,
        "passed": not problems,
        "problems": problems,
        "pages": rows,
        "baseline_notes": baseline_notes,
        "fixes": [f"- `{i}`: {FIX_HINTS[i]}" for i in failing_ids if i in FIX_HINTS],
    }
    (out / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    write_markdown(report, out / "report.md")

    print(
        f"{'page':40} {'scheme':6} "
        + " ".join(f"{c[:13]:>13}" for c in CATEGORIES)
        + "   (ours / material defaults)"
    )
    for row in rows:
        ours = row["ours"]["scores"]
        base = (row.get("baseline") or {}).get("scores", {})
        print(
            f"{row['path']:40} {row['scheme']:6} "
            + " ".join(f"{pct(ours.get(c)) + ' / ' + pct(base.get(c)):>13}" for c in CATEGORIES)
        )
    for problem in problems:
        print(f"FAIL {problem}")
    print(f"{'PASS' if not problems else 'FAIL'}: report in {out}/report.md and {out}/report.json")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
