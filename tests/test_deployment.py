"""docker-compose.yml is well-formed and consistent with config/odoo.conf (no Docker engine here)."""
import ast
import configparser
import os
import unittest
from pathlib import Path

import yaml

ROOT = Path(os.environ.get("EOFFICE_ROOT", Path(__file__).resolve().parent.parent))
MODULES = sorted(path.parent.name for path in (ROOT / "addons").glob("eoffice_*/__manifest__.py"))


class TestDeployment(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
        parser = configparser.ConfigParser()
        parser.read(ROOT / "config" / "odoo.conf")
        cls.conf = parser["options"]

    def test_official_images(self):
        services = self.compose["services"]
        self.assertEqual(services["db"]["image"], "postgres:16")
        # Odoo's image is the official one with a few additions, built from docker/odoo
        dockerfile = (ROOT / services["odoo"]["build"] / "Dockerfile").read_text()
        base = [line for line in dockerfile.splitlines() if line.startswith("FROM")]
        self.assertEqual(base, ["FROM odoo:18.0"])
        for name in ("odoo", "db"):
            self.assertIn("healthcheck", services[name])

    def test_image_adds_what_the_native_setup_installs(self):
        dockerfile = (ROOT / "docker" / "odoo" / "Dockerfile").read_text()
        for package in ("tesseract-ocr", "tesseract-ocr-ind", "poppler-utils", "fonts-liberation"):
            self.assertIn(package, dockerfile)
        pins = dict(line.split("==", 1) for line in (ROOT / "requirements.txt").read_text().split("\n")
                    if "==" in line and not line.startswith("#"))
        for package in ("pyHanko", "pyhanko-certvalidator"):
            self.assertIn(f"{package}=={pins[package].split()[0]}", dockerfile)
        # the OCA addons: the same pinned wheels as the native setup, without their odoo dependency
        oca = [line.strip() for line in (ROOT / "requirements-oca.txt").read_text().splitlines()
               if "==" in line and not line.startswith("#")]
        self.assertIn("odoo-addon-auditlog==18.0.", "\n".join(oca))
        self.assertIn("--no-deps", dockerfile)
        for pin in oca:
            self.assertIn(pin, dockerfile)

    def test_compose_mounts_what_the_config_expects(self):
        odoo = self.compose["services"]["odoo"]
        mounts = {v.split(":")[1]: v.split(":")[0] for v in odoo["volumes"]}
        self.assertEqual(mounts[self.conf["addons_path"]], "./addons")
        self.assertEqual(mounts["/etc/odoo/odoo.conf"], "./config/odoo.conf")
        self.assertEqual(mounts[self.conf["data_dir"]], "odoo-data")
        self.assertIn("odoo-data", self.compose["volumes"])

    def test_database_settings_agree(self):
        db = self.compose["services"]["db"]
        self.assertEqual(self.conf["db_host"], "db")
        self.assertEqual(db["environment"]["POSTGRES_USER"], self.conf["db_user"])
        self.assertEqual(db["environment"]["POSTGRES_PASSWORD"], self.conf["db_password"])
        ports = {p.split(":")[1] for p in self.compose["services"]["odoo"]["ports"]}
        self.assertEqual(ports, {self.conf["http_port"], self.conf["gevent_port"]})

    def test_production_minded_config(self):
        self.assertEqual(self.conf["list_db"], "False")
        self.assertEqual(self.conf["proxy_mode"], "True")
        self.assertGreater(int(self.conf["workers"]), 0)
        self.assertTrue(self.conf["dbfilter"])

    def test_every_module_is_installable(self):
        for module in MODULES:
            manifest = ast.literal_eval((ROOT / "addons" / module / "__manifest__.py").read_text())
            self.assertTrue(manifest["installable"], module)
            self.assertTrue(manifest["version"].startswith("18.0."), module)
            for fragment in ("readme/DESCRIPTION.md", "i18n/id.po", "static/description/icon.png"):
                self.assertTrue((ROOT / "addons" / module / fragment).exists(), f"{module}/{fragment}")

    def test_the_install_command_names_every_module(self):
        """The production path installs what `make run` installs."""
        lines = (ROOT / "docker-compose.yml").read_text().splitlines()
        command = next(line for line in lines if " -i eoffice_" in line)
        self.assertEqual(sorted(command.split(" -i ")[1].split()[0].split(",")), MODULES)

    def test_database_server_settings_agree_with_the_native_cluster(self):
        """The db service runs with the same server settings as `make run`'s cluster."""
        import importlib.util
        spec = importlib.util.spec_from_file_location("devctl", ROOT / "tools" / "devctl.py")
        devctl = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(devctl)
        command = self.compose["services"]["db"]["command"]
        self.assertEqual(command[0], "postgres")
        pairs = zip(command[1::2], command[2::2], strict=True)
        settings = dict(arg.split("=", 1) for flag, arg in pairs if flag == "-c")
        self.assertEqual(settings, devctl.PG_SETTINGS)
        self.assertIn("idle_in_transaction_session_timeout", settings)
