"""The topology of a province, run for real (issue #21, docs/operations.md).

- **Read replica**: a second PostgreSQL cluster made with ``pg_basebackup`` streams from a primary
  holding a copy of the test database; Odoo runs with ``db_replica_host``/``db_replica_port``. The
  public verification page is a ``readonly`` route: it is answered from the replica. Proved by
  pausing the replica's replay: a letter signed on the primary (over JSON-RPC, through the same
  server) is unknown to the page until the replica replays, then it verifies with the same hash.
- **Two app servers**: two prefork Odoo servers on one database and one data directory. A session
  opened on one works on the other, a letter signed through node A downloads and verifies through
  node B, and a cron job both nodes are woken for runs once.

The clusters and servers are throwaway: made in a temporary folder, stopped and removed at the end.
"""
import base64
import hashlib
import importlib.util
import itertools
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest.mock import patch

import requests

import odoo
from odoo.modules.registry import Registry
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

ROOT = Path(os.environ.get("EOFFICE_ROOT", Path(__file__).resolve().parent.parent))
ODOO_SRC = Path(odoo.__file__).resolve().parent.parent


def _devctl():
    spec = importlib.util.spec_from_file_location("eoffice_devctl_ops", ROOT / "tools" / "devctl.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DEVCTL = _devctl()


def _free_port():
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def _run(cmd, **kw):
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=kw.pop("timeout", 300), **kw)
    if res.returncode:
        raise AssertionError(f"{' '.join(map(str, cmd))} failed ({res.returncode}):\n{res.stdout[-2000:]}"
                             f"\n{res.stderr[-3000:]}")
    return res.stdout


class Cluster:
    """A throwaway PostgreSQL cluster on loopback, run as the unprivileged PostgreSQL user."""

    def __init__(self, root, name):
        self.data = root / name
        self.port = _free_port()
        self.bindir = DEVCTL.pg_bindir()
        self.sock = root / f"{name}-sock"
        self.started = False

    def _own(self, *paths):
        if os.geteuid() == 0:
            owner = pwd.getpwnam(DEVCTL.PG_OS_USER)
            for path in paths:
                os.chown(path, owner.pw_uid, owner.pw_gid)

    def initdb(self):
        self.data.mkdir(mode=0o700)
        self._own(self.data)
        _run(DEVCTL._as_pg_user([str(self.bindir / "initdb"), "-D", str(self.data), "-U", "pgadmin",
                                 "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]))

    def basebackup_from(self, primary):
        """A streaming replica of ``primary`` (``-R``: standby.signal and primary_conninfo written)."""
        self.data.mkdir(mode=0o700)
        self._own(self.data)
        _run(DEVCTL._as_pg_user([str(self.bindir / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port),
                                 "-U", "pgadmin", "-D", str(self.data), "-R", "-X", "stream", "-c", "fast"]))

    def start(self):
        self.sock.mkdir(exist_ok=True)
        self._own(self.sock)
        options = (f"-c port={self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.sock} "
                   "-c fsync=off -c full_page_writes=off -c max_connections=100 -c hot_standby=on")
        _run(DEVCTL._as_pg_user([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l",
                                 str(self.data / "server.log"), "-o", options, "-w", "-t", "60", "start"]))
        self.started = True

    def stop(self):
        if self.started:
            subprocess.run(DEVCTL._as_pg_user([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                                               "-w", "stop"]), capture_output=True, timeout=120)
            self.started = False

    def client(self, program, *args, timeout=300):
        return _run([str(self.bindir / program), "-h", "127.0.0.1", "-p", str(self.port), "-U", "pgadmin",
                     "--no-password", *args], timeout=timeout)

    def sql(self, query, db="postgres"):
        return self.client("psql", "-d", db, "-v", "ON_ERROR_STOP=1", "-tAc", query).strip()


class Node:
    """An Odoo server process on loopback."""

    def __init__(self, tmp, name, db, db_port, db_user, workers=0, cron=0, extra=()):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tmp / f"{name}.log"
        args = [f"--addons-path={config['addons_path']}", f"--data-dir={config['data_dir']}",
                "--db_host=127.0.0.1", f"--db_port={db_port}", f"--db_user={db_user}", f"--database={db}",
                f"--db-filter=^{db}$", "--no-database-list", "--http-interface=127.0.0.1", f"--http-port={self.port}",
                f"--workers={workers}", f"--max-cron-threads={cron}", f"--logfile={self.log}", "--log-level=warn",
                "--limit-time-real=300", "--limit-time-cpu=300", *extra]
        if db_user == config["db_user"] and config["db_password"]:
            args.append(f"--db_password={config['db_password']}")
        if workers:
            args.append(f"--gevent-port={_free_port()}")
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ODOO_SRC), env.get("PYTHONPATH")]))
        self.proc = subprocess.Popen([sys.executable, "-m", "odoo", "server", *args], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, env=env,
                                     start_new_session=True)

    def wait_up(self):
        def up():
            if self.proc.poll() is not None:
                raise AssertionError(f"the server exited ({self.proc.returncode}):\n"
                                     + self.log.read_text(errors="replace")[-4000:])
            try:
                return requests.get(f"{self.base}/web/health", timeout=10).status_code == 200
            except requests.RequestException:  # not listening yet, or still loading the registry
                return False
        _wait(up, 180, f"the server on port {self.port}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)


class Rpc:
    """JSON-RPC as the web client and integrators speak it, one session per login."""

    _ids = itertools.count(1)

    def __init__(self, db):
        self.db = db
        self.sessions = {}

    def login(self, node, login, password):
        session = requests.Session()
        result = self._post(session, f"{node.base}/web/session/authenticate",
                            {"db": self.db, "login": login, "password": password})
        self.sessions[login] = session
        return result["uid"]

    def call(self, node, login, model, method, *args, **kwargs):
        return self._post(self.sessions[login], f"{node.base}/web/dataset/call_kw",
                          {"model": model, "method": method, "args": list(args), "kwargs": kwargs})

    def _post(self, session, url, params):
        response = session.post(url, json={"jsonrpc": "2.0", "method": "call", "id": next(self._ids),
                                           "params": params}, timeout=120)
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            raise AssertionError(f"{url}: {body['error'].get('data', {}).get('message') or body['error']}")
        return body["result"]


def _sign_through(rpc, node, letter_id, settle=lambda: None, before_sign=lambda: None):
    """Approve every review step of the letter as its seat's user, then sign as its signer, over JSON-RPC
    (the demo users' password is ``demo``; admin reads who holds each seat). ``settle`` runs after each
    write: with a replica, the web client's reads (``read`` is a readonly call) are answered by it."""
    def facts():
        return rpc.call(node, "admin", "eoffice.letter", "read", [letter_id],
                        ["state", "current_review_id", "signer_position_id"])[0]

    def holder(position_id):
        position = rpc.call(node, "admin", "eoffice.position", "read", [position_id], ["current_user_ids"])[0]
        user = rpc.call(node, "admin", "res.users", "read", position["current_user_ids"][:1], ["login"])[0]
        if user["login"] not in rpc.sessions:
            rpc.login(node, user["login"], "demo")
        return user["login"]

    for _step in range(10):
        letter = facts()
        if letter["state"] != "review":
            break
        review = rpc.call(node, "admin", "eoffice.letter.review", "read", [letter["current_review_id"][0]],
                          ["position_id"])[0]
        rpc.call(node, holder(review["position_id"][0]), "eoffice.letter", "action_approve", [letter_id])
        settle()
    letter = facts()
    if letter["state"] != "to_sign":
        raise AssertionError(f"the letter is {letter['state']}, not ready to sign")
    signer = holder(letter["signer_position_id"][0])
    before_sign()
    rpc.call(node, signer, "eoffice.letter", "action_sign", [letter_id])


@tagged("post_install", "-at_install")
class TestProvinceTopology(TransactionCase):

    def setUp(self):
        super().setUp()
        self.tmp = Path(tempfile.mkdtemp(prefix="eoffice-ops-"))
        self.tmp.chmod(0o755)  # the PostgreSQL user enters it
        self.cleanups = []

    def tearDown(self):
        for cleanup in reversed(self.cleanups):
            try:
                cleanup()
            except Exception:  # noqa: BLE001 - every cleanup runs
                pass
        shutil.rmtree(self.tmp, ignore_errors=True)
        super().tearDown()

    def _copy_of_test_database(self, into=None):
        """The test database (the demo Pemda as installed) and its file store, copied with pg_dump into
        ``into`` (a Cluster) or into the test's own cluster; returns the copy's name."""
        source = self.env.cr.dbname
        copy = f"{source}_ops{len(self.cleanups)}"
        dump = self.tmp / f"{copy}.dump"
        pg = _devctl_client()
        pg("pg_dump", "--format=custom", f"--file={dump}", source)
        if into is None:
            pg("dropdb", "--if-exists", "--force", copy)
            pg("createdb", "--template=template0", "--encoding=UTF8", copy)
            pg("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={copy}", str(dump))
            self.cleanups.append(lambda: pg("dropdb", "--if-exists", "--force", copy))
        else:
            into.client("createdb", "--template=template0", "--encoding=UTF8", copy)
            into.client("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={copy}", str(dump))
        filestore = Path(config.filestore(copy))
        shutil.rmtree(filestore, ignore_errors=True)
        shutil.copytree(config.filestore(source), filestore)
        self.cleanups.append(lambda: shutil.rmtree(filestore, ignore_errors=True))
        return copy

    def _node(self, *args, **kwargs):
        node = Node(self.tmp, *args, **kwargs)
        self.cleanups.append(node.stop)
        return node

    def _letter_in_review(self):
        letter = self.env["eoffice.letter"].search([("state", "=", "review"), ("direction", "=", "outgoing")],
                                                   limit=1, order="id")
        self.assertTrue(letter, "the demo has a letter in review")
        return letter.id

    def test_public_verification_is_served_by_the_streaming_replica(self):
        letter_id = self._letter_in_review()
        primary = Cluster(self.tmp, "primary")
        primary.initdb()
        primary.start()
        self.cleanups.append(primary.stop)
        db = self._copy_of_test_database(into=primary)
        replica = Cluster(self.tmp, "replica")
        replica.basebackup_from(primary)
        replica.start()
        self.cleanups.append(replica.stop)
        self.assertEqual(replica.sql("SELECT pg_is_in_recovery()"), "t")
        node = self._node("replica-node", db, primary.port, "pgadmin",
                          extra=["--db_replica_host=127.0.0.1", f"--db_replica_port={replica.port}"])
        node.wait_up()

        def replayed():
            target = primary.sql("SELECT pg_current_wal_lsn()")
            _wait(lambda: replica.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") == "t", 60,
                  "the replica to replay")

        def pause():
            # the replica stops replaying: what the primary commits from now on is not on the replica
            replayed()
            replica.sql("SELECT pg_wal_replay_pause()")
            _wait(lambda: replica.sql("SELECT pg_get_wal_replay_pause_state()") == "paused", 30,
                  "the replay to pause")

        rpc = Rpc(db)
        rpc.login(node, "admin", "admin")
        _sign_through(rpc, node, letter_id, settle=replayed, before_sign=pause)
        # the primary has the signed letter, the paused replica does not
        query = f"SELECT state, number, verification_token, pdf_sha256 FROM eoffice_letter WHERE id = {letter_id}"
        state, number, token, sha256 = primary.sql(query, db).split("|")
        self.assertEqual(state, "signed")
        self.assertEqual(replica.sql(query, db).split("|")[0], "to_sign")
        url = f"{node.base}/eoffice/verify/{token}"
        lagging = requests.get(url, params={"format": "json"}, timeout=60)
        self.assertEqual((lagging.status_code, lagging.json()["status"]), (404, "unknown"),
                         "the verification page read the primary: it must be served by the replica")
        # the dashboards' figures (read_group through call_kw, a readonly call) come from the replica too
        groups = rpc.call(node, "admin", "eoffice.letter", "read_group", [("id", "=", letter_id)], ["state"],
                          ["state"])
        self.assertEqual([group["state"] for group in groups], ["to_sign"],
                         "the dashboard's read_group read the primary: it must be served by the replica")
        # and the public transparency page: an SKPD renamed on the primary keeps its old name there
        skpd = primary.sql("SELECT company_id FROM eoffice_budget_plan WHERE kind = 'dpa' AND state = 'approved' "
                           "ORDER BY id LIMIT 1", db)
        primary.sql(f"UPDATE res_company SET name = name || ' (primer)' WHERE id = {skpd}", db)
        names = [row["skpd"] for row in requests.get(f"{node.base}/transparansi", params={"format": "json"},
                                                     timeout=60).json()]
        self.assertTrue(names)
        self.assertFalse([name for name in names if "(primer)" in name],
                         "the transparency page read the primary: it must be served by the replica")

        # replayed: the same page now verifies the letter, with the hash the primary recorded
        replica.sql("SELECT pg_wal_replay_resume()")
        replayed()
        facts = requests.get(url, params={"format": "json"}, timeout=60).json()
        self.assertEqual((facts["status"], facts["number"], facts["pdf_sha256"]), ("genuine", number, sha256))
        groups = rpc.call(node, "admin", "eoffice.letter", "read_group", [("id", "=", letter_id)], ["state"],
                          ["state"])
        self.assertEqual([group["state"] for group in groups], ["signed"])
        names = [row["skpd"] for row in requests.get(f"{node.base}/transparansi", params={"format": "json"},
                                                     timeout=60).json()]
        self.assertTrue([name for name in names if "(primer)" in name], "replayed, the page shows the new name")

    def test_two_app_servers_share_sessions_files_and_cron(self):
        letter_id = self._letter_in_review()
        db = self._copy_of_test_database()
        nodes = [self._node(f"node-{name}", db, config["db_port"] or 5432, config["db_user"], workers=2, cron=1)
                 for name in "ab"]
        for node in nodes:
            node.wait_up()
        a, b = nodes
        rpc = Rpc(db)
        rpc.login(a, "admin", "admin")
        # a session opened on node A is a session on node B (sessions live in the shared data dir)
        info = rpc._post(rpc.sessions["admin"], f"{b.base}/web/session/get_session_info", {})
        self.assertEqual(info["username"], "admin")
        _sign_through(rpc, a, letter_id)
        signed = rpc.call(b, "admin", "eoffice.letter", "read", [letter_id],
                          ["state", "verification_token", "pdf_sha256"])[0]
        self.assertEqual(signed["state"], "signed")
        pdf = rpc.sessions["admin"].get(f"{b.base}/web/content/eoffice.letter/{letter_id}/pdf_file", timeout=60)
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(hashlib.sha256(pdf.content).hexdigest(), signed["pdf_sha256"])
        check = requests.post(f"{b.base}/eoffice/verify/{signed['verification_token']}", params={"format": "json"},
                              files={"pdf": ("surat.pdf", pdf.content, "application/pdf")}, timeout=60).json()
        self.assertEqual((check["status"], check["identical"]), ("genuine", True))

        # a job both nodes' cron workers are woken for at the same moment runs once: the job takes a
        # few seconds, so the second worker finds it locked by the first
        code = ("env.cr.execute('SELECT pg_sleep(4)')\n"
                "env['res.partner'].create({'name': 'Uji cron dua node'})")
        model_id = rpc.call(a, "admin", "ir.model", "search", [("model", "=", "ir.config_parameter")])[0]
        rpc.call(a, "admin", "ir.cron", "create", {
            "name": "Uji cron dua node", "model_id": model_id, "state": "code", "code": code,
            "interval_number": 1, "interval_type": "days",
            "nextcall": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(time.time() - 60))})
        pg = _devctl_client()

        def runs():  # counted in the database, not through a node's caches
            return int(pg("psql", "-d", db, "-tAc",
                          "SELECT count(*) FROM res_partner WHERE name = 'Uji cron dua node'").strip())

        for _wake in range(3):  # each wake-up reaches every cron worker listening (LISTEN cron_trigger)
            pg("psql", "-d", "postgres", "-tAc", f"SELECT pg_notify('cron_trigger', '{db}')")
            time.sleep(1)
        _wait(lambda: runs() >= 1, 150, "a cron worker to run the job")
        time.sleep(8)  # the other worker, woken at the same moment, has had its chance to run it again
        self.assertEqual(runs(), 1)


def _devctl_client():
    """Client programs on the test's own cluster (the one config names)."""
    def pg(program, *args):
        cmd = [str(DEVCTL.pg_bindir() / program)]
        for key, flag in (("db_host", "--host"), ("db_port", "--port"), ("db_user", "--username")):
            if config[key]:
                cmd.append(f"{flag}={config[key]}")
        env = dict(os.environ, PGPASSWORD=config["db_password"] or "")
        res = subprocess.run([*cmd, "--no-password", *args], capture_output=True, text=True, env=env, timeout=300)
        if res.returncode:
            raise AssertionError(f"{program} {' '.join(args)} failed:\n{res.stderr[-3000:]}")
        return res.stdout
    return pg


def _git(*args):
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True,
                          timeout=300).stdout.strip()


def _previous_release():
    """The newest release in RELEASES whose commit is an ancestor of HEAD (not HEAD itself). A clone
    need not carry tags, so releases are read from the tracked file; a shallow clone is deepened."""
    if _git("rev-parse", "--is-shallow-repository") == "true":
        _git("fetch", "--unshallow")
    head = _git("rev-parse", "HEAD")
    releases = []
    for line in (ROOT / "RELEASES").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            version, commit = line.split()
            releases.append((version, commit))
    for version, commit in reversed(releases):
        present = subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{commit}^{{commit}}"],
                                 capture_output=True, timeout=60).returncode == 0
        if not present:
            raise AssertionError(f"release {version} ({commit}) is not in this clone's history")
        if commit != head and subprocess.run(
                ["git", "-C", str(ROOT), "merge-base", "--is-ancestor", commit, head],
                capture_output=True, timeout=60).returncode == 0:
            return commit
    raise AssertionError("RELEASES names no release before HEAD")


@tagged("post_install", "-at_install")
class TestUpgradeFromPreviousRelease(TransactionCase):
    """The previous release (RELEASES), installed with its demo data, upgraded in place to this code: the
    letters it signed still verify (hash, signing register, QR code), budgets still reconcile, and
    the numbering continues without a gap. How releases are recorded: docs/operations.md."""

    def test_upgrade_keeps_letters_budgets_and_numbering(self):
        release = _previous_release()
        tmp = Path(tempfile.mkdtemp(prefix="eoffice-upgrade-"))
        db = f"{self.env.cr.dbname}_upgrade"
        pg = _devctl_client()
        odoo_addons = ODOO_SRC / "odoo" / "addons"
        try:
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", release, "addons"], capture_output=True,
                                     check=True, timeout=300).stdout
            subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive, check=True, timeout=300)
            old_modules = sorted(p.parent.name for p in (tmp / "addons").glob("eoffice_*/__manifest__.py"))
            new_modules = sorted(p.parent.name for p in (ROOT / "addons").glob("eoffice_*/__manifest__.py"))
            pg("dropdb", "--if-exists", "--force", db)

            def odoo_run(addons, *args):
                log = tmp / "odoo.log"
                cmd = [sys.executable, "-m", "odoo", f"--addons-path={odoo_addons},{addons}",
                       f"--data-dir={config['data_dir']}", f"--database={db}", "--db_host=127.0.0.1",
                       f"--db_port={config['db_port']}", f"--db_user={config['db_user']}",
                       f"--db_password={config['db_password']}", "--stop-after-init", "--workers=0",
                       "--max-cron-threads=0", "--without-demo=", f"--logfile={log}", "--log-level=warn", *args]
                env = dict(os.environ)
                env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ODOO_SRC), env.get("PYTHONPATH")]))
                proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
                deadline = time.monotonic() + 1800
                while True:
                    try:
                        returncode = proc.wait(timeout=60)
                        break
                    except subprocess.TimeoutExpired:
                        if time.monotonic() > deadline:
                            proc.kill()
                            raise
                        # the test's own transaction stays open meanwhile: the cluster ends a session idle in a
                        # transaction after 10 minutes (tools/devctl.py PG_SETTINGS)
                        self.env.cr.execute("SELECT 1")
                text = log.read_text(errors="replace") if log.exists() else ""
                if returncode or " ERROR " in text or " CRITICAL " in text:
                    raise AssertionError(f"odoo {' '.join(args)} failed ({returncode}):\n{text[-6000:]}")

            # the release as a Pemda runs it: installed with its demo data, Indonesian loaded
            odoo_run(tmp / "addons", "-i", ",".join(old_modules), "--load-language=id_ID")

            def sql(query):
                return [row.split("|") for row in pg("psql", "-d", db, "-tAc", query).split("\n") if row]

            signed = sql("SELECT id, number, verification_token, pdf_sha256 FROM eoffice_letter "
                         "WHERE state IN ('signed', 'sent') AND direction = 'outgoing' AND pdf_sha256 IS NOT NULL "
                         "ORDER BY id")
            self.assertTrue(signed, f"the demo of {release} has signed letters")
            counters = dict(sql("SELECT company_id || '/' || scope_key, last_number FROM eoffice_letter_sequence"))
            totals = sql("SELECT COALESCE(SUM(committed_amount), 0), COALESCE(SUM(realized_amount), 0) "
                         "FROM eoffice_budget_plan_line")

            # upgraded in place: the release's modules updated, the modules new since then installed
            added = [m for m in new_modules if m not in old_modules]
            odoo_run(ROOT / "addons", "-u", ",".join(old_modules), *(["-i", ",".join(added)] if added else []))

            # test_enable would make the loading run every module's at_install tests on the copy
            with patch.dict(config.options, test_enable=False):
                registry = Registry(db)
            try:
                with registry.cursor() as cr:
                    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                    self._check_letters(env, signed)
                    self._check_budgets(env, totals)
                    self._check_numbering(env, counters)
                    cr.rollback()
            finally:
                Registry.delete(db)
                odoo.sql_db.close_db(db)
        finally:
            pg("dropdb", "--if-exists", "--force", db)
            shutil.rmtree(config.filestore(db), ignore_errors=True)
            shutil.rmtree(tmp, ignore_errors=True)

    def _check_letters(self, env, signed):
        from odoo.addons.eoffice_letters.tests.common import decode_qr_from_pdf
        Register = env["eoffice.signing.register"]
        self.assertIsNone(Register._check_chain()["broken"], "the signing register's chain is whole")
        for letter_id, number, token, sha256 in signed:
            letter = env["eoffice.letter"].browse(int(letter_id))
            pdf = base64.b64decode(letter.pdf_file)
            self.assertEqual((letter.number, letter.verification_token, hashlib.sha256(pdf).hexdigest()),
                             (number, token, sha256), number)
            self.assertTrue(Register._check_letter(letter), f"{number} agrees with the signing register")
            self.assertTrue(any(url.endswith(token) for url in decode_qr_from_pdf(pdf)), f"QR code of {number}")

    def _check_budgets(self, env, totals):
        env.cr.execute("""
            SELECT l.id FROM eoffice_budget_plan_line l
              LEFT JOIN (SELECT line_id, SUM(committed_delta) c, SUM(realized_delta) r
                           FROM eoffice_budget_realization GROUP BY line_id) s ON s.line_id = l.id
             WHERE COALESCE(l.committed_amount, 0) <> COALESCE(s.c, 0)
                OR COALESCE(l.realized_amount, 0) <> COALESCE(s.r, 0)""")
        self.assertEqual(env.cr.fetchall(), [], "running totals equal the sums of the ledger")
        env.cr.execute("SELECT COALESCE(SUM(committed_amount), 0)::text, COALESCE(SUM(realized_amount), 0)::text "
                       "FROM eoffice_budget_plan_line")
        self.assertEqual([list(env.cr.fetchone())], totals)

    def _check_numbering(self, env, counters):
        letter = env["eoffice.letter"].search([("state", "=", "review"), ("direction", "=", "outgoing")], limit=1)
        self.assertTrue(letter, "the demo has a letter in review")
        for _step in range(10):
            if letter.state != "review":
                break
            user = letter.current_review_id.position_id.current_user_ids[:1]
            letter.with_user(user).with_context(allowed_company_ids=user.company_ids.ids).action_approve()
        signer = letter.signer_position_id.current_user_ids[:1]
        letter.with_user(signer).with_context(allowed_company_ids=signer.company_ids.ids).action_sign()
        self.assertEqual(letter.state, "signed")
        moved = {f"{c.company_id.id}/{c.scope_key}": c.last_number
                 for c in env["eoffice.letter.sequence"].search([])}
        changed = {key: (int(counters.get(key, 0)), value) for key, value in moved.items()
                   if int(counters.get(key, 0)) != value}
        self.assertTrue(changed, "signing drew a number")
        for key, (before, after) in changed.items():
            self.assertEqual(after, before + 1, f"counter {key} continues without a gap")
            self.assertIn(str(after), letter.number)
