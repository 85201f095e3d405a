from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

PRIORITIES = [("0", "Normal"), ("1", "Important"), ("2", "Very Important")]
# default number of days to act, by the letter's urgency (derajat kecepatan)
DEADLINE_DAYS = {"biasa": 7, "segera": 3, "sangat_segera": 1}


class EofficeDisposition(models.Model):
    """One disposition: an official sends an incoming letter on to one or more positions.

    Each addressed position is a branch (eoffice.disposition.branch) with its own state.
    Forwarding a branch creates a child disposition (parent_branch_id). A disposition is
    done when every branch is done; a forwarded branch is done when its forwards are.
    """

    _name = "eoffice.disposition"
    _description = "Disposition"
    _inherit = ["mail.thread", "eoffice.workflow.mixin"]
    _order = "date desc, id desc"
    # made only by disposing (_dispose) or forwarding; cancelled branch by branch, never deleted
    _workflow_initial_states = ("open",)
    _workflow_unlink_states = ()

    letter_id = fields.Many2one("eoffice.letter", string="Letter", required=True, index=True, ondelete="cascade",
                                domain="[('direction', '=', 'incoming')]", workflow="owned")
    company_id = fields.Many2one(related="letter_id.company_id", store=True, index=True, string="SKPD")
    from_position_id = fields.Many2one("eoffice.position", string="From", required=True, index=True, workflow="owned")
    sender_user_id = fields.Many2one("res.users", string="Disposed By", default=lambda self: self.env.user,
                                     readonly=True, workflow="owned")
    parent_branch_id = fields.Many2one("eoffice.disposition.branch", string="Forwarded From", index=True,
                                       ondelete="cascade", readonly=True, workflow="owned")
    parent_id = fields.Many2one(related="parent_branch_id.disposition_id", store=True, index=True,
                                string="Parent Disposition")
    date = fields.Datetime(string="Date", default=fields.Datetime.now, readonly=True, workflow="owned")
    instruction_ids = fields.Many2many("eoffice.disposition.instruction", string="Instructions", workflow="owned")
    note = fields.Text(string="Note", workflow="owned")
    deadline = fields.Date(string="Deadline", required=True, workflow="owned")
    priority = fields.Selection(PRIORITIES, string="Priority", default="0", workflow="owned")
    branch_ids = fields.One2many("eoffice.disposition.branch", "disposition_id", string="Recipients", workflow="owned")
    state = fields.Selection([("open", "In Progress"), ("done", "Done"), ("cancelled", "Cancelled")],
                             string="Status", compute="_compute_state", store=True, recursive=True)
    level = fields.Integer(string="Level", compute="_compute_level", store=True, recursive=True)

    @api.depends("branch_ids.is_done", "branch_ids.state")
    def _compute_state(self):
        for disposition in self:
            live = disposition.branch_ids.filtered(lambda b: b.state != "cancelled")
            if not live:
                disposition.state = "cancelled"
            elif all(live.mapped("is_done")):
                disposition.state = "done"
            else:
                disposition.state = "open"

    @api.depends("parent_id.level")
    def _compute_level(self):
        for disposition in self:
            disposition.level = disposition.parent_id.level + 1 if disposition.parent_id else 1

    @api.depends("from_position_id", "letter_id")
    def _compute_display_name(self):
        for disposition in self:
            disposition.display_name = _("%(seat)s on %(letter)s", seat=disposition.from_position_id.sudo().name,
                                         letter=disposition.letter_id.sudo().display_name)

    @api.model
    def _default_deadline(self, letter):
        today = fields.Date.context_today(self)
        return today + timedelta(days=DEADLINE_DAYS.get(letter.urgency, 7))

    @api.model
    def _allowed_targets(self, from_position):
        """The seats a position may dispose to: its direct subordinates, or (as the Pemda allows)
        every seat below it, or every seat of its SKPD."""
        pemda = from_position.company_id.pemda_id.sudo()
        Position = self.env["eoffice.position"].sudo()
        if pemda.disposition_allow_lateral:
            return Position.search([("company_id", "=", from_position.company_id.id),
                                    ("id", "!=", from_position.id)])
        if pemda.disposition_allow_skip:
            return Position.search([("id", "child_of", from_position.id), ("id", "!=", from_position.id)])
        return from_position.sudo().child_ids.filtered("active")

    @api.model
    def _dispose(self, letter, from_position, positions, instructions=None, note=None, deadline=None,
                 priority="0", parent_branch=None):
        """Create a disposition after checking who may send it to whom."""
        if self.env.user not in from_position.sudo().current_user_ids:
            raise AccessError(_("Only the official holding or acting in %(seat)s can dispose from it.",
                                seat=from_position.sudo().name))
        if parent_branch:
            if parent_branch.sudo().position_id != from_position or parent_branch.sudo().letter_id != letter:
                raise AccessError(_("A disposition is forwarded from the seat it was sent to, on its own letter."))
        else:
            letter.check_access("read")
            if letter.direction != "incoming" or letter.state not in ("received", "read") \
                    or letter.sudo().recipient_position_id != from_position:
                raise AccessError(_("Only the official of the addressed position can dispose this letter, once it "
                                    "is registered."))
        # users create no disposition directly (no create right): this is where one is made
        self.env["res.company"].browse(letter.sudo().company_id.id)._eoffice_check_live(
            "eoffice_disposition_live", _("Disposition"))
        if not positions:
            raise UserError(_("Choose at least one position to dispose the letter to."))
        outside = positions - self._allowed_targets(from_position)
        if outside:
            raise UserError(_("%(seat)s cannot dispose to %(targets)s: a disposition goes to the positions under "
                              "it%(rule)s.", seat=from_position.sudo().name,
                              targets=", ".join(outside.sudo().mapped("name")),
                              rule=_(" (the Pemda does not allow skipping levels or lateral dispositions)")))
        disposition = self.sudo().create({
            "letter_id": letter.id,
            "from_position_id": from_position.id,
            "sender_user_id": self.env.uid,
            "parent_branch_id": parent_branch.id if parent_branch else False,
            "instruction_ids": [fields.Command.set(instructions.ids if instructions else [])],
            "note": note or False,
            "deadline": deadline or self._default_deadline(letter),
            "priority": priority or "0",
            "branch_ids": [fields.Command.create({"position_id": p.id}) for p in positions],
        })
        disposition.branch_ids._notify_holders()
        letter.sudo()._log(_("Disposed by %(seat)s to %(targets)s.", seat=from_position.sudo().name,
                             targets=", ".join(positions.sudo().mapped("name"))))
        return disposition.with_env(self.env)

    # ------------------------------------------------------------------ lembar disposisi
    @api.model
    def _download_sheet(self, letter):
        """The lembar disposisi of a letter as PDF, as an attachment to download."""
        from markupsafe import Markup

        from odoo.addons.eoffice_letters.models.eoffice_letter_pdf import FONTS
        from odoo.addons.eoffice_letters.utils import format_date_id

        document = self.env["eoffice.document"]
        source = letter.sudo().source_letter_id or letter.sudo()
        url = source.verification_url if source.direction == "outgoing" else False
        lang = letter._report_lang()
        pdf = document._render_pdf("eoffice_disposition.disposition_sheet", {
            "letter": letter.sudo().with_context(lang=lang),
            "branches": letter.sudo().disposition_branch_ids.sorted(lambda b: (b.disposition_id.level, b.id)),
            "company": letter.sudo().company_id,
            "fmt": format_date_id,
            "qr": url and document._qr_data_uri(url),
            "url": url,
            "font": Markup(FONTS["arial"]),
        }, lang=lang)
        filename = f"lembar-disposisi-{letter.agenda_number or letter.id}.pdf".replace("/", "-")
        return document._download_action(document._attach(letter, pdf, filename))
