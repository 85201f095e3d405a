from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from .eoffice_budget_price_item import STANDARD_TYPES

# TAPD's part of a proposal, written while it verifies it
VERIFIER_FIELDS = {"code", "approved_price", "reject_reason"}


class EofficeBudgetPriceProposal(models.Model):
    """An item an SKPD needs that the price standard lacks; TAPD verifies it into the standard."""

    _name = "eoffice.budget.price.proposal"
    _description = "Price Standard Proposal"
    _inherit = ["mail.thread", "eoffice.workflow.mixin"]
    _order = "create_date desc, id desc"
    _workflow_transitions = (("draft", "submitted"), ("submitted", "approved"), ("submitted", "rejected"))

    name = fields.Char(string="Item", required=True, workflow=("draft",))
    specification = fields.Char(string="Specification", workflow=("draft",))
    uom = fields.Char(string="Unit", required=True, workflow=("draft",))
    price = fields.Monetary(string="Proposed Price", required=True, workflow=("draft",))
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.ref("base.IDR"), required=True,
                                  workflow="create")
    standard_type = fields.Selection(STANDARD_TYPES, string="Standard", required=True, default="ssh",
                                     workflow=("draft",))
    fiscal_year_id = fields.Many2one("eoffice.budget.fiscal.year", string="Fiscal Year", required=True,
                                     workflow=("draft",))
    account_ids = fields.Many2many(
        "eoffice.budget.code", string="Accounts", required=True,
        domain="[('kind', '=', 'account'), ('level', '=', 'sub_rincian_objek')]", workflow=("draft",))
    justification = fields.Text(string="Justification", required=True, workflow=("draft",),
                                help="Why the item is needed and where the price comes from (quotes, e-catalogue).")
    company_id = fields.Many2one("res.company", string="SKPD", required=True, index=True,
                                 default=lambda self: self.env.company, workflow="create")
    state = fields.Selection([("draft", "Draft"), ("submitted", "Submitted"), ("approved", "Approved"),
                              ("rejected", "Rejected")], string="Status", default="draft", required=True,
                             readonly=True, tracking=True, workflow="owned")
    code = fields.Char(string="Item Code", help="Given by TAPD when approving.", workflow=("submitted",))
    approved_price = fields.Monetary(string="Approved Price", help="TAPD may lower the proposed price.",
                                     workflow=("submitted",))
    reject_reason = fields.Text(string="Reason for Rejection", workflow=("submitted",))
    item_id = fields.Many2one("eoffice.budget.price.item", string="Standard Item", readonly=True, workflow="owned")

    def write(self, vals):
        # the workflow mixin refuses what the state does not allow; TAPD's part is TAPD's alone
        if not self.env.su and set(vals) & VERIFIER_FIELDS \
                and not self.env.user.has_group("eoffice_budget.group_budget_verifier"):
            raise AccessError(self.env._("Only TAPD sets the code, the approved price and the reason for rejection."))
        return super().write(vals)

    def action_submit(self):
        if self.filtered(lambda proposal: proposal.state != "draft"):
            raise UserError(self.env._("Only a draft proposal can be submitted."))
        self._workflow_write({"state": "submitted"})
        return True

    def _check_verifier(self):
        if not self.env.user.has_group("eoffice_budget.group_budget_verifier"):
            raise AccessError(self.env._("Only a TAPD verifier decides on a price proposal."))
        if self.filtered(lambda proposal: proposal.state != "submitted"):
            raise UserError(self.env._("Only a submitted proposal can be approved or rejected."))

    def action_approve(self):
        """Add the item to the price standard at the approved (or proposed) price."""
        self._check_verifier()
        for proposal in self:
            if not proposal.code:
                raise UserError(self.env._("Give the item a code in the price standard before approving it."))
            price = proposal.approved_price or proposal.price
            if price > proposal.price:
                raise UserError(self.env._("The approved price cannot be above the proposed price."))
            item = self.env["eoffice.budget.price.item"].sudo().create({
                "code": proposal.code, "name": proposal.name, "specification": proposal.specification,
                "uom": proposal.uom, "price": price, "standard_type": proposal.standard_type,
                "fiscal_year_id": proposal.fiscal_year_id.id, "account_ids": [(6, 0, proposal.account_ids.ids)],
            })
            proposal.sudo()._workflow_write({"state": "approved", "item_id": item.id, "approved_price": price})
        return True

    def action_reject(self):
        self._check_verifier()
        if self.filtered(lambda proposal: not proposal.reject_reason):
            raise UserError(self.env._("Write the reason for rejecting the proposal first."))
        self.sudo()._workflow_write({"state": "rejected"})
        return True
