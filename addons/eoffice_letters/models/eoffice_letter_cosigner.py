from odoo import fields, models


class EofficeLetterCosigner(models.Model):
    """A further signer of a letter (berita acara, perjanjian...): signs after the main signer,
    in order, adding their own signature to the same PDF."""

    _name = "eoffice.letter.cosigner"
    _description = "Letter Co-signer"
    _order = "letter_id, sequence, id"

    letter_id = fields.Many2one("eoffice.letter", string="Letter", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="letter_id.company_id", store=True, index=True, string="SKPD")
    sequence = fields.Integer(default=10)
    position_id = fields.Many2one("eoffice.position", string="Position", required=True,
                                  domain="[('company_id', '=', company_id)]")
    state = fields.Selection([("pending", "To Sign"), ("signed", "Signed")], string="Status", default="pending",
                             required=True, readonly=True)
    signer_user_id = fields.Many2one("res.users", string="Signed By", readonly=True)
    signer_name = fields.Char(string="Name", readonly=True)
    signer_title = fields.Char(string="Signed As", readonly=True)
    signer_nip = fields.Char(string="NIP", readonly=True)
    date = fields.Datetime(string="Signed On", readonly=True)
