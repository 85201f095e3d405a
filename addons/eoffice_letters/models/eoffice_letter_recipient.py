from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

DRAFT = ("draft",)

RECIPIENT_TYPES = [
    ("position", "Position"),
    ("department", "Unit"),
    ("skpd", "Whole SKPD"),
    ("external", "External"),
]
DISPATCH_METHODS = [("email", "E-mail"), ("print", "Printed, by courier"), ("internal", "Internal (e-Office)")]
DISPATCH_STATES = [("pending", "To dispatch"), ("sent", "Dispatched"), ("delivered", "Delivered")]


class EofficeLetterRecipient(models.Model):
    """An addressee (kind "to") or a copy (tembusan, kind "cc") of an outgoing letter.

    Internal recipients resolve to a seat: a position itself, the top seat of a unit, or the
    head of an SKPD. External recipients are dispatched by e-mail or on paper; their lines
    are the expedition book (buku ekspedisi).
    """

    _name = "eoffice.letter.recipient"
    _description = "Letter Recipient"
    _order = "letter_id, kind desc, sequence, id"
    _rec_name = "label"
    _inherit = ["eoffice.workflow.mixin"]
    # addressees are chosen on the draft; dispatch and read receipts are the workflow's
    _workflow_state_field = "letter_id.state"

    letter_id = fields.Many2one("eoffice.letter", string="Letter", required=True, ondelete="cascade", index=True,
                                workflow="create")
    company_id = fields.Many2one(related="letter_id.company_id", store=True, index=True, string="SKPD")
    sequence = fields.Integer(default=10, workflow=DRAFT)
    kind = fields.Selection([("to", "To (Yth.)"), ("cc", "Copy (Tembusan)")], string="Kind", required=True,
                            default="to", workflow=DRAFT)
    recipient_type = fields.Selection(RECIPIENT_TYPES, string="Recipient Type", required=True, default="position",
                                      workflow=DRAFT)
    position_id = fields.Many2one("eoffice.position", string="Position",
                                  context={"eoffice_address_book": True}, workflow=DRAFT)
    department_id = fields.Many2one("hr.department", string="Unit", context={"eoffice_address_book": True},
                                    workflow=DRAFT)
    target_company_id = fields.Many2one("res.company", string="SKPD ", context={"eoffice_address_book": True},
                                        workflow=DRAFT)
    partner_id = fields.Many2one("res.partner", string="Partner", workflow=DRAFT)
    external_name = fields.Char(string="Name and Address",
                                help="As written on the letter, e.g. Kepala Kantor Wilayah BPN Provinsi ...",
                                    workflow=DRAFT)
    target_position_id = fields.Many2one("eoffice.position", string="Addressed Seat", compute="_compute_target",
                                         store=True, index=True)
    label = fields.Char(string="Recipient", compute="_compute_label", store=True)
    incoming_letter_id = fields.Many2one("eoffice.letter", string="Delivered Copy", readonly=True, copy=False,
                                         workflow="owned")
    read_date = fields.Datetime(string="Read On", readonly=True, copy=False, workflow="owned")
    read_by_id = fields.Many2one("res.users", string="Read By", readonly=True, copy=False, workflow="owned")
    dispatch_method = fields.Selection(DISPATCH_METHODS, string="Dispatch", copy=False, readonly=True, workflow="owned")
    dispatch_state = fields.Selection(DISPATCH_STATES, string="Dispatch Status", copy=False, readonly=True,
                                      workflow="owned")
    dispatch_date = fields.Datetime(string="Dispatched On", copy=False, readonly=True, workflow="owned")
    dispatched_by_id = fields.Many2one("res.users", string="Dispatched By", copy=False, readonly=True, workflow="owned")
    delivery_note = fields.Char(string="Receipt", copy=False,
                                help="Who received the printed letter, or the courier's reference.", workflow=("sent",))
    letter_number = fields.Char(related="letter_id.number", string="Letter Number")
    letter_subject = fields.Char(related="letter_id.name", string="Subject")

    @api.depends("recipient_type", "position_id", "department_id", "target_company_id")
    def _compute_target(self):
        for line in self:
            if line.recipient_type == "position":
                line.target_position_id = line.position_id
            elif line.recipient_type == "department":
                line.target_position_id = line.department_id.sudo()._eoffice_top_position()
            elif line.recipient_type == "skpd":
                line.target_position_id = line.target_company_id.sudo().head_position_id
            else:
                line.target_position_id = False

    @api.depends("recipient_type", "position_id", "department_id", "target_company_id", "partner_id",
                 "external_name")
    def _compute_label(self):
        for line in self.sudo():
            if line.recipient_type == "position":
                line.label = line.position_id.name
            elif line.recipient_type == "department":
                line.label = line.department_id.name
            elif line.recipient_type == "skpd":
                head = line.target_company_id.head_position_id
                line.label = head.name or line.target_company_id.name
            else:
                line.label = line.external_name or line.partner_id.name

    @api.constrains("recipient_type", "position_id", "department_id", "target_company_id", "partner_id",
                    "external_name")
    def _check_recipient(self):
        required = {"position": "position_id", "department": "department_id", "skpd": "target_company_id"}
        for line in self:
            field = required.get(line.recipient_type)
            if field and not line[field]:
                raise ValidationError(_("Choose the %(what)s the letter is addressed to.",
                                        what=line._fields[field].get_description(self.env)["string"]))
            if line.recipient_type == "external" and not (line.partner_id or line.external_name):
                raise ValidationError(_("Give the external recipient's partner or name and address."))

    def action_mark_delivered(self):
        for line in self:
            line.letter_id._check_can_send()
            line.sudo().write({"dispatch_state": "delivered"})
            line.letter_id._log(_("Delivered to %(recipient)s.", recipient=line.label))
        return True
