from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import EofficeSkpdCase

# Every e-Office model of this module, with the values to create one record in an SKPD.
MODELS = ["eoffice.position", "eoffice.position.acting", "eoffice.position.holder"]


@tagged("post_install", "-at_install")
class TestIsolation(EofficeSkpdCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        emp_b = cls.env["hr.employee"].create({"name": "Pegawai B", "company_id": cls.skpd_b.id})
        cls.head_b.employee_id = emp_b
        cls.env["eoffice.position.acting"].create({
            "position_id": cls.head_b.id, "employee_id": emp_b.id, "date_from": "2026-01-01",
            "date_to": "2026-01-10"})
        cls.env["eoffice.position.acting"].create({
            "position_id": cls.kabid_a.id, "employee_id": cls.emp_plt.id, "date_from": "2026-01-01",
            "date_to": "2026-01-10"})

    def _record_b(self, model):
        return self.env[model].search([("company_id", "=", self.skpd_b.id)], limit=1)

    def test_user_of_skpd_a_cannot_read_or_write_skpd_b(self):
        for model in MODELS:
            record_b = self._record_b(model)
            self.assertTrue(record_b, model)
            for role, user in self.users_a.items():
                with self.subTest(model=model, role=role):
                    as_user = record_b.with_user(user)
                    self.assertFalse(self.env[model].with_user(user).search([("id", "=", record_b.id)]))
                    with self.assertRaises(AccessError):
                        as_user.read(["display_name"])
                    with self.assertRaises(AccessError):
                        as_user.write({"create_date": record_b.create_date})

    def test_skpd_admin_writes_own_skpd_only(self):
        admin = self.users_a["skpd_admin"]
        self.kabid_a.with_user(admin).name = "Kepala Bidang Baru"
        self.assertEqual(self.kabid_a.name, "Kepala Bidang Baru")
        with self.assertRaises(AccessError):
            self.head_b.with_user(admin).name = "Diubah"
        with self.assertRaises(AccessError):
            self.env["eoffice.position"].with_user(admin).create(
                {"name": "Liar", "company_id": self.skpd_b.id})

    def test_staff_cannot_change_positions(self):
        with self.assertRaises(AccessError):
            self.kabid_a.with_user(self.users_a["staff"]).name = "Diubah"

    def test_executive_reads_all_and_writes_nothing_outside_home(self):
        for model in MODELS:
            with self.subTest(model=model):
                found = self.env[model].with_user(self.executive).search([])
                self.assertIn(self._record_b(model), found)
                self.assertIn(self.skpd_a, found.company_id)
        with self.assertRaises(AccessError):
            self.head_b.with_user(self.executive).name = "Diubah"

    def test_auditor_reads_all_and_writes_nothing(self):
        for model in MODELS:
            with self.subTest(model=model):
                record_b = self._record_b(model)
                self.assertTrue(record_b.with_user(self.auditor).read(["display_name"]))
                with self.assertRaises(AccessError):
                    record_b.with_user(self.auditor).write({"create_date": record_b.create_date})
        with self.assertRaises(AccessError):
            self.env["eoffice.position"].with_user(self.auditor).create(
                {"name": "Liar", "company_id": self.skpd_a.id})

    def test_visibility_follows_membership_at_once(self):
        user = self.users_a["skpd_admin"]
        Position = self.env["eoffice.position"].with_user(user)
        self.assertNotIn(self.head_b, Position.search([]))
        user.write({"company_ids": [(4, self.skpd_b.id)]})
        self.assertIn(self.head_b, Position.with_context(
            allowed_company_ids=[self.skpd_a.id, self.skpd_b.id]).search([]))
        user.write({"company_ids": [(3, self.skpd_b.id)]})
        self.assertNotIn(self.head_b, Position.search([]))
