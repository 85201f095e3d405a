"""An administrator's first install, the Odoo way (issue #18): a database created in English by the database
manager, with or without demonstration data, then the e-Office apps installed from the Apps menu.

Each case runs tests/install_from_apps.py in a process of its own, because creating a database and the
Install button (``button_immediate_install``) both build a new registry and commit, which the test's own
cursor cannot do. That script calls the same functions as the two screens: ``exp_create_database`` (what
``/web/database/create`` runs, here with ``en_US``) and ``button_immediate_install`` on the apps' records.
Its databases are named ``eoffice_test_*`` (dropped by ``make test`` if a run is interrupted) and dropped by
the script itself. The two installs run side by side; about four minutes on an idle machine.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from odoo.tools import config

ROOT = Path(os.environ.get("EOFFICE_ROOT", Path(__file__).resolve().parent.parent))
MODULES = sorted(path.parent.name for path in (ROOT / "addons").glob("eoffice_*/__manifest__.py"))
SCRIPT = Path(__file__).resolve().parent / "install_from_apps.py"


class TestInstallFromApps(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # both installs run side by side (the test process only waits): the wall time of the longer one
        cls._tmp = tempfile.TemporaryDirectory()
        cls._runs = {demo: cls._start(demo) for demo in (True, False)}

    @classmethod
    def tearDownClass(cls):
        for proc, _log in cls._runs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        cls._tmp.cleanup()

    @classmethod
    def _start(cls, demo):
        tag = "demo" if demo else "nodemo"
        dbname = f"eoffice_test_apps_{tag}_{os.getpid()}"
        conf, log = Path(cls._tmp.name) / f"{tag}.conf", Path(cls._tmp.name) / f"{tag}.log"
        conf.write_text("[options]\n" + "\n".join(f"{k} = {v}" for k, v in {
            "addons_path": config["addons_path"], "data_dir": config["data_dir"],
            "db_host": config["db_host"] or "", "db_port": config["db_port"] or "",
            "db_user": config["db_user"] or "", "db_password": config["db_password"] or "",
            "logfile": log, "workers": 0, "max_cron_threads": 0,
        }.items()) + "\n")
        # output to files, not pipes: nobody reads a pipe while both processes run
        with open(log.with_suffix(".out"), "w", encoding="utf-8") as out, \
                open(log.with_suffix(".err"), "w", encoding="utf-8") as err:
            proc = subprocess.Popen([sys.executable, str(SCRIPT), str(conf), dbname, "1" if demo else "0",
                                     ",".join(MODULES)], stdout=out, stderr=err,
                                    env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
        return proc, log

    def _install(self, demo):
        proc, log = self._runs[demo]
        proc.wait(timeout=1800)
        stdout, stderr = log.with_suffix(".out").read_text(), log.with_suffix(".err").read_text()
        log_text = log.read_text() if log.exists() else ""
        found = [line for line in stdout.splitlines() if line.startswith("RESULT ")]
        errors = [line for line in log_text.splitlines() if " ERROR " in line or " CRITICAL " in line]
        detail = f"\n{stderr[-3000:]}\n" + "\n".join(errors[:20])
        self.assertEqual(proc.returncode, 0, detail)
        self.assertTrue(found, detail)
        self.assertFalse(errors, detail)
        # no demo failure recorded ("installed without demo data" is a warning only)
        self.assertNotIn("demo data failed to install", log_text)
        return json.loads(found[0][len("RESULT "):])

    def test_english_database_with_demo(self):
        result = self._install(demo=True)
        self.assertEqual(result["modules"], {name: {"state": "installed", "demo": True} for name in MODULES})
        self.assertEqual(result["demo_failures"], [])
        self.assertIn("id_ID", result["languages"])
        # the demo Pemda's users work in Indonesian, its administrator too (the demo sets it)
        users = result["users"]
        for login in ("admin", "bupati", "kadis.kominfo", "staf.kominfo", "kasi.kominfo", "tu.kominfo"):
            self.assertEqual(users.get(login), "id_ID", login)
        self.assertEqual(result["indonesian_terms"], "Hal")

    def test_english_database_without_demo(self):
        result = self._install(demo=False)
        self.assertEqual(result["modules"], {name: {"state": "installed", "demo": False} for name in MODULES})
        self.assertIn("id_ID", result["languages"])
        self.assertEqual(result["indonesian_terms"], "Hal")
        self.assertNotIn("kadis.kominfo", result["users"])
        # without the demo, the administrator keeps the language chosen when the database was created
        self.assertEqual(result["users"]["admin"], "en_US")
