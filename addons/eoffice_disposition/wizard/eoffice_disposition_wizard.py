from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.eoffice_disposition import PRIORITIES


class EofficeDispositionWizard(models.TransientModel):
    """Dispose a letter, forward a disposition, report it done or return it."""

    _name = "eoffice.disposition.wizard"
    _description = "Disposition Follow-up"

    mode = fields.Selection([("dispose", "Dispose"), ("forward", "Forward"), ("done", "Report Done"),
                             ("return", "Return")], string="Action", required=True, default="dispose")
    letter_id = fields.Many2one("eoffice.letter", string="Letter", required=True)
    branch_id = fields.Many2one("eoffice.disposition.branch", string="Disposition")
    from_position_id = fields.Many2one("eoffice.position", string="From", required=True)
    allowed_position_ids = fields.Many2many("eoffice.position", compute="_compute_allowed_position_ids")
    position_ids = fields.Many2many("eoffice.position", string="To",
                                    domain="[('id', 'in', allowed_position_ids)]")
    instruction_ids = fields.Many2many("eoffice.disposition.instruction", string="Instructions")
    note = fields.Text(string="Note")
    deadline = fields.Date(string="Deadline")
    priority = fields.Selection(PRIORITIES, string="Priority", default="0")
    report = fields.Text(string="Report")
    attachment_ids = fields.Many2many("ir.attachment", string="Files")

    @api.depends("from_position_id")
    def _compute_allowed_position_ids(self):
        for wizard in self:
            wizard.allowed_position_ids = self.env["eoffice.disposition"]._allowed_targets(
                wizard.from_position_id) if wizard.from_position_id else False

    @api.onchange("letter_id", "branch_id")
    def _onchange_deadline(self):
        if not self.deadline and self.letter_id:
            self.deadline = self.branch_id.deadline or self.env["eoffice.disposition"]._default_deadline(
                self.letter_id)

    def action_confirm(self):
        self.ensure_one()
        if self.mode in ("dispose", "forward"):
            if not self.position_ids:
                raise UserError(_("Choose at least one position to dispose the letter to."))
            kwargs = {"instructions": self.instruction_ids, "note": self.note, "deadline": self.deadline,
                      "priority": self.priority}
            if self.mode == "forward":
                self.branch_id.action_forward(self.position_ids, **kwargs)
            else:
                self.env["eoffice.disposition"]._dispose(self.letter_id, self.from_position_id, self.position_ids,
                                                         **kwargs)
        elif self.mode == "done":
            self.branch_id.action_done(self.report, self.attachment_ids)
        else:
            self.branch_id.action_return(self.report)
        return {"type": "ir.actions.act_window_close"}
