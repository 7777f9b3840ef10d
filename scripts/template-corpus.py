#!/usr/bin/env python3
"""Template mode over a corpus of CloudFormation templates: how many are handled, and how many
of their resources of the covered types a check's result names (by logical id, or as a part of
the resource it changes: "declared by" evidence). INV-003, which lists every resource of the
template with what became of it, is counted apart.

usage: scripts/template-corpus.py DIR [--binary PATH] [--covered-by template/src/kinds/mod.rs]

Every *.json / *.yaml / *.yml / *.template file under DIR with a `Resources` key is a template;
other files are not counted. Prints one line per template that was not handled or left covered
resources unnamed, then the totals.
"""
import argparse, json, os, re, subprocess, sys, tempfile, collections

def covered_types(path):
    text = open(path).read().split("pub const COVERED")[1].split("];")[0]
    return set(re.findall(r'"(AWS::[^"]+)"', text))

def resources_of(path):
    """The template's resources by a light read (logical id -> type), or None if not a template."""
    text = open(path, errors="replace").read()
    if "Resources" not in text:
        return None
    if text.lstrip().startswith("{"):
        try:
            return {k: v.get("Type") for k, v in json.loads(text).get("Resources", {}).items()
                    if isinstance(v, dict) and isinstance(v.get("Type"), str)}
        except Exception:
            return {}
    found, inside = {}, False
    current = None
    for line in text.splitlines():
        if re.match(r"^Resources:\s*$", line):
            inside = True
            continue
        if inside and re.match(r"^\S", line):
            inside = False
        if not inside:
            continue
        m = re.match(r"^  ([A-Za-z0-9]+):\s*$", line)
        if m:
            current = m.group(1)
            continue
        m = re.match(r"^    Type:\s*['\"]?([A-Za-z0-9:]+)", line)
        if m and current:
            found[current] = m.group(1)
    return found

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--binary", default="stackproof")
    parser.add_argument("--covered-by", default=os.path.join(os.path.dirname(__file__), "..", "template", "src", "kinds", "mod.rs"))
    args = parser.parse_args()
    covered = covered_types(args.covered_by)
    totals = collections.Counter()
    unnamed_by_type = collections.Counter()
    for root, _, files in os.walk(args.dir):
        for name in sorted(files):
            if not name.endswith((".json", ".yaml", ".yml", ".template")):
                continue
            path = os.path.join(root, name)
            resources = resources_of(path)
            if resources is None:
                continue
            totals["templates"] += 1
            with tempfile.TemporaryDirectory() as reports:
                run = subprocess.run([args.binary, "check", "--template", path, "--format", "json",
                                      "--report-dir", reports], capture_output=True, text=True)
                if run.returncode not in (0, 1, 3):
                    totals["refused"] += 1
                    first = (run.stderr.strip().splitlines() or ["?"])[-1]
                    print(f"REFUSED ({run.returncode}) {path}: {first[:200]}")
                    continue
                report = next(os.path.join(d, f) for d, _, fs in os.walk(reports) for f in fs if f == "report.json")
                named, listed = set(), set()
                for stack in json.load(open(report))["stacks"]:
                    for result in stack["results"]:
                        if result["check_id"] == "INV-003":
                            # The template's ledger names every resource; count it apart.
                            listed.add(result["resource"]["id"])
                            continue
                        named.add(result["resource"]["id"])
                        for evidence in result.get("evidence", []):
                            if evidence["attribute"] == "declared by":
                                named.update(evidence["observed"])
            totals["handled"] += 1
            mine = {k: t for k, t in resources.items() if t in covered}
            missing = sorted(k for k in mine if k not in named)
            totals["covered resources"] += len(mine)
            totals["named"] += len(mine) - len(missing)
            totals["listed by INV-003"] += sum(1 for k in resources if k in listed)
            totals["resources"] += len(resources)
            for k in missing:
                unnamed_by_type[mine[k]] += 1
            if missing:
                print(f"UNNAMED {path}: {', '.join(f'{k} ({mine[k]})' for k in missing)}")
    print()
    for key in ["templates", "handled", "refused", "resources", "listed by INV-003", "covered resources", "named"]:
        print(f"{key}: {totals[key]}")
    if totals["covered resources"]:
        print(f"named share: {100 * totals['named'] / totals['covered resources']:.1f} %")
    for kind, count in unnamed_by_type.most_common():
        print(f"  unnamed {kind}: {count}")

if __name__ == "__main__":
    sys.exit(main())
