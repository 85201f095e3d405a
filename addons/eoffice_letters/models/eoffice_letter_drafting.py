"""Drafting and review of an outgoing letter: the review chain (paraf) proposed from the SKPD's
route or the hierarchy, submission, approval, return to the drafter, and the body with its
{{placeholders}} filled."""
from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..utils import format_date_id
from .eoffice_letter import DRAFT


class EofficeLetterDrafting(models.Model):
    """Drafting and review (paraf) of eoffice.letter."""

    _inherit = "eoffice.letter"

    review_ids = fields.One2many("eoffice.letter.review", "letter_id", string="Reviews (paraf)", copy=False,
                                 workflow=DRAFT)
    review_round = fields.Integer(string="Review Round", readonly=True, copy=False, workflow="owned")
    current_review_id = fields.Many2one("eoffice.letter.review", compute="_compute_current_review",
                                        string="Waiting For")

    @api.depends("review_ids.state", "review_ids.sequence")
    def _compute_current_review(self):
        for letter in self:
            pending = letter.review_ids.filtered(lambda r: r.state == "pending").sorted("sequence")
            letter.current_review_id = pending[:1]

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
