"""`make dagster` as a new user runs it: the code location loads with every asset, check, schedule
and sensor (asked through the webserver's GraphQL API), and SIGTERM stops it all within seconds.

The warehouse and its dbt target folder are fresh (as in a clean clone: no manifest yet, so the
code location must parse the dbt project with the venv's dbt, which is not on the caller's PATH),
and the articles folder is empty, so the sensor has nothing to request.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOAD_TIMEOUT = 300
STOP_TIMEOUT = 15

QUERY = """
{
  workspaceOrError { ... on Workspace { locationEntries { name loadStatus
      locationOrLoadError { __typename ... on PythonError { message } } } } }
  repositoriesOrError { ... on RepositoryConnection { nodes {
      schedules { name } sensors { name } jobs { name }
      assetNodes { assetKey { path } groupName
        assetChecksOrError { ... on AssetChecks { checks { name description } } } } } } }
}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _graphql(port: int) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": QUERY}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["data"]


def _serving(port: int) -> list[int]:
    """Processes (not zombies) whose command line names the port: dagster dev and its webserver."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            words = (proc / "cmdline").read_bytes().split(b"\0")
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if str(port).encode() in words and state != "Z":
            found.append(int(proc.name))
    return found


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    # Zombies of the group do not count: they are gone once the parent (make) is reaped.
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


@pytest.fixture(scope="module")
def dagster_ui(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("dagster_ui")
    (scratch / "articles").mkdir()
    port = _free_port()
    env = {
        **os.environ,
        # PATH without the venv: `make dagster` must find dbt itself.
        "PATH": os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if ".venv" not in p),
        "SKYLEDGER_WAREHOUSE": str(scratch / "w.duckdb"),
        "SKYLEDGER_ARTICLES": str(scratch / "articles"),
    }
    log = (scratch / "dagster.log").open("w")
    server = subprocess.Popen(
        ["make", "--no-print-directory", "dagster", f"DAGSTER_PORT={port}", f"DAGSTER_HOME={scratch / 'home'}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    data, deadline = None, time.monotonic() + LOAD_TIMEOUT
    try:
        while time.monotonic() < deadline and server.poll() is None:
            try:
                data = _graphql(port)
                entries = data["workspaceOrError"]["locationEntries"]
                if entries and all(e["loadStatus"] == "LOADED" for e in entries):
                    break
            except OSError:
                pass
            time.sleep(2)
        yield {"data": data, "server": server, "log": scratch / "dagster.log", "port": port}
    finally:
        # As a person would: SIGTERM first (the wrapper takes dagster's own group down), then kill.
        if _group_alive(server.pid):
            os.killpg(server.pid, signal.SIGTERM)
            deadline = time.monotonic() + STOP_TIMEOUT
            while time.monotonic() < deadline and _group_alive(server.pid):
                time.sleep(0.2)
        if _group_alive(server.pid):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)
        log.close()


def test_the_code_location_loads_with_every_definition(dagster_ui):
    data = dagster_ui["data"]
    assert data, dagster_ui["log"].read_text()[-3000:]
    (entry,) = data["workspaceOrError"]["locationEntries"]
    assert entry["loadStatus"] == "LOADED"
    assert entry["locationOrLoadError"]["__typename"] == "RepositoryLocation", entry
    (repository,) = data["repositoriesOrError"]["nodes"]

    from orchestration.cli import _prepare_dbt

    _prepare_dbt()
    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    expected_assets = {"/".join(key.path) for key in graph.get_all_asset_keys()}
    expected_checks = {key.name for key in graph.asset_check_keys}
    served_assets = {"/".join(node["assetKey"]["path"]) for node in repository["assetNodes"]}
    served_checks = {
        check["name"] for node in repository["assetNodes"] for check in node["assetChecksOrError"]["checks"]
    }
    assert served_assets == expected_assets and len(served_assets) >= 24
    assert served_checks == expected_checks and len(served_checks) >= 100
    assert {s["name"] for s in repository["schedules"]} == {"daily_build"}
    assert {s["name"] for s in repository["sensors"]} == {"new_articles_sensor"}
    assert "build_warehouse" in {j["name"] for j in repository["jobs"]}


def test_dbt_models_are_grouped_by_layer_and_every_check_is_described(dagster_ui):
    (repository,) = dagster_ui["data"]["repositoriesOrError"]["nodes"]
    groups = {n["assetKey"]["path"][-1]: n["groupName"] for n in repository["assetNodes"]}
    for name, group in groups.items():
        layer = {"stg": "staging", "int": "intermediate", "fct": "marts", "dim": "marts"}.get(name.split("_")[0])
        if layer:
            assert group == layer, name
    assert "default" not in groups.values()
    undescribed = [
        check["name"]
        for node in repository["assetNodes"]
        for check in node["assetChecksOrError"]["checks"]
        if not (check["description"] or "").strip()
    ]
    assert undescribed == []


def test_sigterm_stops_the_server_and_everything_it_started_within_seconds(dagster_ui):
    server = dagster_ui["server"]
    assert server.poll() is None, "the server stopped by itself"
    os.killpg(server.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    while time.monotonic() < deadline and (server.poll() is None or _group_alive(server.pid)):
        time.sleep(0.2)
    assert server.poll() is not None and not _group_alive(server.pid), dagster_ui["log"].read_text()[-3000:]
    # and nothing it started lives on in dagster's own process group
    deadline = time.monotonic() + STOP_TIMEOUT
    while time.monotonic() < deadline and _serving(dagster_ui["port"]):
        time.sleep(0.2)
    assert _serving(dagster_ui["port"]) == []
