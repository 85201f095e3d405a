"""The incoming register: a paper or e-mailed letter scanned, read by OCR, checked for a duplicate
and given its agenda number.

Once registered (``received``, then ``read``) the letter is what the agenda book says it is: nobody
changes its type, security (sifat), urgency, addressee, body or files, since the dispositions, the
circle of a Rahasia letter and the agenda book rest on them. The SKPD's TU, who typed the register
entry from the paper, may still correct what they transcribed (``REGISTER_CORRECTIONS``): the sender,
the sender's number and date, the subject (hal) as written on the letter, and the archive
classification, which is TU's filing decision. A typo in those would hide the letter from searches
and from the duplicate check, and the paper stays the authority to correct them from. Each correction
is tracked in the chatter. A copy delivered by the system from a signed internal letter is never
corrected: its facts are the signed original's.
"""
import base64

from odoo import _, api, fields, models
from odoo.addons.eoffice_skpd.models.eoffice_workflow_mixin import WorkflowError
from odoo.exceptions import AccessError, UserError, ValidationError

from ..utils import images_to_pdf, ocr_images, ocr_pdf, propose_from_text
from .eoffice_letter import DRAFT

REGISTERED = ("received", "read")
# what TU may still correct on a registered incoming letter (see the module docstring)
REGISTER_CORRECTIONS = ("sender_partner_id", "sender_name", "sender_number", "sender_date", "name",
                        "classification_id")
CORRECTABLE = DRAFT + REGISTERED
# what OCR proposes, in the order of the message that says what it filled
OCR_FIELDS = (("sender_name", "sender"), ("sender_number", "number"), ("sender_date", "date"), ("name", "subject"))


class EofficeLetterIncoming(models.Model):
    """The incoming register of eoffice.letter."""

    _inherit = "eoffice.letter"

    # correctable by TU after registration; outgoing letters never reach these states
    name = fields.Char(workflow=CORRECTABLE)
    classification_id = fields.Many2one(workflow=CORRECTABLE)
    source_letter_id = fields.Many2one("eoffice.letter", string="Original Letter", readonly=True, copy=False,
                                       index=True, workflow="owned")
    recipient_position_id = fields.Many2one("eoffice.position", string="Addressed To", index=True,
                                            check_company=True, domain="[('company_id', '=', company_id)]",
                                                workflow=DRAFT)
    agenda_number = fields.Char(string="Agenda Number", readonly=True, copy=False, index=True, workflow="owned")
    sender_partner_id = fields.Many2one("res.partner", string="Sender (Contact)", tracking=True,
                                        workflow=CORRECTABLE)
    sender_name = fields.Char(string="Sender", index="trigram", help="Sender as written on the letter.",
                              tracking=True, workflow=CORRECTABLE)
    sender_number = fields.Char(string="Sender's Number", index="trigram", copy=False, tracking=True,
                                workflow=CORRECTABLE)
    sender_date = fields.Date(string="Sender's Date", copy=False, tracking=True, workflow=CORRECTABLE)
    received_date = fields.Date(string="Received On", copy=False, workflow=DRAFT)
    scan_page_ids = fields.Many2many("ir.attachment", "eoffice_letter_scan_rel", "letter_id", "attachment_id",
                                     string="Scanned Pages",
                                     help="The scanned letter: its page images (JPG, PNG, TIFF; one per page, in "
                                          "order) or one PDF.",
                                         workflow=DRAFT)
    # the pages joined into one PDF by the OCR step; integrators may also give a PDF here directly
    scan_pdf = fields.Binary(string="Scan (PDF)", attachment=True, copy=False, workflow=DRAFT)
    scan_filename = fields.Char(string="Scan File Name", copy=False, workflow=DRAFT)
    ocr_text = fields.Text(string="Scan Text (OCR)", copy=False, index="trigram", workflow=DRAFT, prefetch=False)
    duplicate_of_id = fields.Many2one("eoffice.letter", string="Possibly Registered Already",
                                      compute="_compute_duplicate_of")
    can_correct_register = fields.Boolean(compute="_compute_can_correct_register",
                                          string="Can Correct the Register")

    @api.model_create_multi
    def create(self, vals_list):
        default = self.env.context.get("default_direction")
        if not all(vals.get("direction", default) == "incoming" for vals in vals_list):
            return super().create(vals_list)
        # Whoever makes an incoming letter (the SKPD's TU for every letter of the SKPD, the sender of an
        # internal letter for each recipient's copy) does not follow it: the addressee follows it from
        # the activity of the register; a follower row per letter cost 2 queries (docs/performance.md).
        return super(EofficeLetterIncoming, self.with_context(mail_create_nosubscribe=True)).create(
            vals_list).with_env(self.env)

    @api.depends("state", "direction", "source_letter_id")
    @api.depends_context("uid")
    def _compute_can_correct_register(self):
        tu = self.env.user.has_group("eoffice_skpd.group_agendaris")
        for letter in self:
            letter.can_correct_register = (tu and letter.direction == "incoming" and letter.state in REGISTERED
                                           and not letter.source_letter_id)

    def _workflow_check_write(self, vals):
        """Past the draft, only TU corrects the register's transcription (``REGISTER_CORRECTIONS``) of
        a letter registered from paper; the declarations let these fields through in REGISTERED."""
        super()._workflow_check_write(vals)
        corrected = [name for name in REGISTER_CORRECTIONS if name in vals]
        registered = self.filtered(lambda letter: letter.state != "draft")
        if not corrected or not registered:
            return
        env = self._workflow_env()
        labels = ", ".join(self._workflow_field_label(name) for name in corrected)
        tu = self.env.user.has_group("eoffice_skpd.group_agendaris")
        for letter in registered:
            if letter.direction != "incoming" or letter.state not in REGISTERED:
                raise WorkflowError(env._("%(record)s is %(state)s: %(field)s can no longer be changed.",
                                          record=letter.display_name, state=letter._workflow_label(letter.state),
                                          field=labels))
            if letter.source_letter_id:
                raise WorkflowError(env._(
                    "%(record)s was delivered by the system from a signed letter: %(fields)s are those of the "
                    "signed original and cannot be corrected.", record=letter.display_name, fields=labels))
            if not tu:
                raise WorkflowError(env._(
                    "%(record)s is registered: only the SKPD's TU (agendaris) can correct %(fields)s.",
                    record=letter.display_name, fields=labels))

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

    def _read_scan(self):
        """Join the scanned pages into one PDF, read it (OCR) and fill the sender, the sender's number
        and date and the subject where they are still empty. Returns the labels of the fields filled."""
        self.ensure_one()
        if self.direction != "incoming" or self.state != "draft":
            raise UserError(_("Only an incoming letter being registered can have its scan read."))
        pages = self.scan_page_ids.sorted("id")
        images = pages.filtered(lambda a: (a.mimetype or "").startswith("image/"))
        pdfs = pages.filtered(lambda a: a.mimetype == "application/pdf")
        if pages and pages != images | pdfs:
            raise UserError(_("The scanned pages must be images (PNG, JPEG, TIFF) or a PDF."))
        if images and pdfs or len(pdfs) > 1:
            raise UserError(_("Upload either the page images or one PDF of the letter, not both."))
        values = {}
        if images:
            raw = [a.raw for a in images]
            values.update(scan_pdf=base64.b64encode(images_to_pdf(raw)), scan_filename="scan.pdf")
            text = ocr_images(raw)
        elif pdfs:
            values.update(scan_pdf=base64.b64encode(pdfs.raw), scan_filename=pdfs.name or "scan.pdf")
            text = ocr_pdf(pdfs.raw)
        elif self.scan_pdf:
            text = ocr_pdf(base64.b64decode(self.scan_pdf))
        else:
            raise UserError(_("Upload the scanned pages (page images or one PDF) first."))
        proposal = propose_from_text(text)
        values["ocr_text"] = text
        filled = []
        for field, key in OCR_FIELDS:
            if proposal.get(key) and not self[field]:
                values[field] = proposal[key]
                filled.append(field)
        self.write(values)
        return [self._fields[field]._description_string(self.env) for field in filled]

    def action_read_scan(self):
        """The button: read the scan and say, in the chatter and in a notification, which fields OCR
        filled (it never overwrites what TU typed)."""
        messages, all_filled = [], True
        for letter in self:
            filled = letter._read_scan()
            all_filled = all_filled and bool(filled)
            if filled:
                message = _("OCR filled: %(fields)s. Check them against the paper.", fields=", ".join(filled))
            elif letter.ocr_text:
                message = _("OCR read the scan but filled nothing: the sender, number, date and subject were "
                            "typed already or not found.")
            else:
                message = _("OCR could not read any text from the scan: type the sender, number and date.")
            letter._log(message)
            messages.append(message)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Scan read (OCR)"),
                "message": " ".join(messages),
                "type": "success" if all_filled else "warning",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_register(self):
        """TU registers an incoming letter: it gets its agenda number."""
        for letter in self:
            if letter.direction != "incoming" or letter.state != "draft":
                raise UserError(_("Only an incoming letter being registered can be registered."))
            if not (self.env.su or self.env.user.has_group("eoffice_skpd.group_agendaris")):
                raise AccessError(_("Only the SKPD's agendaris (TU) registers incoming letters."))
            if letter.scan_page_ids and not letter.scan_pdf:
                # what OCR finds counts (a refusal below rolls it back with the rest)
                letter._read_scan()
            missing = [label for field, label in (("name", _("the subject")), ("sender_name", _("the sender")),
                                                   ("sender_number", _("the sender's number")),
                                                   ("sender_date", _("the sender's date")))
                       if not letter[field]]
            if missing:
                raise UserError(_("Give %(missing)s before registering.", missing=", ".join(missing)))
            letter.check_access("write")
            # looked up before the register's writes (it excludes the letter itself), so that its
            # search does not flush them: the letter is then written with one UPDATE
            duplicate = letter.duplicate_of_id
            if not letter.received_date:
                letter.write({"received_date": fields.Date.context_today(letter)})
            letter._workflow_write({"state": "received", "agenda_number": letter._next_agenda_number()})
            if duplicate:
                letter._log(_("Possibly registered already as agenda %(agenda)s.", agenda=duplicate.agenda_number))
            # a draft waits for nobody: there is no activity of a previous step to remove
            letter._notify_pending(first=True)
        # the register is in the table when the method returns, for what reads it with SQL in the
        # same transaction (the control room's view); one UPDATE per batch, as before
        self.flush_recordset()
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
