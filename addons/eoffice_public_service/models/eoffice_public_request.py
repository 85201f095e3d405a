"""A citizen's request to a public service: filed on the public form, registered at once as an
incoming letter of the SKPD (agenda number, addressed to the service's seat, the files as its scan),
followed through the disposition, answered by a signed outgoing letter or refused with a reason."""
import base64
import datetime
import hashlib
import logging
import secrets

from markupsafe import Markup

from odoo import api, fields, models
from odoo.addons.eoffice_letters.utils import images_to_pdf
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import plaintext2html
from odoo.tools.pdf import merge_pdf

STATES = [("diterima", "Received"), ("diproses", "In Process"), ("selesai", "Completed"), ("ditolak", "Refused")]
OPEN = ("diterima", "diproses")
TRANSITIONS = (("diterima", "diproses"), ("diterima", "selesai"), ("diproses", "selesai"),
               ("diterima", "ditolak"), ("diproses", "ditolak"))

_logger = logging.getLogger(__name__)


def tracking_hash(code):
    """What is stored of a tracking code: its SHA-256. The code itself is shown once and e-mailed, so
    nobody reading the database (an SKPD's staff included) can act as the citizen on the public page."""
    return hashlib.sha256((code or "").encode()).hexdigest()


class EofficePublicRequest(models.Model):
    _name = "eoffice.public.request"
    _description = "Public Service Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "eoffice.workflow.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _workflow_initial_states = ("diterima",)
    _workflow_unlink_states = ()
    _workflow_transitions = TRANSITIONS

    name = fields.Char(string="Reference", readonly=True, copy=False, index="trigram", workflow="owned")
    service_id = fields.Many2one("eoffice.public.service", string="Service", required=True, index=True,
                                 ondelete="restrict", workflow="create")
    company_id = fields.Many2one(related="service_id.company_id", store=True, index=True, string="SKPD")
    position_id = fields.Many2one(related="service_id.position_id", store=True, index=True,
                                  string="Responsible Position")
    state = fields.Selection(STATES, string="Status", default="diterima", required=True, readonly=True,
                             index=True, tracking=True, workflow="owned")
    # what the citizen wrote: never changed afterwards
    citizen_name = fields.Char(string="Citizen", readonly=True, workflow="owned")
    nik = fields.Char(string="NIK", readonly=True, workflow="owned")
    email = fields.Char(string="E-mail", readonly=True, workflow="owned")
    phone = fields.Char(string="Phone", readonly=True, workflow="owned")
    subject = fields.Char(string="Subject", readonly=True, index="trigram", workflow="owned")
    message = fields.Text(string="Message", readonly=True, workflow="owned")
    partner_id = fields.Many2one("res.partner", string="Citizen Account", readonly=True, index=True,
                                 workflow="owned", help="The citizen's portal account, when they filed signed in.")
    tracking_hash = fields.Char(readonly=True, index=True, copy=False, groups="base.group_system",
                                workflow="owned")
    remote_addr = fields.Char(string="Client Address", readonly=True, index=True, copy=False,
                              groups="eoffice_skpd.group_pemda_admin", workflow="owned")
    # the letters
    letter_id = fields.Many2one("eoffice.letter", string="Incoming Letter", readonly=True, index=True,
                                ondelete="restrict", workflow="owned")
    agenda_number = fields.Char(related="letter_id.agenda_number", string="Agenda Number")
    answer_letter_id = fields.Many2one(
        "eoffice.letter", string="Answer Letter", index=True, ondelete="restrict", check_company=True,
        domain="[('direction', '=', 'outgoing'), ('company_id', '=', company_id), ('sifat', '=', 'biasa'), "
               "('state', 'not in', ('revoked', 'superseded'))]",
        workflow=OPEN, tracking=True,
        help="The outgoing letter that answers the request. Once it is signed, the request is completed and "
             "the citizen can download it from the tracking page.")
    refusal_reason = fields.Text(string="Reason for Refusal", readonly=True, workflow="owned")
    # dates and the service level
    received_date = fields.Date(string="Received On", readonly=True, index=True, workflow="owned")
    deadline = fields.Date(string="Deadline", readonly=True, index=True, workflow="owned")
    process_date = fields.Date(string="Processed From", readonly=True, workflow="owned")
    completed_date = fields.Date(string="Completed On", readonly=True, index=True, workflow="owned")
    is_overdue = fields.Boolean(string="Overdue", readonly=True, index=True, workflow="owned",
                                help="Past its deadline and not completed; set every day by a scheduled action.")
    on_time = fields.Boolean(string="Done on Time", compute="_compute_on_time", store=True, aggregator="bool_or",
                             help="Completed or refused within its service level.")
    survey_ids = fields.One2many("eoffice.public.survey", "request_id", string="Satisfaction Survey",
                                 workflow="owned")
    request_count = fields.Integer(string="Requests", compute="_compute_request_count", store=True,
                                   aggregator="sum", help="1 per request: a measure for pivots and dashboards.")

    _sql_constraints = [
        ("tracking_hash_uniq", "unique(tracking_hash)", "Tracking codes must be unique."),
        ("letter_uniq", "unique(letter_id)", "This letter already registers a request."),
    ]

    @api.depends("state", "completed_date", "deadline")
    def _compute_on_time(self):
        for request in self:
            request.on_time = bool(request.state in ("selesai", "ditolak") and request.completed_date
                                   and request.deadline and request.completed_date <= request.deadline)

    @api.depends("service_id")
    def _compute_request_count(self):
        for request in self:
            request.request_count = 1

    @api.constrains("answer_letter_id")
    def _check_answer_letter(self):
        for request in self:
            letter = request.answer_letter_id.sudo()
            if not letter:
                continue
            if letter.direction != "outgoing" or letter.company_id != request.company_id:
                raise ValidationError(self.env._("The answer must be an outgoing letter of %(skpd)s.",
                                                 skpd=request.company_id.name))
            if letter.sifat != "biasa":
                raise ValidationError(self.env._(
                    "The answer is offered to the citizen on the public tracking page: it must be a letter of "
                    "sifat Biasa."))
            if letter.state in ("revoked", "superseded"):
                raise ValidationError(self.env._("A revoked or superseded letter cannot answer a request."))

    # ------------------------------------------------------------------ writes by the SKPD
    def write(self, vals):
        if "answer_letter_id" in vals and not self.env.su:
            self._check_handler(self.env._("link the answer letter of"))
            if vals.get("answer_letter_id"):
                # the user must be able to read the letter they publish to the citizen
                self.env["eoffice.letter"].browse(vals["answer_letter_id"]).check_access("read")
        res = super().write(vals)
        if vals.get("answer_letter_id"):
            self._complete_if_answered()
        return res

    def _check_handler(self, action):
        """The seat of the service, a seat the request's letter was disposed to, or the SKPD's admin."""
        user = self.env.user
        for request in self.sudo():
            seats = request.position_id | request.letter_id.disposition_branch_ids.position_id
            if user not in seats.current_user_ids and not user.has_group("eoffice_skpd.group_skpd_admin"):
                raise AccessError(self.env._(
                    "Only the officials of %(seat)s, the positions the request was disposed to, or the SKPD's "
                    "administrator can %(action)s this request.", seat=request.position_id.name, action=action))

    def _complete_if_answered(self):
        """A request whose answer letter is signed is completed."""
        done = self.sudo().filtered(lambda r: r.state in OPEN and r.answer_letter_id.state in ("signed", "sent"))
        for request in done:
            request._workflow_write({"state": "selesai", "completed_date": fields.Date.context_today(request),
                                     "is_overdue": False})
            request.activity_unlink(["mail.mail_activity_data_todo"])
            request._notify_citizen()

    def _mark_in_process(self):
        todo = self.sudo().filtered(lambda r: r.state == "diterima")
        if todo:
            todo._workflow_write({"state": "diproses", "process_date": fields.Date.context_today(self)})

    def action_refuse(self, reason):
        """Refuse the request, with the reason the citizen reads on the tracking page."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for the refusal: the citizen reads it."))
        self._check_handler(self.env._("refuse"))
        for request in self:
            if request.state not in OPEN:
                raise UserError(self.env._("Only a request being processed can be refused."))
        self.check_access("write")
        for request in self:
            request._workflow_write({"state": "ditolak", "refusal_reason": reason, "is_overdue": False,
                                     "completed_date": fields.Date.context_today(request)})
            request.sudo().activity_unlink(["mail.mail_activity_data_todo"])
            request.sudo()._notify_citizen()
        return True

    def action_open_refuse(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "name": self.env._("Refuse Request"),
                "res_model": "eoffice.public.request.refuse", "view_mode": "form", "target": "new",
                "context": {"default_request_id": self.id}}

    def action_open_letter(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "eoffice.letter", "res_id": self.letter_id.id,
                "view_mode": "form"}

    # ------------------------------------------------------------------ the public door
    @api.model
    def _submit_public(self, service, values, files, remote_addr=None, partner=None):
        """File a request from the public form (already validated by the controller): the incoming
        letter registered in the SKPD's register and addressed to the service's seat, the request, and
        the e-mail with the tracking code. Returns (request, tracking code).

        Runs as superuser on purpose: the public has no rights; what is created is only what the form
        gave, in the service's own SKPD."""
        self = self.sudo()
        service = service.sudo()
        today = fields.Date.context_today(self)
        reference = self.env["ir.sequence"].next_by_code("eoffice.public.request") or "/"
        letter = self.env["eoffice.letter"].create({
            "direction": "incoming",
            "company_id": service.company_id.id,
            "type_id": (service.letter_type_id or self.env.ref("eoffice_letters.letter_type_sd")).id,
            "name": values["subject"],
            "sender_name": values["name"],
            "sender_number": reference,
            "sender_date": today,
            "received_date": today,
            "recipient_position_id": service.position_id.id,
            "body": plaintext2html(values["message"]) + Markup("<p>%s</p>") % self.env._(
                "Online request %(ref)s to the service %(service)s. NIK %(nik)s, e-mail %(email)s, phone "
                "%(phone)s.", ref=reference, service=service.name, nik=values["nik"],
                email=values.get("email") or "-", phone=values.get("phone") or "-"),
        })
        attachments = self.env["ir.attachment"]
        for index, (filename, mimetype, data) in enumerate(files, start=1):
            attachments |= self.env["ir.attachment"].create({
                "name": filename or f"lampiran-{index}", "raw": data, "mimetype": mimetype,
                "res_model": "eoffice.letter", "res_id": letter.id})
        if attachments:
            letter.write({"scan_page_ids": [fields.Command.set(attachments.ids)],
                          "scan_pdf": base64.b64encode(self._files_to_pdf(files)), "scan_filename": "scan.pdf"})
        code = secrets.token_urlsafe(24)  # 192 bits
        request = self.create({
            "name": reference, "service_id": service.id, "citizen_name": values["name"], "nik": values["nik"],
            "email": values.get("email") or False, "phone": values.get("phone") or False,
            "subject": values["subject"], "message": values["message"], "letter_id": letter.id,
            "tracking_hash": tracking_hash(code), "remote_addr": remote_addr or False,
            "partner_id": partner.id if partner else False, "received_date": today,
            "deadline": self.env["eoffice.public.holiday"]._add_working_days(today, service.service_days),
        })
        if request.email:
            template = self.env.ref("eoffice_public_service.mail_template_request_received", False)
            if template:
                template.with_context(tracking_code=code, lang="id_ID").send_mail(
                    request.id, email_values={"email_to": request.email, "recipient_ids": []})
        # last: the agenda number is the SKPD's gapless counter, locked until the commit, and filings
        # to one SKPD at the same moment wait for each other there (Odoo retries the later one)
        letter.action_register()
        letter._log(self.env._("Registered from the online service %(service)s (request %(ref)s).",
                               service=service.name, ref=reference))
        return request, code

    @api.model
    def _files_to_pdf(self, files):
        """One PDF of the citizen's files for the register (images become pages)."""
        parts, images = [], []
        for _name, mimetype, data in files:
            if mimetype == "application/pdf":
                parts.append(data)
            else:
                images.append(data)
        if images:
            parts.insert(0, images_to_pdf(images))
        return parts[0] if len(parts) == 1 else merge_pdf(parts)

    @api.model
    def _find_by_code(self, code):
        """The request of a tracking code (sudo), or an empty recordset."""
        if not code or len(code) > 64:
            return self.sudo().browse()
        return self.sudo().search([("tracking_hash", "=", tracking_hash(code))], limit=1)

    @api.model
    def _portal_requests(self, partner):
        """The requests a signed-in citizen filed (sudo: portal users have no access to the model)."""
        if not partner:
            return self.sudo().browse()
        return self.sudo().search([("partner_id", "=", partner.id)], order="id desc")

    def _notify_citizen(self):
        """The e-mail of a status change, when the citizen gave an address (the tracking code is not
        repeated: it is the citizen's secret)."""
        template = self.env.ref("eoffice_public_service.mail_template_request_status", False)
        for request in self.sudo():
            if template and request.email:
                template.with_context(lang="id_ID").send_mail(
                    request.id, email_values={"email_to": request.email, "recipient_ids": []})

    # ------------------------------------------------------------------ service level
    @api.model
    def _cron_flag_overdue(self):
        """Flag the requests past their deadline and give the seat's officials an activity."""
        today = fields.Date.context_today(self)
        late = self.sudo().search([("state", "in", OPEN), ("deadline", "<", today), ("is_overdue", "=", False)])
        late._workflow_write({"is_overdue": True})
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        for request in late:
            request._message_log(body=Markup("<p>%s</p>") % self.env._(
                "Past its deadline of %(deadline)s.", deadline=request.deadline))
            if not todo:
                continue
            for user in request.position_id.current_user_ids:
                request.activity_schedule("mail.mail_activity_data_todo", user_id=user.id,
                                          date_deadline=today, summary=self.env._("Overdue public request"))
        return True

    @api.model
    def _cron_read_scans(self, limit=20):
        """OCR of the files of recent online requests, so that the register finds them by their text;
        done here, not while the citizen waits for the form's answer."""
        since = fields.Datetime.now() - datetime.timedelta(days=7)
        requests = self.sudo().search([("create_date", ">", since), ("letter_id.ocr_text", "=", False),
                                       ("letter_id.scan_pdf", "!=", False)], limit=limit, order="id")
        from odoo.addons.eoffice_letters.utils import ocr_pdf
        for request in requests:
            try:
                text = ocr_pdf(base64.b64decode(request.letter_id.scan_pdf))
            except Exception:  # noqa: BLE001 - an unreadable file must not stop the others' OCR
                _logger.info("OCR of public request %s failed; its letter is kept without text", request.id,
                             exc_info=True)
                text = ""
            # the letter is registered already: the workflow writes its OCR text
            request.letter_id.sudo().write({"ocr_text": text or " "})
        return True

    def _tracking_facts(self):
        """What the tracking page tells the holder of the code: status and dates, never internal notes,
        names of officials or other people's data."""
        self.ensure_one()
        request = self.sudo()
        answer = request.answer_letter_id
        facts = {
            "reference": request.name,
            "service": request.service_id.name,
            "skpd": request.company_id.name,
            "subject": request.subject,
            "status": request.state,
            "received_date": request.received_date and request.received_date.isoformat(),
            "process_date": request.process_date and request.process_date.isoformat(),
            "deadline": request.deadline and request.deadline.isoformat(),
            "completed_date": request.completed_date and request.completed_date.isoformat(),
            "overdue": bool(request.state in OPEN and request.deadline
                            and request.deadline < fields.Date.context_today(request)),
            "refusal_reason": request.refusal_reason if request.state == "ditolak" else None,
            "reply_pdf_url": None,
            "reply_number": None,
            "reply_verify_url": None,
            "survey_open": request.state == "selesai" and not request.survey_ids,
            "survey_done": bool(request.survey_ids),
        }
        # sifat Biasa is checked again here: a draft answer linked while Biasa could be reclassified later
        if request.state == "selesai" and answer and answer.state in ("signed", "sent") and answer.pdf_file \
                and answer.sifat == "biasa":
            facts["reply_number"] = answer.number
            facts["reply_verify_url"] = f"/eoffice/verify/{answer.verification_token}"
        return facts
