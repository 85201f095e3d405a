"""Leaves out the few tests of Odoo's own suite that ``ODOO_TESTS_DESELECTED`` in ``tools/devctl.py``
names, with why (``--deselect`` would need pytest's node ids, which depend on the root directory pytest
guesses from the paths; here a test is matched by its file inside the Odoo source and its name)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from devctl import ODOO_TESTS_DESELECTED  # noqa: E402

_LEFT_OUT = [node.partition("::")[::2] for node in ODOO_TESTS_DESELECTED]


def _left_out(item):
    names = [part for part in item.nodeid.split("::")[1:] if part]
    return any(item.path.as_posix().endswith("/" + path) and names[:len(wanted.split("::"))] == wanted.split("::")
               for path, wanted in _LEFT_OUT)


def pytest_collection_modifyitems(config, items):
    deselected = [item for item in items if _left_out(item)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]
