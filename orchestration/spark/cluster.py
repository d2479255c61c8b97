"""A local Spark standalone cluster: one master, one worker and the Thrift server (HiveServer2).

For tests and for trying the Spark engine on one machine; a real cluster is started by whoever runs
it and reached through SKYLEDGER_SPARK_MASTER and SKYLEDGER_SPARK_THRIFT_HOST/PORT. Everything runs
from the jars inside the `pyspark` package (no separate Spark download) on the JVM found on PATH or
in JAVA_HOME (Debian's openjdk-17/21-jre-headless). Each process is started in its own process group
and stopped by that group's id, also when the caller fails.

    with LocalCluster(workdir) as cluster:
        os.environ.update(cluster.environment())
        ...
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"


def spark_home() -> Path:
    import pyspark

    return Path(pyspark.__file__).parent


def java_available() -> bool:
    return bool(os.environ.get("JAVA_HOME") or shutil.which("java"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before listening on {port}:\n{_tail(log)}")
        with socket.socket() as probe:
            probe.settimeout(1)
            if probe.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.5)
    raise TimeoutError(f"nothing listens on {HOST}:{port} after {timeout:.0f} s:\n{_tail(log)}")


def _tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@dataclass
class LocalCluster:
    """Master + worker + Thrift server on 127.0.0.1, with their state and logs under `workdir`.

    The worker offers twice the machine's cores, and each application is capped at the machine's
    cores (`app_cores`): the long-running Thrift server and an extraction job then run side by
    side instead of the second waiting for cores the first holds forever.
    """

    workdir: Path
    worker_memory: str = "3g"
    executor_memory: str = "1g"
    app_cores: int = field(default_factory=lambda: os.cpu_count() or 2)
    thrift: bool = True  # start the Thrift server (dbt's endpoint); extraction alone needs only the master
    master_port: int = 0
    thrift_port: int = 0
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def master_url(self) -> str:
        return f"spark://{HOST}:{self.master_port}"

    @property
    def warehouse_dir(self) -> Path:
        return self.workdir / "spark-warehouse"

    def environment(self) -> dict[str, str]:
        """The settings that point skyledger at this cluster (see orchestration/settings.py)."""
        return {
            "SKYLEDGER_SPARK_MASTER": self.master_url,
            "SKYLEDGER_SPARK_THRIFT_HOST": HOST,
            "SKYLEDGER_SPARK_THRIFT_PORT": str(self.thrift_port),
            "SKYLEDGER_SPARK_CORES": str(self.app_cores),
        }

    def __enter__(self) -> LocalCluster:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self, timeout: float = 180) -> None:
        self.workdir = Path(self.workdir).resolve()
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.master_port = self.master_port or free_port()
        self.thrift_port = self.thrift_port or free_port()
        home = spark_home()
        master = self._spawn(
            "master",
            [str(home / "bin" / "spark-class"), "org.apache.spark.deploy.master.Master",
             "--host", HOST, "--port", str(self.master_port), "--webui-port", str(free_port())],
        )  # fmt: skip
        wait_for_port(self.master_port, master, self._log("master"), timeout)
        worker_port = free_port()
        worker = self._spawn(
            "worker",
            [str(home / "bin" / "spark-class"), "org.apache.spark.deploy.worker.Worker",
             "--host", HOST, "--port", str(worker_port), "--webui-port", str(free_port()),
             "--cores", str(2 * self.app_cores), "--memory", self.worker_memory,
             "--work-dir", str(self.workdir / "work"), self.master_url],
        )  # fmt: skip
        wait_for_port(worker_port, worker, self._log("worker"), timeout)
        if not self.thrift:
            return
        thrift = self._spawn(
            "thrift",
            [str(home / "bin" / "spark-submit"),
             "--class", "org.apache.spark.sql.hive.thriftserver.HiveThriftServer2",
             "--master", self.master_url, "--name", "skyledger-thrift",
             "--conf", f"spark.cores.max={self.app_cores}",
             "--conf", f"spark.executor.memory={self.executor_memory}",
             "--conf", "spark.driver.memory=1g",
             "--conf", f"spark.driver.host={HOST}",
             "--conf", f"spark.sql.warehouse.dir={self.warehouse_dir}",
             "--conf", "spark.ui.enabled=false",
             "--conf", f"spark.driver.extraJavaOptions=-Dderby.system.home={self.workdir}",
             "--hiveconf", f"hive.server2.thrift.port={self.thrift_port}",
             "--hiveconf", f"hive.server2.thrift.bind.host={HOST}",
             "spark-internal"],
        )  # fmt: skip
        wait_for_port(self.thrift_port, thrift, self._log("thrift"), timeout)

    def _log(self, name: str) -> Path:
        return self.workdir / f"{name}.log"

    def _spawn(self, name: str, command: list[str]) -> subprocess.Popen:
        env = {
            **os.environ,
            "SPARK_HOME": str(spark_home()),
            "SPARK_LOG_DIR": str(self.workdir / "logs"),
            "SPARK_LOCAL_IP": HOST,
            "SPARK_LOCAL_DIRS": str(self.workdir / "tmp"),
            # The executors' Python: the one running this code, with the extractor's dependencies.
            "PYSPARK_PYTHON": os.environ.get("PYSPARK_PYTHON", sys.executable),
        }
        log = open(self._log(name), "wb")  # noqa: SIM115 -- handed to the child, closed by the OS at exit
        process = subprocess.Popen(
            command, cwd=self.workdir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self.processes.append(process)
        return process

    def stop(self, grace: float = 15) -> None:
        """Stop the Thrift server, the worker and the master (in that order), each by its group id."""
        for process in reversed(self.processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        deadline = time.monotonic() + grace
        for process in reversed(self.processes):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()
