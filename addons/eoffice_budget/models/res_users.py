from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _compute_eoffice_work_company_ids(self):
        """TAPD and BPKAD belong to every SKPD to verify and execute their budgets; that must not
        open every SKPD's letters and dispositions to them. Outside the budget (whose own rules
        give them every SKPD) they work in their home SKPD only, like executives."""
        super()._compute_eoffice_work_company_ids()
        for user in self:
            if user.has_group("eoffice_skpd.group_pemda_admin"):
                continue
            if user.has_group("eoffice_budget.group_budget_verifier") \
                    or user.has_group("eoffice_budget.group_budget_manager"):
                user.eoffice_work_company_ids = user.company_id

    def _eoffice_sees_every_skpd(self):
        """TAPD and BPKAD verify and execute every SKPD's budget: their default selection is every
        SKPD they belong to (the budget rules then show every SKPD's RKA and DPA)."""
        return super()._eoffice_sees_every_skpd() or self.has_group("eoffice_budget.group_budget_verifier")

    @api.model
    def _eoffice_home_actions(self):
        return super()._eoffice_home_actions() + [
            (20, "eoffice_budget.group_budget_manager", "eoffice_budget.eoffice_budget_dpa_action"),  # BPKAD
            (25, "eoffice_budget.group_budget_verifier", "eoffice_budget.eoffice_budget_plan_verify_action"),  # TAPD
            (40, "eoffice_budget.group_budget_operator", "eoffice_budget.eoffice_budget_plan_action"),
        ]
