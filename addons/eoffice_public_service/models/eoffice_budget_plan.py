from odoo import api, models


class EofficeBudgetPlan(models.Model):
    """The figures of the public transparency page."""

    _inherit = "eoffice.budget.plan"

    @api.model
    def _eoffice_transparency_rows(self):
        """Per SKPD and fiscal year: the total of the approved DPA in force (the perubahan once there is
        one), the realised amount and its percentage. Read from the plans and the realisation ledger at
        every call, never cached, so a reversed posting shows at once; no personal data. Public data:
        read as superuser, only these figures leave the method."""
        Plan = self.sudo()
        plans = Plan.search([("kind", "=", "dpa"), ("state", "=", "approved")],
                            order="company_id, fiscal_year_id, id")
        in_force = {}
        for plan in plans:
            key = (plan.company_id, plan.fiscal_year_id)
            current = in_force.get(key)
            if not current or (plan.version == "perubahan") >= (current.version == "perubahan"):
                in_force[key] = plan
        realized = {(company, year): amount for company, year, amount in
                    self.env["eoffice.budget.realization"].sudo()._read_group(
                        [("plan_id", "in", plans.ids)], ["company_id", "fiscal_year_id"], ["realized_delta:sum"])}
        rows = []
        for (company, year), plan in sorted(in_force.items(), key=lambda item: (-item[0][1].year, item[0][0].name)):
            total = plan.total or 0.0
            amount = realized.get((company, year)) or 0.0
            rows.append({"skpd": company.name, "skpd_code": company.skpd_code or "", "year": year.year,
                         "dpa_total": total, "realized": amount,
                         "percentage": round(100.0 * amount / total, 2) if total else 0.0})
        return rows
