"""The Monday-morning benchmark measures clicks, not logins, and counts Odoo's concurrency retries.

A login checks the password against its PBKDF2 hash (about a second of CPU): counted inside the first
action of each simulated user it made the write actions' p95 seconds long (docs/performance.md).
Runs bench_monday's client loop against a stub HTTP server whose login is slow, without Odoo."""
import json
import os
import sys
import tempfile
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(os.environ.get("EOFFICE_ROOT", Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(ROOT / "bench"))

import bench_monday  # noqa: E402

LOGIN_SECONDS = 0.4


class StubOdoo(BaseHTTPRequestHandler):
    logins = []

    def log_message(self, *args):
        pass

    def _answer(self, result, cookie=None):
        body = json.dumps({"jsonrpc": "2.0", "id": None, "result": result}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        if cookie:
            self.send_header("Set-Cookie", f"session_id={cookie}; Path=/")
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        params = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["params"]
        if self.path == "/web/session/authenticate":
            time.sleep(LOGIN_SECONDS)
            self.logins.append(params["login"])
            self._answer({"uid": 1}, cookie=f"s-{params['login']}")
        else:
            self._answer(1)

    def do_GET(self):
        self._answer({})


class TestMondayBench(unittest.TestCase):
    def setUp(self):
        StubOdoo.logins = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), StubOdoo)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.addCleanup(self.server.server_close)
        self.addCleanup(self.server.shutdown)

    def test_users_log_in_once_before_the_clock(self):
        pools = {"paraf": [(i, f"reviewer{i % 2}") for i in range(200)], "sign": [(i, "kadis") for i in range(200)],
                 "dispose": [(i, "kadis") for i in range(200)], "done": [(i, "staf") for i in range(200)]}
        facts = {"staff": "staf", "head": "kadis", "head_uid": 2, "head_position": 3, "kabid_position": 4,
                 "values": {}, "readable": [1, 2, 3], "tokens": ["t1", "t2"], "form_spec": {}}
        users = bench_monday.logins(pools, facts)
        self.assertEqual(users, ["kadis", "reviewer0", "reviewer1", "staf"])
        sessions, times = bench_monday.log_in_everyone(self.port, "db", users)
        self.assertEqual(sorted(sessions), users)
        self.assertEqual(len(times), 4)
        self.assertTrue(all(t >= LOGIN_SECONDS for t in times))
        self.patch_seconds(1.5)
        samples, errors, _empty, _secs = bench_monday.run_level(self.port, "db", 2, pools, facts, sessions)
        self.assertEqual(errors, [])
        self.assertEqual(StubOdoo.logins, users, "nobody logs in again while the clock runs")
        measured = [s for values in samples.values() for s in values]
        self.assertGreater(len(measured), 10)
        self.assertLess(max(measured), LOGIN_SECONDS, "no measured action contains a login")

    def patch_seconds(self, seconds):
        old = bench_monday.SECONDS
        bench_monday.SECONDS = seconds
        self.addCleanup(setattr, bench_monday, "SECONDS", old)

    def test_retries_are_counted_from_the_server_log(self):
        with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False) as log:
            log.write("INFO db odoo.service.model: SERIALIZATION_FAILURE, 4 tries left, try again in 0.4 sec...\n")
        self.addCleanup(os.unlink, log.name)
        count, offset = bench_monday.count_retries(log.name, 0)
        self.assertEqual(count, 1)
        with open(log.name, "a") as more:
            more.write("INFO db werkzeug: POST /web/dataset/call_kw 200\n"
                       "INFO db odoo.service.model: DEADLOCK_DETECTED, 4 tries left, try again in 1.2 sec...\n"
                       "INFO db odoo.service.model: LOCK_NOT_AVAILABLE, 3 tries left, try again in 2.5 sec...\n")
        self.assertEqual(bench_monday.count_retries(log.name, offset)[0], 2, "only what the level logged")
        self.assertEqual(bench_monday.count_retries("/nonexistent.log", 0), (0, 0))


if __name__ == "__main__":
    unittest.main()
