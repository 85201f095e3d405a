"""Budget postings made by the workflow under sudo() are in the trail under the user who acted."""

from odoo.addons.eoffice_budget.tests.test_budget_execution import ExecutionCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestAuditBudgetLedger(ExecutionCase):
    def entries(self, records, method):
        return self.env["auditlog.log"].search([("model_model", "=", records._name), ("res_id", "in", records.ids),
                                                ("method", "=", method)])

    def test_dpa_lines_and_ledger_postings_name_the_user_who_acted(self):
        dpa = self.make_dpa()
        line = dpa.line_ids
        # the DPA's lines are written by BPKAD's approval
        self.assertEqual(self.entries(line, "create").user_id, self.bpkad)
        # the append-only ledger is its own trail: each row keeps who posted it, also when the
        # workflow creates it under sudo(); its rows are not copied into auditlog (docs/audit-log.md)
        commitment = self.post(line, 100000)
        self.assertEqual((commitment.create_uid, commitment.amount, commitment.state, commitment.spm_number),
                         (self.operator_a, 100000.0, "committed", "SPM-UJI"))
        payment = self.as_user(self.bpkad, commitment).action_pay("SP2D-UJI")
        self.assertEqual(payment.create_uid, self.bpkad)
        reversal = self.as_user(self.bpkad, payment).action_reverse("Salah akun")
        self.assertEqual((reversal.create_uid, reversal.reason), (self.bpkad, "Salah akun"))
        self.assertFalse(self.entries(commitment | payment | reversal, "create"))
        # a change that goes through the ORM (only code running as superuser passes the guard) is logged
        self.as_user(self.bpkad, payment).sudo().write({"description": "Dikoreksi"})
        written = self.entries(payment, "write")
        self.assertTrue(written)
        self.assertEqual(written.user_id, self.bpkad)
