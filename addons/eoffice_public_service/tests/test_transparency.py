from odoo.addons.eoffice_budget.tests.test_budget_execution import ExecutionCase
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTransparency(ExecutionCase, HttpCase):
    def row(self):
        rows = self.url_open("/transparansi?format=json").json()
        found = [row for row in rows if row["skpd"] == "Dinas Uji A" and row["year"] == 2031]
        self.assertEqual(len(found), 1, rows)
        return found[0]

    def test_figures_follow_the_ledger_at_once(self):
        dpa = self.make_dpa(volumes=(10,))  # 10 rim x Rp 50.000
        row = self.row()
        self.assertEqual(set(row), {"skpd", "skpd_code", "year", "dpa_total", "realized", "percentage"})
        self.assertEqual((row["dpa_total"], row["realized"], row["percentage"]), (500000, 0, 0))
        entry = self.post(dpa.line_ids[0], 100000)
        self.assertEqual(self.row()["realized"], 0, "a commitment (SPM) is not realised yet")
        payment = self.as_user(self.bpkad, entry).action_pay("SP2D-TRANS")
        row = self.row()
        self.assertEqual((row["realized"], row["percentage"]), (100000, 20.0))
        self.as_user(self.bpkad, payment).action_reverse("SP2D salah")
        row = self.row()
        self.assertEqual((row["realized"], row["percentage"]), (0, 0))
        page = self.url_open("/transparansi")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Dinas Uji A", page.text)
        self.assertIn('name="viewport"', page.text)
        self.assertNotIn("SP2D-TRANS", page.text)  # figures only, no postings
        self.assertNotIn(self.bpkad.name, page.text)

    def test_only_approved_dpa_are_published(self):
        self.make_plan()  # an RKA being drafted
        rows = self.url_open("/transparansi?format=json").json()
        self.assertFalse([row for row in rows if row["skpd"] == "Dinas Uji A" and row["year"] == 2031])
