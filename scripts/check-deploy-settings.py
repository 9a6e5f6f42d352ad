#!/usr/bin/env python3
"""Checks that the deployment files and the code agree (run by scripts/deploy-check.sh).

- Every FTE_ name in the Kubernetes ConfigMap and Secret, deploy/compose.yaml and the
  Dockerfile's ENV is a setting fte reads (a string literal in Sources/fte, FTECore or
  FTEGateway).
- Every secret setting (declared `isSecret: true`) sits in the Secret, never in the ConfigMap.
- The Dockerfile bakes in the same model wheels scripts/setup.sh installs (scripts/common.sh).
- Every alert links a runbook section that exists in docs/operations.md, and every fte_ metric
  an alert uses is listed there.

Prints one line per problem and exits 1 if there is any; `--root DIR` checks another tree.
"""
import argparse
import pathlib
import re
import sys

import yaml

NAME = re.compile(r"\bFTE_[A-Z0-9_]+\b")
LITERAL = re.compile(r'"(FTE_[A-Z0-9_]+)"')
SECRET_KEY = re.compile(r'ConfigKey\(\s*"(FTE_[A-Z0-9_]+)",\s*"(?:[^"\\]|\\.)*"\s*,\s*isSecret:\s*true', re.S)
PRODUCT_SOURCES = ("Sources/fte", "Sources/FTECore", "Sources/FTEGateway")


def settings_fte_reads(root):
    names, secrets = set(), set()
    for folder in PRODUCT_SOURCES:
        for path in (root / folder).rglob("*.swift"):
            text = path.read_text()
            names |= set(LITERAL.findall(text))
            secrets |= set(SECRET_KEY.findall(text))
    return names, secrets


def documents(path):
    with open(path) as handle:
        return [doc for doc in yaml.safe_load_all(handle) if doc]


def keys_of_kind(folder, kind, fields):
    keys = {}
    for path in sorted(folder.glob("*.yaml")):
        for doc in documents(path):
            if doc.get("kind") == kind:
                for field in fields:
                    for key in (doc.get(field) or {}):
                        keys[key] = path
    return keys


def compose_environment(path):
    keys = set()
    for doc in documents(path):
        for service in (doc.get("services") or {}).values():
            environment = service.get("environment") or {}
            if isinstance(environment, list):
                environment = dict(item.split("=", 1) if "=" in item else (item, None) for item in environment)
            keys |= {key for key in environment if key.startswith("FTE")}  # PostgreSQL's own are not ours
    return keys


def dockerfile_runtime_env(text):
    runtime = text.split(" AS runtime", 1)[1]
    joined = runtime.replace("\\\n", " ")
    return {name for line in joined.splitlines() if line.startswith("ENV ") for name in NAME.findall(line)}


def check(root):
    problems = []
    reads, secrets = settings_fte_reads(root)
    if len(reads) < 20 or not secrets:
        problems.append(f"found only {len(reads)} settings and {len(secrets)} secrets in the sources: is --root right?")

    kubernetes = root / "deploy/kubernetes"
    config = keys_of_kind(kubernetes, "ConfigMap", ["data"])
    secret = keys_of_kind(kubernetes, "Secret", ["stringData", "data"])
    compose = compose_environment(root / "deploy/compose.yaml")
    docker = dockerfile_runtime_env((root / "Dockerfile").read_text())
    for where, names in [("the ConfigMap", config), ("the Secret", secret), ("deploy/compose.yaml", compose),
                         ("the Dockerfile's ENV", docker)]:
        for name in sorted(names):
            if not NAME.fullmatch(name):
                problems.append(f"{where}: {name} is not an FTE_ setting")
            elif name not in reads:
                problems.append(f"{where}: {name} is not a setting fte reads")
    for name in sorted(secrets & set(config)):
        problems.append(f"the ConfigMap: {name} is a secret; it belongs in the Secret")
    for name in sorted(secrets - set(secret)):
        problems.append(f"the Secret: the secret setting {name} is missing (operators fill in what they see)")
    for name in sorted(secrets & docker):
        problems.append(f"the Dockerfile: {name} is a secret; an image must not carry it")

    common = (root / "scripts/common.sh").read_text()
    dockerfile = (root / "Dockerfile").read_text()
    for variable in ("MINILM_VERSION", "VADER_VERSION"):
        wanted = re.search(rf'^{variable}="([^"]+)"', common, re.M)
        baked = re.search(rf"^ARG {variable}=(\S+)", dockerfile, re.M)
        if not wanted or not baked or wanted.group(1) != baked.group(1):
            problems.append(f"the Dockerfile's {variable} differs from scripts/common.sh's")

    operations = (root / "docs/operations.md").read_text()
    anchors = {re.sub(r"[^a-z0-9 -]", "", heading.strip().lower()).replace(" ", "-")
               for heading in re.findall(r"^#+ (.+)$", operations, re.M)}
    for group in documents(root / "deploy/prometheus/alerts.yaml")[0]["groups"]:
        for rule in group["rules"]:
            for metric in set(re.findall(r"\bfte_[a-z_]+", rule["expr"])):
                base = re.sub(r"_(count|sum|bucket)$", "", metric)
                if f"`{base}" not in operations:
                    problems.append(f"alerts.yaml: {metric} is not listed in docs/operations.md")
            if "alert" not in rule:
                continue
            url = rule.get("annotations", {}).get("runbook_url", "")
            anchor = url.partition("docs/operations.md#")[2]
            if not anchor or anchor not in anchors:
                problems.append(f"alerts.yaml: {rule['alert']} links #{anchor}, which docs/operations.md does not have")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=pathlib.Path(__file__).resolve().parent.parent, type=pathlib.Path)
    problems = check(parser.parse_args().root)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print("deploy settings: the ConfigMap, the Secret, compose.yaml, the Dockerfile and the alerts agree with the code and docs")


if __name__ == "__main__":
    main()
