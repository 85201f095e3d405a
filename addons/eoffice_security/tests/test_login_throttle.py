"""Login throttling holds across worker processes: tried against a real multi-worker server on the
test database, as a password-guessing script behind the Pemda's proxy would."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tools import config

ODOO_SRC = Path(sys.modules["odoo"].__file__).resolve().parent.parent
GUESSER = "198.51.100.7"  # addresses the proxy forwards (documentation range)
OTHER = "198.51.100.8"
THIRD = "198.51.100.9"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("post_install", "-at_install")
class TestLoginThrottle(BaseCase):
    """Odoo counts failed logins per process; with several workers a guesser spreads over them.
    Here the count lives in the database, so every worker refuses after the limit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.db = config["db_name"]
        if isinstance(cls.db, list):
            cls.db = cls.db[0]
        cls.tmp = Path(tempfile.mkdtemp(prefix="eoffice-throttle-"))
        cls.port = _free_port()
        args = [f"--addons-path={config['addons_path']}", f"--data-dir={config['data_dir']}"]
        for key in ("db_host", "db_port", "db_user", "db_password"):
            if config[key]:
                args.append(f"--{key}={config[key]}")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ODOO_SRC), os.environ.get("PYTHONPATH")])))
        cls.server = subprocess.Popen(
            [sys.executable, "-m", "odoo", "server", *args, f"--database={cls.db}", f"--db-filter=^{cls.db}$",
             "--no-database-list", "--http-interface=127.0.0.1", f"--http-port={cls.port}", "--workers=3",
             "--max-cron-threads=0", "--proxy-mode", f"--logfile={cls.tmp / 'server.log'}", "--log-level=warn",
             "--limit-time-real=120"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, env=env,
            start_new_session=True)
        cls.addClassCleanup(cls.stop_server)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if cls.server.poll() is not None:
                raise AssertionError((cls.tmp / "server.log").read_text(errors="replace")[-3000:])
            try:
                if requests.get(cls.url("/web/health"), timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        else:
            raise AssertionError("the multi-worker server did not start")

    @classmethod
    def stop_server(cls):
        os.killpg(cls.server.pid, signal.SIGTERM)
        try:
            cls.server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(cls.server.pid, signal.SIGKILL)
        cls.purge()

    @classmethod
    def url(cls, path):
        return f"http://127.0.0.1:{cls.port}{path}"

    @classmethod
    def purge(cls):
        with Registry(cls.db).cursor() as cr:
            cr.execute("DELETE FROM eoffice_login_attempt WHERE remote_addr IN %s", [(GUESSER, OTHER, THIRD)])

    def setUp(self):
        super().setUp()
        self.purge()
        with Registry(self.db).cursor() as cr:
            cr.execute("SELECT value FROM ir_config_parameter WHERE key = 'base.login_cooldown_after'")
            row = cr.fetchone()
        self.limit = int(row[0]) if row else 10

    def login(self, login, password, address):
        """One login through the web client's JSON route, each on a new connection (so the
        kernel hands it to whichever worker accepts first): (uid or None, error message)."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1,
                   "params": {"db": self.db, "login": login, "password": password}}
        with requests.Session() as client:
            body = client.post(self.url("/web/session/authenticate"), json=payload, timeout=60,
                               headers={"X-Forwarded-For": address, "X-Forwarded-Host": "eoffice.contohkab.go.id",
                                        "X-Forwarded-Proto": "https", "Connection": "close"}).json()
        if "error" in body:
            return None, body["error"]["data"]["message"]
        return body["result"].get("uid"), None

    def workers(self):
        with Registry(self.db).cursor() as cr:
            cr.execute("SELECT count(*) FROM eoffice_login_attempt WHERE remote_addr = %s AND NOT known", [GUESSER])
            return cr.fetchone()[0]

    def test_wrong_passwords_lock_the_login_on_every_worker(self):
        attempts = 2 * self.limit + 2  # Odoo's per-process count would need this many on one worker
        for _n in range(attempts):
            uid, _error = self.login("staf.kominfo", "salah", GUESSER)
            self.assertIsNone(uid)
        self.assertEqual(self.workers(), self.limit, "failures past the limit were not refused")
        uid, error = self.login("staf.kominfo", "demo", GUESSER)
        self.assertIsNone(uid, "the right password logged in while the login was on cooldown")
        self.assertIn("Terlalu banyak login gagal", error)
        # from another address the login is locked too (the guesser cannot just move) ...
        self.assertEqual(self.login("staf.kominfo", "demo", THIRD)[0], None)
        # another user is not locked out by someone else's guesses
        self.assertTrue(self.login("tu.kominfo", "demo", OTHER)[0])

    def rpc_login(self, login, password, address):
        """The external API's login, as a script sends it (XML-RPC would be the same door)."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "service": "common", "method": "login", "args": [self.db, login, password]}}
        with requests.Session() as client:
            return client.post(self.url("/jsonrpc"), json=payload, timeout=60, headers={
                "X-Forwarded-For": address, "X-Forwarded-Host": "eoffice.contohkab.go.id",
                "X-Forwarded-Proto": "https", "Connection": "close"}).json().get("result")

    def test_the_external_api_is_throttled_too(self):
        self.assertTrue(self.rpc_login("tu.kominfo", "demo", OTHER))
        for _n in range(self.limit + 3):
            self.assertFalse(self.rpc_login("tu.kominfo", "salah", GUESSER))
        self.assertEqual(self.workers(), self.limit)
        self.assertFalse(self.rpc_login("tu.kominfo", "demo", GUESSER), "the right password got through the cooldown")
        # where the owner logged in before, the guesser does not lock them out
        self.assertTrue(self.rpc_login("tu.kominfo", "demo", OTHER))

    def test_one_address_guessing_many_logins_is_refused(self):
        logins = ["staf.kominfo", "kasi.kominfo", "tu.kominfo", "kadis.kominfo", "admin.kominfo", "bupati", "sekda",
                  "auditor", "tapd", "bpkad", "anggaran.kominfo", "anggaran.kesehatan", "kadis.kesehatan"]
        guesses = 0
        while guesses < 4 * self.limit:
            login = logins[guesses % len(logins)]
            self.login(login, f"salah-{guesses}", GUESSER)
            guesses += 1
        # logins that need no second factor, so that a session opens when the login is let through
        uid, error = self.login("staf.kominfo", "demo", GUESSER)
        self.assertIsNone(uid)
        self.assertIn("Terlalu banyak login gagal", error)
        self.assertTrue(self.login("staf.kominfo", "demo", OTHER)[0])
