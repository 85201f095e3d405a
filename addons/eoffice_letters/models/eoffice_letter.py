"""The naskah dinas itself: its states and transitions, the fields every letter has, the computed
circle, inbox and buttons, creation and deletion, and the helpers the other concerns share.

The rest of ``eoffice.letter`` lives in one file per concern, beside this one:
drafting and review (``eoffice_letter_drafting``), numbering, signing and its queue, co-signing,
delivery and read receipts, the incoming register and OCR, revocation and correction, the PDF,
archiving; the signing services are the ``signing_backend_*`` files.
"""
from psycopg2.errors import LockNotAvailable

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

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
    _inherit = ["mail.thread", "mail.activity.mixin", "eoffice.workflow.mixin", "eoffice.rule.sql.mixin"]
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
                              default=lambda self: self._default_type_id(),
                                  workflow=DRAFT)
    category = fields.Selection(related="type_id.category", string="Category")
    classification_id = fields.Many2one("eoffice.archive.classification", string="Classification", tracking=True,
                                        help="Kode klasifikasi arsip; it goes into the number.", workflow=DRAFT)
    sifat = fields.Selection(SIFAT, string="Security", required=True, default="biasa", tracking=True, workflow=DRAFT)
    urgency = fields.Selection(URGENCY, string="Urgency", required=True, default="biasa", tracking=True, workflow=DRAFT)
    # sanitize_style: style attributes keep only Odoo's list of layout properties (no position:fixed overlay
    # over the next reader's form, no z-index)
    # the bodies are not prefetched: a list checks its rows' access rules in Python (fetch ->
    # check_access -> filtered_domain), which reads every prefetched column of the page's letters
    body = fields.Html(string="Body", sanitize=True, sanitize_style=True, workflow=DRAFT, prefetch=False)
    signed_body = fields.Html(string="Signed Body", sanitize=True, sanitize_style=True, readonly=True, copy=False,
                              workflow="owned", prefetch=False)
    attachment_ids = fields.Many2many("ir.attachment", "eoffice_letter_attachment_rel", "letter_id",
                                      "attachment_id", string="Enclosures (lampiran)", workflow=DRAFT)
    signer_position_id = fields.Many2one("eoffice.position", string="Signer", tracking=True, check_company=True,
                                         domain="[('company_id', '=', company_id)]", workflow=DRAFT)
    recipient_ids = fields.One2many("eoffice.letter.recipient", "letter_id", string="Recipients", copy=True,
                                    workflow=DRAFT)
    to_recipient_ids = fields.One2many("eoffice.letter.recipient", "letter_id", string="To (Yth.)",
                                       domain=[("kind", "=", "to")], context={"default_kind": "to"}, workflow=DRAFT)
    cc_recipient_ids = fields.One2many("eoffice.letter.recipient", "letter_id", string="Copies (tembusan)",
                                       domain=[("kind", "=", "cc")], context={"default_kind": "cc"}, workflow=DRAFT)
    version_ids = fields.One2many("eoffice.letter.version", "letter_id", string="Versions", copy=False,
                                  workflow="owned")

    # access and inboxes
    # precomputed: written with the new letter, not by an UPDATE that the first search under the
    # confidentiality rule (the duplicate check of the register) would have to flush
    is_confidential = fields.Boolean(string="Confidential", compute="_compute_is_confidential", store=True,
                                     precompute=True)
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

    @api.model
    def _default_type_id(self):
        # the cached xmlid lookup, not env.ref: env.ref checks that the record exists with a query
        return self.env["ir.model.data"]._xmlid_to_res_id("eoffice_letters.letter_type_sd", raise_if_not_found=False)

    # ------------------------------------------------------------------ computes
    @api.depends("name", "number", "agenda_number", "direction", "is_confidential")
    @api.depends_context("uid")
    def _compute_display_name(self):
        # A many2one shows its record's name read as superuser (a recipient line, a control room row, a
        # register entry, the res_name of a file), whoever reads the record that points at the letter: the
        # subject of a Rahasia letter is named to its circle only, others see its reference.
        hidden = self._eoffice_hidden_subjects()
        for letter in self:
            ref = letter.number if letter.direction == "outgoing" else (letter.sender_number or letter.agenda_number)
            name = _("(confidential letter)") if letter.id in hidden else letter.name
            letter.display_name = f"{ref} — {name}" if ref else (name or _("New Letter"))

    def _eoffice_hidden_subjects(self):
        """Ids of the confidential letters whose subject the current user (sudo or not) may not read."""
        uid = self.env.uid
        if uid == SUPERUSER_ID:
            return set()
        return {letter.id for letter in self.sudo() if letter.id and letter.is_confidential
                and letter.create_uid.id != uid and uid not in letter.circle_position_ids.current_user_ids.ids}

    @api.depends("sifat")
    def _compute_is_confidential(self):
        for letter in self:
            letter.is_confidential = letter.sifat in CONFIDENTIAL_SIFAT

    @api.depends("signer_position_id", "review_ids.position_id", "recipient_ids.target_position_id",
                 "recipient_position_id", "cosigner_ids.position_id")

    def _compute_circle(self):
        for letter in self:
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

    # ------------------------------------------------------------------ CRUD guards
    @api.model_create_multi
    def create(self, vals_list):
        letters = super().create(vals_list)
        # an SKPD not yet live with letters makes none of its own; a delivery (sudo) still arrives
        letters.company_id._eoffice_check_live("eoffice_letters_live", self.env._("Letters"))
        for letter, vals in zip(letters, vals_list, strict=True):
            # an explicitly given chain (even an empty one) is kept
            if letter.direction == "outgoing" and letter.state == "draft" and "review_ids" not in vals:
                letter._fill_default_route()
        return letters

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(letter.state != "draft" for letter in self):
            raise UserError(_("Only drafts can be deleted. A signed letter is revoked, never deleted."))

    # ------------------------------------------------------------------ shared by the workflow's steps
    def _notify_pending(self, first=False):
        """An activity for each official of the seats the letter now waits for; the activities of
        the previous step are removed, unless ``first`` says the letters never waited for anyone
        (an incoming letter leaving its draft)."""
        # the cached xmlid lookup, not env.ref (which checks with a query that the type exists)
        todo = self.env["ir.model.data"]._xmlid_to_res_id("mail.mail_activity_data_todo", raise_if_not_found=False)
        for letter in self:
            if not first:
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

    def _lock(self):
        """Take the row lock of the letters, or tell the user someone else is working on them."""
        try:
            # a savepoint keeps the transaction usable, and an expected refusal is not logged as a bad query
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(SQL("SELECT id FROM eoffice_letter WHERE id IN %s FOR UPDATE NOWAIT",
                                        tuple(self.ids)), log_exceptions=False)
        except LockNotAvailable:
            raise UserError(_("Someone else is signing or changing this letter right now; try again in a moment."))
