from odoo import _, api, fields, models
from odoo.addons.eoffice_letters.models.eoffice_letter_recipient import DRAFT
from odoo.exceptions import UserError, ValidationError


class EofficeLetterRecipient(models.Model):
    _inherit = "eoffice.letter.recipient"

    recipient_type = fields.Selection(selection_add=[("exchange", "Other organisation (exchange)")],
                                      ondelete={"exchange": "cascade"})
    dispatch_method = fields.Selection(selection_add=[("exchange", "Exchange (signed envelope)")],
                                       ondelete={"exchange": "set null"})
    exchange_address_id = fields.Many2one("eoffice.exchange.address", string="Exchange Address",
                                          domain="[('peer_id', '!=', False), ('peer_id.state', '=', 'trusted')]",
                                          workflow=DRAFT)
    exchange_message_id = fields.Many2one("eoffice.exchange.message", string="Envelope", readonly=True, copy=False,
                                          workflow="owned")
    exchange_state = fields.Selection(related="exchange_message_id.state", string="Envelope Status")
    exchange_agenda_number = fields.Char(related="exchange_message_id.receipt_agenda_number",
                                         string="Peer's Agenda Number")
    exchange_receipt_date = fields.Datetime(related="exchange_message_id.receipt_date", string="Delivered On")
    exchange_receipt_by = fields.Char(related="exchange_message_id.receipt_by", string="Registered By")

    @api.depends("exchange_address_id")
    def _compute_label(self):
        super()._compute_label()
        for line in self.sudo().filtered(lambda r: r.recipient_type == "exchange"):
            line.label = line.exchange_address_id.display_name

    @api.constrains("recipient_type", "exchange_address_id")
    def _check_exchange(self):
        for line in self:
            if line.recipient_type != "exchange":
                continue
            address = line.exchange_address_id.sudo()
            if not address.peer_id:
                raise ValidationError(_("Choose the other organisation's address the letter is sent to."))
            if line.letter_id.sifat in ("rahasia", "sangat_rahasia") and address.kind != "seat":
                raise ValidationError(_("A Rahasia letter travels only to a named seat, not to %(address)s.",
                                        address=address.display_name))


class EofficeLetter(models.Model):
    _inherit = "eoffice.letter"

    exchange_message_ids = fields.One2many("eoffice.exchange.message", "letter_id", string="Envelopes",
                                           readonly=True, workflow="owned")

    @api.constrains("sifat")
    def _check_exchange_sifat(self):
        for letter in self:
            if letter.sifat in ("rahasia", "sangat_rahasia") and any(
                    line.recipient_type == "exchange" and line.exchange_address_id.sudo().kind != "seat"
                    for line in letter.recipient_ids):
                raise ValidationError(_("A Rahasia letter travels only to a named seat of another organisation."))

    def action_send(self):
        exchange_lines = {}
        for letter in self:
            lines = letter.recipient_ids.sudo().filtered(lambda r: r.recipient_type == "exchange")
            if lines and letter.state == "signed":
                untrusted = lines.exchange_address_id.peer_id.filtered(lambda p: p.state != "trusted")
                if untrusted:
                    raise UserError(_("%(peers)s is not a trusted peer: nothing was sent.",
                                      peers=", ".join(untrusted.mapped("name"))))
            exchange_lines[letter.id] = lines
        result = super().action_send()
        Message = self.env["eoffice.exchange.message"]
        for letter in self:
            for line in exchange_lines.get(letter.id, []):
                message = Message._queue_letter(letter, line)
                line.write({"exchange_message_id": message.id, "dispatch_method": "exchange",
                            "dispatch_state": "sent", "dispatch_date": fields.Datetime.now(),
                            "dispatched_by_id": self.env.uid})
        return result

    def action_mark_read(self):
        unread = self.filtered(lambda letter: letter.state == "received")
        result = super().action_mark_read()
        messages = self.env["eoffice.exchange.message"].sudo().search([
            ("letter_id", "in", unread.filtered(lambda letter: letter.state == "read").ids),
            ("direction", "=", "in"), ("kind", "=", "letter"), ("state", "=", "received")])
        if messages:
            messages._queue_read_receipt(self.env.user)
        return result


class EofficeLetterRecipientDelivery(models.Model):
    _inherit = "eoffice.letter.recipient"

    def action_mark_delivered(self):
        if any(line.dispatch_method == "exchange" for line in self):
            raise UserError(_("A letter sent through the exchange is delivered only by the peer's signed receipt."))
        return super().action_mark_delivered()
