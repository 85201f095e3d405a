import base64
import io
from unittest.mock import patch

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import file_open

HEADER = "kode,nama,retensi_aktif,retensi_inaktif,keterangan"
# Children before their parents, a gap (000.1.5.1 has no 000.1.5), mixed-case dispositions
GOOD = "\n".join([
    HEADER,
    "000.1.2.3,Perjalanan Dinas Pegawai,2,3,Musnah",
    "000.1.2,Perjalanan Dinas,,,",
    "000.1,Ketatausahaan dan Kerumahtanggaan,1,2,DINILAI KEMBALI",
    "000.1.5.1,Rapat Koordinasi,1,1,dinilai_kembali",
    "000.9,\"Penelitian, Pengkajian dan Pengembangan\",2,5,permanen",
    "",
])


@tagged("post_install", "-at_install")
class TestClassificationImport(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # start from the shipped top levels only (demo data adds deeper codes, and files that use them)
        cls.env["eoffice.archive.file"].search([]).unlink()
        cls.env["eoffice.archive.classification"].search([("parent_id", "!=", False)],
                                                          order="parent_path desc").unlink()
        cls.manager = new_test_user(cls.env, login="klas_import_manager",
                                    groups="base.group_user,eoffice_letters.group_letters_manager")
        cls.staff = new_test_user(cls.env, login="klas_import_staff",
                                  groups="base.group_user,eoffice_skpd.group_staff")
        cls.Classification = cls.env["eoffice.archive.classification"].with_context(active_test=False)
        cls.umum = cls.env.ref("eoffice_letters.archive_classification_000")

    def _wizard(self, content, filename="klasifikasi.csv", user=None):
        data = content.encode() if isinstance(content, str) else content
        return self.env["eoffice.classification.import"].with_user(user or self.manager).create(
            {"file": base64.b64encode(data), "filename": filename})

    def _code(self, code):
        return self.Classification.search([("code", "=", code)])

    @staticmethod
    def _xlsx(rows):
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def test_csv_import_builds_the_tree_with_retention(self):
        wizard = self._wizard(GOOD)
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        self.assertIn("Imported: 5 new classification(s), 0 updated, 0 unchanged", wizard.report)
        travel = self._code("000.1.2.3")
        self.assertEqual(travel.name, "Perjalanan Dinas Pegawai")
        self.assertEqual((travel.active_years, travel.inactive_years, travel.final_disposition), (2, 3, "musnah"))
        self.assertEqual(travel.parent_id, self._code("000.1.2"))
        self.assertEqual(travel.parent_id.parent_id, self._code("000.1"))
        self.assertEqual(self._code("000.1").parent_id, self.umum)
        self.assertEqual(self._code("000.1").final_disposition, "dinilai_kembali")
        # Empty retention takes the parent's; a gap in the levels attaches to the longest existing prefix
        self.assertEqual(self._code("000.1.2").effective_inactive_years, 2)
        self.assertEqual(self._code("000.1.5.1").parent_id, self._code("000.1"))
        research = self._code("000.9")
        self.assertEqual((research.name, research.final_disposition),
                         ("Penelitian, Pengkajian dan Pengembangan", "permanen"))
        self.assertIn(travel, self.Classification.search([("id", "child_of", self.umum.id)]))

    def test_semicolon_csv_and_header_spelling(self):
        content = "Kode;Nama;Retensi Aktif;Retensi Inaktif;Keterangan\n000.1;Ketatausahaan;1;2;Musnah\n"
        self._wizard(content).action_import()
        record = self._code("000.1")
        self.assertEqual((record.name, record.active_years, record.inactive_years), ("Ketatausahaan", 1, 2))

    def test_xlsx_import(self):
        data = self._xlsx([
            ["Kode", "Nama", "Retensi Aktif", "Retensi Inaktif", "Keterangan"],
            ["800.1.1", "Formasi Pegawai", 2, 3.0, "Musnah"],
            ["800.1", "Sumber Daya Manusia", None, None, None],
            [800, "Kepegawaian", None, None, None],
            [None, None, None, None, None],
        ])
        wizard = self._wizard(data, filename="klasifikasi.xlsx")
        wizard.action_import()
        self.assertIn("2 new classification(s), 0 updated, 1 unchanged", wizard.report)
        record = self._code("800.1.1")
        self.assertEqual((record.active_years, record.inactive_years, record.final_disposition), (2, 3, "musnah"))
        self.assertEqual(record.parent_id.parent_id, self.env.ref("eoffice_letters.archive_classification_800"))

    def test_xlsx_codes_stored_as_numbers_are_refused(self):
        data = self._xlsx([["kode", "nama"], [0.1, "Ketatausahaan"], [100.1, "Otonomi Daerah"]])
        wizard = self._wizard(data, filename="klasifikasi.xlsx")
        wizard.action_check()
        self.assertEqual(wizard.error_count, 2)
        self.assertIn("Row 2 (code 0.1): The code 0.1 is stored as a number", wizard.report)
        self.assertIn("Row 3 (code 100.1)", wizard.report)

    def test_check_is_a_dry_run(self):
        count = self.Classification.search_count([])
        wizard = self._wizard(GOOD)
        wizard.action_check()
        self.assertEqual((wizard.state, wizard.error_count), ("checked", 0))
        self.assertIn("Rows read: 5; bad rows: 0; new codes: 5; to update: 0; unchanged: 0", wizard.report)
        self.assertEqual(self.Classification.search_count([]), count)

    def test_each_bad_row_is_reported_and_nothing_is_written(self):
        cases = [
            ("00.1,Dua Digit,,,", "is not a classification code"),
            ("000.1a,Huruf,,,", "is not a classification code"),
            ("000..1,Titik Ganda,,,", "is not a classification code"),
            (",Tanpa Kode,,,", "The code is empty"),
            ("000.7,,,,", "The name is empty"),
            ("123.4,Tanpa Induk,,,", "The code 123.4 has no parent: add 123 to the file"),
            ("000.8,Dua,dua,,", "retensi_aktif must be a whole number of years, not dua"),
            ("000.8,Koma,,2.5,", "retensi_inaktif must be a whole number of years, not 2.5"),
            ("000.8,Negatif,-1,,", "retensi_aktif cannot be negative (-1)"),
            ("000.8,Dibakar,1,1,Dibakar", "Unknown final disposition Dibakar"),
            ("000.6,Kembar,,,", "The code 000.6 already appears on row 2"),
        ]
        count = self.Classification.search_count([])
        for row, reason in cases:
            with self.subTest(row=row):
                wizard = self._wizard("\n".join([HEADER, "000.6,Persandian,2,5,Permanen", row]))
                wizard.action_check()
                self.assertEqual(wizard.error_count, 1, wizard.report)
                self.assertIn("Row 3 ", wizard.report)
                self.assertIn(reason, wizard.report)
                with self.assertRaisesRegex(UserError, "Nothing was imported") as caught:
                    wizard.action_import()
                self.assertIn(reason, str(caught.exception))
                self.assertEqual(self.Classification.search_count([]), count)

    def test_check_lists_every_bad_row(self):
        content = "\n".join([HEADER, "9,Salah,,,", "000.1,Benar,1,1,Musnah", "000.2,Salah,x,-3,Hilang"])
        wizard = self._wizard(content)
        wizard.action_check()
        self.assertEqual(wizard.error_count, 2)
        for expected in ["Row 2 (code 9)", "Row 4 (code 000.2): retensi_aktif must be",
                         "Row 4 (code 000.2): retensi_inaktif cannot be negative",
                         "Row 4 (code 000.2): Unknown final disposition Hilang"]:
            self.assertIn(expected, wizard.report)

    def test_missing_columns_are_refused(self):
        with self.assertRaisesRegex(UserError, "lacks the columns: nama"):
            self._wizard("kode,retensi_aktif\n000.1,2\n").action_check()

    def test_reimport_changes_nothing_then_updates(self):
        self._wizard(GOOD).action_import()
        count = self.Classification.search_count([])
        Model = type(self.Classification)
        with patch.object(Model, "write", autospec=True, side_effect=Model.write) as write:
            again = self._wizard(GOOD)
            again.action_import()
            self.assertFalse([call for call in write.call_args_list if call.args[0]._name == Model._name])
        self.assertIn("0 new classification(s), 0 updated, 5 unchanged", again.report)

        changed = GOOD.replace("Perjalanan Dinas Pegawai,2,3,Musnah", "Perjalanan Dinas Pegawai ASN,1,4,Permanen")
        changed = changed.replace("000.1.2,Perjalanan Dinas,,,", "000.1.2,Perjalanan Dinas,1,4,Permanen")
        wizard = self._wizard(changed)
        wizard.action_check()
        self.assertIn("new codes: 0; to update: 2; unchanged: 3", wizard.report)
        wizard.action_import()
        self.assertIn("0 new classification(s), 2 updated, 3 unchanged", wizard.report)
        travel = self._code("000.1.2.3")
        self.assertEqual((travel.name, travel.active_years, travel.inactive_years, travel.final_disposition),
                         ("Perjalanan Dinas Pegawai ASN", 1, 4, "permanen"))
        self.assertEqual(self.Classification.search_count([]), count)

        # A file without retention columns renames but keeps the retention already set
        self._wizard("kode,nama\n000.1.2.3,Perjalanan Dinas\n").action_import()
        self.assertEqual((travel.name, travel.active_years, travel.final_disposition),
                         ("Perjalanan Dinas", 1, "permanen"))

    def test_new_intermediate_level_adopts_existing_children(self):
        self._wizard("kode,nama\n000.1.2.3,Perjalanan Dinas Pegawai\n").action_import()
        travel = self._code("000.1.2.3")
        self.assertEqual(travel.parent_id, self.umum)
        wizard = self._wizard("kode,nama\n000.1,Ketatausahaan\n")
        wizard.action_check()
        self.assertIn("existing codes to move under a new parent: 1", wizard.report)
        wizard.action_import()
        self.assertIn("1 existing code(s) moved under a new parent", wizard.report)
        self.assertEqual(travel.parent_id, self._code("000.1"))
        self.assertEqual(self.Classification.search([("id", "child_of", self._code("000.1").id)]),
                         self._code("000.1") | travel)

    def test_sample_file_imports_cleanly(self):
        with file_open("eoffice_letters/static/samples/klasifikasi_arsip_contoh.csv", "rb") as sample:
            wizard = self._wizard(sample.read())
        wizard.action_check()
        self.assertEqual(wizard.error_count, 0, wizard.report)
        wizard.action_import()
        self.assertEqual(self._code("000.1.2.3").parent_id, self._code("000.1.2"))

    def test_queries_do_not_grow_with_the_rows(self):
        def import_queries(first, last):
            lines = [HEADER]
            for number in range(first, last):
                lines += [f"000.{number},Kelompok {number},2,3,Musnah", f"000.{number}.1,Rincian {number},,,"]
            wizard = self._wizard("\n".join(lines))
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            wizard.action_import()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        small = import_queries(100, 110)  # 20 rows
        large = import_queries(200, 600)  # 800 rows
        # Only the ORM's INSERT batches of 100 rows may add queries
        self.assertLessEqual(large - small, 2 * 800 // 100, (small, large))

    def test_only_letters_managers_may_import(self):
        with self.assertRaises(AccessError):
            self._wizard(GOOD, user=self.staff)
