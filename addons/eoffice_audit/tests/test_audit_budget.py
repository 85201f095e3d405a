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
        commitment = self.post(line, 100000)
        created = self.entries(commitment, "create")
        self.assertEqual(created.user_id, self.operator_a)
        values = {entry.field_name: entry.new_value_text for entry in created.line_ids}
        self.assertEqual((float(values["amount"]), values["state"], values["spm_number"]),
                         (100000.0, "committed", "SPM-UJI"))
        # the SP2D row is created by the workflow as superuser: the trail names BPKAD
        payment = self.as_user(self.bpkad, commitment).action_pay("SP2D-UJI")
        self.assertEqual(self.entries(payment, "create").user_id, self.bpkad)
        reversal = self.as_user(self.bpkad, payment).action_reverse("Salah akun")
        entry = self.entries(reversal, "create")
        self.assertEqual(entry.user_id, self.bpkad)
        self.assertIn(("reason", "Salah akun"), [(line.field_name, line.new_value_text) for line in entry.line_ids])
