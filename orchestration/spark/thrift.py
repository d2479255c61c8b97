"""SQL on the cluster through its Thrift server (the same one dbt's `spark` output uses)."""

from __future__ import annotations

from contextlib import contextmanager

from orchestration import settings

# The session settings dbt's profile sets too (profiles.yml, server_side_parameters).
SESSION = {"spark.sql.timestampType": "TIMESTAMP_NTZ", "spark.sql.session.timeZone": "UTC"}


@contextmanager
def cursor():
    from pyhive import hive

    host, port = settings.spark_thrift()
    connection = hive.connect(host=host, port=port, configuration=SESSION)
    try:
        handle = connection.cursor()
        try:
            yield handle
        finally:
            handle.close()
    finally:
        connection.close()


def literal(value) -> str:
    """A Spark SQL string literal; Spark reads backslashes in literals as escapes, so they are doubled."""
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"
