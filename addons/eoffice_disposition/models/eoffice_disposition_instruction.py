from odoo import fields, models


class EofficeDispositionInstruction(models.Model):
    """A standard instruction printed on the lembar disposisi (data, editable by the Pemda)."""

    _name = "eoffice.disposition.instruction"
    _description = "Disposition Instruction"
    _order = "sequence, id"

    name = fields.Char(string="Instruction", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
