from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestBudgetTour(HttpCase):
    def test_draft_a_line_and_submit(self):
        ref = self.env.ref
        plan = self.env["eoffice.budget.plan"].search([
            ("company_id", "=", ref("eoffice_skpd.skpd_kominfo").id), ("kind", "=", "rka"),
            ("fiscal_year_id", "=", ref("eoffice_budget.fiscal_year_2027").id)])
        self.assertEqual(plan.state, "draft")
        total = plan.total
        self.start_tour("/odoo", "eoffice_budget_tour_draft_submit", login="anggaran.kominfo", timeout=180)
        line = plan.line_ids.filtered(lambda line: line.item_id == ref("eoffice_budget.item_2027_1_1_7_01_01_02_002"))
        self.assertEqual((line.vol1, line.unit_price, line.amount), (120, 5000, 600000))
        self.assertEqual(line.sub_kegiatan_id.code, "2.16.01.2.06.0004")
        self.assertEqual(plan.total, total + 600000)
        self.assertEqual(plan.state, "submitted")
