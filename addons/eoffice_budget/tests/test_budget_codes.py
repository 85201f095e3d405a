import base64
import io
import time

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import EofficeBudgetCase

PROGRAM = "\n".join([
    "kode,nama,kinerja,indikator,satuan,kode_lama",
    "8.01.01.2.01.0001,Penyusunan Dokumen Uji,Dokumen Uji,Jumlah Dokumen Uji,Dokumen,8.01.01.2.01.01",
    "8,Urusan Uji,,,,",
    "8.01,Bidang Uji,,,,",
    "8.01.01,Program Uji,,,,",
    "8.01.01.2.01,Kegiatan Uji,,,,",
    "X,Lintas Urusan Uji,,,,",
    "X.XX,Lintas Bidang Uji,,,,",
    "X.XX.01,Program Lintas Urusan Uji,,,,",
    "",
])


@tagged("post_install", "-at_install")
class TestBudgetCodes(EofficeBudgetCase):
    def _wizard(self, content, import_type="program", user=None, filename="kode.csv", **values):
        data = content.encode() if isinstance(content, str) else content
        return self.env["eoffice.budget.import"].with_user(user or self.bpkad).create({
            "import_type": import_type, "file": base64.b64encode(data), "filename": filename, **values})

    def _new_regulation(self, previous=None):
        return self.env["eoffice.budget.regulation"].create({
            "name": f"Kepmendagri Impor {time.monotonic_ns()}", "date": "2027-01-01",
            "previous_id": previous.id if previous else False})

    def test_levels_come_from_the_code(self):
        levels = {code: record.level for (kind, code), record in self.codes.items()}
        self.assertEqual(levels["9.01"], "bidang")
        self.assertEqual(levels["9.01.01.2.01"], "kegiatan")
        self.assertEqual(levels["9.01.01.2.01.0001"], "sub_kegiatan")
        self.assertEqual(levels["5.1.02.01.01.0024"], "sub_rincian_objek")
        self.assertEqual(levels["5.1.02.01"], "objek")
        with self.assertRaisesRegex(ValidationError, "is not a code"), self.env.cr.savepoint():
            self.env["eoffice.budget.code"].create({"kind": "program", "code": "9.01.01.2", "name": "x",
                                                    "regulation_id": self.regulation.id})
        with self.assertRaisesRegex(ValidationError, "must be code 9.02 "), self.env.cr.savepoint():
            self.env["eoffice.budget.code"].create({"kind": "program", "code": "9.02.02", "name": "x",
                                                    "regulation_id": self.regulation.id,
                                                    "parent_id": self.codes[("program", "9.01")].id})

    def test_program_import_with_mapping_from_the_old_regulation(self):
        old = self._new_regulation()
        old_sub = self._wizard("kode,nama\n8,U\n8.01,B\n8.01.01,P\n8.01.01.2.01,K\n8.01.01.2.01.01,Sub lama\n",
                               regulation_id=old.id)
        old_sub.action_import()
        self.assertIn("Imported: 5 new", old_sub.report)
        new = self._new_regulation(previous=old)
        wizard = self._wizard(PROGRAM, regulation_id=new.id)
        wizard.action_check()
        self.assertEqual((wizard.state, wizard.error_count), ("checked", 0))
        self.assertFalse(self.env["eoffice.budget.code"].search([("regulation_id", "=", new.id)]))  # dry run
        wizard.action_import()
        self.assertIn("Imported: 8 new, 0 updated, 0 unchanged", wizard.report)
        Code = self.env["eoffice.budget.code"]
        sub = Code.search([("regulation_id", "=", new.id), ("code", "=", "8.01.01.2.01.0001")])
        self.assertEqual((sub.level, sub.output, sub.indicator, sub.uom),
                         ("sub_kegiatan", "Dokumen Uji", "Jumlah Dokumen Uji", "Dokumen"))
        self.assertEqual(sub.parent_id.code, "8.01.01.2.01")
        self.assertEqual(sub.parent_id.parent_id.code, "8.01.01")
        old_code = Code.search([("regulation_id", "=", old.id), ("code", "=", "8.01.01.2.01.01")])
        self.assertEqual(old_code.successor_ids, sub)
        self.assertEqual(old_code._map_to(new), {old_code: sub})
        # same file again: nothing changes
        again = self._wizard(PROGRAM, regulation_id=new.id)
        again.action_import()
        self.assertIn("Imported: 0 new, 0 updated, 8 unchanged", again.report)

    def test_bad_rows_are_all_reported_and_nothing_is_written(self):
        regulation = self._new_regulation()
        content = "\n".join(["kode,nama", "8,Urusan", "8.01.01,Tanpa Bidang", "8.01.01.2,Bukan Level",
                             "8,Ganda", "abc,Huruf", "8.02,", ""])
        wizard = self._wizard(content, regulation_id=regulation.id)
        wizard.action_check()
        self.assertEqual(wizard.error_count, 5)
        for text in ("Row 3 (8.01.01): The code 8.01.01 has no parent: add 8.01", "Row 4 (8.01.01.2)",
                     "Row 5 (8): The code 8 already appears on row 2", "Row 6 (abc)",
                     "Row 7 (8.02): The name is empty"):
            self.assertIn(text, wizard.report)
        with self.assertRaisesRegex(UserError, "Nothing was imported: 5 row"):
            wizard.action_import()
        self.assertFalse(self.env["eoffice.budget.code"].search([("regulation_id", "=", regulation.id)]))

    def test_mapping_needs_the_replaced_regulation(self):
        regulation = self._new_regulation()
        with self.assertRaisesRegex(UserError, "does not say which regulation it replaces"):
            self._wizard(PROGRAM, regulation_id=regulation.id).action_check()

    def test_xlsx_code_stored_as_number_is_refused(self):
        regulation = self._new_regulation()
        book = openpyxl.Workbook()
        book.active.append(["Kode", "Nama"])
        book.active.append(["8", "Urusan"])
        book.active.append([8.1, "Bidang diketik sebagai angka"])
        buffer = io.BytesIO()
        book.save(buffer)
        wizard = self._wizard(buffer.getvalue(), regulation_id=regulation.id, filename="kode.xlsx")
        wizard.action_check()
        self.assertEqual(wizard.error_count, 1)
        self.assertIn("stored as a number", wizard.report)

    def test_account_import_and_price_mapping(self):
        regulation = self._new_regulation()
        accounts = "kode,nama\n5,Belanja\n5.1,Operasi\n5.1.02,Barang Jasa\n5.1.02.01,Barang\n" \
                   "5.1.02.01.01,Pakai Habis\n5.1.02.01.01.0024,ATK\n"
        wizard = self._wizard(accounts, import_type="account", regulation_id=regulation.id)
        wizard.action_import()
        self.assertIn("Imported: 6 new", wizard.report)
        leaf = self.env["eoffice.budget.code"].search([("regulation_id", "=", regulation.id),
                                                       ("code", "=", "5.1.02.01.01.0024")])
        self.assertEqual((leaf.kind, leaf.level), ("account", "sub_rincian_objek"))

    def test_only_bpkad_imports_and_edits_codes(self):
        staff = new_test_user(self.env, login="t_budget_codes_staff", groups="base.group_user,eoffice_skpd.group_staff")
        for user in (staff, self.operator_a, self.verifier):
            with self.assertRaises(AccessError):
                self._wizard(PROGRAM, regulation_id=self.regulation.id, user=user)
            with self.assertRaises(AccessError):
                self.sub1.with_user(user).name = "x"
        self.assertTrue(self.sub1.with_user(staff).read(["name"]))
