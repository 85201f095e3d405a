from odoo import api, fields, models


class EofficeLetterCosigner(models.Model):
    """A further signer of a letter (berita acara, perjanjian...): signs after the main signer,
    in order, adding their own signature to the same PDF."""

    _name = "eoffice.letter.cosigner"
    _description = "Letter Co-signer"
    _inherit = ["eoffice.workflow.mixin"]
    _order = "letter_id, sequence, id"
    _workflow_initial_states = ("pending",)
    _workflow_parent_field = "letter_id"

    letter_id = fields.Many2one("eoffice.letter", string="Letter", required=True, ondelete="cascade", index=True,
                                workflow="create")
    company_id = fields.Many2one(related="letter_id.company_id", store=True, index=True, string="SKPD")
    sequence = fields.Integer(default=10, workflow=("pending",))
    position_id = fields.Many2one("eoffice.position", string="Position", required=True,
                                  domain="[('company_id', '=', company_id)]", workflow=("pending",))
    state = fields.Selection([("pending", "To Sign"), ("signed", "Signed")], string="Status", default="pending",
                             required=True, readonly=True, copy=False, workflow="owned")
    signer_user_id = fields.Many2one("res.users", string="Signed By", readonly=True, copy=False, workflow="owned")
    signer_name = fields.Char(string="Name", readonly=True, copy=False, workflow="owned")
    signer_title = fields.Char(string="Signed As", readonly=True, copy=False, workflow="owned")
    signer_nip = fields.Char(string="NIP", readonly=True, copy=False, workflow="owned")
    date = fields.Datetime(string="Signed On", readonly=True, copy=False, workflow="owned")

    @api.depends("position_id.name")
    def _compute_display_name(self):
        for cosigner in self:
            cosigner.display_name = cosigner.position_id.sudo().name or cosigner.signer_name or ""
