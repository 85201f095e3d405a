import base64
import io

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import EofficeSkpdCase

HEADER = "nip,nama,skpd_kode,unit_kode,golongan,jabatan,jabatan_kode,tingkat,atasan_kode,email"


@tagged("post_install", "-at_install")
class TestSimpegImport(EofficeSkpdCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit = cls.env["hr.department"].create({"name": "Bidang Uji", "company_id": cls.skpd_a.id,
                                                    "unit_code": "UJI1"})
        cls.good = "\n".join([
            HEADER,
            "197001011995031001,Kepala Impor,9.99.0.00.0.00.01.0000,UJI1,IV/c,Kepala Dinas Impor,KD,II,,ka@uji.go.id",
            "198505052010012002,Kabid Impor,9.99.0.00.0.00.01.0000,UJI1,III/d,Kepala Bidang Impor,KB,III,KD,",
            "199001012015031003,Staf Impor,9.99.0.00.0.00.01.0000,UJI1,III/a,Pelaksana Impor,PL,pelaksana,KB,",
        ])

    def _wizard(self, text, filename="simpeg.csv", user=None):
        data = text.encode() if isinstance(text, str) else text
        return self.env["eoffice.simpeg.import"].with_user(user or self.env.user).create(
            {"file": base64.b64encode(data), "filename": filename})

    def test_dry_run_reports_every_bad_row_and_writes_nothing(self):
        bad = "\n".join([
            HEADER,
            "197001011995031001,Benar,9.99.0.00.0.00.01.0000,UJI1,IV/c,Kepala,KD,II,,",
            "12345,Pendek,9.99.0.00.0.00.01.0000,,,,,,,",
            "198505052010013002,Jenis Kelamin,9.99.0.00.0.00.01.0000,,,,,,,",
            "199001012015031003,SKPD Salah,0.00,,,,,,,",
            "199101012015031004,Unit Salah,9.99.0.00.0.00.01.0000,NOPE,,,,,,",
            "199201012015031005,Golongan Salah,9.99.0.00.0.00.01.0000,,V/z,,,,,",
            "199301012015031006,Atasan Salah,9.99.0.00.0.00.01.0000,,,Staf,ST,pelaksana,NOPE,",
            "197001011995031001,Kembar,9.99.0.00.0.00.01.0000,,,,,,,",
        ])
        employees_before = self.env["hr.employee"].search_count([])
        wizard = self._wizard(bad)
        wizard.action_check()
        self.assertEqual(wizard.error_count, 7)
        for row, reason in [(3, "18 digits"), (4, "digit 15"), (5, "No SKPD has the code 0.00"),
                            (6, "no unit with the code NOPE"), (7, "Unknown rank V/z"),
                            (8, "superior code NOPE"), (9, "already appears on row 2")]:
            self.assertIn(f"Row {row} ", wizard.report)
            self.assertIn(reason, wizard.report)
        with self.assertRaisesRegex(UserError, "Nothing was imported"):
            wizard.action_import()
        self.assertEqual(self.env["hr.employee"].search_count([]), employees_before)

    def test_import_then_reimport_changes_nothing(self):
        wizard = self._wizard(self.good)
        wizard.action_check()
        self.assertEqual(wizard.error_count, 0, wizard.report)
        wizard.action_import()
        self.assertIn("3 new employee(s)", wizard.report)
        staff = self.env["hr.employee"].search([("nip", "=", "199001012015031003")])
        self.assertEqual(staff.golongan, "3a")
        self.assertEqual(staff.department_id, self.unit)
        position = staff.position_ids
        self.assertEqual(position.code, "PL")
        self.assertEqual(position.parent_id.code, "KB")
        self.assertEqual(position.parent_id.parent_id.level, "eselon_2")
        stamps = (staff.write_date, position.write_date)
        again = self._wizard(self.good)
        again.action_import()
        self.assertIn("0 new employee(s), 0 updated, 3 unchanged; 0 new position(s)", again.report)
        self.assertEqual((staff.write_date, position.write_date), stamps)
        self.assertEqual(self.env["eoffice.position"].search_count([("code", "in", ["KD", "KB", "PL"])]), 3)

    def test_xlsx_and_update(self):
        book = openpyxl.Workbook()
        sheet = book.active
        for line in self.good.replace("III/a", "III/b").split("\n"):
            sheet.append(line.split(","))
        buffer = io.BytesIO()
        book.save(buffer)
        self._wizard(self.good).action_import()
        wizard = self._wizard(buffer.getvalue(), filename="simpeg.xlsx")
        wizard.action_import()
        self.assertIn("1 updated", wizard.report)
        self.assertEqual(self.env["hr.employee"].search([("nip", "=", "199001012015031003")]).golongan, "3b")

    def test_only_skpd_admins_may_import(self):
        with self.assertRaises(AccessError):
            self._wizard(self.good, user=self.users_a["staff"])
