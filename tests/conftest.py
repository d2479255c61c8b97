"""Test order: the Spark cluster's module, the longest by far, first.

`make test` runs the suite in two processes (pytest-xdist, whole modules per process, in this
order: --no-loadscope-reorder): started first, the cluster test runs beside the rest instead of
after it, and the suite takes about as long as its longer half.
"""


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: item.get_closest_marker("spark_cluster") is None)  # stable: the rest keep their order
