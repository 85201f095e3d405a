"""Guard: every e-Office model is isolated per SKPD, or is declared Pemda-wide configuration.

Generated from the registry, so a new model without its ACLs and record rules fails here.
"""
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase

# Pemda-wide configuration: no SKPD, readable by every employee, writable by managers only.
PEMDA_WIDE = {
    "eoffice.letter.type": "eoffice_letters.group_letters_manager",
    "eoffice.archive.classification": "eoffice_letters.group_letters_manager",
    "eoffice.disposition.instruction": "eoffice_disposition.group_disposition_manager",
    "eoffice.budget.fiscal.year": "eoffice_budget.group_budget_manager",
    "eoffice.budget.regulation": "eoffice_budget.group_budget_manager",
    "eoffice.budget.code": "eoffice_budget.group_budget_manager",
    "eoffice.budget.funding.source": "eoffice_budget.group_budget_manager",
    "eoffice.budget.price.item": "eoffice_budget.group_budget_manager",
    "eoffice.budget.price.component": "eoffice_budget.group_budget_manager",
}


@tagged("post_install", "-at_install")
class TestAccessMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.models = sorted(name for name, model in cls.env.registry.items()
                            if name.startswith("eoffice.") and not model._abstract and not model._transient)
        cls.staff = new_test_user(cls.env, login="matrix_staff", groups="base.group_user,eoffice_skpd.group_staff")
        cls.auditor = new_test_user(cls.env, login="matrix_auditor",
                                    groups="base.group_user,eoffice_skpd.group_auditor")

    def test_models_found(self):
        self.assertIn("eoffice.position", self.models)

    def test_every_skpd_model_has_acls_and_isolation_rules(self):
        Rule = self.env["ir.rule"]
        staff = self.env.ref("eoffice_skpd.group_staff")
        for name in self.models:
            with self.subTest(model=name):
                model = self.env[name]
                if name in PEMDA_WIDE:
                    self.assertNotIn("company_id", model._fields)
                    continue
                self.assertIn("company_id", model._fields, f"{name} has no SKPD and is not declared Pemda-wide")
                rules = Rule.search([("model_id.model", "=", name)])
                staff_rules = rules.filtered(lambda r, g=staff: g in r.groups)
                self.assertTrue(staff_rules, f"{name} has no staff isolation rule")
                for rule in staff_rules:
                    self.assertIn("company_id", rule.domain_force)
                self.assertTrue(model.with_user(self.auditor).has_access("read"), name)
                for mode in ("write", "create", "unlink"):
                    self.assertFalse(model.with_user(self.auditor).has_access(mode), f"auditor may {mode} {name}")

    def test_pemda_wide_models_are_read_only_for_staff(self):
        for name, manager_group in PEMDA_WIDE.items():
            with self.subTest(model=name):
                model = self.env[name].with_user(self.staff)
                self.assertTrue(model.has_access("read"))
                with self.assertRaises(AccessError):
                    model.check_access("create")
                manager = new_test_user(self.env, login=f"mgr_{name}", groups=f"base.group_user,{manager_group}")
                self.assertTrue(self.env[name].with_user(manager).has_access("create"))
