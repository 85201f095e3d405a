"""Bad starts of the setup fail fast with a message that says what to do."""
import os
import socket
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(os.environ.get("EOFFICE_ROOT", Path(__file__).resolve().parent.parent))
DEVCTL = [sys.executable, str(ROOT / "tools" / "devctl.py")]


def devctl(*args, **env):
    return subprocess.run([*DEVCTL, *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **env})


class TestBadStarts(unittest.TestCase):
    def test_missing_odoo_source_names_the_three_ways(self):
        res = devctl("run", ODOO_SRC="/nonexistent/odoo")
        self.assertEqual(res.returncode, 2)
        self.assertIn("not an Odoo 18.0 source tree", res.stderr)
        with tempfile.TemporaryDirectory() as empty_cache:
            res = devctl("run", ODOO_SRC="", EOFFICE_CACHE=empty_cache, GIT_ALLOW_PROTOCOL="none")
        self.assertEqual(res.returncode, 2)
        for way in ("ODOO_SRC=", "setup cache", "git clone --depth 1 --branch 18.0"):
            self.assertIn(way, res.stderr)

    def test_busy_http_port_is_reported(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            sock.listen()
            port = sock.getsockname()[1]
            res = devctl("run", EOFFICE_HTTP_PORT=str(port))
        self.assertEqual(res.returncode, 2)
        self.assertIn(f"Port {port} is taken", res.stderr)

    def test_missing_postgresql_binaries_are_reported(self):
        res = subprocess.run(
            [sys.executable, "-c",
             "import sys, shutil, pathlib; sys.path.insert(0, 'tools'); import devctl;"
             "shutil.which = lambda *a, **k: None; pathlib.Path.glob = lambda *a, **k: iter(());"
             "devctl.pg_bindir()"],
            cwd=ROOT, capture_output=True, text=True, timeout=60, env={**os.environ, "PG_BINDIR": ""})
        self.assertEqual(res.returncode, 2)
        self.assertIn("PostgreSQL server binaries (initdb, pg_ctl) were not found", res.stderr)
        self.assertIn("apt-get install postgresql", res.stderr)
