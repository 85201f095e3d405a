"""Reliability drills: a signing worker killed mid-transaction, and a backup restored elsewhere.

Both tests work on committed data in other database connections (a separate OS process, a restored
copy of the database), so they are TransactionCases that commit their own fixtures through
``Registry.cursor()`` and remove them in ``finally``, like ``TestConcurrentSigning``.
"""
import base64
import functools
import hashlib
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest.mock import patch

import requests

import odoo
from odoo import api
from odoo.addons.eoffice_letters.tests.common import purge_committed_letters
from odoo.modules.registry import Registry
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

ROOT = Path(os.environ.get("EOFFICE_ROOT", Path(__file__).resolve().parent.parent))
ODOO_SRC = Path(odoo.__file__).resolve().parent.parent

# Run in a separate process: open the registry, make the PDF renderer hang (the number is drawn and
# written by then, nothing is committed yet), and sign. The parent kills the process while it hangs.
SIGNER_SCRIPT = """
import sys, time
from pathlib import Path
db, uid, letter_id, marker, *args = sys.argv[1:]
from odoo.tools import config
config.parse_config(args, setup_logging=True)
from odoo import api
from odoo.modules.registry import Registry
registry = Registry(db)
from odoo.addons.eoffice_skpd import pdf

def hang(html, *a, **kw):
    Path(marker + ".tmp").write_text(str(html))
    Path(marker + ".tmp").rename(marker)  # atomic: the parent never reads half of it
    time.sleep(600)

pdf.run_wkhtmltopdf = hang  # what the eoffice.document service calls
with registry.cursor() as cr:
    env = api.Environment(cr, int(uid), {})
    env["eoffice.letter"].browse(int(letter_id)).action_sign()
sys.exit("action_sign returned: the PDF renderer was never called")
"""

SKPD_NAME, SKPD_CODE, CLASS_CODE, SIGNER_LOGIN = "Dinas Uji Henti Paksa", "HENTI", "000.95", "t_henti_signer"


def _odoo_args():
    """Command-line options giving another Odoo process this process's database and file store."""
    args = [f"--addons-path={config['addons_path']}", f"--data-dir={config['data_dir']}"]
    for key in ("db_host", "db_port", "db_user", "db_password"):
        if config[key]:
            args.append(f"--{key}={config[key]}")
    return args


def _child_env(**extra):
    env = dict(os.environ, **extra)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ODOO_SRC), env.get("PYTHONPATH")]))
    return env


def _wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@tagged("post_install", "-at_install")
class TestKilledSigner(TransactionCase):
    """A worker killed while signing (OOM killer, deploy, power cut) leaves no half-signed letter.

    Not an EofficeLettersCase: the letter must be committed for another process to sign it.
    """

    def test_worker_killed_while_signing_leaves_no_trace(self):
        registry = Registry(self.env.cr.dbname)
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            # companies cannot be deleted cleanly: an earlier run's is reused
            skpd = env["res.company"].search([("name", "=", SKPD_NAME)]) or env["res.company"].create({
                "name": SKPD_NAME, "is_skpd": True, "parent_id": env.ref("base.main_company").id,
                "skpd_short_code": SKPD_CODE})
            self._purge(env, skpd.id)  # leftovers of an interrupted run
            classification = env["eoffice.archive.classification"].create({
                "code": CLASS_CODE, "name": "Uji Henti Paksa",
                "parent_id": env.ref("eoffice_letters.archive_classification_000").id})
            signer = env["res.users"].create({
                "name": "Pejabat Henti", "login": SIGNER_LOGIN, "company_id": skpd.id,
                "company_ids": [(6, 0, skpd.ids)],
                "groups_id": [(6, 0, [env.ref("base.group_user").id, env.ref("eoffice_skpd.group_official").id])]})
            employee = env["hr.employee"].create({"name": signer.name, "company_id": skpd.id, "user_id": signer.id})
            seat = env["eoffice.position"].create({"name": "Kepala Dinas Henti", "company_id": skpd.id,
                                                   "level": "eselon_2", "employee_id": employee.id})
            letter_id = env["eoffice.letter"].with_company(skpd).create({
                "name": "Surat yang penandatangannya terhenti", "company_id": skpd.id,
                "type_id": env.ref("eoffice_letters.letter_type_sd").id,
                "classification_id": classification.id, "signer_position_id": seat.id,
                "body": "<p>Isi</p>", "state": "to_sign", "review_ids": [],
                "to_recipient_ids": [(0, 0, {"recipient_type": "external", "external_name": "Mitra"})]}).id
            signer_id, skpd_id = signer.id, skpd.id
            cr.commit()
        tmp = Path(tempfile.mkdtemp(prefix="eoffice-killed-signer-"))
        proc = None
        try:
            marker, log = tmp / "rendering.html", tmp / "signer.log"
            t0 = time.monotonic()
            with open(log, "wb") as out:  # a file, not a pipe: a full pipe would block the child
                proc = subprocess.Popen(
                    [sys.executable, "-c", SIGNER_SCRIPT, registry.db_name, str(signer_id), str(letter_id),
                     str(marker), *_odoo_args(), "--log-level=info", "--max-cron-threads=0"],
                    stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                    env=_child_env(ODOO_PGAPPNAME="eoffice-signer-{pid}"))

            def rendering():
                if proc.poll() is not None:
                    raise AssertionError(f"the signing process ended ({proc.returncode}) before rendering:\n"
                                         + log.read_text(errors="replace")[-4000:])
                return marker.exists()

            try:
                _wait(rendering, 120, "the signing process to reach the PDF renderer")
            except AssertionError:
                if proc.poll() is None:
                    print(log.read_text(errors="replace")[-4000:], file=sys.stderr)
                raise
            # the number was drawn and written in the child's open transaction
            number = f"{CLASS_CODE}/1/{SKPD_CODE}/"
            self.assertIn(number, marker.read_text())
            app = f"eoffice-signer-{proc.pid}"
            with registry.cursor() as cr:
                cr.execute("SELECT state FROM pg_stat_activity WHERE application_name = %s AND state <> 'idle'",
                           [app])
                self.assertEqual(cr.fetchall(), [("idle in transaction",)], "signing is under way, uncommitted")
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)

                # PostgreSQL sees the socket close and rolls the transaction back; wait until it has
                def backend_gone():
                    cr.rollback()  # pg_stat_activity is read once per transaction
                    cr.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [app])
                    return not cr.fetchone()[0]

                _wait(backend_gone, 60, f"PostgreSQL to end the sessions of {app}")
            killed_after = time.monotonic() - t0

            with registry.cursor() as cr:
                cr.execute("""SELECT state, number, letter_date, signed_date, verification_token, pdf_sha256,
                                     pdf_filename, signer_user_id, signed_body IS NOT NULL
                                FROM eoffice_letter WHERE id = %s""", [letter_id])
                self.assertEqual(cr.fetchone(), ("to_sign", None, None, None, None, None, None, None, False))
                cr.execute("SELECT count(*) FROM ir_attachment WHERE res_model = 'eoffice.letter' AND res_id = %s",
                           [letter_id])
                self.assertEqual(cr.fetchone()[0], 0, "no PDF stored")
                cr.execute("SELECT count(*) FROM eoffice_letter_version WHERE letter_id = %s", [letter_id])
                self.assertEqual(cr.fetchone()[0], 0, "no signed version recorded")
                cr.execute("SELECT last_number FROM eoffice_letter_sequence WHERE company_id = %s", [skpd_id])
                self.assertEqual(cr.fetchall(), [], "the counter did not advance")
                # and nothing holds the letter's row any more
                cr.execute("SELECT id FROM eoffice_letter WHERE id = %s FOR UPDATE NOWAIT", [letter_id])
                cr.rollback()

            # the official signs again, normally: number 1, no gap, a real PDF
            with registry.cursor() as cr:
                env = api.Environment(cr, signer_id, {})
                letter = env["eoffice.letter"].browse(letter_id)
                letter.action_sign()
                cr.commit()
                pdf = base64.b64decode(letter.sudo().pdf_file)
                self.assertEqual(letter.state, "signed")
                self.assertEqual(letter.number, f"{number}{letter.letter_date.year}")
                self.assertTrue(pdf.startswith(b"%PDF"))
                self.assertEqual(hashlib.sha256(pdf).hexdigest(), letter.pdf_sha256)
                cr.execute("SELECT last_number FROM eoffice_letter_sequence WHERE company_id = %s", [skpd_id])
                self.assertEqual(cr.fetchall(), [(1,)])
            print(f"\n[reliability] signer killed and rolled back after {killed_after:.1f} s; "
                  f"total {time.monotonic() - t0:.1f} s", file=sys.stderr)
        finally:
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait(timeout=30)
            shutil.rmtree(tmp, ignore_errors=True)
            # remove what this test committed, so that later tests see the database as it was
            with registry.cursor() as cr:
                self._purge(api.Environment(cr, api.SUPERUSER_ID, {}), skpd_id)
                cr.commit()

    @staticmethod
    def _purge(env, company_id):
        purge_committed_letters(env, company_id)  # letters, PDFs, archive files and counters
        env["eoffice.archive.classification"].search([("code", "=", CLASS_CODE)]).unlink()
        env["eoffice.position"].search([("company_id", "=", company_id)]).unlink()
        env["hr.employee"].with_context(active_test=False).search([("company_id", "=", company_id)]).unlink()
        env["res.users"].with_context(active_test=False).search([("login", "=", SIGNER_LOGIN)]).unlink()


@functools.cache
def _pg_bin(name):
    """A PostgreSQL client program, found the way tools/devctl.py finds the server's."""
    spec = importlib.util.spec_from_file_location("eoffice_devctl", ROOT / "tools" / "devctl.py")
    devctl = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(devctl)
    try:
        return str(devctl.pg_bindir() / name)
    except SystemExit:  # no server binaries here: the client ones may still be on the PATH
        return shutil.which(name)


def _pg(program, *args, timeout=300):
    cmd = [_pg_bin(program)]
    for key, flag in (("db_host", "--host"), ("db_port", "--port"), ("db_user", "--username")):
        if config[key]:
            cmd.append(f"{flag}={config[key]}")
    env = dict(os.environ, PGPASSWORD=config["db_password"] or "")
    res = subprocess.run([*cmd, "--no-password", *args], capture_output=True, text=True, env=env, timeout=timeout)
    if res.returncode:
        raise AssertionError(f"{program} {' '.join(args)} failed ({res.returncode}):\n{res.stderr[-3000:]}")
    return res.stdout


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("post_install", "-at_install")
class TestBackupRestore(TransactionCase):
    """The backup procedure (pg_dump of the database + a copy of the file store) restores a database
    in which the letters signed before the backup still verify."""

    def test_restored_backup_still_verifies_old_letters(self):
        db = self.env.cr.dbname
        copy = f"{db}_restore"
        self._drop(copy)  # leftovers of an interrupted run
        letter = self.env["eoffice.letter"].sudo().search(
            [("verification_token", "!=", False), ("pdf_sha256", "!=", False), ("direction", "=", "outgoing"),
             ("state", "in", ("signed", "sent"))], limit=1, order="id")
        self.assertTrue(letter, "the demo data has a signed letter")
        token, sha256 = letter.verification_token, letter.pdf_sha256
        self.assertEqual(hashlib.sha256(base64.b64decode(letter.pdf_file)).hexdigest(), sha256)
        tmp = Path(tempfile.mkdtemp(prefix="eoffice-backup-"))
        server, timings = None, {}
        try:
            t0 = time.monotonic()
            dump = tmp / f"{db}.dump"
            _pg("pg_dump", "--format=custom", "--lock-wait-timeout=30s", f"--file={dump}", db)
            shutil.copytree(config.filestore(db), tmp / "filestore")
            timings["backup"] = time.monotonic() - t0

            t0 = time.monotonic()
            _pg("createdb", "--template=template0", "--encoding=UTF8", copy)
            _pg("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={copy}", str(dump))
            shutil.copytree(tmp / "filestore", config.filestore(copy))
            timings["restore"] = time.monotonic() - t0

            # the restored database, opened by Odoo, reads the PDF from the restored file store
            t0 = time.monotonic()
            # test_enable would make the loading run every module's at_install tests on the copy
            with patch.dict(config.options, test_enable=False):
                registry = Registry(copy)
            with registry.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                restored = env["eoffice.letter"].search([("verification_token", "=", token)])
                self.assertEqual((restored.number, restored.pdf_sha256), (letter.number, sha256))
                attachment = env["ir.attachment"].search([("res_model", "=", "eoffice.letter"),
                                                          ("res_field", "=", "pdf_file"),
                                                          ("res_id", "=", restored.id)])
                path = Path(attachment._full_path(attachment.store_fname))
                self.assertTrue(path.is_relative_to(config.filestore(copy)), path)
                pdf = base64.b64decode(restored.pdf_file)
                self.assertEqual(hashlib.sha256(pdf).hexdigest(), sha256)
            Registry.delete(copy)
            odoo.sql_db.close_db(copy)
            timings["orm check"] = time.monotonic() - t0

            # and a server on the restored database answers the QR code's public route
            t0 = time.monotonic()
            port = _free_port()
            base = f"http://127.0.0.1:{port}"
            log = tmp / "server.log"
            server = subprocess.Popen(
                [sys.executable, "-m", "odoo", "server", *_odoo_args(), f"--database={copy}",
                 f"--db-filter=^{copy}$", "--no-database-list", "--http-interface=127.0.0.1",
                 f"--http-port={port}", "--workers=0", "--max-cron-threads=0", f"--logfile={log}",
                 "--log-level=warn"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, env=_child_env(),
                start_new_session=True)

            def up():
                if server.poll() is not None:
                    raise AssertionError(f"the restored server exited ({server.returncode}):\n"
                                         + log.read_text(errors="replace")[-4000:])
                try:
                    return requests.get(f"{base}/web/health", timeout=5).status_code == 200
                except requests.ConnectionError:
                    return False

            _wait(up, 120, "the server on the restored database")
            url = f"{base}/eoffice/verify/{token}"
            facts = requests.get(url, params={"format": "json"}, timeout=60).json()
            self.assertEqual((facts["status"], facts["number"], facts["pdf_sha256"]),
                             ("genuine", letter.number, sha256))
            page = requests.get(url, timeout=60)  # what the QR code opens
            self.assertEqual(page.status_code, 200)
            self.assertIn(letter.number, page.text)
            check = requests.post(url, params={"format": "json"}, timeout=60,
                                  files={"pdf": ("surat.pdf", pdf, "application/pdf")}).json()
            self.assertIs(check["identical"], True)
            tampered = requests.post(url, params={"format": "json"}, timeout=60,
                                     files={"pdf": ("surat.pdf", pdf + b"\n", "application/pdf")}).json()
            self.assertIs(tampered["identical"], False)
            self.assertEqual(requests.get(f"{base}/eoffice/verify/{'x' * 32}", timeout=60).status_code, 404)
            timings["http check"] = time.monotonic() - t0
            print("\n[reliability] " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()), file=sys.stderr)
        finally:
            if server is not None:
                server.terminate()
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait(timeout=30)
            Registry.delete(copy)
            odoo.sql_db.close_db(copy)
            self._drop(copy)
            shutil.rmtree(tmp, ignore_errors=True)

    @staticmethod
    def _drop(dbname):
        _pg("dropdb", "--if-exists", "--force", dbname, timeout=120)
        shutil.rmtree(config.filestore(dbname), ignore_errors=True)
