from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestArchiveClassification(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Classification = cls.env["eoffice.archive.classification"]
        # start from the shipped top levels only (demo data adds deeper codes, and files that use them)
        cls.env["eoffice.archive.file"].search([]).unlink()
        Classification.search([("parent_id", "!=", False)], order="parent_path desc").unlink()
        cls.umum = cls.env.ref("eoffice_letters.archive_classification_000")
        cls.level1 = Classification.create({"code": "000.1", "name": "Tingkat Satu", "parent_id": cls.umum.id,
                                            "active_years": 2, "inactive_years": 5, "final_disposition": "musnah"})
        cls.level2 = Classification.create({"code": "000.1.2", "name": "Tingkat Dua", "parent_id": cls.level1.id})
        cls.level3 = Classification.create({"code": "000.1.2.3", "name": "Perjalanan Dinas Pegawai",
                                            "parent_id": cls.level2.id, "inactive_years": 3})

    def test_ten_top_levels_ship(self):
        top = self.env["eoffice.archive.classification"].search([("parent_id", "=", False)])
        self.assertEqual(set(top.mapped("code")) >= {"000", "100", "500", "800", "900"}, True)

    def test_retention_inherited_from_the_nearest_ancestor(self):
        self.assertEqual(self.level3.effective_active_years, 2)
        self.assertEqual(self.level3.effective_inactive_years, 3)
        self.assertEqual(self.level3.effective_final_disposition, "musnah")
        self.level2.final_disposition = "permanen"
        self.assertEqual(self.level3.effective_final_disposition, "permanen")

    def test_hierarchy_search_and_code_rules(self):
        Classification = self.env["eoffice.archive.classification"]
        self.assertEqual(Classification.search([("id", "child_of", self.level1.id)]),
                         self.level1 | self.level2 | self.level3)
        self.assertEqual(Classification.name_search("000.1.2.3")[0][0], self.level3.id)
        self.assertEqual(self.level3.display_name, "000.1.2.3 Perjalanan Dinas Pegawai")
        with self.assertRaisesRegex(ValidationError, "does not continue"):
            Classification.create({"code": "100.1", "name": "Salah", "parent_id": self.level1.id})

    def test_staff_reads_but_cannot_change(self):
        staff = new_test_user(self.env, login="klas_staff", groups="base.group_user,eoffice_skpd.group_staff")
        self.assertTrue(self.level3.with_user(staff).read(["code"]))
        with self.assertRaises(AccessError):
            self.level3.with_user(staff).name = "Diubah"
