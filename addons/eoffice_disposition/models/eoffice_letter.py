from odoo import _, api, fields, models
from odoo.exceptions import UserError


class EofficeLetter(models.Model):
    _inherit = "eoffice.letter"

    disposition_ids = fields.One2many("eoffice.disposition", "letter_id", string="Dispositions", workflow="owned")
    disposition_branch_ids = fields.One2many("eoffice.disposition.branch", "letter_id",
                                             string="Disposition Tree", workflow="owned")
    disposition_state = fields.Selection(
        [("none", "Not disposed"), ("open", "In Progress"), ("done", "Done")], string="Disposition",
        compute="_compute_disposition_state", store=True, index=True,
        help="Done when every branch of every disposition of the letter is done.")
    can_dispose = fields.Boolean(compute="_compute_can_dispose")
    # the copies of each letter, kept on the letter for the control room (counting them from the recipient
    # lines in the control room's view aggregated every recipient of the Pemda at each dashboard query)
    copies_electronic = fields.Integer(string="Copies Delivered Electronically", compute="_compute_copies",
                                       store=True)
    copies_paper = fields.Integer(string="Copies on Paper", compute="_compute_copies", store=True)

    @api.depends("recipient_ids.dispatch_method")
    def _compute_copies(self):
        for letter in self:
            methods = letter.recipient_ids.mapped("dispatch_method")
            letter.copies_electronic = sum(method in ("internal", "email") for method in methods)
            letter.copies_paper = methods.count("print")

    @api.depends("disposition_ids.state", "disposition_ids.parent_branch_id")
    def _compute_disposition_state(self):
        for letter in self:
            roots = letter.disposition_ids.filtered(lambda d: not d.parent_branch_id and d.state != "cancelled")
            if not roots:
                letter.disposition_state = "none"
            else:
                letter.disposition_state = "done" if all(d.state == "done" for d in roots) else "open"

    @api.depends("state", "recipient_position_id")
    @api.depends_context("uid")
    def _compute_can_dispose(self):
        for letter in self:
            letter.can_dispose = letter.direction == "incoming" and letter.state in ("received", "read") \
                and self.env.user in letter.recipient_position_id.sudo().current_user_ids

    @api.depends("disposition_branch_ids.position_id")
    def _compute_circle(self):
        # a confidential letter is also readable by the seats it was disposed to
        super()._compute_circle()
        for letter in self:
            if letter.disposition_branch_ids:
                letter.circle_position_ids |= letter.disposition_branch_ids.position_id

    def action_dispose(self):
        self.ensure_one()
        if not self.can_dispose:
            raise UserError(_("Only the official of the addressed position can dispose this letter, once it is "
                              "registered."))
        if self.state == "received":
            self.action_mark_read()
        return {
            "type": "ir.actions.act_window",
            "name": _("Dispose"),
            "res_model": "eoffice.disposition.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_letter_id": self.id, "default_from_position_id": self.recipient_position_id.id,
                        "default_mode": "dispose"},
        }

    def action_print_disposition_sheet(self):
        self.ensure_one()
        return self.env["eoffice.disposition"]._download_sheet(self)
