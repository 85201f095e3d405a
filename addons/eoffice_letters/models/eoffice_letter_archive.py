import base64
import datetime
import io

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

from ..utils import format_date_id

# Letters are filed once they exist as records of the SKPD: signed outgoing, registered incoming
FILED_STATES = ("signed", "sent", "received", "read")


class EofficeArchiveFile(models.Model):
    """A berkas: the letters of one unit, classification and year, with the retention (JRA) of its
    classification. Active until the end of the active period, then transferred to the unit
    kearsipan (inactive), then disposed of, handed to the archive (permanent), or reviewed."""

    _name = "eoffice.archive.file"
    _description = "Archive File (Berkas)"
    _inherit = ["mail.thread", "mail.activity.mixin", "eoffice.workflow.mixin"]
    # letters are filed by the workflow; a file moves on only through its buttons and is never deleted
    _workflow_initial_states = ("active",)
    _workflow_unlink_states = ()
    _order = "year desc, classification_code, id"

    name = fields.Char(string="File", required=True, tracking=True, workflow=("active", "inactive"))
    company_id = fields.Many2one("res.company", string="SKPD", required=True, index=True,
                                 default=lambda self: self.env.company, workflow="create")
    department_id = fields.Many2one("hr.department", string="Unit", index=True, workflow=("active",))
    classification_id = fields.Many2one("eoffice.archive.classification", string="Classification", required=True,
                                        ondelete="restrict", index=True, workflow=("active",))
    classification_code = fields.Char(related="classification_id.code", store=True, string="Code")
    year = fields.Integer(string="Year", required=True, default=lambda self: fields.Date.context_today(self).year,
                          workflow=("active",))
    letter_ids = fields.One2many("eoffice.letter", "archive_file_id", string="Letters", workflow="owned")
    letter_count = fields.Integer(string="Letter Count", compute="_compute_letter_count")
    state = fields.Selection([
        ("active", "Active"), ("inactive", "Inactive (records centre)"), ("permanent", "Permanent (archive)"),
        ("disposed", "Disposed"),
    ], string="Status", default="active", required=True, readonly=True, tracking=True, index=True, workflow="owned")
    active_until = fields.Date(string="Active Until", compute="_compute_retention", store=True)
    inactive_until = fields.Date(string="Inactive Until", compute="_compute_retention", store=True)
    final_disposition = fields.Selection(related="classification_id.effective_final_disposition", store=True,
                                         string="Final Disposition")
    due_action = fields.Selection([("transfer", "Transfer to records centre"), ("dispose", "Dispose"),
                                   ("permanent", "Hand to the archive"), ("review", "Review")],
                                  string="Due", compute="_compute_due_action", search="_search_due_action")
    transfer_date = fields.Date(string="Transferred On", readonly=True, workflow="owned")
    disposal_id = fields.Many2one("eoffice.archive.disposal", string="Disposal", readonly=True, workflow="owned")

    _sql_constraints = [("file_uniq", "unique(company_id, department_id, classification_id, year)",
                         "This unit already has a file for this classification and year.")]

    def _compute_letter_count(self):
        counts = dict(self.env["eoffice.letter"]._read_group([("archive_file_id", "in", self.ids)],
                                                             ["archive_file_id"], ["__count"]))
        for record in self:
            record.letter_count = counts.get(record, 0)

    @api.depends("year", "classification_id.effective_active_years", "classification_id.effective_inactive_years")
    def _compute_retention(self):
        """Retention runs from the end of the file's year (the file closes on 31 December)."""
        for record in self:
            if not record.year:
                record.active_until = record.inactive_until = False
                continue
            active = record.classification_id.effective_active_years
            inactive = record.classification_id.effective_inactive_years
            record.active_until = datetime.date(record.year + active, 12, 31)
            record.inactive_until = datetime.date(record.year + active + inactive, 12, 31)

    def _due_domain(self, action):
        today = fields.Date.context_today(self)
        final = {"dispose": "musnah", "permanent": "permanen", "review": "dinilai_kembali"}
        if action == "transfer":
            return [("state", "=", "active"), ("active_until", "<", today)]
        return [("state", "=", "inactive"), ("inactive_until", "<", today),
                ("final_disposition", "=", final[action]), ("disposal_id", "=", False)]

    def _compute_due_action(self):
        for record in self:
            record.due_action = False
            for action in ("transfer", "dispose", "permanent", "review"):
                if record.filtered_domain(record._due_domain(action)):
                    record.due_action = action
                    break

    def _search_due_action(self, operator, value):
        actions = ["transfer", "dispose", "permanent", "review"]
        if operator == "=" and value:
            return self._due_domain(value)
        if operator == "in":
            return expression.OR([self._due_domain(action) for action in value if action])
        if operator in ("!=", "=") and not value:
            due = expression.OR([self._due_domain(action) for action in actions])
            return due if operator == "!=" else ["!", *expression.normalize_domain(due)]
        raise UserError(self.env._("Unsupported search on the due action."))

    # ------------------------------------------------------------------ lifecycle
    def _check_archivist(self):
        if not (self.env.su or self.env.user.has_group("eoffice_skpd.group_skpd_admin")):
            raise AccessError(self.env._("Only the SKPD's archive unit (SKPD administrator) moves files."))

    def action_transfer(self):
        """Move files whose active period is over to the unit kearsipan (records centre)."""
        self._check_archivist()
        today = fields.Date.context_today(self)
        for record in self:
            if record.state != "active":
                raise UserError(self.env._("Only an active file can be transferred."))
            if record.active_until >= today:
                raise UserError(self.env._("%(file)s stays active until %(date)s.", file=record.name,
                                           date=format_date_id(record.active_until)))
        self.sudo().write({"state": "inactive", "transfer_date": today})
        for record in self:
            record._log(self.env._("Transferred to the records centre."))
        return True

    def action_hand_to_archive(self):
        """Hand a permanent file to the archive institution: it is kept for ever and never disposed of."""
        self._check_archivist()
        for record in self:
            if record.state != "inactive" or record.final_disposition != "permanen":
                raise UserError(self.env._("Only an inactive file whose classification says 'permanent' goes to "
                                           "the archive."))
        self.sudo().write({"state": "permanent"})
        for record in self:
            record._log(self.env._("Handed to the archive institution as a permanent record."))
        return True

    @api.model
    def _cron_retention_alarms(self):
        """Tell each SKPD's archive unit (an activity for its administrators) about files due."""
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        for action in ("transfer", "dispose", "permanent", "review"):
            for record in self.search(self._due_domain(action)):
                if record.activity_ids:
                    continue
                admins = self.env["res.users"].search([
                    ("company_ids", "in", record.company_id.id),
                    ("groups_id", "in", self.env.ref("eoffice_skpd.group_skpd_admin").id), ("share", "=", False)],
                    limit=1)
                if admins:
                    labels = dict(self._fields["due_action"]._description_selection(self.env))
                    record.sudo().activity_schedule(
                        activity_type_id=todo.id if todo else False, user_id=admins.id,
                        summary=self.env._("Archive file due: %(action)s", action=labels[action]))


class EofficeLetter(models.Model):
    _inherit = "eoffice.letter"

    archive_file_id = fields.Many2one("eoffice.archive.file", string="File (Berkas)", index=True, copy=False,
                                      tracking=True, workflow="owned")
    page_count = fields.Integer(string="Pages", compute="_compute_page_count", store=True,
                                help="Pages of the signed PDF: the paper each printed copy would have used.")
    content_disposed = fields.Boolean(string="Content Disposed", readonly=True, copy=False,
                                      help="The letter's content was destroyed under approved minutes; its register "
                                           "entry remains.", workflow="owned")

    @api.depends("pdf_file")
    def _compute_page_count(self):
        from odoo.tools.pdf import PdfFileReader

        for letter in self:
            count = 0
            if letter.pdf_file:
                try:
                    count = PdfFileReader(io.BytesIO(base64.b64decode(letter.pdf_file)), strict=False).getNumPages()
                except Exception:  # noqa: BLE001 - an unreadable PDF counts as none
                    count = 0
            letter.page_count = count

    def _disposal_wipe(self):
        """Remove the letters' text once their file is disposed of (attachments are deleted by the caller)."""
        if self:
            self.flush_recordset()
            self.env.cr.execute("UPDATE eoffice_letter SET body = NULL, signed_body = NULL, ocr_text = NULL, "
                                "content_disposed = true WHERE id IN %s", [tuple(self.ids)])
            self.invalidate_recordset()

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") in FILED_STATES:
            self.filtered(lambda letter: not letter.archive_file_id and letter.classification_id)._file()
        return result

    def _file(self):
        """File each letter into the berkas of its unit, classification and year (made when missing)."""
        Files = self.env["eoffice.archive.file"].sudo()
        for letter in self:
            year = (letter.letter_date or letter.received_date or fields.Date.context_today(self)).year
            key = [("company_id", "=", letter.company_id.id), ("department_id", "=", letter.department_id.id),
                   ("classification_id", "=", letter.classification_id.id), ("year", "=", year)]
            record = Files.search(key, limit=1) or Files.create({
                "name": f"{letter.classification_id.name} {year}", "company_id": letter.company_id.id,
                "department_id": letter.department_id.id, "classification_id": letter.classification_id.id,
                "year": year})
            letter.sudo().archive_file_id = record


class EofficeArchiveDisposal(models.Model):
    """Disposal of inactive files (usul musnah): proposed by the archive unit, approved by the Pemda,
    then carried out. The berita acara pemusnahan is made at approval; content is removed only after
    it, and files marked permanent can never be part of a disposal."""

    _name = "eoffice.archive.disposal"
    _description = "Archive Disposal"
    _inherit = ["mail.thread", "eoffice.workflow.mixin"]
    _order = "create_date desc, id desc"

    name = fields.Char(string="Reference", required=True, workflow=("draft",))
    company_id = fields.Many2one("res.company", string="SKPD", required=True, index=True,
                                 default=lambda self: self.env.company, workflow="create")
    file_ids = fields.Many2many("eoffice.archive.file", string="Files", required=True,
                                domain="[('company_id', '=', company_id), ('state', '=', 'inactive')]",
                                    workflow=("draft",))
    reason = fields.Text(string="Reason", required=True,
                         help="Why the files may go: their retention is over and they have no further use.",
                             workflow=("draft",))
    state = fields.Selection([("draft", "Draft"), ("submitted", "Submitted"), ("approved", "Approved"),
                              ("done", "Disposed")], string="Status", default="draft", required=True, readonly=True,
                             tracking=True, workflow="owned")
    approved_uid = fields.Many2one("res.users", string="Approved By", readonly=True, workflow="owned")
    approved_date = fields.Datetime(string="Approved On", readonly=True, workflow="owned")
    done_date = fields.Datetime(string="Disposed On", readonly=True, workflow="owned")
    minutes_file = fields.Binary(string="Berita Acara", attachment=True, readonly=True, workflow="owned")
    minutes_filename = fields.Char(string="Berita Acara File Name", readonly=True, workflow="owned")
    letter_count = fields.Integer(string="Letters", compute="_compute_letter_count")

    def _compute_letter_count(self):
        for disposal in self:
            disposal.letter_count = sum(disposal.file_ids.mapped("letter_count"))

    @api.constrains("file_ids")
    def _check_files(self):
        for disposal in self:
            permanent = disposal.file_ids.filtered(
                lambda record: record.state == "permanent" or record.final_disposition == "permanen")
            if permanent:
                raise ValidationError(self.env._("Permanent files are never disposed of: %(files)s.",
                                                 files=", ".join(permanent.mapped("name"))))

    def action_submit(self):
        self.env["eoffice.archive.file"]._check_archivist()
        for disposal in self:
            if disposal.state != "draft" or not disposal.file_ids:
                raise UserError(self.env._("Only a draft disposal with files can be submitted."))
            not_due = disposal.file_ids.filtered(lambda record: record.due_action != "dispose")
            if not_due:
                raise UserError(self.env._(
                    "These files are not due for disposal (inactive, retention over, final disposition "
                    "'destroy'): %(files)s.", files=", ".join(not_due.mapped("name"))))
        self.sudo().write({"state": "submitted"})
        self.sudo().file_ids.write({"disposal_id": False})
        for disposal in self:
            disposal.sudo().file_ids.write({"disposal_id": disposal.id})
            disposal._log(self.env._("Proposed for disposal: %(count)s file(s), %(letters)s letter(s).",
                                     count=len(disposal.file_ids), letters=disposal.letter_count))
        return True

    def action_approve(self):
        """The Pemda approves the disposal; the berita acara pemusnahan is made now."""
        if not (self.env.su or self.env.user.has_group("eoffice_skpd.group_pemda_admin")):
            raise AccessError(self.env._("Only the Pemda's archive authority (Pemda administrator) approves a "
                                         "disposal."))
        for disposal in self:
            if disposal.state != "submitted":
                raise UserError(self.env._("Only a submitted disposal can be approved."))
            disposal.sudo().write({"state": "approved", "approved_uid": self.env.uid,
                                   "approved_date": fields.Datetime.now()})
            pdf = disposal._render_minutes()
            filename = f"berita-acara-pemusnahan-{disposal.name}.pdf".replace("/", "-")
            disposal.sudo().write({"minutes_file": base64.b64encode(pdf), "minutes_filename": filename})
            disposal._log(self.env._("Approved; the berita acara pemusnahan is attached."))
        return True

    def action_execute(self):
        """Destroy the content of the files' letters (attachments, PDF, body); keep their register entries."""
        self.env["eoffice.archive.file"]._check_archivist()
        for disposal in self:
            if disposal.state != "approved" or not disposal.minutes_file:
                raise UserError(self.env._("Nothing is destroyed before the disposal is approved with its minutes."))
            files = disposal.sudo().file_ids
            letters = files.letter_ids
            # the signed PDF and scans included (field attachments are hidden from a plain search)
            attachments = self.env["ir.attachment"].sudo().search(
                [("res_model", "=", "eoffice.letter"), ("res_id", "in", letters.ids),
                 "|", ("res_field", "=", False), ("res_field", "!=", False)])
            count = len(attachments)
            attachments.unlink()
            letters.with_context(tracking_disable=True)._disposal_wipe()
            files.write({"state": "disposed"})
            disposal.sudo().write({"state": "done", "done_date": fields.Datetime.now()})
            disposal._log(self.env._("Disposed: %(files)s file(s), %(letters)s letter(s), %(documents)s document(s) "
                                     "destroyed.", files=len(files), letters=len(letters), documents=count))
            for record in files:
                record._log(self.env._("Disposed of under %(ref)s.", ref=disposal.name))
        return True

    def _render_minutes(self):
        self.ensure_one()
        disposal = self.sudo().with_context(lang="id_ID" if self.env["res.lang"]._get_data(code="id_ID")
                                            else self.env.lang)
        # the page label too is in the report's language
        return self.env["eoffice.document"].with_context(lang=disposal.env.lang)._render_pdf(
            "eoffice_letters.archive_disposal_minutes", {
                "o": disposal, "company": disposal.company_id, "pemda": disposal.company_id.pemda_id,
                "date": format_date_id(fields.Date.context_today(self)),
            }, lang=disposal.env.lang)
