"""Configuration of the deployment files: every variable the scripts export reaches the containers,
every variable deploy/ names is one something reads, and no real secret is written down."""

from __future__ import annotations

import re

import pytest

from bot.production_check import REQUIRED_KEYS
from tests.deploy import reference as ref

pytestmark = pytest.mark.unit

SECRET_WORDS = ("KEY", "SECRET", "TOKEN", "PASSWORD")
PRODUCTION_KEYS = [f"KYR_{key.upper()}" for key in REQUIRED_KEYS]
# Exported by the scripts but with no meaning on Kubernetes, where a Service publishes the port.
NOT_ON_KUBERNETES = {"KYR_BIND"}


def _is_secret(name: str) -> bool:
    return any(word in name for word in SECRET_WORDS) or name.endswith("_DB_URL") or name == "KYR_REDIS_URL"


def _bot_exports() -> list[str]:
    return [name for name in ref.script_exports() if name.startswith(("KYR_", "TWILIO_"))]


def _in_compose(name: str) -> bool:
    return name in ref.compose()["x-env"] or name in ref.compose_interpolated()


def _k8s_keys() -> dict[str, set[str]]:
    return {
        "ConfigMap": set(ref.k8s("ConfigMap")[0]["data"]),
        "Secret": set(ref.k8s("Secret")[0]["stringData"]),
    }


def test_every_variable_the_scripts_export_is_in_env_example_and_compose() -> None:
    assert {"KYR_TRACKER_DB_URL", "KYR_REDIS_URL", "KYR_PUBLIC_URL"} <= set(_bot_exports())  # the parser still works
    for name in _bot_exports():
        assert name in ref.env_example(), f"{name} (exported by scripts/) is missing from deploy/env.example"
        assert _in_compose(name), f"{name} (exported by scripts/) is missing from deploy/compose.yml"


def test_the_runtime_defaults_of_env_sh_are_the_image_defaults() -> None:
    image = ref.dockerfile_env()
    for name, default in ref.script_exports(("env.sh",)).items():
        if not name.startswith(("KYR_", "TWILIO_")) and default is not None:
            assert image.get(name) == default, f"scripts/env.sh: {name}={default}; the Dockerfile's: {image.get(name)}"


def test_what_make_cluster_sets_for_its_topology_compose_and_kubernetes_set_for_theirs() -> None:
    # e.g. SANIC_PROXIES_COUNT: how many proxies stand before Rasa differs with the deployment.
    defaults = ref.script_exports(("env.sh",))
    cluster = [n for n in ref.script_exports() if n not in defaults and not n.startswith(("KYR_", "TWILIO_"))]
    rasa = next(s for s in ref.app_services().values() if ref.role_of(s["command"]) == "rasa")
    for name in cluster:
        assert name in rasa["environment"] and name in _k8s_keys()["ConfigMap"], name
        assert name in ref.env_example(), name


def test_every_variable_in_env_example_is_read_by_something() -> None:
    known = ref.code_variables() | ref.compose_interpolated() | ref.sanic_variables()
    unknown = sorted(set(ref.env_example()) - known)
    assert not unknown, f"deploy/env.example names variables nothing reads: {unknown}"


def test_every_setting_of_the_bot_is_documented_in_env_example() -> None:
    text = ref.read(ref.DEPLOY / "env.example")
    for name in sorted(ref.settings_variables() | set(PRODUCTION_KEYS)):
        assert re.search(rf"\b{name}\b", text), f"{name} (bot/settings.py) is not in deploy/env.example"


def test_env_example_holds_only_fake_values() -> None:
    values = ref.env_example()
    assert values["KYR_ENV"] == "production"
    for name, value in values.items():
        if _is_secret(name):
            assert value == "" or "change-me" in value, name
        if re.search(r"\+1\d{10}", value):
            assert re.fullmatch(r"\+1\d{3}55501\d{2}", value), f"{name}: only fictional 555-01xx numbers"
        for host in re.findall(r"https?://([^/:]+)", value):
            # a container's or Service's own name, or a reserved example domain: never a real host
            assert "." not in host or host.endswith(("example.org", "example.internal")), f"{name}: {host}"


def test_production_keys_are_required_by_compose_and_listed_in_the_k8s_secret() -> None:
    environment = ref.compose()["x-env"]
    for name in [*PRODUCTION_KEYS, "TWILIO_AUTH_TOKEN", "KYR_PUBLIC_URL", "KYR_TWILIO_WEBHOOK_URL"]:
        assert re.fullmatch(rf"\$\{{{name}:\?[^}}]+\}}", str(environment[name])), name
    assert PRODUCTION_KEYS and set(PRODUCTION_KEYS) <= _k8s_keys()["Secret"]


def test_secrets_never_sit_in_the_image_or_the_configmap() -> None:
    image_settings = [
        n for k, rest in ref.dockerfile_instructions() if k in ("ENV", "ARG") for n in re.findall(r"(\w+)=", rest)
    ]
    assert not [name for name in image_settings if _is_secret(name)]
    assert not [name for name in _k8s_keys()["ConfigMap"] if _is_secret(name)]
    assert all(
        value in ("", "change-me") or "change-me" in value for value in ref.k8s("Secret")[0]["stringData"].values()
    )


def test_kubernetes_gets_every_variable_the_scripts_export_and_nothing_unknown() -> None:
    keys = _k8s_keys()["ConfigMap"] | _k8s_keys()["Secret"]
    missing = sorted(set(_bot_exports()) - NOT_ON_KUBERNETES - keys)
    assert not missing, f"deploy/k8s lacks {missing}"
    unknown = sorted(keys - ref.code_variables() - ref.sanic_variables())
    assert not unknown, f"deploy/k8s names variables nothing reads: {unknown}"
    for key in keys:
        assert key in ref.env_example(), f"{key} (deploy/k8s) is not documented in deploy/env.example"


def test_every_app_container_gets_the_shared_environment() -> None:
    for name, service in ref.app_services().items():
        environment = service["environment"]
        assert set(ref.compose()["x-env"]) <= set(environment), name
        assert service["env_file"] == ".env", name
    for role, container in ref.k8s_containers().items():
        refs = [next(iter(source.values()))["name"] for source in container["envFrom"]]
        assert refs == ["kyr-config", "kyr-secrets"], role
