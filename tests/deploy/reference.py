"""What the deployment files must agree with, read from the repository itself.

scripts/cluster.sh (`make cluster`) is the reference for processes, commands, ports, routing and
health checks; scripts/env.sh, run.sh and cluster.sh for the variables they export; the bot's own
code for the variables it reads. Nothing here is copied by hand, so a change there that the
deployment files miss fails tests/deploy/test_deploy_files.py.
"""

from __future__ import annotations

import re
import shlex
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SCRIPTS = ROOT / "scripts"

# The processes of `make cluster`, by the module (and bot subcommand) their command starts.
ROLES = ("rasa", "actions", "worker", "sweeper", "init-db")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def role_of(argv: list[str]) -> str | None:
    """Which process a command line starts (None: not one of the bot's)."""
    if "-m" not in argv:
        return None
    module = argv[argv.index("-m") + 1]
    rest = argv[argv.index("-m") + 2 :]
    if module == "bot.server.rasa_server":
        return "rasa"
    if module == "bot.action_server":
        return "actions"
    if module == "bot" and rest:
        return {"worker": "worker", "sweep": "sweeper", "init-db": "init-db"}.get(rest[0])
    return None


def _joined_lines(text: str) -> list[str]:
    return text.replace("\\\n", " ").splitlines()


@cache
def script_commands(script: str) -> dict[str, list[str]]:
    """Each role's command in a script of scripts/, from `-m` on (redirections and `||` cut off)."""
    found: dict[str, list[str]] = {}
    for line in _joined_lines(read(SCRIPTS / script)):
        match = re.search(r"\.venv/bin/python (-m [^>|]*)", line)
        if not match:
            continue
        argv = ["python", *shlex.split(match.group(1))]
        role = role_of(argv)
        if role:
            found.setdefault(role, argv)
    return found


def cluster_commands() -> dict[str, list[str]]:
    return script_commands("cluster.sh")


@cache
def variable_options() -> frozenset[str]:
    """Options whose value run.sh or cluster.sh takes from a variable (ports, interface, model,
    URLs): a deployment gives its own value; every other word of a command must be the same."""
    names = set()
    for script in ("run.sh", "cluster.sh"):
        for argv in script_commands(script).values():
            for option, value in zip(argv, argv[1:]):
                if option.startswith("--") and "$" in value:
                    names.add(option)
    return frozenset(names)


def signature(argv: list[str]) -> list[str]:
    """A command with the values of variable_options() blanked, from `python -m` on."""
    argv = argv[argv.index("python") :] if "python" in argv else argv
    out = []
    for index, word in enumerate(argv):
        out.append("<value>" if index and argv[index - 1] in variable_options() else word)
    return out


def option_value(argv: list[str], name: str) -> str | None:
    for option, value in zip(argv, argv[1:]):
        if option == name:
            return value
    return None


def cluster_array_length(name: str) -> int:
    """Elements of a bash array literal such as RASA_PORTS=($((BASE + 1)) $((BASE + 2)))."""
    match = re.search(rf"^{name}=\((.*)\)$", read(SCRIPTS / "cluster.sh"), re.MULTILINE)
    assert match, f"cluster.sh no longer defines {name}"
    return len(re.findall(r"\$\(\([^)]*\)\)|\S+", match.group(1)))


@cache
def cluster_haproxy_lines() -> list[str]:
    """The HAProxy configuration cluster.sh writes (its heredoc), stripped lines."""
    match = re.search(r"<<CFG\n(.*?)\nCFG\n", read(SCRIPTS / "cluster.sh"), re.DOTALL)
    assert match, "cluster.sh no longer writes an HAProxy configuration"
    lines = (line.split("#", 1)[0].strip() for line in match.group(1).splitlines())
    return [line for line in lines if line]


@cache
def script_exports(scripts: tuple[str, ...] = ("env.sh", "run.sh", "cluster.sh")) -> dict[str, str | None]:
    """Variables these scripts export (or give one process), with their literal default when they
    have one."""
    found: dict[str, str | None] = {}
    for name in scripts:
        for line in _joined_lines(read(SCRIPTS / name)):
            match = re.match(r"\s*(?:export ([A-Z][A-Z0-9_]*)=(\S+)|([A-Z][A-Z0-9_]*)=(\S+) start )", line)
            if not match:
                continue  # plain shell variables (PORT=...) stay inside the script
            variable, value = match.group(1) or match.group(3), (match.group(2) or match.group(4)).strip('"')
            default = re.fullmatch(r"\$\{\w+:-([^}$]*)\}", value)
            found.setdefault(variable, default.group(1) if default else (None if "$" in value else value))
    return found


@cache
def env_example() -> dict[str, str]:
    """NAME=value lines of deploy/env.example, commented-out ones included."""
    found = {}
    for line in read(DEPLOY / "env.example").splitlines():
        match = re.fullmatch(r"#?\s*([A-Z][A-Z0-9_]*)=(.*)", line.strip())
        if match:
            found[match.group(1)] = match.group(2)
    return found


@cache
def code_variables() -> frozenset[str]:
    """Environment variables the bot's code, endpoints.yml and credentials.yml read."""
    names: set[str] = set()
    for package in ("bot", "actions"):
        for path in (ROOT / package).rglob("*.py"):
            text = read(path)
            names.update(re.findall(r"[\"']([A-Z][A-Z0-9]*_[A-Z0-9_]+)[\"']", text))
            names.update(f"KYR_{key.upper()}" for key in re.findall(r"get_secret\(\"(\w+)\"\)", text))
    from bot.production_check import REQUIRED_KEYS

    names.update(f"KYR_{key.upper()}" for key in REQUIRED_KEYS)
    for name in ("endpoints.yml", "credentials.yml"):
        names.update(re.findall(r"\$\{(\w+)\}", read(ROOT / name)))
    return frozenset(names)


def settings_variables() -> frozenset[str]:
    return frozenset(re.findall(r"\"(KYR_[A-Z0-9_]+)\"", read(ROOT / "bot" / "settings.py")))


def sanic_variables() -> frozenset[str]:
    """SANIC_<setting> variables Sanic itself reads into its configuration."""
    from sanic.config import DEFAULT_CONFIG

    return frozenset(f"SANIC_{key}" for key in DEFAULT_CONFIG)


@cache
def compose() -> dict[str, Any]:
    return yaml.safe_load(read(DEPLOY / "compose.yml"))


def compose_interpolated() -> frozenset[str]:
    """Variables compose.yml takes from .env by ${NAME...} interpolation."""
    return frozenset(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", read(DEPLOY / "compose.yml")))


def app_services() -> dict[str, dict[str, Any]]:
    """Compose services that run the bot's image (not PostgreSQL, Redis or the proxies)."""
    image = compose()["x-app"]["image"]
    return {name: s for name, s in compose()["services"].items() if s.get("image") == image}


@cache
def k8s_documents() -> list[dict[str, Any]]:
    docs = []
    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        docs.extend(doc for doc in yaml.safe_load_all(read(path)) if doc)
    return docs


def k8s(kind: str) -> list[dict[str, Any]]:
    return [doc for doc in k8s_documents() if doc["kind"] == kind]


def k8s_containers() -> dict[str, dict[str, Any]]:
    """Containers of every Deployment and Job, by the component label of their pod."""
    found = {}
    for doc in k8s("Deployment") + k8s("Job"):
        pod = doc["spec"]["template"]
        for container in pod["spec"]["containers"]:
            found[pod["metadata"]["labels"]["app.kubernetes.io/component"]] = {**container, "_pod": pod, "_doc": doc}
    return found


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of deploy/Dockerfile, continuation lines joined, comments dropped."""
    lines = [line for line in read(DEPLOY / "Dockerfile").splitlines() if not line.lstrip().startswith("#")]
    out = []
    for line in "\n".join(lines).replace("\\\n", " ").splitlines():
        if line.strip():
            keyword, _, rest = line.strip().partition(" ")
            out.append((keyword.upper(), rest.strip()))
    return out


def dockerfile_env() -> dict[str, str]:
    found = {}
    for keyword, rest in dockerfile_instructions():
        if keyword == "ENV":
            found.update(dict(re.findall(r"(\w+)=(\S+)", rest)))
    return found
