"""Every module ships a complete Indonesian translation, loaded into the database."""
import os
import unittest
from pathlib import Path

import polib

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

ROOT = Path(os.environ.get("EOFFICE_ROOT", Path(__file__).resolve().parent.parent))
MODULES = sorted(path.parent.name for path in (ROOT / "addons").glob("eoffice_*/__manifest__.py"))


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


@tagged("post_install", "-at_install")
class TestEveryTermTranslated(TransactionCase):
    """Every term Odoo would export for a module (field labels, selections, views, menus, data, and
    the strings of its Python and JavaScript code) has an Indonesian translation in its id.po: a new
    message written without one fails here, not in front of a user."""

    def test_every_exported_term_is_translated(self):
        from odoo.tools.translate import TranslationModuleReader

        translated = {}
        for module in MODULES:
            po = polib.pofile(str(ROOT / "addons" / module / "i18n" / "id.po"))
            translated[module] = {entry.msgid for entry in po if entry.msgstr and not entry.obsolete}
        missing = {}
        for module, _kind, _name, _res_id, source, _value, _comments in TranslationModuleReader(
                self.env.cr, modules=MODULES):
            if module in translated and source and source.strip() and source not in translated[module]:
                missing.setdefault(module, set()).add(source)
        self.assertEqual({module: sorted(terms) for module, terms in missing.items()}, {})
