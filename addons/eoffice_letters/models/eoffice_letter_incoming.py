"""The incoming register: a paper or e-mailed letter scanned, read by OCR, checked for a duplicate
and given its agenda number."""
import base64

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..utils import images_to_pdf, ocr_pdf, propose_from_text
from .eoffice_letter import DRAFT


class EofficeLetterIncoming(models.Model):
    """The incoming register of eoffice.letter."""

    _inherit = "eoffice.letter"

    source_letter_id = fields.Many2one("eoffice.letter", string="Original Letter", readonly=True, copy=False,
                                       index=True, workflow="owned")
    recipient_position_id = fields.Many2one("eoffice.position", string="Addressed To", index=True,
                                            check_company=True, domain="[('company_id', '=', company_id)]",
                                                workflow=DRAFT)
    agenda_number = fields.Char(string="Agenda Number", readonly=True, copy=False, index=True, workflow="owned")
    sender_partner_id = fields.Many2one("res.partner", string="Sender (Contact)", workflow=DRAFT)
    sender_name = fields.Char(string="From", index="trigram", help="Sender as written on the letter.", workflow=DRAFT)
    sender_number = fields.Char(string="Sender's Number", index="trigram", copy=False, workflow=DRAFT)
    sender_date = fields.Date(string="Sender's Date", copy=False, workflow=DRAFT)
    received_date = fields.Date(string="Received On", copy=False, workflow=DRAFT)
    scan_page_ids = fields.Many2many("ir.attachment", "eoffice_letter_scan_rel", "letter_id", "attachment_id",
                                     string="Scanned Pages", help="Page images (or a PDF) of the paper letter.",
                                         workflow=DRAFT)
    scan_pdf = fields.Binary(string="Scan (PDF)", attachment=True, copy=False, workflow=DRAFT)
    scan_filename = fields.Char(string="Scan File Name", copy=False, workflow=DRAFT)
    ocr_text = fields.Text(string="Scan Text (OCR)", copy=False, index="trigram", workflow=DRAFT, prefetch=False)
    duplicate_of_id = fields.Many2one("eoffice.letter", string="Possibly Registered Already",
                                      compute="_compute_duplicate_of")

    @api.depends("sender_number", "sender_name", "sender_partner_id", "company_id", "direction")
    def _compute_duplicate_of(self):
        for letter in self:
            letter.duplicate_of_id = False
            if letter.direction != "incoming" or not letter.sender_number:
                continue
            domain = [("direction", "=", "incoming"), ("company_id", "=", letter.company_id.id),
                      ("sender_number", "=ilike", letter.sender_number.strip()), ("state", "!=", "draft")]
            if letter.id:
                domain.append(("id", "!=", letter.id))
            if letter.sender_partner_id:
                domain.append(("sender_partner_id", "=", letter.sender_partner_id.id))
            elif letter.sender_name:
                domain.append(("sender_name", "=ilike", letter.sender_name.strip()))
            letter.duplicate_of_id = self.search(domain, limit=1, order="id")

    def _next_agenda_number(self):
        year = (self.received_date or fields.Date.context_today(self)).year
        seq = self.env["eoffice.letter.sequence"].sudo()._next(self.company_id, f"agenda/{year}")
        return f"{seq:04d}/{year}"

    def action_read_scan(self):
        """Join the scanned pages into one PDF, read it (OCR) and propose number, date and subject."""
        for letter in self:
            if letter.scan_page_ids:
                pages = letter.scan_page_ids.sorted("id")
                images = pages.filtered(lambda a: (a.mimetype or "").startswith("image/"))
                pdfs = pages.filtered(lambda a: a.mimetype == "application/pdf")
                if images:
                    pdf = images_to_pdf([a.raw for a in images])
                elif pdfs:
                    pdf = pdfs[0].raw
                else:
                    raise UserError(_("The scanned pages must be images (PNG, JPEG, TIFF) or a PDF."))
                letter.write({"scan_pdf": base64.b64encode(pdf), "scan_filename": "scan.pdf"})
            if not letter.scan_pdf:
                raise UserError(_("Upload the scanned pages first."))
            text = ocr_pdf(base64.b64decode(letter.scan_pdf))
            proposal = propose_from_text(text)
            values = {"ocr_text": text}
            if proposal.get("number") and not letter.sender_number:
                values["sender_number"] = proposal["number"]
            if proposal.get("date") and not letter.sender_date:
                values["sender_date"] = proposal["date"]
            if proposal.get("subject") and not letter.name:
                values["name"] = proposal["subject"]
            letter.write(values)
        return True

    def action_register(self):
        """TU registers an incoming letter: it gets its agenda number."""
        for letter in self:
            if letter.direction != "incoming" or letter.state != "draft":
                raise UserError(_("Only an incoming letter being registered can be registered."))
            if not (self.env.su or self.env.user.has_group("eoffice_skpd.group_agendaris")):
                raise AccessError(_("Only the SKPD's agendaris (TU) registers incoming letters."))
            missing = [label for field, label in (("name", _("the subject")), ("sender_name", _("the sender")),
                                                   ("sender_number", _("the sender's number")),
                                                   ("sender_date", _("the sender's date")))
                       if not letter[field]]
            if missing:
                raise UserError(_("Give %(missing)s before registering.", missing=", ".join(missing)))
            if letter.scan_page_ids and not letter.scan_pdf:
                letter.action_read_scan()
            letter.check_access("write")
            if not letter.received_date:
                letter.write({"received_date": fields.Date.context_today(letter)})
            letter._workflow_write({"state": "received", "agenda_number": letter._next_agenda_number()})
            if letter.duplicate_of_id:
                letter._log(_("Possibly registered already as agenda %(agenda)s.",
                                           agenda=letter.duplicate_of_id.agenda_number))
            letter._notify_pending()
        return True

    @api.onchange("sender_partner_id")
    def _onchange_sender_partner_id(self):
        if self.sender_partner_id and not self.sender_name:
            self.sender_name = self.sender_partner_id.name

    @api.constrains("sender_date", "received_date")
    def _check_incoming_dates(self):
        for letter in self:
            if letter.sender_date and letter.received_date and letter.sender_date > letter.received_date:
                raise ValidationError(_("A letter cannot be received before the date it bears."))
