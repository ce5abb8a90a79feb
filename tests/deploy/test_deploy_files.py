"""The deployment files (deploy/) run what `make cluster` runs: the same commands, ports, health
checks, routing and replica counts. Nothing can be built or started here (no container engine), so
these checks are what keeps deploy/ from drifting from scripts/cluster.sh. Variables: test_deploy_variables.py.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
import shutil
import subprocess
from types import ModuleType
from typing import Any

import pytest

from bot import action_server
from tests.deploy import reference as ref

pytestmark = pytest.mark.unit

RASA_PORT = "5005"
ACTION_PORT = "5055"


def _healthcheck() -> ModuleType:
    spec = importlib.util.spec_from_file_location("deploy_healthcheck", ref.DEPLOY / "healthcheck.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _compose_commands() -> dict[str, list[str]]:
    found = {}
    for service in ref.app_services().values():
        role = ref.role_of(service["command"])
        assert role, f"compose service with the bot's image runs no known role: {service['command']}"
        found[role] = [str(word) for word in service["command"]]
    return found


def _k8s_commands() -> dict[str, list[str]]:
    return {role: [*c["command"], *c.get("args", [])] for role, c in ref.k8s_containers().items()}


def _dockerfile_cmd() -> list[str]:
    cmd = json.loads(dict(ref.dockerfile_instructions())["CMD"])
    if cmd[:2] == ["sh", "-c"]:
        cmd = [word for word in shlex.split(cmd[2]) if word != "exec"]
    return cmd


def _script_default(script: str, variable: str) -> str:
    match = re.search(rf"\$\{{{variable}:-(\d+)\}}", ref.read(ref.SCRIPTS / script))
    assert match, f"{script} no longer defaults {variable}"
    return match.group(1)


@pytest.mark.parametrize("source", ["compose", "k8s"])
def test_every_process_of_make_cluster_runs_with_its_command(source: str) -> None:
    commands = _compose_commands() if source == "compose" else _k8s_commands()
    cluster = ref.cluster_commands()
    assert set(cluster) == set(ref.ROLES), "cluster.sh's processes changed: update deploy/ and tests/deploy"
    assert set(commands) == set(ref.ROLES)
    for role in ref.ROLES:
        assert ref.signature(commands[role]) == ref.signature(cluster[role]), (source, role)


def test_the_image_starts_the_rasa_server_by_default() -> None:
    cmd = _dockerfile_cmd()
    assert ref.signature(cmd) == ref.signature(ref.cluster_commands()["rasa"])
    assert ref.option_value(cmd, "--port") == RASA_PORT


def test_replica_counts_are_those_of_make_cluster() -> None:
    rasa = ref.cluster_array_length("RASA_PORTS")
    actions = ref.cluster_array_length("ACTION_PORTS")  # cluster.sh starts one worker per action server
    expected = {"rasa": rasa, "actions": actions, "worker": actions, "sweeper": 1}
    services = {ref.role_of(s["command"]): s for s in ref.app_services().values()}
    deployments = ref.k8s_containers()
    for role, count in expected.items():
        assert services[role].get("deploy", {}).get("replicas", 1) == count, role
        assert deployments[role]["_doc"]["spec"]["replicas"] == count, role


def test_the_rasa_port_is_the_public_port_of_make_run_everywhere() -> None:
    assert _script_default("run.sh", "KYR_PORT") == RASA_PORT == _script_default("cluster.sh", "KYR_PORT")
    for source, commands in (("compose", _compose_commands()), ("k8s", _k8s_commands())):
        assert ref.option_value(commands["rasa"], "--port") == RASA_PORT, source
    haproxy = ref.read(ref.DEPLOY / "haproxy.cfg")
    assert re.search(rf"^\s*bind :{RASA_PORT}$", haproxy, re.MULTILINE)
    servers = re.findall(r"^\s*server-template \S+ \d+ (\S+)", haproxy, re.MULTILINE)
    assert servers and all(s == f"rasa:{RASA_PORT}" for s in servers)
    ports = ref.compose()["services"]["haproxy"]["ports"]
    assert ports == [f"${{KYR_BIND:-127.0.0.1}}:${{KYR_PORT:-{RASA_PORT}}}:{RASA_PORT}"]
    rasa = ref.k8s_containers()["rasa"]
    assert [p["containerPort"] for p in rasa["ports"]] == [int(RASA_PORT)]
    service = next(s for s in ref.k8s("Service") if s["metadata"]["name"] == "kyr-rasa")
    assert [(p["port"], p["targetPort"]) for p in service["spec"]["ports"]] == [(int(RASA_PORT), int(RASA_PORT))]
    for ingress in ref.k8s("Ingress"):
        for path in ingress["spec"]["rules"][0]["http"]["paths"]:
            assert path["backend"]["service"] == {"name": "kyr-rasa", "port": {"number": int(RASA_PORT)}}


def test_the_action_server_port_is_the_same_everywhere() -> None:
    assert _script_default("run.sh", "KYR_ACTION_PORT") == ACTION_PORT == str(action_server.DEFAULT_PORT)
    for source, commands in (("compose", _compose_commands()), ("k8s", _k8s_commands())):
        assert ref.option_value(commands["actions"], "--port") == ACTION_PORT, source
    url = f":{ACTION_PORT}/webhook"
    assert ref.compose()["x-env"]["KYR_ACTION_ENDPOINT_URL"].endswith(url)
    config = ref.k8s("ConfigMap")[0]["data"]
    assert config["KYR_ACTION_ENDPOINT_URL"] == f"http://kyr-actions{url}"
    service = next(s for s in ref.k8s("Service") if s["metadata"]["name"] == "kyr-actions")
    assert [p["port"] for p in service["spec"]["ports"]] == [int(ACTION_PORT)]


def test_health_checks_ask_the_paths_the_servers_answer() -> None:
    assert "option httpchk GET /" in ref.cluster_haproxy_lines()
    assert "/health" in action_server.OPEN_PATHS  # answered without the shared secret
    healthcheck = _healthcheck()
    assert {
        "bot.server.rasa_server": ("/", int(RASA_PORT)),
        "bot.action_server": ("/health", int(ACTION_PORT)),
    } == healthcheck.ROLES
    expected = {"rasa": f"http://127.0.0.1:{RASA_PORT}/", "actions": f"http://127.0.0.1:{ACTION_PORT}/health"}
    for role, command in _compose_commands().items():
        assert healthcheck.health_url(command) == expected.get(role), role
    assert healthcheck.health_url(json.loads(dict(ref.dockerfile_instructions())["CMD"])) == expected["rasa"]
    assert "/app/deploy/healthcheck.py" in dict(ref.dockerfile_instructions())["HEALTHCHECK"]
    for role, (path, port) in {"rasa": ("/", RASA_PORT), "actions": ("/health", ACTION_PORT)}.items():
        container = ref.k8s_containers()[role]
        probes = [container[k] for k in ("startupProbe", "readinessProbe", "livenessProbe") if k in container]
        assert {"readinessProbe", "livenessProbe"} <= set(container), role
        assert all(p["httpGet"] == {"path": path, "port": int(port)} for p in probes), role


def test_haproxy_routes_as_make_cluster() -> None:
    ours = [line.split("#", 1)[0].strip() for line in ref.read(ref.DEPLOY / "haproxy.cfg").splitlines()]
    cluster = ref.cluster_haproxy_lines()
    for line in cluster:
        if "$" not in line and not line.startswith("server "):
            assert line in ours, f"cluster.sh's HAProxy has {line!r}; deploy/haproxy.cfg does not"
    checks = {line.split(" ", 3)[3] for line in cluster if line.startswith("server ")}
    templates = [line for line in ours if line.startswith("server-template ")]
    assert len(templates) == 2  # backends rasa and socketio
    assert all(any(check in t for check in checks) for t in templates)
    assert "option forwardfor" in ours  # the per-address limits need the client's address


@pytest.mark.skipif(not shutil.which("haproxy"), reason="haproxy not installed (scripts/setup.sh cluster)")
def test_haproxy_accepts_the_configuration() -> None:
    result = subprocess.run(["haproxy", "-c", "-f", str(ref.DEPLOY / "haproxy.cfg")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not shutil.which("kubectl"), reason="kubectl not installed")
def test_the_manifests_build_with_kustomize() -> None:
    result = subprocess.run(["kubectl", "kustomize", str(ref.DEPLOY / "k8s")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "latest" not in re.findall(r"image: \S+:(\S+)", result.stdout)


def _external_images() -> dict[str, str]:
    ours = ref.compose()["x-app"]["image"]
    return {name: s["image"] for name, s in ref.compose()["services"].items() if s["image"] != ours}


def test_every_image_is_pinned_to_a_version() -> None:
    for service, image in _external_images().items():
        assert re.fullmatch(r"[a-z0-9./-]+:\d+\.\d+(\.\d+)?(-[a-z0-9]+)?", image), (service, image)
    for role, container in ref.k8s_containers().items():
        name, _, tag = container["image"].rpartition(":")
        assert name and tag and tag != "latest", role
    kustomization = ref.k8s("Kustomization")[0]
    assert all(image["newTag"] not in ("", "latest") for image in kustomization["images"])


def test_the_image_is_pinned_non_root_and_checks_its_health() -> None:
    steps = ref.dockerfile_instructions()
    keywords = [keyword for keyword, _ in steps]
    base = dict(steps)["FROM"]
    assert re.fullmatch(r"python:3\.10\.\d+-slim-[a-z]+(@sha256:[0-9a-f]{64})?", base), base
    users = [rest for keyword, rest in steps if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert keywords.index("USER") > max(i for i, k in enumerate(keywords) if k == "RUN")  # nothing runs as root after
    assert "HEALTHCHECK" in keywords
    install = " ".join(rest for keyword, rest in steps if keyword == "RUN")
    assert "-r requirements.txt -c constraints.txt" in install
    assert "scripts/train_if_needed.py" in install and "bot build-spacy" in install


def test_the_build_context_leaves_local_state_out_and_keeps_what_the_bot_reads() -> None:
    ignored = ref.read(ref.ROOT / ".dockerignore").split()
    for entry in (".git", ".venv", "var", "models", ".env", "deploy/.env"):
        assert entry in ignored, entry
    assert "!docs/handoff.schema.json" in ignored  # read at run time by bot.handoff.payload
    assert (ref.ROOT / "docs" / "handoff.schema.json").exists()


def _depends(service: dict[str, Any]) -> dict[str, str]:
    return {name: spec["condition"] for name, spec in service.get("depends_on", {}).items()}


def test_compose_starts_in_the_order_make_cluster_does() -> None:
    services = ref.compose()["services"]
    assert _depends(services["init-db"]) == {"postgres": "service_healthy"}
    assert services["init-db"]["restart"] == "no"
    for name, service in ref.app_services().items():
        if name != "init-db":
            assert _depends(service).get("init-db") == "service_completed_successfully", name
    rasa = next(s for s in ref.app_services().values() if ref.role_of(s["command"]) == "rasa")
    assert _depends(rasa)["redis"] == "service_healthy" and _depends(rasa)["actions"] == "service_healthy"
    assert _depends(services["haproxy"]) == {"rasa": "service_healthy"}
    for name in ("postgres", "redis", "haproxy"):
        assert services[name]["healthcheck"]["test"], name


def test_only_the_proxies_are_published() -> None:
    published = {name for name, s in ref.compose()["services"].items() if s.get("ports")}
    assert published == {"haproxy", "caddy"}
    assert ref.compose()["networks"]["backend"]["internal"] is True
    for name in ("postgres", "redis"):
        assert ref.compose()["services"][name]["networks"] == ["backend"]


def test_kubernetes_keeps_socket_io_on_one_replica_and_runs_nothing_as_root() -> None:
    rasa = next(s for s in ref.k8s("Service") if s["metadata"]["name"] == "kyr-rasa")
    assert rasa["spec"]["sessionAffinity"] == "ClientIP"
    socketio = [i for i in ref.k8s("Ingress") if i["spec"]["rules"][0]["http"]["paths"][0]["path"] == "/socket.io"]
    assert socketio and socketio[0]["metadata"]["annotations"]["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    for role, container in ref.k8s_containers().items():
        assert container["_pod"]["spec"]["securityContext"]["runAsNonRoot"] is True, role
        assert container["securityContext"]["allowPrivilegeEscalation"] is False, role
