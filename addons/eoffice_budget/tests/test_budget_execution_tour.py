from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestBudgetExecutionTour(HttpCase):
    def test_post_a_realization(self):
        ref = self.env.ref
        dpa = self.env["eoffice.budget.plan"].search([
            ("company_id", "=", ref("eoffice_skpd.skpd_kominfo").id), ("kind", "=", "dpa"),
            ("fiscal_year_id", "=", ref("eoffice_budget.fiscal_year_2026").id)])
        line = dpa.line_ids.filtered(lambda line: "Tinta Printer" in (line.description or ""))
        self.assertEqual(len(line), 1)
        committed = line.committed_amount
        self.start_tour("/odoo", "eoffice_budget_tour_post_realization", login="anggaran.kominfo", timeout=180)
        entry = self.env["eoffice.budget.realization"].search([("spm_number", "=", "SPM-TUR/2026")])
        self.assertEqual((entry.line_id, entry.amount, entry.state), (line, 50000, "committed"))
        self.assertEqual(line.committed_amount, committed + 50000)
