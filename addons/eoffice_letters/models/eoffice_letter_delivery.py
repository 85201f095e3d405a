"""Delivery of a signed letter (internal copy, e-mail or the expedition book) and its read receipts."""
from datetime import date

from markupsafe import Markup

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError


class EofficeLetterDelivery(models.Model):
    """Sending and read receipts of eoffice.letter."""

    _inherit = "eoffice.letter"

    read_date = fields.Datetime(string="Read On", readonly=True, copy=False, workflow="owned")
    read_by_id = fields.Many2one("res.users", string="Read By", readonly=True, copy=False, workflow="owned")

    def _check_can_send(self):
        user = self.env.user
        if user == self.create_uid or user.has_group("eoffice_skpd.group_agendaris") \
                or user in self.signer_position_id.sudo().current_user_ids:
            return
        raise AccessError(_("Only the drafter, the signer or the SKPD's agendaris can send %(letter)s.",
                            letter=self.display_name))

    def action_send(self):
        """Deliver the signed letter: internal recipients get their incoming copy at once,
        external ones an e-mail with the PDF, or a line in the expedition book to print."""
        for letter in self:
            if letter.state != "signed":
                raise UserError(_("Only a signed letter can be sent."))
            letter._check_can_send()
            now = fields.Datetime.now()
            for line in letter.recipient_ids.sudo():
                if line.target_position_id:
                    copy = letter._deliver_internal(line)
                    line.write({"incoming_letter_id": copy.id, "dispatch_method": "internal",
                                "dispatch_state": "delivered", "dispatch_date": now, "dispatched_by_id": self.env.uid})
                elif line.recipient_type == "external" and line.partner_id.email:
                    letter._deliver_email(line)
                    line.write({"dispatch_method": "email", "dispatch_state": "sent", "dispatch_date": now,
                                "dispatched_by_id": self.env.uid})
                else:
                    line.write({"dispatch_method": "print", "dispatch_state": "pending"})
            letter._workflow_write({"state": "sent"})
            letter._log(_("Sent to %(recipients)s.",
                                       recipients=", ".join(letter.recipient_ids.mapped("label"))))
        return True

    def _deliver_internal(self, line):
        seat = line.target_position_id.sudo()
        company = seat.company_id
        copy = self.sudo().with_company(company).create({
            "direction": "incoming",
            "state": "received",
            "company_id": company.id,
            "name": self.name,
            "type_id": self.type_id.id,
            "classification_id": self.classification_id.id,
            "sifat": self.sifat,
            "urgency": self.urgency,
            "body": self.signed_body,
            "source_letter_id": self.id,
            "recipient_position_id": seat.id,
            "sender_name": self.signer_title and f"{self.signer_title}, {self.company_id.name}" or self.company_id.name,
            "sender_number": self.number,
            "sender_date": self.letter_date,
            # never before the letter's date, when the signer's time zone is a day ahead of ours
            "received_date": max(fields.Date.context_today(self), self.letter_date or date.min),
            "pdf_file": self.pdf_file,
            "pdf_filename": self.pdf_filename,
            "pdf_sha256": self.pdf_sha256,
            "signature_kind": self.signature_kind,
        })
        copy._workflow_write({"agenda_number": copy._next_agenda_number()})
        for attachment in self.attachment_ids.sudo():
            attachment.copy({"res_model": copy._name, "res_id": copy.id})
        copy.attachment_ids = self.env["ir.attachment"].sudo().search(
            [("res_model", "=", copy._name), ("res_id", "=", copy.id), ("res_field", "=", False)])
        copy._log(_("Received from %(sender)s (%(kind)s).", sender=self.company_id.name,
                                 kind=dict(line._fields["kind"]._description_selection(self.env)).get(line.kind)))
        copy._notify_pending()
        return copy

    def _deliver_email(self, line):
        attachment = self.env["ir.attachment"].sudo().create({
            "name": self.pdf_filename, "datas": self.pdf_file, "res_model": self._name, "res_id": self.id,
            "mimetype": "application/pdf"})
        body = Markup("<p>%s</p><p>%s</p>") % (
            _("Please find attached the letter number %(number)s about %(subject)s.",
              number=self.number, subject=self.name),
            _("Its authenticity can be checked at %(url)s.", url=self.verification_url))
        mail = self.env["mail.mail"].sudo().create({
            "subject": f"{self.number} — {self.name}",
            "body_html": body,
            "email_to": line.partner_id.email,
            "email_from": self.company_id.email or self.env.user.email_formatted,
            "attachment_ids": [fields.Command.link(attachment.id)],
            "model": self._name,
            "res_id": self.id,
        })
        return mail

    def action_mark_read(self):
        """Read receipt: the addressed seat's official has read the letter."""
        for letter in self:
            if letter.state != "received":
                continue
            if letter.recipient_position_id:
                letter._check_seat(letter.recipient_position_id, _("acknowledge"))
            now = fields.Datetime.now()
            letter._workflow_write({"state": "read", "read_date": now, "read_by_id": self.env.uid})
            source_line = letter.sudo().source_letter_id.recipient_ids.filtered(
                lambda r, letter=letter: r.incoming_letter_id == letter)
            if source_line:
                source_line.write({"read_date": now, "read_by_id": self.env.uid})
                letter.sudo().source_letter_id._log(
                    _("Read by %(name)s (%(seat)s).", name=self.env.user.name, seat=source_line.label))
            letter.sudo().activity_unlink(["mail.mail_activity_data_todo"])
        return True
