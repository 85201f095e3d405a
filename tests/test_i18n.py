"""Every module ships a complete Indonesian translation, loaded into the database."""
import os
import unittest
from pathlib import Path

import polib

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

ROOT = Path(os.environ.get("EOFFICE_ROOT", Path(__file__).resolve().parent.parent))
MODULES = ["eoffice_skpd", "eoffice_letters", "eoffice_disposition", "eoffice_budget", "eoffice_audit"]


class TestPoFiles(unittest.TestCase):
    def test_po_files_are_complete(self):
        for module in MODULES:
            with self.subTest(module=module):
                po = polib.pofile(str(ROOT / "addons" / module / "i18n" / "id.po"))
                self.assertGreater(len(po.translated_entries()), 10)
                self.assertEqual([e.msgid for e in po.untranslated_entries()], [])
                self.assertEqual([e.msgid for e in po.fuzzy_entries()], [])


@tagged("post_install", "-at_install")
class TestTranslationsLoaded(TransactionCase):
    def test_menus_and_labels_are_indonesian(self):
        env = self.env(context={"lang": "id_ID"})
        self.assertEqual(env.ref("eoffice_skpd.menu_root").name, "Organisasi")
        self.assertEqual(env.ref("eoffice_letters.menu_root").name, "Naskah Dinas")
        self.assertEqual(env["eoffice.position"]._fields["parent_id"].get_description(env)["string"],
                         "Jabatan Atasan")
        self.assertEqual(env.ref("eoffice_letters.eoffice_archive_classification_action").name,
                         "Klasifikasi Arsip")
