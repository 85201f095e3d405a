import base64
import hashlib
import secrets
from datetime import date

from markupsafe import Markup, escape
from psycopg2.errors import LockNotAvailable

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..utils import (
    ROMAN_MONTHS,
    SigningServiceDown,
    format_date_id,
    images_to_pdf,
    ocr_pdf,
    propose_from_text,
    render_number,
)
from .eoffice_letter_type import CONFIDENTIAL_SIFAT, SIFAT, URGENCY

STATES = [
    ("draft", "Draft"),
    ("review", "In Review"),
    ("to_sign", "To Sign"),
    ("cosigning", "Co-signing"),
    ("signed", "Signed"),
    ("sent", "Sent"),
    ("received", "Received"),
    ("read", "Read"),
    ("revoked", "Revoked"),
    ("superseded", "Superseded"),
]
SIGNATURE_KINDS = [
    ("qr", "QR code only (not a certified electronic signature)"),
    ("certified", "Certified electronic signature"),
]
# what a client may change, and only in a draft; every other field is written by the workflow
DRAFT = ("draft",)
TRANSITIONS = (
    ("draft", "review"), ("draft", "to_sign"), ("review", "to_sign"), ("review", "draft"), ("to_sign", "draft"),
    ("to_sign", "cosigning"), ("to_sign", "signed"), ("cosigning", "signed"), ("signed", "sent"),
    ("cosigning", "revoked"), ("signed", "revoked"), ("sent", "revoked"), ("signed", "superseded"),
    ("sent", "superseded"), ("draft", "received"), ("received", "read"),
)


class EofficeLetter(models.Model):
    """One naskah dinas: an outgoing letter from draft to signed and sent, or an incoming one.

    Outgoing: draft -> review (paraf chain) -> to_sign -> signed (numbered, PDF with QR,
    SHA-256, frozen) -> sent (internal recipients get their incoming copy at once).
    Incoming: draft (being registered) -> received (agenda number) -> read.
    """

    _name = "eoffice.letter"
    _description = "Official Letter (Naskah Dinas)"
    _inherit = ["mail.thread", "mail.activity.mixin", "eoffice.workflow.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _workflow_transitions = TRANSITIONS

    name = fields.Char(string="Subject", tracking=True, index="trigram",
                       help="Hal / perihal of the letter.", workflow=DRAFT)
    direction = fields.Selection([("outgoing", "Outgoing"), ("incoming", "Incoming")], string="Direction",
                                 required=True, default="outgoing", readonly=True, index=True, workflow="create")
    state = fields.Selection(STATES, string="Status", default="draft", required=True, readonly=True, copy=False,
                             tracking=True, index=True, workflow="owned")
    company_id = fields.Many2one("res.company", string="SKPD", required=True, index=True,
                                 default=lambda self: self.env.company, workflow=DRAFT)
    department_id = fields.Many2one("hr.department", string="Unit", check_company=True,
                                    help="Unit the letter comes from; its code goes into the number.", workflow=DRAFT)
    type_id = fields.Many2one("eoffice.letter.type", string="Letter Type", required=True, tracking=True,
                              default=lambda self: self.env.ref("eoffice_letters.letter_type_sd", False),
                                  workflow=DRAFT)
    category = fields.Selection(related="type_id.category", string="Category")
    classification_id = fields.Many2one("eoffice.archive.classification", string="Classification", tracking=True,
                                        help="Kode klasifikasi arsip; it goes into the number.", workflow=DRAFT)
    sifat = fields.Selection(SIFAT, string="Security", required=True, default="biasa", tracking=True, workflow=DRAFT)
    urgency = fields.Selection(URGENCY, string="Urgency", required=True, default="biasa", tracking=True, workflow=DRAFT)
    body = fields.Html(string="Body", sanitize=True, workflow=DRAFT)
    signed_body = fields.Html(string="Signed Body", sanitize=True, readonly=True, copy=False, workflow="owned")
    attachment_ids = fields.Many2many("ir.attachment", "eoffice_letter_attachment_rel", "letter_id",
                                      "attachment_id", string="Enclosures (lampiran)", workflow=DRAFT)
    signer_position_id = fields.Many2one("eoffice.position", string="Signer", tracking=True, check_company=True,
                                         domain="[('company_id', '=', company_id)]", workflow=DRAFT)
    review_ids = fields.One2many("eoffice.letter.review", "letter_id", string="Reviews (paraf)", copy=False,
                                 workflow=DRAFT)
    cosigner_ids = fields.One2many("eoffice.letter.cosigner", "letter_id", string="Co-signers", copy=True,
                                   help="Further officials who sign after the signer, in this order.", workflow=DRAFT)
    current_cosigner_id = fields.Many2one("eoffice.letter.cosigner", compute="_compute_current_cosigner",
                                          string="Next Co-signer")
    recipient_ids = fields.One2many("eoffice.letter.recipient", "letter_id", string="Recipients", copy=True,
                                    workflow=DRAFT)
    to_recipient_ids = fields.One2many("eoffice.letter.recipient", "letter_id", string="To (Yth.)",
                                       domain=[("kind", "=", "to")], context={"default_kind": "to"}, workflow=DRAFT)
    cc_recipient_ids = fields.One2many("eoffice.letter.recipient", "letter_id", string="Copies (tembusan)",
                                       domain=[("kind", "=", "cc")], context={"default_kind": "cc"}, workflow=DRAFT)
    version_ids = fields.One2many("eoffice.letter.version", "letter_id", string="Versions", copy=False,
                                  workflow="owned")
    review_round = fields.Integer(string="Review Round", readonly=True, copy=False, workflow="owned")
    current_review_id = fields.Many2one("eoffice.letter.review", compute="_compute_current_review",
                                        string="Waiting For")

    # signing
    number = fields.Char(string="Number", readonly=True, copy=False, index="trigram", tracking=True, workflow="owned")
    letter_date = fields.Date(string="Date", readonly=True, copy=False, workflow="owned")
    verification_token = fields.Char(string="Verification Token", readonly=True, copy=False, index=True,
                                     groups="base.group_user", workflow="owned")
    verification_url = fields.Char(string="Verification URL", compute="_compute_verification_url")
    pdf_file = fields.Binary(string="Signed PDF", attachment=True, readonly=True, copy=False, workflow="owned")
    pdf_filename = fields.Char(string="PDF File Name", readonly=True, copy=False, workflow="owned")
    pdf_sha256 = fields.Char(string="SHA-256 of the PDF", readonly=True, copy=False, workflow="owned")
    signed_date = fields.Datetime(string="Signed On", readonly=True, copy=False, workflow="owned")
    signer_user_id = fields.Many2one("res.users", string="Signed By", readonly=True, copy=False, workflow="owned")
    signer_name = fields.Char(string="Signer's Name", readonly=True, copy=False, workflow="owned")
    signer_nip = fields.Char(string="Signer's NIP", readonly=True, copy=False, workflow="owned")
    signer_title = fields.Char(string="Signed As", readonly=True, copy=False,
                               help="Position in the signature block, with Plt./Plh. for an acting official.",
                                   workflow="owned")
    signer_acting_kind = fields.Selection([("plt", "Plt."), ("plh", "Plh.")], string="Acting", readonly=True,
                                          copy=False, workflow="owned")
    signature_kind = fields.Selection(SIGNATURE_KINDS, string="Signature", readonly=True, copy=False,
                                      default="qr", workflow="owned")
    supersedes_id = fields.Many2one("eoffice.letter", string="Corrects", readonly=True, index=True, copy=False,
                                    help="The signed letter this one corrects and replaces.", workflow="owned")
    superseded_by_id = fields.Many2one("eoffice.letter", string="Superseded By", readonly=True, copy=False,
                                       workflow="owned")
    revoke_reason = fields.Text(string="Reason for Revocation", readonly=True, copy=False, workflow="owned")
    revoked_date = fields.Datetime(string="Revoked On", readonly=True, copy=False, workflow="owned")
    revoked_by_id = fields.Many2one("res.users", string="Revoked By", readonly=True, copy=False, workflow="owned")

    # incoming
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
    ocr_text = fields.Text(string="Scan Text (OCR)", copy=False, index="trigram", workflow=DRAFT)
    duplicate_of_id = fields.Many2one("eoffice.letter", string="Possibly Registered Already",
                                      compute="_compute_duplicate_of")
    read_date = fields.Datetime(string="Read On", readonly=True, copy=False, workflow="owned")
    read_by_id = fields.Many2one("res.users", string="Read By", readonly=True, copy=False, workflow="owned")

    # access and inboxes
    is_confidential = fields.Boolean(string="Confidential", compute="_compute_circle", store=True)
    circle_position_ids = fields.Many2many(
        "eoffice.position", "eoffice_letter_circle_rel", "letter_id", "position_id", string="Circle",
        compute="_compute_circle", store=True,
        help="Seats that may read a Rahasia or Sangat Rahasia letter: the addressed seats and their superiors, "
             "the signer and the reviewers.")
    pending_position_ids = fields.Many2many(
        "eoffice.position", "eoffice_letter_pending_rel", "letter_id", "position_id", string="Awaiting",
        compute="_compute_pending", store=True, help="Seats whose action the letter waits for.")
    can_approve = fields.Boolean(compute="_compute_user_actions")
    can_sign = fields.Boolean(compute="_compute_user_actions")
    can_cosign = fields.Boolean(compute="_compute_user_actions")
    can_mark_read = fields.Boolean(compute="_compute_user_actions")

    _sql_constraints = [
        ("number_uniq", "unique(company_id, number)", "This letter number is already taken in this SKPD."),
        ("token_uniq", "unique(verification_token)", "Verification tokens must be unique."),
        ("agenda_uniq", "unique(company_id, agenda_number)", "This agenda number is already taken in this SKPD."),
    ]

    def init(self):
        super().init()
        # An SKPD's letters newest first, and their total, as the lists ask for them under the SKPD
        # and confidentiality rules: an index-only scan instead of visiting a heap page per letter
        # (65 ms to 17 ms for the first page of 8,000 letters among 1,000,000; docs/performance.md).
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS eoffice_letter_company_direction_id_index
                ON eoffice_letter (company_id, direction, id) INCLUDE (is_confidential, create_uid)
        """)

    # ------------------------------------------------------------------ computes
    @api.depends("name", "number", "agenda_number", "direction")
    def _compute_display_name(self):
        for letter in self:
            ref = letter.number if letter.direction == "outgoing" else (letter.sender_number or letter.agenda_number)
            letter.display_name = f"{ref} — {letter.name}" if ref else (letter.name or _("New Letter"))

    @api.depends("cosigner_ids.state", "cosigner_ids.sequence")
    def _compute_current_cosigner(self):
        for letter in self:
            letter.current_cosigner_id = letter.cosigner_ids.filtered(lambda c: c.state == "pending")[:1]

    @api.depends("review_ids.state", "review_ids.sequence")
    def _compute_current_review(self):
        for letter in self:
            pending = letter.review_ids.filtered(lambda r: r.state == "pending").sorted("sequence")
            letter.current_review_id = pending[:1]

    def _compute_verification_url(self):
        base = self.env["ir.config_parameter"].sudo().get_param("eoffice.verify_base_url") \
            or self.browse().get_base_url()
        for letter in self:
            token = letter.sudo().verification_token
            letter.verification_url = f"{base.rstrip('/')}/eoffice/verify/{token}" if token else False

    @api.depends("sifat", "signer_position_id", "review_ids.position_id", "recipient_ids.target_position_id",
                 "recipient_position_id", "cosigner_ids.position_id")
    def _compute_circle(self):
        for letter in self:
            letter.is_confidential = letter.sifat in CONFIDENTIAL_SIFAT
            addressed = letter.recipient_ids.target_position_id | letter.recipient_position_id
            ancestor_ids = {int(pid) for path in addressed.sudo().mapped("parent_path") if path
                            for pid in path.strip("/").split("/")}
            seats = addressed | letter.signer_position_id | letter.review_ids.position_id \
                | letter.cosigner_ids.position_id
            letter.circle_position_ids = seats | self.env["eoffice.position"].browse(ancestor_ids)

    @api.depends("state", "review_ids.state", "signer_position_id", "recipient_position_id", "cosigner_ids.state")
    def _compute_pending(self):
        for letter in self:
            if letter.state == "review":
                pending = letter.review_ids.filtered(lambda r: r.state == "pending").sorted("sequence")[:1]
                letter.pending_position_ids = pending.position_id
            elif letter.state == "to_sign":
                letter.pending_position_ids = letter.signer_position_id
            elif letter.state == "cosigning":
                letter.pending_position_ids = letter.cosigner_ids.filtered(lambda c: c.state == "pending")[:1] \
                    .position_id
            elif letter.state == "received":
                letter.pending_position_ids = letter.recipient_position_id
            else:
                letter.pending_position_ids = False

    @api.depends("state", "current_review_id", "signer_position_id", "recipient_position_id", "current_cosigner_id")
    @api.depends_context("uid")
    def _compute_user_actions(self):
        user = self.env.user
        for letter in self:
            letter.can_approve = letter.state == "review" and user in letter.current_review_id.position_id.sudo() \
                .current_user_ids
            letter.can_sign = letter.state == "to_sign" and user in letter.signer_position_id.sudo().current_user_ids
            letter.can_cosign = letter.state == "cosigning" and user in letter.current_cosigner_id.position_id \
                .sudo().current_user_ids
            letter.can_mark_read = letter.state == "received" and (
                not letter.recipient_position_id or user in letter.recipient_position_id.sudo().current_user_ids)

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

    # ------------------------------------------------------------------ onchanges and defaults
    @api.onchange("type_id")
    def _onchange_type_id(self):
        if self.type_id and self.state == "draft":
            self.sifat = self.type_id.default_sifat
            self.urgency = self.type_id.default_urgency
            if self.type_id.body_template and not self.body:
                self.body = self.type_id.body_template
            self._fill_default_route()

    @api.onchange("signer_position_id")
    def _onchange_signer_position_id(self):
        if self.state == "draft" and self.direction == "outgoing":
            self._fill_default_route()

    def _drafter_seat(self):
        seats = self.env.user.eoffice_position_ids.filtered(lambda p: p.company_id == self.company_id)
        return seats[:1]

    def _fill_default_route(self):
        """Propose the review chain: the SKPD's route for the type, else the hierarchy between
        the drafter's seat and the signer's seat (paraf berjenjang)."""
        if self.review_ids.filtered(lambda r: r.state != "planned"):
            return
        route = self.env["eoffice.letter.route"]._find(self.company_id, self.type_id)
        if route and not self.signer_position_id:
            self.signer_position_id = route.signer_position_id
        positions = self.env["eoffice.position"]
        if route:
            positions = route.step_ids.position_id
        elif self.signer_position_id:
            seat = self._drafter_seat()
            path = [int(x) for x in (seat.sudo().parent_path or "").strip("/").split("/") if x]
            if self.signer_position_id.id in path[:-1]:
                between = path[path.index(self.signer_position_id.id) + 1:-1]
                positions = positions.browse(list(reversed(between)))
        self.review_ids = [fields.Command.clear()] + [
            fields.Command.create({"position_id": p.id, "sequence": (i + 1) * 10}) for i, p in enumerate(positions)]

    # ------------------------------------------------------------------ CRUD guards
    @api.model_create_multi
    def create(self, vals_list):
        letters = super().create(vals_list)
        for letter, vals in zip(letters, vals_list, strict=True):
            # an explicitly given chain (even an empty one) is kept
            if letter.direction == "outgoing" and letter.state == "draft" and "review_ids" not in vals:
                letter._fill_default_route()
        return letters

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(letter.state != "draft" for letter in self):
            raise UserError(_("Only drafts can be deleted. A signed letter is revoked, never deleted."))

    # ------------------------------------------------------------------ review
    def _check_required_for_submit(self):
        for letter in self:
            missing = []
            if not letter.name:
                missing.append(_("the subject"))
            if not letter.classification_id:
                missing.append(_("the archive classification"))
            if not letter.signer_position_id:
                missing.append(_("the signer"))
            if not letter.to_recipient_ids:
                missing.append(_("at least one recipient"))
            if not letter.body or not letter.body.striptags().strip():
                missing.append(_("the body"))
            if missing:
                raise UserError(_("%(letter)s cannot go further yet; give %(missing)s.",
                                  letter=letter.display_name, missing=", ".join(missing)))

    def action_submit(self):
        """Send the draft into its review chain (or straight to the signer when there is none)."""
        for letter in self:
            if letter.direction != "outgoing" or letter.state != "draft":
                raise UserError(_("Only an outgoing draft can be submitted."))
            letter.check_access("write")
            letter._check_required_for_submit()
            round_no = letter.review_round + 1
            planned = letter.review_ids.filtered(lambda r: r.state == "planned")
            planned.sudo().write({"round": round_no, "state": "pending"})
            letter.env["eoffice.letter.version"].sudo().create({
                "letter_id": letter.id, "version_no": len(letter.version_ids) + 1, "event": "submitted",
                "subject": letter.name, "body": letter.body,
            })
            state = "review" if planned else "to_sign"
            letter._workflow_write({"state": state, "review_round": round_no})
            letter._log(_("Submitted for review (round %(round)s).", round=round_no))
            letter._notify_pending()
        return True

    def _notify_pending(self):
        """An activity for each official of the seats the letter now waits for."""
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        for letter in self:
            letter.sudo().activity_unlink(["mail.mail_activity_data_todo"])
            summary = {"review": _("Review (paraf)"), "to_sign": _("Sign"), "cosigning": _("Co-sign"),
                       "received": _("Read")}.get(letter.state)
            if not todo or not summary:
                continue
            for user in letter.pending_position_ids.sudo().current_user_ids:
                if letter._user_can_read(user):
                    # sudo: assigning notifies by e-mail, which must not fail for an official without an address
                    letter.sudo().activity_schedule("mail.mail_activity_data_todo", user_id=user.id, summary=summary)

    def _user_can_read(self, user):
        return self.with_user(user).with_context(allowed_company_ids=user.company_ids.ids).has_access("read")

    def _check_seat(self, position, action):
        if self.env.user not in position.sudo().current_user_ids:
            raise AccessError(_("Only the official holding or acting in %(seat)s can %(action)s this letter.",
                                seat=position.sudo().display_name, action=action))

    def action_approve(self, note=None):
        """Paraf by the current reviewer."""
        for letter in self:
            review = letter.current_review_id
            if letter.state != "review" or not review:
                raise UserError(_("%(letter)s is not waiting for a review.", letter=letter.display_name))
            letter._check_seat(review.position_id, _("review"))
            review.sudo().write({"state": "approved", "user_id": self.env.uid, "date": fields.Datetime.now(),
                                 "reviewer_name": self.env.user.name, "note": note or False})
            if not letter.review_ids.filtered(lambda r: r.state == "pending"):
                letter._workflow_write({"state": "to_sign"})
            letter.sudo()._compute_pending()
            letter._log(_("Paraf by %(name)s (%(seat)s).", name=self.env.user.name,
                                       seat=review.position_id.sudo().name))
            letter._notify_pending()
        return True

    def action_return(self, note):
        """The reviewer (or the signer) sends the draft back to the drafter with notes."""
        if not (note or "").strip():
            raise UserError(_("Say what has to change: notes are required to return a draft."))
        for letter in self:
            if letter.state == "review":
                review = letter.current_review_id
                letter._check_seat(review.position_id, _("return"))
            elif letter.state == "to_sign":
                letter._check_seat(letter.signer_position_id, _("return"))
                review = letter.env["eoffice.letter.review"].sudo().create({
                    "letter_id": letter.id, "position_id": letter.signer_position_id.id, "sequence": 999,
                    "round": letter.review_round, "state": "pending"})
            else:
                raise UserError(_("Only a letter in review or waiting for signature can be returned."))
            review.sudo().write({"state": "returned", "user_id": self.env.uid, "date": fields.Datetime.now(),
                                 "reviewer_name": self.env.user.name, "note": note})
            round_no = letter.review_round
            current = letter.review_ids.filtered(lambda r, n=round_no: r.round == n and r.sequence < 999)
            (current - review).filtered(lambda r: r.state == "pending").sudo().write({"state": "cancelled"})
            # the next submission goes through the same chain again
            letter.env["eoffice.letter.review"].sudo().create([
                {"letter_id": letter.id, "position_id": r.position_id.id, "sequence": r.sequence}
                for r in current.sorted("sequence")])
            letter._workflow_write({"state": "draft"})
            letter._log(_("Returned to the drafter by %(name)s: %(note)s", name=self.env.user.name,
                                       note=note))
            letter.sudo().activity_unlink(["mail.mail_activity_data_todo"])
            if letter.create_uid and letter._user_can_read(letter.create_uid):
                letter.sudo().activity_schedule("mail.mail_activity_data_todo", user_id=letter.create_uid.id,
                                         summary=_("Revise the draft"), note=note)
        return True

    def action_open_return_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Return to the Drafter"),
            "res_model": "eoffice.letter.return.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_letter_id": self.id},
        }

    # ------------------------------------------------------------------ signing
    def _number_values(self, seq, date):
        company = self.company_id
        unit = self.department_id.unit_code or company.skpd_short_code or company.skpd_code or ""
        return {
            "classification": self.classification_id.code or "",
            "seq": seq,
            "unit": unit,
            "skpd": company.skpd_short_code or company.skpd_code or "",
            "type": self.type_id.code,
            "month": date.month,
            "month_roman": ROMAN_MONTHS[date.month - 1],
            "year": date.year,
        }

    def _numbering(self):
        # the Pemda's record is out of an SKPD user's reach; its numbering settings are not secret
        pemda = self.company_id.pemda_id.sudo()
        pattern = self.type_id.number_pattern or pemda.letter_number_pattern
        scope = self.type_id.sequence_scope or pemda.letter_sequence_scope or "skpd_year"
        return pattern, scope

    def _scope_key(self, scope, year):
        if scope == "classification":
            return f"letter/{year}/class/{self.classification_id.code}"
        if scope == "type":
            return f"letter/{year}/type/{self.type_id.code}"
        return f"letter/{year}"

    def _assign_number(self, date):
        pattern, scope = self._numbering()
        token = {"type": "{type", "classification": "{classification"}.get(scope)
        if token and token not in pattern:
            label = {"type": _("letter type"), "classification": _("classification")}[scope]
            raise UserError(_("Numbers are counted per %(scope)s, but the number pattern %(pattern)s has no "
                              "%(token)s}: numbers would clash. Add it to the pattern, or change the sequence "
                              "scope.", scope=label, pattern=pattern, token=token))
        seq = self.env["eoffice.letter.sequence"].sudo()._next(self.company_id, self._scope_key(scope, date.year))
        try:
            return render_number(pattern, self._number_values(seq, date))
        except (KeyError, ValueError, IndexError):
            raise UserError(_("The number pattern %(pattern)s cannot be used; fix it in the letter type or "
                              "the Pemda's settings.", pattern=pattern))

    def _signer_identity(self):
        """Who signs and how the signature block reads, for the current user in the signer seat."""
        return self._seat_identity(self.signer_position_id)

    def _seat_identity(self, position):
        position = position.sudo()
        user = self.env.user
        acting = position.current_acting_id
        if acting and acting.employee_id.user_id == user:
            employee, kind = acting.employee_id, acting.kind
        elif position.employee_id.user_id == user:
            employee, kind = position.employee_id, False
        else:
            employee = position.current_employee_ids.filtered(lambda e: e.user_id == user)[:1]
            kind = acting.kind if acting and acting.employee_id == employee else False
        prefix = {"plt": "Plt. ", "plh": "Plh. "}.get(kind, "")
        return {
            "signer_user_id": user.id,
            "signer_name": employee.name or user.name,
            "signer_nip": employee.nip or False,
            "signer_title": f"{prefix}{position.name}",
            "signer_acting_kind": kind or False,
        }

    def _lock(self):
        """Take the row lock of the letters, or tell the user someone else is working on them."""
        try:
            # a savepoint keeps the transaction usable, and an expected refusal is not logged as a bad query
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(SQL("SELECT id FROM eoffice_letter WHERE id IN %s FOR UPDATE NOWAIT",
                                        tuple(self.ids)), log_exceptions=False)
        except LockNotAvailable:
            raise UserError(_("Someone else is signing or changing this letter right now; try again in a moment."))

    def _signing_backend(self):
        pemda = self.company_id.pemda_id.sudo()
        return pemda.signing_backend or "qr"

    def action_sign(self, passphrase=None):
        """Number, render, (PAdES-sign,) hash and freeze the letter. Any failure rolls the number back.

        With a certificate authority and no passphrase given, the passphrase dialog opens instead."""
        if passphrase is None and any(letter._signing_backend() != "qr" for letter in self):
            self.ensure_one()
            return self._sign_wizard_action()
        for letter in self:
            if letter._signing_backend() == "bsre":
                letter._sign_or_queue(passphrase)
            else:
                letter._sign_one(passphrase)
        return True

    def _sign_wizard_action(self, cosign=False):
        """The dialog asking the passphrase of the current user's certificate."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Sign with Your Certificate"),
            "res_model": "eoffice.letter.sign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_letter_id": self.id, "default_cosign": cosign},
        }

    def _my_certificate(self):
        certificate = self.env["eoffice.signing.certificate"]._of_user(self.env.user)
        if not certificate:
            raise UserError(_("You have no valid signing certificate. Request yours under Official Letters "
                              "→ My Signing Certificate, then sign again."))
        return certificate

    def _sign_one(self, passphrase=None):
        letter = self
        if letter.direction != "outgoing" or letter.state != "to_sign":
            raise UserError(_("%(letter)s is not waiting for a signature.", letter=letter.display_name))
        letter._check_seat(letter.signer_position_id, _("sign"))
        if letter.supersedes_id and letter.signer_position_id != letter.supersedes_id.sudo().signer_position_id:
            # superseding is as strong as revoking: only the seat that signed the letter replaces it
            raise AccessError(_("A correction is signed by the seat that signed the letter it corrects (%(seat)s).",
                                seat=letter.supersedes_id.sudo().signer_position_id.display_name))
        letter._check_required_for_submit()
        letter._lock()
        today = fields.Date.context_today(letter)
        values = letter._signer_identity()
        values.update({
            "number": letter._assign_number(today),
            "letter_date": today,
            "verification_token": secrets.token_urlsafe(24),
            "signature_kind": "qr",
        })
        letter._workflow_write(values)
        letter._workflow_write({"signed_body": letter._render_body()})
        pdf = letter._render_pdf()
        backend = letter._signing_backend()
        if backend == "pemda_ca":
            certificate = self._my_certificate()
            pdf = certificate._sign_pdf(
                pdf, (passphrase or "").encode(), "Signature1",
                reason=_("Signed as %(title)s, number %(number)s", title=letter.signer_title,
                         number=letter.number),
                location=letter.company_id.city or letter.company_id.name)
            letter._workflow_write({"signature_kind": "certified"})
        elif backend == "bsre":
            pdf = letter._bsre_sign(pdf, passphrase or "")
            letter._workflow_write({"signature_kind": "certified"})
        letter._workflow_write({
            "state": "cosigning" if letter.cosigner_ids else "signed",
            "pdf_file": base64.b64encode(pdf),
            "pdf_filename": letter._pdf_filename(),
            "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
            "signed_date": fields.Datetime.now(),
        })
        letter.env["eoffice.letter.version"].sudo().create({
            "letter_id": letter.id, "version_no": len(letter.version_ids) + 1, "event": "signed",
            "subject": letter.name, "body": letter.signed_body,
        })
        if letter.supersedes_id:
            old = letter.supersedes_id.sudo()
            old._workflow_write({"state": "superseded", "superseded_by_id": letter.id})
            old.env["eoffice.signing.register"].sudo()._append(old, "superseded")
            old._log(_("Superseded by the correction %(number)s.", number=letter.number))
        if letter.sign_queued:
            letter.sudo()._workflow_write({"sign_queued": False, "sign_queue_secret": False})
        letter.sudo().activity_unlink(["mail.mail_activity_data_todo"])
        if letter.state == "cosigning":
            letter._notify_pending()
        letter._log(_("Signed by %(title)s %(name)s as number %(number)s.",
                      title=letter.signer_title, name=letter.signer_name, number=letter.number))
        letter.env["eoffice.signing.register"].sudo()._append(letter, "signed")

    def action_cosign(self, passphrase=None):
        """The next co-signer adds their signature to the signed PDF; the last one completes the letter."""
        self.ensure_one()
        cosigner = self.current_cosigner_id
        if self.state != "cosigning" or not cosigner:
            raise UserError(_("%(letter)s is not waiting for a co-signature.", letter=self.display_name))
        self._check_seat(cosigner.position_id, _("co-sign"))
        backend = self._signing_backend()
        if passphrase is None and backend != "qr":
            return self._sign_wizard_action(cosign=True)
        self._lock()
        identity = self._seat_identity(cosigner.position_id)
        pdf = base64.b64decode(self.pdf_file)
        field = f"Signature{len(self.cosigner_ids.filtered(lambda c: c.state == 'signed')) + 2}"
        if backend == "pemda_ca":
            certificate = self._my_certificate()
            index = int(field.removeprefix("Signature")) - 1
            pdf = certificate._sign_pdf(pdf, passphrase.encode(), field,
                                        reason=_("Co-signed as %(title)s", title=identity["signer_title"]),
                                        location=self.company_id.city or self.company_id.name,
                                        box=(40, 70 + 50 * (index - 1), 270, 115 + 50 * (index - 1)))
        elif backend == "bsre":
            try:
                pdf = self._bsre_sign(pdf, passphrase)
            except SigningServiceDown as err:
                raise UserError(_("The signing service is unavailable (%(error)s); co-sign again later.",
                                  error=str(err)[:200])) from err
        cosigner.sudo().write({"state": "signed", "signer_user_id": self.env.uid, "date": fields.Datetime.now(),
                               "signer_name": identity["signer_name"], "signer_title": identity["signer_title"],
                               "signer_nip": identity["signer_nip"]})
        values = {"pdf_file": base64.b64encode(pdf), "pdf_sha256": hashlib.sha256(pdf).hexdigest()}
        if not self.cosigner_ids.filtered(lambda c: c.state == "pending"):
            values["state"] = "signed"
        self._workflow_write(values)
        self.env["eoffice.signing.register"].sudo()._append(self, "cosigned")
        self._log(_("Co-signed by %(title)s %(name)s.", title=identity["signer_title"],
                    name=identity["signer_name"]))
        self._notify_pending()
        return True

    def _pdf_filename(self):
        safe = "".join(c if c.isalnum() else "-" for c in (self.number or self.name or "surat"))
        return f"{safe.strip('-')}.pdf"

    def _placeholder_values(self):
        recipients = ", ".join(self.to_recipient_ids.mapped("label"))
        return {
            "tanggal": format_date_id(self.letter_date or fields.Date.context_today(self)),
            "nomor": self.number or _("(number given at signing)"),
            "penerima": recipients,
            "klasifikasi": self.classification_id.display_name or "",
            "jabatan_penandatangan": self.signer_title or self.signer_position_id.sudo().name or "",
            "nama_penandatangan": self.signer_name or "",
            "nip_penandatangan": self.signer_nip or "",
            "skpd": self.company_id.name or "",
        }

    def _render_body(self):
        """The body with its {{placeholders}} filled (values are escaped)."""
        body = self.body or Markup("")
        for key, value in self._placeholder_values().items():
            body = body.replace("{{%s}}" % key, str(escape(value)))
        return Markup(body)

    # ------------------------------------------------------------------ sending and reading
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
                                 kind=dict(line._fields["kind"].selection).get(line.kind)))
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

    # ------------------------------------------------------------------ revocation and correction
    def action_revoke(self, reason):
        if not (reason or "").strip():
            raise UserError(_("Give the reason for revoking the letter."))
        for letter in self:
            if letter.state not in ("signed", "sent"):
                raise UserError(_("Only a signed letter can be revoked."))
            user = self.env.user
            if user not in letter.signer_position_id.sudo().current_user_ids \
                    and not user.has_group("eoffice_skpd.group_skpd_admin"):
                raise AccessError(_("Only the signer's seat or the SKPD administrator can revoke a letter."))
            letter._workflow_write({"state": "revoked", "revoke_reason": reason,
                                      "revoked_date": fields.Datetime.now(), "revoked_by_id": user.id})
            letter.env["eoffice.signing.register"].sudo()._append(letter, "revoked")
            letter._log(_("Revoked: %(reason)s", reason=reason))
            for copy in letter.sudo().recipient_ids.incoming_letter_id:
                copy._log(_("The sender revoked this letter: %(reason)s", reason=reason))
        return True

    def action_open_revoke_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Revoke the Letter"),
            "res_model": "eoffice.letter.revoke.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_letter_id": self.id},
        }

    def action_correct(self):
        """A new draft that, once signed, supersedes this letter."""
        self.ensure_one()
        if self.state not in ("signed", "sent") or self.direction != "outgoing":
            raise UserError(_("Only a signed letter can be corrected."))
        user = self.env.user
        if user != self.create_uid and user not in self.signer_position_id.sudo().current_user_ids \
                and not user.has_group("eoffice_skpd.group_skpd_admin"):
            raise AccessError(_("Only the drafter, the signer's seat or the SKPD administrator can correct a letter."))
        if self.superseded_by_id or self.search_count([("supersedes_id", "=", self.id), ("state", "!=", "revoked")]):
            raise UserError(_("A correction of this letter already exists."))
        correction = self.copy({"body": self.body})
        correction._workflow_write({"supersedes_id": self.id})
        correction._log(_("Correction of %(number)s.", number=self.number))
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": correction.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------ incoming register
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

    @api.model
    def _demo_letters(self):
        """Demo data: letters at every stage, made through the real workflow by the demo users."""
        ref = self.env.ref
        staff = ref("eoffice_skpd.user_skpd_kominfo_aptika_staff")
        kasi = ref("eoffice_letters.user_kominfo_kasi_aptika")
        kadis = ref("eoffice_skpd.user_skpd_kominfo_head")
        tu = ref("eoffice_skpd.user_skpd_kominfo_tu")
        kominfo = ref("eoffice_skpd.skpd_kominfo")

        def as_user(user, records):
            return records.with_user(user).with_context(allowed_company_ids=user.company_ids.ids)

        Letter = as_user(staff, self)
        common = {"company_id": kominfo.id, "type_id": ref("eoffice_letters.letter_type_sd").id,
                  "signer_position_id": ref("eoffice_skpd.pos_skpd_kominfo_head").id}
        sent = Letter.create(dict(common,
            name="Undangan Rapat Koordinasi Satu Data Indonesia Tingkat Kabupaten",
            classification_id=ref("eoffice_letters.archive_classification_000_5").id,
            body="<p>Dalam rangka penyelenggaraan Satu Data Indonesia di Kabupaten Contoh, dengan hormat kami "
                 "mengundang {{penerima}} untuk hadir pada rapat koordinasi yang akan dilaksanakan pada:</p>"
                 "<p>hari/tanggal: Kamis, 26 November 2026<br/>pukul: 09.00 WIB s.d. selesai<br/>"
                 "tempat: Ruang Rapat Diskominfo, Jl. Pemuda No. 12</p>"
                 "<p>Mengingat pentingnya acara tersebut, dimohon kehadiran tepat pada waktunya. "
                 "Atas perhatian dan kerja samanya, kami ucapkan terima kasih.</p>",
            to_recipient_ids=[(0, 0, {"recipient_type": "position",
                                      "position_id": ref("eoffice_skpd.pos_skpd_dinkes_head").id}),
                              (0, 0, {"recipient_type": "skpd",
                                      "target_company_id": ref("eoffice_skpd.skpd_bappeda").id})],
            cc_recipient_ids=[(0, 0, {"recipient_type": "external",
                                      "external_name": "Bupati Contoh (sebagai laporan)"})],
        ))
        sent.action_submit()
        as_user(kasi, sent).action_approve()
        as_user(kadis, sent).action_sign()
        as_user(tu, sent).action_send()
        in_review = Letter.create(dict(common,
            name="Permohonan Data Jaringan Internet Kantor Kecamatan",
            classification_id=ref("eoffice_letters.archive_classification_500_12").id,
            body="<p>Sehubungan dengan pemetaan jaringan internet kantor pemerintahan, kami mohon {{penerima}} "
                 "menyampaikan data jaringan internet di wilayah kerja Saudara.</p>",
            to_recipient_ids=[(0, 0, {"recipient_type": "skpd",
                                      "target_company_id": ref("eoffice_skpd.skpd_kec_kota").id})],
        ))
        in_review.action_submit()
        incoming = as_user(tu, self).create({
            "direction": "incoming", "company_id": kominfo.id,
            "name": "Permohonan Narasumber Literasi Digital",
            "sender_name": "Kepala Kantor Wilayah Kementerian Agama Kabupaten Contoh",
            "sender_number": "B-1123/Kk.11.25/HM.01/11/2026",
            # the clerk's today, as registering uses it (the superuser's time zone may be a day ahead)
            "sender_date": fields.Date.context_today(as_user(tu, self)), "urgency": "segera",
            "recipient_position_id": ref("eoffice_skpd.pos_skpd_kominfo_head").id,
        })
        incoming.action_register()
